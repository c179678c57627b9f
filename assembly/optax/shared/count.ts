// optax's step counts, shared by the optax kernels: as JAX holds them, an int32 without x64 (the
// float32 pipeline) and an int64 with it (float64). A step that is not such a count is refused by
// index (the kernel returns -1 - i; the facade's stepRule says why). JAX converts a count to a float
// only where optax's arithmetic meets a float; until then it stays an integer, with int32's
// wrap-around (XLA's integer subtraction wraps, two's complement).
//
// float64 counts are held in doubles: exact integers below 2^53 in magnitude, where every
// subtraction of two of them rounds as its exact int64 result converted to float64 would.
//
// JS twin: count.twin.ts. Not in the module's exports: scripts/build-wasm.mjs exports the files of
// assembly/optax/ itself, not of this folder.

/**
 * Whether step (a double) is an int32: an integer from -2^31 to 2^31 - 1. The conversion saturates
 * (i32.trunc_sat_f64_s: NaN to 0, beyond int32 to its ends), so only an int32 comes back equal.
 */
// @ts-ignore: decorator
@inline
export function isCount32(step: f64): bool {
  return <f64><i32>step == step;
}

/** Whether step is a float64 pipeline's count: an integer below 2^53 in magnitude. */
// @ts-ignore: decorator
@inline
export function isCount64(step: f64): bool {
  return Math.abs(step) < 9007199254740992.0 && Math.floor(step) == step;
}

/**
 * Whether both lanes of s (two f64 steps) are float64 counts, isCount64 lane by lane: the vector
 * loops' check of an array's steps (a range's are checked by its first and last, countsOk64).
 */
// @ts-ignore: decorator
@inline
export function isCount64x2(s: v128): bool {
  const good = v128.and(f64x2.lt(f64x2.abs(s), f64x2.splat(9007199254740992.0)), f64x2.eq(f64x2.floor(s), s));
  // bitmask, not all_true: V8 lowers all_true slowly (assembly/numerics/exp2.ts).
  return i64x2.bitmask(good) == 3;
}

/**
 * Whether the range start, ..., start + n - 1 (n >= 1) holds float64 counts only: its ends are
 * counts, so every count between is an integer of smaller magnitude. The facade checks it too;
 * this lets a kernel check a range once instead of per element.
 */
// @ts-ignore: decorator
@inline
export function rangeIsCount64(start: f64, n: i32): bool {
  return isCount64(start) && isCount64(start + <f64>(n - 1));
}

/** Step i of a batch: steps[i], or start + i for a range (steps = 0). */
// @ts-ignore: decorator
@inline
export function stepAt(steps: usize, start: f64, i: i32): f64 {
  return steps ? load<f64>(steps + ((<usize>i) << 3)) : start + <f64>i;
}

/**
 * Four int32 counts from steps i .. i + 3 as i32x4 lanes, or false in `ok` (then the caller's
 * scalar loop names the bad step): ranges are checked by the facade before the kernel runs.
 */
let lanesOk: bool = true;

// @ts-ignore: decorator
@inline
export function counts4(steps: usize, start: i32, i: i32): v128 {
  if (!steps) return i32x4.add(i32x4.splat(start + i), i32x4(0, 1, 2, 3));
  const s0 = v128.load(steps + ((<usize>i) << 3));
  const s1 = v128.load(steps + ((<usize>i) << 3), 16);
  const lo = f64x2.splat(-2147483648.0);
  const hi = f64x2.splat(2147483647.0);
  // In range (NaN fails both) and integral.
  const good = v128.and(
    v128.and(v128.and(f64x2.ge(s0, lo), f64x2.le(s0, hi)), v128.and(f64x2.ge(s1, lo), f64x2.le(s1, hi))),
    v128.and(f64x2.eq(f64x2.floor(s0), s0), f64x2.eq(f64x2.floor(s1), s1)),
  );
  // bitmask, not all_true: V8 lowers all_true slowly (assembly/numerics/exp2.ts).
  lanesOk = i64x2.bitmask(good) == 3;
  return v128.shuffle<i32>(i32x4.trunc_sat_f64x2_s_zero(s0), i32x4.trunc_sat_f64x2_s_zero(s1), 0, 1, 4, 5);
}

/** Whether the last counts4 read four int32 counts. */
// @ts-ignore: decorator
@inline
export function countsOk(): bool {
  return lanesOk;
}
