// r^p = 2^(p log2 r), correctly rounded or not at all.
//
// JS twin: exp2.twin.ts, the same functions with the same operations in the same order.
//
// pow returns the correctly rounded power or HARD. They compute z = 2^f - with
// t = p log2 r = n + j/256 + f - as a double-double within 2^-68 of the exact value, then ask whether
// every number that close rounds to the same float. If it does, that float is the answer;
// otherwise (about 1 element in 16000 for float64, and only the exact midpoints for float32)
// the caller asks src/exact.ts, whose BigInt Ziv loop decides. So every result is the correctly
// rounded one, whichever backend or path produced it.
//
// Only IEEE-exact operations: no fused multiply-add, no Math.pow/exp/log (shared/NUMERICS.md).

// The constants come from src/exact.ts at load time (exact arithmetic), written into this region,
// so both backends multiply by the very same numbers. Layout: exact.ts, CONST_*.
export const CONSTANTS: usize = memory.data(520 * 8, 16);
const C1H: usize = 0; // ln 2, high part
const C1L: usize = 8; // ln 2, low part
const C2: usize = 16; // (ln 2)^k / k!, k = 2..6
const C3: usize = 24;
const C4: usize = 32;
const C5: usize = 40;
const C6: usize = 48;
const TABLE: usize = 64; // 2^(j/256) as hi, lo pairs

// Returned when the rounding cannot be decided here. Powers are >= 0, so it is never a result.
// @ts-ignore: decorator
@inline
export const HARD: f64 = -1.0;

// Veltkamp's splitter, 2^27 + 1: splits a double into two 26-bit halves whose products are exact.
const SPLIT: f64 = 134217729.0;

// |t| beyond this is Infinity or 0 in both formats (2^1100 overflows, 2^-1100 rounds to 0).
const T_LIMIT: f64 = 1100.0;

// Bounds on |z - (zh + zl)|. The error budget gives 2^-70: rounding the polynomial's quadratic and
// higher terms (below 2^-20) costs about 2^-71.3, everything else is below 2^-90. EPS64 keeps a
// factor 4 over that (test/exp2.test.ts measures the real maximum), and sets the cost: an element is
// undecided when it lies within 2^-68 of a midpoint, about 1 in 30000. float32 also covers the
// rounding of zh + zl to one double (2^-53 for z < 2) and of z +- EPS32.
const EPS64: f64 = 3.3881317890172014e-21; // 2^-68
const EPS32: f64 = 8.881784197001252e-16; // 2^-50

// Results of expSplit, kept in globals: AssemblyScript returns one value per function.
export let zh: f64 = 0;
export let zl: f64 = 0;
export let zn: i32 = 0;

/** The rounding error of the product a * b = p, exactly (Dekker); |a|, |b| < 2^996. */
// @ts-ignore: decorator
@inline
export function twoProductError(a: f64, b: f64, p: f64): f64 {
  let c = SPLIT * a;
  const ah = c - (c - a);
  const al = a - ah;
  c = SPLIT * b;
  const bh = c - (c - b);
  const bl = b - bh;
  return ((ah * bh - p) + ah * bl + al * bh) + al * bl;
}

/**
 * Splits 2^t, t = th + tl (|th| <= T_LIMIT, |tl| <= ulp(th)), into 2^zn (zh + zl), with zh + zl in
 * [2^(-1/512), 2) and within 2^-68 of the exact value.
 */
// @ts-ignore: decorator
@inline
export function expSplit(th: f64, tl: f64): void {
  // t = k/256 + f with |f| <= 1/512; th - k/256 is exact (both are multiples of ulp(th)).
  const k = <i32>Math.floor(th * 256.0 + 0.5);
  const fh = th - <f64>k * 0.00390625;
  const fl = tl;
  // 2^f - 1 = S = Sh + Sl: ln2 * fh carried exactly, the rest of the Taylor series in doubles
  // (its terms are below 2^-20), and fl's first-order term ln2 * fl * 2^fh.
  const c1h = load<f64>(CONSTANTS + C1H);
  const a = c1h * fh;
  const ae = twoProductError(c1h, fh, a);
  const q =
    fh *
    fh *
    (load<f64>(CONSTANTS + C2) +
      fh *
        (load<f64>(CONSTANTS + C3) +
          fh * (load<f64>(CONSTANTS + C4) + fh * (load<f64>(CONSTANTS + C5) + fh * load<f64>(CONSTANTS + C6)))));
  const sh = a + q;
  const s1 = q - (sh - a);
  const sl = s1 + ae + load<f64>(CONSTANTS + C1L) * fh + fl * c1h * (1.0 + sh);
  // z = T (1 + S), T = 2^(j/256) = th_ + tl_.
  const entry = CONSTANTS + TABLE + ((<usize>(k & 255)) << 4);
  const tabh = load<f64>(entry);
  const tabl = load<f64>(entry, 8);
  const m = tabh * sh;
  const me = twoProductError(tabh, sh, m);
  const h = tabh + m;
  zh = h;
  zl = (m - (h - tabh)) + me + tabl + tabh * sl + tabl * sh;
  zn = k >> 8;
}

