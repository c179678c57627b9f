// The parameter slots of CyclicLR's exp_range kernel (cyclicLR.ts, cyclicExpRange64), read by it,
// its twin (cyclicLR.twin.ts) and src/torch/cyclic.ts through paramsOf. Plain integer constants,
// so that this file is both AssemblyScript and TypeScript.
//
// TOTAL: total_size; RATIO: step_ratio; BASE: the base lr; MAX: max_lr; L1 + L2: log2(gamma) as a
// double-double (src/exact/constants.ts, log2DoubleDouble); TINY: 1 when a gamma ** t below
// 2^-1021 cannot move base_lr (src/torch/cyclic.ts decides it exactly), else 0.
export const TOTAL = 0;
export const RATIO = 1;
export const BASE = 2;
export const MAX = 3;
export const L1 = 4;
export const L2 = 5;
export const TINY = 6;
/** Slots in all; paramsOf fills each exactly once. */
export const SLOTS = 7;
