// The benchmark's reference: Keras' six learning-rate schedules as docs/NUMERICS.md states their
// pipelines, evaluated operation by operation with decimal.js on the exact values of the inputs and
// rounded to float32 or float64 by exact comparison with the midpoints between neighbouring floats.
// It shares no code with lrdecay (src/, assembly/) nor with test/oracle.ts.
//
// Every rounded operation (+ - * /, pow, cos, log) is decided the same way, Ziv's way: evaluate it
// at 40 significant digits for float32, 50 for float64; if the value is within 10^-15 (float32) or
// 10^-25 (float64), relative, of a midpoint, evaluate it again at 120, then at 400 digits; within 10^-375 of a midpoint at 400 digits is taken as the
// midpoint itself (an exact tie, such as (1 + 2^-12)^2 in float32) and rounds to even. The margin
// of 25 digits covers decimal.js' own error and the cancellation of cos near pi/2 (cos of the
// double nearest pi/2 is 6e-17). Exact operations (floor, ceil, min, comparisons) and IEEE special
// values (zeros, infinities, NaN) are taken from JavaScript, where IEEE 754 defines them exactly.
//
// Cost: ~0.2 to 0.5 ms per cos, log or non-integer pow; ~50 us per + - * /.
import Decimal from "decimal.js";

/** Precisions per dtype: the first is enough but for values within 10^-(precision - 25) of a midpoint. */
const PRECISIONS = { float32: [40, 120, 400], float64: [50, 120, 400] };
const LEVELS = Object.fromEntries(
  Object.entries(PRECISIONS).map(([dtype, list]) => [
    dtype,
    list.map((precision, i) => ({
      D: Decimal.clone({ precision, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -9e15, toExpPos: 9e15, minE: -9e15, maxE: 9e15 }),
      tolerance: new Decimal(10).pow(-(precision - 25)),
      tol: 10 ** -(precision - 25),
      last: i === list.length - 1,
      logs: new Map(), // ln of the bases of pow, which repeat
    })),
  ]),
);

const FORMATS = {
  float32: { bits: 24, emin: -126, max: 3.4028234663852886e38 },
  float64: { bits: 53, emin: -1022, max: Number.MAX_VALUE },
};

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

/** A finite double as [m, e] with x = m * 2^e exactly, m a non-negative BigInt (sign dropped). */
function split(x) {
  f64[0] = Math.abs(x);
  const bits = u64[0];
  const biased = Number(bits >> 52n);
  const m = bits & 0xfffffffffffffn;
  return biased === 0 ? [m, -1074] : [m | (1n << 52n), biased - 1075];
}

/** The exact value m * 2^e as a Decimal of class D (a constructor keeps every digit). */
function dyadic(D, m, e) {
  return e >= 0 ? new D((m << BigInt(e)).toString()) : new D(`${(m * 5n ** BigInt(-e)).toString()}e${e}`);
}

/** The exact value of a finite double as a Decimal of class D. */
export function exact(D, x) {
  const [m, e] = split(x);
  const v = dyadic(D, m, e);
  return x < 0 || Object.is(x, -0) ? v.neg() : v;
}

/** floor(log2 x) of a double x > 0, exactly. */
const view = new DataView(new ArrayBuffer(8));
function exponentOf(x) {
  view.setFloat64(0, x);
  const biased = (view.getUint32(0) >>> 20) & 0x7ff;
  if (biased !== 0) return biased - 1023;
  const [m, e] = split(x);
  return e + m.toString(2).length - 1;
}

/**
 * For c >= 0 in the format: its neighbours and the exact midpoints between them and c.
 * The spacing below a power of two is half the spacing above it (except at the smallest exponent).
 */
