// optax's piecewise_interpolate_schedule (and both onecycle schedules, made of it) over many counts:
//
//   bounds = jnp.stack((0,) + boundaries)                      # int32 (int64 with x64)
//   values = jnp.cumprod(jnp.stack((init_value,) + scales))    # the facade's, in the dtype
//   interval_sizes = jnp.maximum(bounds[1:] - bounds[:-1], 1)
//   indicator = jnp.logical_and(bounds[:-1] <= count, count < bounds[1:])
//   pct = (count - bounds[:-1]) / interval_sizes
//   interp_vals = interpolate_fn(values[:-1], values[1:], pct)
//     linear: (end - start) * pct + start;  cosine: end + (start - end) / 2.0 * (jnp.cos(jnp.pi * pct) + 1)
//   indicator.dot(interp_vals) + (bounds[-1] <= count) * values[-1]
//
// in float32: for interval i, pct = R(R((t - b_i) wrapped to int32) / SIZE); linear R(R(K pct) + START);
// cosine R(END + R(K R(cos(R(PI pct)) + 1))), cos correctly rounded (or undecided: the facade's
// exact path). The dot product is taken as a sum from +0 (the accumulator XLA's dot and reduce
// start from) of indicator * interp over every interval: the intervals are disjoint, so at most one
// term is selected; the others are 0 * interp, which is +-0, unless that interp is infinite or NaN,
// when it is NaN and the result is NaN (jnp.where would not propagate it; a dot does). When the
// schedule is TAME (every value finite and at most 2^63 in magnitude: |pct| <= 2^32, so every interp
// is finite), the sum is the selected term plus 0 (which turns -0 into +0) or +0, and only the
// selected interval is computed. Otherwise every interval is, as the formula has it.
//
// JS twin: piecewiseInterpolateSchedule.twin.ts, the same operations in the same order.
// Facade: src/optax/piecewiseInterpolateSchedule.ts. Calling convention: ../abi.ts.

import { ANCHOR_HALF_PI, anchors64Of, cos32, cos32x4, cos64, cos64x2, cosRun64x2, lanesUndecided, LIMIT, NEAR, sameAnchor64, setAnchors } from "../numerics/cos";
import { wasUndecided } from "../numerics/undecided";
import { fill32, fill64, param, record } from "../abi";
import { isCount32, isCount64, rangeIsCount64, stepAt } from "./shared/count";
import { N, COSINE, TAME, PI, VLAST, SLOTS } from "./piecewiseInterpolateSchedule.params";
import { SIZE, K, START, END, STRIDE } from "./shared/interval";

/** Bound i (0 <= i <= N). */
// @ts-ignore: decorator
@inline
function bound(params: usize, i: i32): f64 {
  return param(params, SLOTS + i);
}

/** Slot `slot` of interval i. */
// @ts-ignore: decorator
@inline
function at(params: usize, n: i32, i: i32, slot: i32): f64 {
  return param(params, SLOTS + n + 1 + i * STRIDE + slot);
}

/** The interval holding count c, or -1 (bounds after b_0 increase; [0, b_1) is empty if b_1 <= 0). */
// @ts-ignore: decorator
@inline
function selected(params: usize, n: i32, c: f64): i32 {
  for (let i = n - 1; i >= 0; i--) if (bound(params, i) <= c) return c < bound(params, i + 1) ? i : -1;
  return -1;
}

/** Interval i's interpolated value at count c, float32 (undecided() if its cosine is). */
function interp32(params: usize, n: i32, i: i32, c: i32, cosine: bool): f64 {
  const pct = <f64><f32>(<f64><f32>(c - <i32>bound(params, i)) / at(params, n, i, SIZE));
  const k = at(params, n, i, K);
  if (!cosine) return <f64><f32>(<f64><f32>(k * pct) + at(params, n, i, START));
  const co = cos32(<f64><f32>(param(params, PI) * pct));
  return <f64><f32>(at(params, n, i, END) + <f64><f32>(k * <f64><f32>(co + 1.0)));
}

function interp64(params: usize, n: i32, i: i32, c: f64, cosine: bool): f64 {
  const pct = (c - bound(params, i)) / at(params, n, i, SIZE);
  const k = at(params, n, i, K);
  if (!cosine) return k * pct + at(params, n, i, START);
  return at(params, n, i, END) + k * (cos64(param(params, PI) * pct) + 1.0);
}

