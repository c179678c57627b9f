// The parameter slots of the CosineAnnealingLR cosine kernel (assembly/abi.ts), read by the kernel
// (cosineAnnealingLR.ts), its twin (cosineAnnealingLR.twin.ts) and src/torch/kernels.ts through
// paramsOf. Plain integer constants, so that this file is both AssemblyScript and TypeScript.
//
// T: T_max (an integer, as a double); PI: Python's math.pi.
export const T = 0;
export const PI = 1;
/** Slots in all; paramsOf fills each exactly once. */
export const SLOTS = 2;
