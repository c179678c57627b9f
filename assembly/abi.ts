// The calling convention of every schedule kernel, float32 and float64 alike:
//
//   kernel(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32
//
// - params: the schedule's parameters as f64 slots (booleans 0 or 1), in the order that its
//   facade writes them and its kernel and twin name them (src/core/wasm.ts copies them in).
// - steps: n f64 steps, or 0 for the range start, start + 1, ..., start + n - 1.
// - out: n results, f32 or f64 as the kernel's dtype.
// - hard: i32 indices of the elements whose rounding the kernel could not decide; src/core/batch.ts
//   has the schedule's exact path fill them in.
// - returns how many indices it wrote to hard, or -1 - i when step i is not finite.
//
// The JS twins take the same arguments as typed arrays (src/core/batch.ts, TwinKernel).

/** Parameter `slot` of the block at `params`. */
// @ts-ignore: decorator
@inline
export function param(params: usize, slot: i32): f64 {
  return load<f64>(params + ((<usize>slot) << 3));
}

/** Appends index i to the hard list; returns the new count. */
// @ts-ignore: decorator
@inline
export function record(hard: usize, count: i32, i: i32): i32 {
  store<i32>(hard + ((<usize>count) << 2), i);
  return count + 1;
}

/** out[from .. to) = value, for a run of one value (f32 results). */
// @ts-ignore: decorator
@inline
export function fill32(out: usize, from: i32, to: i32, value: f32): void {
  let i = from;
  if (ASC_FEATURE_SIMD) {
    const v = f32x4.splat(value);
    for (; i + 3 < to; i += 4) v128.store(out + ((<usize>i) << 2), v);
  }
  for (; i < to; i++) store<f32>(out + ((<usize>i) << 2), value);
}

/** out[from .. to) = value (f64 results). */
// @ts-ignore: decorator
@inline
export function fill64(out: usize, from: i32, to: i32, value: f64): void {
  let i = from;
  if (ASC_FEATURE_SIMD) {
    const v = f64x2.splat(value);
    for (; i + 1 < to; i += 2) v128.store(out + ((<usize>i) << 3), v);
  }
  for (; i < to; i++) store<f64>(out + ((<usize>i) << 3), value);
}
