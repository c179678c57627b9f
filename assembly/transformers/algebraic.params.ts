// The parameter slots of the algebraic kernels (algebraic.ts): the one declaration that the
// kernels, their twin (algebraic.twin.ts) and src/transformers/kernels.ts (through paramsOf) read.
// Plain integer constants, so that this file is both AssemblyScript and TypeScript.
//
// Each kernel's progress is p = ((t - T0) + SHIFT) / DEN; ONE_M and M are HF's `1 - m` and `m` of
// `factor * (1 - m) + m` (rateRise64: `1.0 - w` and `w`). A kernel that does not read a slot
// still has it filled (with 0, or 1 for DEN and ONE_M).
export const T0 = 0;
export const SHIFT = 1;
export const DEN = 2;
export const ONE_M = 3;
export const M = 4;
// LambdaLR's base_lr * lmbda(t): group 0's base lr in a range (1 for the factors alone).
export const SCALE = 5;
/** Slots in all; paramsOf fills each exactly once. */
export const SLOTS = 6;
