/**
 * Keras' six learning-rate schedules (keras.optimizers.schedules), Keras' formula with every
 * rounding decided exactly. The package's entry `lrdecay` (src/index.ts), which `lrdecay/keras` also
 * names, exports them with Keras JSON and the schedules of one's own: one entry, not two, so that a
 * page importing both names loads one copy and no empty chunk between them.
 */
export { ExponentialDecay, type ExponentialDecayConfig, type ExponentialDecayOptions } from "./exponentialDecay.js";
export { CosineDecay, type CosineDecayConfig, type CosineDecayOptions } from "./cosineDecay.js";
export { CosineDecayRestarts, type CosineDecayRestartsConfig, type CosineDecayRestartsOptions } from "./cosineDecayRestarts.js";
export { InverseTimeDecay, type InverseTimeDecayConfig, type InverseTimeDecayOptions } from "./inverseTimeDecay.js";
export { PiecewiseConstantDecay, type PiecewiseConstantDecayConfig, type PiecewiseConstantDecayOptions } from "./piecewiseConstantDecay.js";
export { PolynomialDecay, type PolynomialDecayConfig, type PolynomialDecayOptions } from "./polynomialDecay.js";
export { KernelNotReadyError, ready, type KernelInfo } from "../core/wasm.js";