function around(D, c, f) {
  const qmin = f.emin - (f.bits - 1); // exponent of the smallest subnormal
  if (c === 0) {
    const half = dyadic(D, 1n, qmin - 1);
    return { down: 0, up: 2 ** qmin, lo: half.neg(), hi: half };
  }
  const E = exponentOf(c);
  const q = Math.max(E, f.emin) - (f.bits - 1); // the exponent of c's ulp
  const pow2 = E > f.emin && c === 2 ** E;
  const [m, e] = split(c);
  const b = Math.min(e, q - 2);
  const cm = m << BigInt(e - b);
  const hi = dyadic(D, cm + (1n << BigInt(q - 1 - b)), b); // above max: the overflow threshold
  const lo = dyadic(D, cm - (1n << BigInt((pow2 ? q - 2 : q - 1) - b)), b);
  return { down: c - (pow2 ? 2 ** (q - 1) : 2 ** q), up: c === f.max ? Infinity : c + 2 ** q, lo, hi };
}

function isEven(c, f) {
  if (c === 0 || !Number.isFinite(c)) return true;
  const E = exponentOf(c);
  const q = Math.max(E, f.emin) - (f.bits - 1);
  const [m, e] = split(c);
  return ((m >> BigInt(q - e)) & 1n) === 0n;
}

/**
 * Rounds the Decimal y (an approximation at the level's precision) to the format, ties to even.
 * Returns undefined when y is too close to a midpoint to decide at this precision.
 */
function roundAt(y, f, level) {
  if (y.isNaN()) return NaN;
  const negative = y.isNegative();
  const a = y.abs();
  if (a.isZero()) return negative ? -0 : 0;
  const v = roundNormal(a, f, level);
  if (v !== null) return negative ? -v : v;
  return roundSlowly(a, negative, f, level);
}

/**
 * The common case in doubles: y normal in the format and clearly away from every midpoint.
 * toNumber() rounds y's decimal digits to the nearest double (JavaScript's parsing is correctly
 * rounded), which is the float64 answer, and the float32 answer after fround unless the double
 * fell on a float32 midpoint. Returns null whenever that argument does not settle it.
 */
function roundNormal(a, f, level) {
  const d = a.toNumber();
  if (!(d >= 2 ** f.emin && d < f.max)) return null;
  const c = f.bits === 24 ? Math.fround(d) : d;
  const E = exponentOf(c);
  const ulp = 2 ** (E - (f.bits - 1));
  const below = c === 2 ** E ? ulp / 4 : ulp / 2; // from c down to its lower midpoint
  const margin = level.tol * d;
  if (f.bits === 24) {
    // Midpoints of float32 are doubles; d is within half a double ulp (2^-53 d) of y.
    const gap = Math.min(c + ulp / 2 - d, d - (c - below));
    return gap > margin + 2 ** -52 * d ? c : null;
  }
  // float64: the distance from y to c, exactly enough, by one Decimal subtraction.
  const r = a.minus(exact(a.constructor, c)).toNumber();
  const gap = r >= 0 ? ulp / 2 - r : below + r;
  return gap > margin + 2 ** -100 * d ? c : null;
}

/** Rounds a = |y| > 0 by exact comparison with the midpoints around a candidate. */
function roundSlowly(a, negative, f, level) {
  let c = a.toNumber();
  if (f.bits === 24) c = Math.fround(c);
  if (!(c <= f.max)) c = f.max;
  const tol = a.times(level.tolerance);
  for (;;) {
    const { down, up, lo, hi } = around(a.constructor, c, f);
    if (a.gt(hi) && !a.minus(hi).lte(tol)) {
      if (up === Infinity) return negative ? -Infinity : Infinity;
      c = up;
      continue;
    }
    if (c > 0 && a.lt(lo) && !lo.minus(a).lte(tol)) {
      c = down;
      continue;
    }
    const nearHi = a.minus(hi).abs().lte(tol);
    const nearLo = c > 0 && a.minus(lo).abs().lte(tol);
    let v = c;
    if (nearHi || nearLo) {
      if (!level.last) return undefined; // undecided: evaluate again at a higher precision
      // At 400 digits this close is the midpoint itself: round to even.
      if (!isEven(c, f)) v = nearHi ? up : down;
    }
    return negative ? -v : v;
  }
}