/** The float32 value at int32 count c, or undecided(). */
function one32(params: usize, c: i32): f64 {
  const n = <i32>param(params, N);
  const cosine = param(params, COSINE) != 0;
  let dot: f64 = 0.0;
  if (param(params, TAME) != 0) {
    const i = selected(params, n, <f64>c);
    if (i >= 0) dot = interp32(params, n, i, c, cosine) + 0.0;
  } else {
    for (let i = 0; i < n; i++) {
      const on: f64 = bound(params, i) <= <f64>c && <f64>c < bound(params, i + 1) ? 1.0 : 0.0;
      dot = <f64><f32>(dot + <f64><f32>(on * interp32(params, n, i, c, cosine)));
    }
  }
  const vlast = param(params, VLAST);
  const last = bound(params, n) <= <f64>c ? vlast : <f64><f32>(0.0 * vlast);
  return <f64><f32>(dot + last);
}

function one64(params: usize, c: f64): f64 {
  const n = <i32>param(params, N);
  const cosine = param(params, COSINE) != 0;
  let dot: f64 = 0.0;
  if (param(params, TAME) != 0) {
    const i = selected(params, n, c);
    if (i >= 0) dot = interp64(params, n, i, c, cosine) + 0.0;
  } else {
    for (let i = 0; i < n; i++) {
      const on: f64 = bound(params, i) <= c && c < bound(params, i + 1) ? 1.0 : 0.0;
      dot = dot + on * interp64(params, n, i, c, cosine);
    }
  }
  const vlast = param(params, VLAST);
  return dot + (bound(params, n) <= c ? vlast : 0.0 * vlast);
}

// ---------------------------------------------------------------------------------------------
// float32 ranges of a TAME schedule: runs of counts between consecutive bounds, each with one
// selected interval (or none). With none, the value is R(+0 + last): a fill. With interval k, every
// count c < b_N, so last = R(0 * VLAST) is a signed zero and the value is R(R(interp + 0) + last):
// the SIMD build takes four counts at a time with the same operations on float32 lanes, each in a
// small function of its own (V8 keeps a loop's vectors in registers there, not in a larger one).

/** The first bound above count c (where c's run ends), or Infinity. */
function nextBound(params: usize, n: i32, c: f64): f64 {
  let m = Infinity;
  for (let i = 0; i <= n; i++) {
    const b = bound(params, i);
    if (b > c && b < m) m = b;
  }
  return m;
}

/** Linear interval k over range indices [i, end): (K pct + START) + 0 + last, K, START of interval k. */
function linearRun32(out: usize, first: i32, i: i32, end: i32, b: i32, size: f32, k: f32, s0: f32, last: f32): void {
  if (ASC_FEATURE_SIMD) {
    const vb = i32x4.splat(b);
    const vsize = f32x4.splat(size);
    const vk = f32x4.splat(k);
    const vs0 = f32x4.splat(s0);
    const vlast = f32x4.splat(last);
    let c = i32x4.add(i32x4.splat(first + i), i32x4(0, 1, 2, 3));
    for (; i + 3 < end; i += 4) {
      const pct = f32x4.div(f32x4.convert_i32x4_s(i32x4.sub(c, vb)), vsize);
      const v = f32x4.add(f32x4.add(f32x4.add(f32x4.mul(vk, pct), vs0), f32x4.splat(0)), vlast);
      v128.store(out + ((<usize>i) << 2), v);
      c = i32x4.add(c, i32x4.splat(4));
    }
  }
  for (; i < end; i++) {
    const pct = <f32>(first + i - b) / size;
    store<f32>(out + ((<usize>i) << 2), ((k * pct + s0) + <f32>0) + last);
  }
}

/**
 * Cosine interval k over range indices [i, end): (END + K (cos(PI pct) + 1)) + 0 + last, four at a
 * time with cos32x4 where every u = PI pct is within its reach (pct is below 1 unless the interval's
 * size wrapped around in int32 and was taken as 1: then u can be any size); a group with an
 * undecided lane or one out of reach, and the last few, one at a time. Returns the undecided count.
 */
