// The parameter slots of the cosine kernels (cosine.ts): the one declaration that the kernels,
// their twin (cosine.twin.ts) and src/transformers/kernels.ts (through paramsOf) read. Plain
// integer constants, so that this file is both AssemblyScript and TypeScript.
//
// p = ((t - T0) + SHIFT) / DEN, as in algebraic.params.ts; ARG is what p multiplies inside the
// cosine (HF's `math.pi * float(num_cycles) * 2.0`, rounded as Python does it, left to right), or
// num_cycles for restarts64, which takes math.pi from PI; ONE_M and M are HF's `1 - m` and `m`.
export const T0 = 0;
export const SHIFT = 1;
export const DEN = 2;
export const ARG = 3;
export const PI = 4;
export const ONE_M = 5;
export const M = 6;
// LambdaLR's base_lr * lmbda(t): group 0's base lr in a range (1 for the factors alone).
export const SCALE = 7;
/** Slots in all; paramsOf fills each exactly once. */
export const SLOTS = 8;