/** One correctly rounded operation: `compute(D)` gives its value as a Decimal of class D. */
function decide(dtype, compute) {
  const f = FORMATS[dtype];
  for (const level of LEVELS[dtype]) {
    const v = roundAt(compute(level.D, level), f, level);
    if (v !== undefined) return v;
  }
  throw new Error("unreachable");
}

const R = (dtype) => (dtype === "float32" ? Math.fround : (x) => x);
const finite = Number.isFinite;

/** The correctly rounded operations of one dtype, on values of that dtype. */
export function arithmetic(dtype) {
  const r = R(dtype);
  const ops = {
    round: r,
    add: (a, b) => (!finite(a) || !finite(b) || a === 0 || b === 0 || a === -b ? r(a + b) : decide(dtype, (D) => exact(D, a).plus(exact(D, b)))),
    sub: (a, b) => (!finite(a) || !finite(b) || a === 0 || b === 0 || a === b ? r(a - b) : decide(dtype, (D) => exact(D, a).minus(exact(D, b)))),
    mul: (a, b) => (!finite(a) || !finite(b) || a === 0 || b === 0 ? r(a * b) : decide(dtype, (D) => exact(D, a).times(exact(D, b)))),
    div: (a, b) => (!finite(a) || !finite(b) || a === 0 || b === 0 ? r(a / b) : decide(dtype, (D) => exact(D, a).div(exact(D, b)))),
    /** pow(x, y), IEEE 754 / C99 Annex F special cases. */
    pow(x, y) {
      if (y === 0 || x === 1) return 1;
      if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
      const oddInteger = Number.isInteger(y) && Math.abs(y) < 2 ** 53 && Math.abs(y) % 2 === 1;
      if (x === 0) return y > 0 ? (oddInteger ? x : 0) : oddInteger && Object.is(x, -0) ? -Infinity : Infinity;
      if (y === Infinity) return x === -1 ? 1 : Math.abs(x) < 1 ? 0 : Infinity;
      if (y === -Infinity) return x === -1 ? 1 : Math.abs(x) < 1 ? Infinity : 0;
      if (x === -Infinity) return y > 0 ? (oddInteger ? -Infinity : Infinity) : oddInteger ? -0 : 0;
      if (x === Infinity) return y > 0 ? Infinity : 0;
      if (x < 0) {
        if (!Number.isInteger(y)) return NaN;
        const v = ops.pow(-x, y);
        return oddInteger ? -v : v;
      }
      // Far outside the format (log2 of the result beyond the extremes by 2 or more), decide without
      // computing the huge or tiny power. Math.log2 only filters here: no engine errs by anything
      // near that margin, and every value returned in range comes from decimal.js.
      const f = FORMATS[dtype];
      const t = y * Math.log2(x);
      if (t < f.emin - f.bits - 2) return 0;
      if (t > -f.emin + 3) return Infinity;
      const integer = Number.isInteger(y) && Math.abs(y) <= 2 ** 20;
      return decide(dtype, (D, level) => {
        if (integer) return exact(D, x).pow(y);
        let ln = level.logs.get(x);
        if (ln === undefined) {
          if (level.logs.size > 1000) level.logs.clear();
          level.logs.set(x, (ln = exact(D, x).ln()));
        }
        return exact(D, y).times(ln).exp();
      });
    },
    cos(x) {
      if (!finite(x)) return NaN;
      if (x === 0) return 1;
      return decide(dtype, (D) => exact(D, x).cos());
    },
    log(x) {
      if (Number.isNaN(x) || x < 0) return NaN;
      if (x === 0) return -Infinity;
      if (x === 1) return 0;
      if (x === Infinity) return Infinity;
      return decide(dtype, (D) => exact(D, x).ln());
    },
  };
  return ops;
}

/** pi rounded to the dtype: float32 0x1.921fb6p+1, float64 Math.PI. */
const piOf = (dtype) => decide(dtype, (D) => D.acos(-1));

/**
 * The pipelines of docs/NUMERICS.md. Each takes the constructor's options (camelCase, as lrdecay's
 * options objects) and a dtype, and returns step => the value of Keras' formula with every rounding
 * decided exactly.
 */
