// The parameter slots of the CyclicLR kernel (assembly/abi.ts), read by the kernel (cyclicLR.ts),
// its twin (cyclicLR.twin.ts) and src/torch/cyclic.ts through paramsOf. Plain integer constants,
// so that this file is both AssemblyScript and TypeScript.
//
// TOTAL: total_size; RATIO: step_ratio; BASE: the base lr; MAX: max_lr.
export const TOTAL = 0;
export const RATIO = 1;
export const BASE = 2;
export const MAX = 3;
/** Slots in all; paramsOf fills each exactly once. */
export const SLOTS = 4;
