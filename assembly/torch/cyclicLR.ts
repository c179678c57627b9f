// CyclicLR's triangular mode with its built-in scale function (src/torch/cyclic.ts), for each
// step t of a range:
//
//   cycle = math.floor(1 + t / total_size); x = 1.0 + t / total_size - cycle
//   scale_factor = x / step_ratio if x <= step_ratio else (x - 1) / (step_ratio - 1)
//   lr = base_lr + (max_lr - base_lr) * scale_factor          (* scale_fn = 1.0: exact, left out)
//
// Only IEEE operations, so every element is decided. The SIMD build takes two steps at a time and
// one division for the two branches (the numerator and the denominator selected per lane, then
// divided: the same quotient either branch would give), where the user's loop pays two divisions a
// step one after the other.
//
// JS twin: cyclicLR.twin.ts. Calling convention: ../abi.ts; steps must be 0 (a range).
//
// Below, the same wave times PyTorch's two other built-in scale functions (cyclicTriangular2_64,
// cyclicExpRange64).

import { param, record } from "../abi";
import { pow64, pow64x2 } from "../numerics/exp2";
import { wasUndecided } from "../numerics/undecided";
import { BASE, MAX, RATIO, TOTAL } from "./cyclicLR.params";
import * as E from "./cyclicLRExpRange.params";

/** scale_factor of two lanes from their q = 1 + t / total_size (cycle = floor(q), x = q - cycle). */
// @ts-ignore: decorator
@inline
function wave2(q: v128, vratio: v128, vratio1: v128): v128 {
  const x = f64x2.sub(q, f64x2.floor(q));
  const up = f64x2.le(x, vratio);
  return f64x2.div(v128.bitselect(x, f64x2.sub(x, f64x2.splat(1.0)), up), v128.bitselect(vratio, vratio1, up));
}

/** scale_factor of one step from its q = 1 + t / total_size. */
// @ts-ignore: decorator
@inline
function wave(q: f64, ratio: f64): f64 {
  const x = q - Math.floor(q);
  return x <= ratio ? x / ratio : (x - 1.0) / (ratio - 1.0);
}

export function cyclicTriangular64(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  triangles(params, start, out, n, false);
  return 0;
}

// triangular2: lr = base_lr + ((max_lr - base_lr) * scale_factor) * (1 / (2.0 ** (cycle - 1))), in
// PyTorch's order. 2.0 ** k is exact for an integer k (C's pow of a power of two), and so is its
// reciprocal 2^-k down to 2^-1023 (a subnormal, still a power of two): the factor is built from
// its exponent bits, (1025 - cycle) << 52 is 2^(2 - cycle), halved exactly. src/torch/cyclic.ts
// calls this only for cycles 1 ..= 1024 (PyTorch's 2.0 ** 1024 raises OverflowError; it raises
// that first).
export function cyclicTriangular2_64(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  triangles(params, start, out, n, true);
  return 0;
}

/**
 * The two kernels above: triangular (halving false: the wave alone) and triangular2 (halving true:
 * times the cycle's factor). Inlined with a constant `halving`, so each kernel keeps only its branch.
 */
// @ts-ignore: decorator
@inline
function triangles(params: usize, start: f64, out: usize, n: i32, halving: bool): void {
  const total = param(params, TOTAL);
  const ratio = param(params, RATIO);
  const base = param(params, BASE);
  const height = param(params, MAX) - base;
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const vtotal = f64x2.splat(total);
    const vratio = f64x2.splat(ratio);
    const vratio1 = f64x2.splat(ratio - 1.0);
    const vbase = f64x2.splat(base);
    const vheight = f64x2.splat(height);
    const one = f64x2.splat(1.0);
    const two = f64x2.splat(2.0);
    let t = f64x2.add(f64x2.splat(start), f64x2(0, 1));
    for (; i + 1 < n; i += 2) {
      const q = f64x2.add(one, f64x2.div(t, vtotal));
      let h = f64x2.mul(vheight, wave2(q, vratio, vratio1));
      if (halving) {
        const e = i32x4.sub(i32x4.splat(1025), i32x4.trunc_sat_f64x2_s_zero(f64x2.floor(q)));
        h = f64x2.mul(h, f64x2.mul(i64x2.shl(i64x2.extend_low_i32x4_s(e), 52), f64x2.splat(0.5)));
      }
      v128.store(out + ((<usize>i) << 3), f64x2.add(vbase, h));
      t = f64x2.add(t, two);
    }
  }
  for (; i < n; i++) {
    const q = 1.0 + (start + <f64>i) / total;
    let h = height * wave(q, ratio);
    if (halving) h *= reinterpret<f64>(<u64>(1025 - <i64>Math.floor(q)) << 52) * 0.5;
    store<f64>(out + ((<usize>i) << 3), base + h);
  }
}

// exp_range: lr = base_lr + ((max_lr - base_lr) * scale_factor) * gamma ** t, t = last_epoch, with
// gamma ** t correctly rounded: ../numerics/exp2.ts's pow64 (two lanes: pow64x2) with log2(gamma)
// as a double-double, for 0 < gamma (src/torch/cyclic.ts sends no other). An element whose power
// pow64 cannot decide goes to the hard list (src/core/batch.ts decides it exactly), but for the
// tiny powers: where t * log2(gamma) < TINY_TH (so gamma ** t < 2^-1021, subnormal or 0, exactly),
// |((max_lr - base_lr) * scale_factor) * gamma ** t| <= |max_lr - base_lr| 2^-1021, which the
// caller has checked is below half an ulp of base_lr (TINY = 1): the sum is base_lr whatever the
// power's bits. So the underflow of gamma ** t (gamma 0.999 from t = 708,000) costs a compare.

