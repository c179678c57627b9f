// The slots of each interval in the tail of piecewise_interpolate_schedule's parameter block
// (../piecewiseInterpolateSchedule.params.ts), after the N + 1 bounds: SIZE = R(max(b_(i+1) - b_i, 1));
// K, linear: R(v_(i+1) - v_i), cosine: R(R(v_i - v_(i+1)) / 2); START = v_i; END = v_(i+1), each v as
// the float32 (float64) cumprod made it. Plain integer constants, so that this file is both
// AssemblyScript and TypeScript.
export const SIZE = 0;
export const K = 1;
export const START = 2;
export const END = 3;
/** Slots per interval. */
export const STRIDE = 4;