function cosineRun32(params: usize, out: usize, hard: usize, count: i32, first: i32, i: i32, end: i32, b: i32, size: f32, k: f32, e: f32, last: f32): i32 {
  const pi = <f32>param(params, PI);
  if (ASC_FEATURE_SIMD) {
    const vb = i32x4.splat(b);
    const vsize = f32x4.splat(size);
    const vk = f32x4.splat(k);
    const ve = f32x4.splat(e);
    const vpi = f32x4.splat(pi);
    const vlast = f32x4.splat(last);
    for (; i + 3 < end; i += 4) {
      const c = i32x4.add(i32x4.splat(first + i), i32x4(0, 1, 2, 3));
      const u = f32x4.mul(vpi, f32x4.div(f32x4.convert_i32x4_s(i32x4.sub(c, vb)), vsize));
      // "not <" also catches NaN lanes (none here).
      const far = v128.any_true(v128.not(f32x4.lt(f32x4.abs(u), f32x4.splat(NEAR))));
      if (!far) setAnchors(f32x4.abs(u));
      const co = far ? f32x4.splat(0) : cos32x4(u);
      if (far || lanesUndecided()) {
        for (let j = 0; j < 4; j++) count = cosineOne32(out, hard, count, first, i + j, b, size, k, e, pi, last);
        continue;
      }
      const v = f32x4.add(f32x4.add(f32x4.add(ve, f32x4.mul(vk, f32x4.add(co, f32x4.splat(1)))), f32x4.splat(0)), vlast);
      v128.store(out + ((<usize>i) << 2), v);
    }
  }
  for (; i < end; i++) count = cosineOne32(out, hard, count, first, i, b, size, k, e, pi, last);
  return count;
}

/** One count of cosineRun32, or its index recorded if its cosine is undecided. */
function cosineOne32(out: usize, hard: usize, count: i32, first: i32, i: i32, b: i32, size: f32, k: f32, e: f32, pi: f32, last: f32): i32 {
  const co = cos32(<f64>(pi * (<f32>(first + i - b) / size)));
  if (wasUndecided()) return record(hard, count, i);
  store<f32>(out + ((<usize>i) << 2), ((e + k * (<f32>co + <f32>1)) + <f32>0) + last);
  return count;
}

/** A TAME float32 range, run by run of one selected interval. */
function ranges32(params: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  const nI = <i32>param(params, N);
  const cosine = param(params, COSINE) != 0;
  const vlast = param(params, VLAST);
  const first = <i32>start;
  let count = 0;
  for (let i = 0; i < n; ) {
    const c = start + <f64>i;
    const end = <i32>min(<f64>n, nextBound(params, nI, c) - start);
    const k = selected(params, nI, c);
    const last = <f32>(bound(params, nI) <= c ? vlast : <f64><f32>(0.0 * vlast));
    if (k < 0) {
      fill32(out, i, end, <f32>0 + last);
    } else {
      const b = <i32>bound(params, k);
      const size = <f32>at(params, nI, k, SIZE);
      if (cosine) count = cosineRun32(params, out, hard, count, first, i, end, b, size, <f32>at(params, nI, k, K), <f32>at(params, nI, k, END), last);
      else linearRun32(out, first, i, end, b, size, <f32>at(params, nI, k, K), <f32>at(params, nI, k, START), last);
    }
    i = end;
  }
  return count;
}

/**
 * A TAME float32 array, count by count: the interval found by a scan from the last, then the same
 * float32 operations as one32's (in float32 arithmetic: each operation rounds as one32's casts do).
 */
function arrays32(params: usize, steps: usize, out: usize, hard: usize, n: i32): i32 {
  const nI = <i32>param(params, N);
  const cosine = param(params, COSINE) != 0;
  const vlast = <f32>param(params, VLAST);
  const zeroLast = <f32>0 * vlast;
  const bN = bound(params, nI);
  const pi = <f32>param(params, PI);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const step = load<f64>(steps + ((<usize>i) << 3));
    if (!isCount32(step)) return -1 - i;
    const c = <i32>step;
    const last = bN <= step ? vlast : zeroLast;
    if (nI == 0) {
      store<f32>(out + ((<usize>i) << 2), <f32>0 + last);
      continue;
    }
    // The candidate interval without a branch: how many of b_1 .. b_(N-1) (increasing) are at or
    // below the count; it holds the count if b_k <= c < b_(k+1) (b_0 = 0 may lie above b_1).
    let k = 0;
    for (let j = 1; j < nI; j++) k += <i32>(bound(params, j) <= step);
    const inside = bound(params, k) <= step && step < bound(params, k + 1);
    const pct = <f32>(c - <i32>bound(params, k)) / <f32>at(params, nI, k, SIZE);
    const kk = <f32>at(params, nI, k, K);
    if (!cosine) {
      const v = ((kk * pct + <f32>at(params, nI, k, START)) + <f32>0) + last;
      store<f32>(out + ((<usize>i) << 2), select<f32>(v, <f32>0 + last, inside));
      continue;
    }
    if (!inside) {
      store<f32>(out + ((<usize>i) << 2), <f32>0 + last);
      continue;
    }
    const co = cos32(<f64>(pi * pct));
    if (wasUndecided()) count = record(hard, count, i);
    else store<f32>(out + ((<usize>i) << 2), ((<f32>at(params, nI, k, END) + kk * (<f32>co + <f32>1)) + <f32>0) + last);
  }
  return count;
}

