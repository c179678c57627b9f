/**
 * lrdecay/torch: every scheduler of torch.optim.lr_scheduler, computing PyTorch's own numbers:
 * its code operation by operation in float64, with every math.cos, math.log and float ** correctly
 * rounded. One step at a time (`step()`, `getLastLr()`), or a million steps in one `range` call.
 */
export { LRScheduler, EPOCH_DEPRECATION_WARNING, type RangeOptions, type StateDict } from "./scheduler.js";
export { LambdaLR, MultiplicativeLR, StepLR, MultiStepLR, ConstantLR, LinearLR, ExponentialLR, PolynomialLR, type LambdaBatch, type LrLambda } from "./multiplicative.js";
export { CosineAnnealingLR } from "./cosineAnnealingLR.js";
export { CosineAnnealingWarmRestarts } from "./cosineAnnealingWarmRestarts.js";
export { CyclicLR, OneCycleLR } from "./cyclic.js";
export { SequentialLR, ChainedScheduler } from "./composite.js";
export { ReduceLROnPlateau, type PlateauRangeOptions } from "./reduceLROnPlateau.js";
export type { OptimizerLike, ParamGroup, TfjsOptimizerLike, TorchOptimizerLike } from "./optimizer.js";
export { KernelNotReadyError, ready, type KernelInfo } from "../core/wasm.js";
