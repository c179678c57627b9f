// The parameter slots of the PolynomialDecay kernels (assembly/abi.ts): the one declaration that
// the kernel (polynomialDecay.ts), its twin (polynomialDecay.twin.ts) and the facade (src/keras/polynomialDecay.ts,
// through paramsOf in src/core/batch.ts) read.
// Plain integer constants, so that this file is both AssemblyScript and TypeScript.
//
// d, e, power and a - e (rounded) as the dtype holds them; cycle (0 or 1).
export const D = 0;
export const E = 1;
export const POWER = 2;
export const AE = 3;
export const CYCLE = 4;
/** Slots in all; paramsOf fills each exactly once. */
export const SLOTS = 5;