export function piecewiseInterpolateSchedule32(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  if (param(params, TAME) != 0) return steps ? arrays32(params, steps, out, hard, n) : ranges32(params, start, out, hard, n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const step = stepAt(steps, start, i);
    if (!isCount32(step)) return -1 - i;
    const v = one32(params, <i32>step);
    if (wasUndecided()) count = record(hard, count, i);
    else store<f32>(out + ((<usize>i) << 2), <f32>v);
  }
  return count;
}

// ---------------------------------------------------------------------------------------------
// float64 of a TAME schedule: ranges32's runs and arrays32's scan, in doubles, each value one64's
// operations in one64's order: interp + 0.0, then + last. A range (its counts checked once by its
// ends) goes run by run: a linear interval two counts at a time in f64x2 lanes; a cosine interval
// in pairs on cos64x2, or the run step (cosRun64x2) where both lanes share the anchor held from the
// pair before (as cosineDecaySchedule.ts' float64 loop), a pair with an undecided lane or one beyond
// the vector cosine's reach (|u| >= LIMIT: an interval of size 1 taken for a wrapped one) one by one.

/** Linear interval over range indices [i, end): ((K pct + START) + 0) + last. */
function linearRun64(out: usize, start: f64, i: i32, end: i32, b: f64, size: f64, k: f64, s0: f64, last: f64): void {
  if (ASC_FEATURE_SIMD) {
    const vb = f64x2.splat(b);
    const vsize = f64x2.splat(size);
    const vk = f64x2.splat(k);
    const vs0 = f64x2.splat(s0);
    const vlast = f64x2.splat(last);
    let c = f64x2.add(f64x2.splat(start + <f64>i), f64x2(0, 1));
    for (; i + 1 < end; i += 2) {
      const pct = f64x2.div(f64x2.sub(c, vb), vsize);
      v128.store(out + ((<usize>i) << 3), f64x2.add(f64x2.add(f64x2.add(f64x2.mul(vk, pct), vs0), f64x2.splat(0)), vlast));
      c = f64x2.add(c, f64x2.splat(2.0));
    }
  }
  for (; i < end; i++) {
    const pct = (start + <f64>i - b) / size;
    store<f64>(out + ((<usize>i) << 3), ((k * pct + s0) + 0.0) + last);
  }
}

/** One count of cosineRun64, or its index recorded if its cosine is undecided. */
function cosineOne64(out: usize, hard: usize, count: i32, start: f64, i: i32, b: f64, size: f64, k: f64, e: f64, pi: f64, last: f64): i32 {
  const co = cos64(pi * ((start + <f64>i - b) / size));
  if (wasUndecided()) return record(hard, count, i);
  store<f64>(out + ((<usize>i) << 3), ((e + k * (co + 1.0)) + 0.0) + last);
  return count;
}

/** Cosine interval over range indices [i, end): ((END + K (cos(PI pct) + 1)) + 0) + last; the undecided count. */
function cosineRun64(params: usize, out: usize, hard: usize, count: i32, start: f64, i: i32, end: i32, b: f64, size: f64, k: f64, e: f64, last: f64): i32 {
  const pi = param(params, PI);
  if (ASC_FEATURE_SIMD) {
    const vb = f64x2.splat(b);
    const vsize = f64x2.splat(size);
    const vk = f64x2.splat(k);
    const ve = f64x2.splat(e);
    const vpi = f64x2.splat(pi);
    const vlast = f64x2.splat(last);
    const limit = f64x2.splat(LIMIT);
    // The anchor sameAnchor64 holds (none yet: NaN equals no anchor).
    let held = f64x2.splat(NaN);
    for (; i + 1 < end; i += 2) {
      const c = f64x2.add(f64x2.splat(start + <f64>i), f64x2(0, 1));
      const u = f64x2.mul(vpi, f64x2.div(f64x2.sub(c, vb), vsize));
      if (i64x2.bitmask(f64x2.lt(f64x2.abs(u), limit)) == 3) {
        const at = anchors64Of(u);
        if (i64x2.bitmask(f64x2.eq(at, held)) != 3) {
          const j0 = f64x2.extract_lane(at, 0);
          if (j0 == f64x2.extract_lane(at, 1) && j0 >= 0 && j0 <= 512 && j0 != <f64>ANCHOR_HALF_PI) {
            sameAnchor64(<i32>j0);
            held = f64x2.splat(j0);
          }
        }
        const co = i64x2.bitmask(f64x2.eq(at, held)) == 3 ? cosRun64x2(u) : cos64x2(u);
        if (!lanesUndecided()) {
          const v = f64x2.add(f64x2.add(f64x2.add(ve, f64x2.mul(vk, f64x2.add(co, f64x2.splat(1.0)))), f64x2.splat(0)), vlast);
          v128.store(out + ((<usize>i) << 3), v);
          continue;
        }
      }
      count = cosineOne64(out, hard, count, start, i, b, size, k, e, pi, last);
      count = cosineOne64(out, hard, count, start, i + 1, b, size, k, e, pi, last);
    }
  }
  for (; i < end; i++) count = cosineOne64(out, hard, count, start, i, b, size, k, e, pi, last);
  return count;
}

