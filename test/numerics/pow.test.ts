// pow(x, y) with a varying base, correctly rounded: the fast paths (assembly/numerics/pow.ts and its
// twin) with the exact fallback (src/exact/pow.ts's powSignedCorrectlyRounded) against the
// independent decimal.js oracle, IEEE's special cases, exact and midpoint powers, the undecided
// rate, and the AssemblyScript build against the twin bit for bit.
import fc from "fast-check";
import { beforeAll, describe, expect, test } from "vitest";
import { expSplitForTesting, pow32y, twoProductError } from "../../assembly/numerics/exp2.twin.js";
import { log2dd, log2Low } from "../../assembly/numerics/log.twin.js";
import { powv32, powv64 } from "../../assembly/numerics/pow.twin.js";
import { wasUndecided } from "../../assembly/numerics/undecided.twin.js";
import { BINARY32, BINARY64 } from "../../src/exact/binary.js";
import { powSignedCorrectlyRounded } from "../../src/exact/pow.js";
import { exactDecimal, OracleDecimal, oraclePow, type DType } from "../oracle.js";
import { compileNumerics } from "./wasm.js";
import { uniform } from "../samples.js";

/** The oracle for any sign of x: |x|^y by decimal.js, negated for a negative base and odd y. */
function oracle(x: number, y: number, dtype: DType): number {
  if (x < 0 && !Number.isInteger(y)) return NaN;
  const v = oraclePow(Math.abs(x), y, dtype);
  return x < 0 && Math.abs(y % 2) === 1 ? -v : v;
}

/** The full correctly rounded pow: fast path, and the exact fallback when it cannot decide. */
function powv32cr(x: number, y: number): number {
  const v = powv32(x, y);
  return wasUndecided() ? powSignedCorrectlyRounded(x, y, BINARY32) : v;
}
function powv64cr(x: number, y: number): number {
  const v = powv64(x, y);
  return wasUndecided() ? powSignedCorrectlyRounded(x, y, BINARY64) : v;
}


const f32 = Math.fround;

/**
 * IEEE 754 pow's special values from JavaScript's Math.pow (tests may use it: nothing here produces
 * a result), corrected where ECMAScript departs from C99 Annex F: pow(1, NaN) and pow(-1, +-Infinity)
 * are 1 there, NaN in JavaScript.
 */
function ieeeSpecial(x: number, y: number): number {
  if (x === 1 || y === 0) return 1;
  if (x === -1 && Math.abs(y) === Infinity) return 1;
  return Math.pow(x, y);
}

const SPECIAL_X = [0, -0, 1, -1, 0.5, -0.5, 2, -2, 3, -3, Infinity, -Infinity, NaN, 5e-324, -5e-324, 1.5e300];
const SPECIAL_Y = [0, -0, 1, -1, 2, -2, 3, -3, 0.5, -0.5, 2.5, -2.5, Infinity, -Infinity, NaN, 2 ** 53, 2 ** 53 + 2, -(2 ** 60), 1e300];

describe("pow: special values (IEEE 754 / C99 Annex F.9.4.4)", () => {
  test("the grid of special bases and exponents, fast and exact, both dtypes", () => {
    for (const x of SPECIAL_X)
      for (const y of SPECIAL_Y) {
        const want = ieeeSpecial(x, y);
        // Only the special values: finite nonzero results other than +-1 are the oracle's business.
        if (Number.isFinite(want) && want !== 0 && Math.abs(want) !== 1 && !Number.isNaN(want)) continue;
        expect(Object.is(powSignedCorrectlyRounded(x, y, BINARY64), want), `exact pow(${x}, ${y})`).toBe(true);
        expect(Object.is(powv64cr(x, y), want), `powv64(${x}, ${y})`).toBe(true);
        const x32 = f32(x);
        const y32 = f32(y);
        const want32 = ieeeSpecial(x32, y32);
        if (Number.isFinite(want32) && want32 !== 0 && Math.abs(want32) !== 1 && !Number.isNaN(want32)) continue;
        expect(Object.is(powSignedCorrectlyRounded(x32, y32, BINARY32), want32), `exact pow32(${x32}, ${y32})`).toBe(true);
        expect(Object.is(powv32cr(x32, y32), want32), `powv32(${x32}, ${y32})`).toBe(true);
      }
  });

  test.each([
    [-0, 3, -0],
    [-0, -3, -Infinity],
    [-0, 4, 0],
    [-0, -0.5, Infinity],
    [-Infinity, 3, -Infinity],
    [-Infinity, -3, -0],
    [-Infinity, 0.5, Infinity],
    [-8, 1 / 3, NaN],
    [-2, 3, -8],
    [-0.5, -3, -8],
    [-1, Infinity, 1],
    [1, NaN, 1],
    [NaN, 0, 1],
    [-2, 1025, -Infinity], // overflows with the sign of an odd power
    [-2, -1075, -0], // 2^-1075 is half the smallest subnormal: ties to even, 0, signed
    [-2, -1073, -1e-323],
    [-2, -1074, 5e-324],
  ])("pow64(%s, %s) = %s", (x, y, want) => {
    expect(Object.is(powv64cr(x, y), want)).toBe(true);
    expect(Object.is(powSignedCorrectlyRounded(x, y, BINARY64), want)).toBe(true);
  });

  test.each([
    [-2, 129, -Infinity],
    [-2, -150, 0], // 2^-150: half the smallest float32 subnormal, ties to even
    [-2, -149, -(2 ** -149)],
    [-2, -151, -0],
    [-3, 3, -27],
  ])("pow32(%s, %s) = %s", (x, y, want) => {
    expect(Object.is(powv32cr(x, y), want)).toBe(true);
    expect(Object.is(powSignedCorrectlyRounded(x, y, BINARY32), want)).toBe(true);
  });
});

