/**
 * lrdecay/transformers: Hugging Face transformers' learning-rate schedules (src/transformers/optimization.py),
 * as HF computes them: each get_* function returns the torch scheduler HF returns (lrdecay/torch's
 * LambdaLR over HF's own lambda, or its ReduceLROnPlateau), and every value is HF's lambda operation
 * by operation in float64, with math.cos and ** correctly rounded, times the group's lr. One step at
 * a time (`step()`, `getLastLr()`), or a million steps in one `range` call on the Wasm kernels.
 */
export {
  getConstantSchedule, getConstantScheduleWithWarmup, getLinearScheduleWithWarmup, getCosineScheduleWithWarmup,
  getCosineWithHardRestartsScheduleWithWarmup, getPolynomialDecayScheduleWithWarmup, getInverseSqrtSchedule,
  getCosineWithMinLrScheduleWithWarmup, getCosineWithMinLrScheduleWithWarmupLrRate, getWsdSchedule,
  getWarmupStableDecaySchedule, getReduceOnPlateauSchedule, type WsdOptions, type PlateauKwargs,
} from "./schedules.js";
export { getScheduler, SchedulerType, type SchedulerTypeName, type GetSchedulerOptions } from "./getScheduler.js";
export type { WsdType } from "./lambdas.js";
export { LambdaLR, ReduceLROnPlateau, LRScheduler, type LambdaBatch, type LrLambda, type OptimizerLike, type RangeOptions, type StateDict } from "../torch/index.js";
export { KernelNotReadyError, ready, type KernelInfo } from "../core/wasm.js";