/** A TAME float64 range, run by run of one selected interval (ranges32's runs). */
function ranges64(params: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  const nI = <i32>param(params, N);
  const cosine = param(params, COSINE) != 0;
  const vlast = param(params, VLAST);
  let count = 0;
  for (let i = 0; i < n; ) {
    const c = start + <f64>i;
    const end = <i32>min(<f64>n, nextBound(params, nI, c) - start);
    const k = selected(params, nI, c);
    const last = bound(params, nI) <= c ? vlast : 0.0 * vlast;
    if (k < 0) {
      fill64(out, i, end, 0.0 + last);
    } else {
      const b = bound(params, k);
      const size = at(params, nI, k, SIZE);
      if (cosine) count = cosineRun64(params, out, hard, count, start, i, end, b, size, at(params, nI, k, K), at(params, nI, k, END), last);
      else linearRun64(out, start, i, end, b, size, at(params, nI, k, K), at(params, nI, k, START), last);
    }
    i = end;
  }
  return count;
}

/** A TAME float64 array, count by count: arrays32's branch-free interval, one64's operations. */
function arrays64(params: usize, steps: usize, out: usize, hard: usize, n: i32): i32 {
  const nI = <i32>param(params, N);
  const cosine = param(params, COSINE) != 0;
  const vlast = param(params, VLAST);
  const zeroLast = 0.0 * vlast;
  const bN = bound(params, nI);
  const pi = param(params, PI);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const step = load<f64>(steps + ((<usize>i) << 3));
    if (!isCount64(step)) return -1 - i;
    const c = step + 0.0;
    const last = bN <= c ? vlast : zeroLast;
    if (nI == 0) {
      store<f64>(out + ((<usize>i) << 3), 0.0 + last);
      continue;
    }
    let k = 0;
    for (let j = 1; j < nI; j++) k += <i32>(bound(params, j) <= c);
    const inside = bound(params, k) <= c && c < bound(params, k + 1);
    const pct = (c - bound(params, k)) / at(params, nI, k, SIZE);
    const kk = at(params, nI, k, K);
    if (!cosine) {
      const v = ((kk * pct + at(params, nI, k, START)) + 0.0) + last;
      store<f64>(out + ((<usize>i) << 3), select<f64>(v, 0.0 + last, inside));
      continue;
    }
    if (!inside) {
      store<f64>(out + ((<usize>i) << 3), 0.0 + last);
      continue;
    }
    const co = cos64(pi * pct);
    if (wasUndecided()) count = record(hard, count, i);
    else store<f64>(out + ((<usize>i) << 3), ((at(params, nI, k, END) + kk * (co + 1.0)) + 0.0) + last);
  }
  return count;
}

export function piecewiseInterpolateSchedule64(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  if (param(params, TAME) != 0) {
    if (steps) return arrays64(params, steps, out, hard, n);
    if (n > 0 && rangeIsCount64(start, n)) return ranges64(params, start, out, hard, n);
  }
  let count = 0;
  for (let i = 0; i < n; i++) {
    const step = stepAt(steps, start, i);
    if (!isCount64(step)) return -1 - i;
    const v = one64(params, step + 0.0);
    if (wasUndecided()) count = record(hard, count, i);
    else store<f64>(out + ((<usize>i) << 3), v);
  }
  return count;
}
