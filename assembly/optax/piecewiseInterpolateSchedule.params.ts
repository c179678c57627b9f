// The parameter slots of optax's piecewise_interpolate_schedule kernels (assembly/abi.ts): the one
// declaration that the kernel (piecewiseInterpolateSchedule.ts), its twin and the facade
// (src/optax/piecewiseInterpolateSchedule.ts, through paramsOf) read. Plain integer constants, so that
// this file is both AssemblyScript and TypeScript.
//
// N intervals; COSINE (1: cosine interpolation, 0: linear); TAME (1 when every value is finite and at
// most 2^63 in magnitude: then no interval but the selected one can make the dot product NaN, see
// the kernel); PI = R(pi); VLAST = values[N]. The tail, after the SLOTS: the bounds b_0 = 0, b_1,
// ..., b_N (integers), then per interval the slots of shared/interval.ts.
export const N = 0;
export const COSINE = 1;
export const TAME = 2;
export const PI = 3;
export const VLAST = 4;
/** Slots in all before the tail; paramsOf fills each exactly once. */
export const SLOTS = 5;
