// optax's exponential_decay over many counts:
//
//   decreased_count = count - transition_begin                 # int32 (int64 with x64)
//   p = decreased_count / transition_steps                     # the division converts both
//   if staircase: p = jnp.floor(p)
//   decayed = jnp.where(decreased_count <= 0, init_value, init_value * jnp.power(decay_rate, p))
//   with end_value: jnp.maximum(decayed, end_value) if decay_rate < 1 else jnp.minimum(...)
//
// in float32: dc = (t - B) wrapped to int32; p = R(R(dc) / TF), floored for a staircase; the value
// INIT where dc <= 0, else R(INIT * pow(r, p)) with pow correctly rounded (../numerics/exp2.ts's
// fixed-base power, or undecided and then the facade's exact path); then max or min with END, which
// keep a NaN and order -0 below +0 (XLA's maximum and minimum, as Wasm's f32.max and f32.min). The
// power is only computed where dc > 0: jnp.where selects, so what the other branch computes there
// cannot reach the result. float64: the same in doubles.
//
// JS twin: exponentialDecay.twin.ts, the same operations in the same order.
// Facade: src/optax/exponentialDecay.ts. Calling convention: ../abi.ts, with the parameters below.

import { EPS_Y, pow32, pow32y2, pow64 } from "../numerics/exp2";
import { wasUndecided } from "../numerics/undecided";
import { param, record } from "../abi";
import { counts4, countsOk, isCount32, isCount64, stepAt } from "./shared/count";
import { INIT, BEGIN, TF, L1, L2, STAIRCASE, CLIP, END } from "./exponentialDecay.params";

// CLIP's values: jnp.maximum(value, end_value), or jnp.minimum (0: no end_value).
const MAX = 1;
const MIN = 2;

/** end_value's clip, if any. */
// @ts-ignore: decorator
@inline
function clip(v: f64, params: usize): f64 {
  const kind = <i32>param(params, CLIP);
  return kind == MAX ? max(v, param(params, END)) : kind == MIN ? min(v, param(params, END)) : v;
}

/** The float32 value at int32 count c, or undecided(). */
// @ts-ignore: decorator
@inline
function one32(c: i32, params: usize): f64 {
  const dc = c - <i32>param(params, BEGIN); // wraps, as int32 does
  if (dc <= 0) return clip(param(params, INIT), params);
  let p = <f64><f32>(<f64><f32>dc / param(params, TF));
  if (param(params, STAIRCASE) != 0) p = Math.floor(p);
  const y = pow32(p, param(params, L1), param(params, L2));
  return clip(<f64><f32>(param(params, INIT) * y), params);
}

/** The float64 value at count c, or undecided(). */
// @ts-ignore: decorator
@inline
function one64(c: f64, params: usize): f64 {
  const dc = c - param(params, BEGIN);
  if (dc <= 0) return clip(param(params, INIT), params);
  let p = dc / param(params, TF);
  if (param(params, STAIRCASE) != 0) p = Math.floor(p);
  return clip(param(params, INIT) * pow64(p, param(params, L1), param(params, L2)), params);
}

export function exponentialDecay32(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  let count = 0;
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    // Four counts a group, all past transition_begin: p in float32 lanes, the power in two f64x2
    // halves (pow32y2), both rounding tests on one f32x4 (as assembly/keras/exponentialDecay.ts).
    const begin = i32x4.splat(<i32>param(params, BEGIN));
    const tf = f32x4.splat(<f32>param(params, TF));
    const init = f32x4.splat(<f32>param(params, INIT));
    const end = f32x4.splat(<f32>param(params, END));
    const kind = <i32>param(params, CLIP);
    const staircase = param(params, STAIRCASE) != 0;
    const l1 = param(params, L1);
    const l2 = param(params, L2);
    const down = f64x2.splat(1.0 - EPS_Y);
    const up = f64x2.splat(1.0 + EPS_Y);
    const first = <i32>start;
    for (; i + 3 < n; i += 4) {
      const c = counts4(steps, first, i);
      if (!countsOk()) break;
      const dc = i32x4.sub(c, begin);
      if (!v128.any_true(i32x4.le_s(dc, i32x4.splat(0)))) {
        let p = f32x4.div(f32x4.convert_i32x4_s(dc), tf);
        if (staircase) p = f32x4.floor(p);
        const y0 = pow32y2(f64x2.promote_low_f32x4(p), l1, l2);
        const y1 = pow32y2(f64x2.promote_low_f32x4(v128.shuffle<f32>(p, p, 2, 3, 0, 1)), l1, l2);
        const lo = v128.shuffle<f32>(f32x4.demote_f64x2_zero(f64x2.mul(y0, down)), f32x4.demote_f64x2_zero(f64x2.mul(y1, down)), 0, 1, 4, 5);
        const hi = v128.shuffle<f32>(f32x4.demote_f64x2_zero(f64x2.mul(y0, up)), f32x4.demote_f64x2_zero(f64x2.mul(y1, up)), 0, 1, 4, 5);
        // pow32y2 pins its exponent, so y is finite and bitwise equality is IEEE equality.
        if (!v128.any_true(v128.xor(lo, hi))) {
          let v = f32x4.mul(init, lo);
          if (kind == MAX) v = f32x4.max(v, end);
          else if (kind == MIN) v = f32x4.min(v, end);
          v128.store(out + ((<usize>i) << 2), v);
          continue;
        }
      }
      for (let j = 0; j < 4; j++) {
        const v = one32(<i32>stepAt(steps, start, i + j), params);
        if (wasUndecided()) count = record(hard, count, i + j);
        else store<f32>(out + ((<usize>(i + j)) << 2), <f32>v);
      }
    }
  }
  for (; i < n; i++) {
    const step = stepAt(steps, start, i);
    if (!isCount32(step)) return -1 - i;
    const v = one32(<i32>step, params);
    if (wasUndecided()) count = record(hard, count, i);
    else store<f32>(out + ((<usize>i) << 2), <f32>v);
  }
  return count;
}

export function exponentialDecay64(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  let count = 0;
  for (let i = 0; i < n; i++) {
    const step = stepAt(steps, start, i);
    if (!isCount64(step)) return -1 - i;
    const v = one64(step + 0.0, params);
    if (wasUndecided()) count = record(hard, count, i);
    else store<f64>(out + ((<usize>i) << 3), v);
  }
  return count;
}
