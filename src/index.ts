/**
 * lrdecay: Keras learning-rate schedules in TypeScript, Keras' formula with every rounding decided
 * exactly, one step at a time or millions at once on a WebAssembly kernel.
 */
export * from "./keras/index.js";
export { LearningRateSchedule, type SerializedSchedule } from "./core/schedule.js";
export { SCHEDULES, type ScheduleName } from "./core/registry.js";
export {
  deserialize, findSchedule, loadSchedule, serialize, toKerasJSON,
  type CustomScheduleClass, type DeserializeOptions, type FoundSchedule,
} from "./core/serialization.js";
export type { Arg, ArgKind } from "./core/args.js";
export type { Steps } from "./core/steps.js";
export type { ArrayFor, Backend, BatchOptions, DType, FloatArray } from "./core/types.js";
