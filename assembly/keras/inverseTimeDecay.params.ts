// The parameter slots of the InverseTimeDecay kernels (assembly/abi.ts): the one declaration that
// the kernel (inverseTimeDecay.ts), its twin (inverseTimeDecay.twin.ts) and the facade (src/keras/inverseTimeDecay.ts,
// through paramsOf in src/core/batch.ts) read.
// Plain integer constants, so that this file is both AssemblyScript and TypeScript.
//
// a, d and r as the dtype holds them; staircase (0 or 1).
export const A = 0;
export const D = 1;
export const R = 2;
export const STAIRCASE = 3;
/** Slots in all; paramsOf fills each exactly once. */
export const SLOTS = 4;