export const ORACLES = {
  ExponentialDecay({ initialLearningRate, decaySteps, decayRate, staircase = false }, dtype) {
    const { round, div, mul, pow } = arithmetic(dtype);
    const [a, d, r] = [initialLearningRate, decaySteps, decayRate].map(round);
    return (step) => {
      let p = div(round(step), d);
      if (staircase) p = Math.floor(p);
      return mul(a, pow(r, p));
    };
  },

  InverseTimeDecay({ initialLearningRate, decaySteps, decayRate, staircase = false }, dtype) {
    const { round, add, div, mul } = arithmetic(dtype);
    const [a, d, r] = [initialLearningRate, decaySteps, decayRate].map(round);
    return (step) => {
      let p = div(round(step), d);
      if (staircase) p = Math.floor(p);
      return div(a, add(1, mul(r, p)));
    };
  },

  PiecewiseConstantDecay({ boundaries, values }, dtype) {
    const { round, add } = arithmetic(dtype);
    const v = values.map(round);
    return (step) => {
      // values[i] while boundaries[i-1] < step <= boundaries[i]; steps and boundaries compared as given.
      let i = 0;
      while (i < boundaries.length && step > boundaries[i]) i++;
      return add(0, v[i]);
    };
  },

  PolynomialDecay({ initialLearningRate, decaySteps, endLearningRate = 0.0001, power = 1.0, cycle = false }, dtype) {
    const { round, add, sub, mul, div, pow } = arithmetic(dtype);
    const [a, d, e, pw] = [initialLearningRate, decaySteps, endLearningRate, power].map(round);
    const ae = sub(a, e);
    return (step) => {
      let s = round(step);
      let D = d;
      if (cycle) D = mul(d, s === 0 ? 1 : Math.ceil(div(s, d)));
      else s = Math.min(s, d);
      const p = div(s, D);
      return add(mul(ae, pow(sub(1, p), pw)), e);
    };
  },

  CosineDecay({ initialLearningRate, decaySteps, alpha = 0.0, warmupTarget = null, warmupSteps = 0 }, dtype) {
    const { round, add, sub, mul, div, cos } = arithmetic(dtype);
    const [a, d, al] = [initialLearningRate, decaySteps, alpha].map(round);
    const pi = piOf(dtype);
    // 1 - alpha is Python arithmetic on floats: float64 first, then the dtype.
    const A = round(decide("float64", (D) => new D(1).minus(exact(D, alpha))));
    const decay = (x, from) => mul(from, add(mul(A, mul(0.5, add(1, cos(mul(pi, div(x, d)))))), al));
    if (warmupTarget === null || warmupTarget === undefined) return (step) => decay(Math.min(round(step), d), a);
    const W = round(warmupTarget);
    const WS = round(warmupSteps);
    const end = add(d, WS);
    return (step) => {
      const s = Math.min(round(step), end);
      return s < WS ? add(mul(sub(W, a), div(s, WS)), a) : decay(sub(s, WS), W);
    };
  },

  CosineDecayRestarts({ initialLearningRate, firstDecaySteps, tMul = 2.0, mMul = 1.0, alpha = 0.0 }, dtype) {
    const { round, add, sub, mul, div, pow, cos, log } = arithmetic(dtype);
    const [a, fd, T, M, al] = [initialLearningRate, firstDecaySteps, tMul, mMul, alpha].map(round);
    const pi = piOf(dtype);
    const oneMinusT = sub(1, T);
    const logT = log(T);
    const oneMinusAlpha = sub(1, al);
    return (step) => {
      const cf = div(round(step), fd);
      let i, c;
      if (T === 1) {
        i = Math.floor(cf);
        c = sub(cf, i);
      } else {
        i = Math.floor(div(log(sub(1, mul(cf, oneMinusT))), logT));
        const P = pow(T, i);
        c = div(sub(cf, div(sub(1, P), oneMinusT)), P);
      }
      return mul(a, add(mul(oneMinusAlpha, mul(mul(0.5, pow(M, i)), add(1, cos(mul(pi, c))))), al));
    };
  },
};