/** 2^n for -1022 <= n <= 1023. */
// @ts-ignore: decorator
@inline
export function scale(n: i32): f64 {
  return reinterpret<f64>(<u64>(n + 1023) << 52);
}

/**
 * r^p rounded to float64 (wide) or float32, with log2 r = l1 + l2; HARD when undecided. For float32,
 * p = f32(step / decay_steps) (floored for a staircase) and r is the float32 decay rate.
 */
// @ts-ignore: decorator
@inline
export function pow(p: f64, l1: f64, l2: f64, wide: bool): f64 {
  const th = p * l1;
  if (th != th) return 1.0; // 0^0, Infinity^0, 1^Infinity: IEEE pow gives 1
  if (th > T_LIMIT) return Infinity;
  if (th < -T_LIMIT) return 0.0;
  expSplit(th, twoProductError(p, l1, th) + p * l2);
  return wide ? round64(zh, zl, zn) : round32(zh, zl, zn);
}

/**
 * 2^(k (m1 + m2)) as a double within 2^-52 (the split's error plus one rounding), for
 * |k m1| <= 1000: the anchors and table of the geometric range path.
 */
export function exp2d(k: f64, m1: f64, m2: f64): f64 {
  const th = k * m1;
  expSplit(th, twoProductError(k, m1, th) + k * m2);
  return (zh + zl) * scale(zn);
}

/** f32(2^n (h + l)), or HARD. */
export function round32(h: f64, l: f64, n: i32): f64 {
  if (n > 128) return Infinity;
  if (n < -151) return 0.0; // below 2^-150: rounds to 0
  // 2^n is a normal double here, so the scaled bounds are exact scalings.
  const s = scale(n);
  const z = h + l;
  const lo = <f32>((z - EPS32) * s);
  const hi = <f32>((z + EPS32) * s);
  return lo == hi ? <f64>lo : HARD;
}

/** f64(2^n (h + l)), or HARD. */
export function round64(h: f64, l: f64, n: i32): f64 {
  if (n > 1023) return Infinity;
  if (n < -1076) return 0.0;
  // Rounding 2^n z equals 2^n times rounding z only while 2^n z is normal (z >= 2^(-1/512)).
  if (n < -1021) return HARD;
  const lo = h + (l - EPS64);
  const hi = h + (l + EPS64);
  // Multiplying by 2^n is exact, or overflows exactly when the rounded value does.
  return lo == hi ? lo * scale(n) : HARD;
}

// ---------------------------------------------------------------------------------------------
// Two lanes at once (the SIMD build). The same operations as expSplit on f64x2; the table is read
// lane by lane (Wasm has no gather), and the rounding decision reuses round32/round64 per lane.

// Results of expSplit2, per lane (a v128 global would not compile in the scalar build).
let vzh0: f64 = 0;
let vzh1: f64 = 0;
let vzl0: f64 = 0;
let vzl1: f64 = 0;
let vzn0: i32 = 0;
let vzn1: i32 = 0;

// @ts-ignore: decorator
@inline
function twoProductError2(a: v128, b: v128, p: v128): v128 {
  const split = f64x2.splat(SPLIT);
  let c = f64x2.mul(split, a);
  const ah = f64x2.sub(c, f64x2.sub(c, a));
  const al = f64x2.sub(a, ah);
  c = f64x2.mul(split, b);
  const bh = f64x2.sub(c, f64x2.sub(c, b));
  const bl = f64x2.sub(b, bh);
  return f64x2.add(
    f64x2.add(f64x2.add(f64x2.sub(f64x2.mul(ah, bh), p), f64x2.mul(ah, bl)), f64x2.mul(al, bh)),
    f64x2.mul(al, bl),
  );
}

