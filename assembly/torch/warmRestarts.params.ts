// The parameter slots of the CosineAnnealingWarmRestarts kernel (assembly/abi.ts), read by the
// kernel (warmRestarts.ts), its twin (warmRestarts.twin.ts) and src/torch/kernels.ts through
// paramsOf. Plain integer constants, so that this file is both AssemblyScript and TypeScript.
//
// TI: the cycle's T_i (an integer, as a double); PI: Python's math.pi; BASE: the base lr; ETA: eta_min.
export const TI = 0;
export const PI = 1;
export const BASE = 2;
export const ETA = 3;
/** Slots in all; paramsOf fills each exactly once. */
export const SLOTS = 4;