describe("exact and midpoint powers: round to even", () => {
  test("(1 + 2^-12)^2 is a float32 midpoint; (1 - 2^-27)^2 a float64 one", () => {
    // (1 + 2^-12)^2 = 1 + 2^-11 + 2^-24: halfway between 1 + 2^-11 and 1 + 2^-11 + 2^-23.
    powv32(1 + 2 ** -12, 2);
    expect(wasUndecided()).toBe(true); // no approximation decides a midpoint: the exact path does
    expect(powv32cr(1 + 2 ** -12, 2)).toBe(1 + 2 ** -11);
    // (1 - 2^-27)^2 = 1 - 2^-26 + 2^-54: halfway between 1 - 2^-26 (even) and its successor.
    powv64(1 - 2 ** -27, 2);
    expect(wasUndecided()).toBe(true);
    expect(powv32cr(1 + 3 * 2 ** -12, 2)).toBe(oracle(1 + 3 * 2 ** -12, 2, "float32"));
    expect(powv64cr(1 - 2 ** -27, 2)).toBe(1 - 2 ** -26);
    expect(powv64cr(-(1 - 2 ** -27), 2)).toBe(1 - 2 ** -26);
    expect(powv64cr(1 + 2 ** -27, 2)).toBe(1 + 2 ** -26); // 1 + 2^-26 + 2^-54: a quarter ulp, not a tie
    expect(powv64cr(-(1 + 2 ** -27), 3)).toBe(oracle(-(1 + 2 ** -27), 3, "float64"));
    // A float32 midpoint below 1: (4099 2^-13)^2 = 16801801 2^-26 in [1/4, 1/2), where the spacing
    // is 2^-25; ties to even give 8400900 2^-25.
    powv32(4099 / 8192, 2);
    expect(wasUndecided()).toBe(true);
    expect(powv32cr(4099 / 8192, 2)).toBe(8400900 * 2 ** -25);
    expect(oracle(4099 / 8192, 2, "float32")).toBe(8400900 * 2 ** -25);
    expect(powv32cr(-4099 / 8192, 3)).toBe(oracle(-4099 / 8192, 3, "float32"));
  });

  test.each([
    [0.25, 0.5, 0.5],
    [0.5, 3, 0.125],
    [2, -3, 0.125],
    [4, 1.5, 8],
    [9, 0.5, 3],
    [0.0625, 0.25, 0.5],
    [1024, 0.1, NaN], // not exact: the oracle decides
    [-0.5, 3, -0.125],
    [-3, 2, 9],
  ])("pow(%s, %s)", (x, y, exact) => {
    for (const dtype of ["float32", "float64"] as const) {
      const yy = dtype === "float32" ? f32(y) : y;
      const want = Number.isNaN(exact) ? oracle(x, yy, dtype) : exact;
      expect(dtype === "float32" ? powv32cr(x, yy) : powv64cr(x, yy)).toBe(want);
    }
  });
});