// -1021 with a margin far above t * l1's error (2^-51 of |t * l1|, about 5e-13 near -1021): below
// it, log2(gamma ** t) < -1021 exactly.
const TINY_TH: f64 = -1021.000001;

// gamma ** t where pow64 leaves it undecided and t * log2(gamma) < SMALL_TH (a subnormal or nearly
// subnormal power): from r = gamma ** (t / 2), correctly rounded and normal there (near 2^-540),
// R = r 2^600 (exact) and P = R * R, which is gamma ** t 2^1200 within 3 * 2^-53 relative (r's
// rounding twice, P's once). So P (1 - 2^-49) and P (1 + 2^-49), each rounded once more, bound
// gamma ** t 2^1200 from below and above; brought down by 2^-600 twice (the first exact, the second
// one rounding, monotone), they bound the correctly rounded gamma ** t: flo <= f <= fhi. The lr,
// base + (hs * f) with each operation rounded, is monotone in f: where base + hs * flo and
// base + hs * fhi are the same double, that is the lr. That decides nearly every subnormal power
// (a subnormal has few digits) and every lr whose base_lr swamps the power; without it, base_lr 0
// would send each of gamma 0.999's 36,700 subnormal powers to the exact path.
const SMALL_TH: f64 = -1000.0;
const UP_600: f64 = 4.149515568880993e180; // 2^600
const DOWN_600: f64 = 2.409919865102884e-181; // 2^-600
const BELOW: f64 = 1.0 - 1.7763568394002505e-15; // 1 - 2^-49
const ABOVE: f64 = 1.0 + 1.7763568394002505e-15; // 1 + 2^-49

/** Element i of exp_range (t = start + i) into out, or i recorded; returns the count. */
function expRangeOne(params: usize, out: usize, hard: usize, count: i32, i: i32, t: f64): i32 {
  const total = param(params, E.TOTAL);
  const ratio = param(params, E.RATIO);
  const base = param(params, E.BASE);
  const l1 = param(params, E.L1);
  const hs = (param(params, E.MAX) - base) * wave(1.0 + t / total, ratio);
  if (param(params, E.TINY) != 0.0 && t * l1 < TINY_TH) {
    store<f64>(out + ((<usize>i) << 3), base);
    return count;
  }
  const l2 = param(params, E.L2);
  const f = pow64(t, l1, l2);
  if (wasUndecided()) {
    if (!(t * l1 < SMALL_TH)) return record(hard, count, i);
    const r = pow64(t * 0.5, l1, l2);
    if (wasUndecided()) return record(hard, count, i);
    const P = (r * UP_600) * (r * UP_600);
    const lo = base + hs * (P * BELOW * DOWN_600 * DOWN_600);
    const hi = base + hs * (P * ABOVE * DOWN_600 * DOWN_600);
    if (reinterpret<u64>(lo) != reinterpret<u64>(hi)) return record(hard, count, i);
    store<f64>(out + ((<usize>i) << 3), lo);
    return count;
  }
  store<f64>(out + ((<usize>i) << 3), base + hs * f);
  return count;
}

export function cyclicExpRange64(params: usize, steps: usize, start: f64, out: usize, hard: usize, n: i32): i32 {
  let count = 0;
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const total = param(params, E.TOTAL);
    const ratio = param(params, E.RATIO);
    const base = param(params, E.BASE);
    const l1 = param(params, E.L1);
    const l2 = param(params, E.L2);
    const tiny = param(params, E.TINY) != 0.0;
    const vtotal = f64x2.splat(total);
    const vratio = f64x2.splat(ratio);
    const vratio1 = f64x2.splat(ratio - 1.0);
    const vbase = f64x2.splat(base);
    const vheight = f64x2.splat(param(params, E.MAX) - base);
    const vl1 = f64x2.splat(l1);
    const vtiny = f64x2.splat(TINY_TH);
    const one = f64x2.splat(1.0);
    let t = f64x2.add(f64x2.splat(start), f64x2(0, 1));
    for (; i + 1 < n; i += 2) {
      const o = out + ((<usize>i) << 3);
      if (tiny && i64x2.bitmask(f64x2.lt(f64x2.mul(t, vl1), vtiny)) == 3) v128.store(o, vbase);
      else {
        const scale = wave2(f64x2.add(one, f64x2.div(t, vtotal)), vratio, vratio1);
        const f = pow64x2(t, l1, l2);
        if (!wasUndecided()) v128.store(o, f64x2.add(vbase, f64x2.mul(f64x2.mul(vheight, scale), f)));
        else {
          // A lane pow64x2 leaves (undecided, subnormal, near overflow): both lanes one by one.
          count = expRangeOne(params, out, hard, count, i, start + <f64>i);
          count = expRangeOne(params, out, hard, count, i + 1, start + <f64>(i + 1));
        }
      }
      t = f64x2.add(t, f64x2.splat(2.0));
    }
  }
  for (; i < n; i++) count = expRangeOne(params, out, hard, count, i, start + <f64>i);
  return count;
}
