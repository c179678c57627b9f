// The parameter slots of the CosineDecay kernels (assembly/abi.ts): the one declaration that
// the kernel (cosineDecay.ts), its twin (cosineDecay.twin.ts) and the facade (src/keras/cosineDecay.ts,
// through paramsOf in src/core/batch.ts) read.
// Plain integer constants, so that this file is both AssemblyScript and TypeScript.
//
// Each as the dtype holds it: a; d; HALF = A / 2, where A = R(1 - alpha) (1 - alpha
// taken in float64 first, as Keras' Python does); alpha; pi_R; warm-up (0 or 1); W; WS; END = d + WS
// (rounded); DELTA = W - a (rounded).
//
// The pipeline's R(A * R(0.5 * u)), u = R(1 + c), is computed as R(HALF * u): both halvings are
// exact (u is 0 or at least 2^-24 in float32, 2^-53 in float64, c being a float32 or a double in
// [-1, 1]; A is 0 or at least 2^-53 in magnitude, 1 - alpha being taken in float64), so the two
// products are the same real number and round alike. One multiplication fewer per element
// (measured: 5 to 7% of the SIMD range's time).
export const A = 0;
export const D = 1;
export const HALF = 2;
export const ALPHA = 3;
export const PI = 4;
export const WARMUP = 5;
export const W = 6;
export const WS = 7;
export const END = 8;
export const DELTA = 9;
/** Slots in all; paramsOf fills each exactly once. */
export const SLOTS = 10;