describe("powv32: float32, against the oracle", () => {
  test("random positive bases and exponents whose result is in range or near its ends", () => {
    fc.assert(
      fc.property(
        fc.float({ min: 2 ** -149, max: 3.4028234663852886e38, noNaN: true, noDefaultInfinity: true }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        (x, u) => {
          // y spread so that |y log2 x| reaches a little past the float32 range.
          const l = Math.abs(Math.log2(x)) || 1;
          const y = f32((u * 160) / l);
          expect(powv32cr(x, y), `pow(${x}, ${y})`).toBe(oracle(x, y, "float32"));
        },
      ),
      { numRuns: 700 },
    );
  });

  test("negative bases with integer exponents", () => {
    fc.assert(
      fc.property(fc.float({ min: f32(-1e4), max: f32(-1e-4), noNaN: true }), fc.integer({ min: -40, max: 40 }), (x, y) => {
        expect(Object.is(powv32cr(x, y), oracle(x, y, "float32")), `pow(${x}, ${y})`).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test("PolynomialDecay's shapes: pow(1 - p, power) for p in [0, 1]", () => {
    for (const power of [0.5, 1, 2, 3, 0.7, 1.5, 10]) {
      const y = f32(power);
      for (let i = 0; i <= 1000; i += 13) {
        const p = f32(f32(i) / f32(1000));
        const base = f32(1 - p);
        expect(powv32cr(base, y), `pow(${base}, ${y})`).toBe(oracle(base, y, "float32"));
      }
      for (const base of [f32(1 - 2 ** -24), f32(2 ** -24), f32(1e-7), f32(0.999)])
        expect(powv32cr(base, y), `pow(${base}, ${y})`).toBe(oracle(base, y, "float32"));
    }
  });
});

describe("powv64: float64, against the oracle", () => {
  test("random positive bases and exponents", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 5e-324, max: Number.MAX_VALUE, noNaN: true, noDefaultInfinity: true }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        (x, u) => {
          const l = Math.abs(Math.log2(x)) || 1;
          const y = (u * 1080) / l;
          expect(powv64cr(x, y), `pow(${x}, ${y})`).toBe(oracle(x, y, "float64"));
        },
      ),
      { numRuns: 600 },
    );
  });

  test("bases near 1 with large exponents, negative bases with integer exponents", () => {
    const cases: [number, number][] = [];
    for (let k = 1; k <= 20; k++) cases.push([1 + k * 2 ** -52, 2 ** 50 / k], [1 - k * 2 ** -53, -(2 ** 52) * 3.3], [1 + 2 ** -30, k * 1e9]);
    for (const u of uniform(3, 150)) cases.push([-(0.01 + 100 * u), Math.floor((u - 0.5) * 300)]);
    for (const [x, y] of cases) expect(Object.is(powv64cr(x, y), oracle(x, y, "float64")), `pow(${x}, ${y})`).toBe(true);
  });

  test("PolynomialDecay's shapes: pow(1 - p, power) for p in [0, 1]", () => {
    for (const y of [0.5, 1, 2, 3, 0.7, 1.5, 10]) {
      for (let i = 0; i <= 1000; i += 17) {
        const base = 1 - i / 1000;
        expect(powv64cr(base, y), `pow(${base}, ${y})`).toBe(oracle(base, y, "float64"));
      }
    }
  });
});

describe("the fast paths' error, before the rounding test", () => {
  const P = OracleDecimal.clone({ precision: 60 });
  const dec = (v: number) => new P(exactDecimal(v).toString());

  test("float32: 2^(y (lh + ll)) is within 2^-50 of x^y (pow32's EPS_Y = 2^-48); float64: 2^zn (zh + zl) within 2^-69 (EPS64 = 2^-68)", () => {
    let worst32 = new P(0);
    let worst64 = new P(0);
    for (const u of uniform(31, 1200)) {
      const v = (u * 7919) % 1;
      // float32: a base anywhere in the format, |t| up to 148 (normal results).
      const x32 = f32(2 ** Math.floor((u - 0.5) * 250) * (1 + u));
      const l = Math.abs(Math.log2(x32)) || 1;
      const y32 = f32(((v - 0.5) * 2 * 148) / l);
      const l1 = log2dd(x32);
      const l2 = log2Low();
      const c = 16777217 * l1;
      const lh = c - (c - l1);
      const got32 = dec(pow32y(y32, lh, (l1 - lh) + l2));
      const exact32 = dec(y32).times(dec(x32).ln()).exp();
      const e32 = got32.minus(exact32).abs().div(exact32);
      if (e32.gt(worst32)) worst32 = e32;
      // float64: a base in (0, 2) (near 1 often) and |t| up to 1000, as pow64 splits it.
      const x = u < 0.3 ? 1 + (v - 0.5) * 2 ** -20 : 2 * u;
      const y = ((v - 0.5) * 2 * 1000) / Math.abs(Math.log2(x));
      const m1 = log2dd(x);
      const m2 = log2Low();
      const th = y * m1;
      const [zh, zl, zn] = expSplitForTesting(th, twoProductError(y, m1, th) + y * m2);
      const exact = dec(y).times(dec(x).ln()).exp();
      const got = dec(zh).plus(dec(zl)).times(new P(2).pow(zn));
      const e64 = got.minus(exact).abs().div(exact);
      if (e64.gt(worst64)) worst64 = e64;
    }
    const a = worst32.log(2).toNumber();
    const b = worst64.log(2).toNumber();
    console.log(`powv: worst relative error before rounding 2^${a.toFixed(2)} (float32), 2^${b.toFixed(2)} (float64)`);
    expect(a).toBeLessThan(-50);
    expect(b).toBeLessThan(-69);
  });
});

describe("undecided rate", () => {
  test("random inputs and the PolynomialDecay grid; every decided result equals the exact path's", () => {
    let n = 0;
    let hard32 = 0;
    let hard64 = 0;
    for (const u of uniform(21, 100_000)) {
      // A base in (0, 2) and an exponent in [0, 12], as PolynomialDecay and CosineDecayRestarts use.
      const x = 2 * u;
      const y = ((u * 7919) % 1) * 12;
      const x32 = f32(x);
      const y32 = f32(y);
      const v32 = powv32(x32, y32);
      if (wasUndecided()) hard32++;
      else if (n % 200 === 0) expect(v32).toBe(powSignedCorrectlyRounded(x32, y32, BINARY32));
      const v64 = powv64(x, y);
      if (wasUndecided()) hard64++;
      else if (n % 200 === 0) expect(v64).toBe(powSignedCorrectlyRounded(x, y, BINARY64));
      n++;
    }
    console.log(`powv: undecided ${hard32} of ${n} float32 and ${hard64} of ${n} float64 (random base in (0, 2), exponent in [0, 12])`);
    // PolynomialDecay: pow(1 - p, power), p = s / 10000.
    let m = 0;
    let grid32 = 0;
    let grid64 = 0;
    for (const power of [0.5, 1, 2, 3, 0.7, 1.5, 10]) {
      for (let i = 0; i <= 10_000; i++) {
        const base32 = f32(1 - f32(f32(i) / f32(10_000)));
        const v32 = powv32(base32, f32(power));
        if (wasUndecided()) {
          grid32++;
          expect(powSignedCorrectlyRounded(base32, f32(power), BINARY32)).toBe(oracle(base32, f32(power), "float32"));
        } else if (i % 500 === 0) expect(v32).toBe(powSignedCorrectlyRounded(base32, f32(power), BINARY32));
        powv64(1 - i / 10_000, power);
        if (wasUndecided()) grid64++;
        m++;
      }
    }
    console.log(`powv on PolynomialDecay's grid pow(1 - s/10000, power): undecided ${grid32} of ${m} float32, ${grid64} of ${m} float64`);
    // float32: within 2^-48 of a midpoint (spacing 2^-23), about 2^-24 of them; float64: 2^-68 of 2^-52.
    expect(hard32).toBeLessThan(n / 10_000);
    expect(hard64).toBeLessThan(n / 1_000);
  });
});

describe("AssemblyScript powv32/powv64 against the twin, bit for bit", () => {
  let wasm: Record<string, (...args: number[]) => number>;
  beforeAll(async () => {
    wasm = await compileNumerics(`export { powv32, powv64 } from "./numerics/pow"; export { wasUndecided } from "./numerics/undecided";`);
  }, 60_000);

  test("a few thousand inputs, results and undecided flags", () => {
    const pairs: [number, number][] = [];
    for (const x of SPECIAL_X) for (const y of SPECIAL_Y) pairs.push([x, y]);
    pairs.push([1 + 2 ** -12, 2], [1 - 2 ** -27, 2], [0.25, 0.5], [-2, -1075]);
    for (const u of uniform(8, 3000)) {
      const x = 2 ** Math.floor((u - 0.5) * 200) * (1 + u);
      pairs.push([x, ((u * 7919) % 1 - 0.3) * 40], [-x, Math.floor((u * 104729) % 1 * 60) - 30], [1 - u, [0.5, 1, 2, 3, 0.7, 1.5, 10][Math.floor(u * 7)]!]);
    }
    for (const [x, y] of pairs) {
      expect(Object.is(wasm.powv64!(x, y), powv64(x, y)), `powv64(${x}, ${y})`).toBe(true);
      expect(!!wasm.wasUndecided!()).toBe(wasUndecided());
      const x32 = f32(x);
      const y32 = f32(y);
      expect(Object.is(wasm.powv32!(x32, y32), powv32(x32, y32)), `powv32(${x32}, ${y32})`).toBe(true);
      expect(!!wasm.wasUndecided!()).toBe(wasUndecided());
    }
  });
});
