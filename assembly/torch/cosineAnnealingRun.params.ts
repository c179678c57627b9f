// The parameter slots of CosineAnnealingLR's run kernel (cosineAnnealingLR.ts'
// cosineAnnealingRun64), read by the kernel, its twin and src/torch/kernels.ts through paramsOf.
// Plain integer constants, so that this file is both AssemblyScript and TypeScript.
//
// T: T_max (an integer, as a double); PI: Python's math.pi; ETA: eta_min; ADD: the restart's
// operand, (base_lr - eta_min) * (1 - math.cos(math.pi / T_max)) / 2; PERIOD: 2 T_max, or 2^30
// where that is more (a chunk then holds one restart at most); RESTART: the index in the chunk of
// its first restart, or -1; LR: the lr before the chunk's first step, and after its last when the
// kernel returns; DEN: 1 + the cosine of the step before the chunk's first, likewise; COS_N: how
// many cosines of the next chunk to compute; HALF: where in steps the next chunk's arguments go
// (in elements; its cosines go to steps[0 .. COS_N)); PRE, POST: factors of the lr before and after
// each step, ExponentialLR's gamma chained before or after it (ChainedScheduler), else 1 (x * 1 is
// x, every bit, so a scheduler alone gets the same values).
export const T = 0;
export const PI = 1;
export const ETA = 2;
export const ADD = 3;
export const PERIOD = 4;
export const RESTART = 5;
export const LR = 6;
export const DEN = 7;
export const COS_N = 8;
export const HALF = 9;
export const PRE = 10;
export const POST = 11;
/** Slots in all; paramsOf fills each exactly once. */
export const SLOTS = 12;