// @ts-ignore: decorator
@inline
function tableLoad(k0: i32, k1: i32, offset: usize): v128 {
  const e0 = CONSTANTS + TABLE + ((<usize>(k0 & 255)) << 4) + offset;
  const e1 = CONSTANTS + TABLE + ((<usize>(k1 & 255)) << 4) + offset;
  return f64x2.replace_lane(f64x2.splat(load<f64>(e0)), 1, load<f64>(e1));
}

/** expSplit on two lanes; results in vzh0, vzh1, vzl0, vzl1, vzn0, vzn1. */
// @ts-ignore: decorator
@inline
function expSplit2(th: v128, tl: v128): void {
  const kf = f64x2.floor(f64x2.add(f64x2.mul(th, f64x2.splat(256.0)), f64x2.splat(0.5)));
  const k0 = <i32>f64x2.extract_lane(kf, 0);
  const k1 = <i32>f64x2.extract_lane(kf, 1);
  const fh = f64x2.sub(th, f64x2.mul(kf, f64x2.splat(0.00390625)));
  const c1h = f64x2.splat(load<f64>(CONSTANTS + C1H));
  const a = f64x2.mul(c1h, fh);
  const ae = twoProductError2(c1h, fh, a);
  let poly = f64x2.mul(fh, f64x2.splat(load<f64>(CONSTANTS + C6)));
  poly = f64x2.mul(fh, f64x2.add(f64x2.splat(load<f64>(CONSTANTS + C5)), poly));
  poly = f64x2.mul(fh, f64x2.add(f64x2.splat(load<f64>(CONSTANTS + C4)), poly));
  poly = f64x2.mul(fh, f64x2.add(f64x2.splat(load<f64>(CONSTANTS + C3)), poly));
  const q = f64x2.mul(f64x2.mul(fh, fh), f64x2.add(f64x2.splat(load<f64>(CONSTANTS + C2)), poly));
  const sh = f64x2.add(a, q);
  const s1 = f64x2.sub(q, f64x2.sub(sh, a));
  const sl = f64x2.add(
    f64x2.add(f64x2.add(s1, ae), f64x2.mul(f64x2.splat(load<f64>(CONSTANTS + C1L)), fh)),
    f64x2.mul(f64x2.mul(tl, c1h), f64x2.add(f64x2.splat(1.0), sh)),
  );
  const tabh = tableLoad(k0, k1, 0);
  const tabl = tableLoad(k0, k1, 8);
  const m = f64x2.mul(tabh, sh);
  const me = twoProductError2(tabh, sh, m);
  const h = f64x2.add(tabh, m);
  const l = f64x2.add(
    f64x2.add(f64x2.add(f64x2.add(f64x2.sub(m, f64x2.sub(h, tabh)), me), tabl), f64x2.mul(tabh, sl)),
    f64x2.mul(tabl, sh),
  );
  vzh0 = f64x2.extract_lane(h, 0);
  vzh1 = f64x2.extract_lane(h, 1);
  vzl0 = f64x2.extract_lane(l, 0);
  vzl1 = f64x2.extract_lane(l, 1);
  vzn0 = k0 >> 8;
  vzn1 = k1 >> 8;
}

/**
 * pow on two lanes. Lanes whose t is NaN or beyond T_LIMIT go through the scalar
 * function whole; the others share the vector split.
 */
// @ts-ignore: decorator
@inline
export function pow2x(p: v128, l1: f64, l2: f64, wide: bool): v128 {
  const vl1 = f64x2.splat(l1);
  const th = f64x2.mul(p, vl1);
  // "not <=" also catches NaN lanes.
  if (v128.any_true(v128.not(f64x2.le(f64x2.abs(th), f64x2.splat(T_LIMIT))))) {
    const p0 = f64x2.extract_lane(p, 0);
    const p1 = f64x2.extract_lane(p, 1);
    return f64x2.replace_lane(f64x2.splat(pow(p0, l1, l2, wide)), 1, pow(p1, l1, l2, wide));
  }
  expSplit2(th, f64x2.add(twoProductError2(p, vl1, th), f64x2.mul(p, f64x2.splat(l2))));
  return wide
    ? f64x2.replace_lane(f64x2.splat(round64(vzh0, vzl0, vzn0)), 1, round64(vzh1, vzl1, vzn1))
    : f64x2.replace_lane(f64x2.splat(round32(vzh0, vzl0, vzn0)), 1, round32(vzh1, vzl1, vzn1));
}
