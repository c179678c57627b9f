/**
 * lrdecay: Keras learning-rate schedules in TypeScript, bit for bit, one step at a time or
 * millions at once on a WebAssembly kernel.
 */
export { ExponentialDecay, type ExponentialDecayConfig, type ExponentialDecayOptions } from "./exponentialDecay.js";
export { LearningRateSchedule } from "./schedule.js";
export { deserialize, serialize, toKerasJSON, type SerializedSchedule } from "./serialization.js";
export { KernelNotReadyError, ready, type KernelInfo } from "./wasm.js";
export type { Steps } from "./steps.js";
export type { Backend, BatchOptions, DType, FloatArray } from "./types.js";
