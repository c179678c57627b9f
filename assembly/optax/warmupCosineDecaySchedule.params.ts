// The parameter slots of one warm-up cosine cycle (warmup_cosine_decay_schedule: the join of
// linear_schedule(init_value, peak_value, W) and cosine_decay_schedule(peak_value, decay_steps - W,
// ...) at the boundary W), as the fused kernels (cosineDecaySchedule.ts' sgdrSchedule32/64) read each
// cycle's block of sgdrSchedule.params.ts: the cosine's slots where cosineDecaySchedule.params.ts
// puts them (so the cosine's helpers read the same block: test/optax/warmupCosine.test.ts checks
// it; plain constants, as every params file, so that this file is AssemblyScript and TypeScript),
// then the warm-up's. The facade
// (src/optax/joinSchedules.ts) and the twin read them too.
//
// W = the warm-up's steps and the join's boundary (an int32 in float32, > 0); WIE = R(init_value -
// peak_value) (Python's float64 subtraction first); WE = R(peak_value); WTF = R(W). The warm-up is
// linear_schedule's polynomial: transition_begin 0, power 1 (integer_pow by 1: the value itself).
export const INIT = 0;
export const DF = 1;
export const PI = 2;
export const A = 3;
export const ALPHA = 4;
export const EXPONENT = 5;
export const MODE = 6;
export const W = 7;
export const WIE = 8;
export const WE = 9;
export const WTF = 10;
/** Slots in all; paramsOf fills each exactly once. */
export const SLOTS = 11;
