// The parameter slots of the ExponentialDecay kernels (assembly/abi.ts): the one declaration that
// the kernel (exponentialDecay.ts), its twin (exponentialDecay.twin.ts) and the facade (src/keras/exponentialDecay.ts,
// through paramsOf in src/core/batch.ts) read.
// Plain integer constants, so that this file is both AssemblyScript and TypeScript.
//
// a, d and r as the dtype holds them; l1 + l2 = log2 r as the dtype's pow takes it
// (for float32, l1 keeps 29 significant bits); staircase; m1 + m2 = log2(r)/d and c = m1 ln 2 for
// the geometric range path.
export const A = 0;
export const D = 1;
export const L1 = 2;
export const L2 = 3;
export const STAIRCASE = 4;
export const M1 = 5;
export const M2 = 6;
export const C = 7;
/** Slots in all; paramsOf fills each exactly once. */
export const SLOTS = 8;
