/**
 * lrdecay: Keras learning-rate schedules in TypeScript, Keras' formula with every rounding decided
 * exactly, one step at a time or millions at once on a WebAssembly kernel.
 */
export { ExponentialDecay, type ExponentialDecayConfig, type ExponentialDecayOptions } from "./schedules/exponentialDecay.js";
export { CosineDecay, type CosineDecayConfig, type CosineDecayOptions } from "./schedules/cosineDecay.js";
export {
  CosineDecayRestarts, type CosineDecayRestartsConfig, type CosineDecayRestartsOptions,
} from "./schedules/cosineDecayRestarts.js";
export { InverseTimeDecay, type InverseTimeDecayConfig, type InverseTimeDecayOptions } from "./schedules/inverseTimeDecay.js";
export {
  PiecewiseConstantDecay, type PiecewiseConstantDecayConfig, type PiecewiseConstantDecayOptions,
} from "./schedules/piecewiseConstantDecay.js";
export { PolynomialDecay, type PolynomialDecayConfig, type PolynomialDecayOptions } from "./schedules/polynomialDecay.js";
export { LearningRateSchedule, type SerializedSchedule } from "./core/schedule.js";
export { SCHEDULES, type ScheduleName } from "./core/registry.js";
export {
  deserialize, findSchedule, loadSchedule, serialize, toKerasJSON,
  type CustomScheduleClass, type DeserializeOptions, type FoundSchedule,
} from "./core/serialization.js";
export { KernelNotReadyError, ready, type KernelInfo } from "./core/wasm.js";
export type { Arg, ArgKind } from "./core/args.js";
export type { Steps } from "./core/steps.js";
export type { ArrayFor, Backend, BatchOptions, DType, FloatArray } from "./core/types.js";
