// The parameter slots of the PolynomialLR kernel (assembly/abi.ts), read by the kernel
// (polynomialLR.ts), its twin (polynomialLR.twin.ts) and src/torch/multiplicative.ts through
// paramsOf. Plain integer constants, so that this file is both AssemblyScript and TypeScript.
//
// T: total_iters; POWER: the power, 1, 2 or 0.5 (the powers whose correctly rounded value is one
// IEEE operation); LR: the lr before the chunk's first step (the chain carried from chunk to chunk).
export const T = 0;
export const POWER = 1;
export const LR = 2;
/** Slots in all; paramsOf fills each exactly once. */
export const SLOTS = 3;
