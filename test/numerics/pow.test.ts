// pow(x, y) with a varying base, correctly rounded: the fast paths (assembly/numerics/pow.ts and its
// twin) with the exact fallback (src/exact/pow.ts's powSignedCorrectlyRounded) against the
// independent decimal.js oracle: IEEE's special cases, exact and midpoint powers, published hard
// cases, subnormal and overflowing results, random bases and exponents over the ranges schedules
// use; the constants and the exactness claims the error bounds rest on; the bounds measured; the
// undecided rate; and the AssemblyScript build (scalar and lanes) against the twin bit for bit.
import { Decimal } from "decimal.js";
import fc from "fast-check";
import { beforeAll, describe, expect, test } from "vitest";
import { pow32y, twoProductError } from "../../assembly/numerics/exp2.twin.js";
import * as L from "../../assembly/numerics/layout.js";
import { ln64ForTesting, log2Split32ForTesting, powv32, powv64, powZ64ForTesting } from "../../assembly/numerics/pow.twin.js";
import { wasUndecided } from "../../assembly/numerics/undecided.twin.js";
import { BINARY32, BINARY64 } from "../../src/exact/binary.js";
import { powSignedCorrectlyRounded } from "../../src/exact/pow.js";
import { CONSTANTS as C } from "../../src/generated/constants.js";
import { exactDecimal, OracleDecimal, oraclePow, type DType } from "../oracle.js";
import { hex, uniform } from "../samples.js";
import { compileNumerics } from "./wasm.js";

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
const P = OracleDecimal.clone({ precision: 60 });
const dec = (v: number) => new P(exactDecimal(v).toString());
const LN2 = P.ln(2);
/** log2 of a Decimal error, for printing and comparing with bounds. */
const log2Of = (e: Decimal) => (e.isZero() ? -Infinity : e.log(2).toNumber());

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

  test("midpoints with a fractional exponent: 257^3 = (257^2)^1.5 in float32, (2^18 - 1)^3 in float64", () => {
    // 257^3 = 16974593 has 25 significant bits and is odd: the midpoint between 16974592 (even
    // significand 8487296) and 16974594.
    powv32(66049, 1.5);
    expect(wasUndecided()).toBe(true);
    expect(powv32cr(66049, 1.5)).toBe(16974592);
    expect(oracle(66049, 1.5, "float32")).toBe(16974592);
    // (2^18 - 1)^3 = 2^54 - 3 2^36 + 3 2^18 - 1: 54 significant bits, odd, a float64 midpoint.
    const m = 2 ** 18 - 1;
    const cube = 2n ** 54n - 3n * 2n ** 36n + 3n * 2n ** 18n - 1n;
    const even = Number(cube - 1n) / 2 % 2 === 0 ? Number(cube - 1n) : Number(cube + 1n);
    powv64(m * m, 1.5);
    expect(wasUndecided()).toBe(true);
    expect(powv64cr(m * m, 1.5)).toBe(even);
    expect(oracle(m * m, 1.5, "float64")).toBe(even);
  });

  test.each([
    [0.25, 0.5, 0.5],
    [0.5, 3, 0.125],
    [2, -3, 0.125],
    [4, 1.5, 8],
    [9, 0.5, 3],
    [0.0625, 0.25, 0.5],
    [0.0625, 0.75, 0.125],
    [0.5625, 0.5, 0.75],
    [0.75, 2, 0.5625],
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

  test("an exact float64 root: ((1 + 2^-12)^4)^0.25 = 1 + 2^-12", () => {
    const x = 1 + 4 * 2 ** -12 + 6 * 2 ** -24 + 4 * 2 ** -36 + 2 ** -48;
    expect(powv64cr(x, 0.25)).toBe(1 + 2 ** -12);
  });
});

// CORE-MATH's src/binary32/pow/powf.wc: its non-regression inputs, and its hard cases with 47 or
// more identical bits after the rounding bit (each within 2^-71 of a midpoint, relative).
const POWF_REGRESSION = [
  ["0x1.1058p+0", "0x1.ap+64"], ["0x1.1058p+0", "-0x1.ap+64"], ["-0x1.4p+0", "0x1.c6992p+19"],
  ["0x1.8fdb0ep-21", "0x1.a31bp-102"], ["0x1.0dfe0ep-56", "-0x1.1c882ep-107"], ["0x1.7240b8p+45", "-0x1.b4222p-103"],
  ["0x1.9a1p-20", "0x1.ep+0"], ["0x1.9a1p-76", "0x1.ep+0"], ["0x1.7632cp-45", "-0x1.5f9314p-23"],
] as const;
const POWF_HARD = [
  ["0x1.767d72p-31", "0x1.002808p+0"], ["0x1.2e9178p-119", "0x1.023178p+0"], ["0x1.bc784cp+57", "0x1.022be6p+0"],
  ["0x1.aa25fp-122", "0x1.04d8e4p+0"], ["0x1.9b35c6p+6", "0x1.053cc8p+0"], ["0x1.c347d6p-59", "0x1.055618p+0"],
  ["0x1.098cbcp-102", "0x1.05f7dep+0"], ["0x1.e695eap-26", "0x1.06a6a2p+0"], ["0x1.293686p-18", "0x1.08594ep+0"],
  ["0x1.5bc2b6p+34", "0x1.08e49p+0"], ["0x1.79395cp+69", "0x1.0980c4p+0"], ["0x1.3e29bep+3", "0x1.09eb9ap+0"],
  ["0x1.2ccb16p-12", "0x1.0b9bdp+0"], ["0x1.a8aa04p+31", "0x1.0bb31cp+0"], ["0x1.2ce352p-107", "0x1.0cd3f8p+0"],
  ["0x1.40d3dap+33", "0x1.0cd484p+0"], ["0x1.41c9f6p+24", "0x1.0cf972p+0"], ["0x1.d6a9eap-89", "0x1.1249fcp+0"],
  ["0x1.49b684p-69", "0x1.1509f6p+0"], ["0x1.8b178cp+69", "0x1.159f0ap+0"], ["0x1.58e756p+58", "0x1.16d3fp+0"],
  ["0x1.d8c0f6p+8", "0x1.17e80ep+0"], ["0x1.cc53e8p-96", "0x1.1bb752p+0"], ["0x1.95c6c2p+113", "0x1.1f771cp+0"],
  ["0x1.c1243cp-1", "0x1.26ef18p+0"], ["0x1.4ec09p-72", "0x1.27766ep+0"], ["0x1.f4ff26p-81", "0x1.2a584p+0"],
  ["0x1.8029bep+15", "0x1.2d8c12p+0"], ["0x1.cc0b74p+14", "0x1.3076dep+0"], ["0x1.3cd062p-107", "0x1.326734p+0"],
] as const;

// Worst cases of pow in binary64 (102 to 153 identical bits): CORE-MATH's src/binary64/pow/pow.wc.
const POW_HARD = [
  ["0x1.ffffffffffffcp-1", "0x1.fffffffffffffp-2"], ["0x1.ffffffffffffcp-1", "-0x1.ffffffffffffdp-2"],
  ["0x1.ffffffffffffp-1", "-0x1.ffffffffffff6p-3"], ["0x1.ffffffffffff8p-1", "-0x1.ffffffffffffbp-3"],
] as const;

describe("published hard cases", () => {
  test("CORE-MATH's powf cases: the hard ones undecided by the fast path, and all rounded as the oracle does", () => {
    for (const [xs, ys] of [...POWF_REGRESSION, ...POWF_HARD]) {
      const x = hex(xs);
      const y = hex(ys);
      expect(f32(x)).toBe(x);
      expect(f32(y)).toBe(y);
      expect(Object.is(powv32cr(x, y), oracle(x, y, "float32")), `powf(${xs}, ${ys})`).toBe(true);
    }
    // Identical bits after the rounding bit may be zeros (the power lies close to a float, easy to
    // round to nearest) or ones (close to a midpoint, which the fast path must leave undecided).
    let undecided = 0;
    for (const [xs, ys] of POWF_HARD) {
      powv32(hex(xs), hex(ys));
      if (wasUndecided()) undecided++;
    }
    console.log(`powf hard cases: ${undecided} of ${POWF_HARD.length} left to the exact path`);
    expect(undecided).toBeGreaterThan(0);
  });

  test("CORE-MATH's binary64 worst cases", () => {
    for (const [xs, ys] of POW_HARD) {
      const x = hex(xs);
      const y = hex(ys);
      expect(powv64cr(x, y), `pow(${xs}, ${ys})`).toBe(oracle(x, y, "float64"));
    }
  });
});

/** A float32 base mostly in [0, 1] (PolynomialDecay's), sometimes above 1 or tiny. */
const base32 = fc.oneof(
  { weight: 6, arbitrary: fc.float({ min: 0, max: 1, noNaN: true, noDefaultInfinity: true }) },
  { weight: 2, arbitrary: fc.float({ min: 1, max: f32(1e4), noNaN: true }) },
  { weight: 1, arbitrary: fc.float({ min: 2 ** -149, max: f32(1e-30), noNaN: true }) },
);
const exponent = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: 0.1, max: 10, noNaN: true }) },
  { weight: 2, arbitrary: fc.double({ min: 10, max: 1e4, noNaN: true }) },
  { weight: 1, arbitrary: fc.double({ min: -10, max: -0.1, noNaN: true }) },
);

describe("powv32: float32, against the oracle", () => {
  test("bases mostly in [0, 1], exponents 0.1 to 10, larger and negative ones", () => {
    fc.assert(
      fc.property(base32, exponent, (x, yd) => {
        const y = f32(yd);
        expect(Object.is(powv32cr(x, y), oracle(x, y, "float32")), `pow(${x}, ${y})`).toBe(true);
      }),
      { numRuns: 800 },
    );
  });

  test("results across the whole range: subnormal, near overflow, overflowing and underflowing", () => {
    fc.assert(
      fc.property(
        fc.float({ min: 2 ** -149, max: 3.4028234663852886e38, noNaN: true, noDefaultInfinity: true }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        (x, u) => {
          // y spread so that |y log2 x| reaches a little past the float32 range at both ends.
          const l = Math.abs(Math.log2(x)) || 1;
          const y = f32((u * 160) / l);
          expect(Object.is(powv32cr(x, y), oracle(x, y, "float32")), `pow(${x}, ${y})`).toBe(true);
        },
      ),
      { numRuns: 600 },
    );
  });

  test("subnormal results and the edges of underflow and overflow", () => {
    for (const u of uniform(41, 100)) {
      const x = f32(0.01 + 0.98 * u);
      for (const b of [x, f32(1 / x)])
        for (const t of [-126.5, -140, -149, -149.9, -150, -150.1, 127.99, 128, 128.01]) {
          const y = f32(t / Math.log2(b));
          expect(Object.is(powv32cr(b, y), oracle(b, y, "float32")), `pow(${b}, ${y})`).toBe(true);
        }
    }
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
    for (const power of [0.5, 1, 2, 3, 0.7, 1.5, 10, 1.7, 0.9, 7.3, 0.1, 100]) {
      const y = f32(power);
      for (let i = 0; i <= 1000; i += 13) {
        const p = f32(f32(i) / f32(1000));
        const base = f32(1 - p);
        expect(powv32cr(base, y), `pow(${base}, ${y})`).toBe(oracle(base, y, "float32"));
      }
      for (const base of [f32(1 - 2 ** -24), f32(2 ** -24), f32(1e-7), f32(0.999), f32(1 + 2 ** -23)])
        expect(powv32cr(base, y), `pow(${base}, ${y})`).toBe(oracle(base, y, "float32"));
    }
  });
});

describe("powv64: float64, against the oracle", () => {
  test("bases mostly in [0, 1], exponents 0.1 to 10, larger and negative ones", () => {
    const base64 = fc.oneof(
      { weight: 6, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
      { weight: 2, arbitrary: fc.double({ min: 1, max: 1e4, noNaN: true }) },
      { weight: 1, arbitrary: fc.double({ min: 5e-324, max: 1e-300, noNaN: true }) },
    );
    fc.assert(
      fc.property(base64, exponent, (x, y) => {
        expect(Object.is(powv64cr(x, y), oracle(x, y, "float64")), `pow(${x}, ${y})`).toBe(true);
      }),
      { numRuns: 600 },
    );
  });

  test("results across the whole range", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 5e-324, max: Number.MAX_VALUE, noNaN: true, noDefaultInfinity: true }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        (x, u) => {
          const l = Math.abs(Math.log2(x)) || 1;
          const y = (u * 1080) / l;
          expect(Object.is(powv64cr(x, y), oracle(x, y, "float64")), `pow(${x}, ${y})`).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  test("subnormal results and the edges of underflow and overflow", () => {
    for (const u of uniform(43, 60)) {
      const x = 0.01 + 0.98 * u;
      const l = Math.log2(x);
      for (const t of [-1022.5, -1050, -1074, -1074.9, -1075, -1075.1, 1023.99, 1024, 1024.01])
        for (const [b, y] of [[x, t / l], [1 / x, -t / l]] as const)
          expect(Object.is(powv64cr(b, y), oracle(b, y, "float64")), `pow(${b}, ${y})`).toBe(true);
    }
  });

  test("bases near 1 with large exponents, negative bases with integer exponents", () => {
    const cases: [number, number][] = [];
    for (let k = 1; k <= 20; k++) cases.push([1 + k * 2 ** -52, 2 ** 50 / k], [1 - k * 2 ** -53, -(2 ** 52) * 3.3], [1 + 2 ** -30, k * 1e9]);
    for (const u of uniform(3, 150)) cases.push([-(0.01 + 100 * u), Math.floor((u - 0.5) * 300)]);
    for (const [x, y] of cases) expect(Object.is(powv64cr(x, y), oracle(x, y, "float64")), `pow(${x}, ${y})`).toBe(true);
  });

  test("PolynomialDecay's shapes: pow(1 - p, power) for p in [0, 1]", () => {
    for (const y of [0.5, 1, 2, 3, 0.7, 1.5, 10, 1.7, 0.9, 7.3, 0.1, 100]) {
      for (let i = 0; i <= 1000; i += 17) {
        const base = 1 - i / 1000;
        expect(powv64cr(base, y), `pow(${base}, ${y})`).toBe(oracle(base, y, "float64"));
      }
    }
  });
});

describe("the constants and the exactness the bounds rest on", () => {
  test("pow's region: log2(e) cut to 16 bits and the rest, the series 1/(n ln 2), 256/ln 2, ln 2/256 cut to 34 bits", () => {
    const Q = Decimal.clone({ precision: 80 });
    const log2e = new Q(1).div(Q.ln(2));
    const hi = C[L.POW_L2_C1H]!;
    const bits = (v: number) => {
      let m = Math.abs(v);
      while (!Number.isInteger(m)) m *= 2;
      return m.toString(2).replace(/0+$/, "").length;
    };
    expect(bits(hi)).toBeLessThanOrEqual(16);
    expect(new Q(exactDecimal(hi).toString()).minus(log2e).abs().lt(new Q(2).pow(-16))).toBe(true);
    expect(C[L.POW_L2_C1L]).toBe(log2e.minus(exactDecimal(hi).toString()).toNumber());
    for (let n = 2; n <= L.POW_L2_DEGREE; n++) expect(C[L.POW_L2_C2 + n - 2]).toBe(log2e.div(n % 2 === 0 ? -n : n).toNumber());
    expect(C[L.POW_INV_LN2_256]).toBe(log2e.times(256).toNumber());
    const step = Q.ln(2).div(256);
    expect(bits(C[L.POW_LN2_256H]!)).toBeLessThanOrEqual(34);
    expect(C[L.POW_LN2_256L]).toBe(step.minus(exactDecimal(C[L.POW_LN2_256H]!).toString()).toNumber());
  });

  test("where e' = 0, |ln x| >= 0.997 |u| (pow.ts' relative bounds rest on it)", () => {
    let least = Infinity;
    for (let k = 0; k < L.LOG_TABLE_SIZE; k++) {
      const r = C[L.LOG_TABLE + L.LOG_TABLE_STRIDE * k]!;
      const half = k >= L.LOG_HALF_FROM ? 0.5 : 1;
      for (let i = 0; i <= 1000; i++) {
        const m = 1 + (k - 0.5 + i / 1000) / 128;
        const u = m * half * r - 1;
        if (m < 1 || m >= 2 || u === 0) continue;
        least = Math.min(least, Math.abs(Math.log(m * half)) / Math.abs(u));
      }
    }
    expect(least).toBeGreaterThan(0.997);
  });

  test("every Fast2Sum's order holds for every table entry: |log r_k| >= |the series' head| wherever e' = 0", () => {
    // The reduced argument of entry k spans m' in [c - 1/256, c + 1/256] (halved for k >= 53), c =
    // 1 + k/128: its extremes bound |u|. float32 adds A = -log2 r_k and B = C1H u; float64 adds
    // -ln r_k and ln(1 + u) (at most |u| + u^2, say).
    for (let k = 1; k < L.LOG_TABLE_SIZE - 1; k++) {
      const at = L.LOG_TABLE + L.LOG_TABLE_STRIDE * k;
      const r = C[at]!;
      const half = k >= L.LOG_HALF_FROM ? 0.5 : 1;
      const lo = (1 + (k - 0.5) / 128) * half;
      const hi = (1 + (k + 0.5) / 128) * half;
      const u = Math.max(Math.abs(lo * r - 1), Math.abs(hi * r - 1));
      expect(Math.abs(C[at + 1]!), `log2 entry ${k}`).toBeGreaterThanOrEqual(C[L.POW_L2_C1H]! * u * (1 + 2 ** -20));
      expect(Math.abs(C[at + 3]!), `ln entry ${k}`).toBeGreaterThanOrEqual((u + u * u) * (1 + 2 ** -20));
    }
  });

  test("float32: u = m' r - 1 is exact and C1H u is exact, for bases of every table entry", () => {
    const c1h = C[L.POW_L2_C1H]!;
    for (let k = 0; k < L.LOG_TABLE_SIZE; k++) {
      const at = L.LOG_TABLE + L.LOG_TABLE_STRIDE * k;
      const r = C[at]!;
      const half = k >= L.LOG_HALF_FROM ? 0.5 : 1;
      for (const u of uniform(k + 100, 40)) {
        // A float32 m in entry k's interval, and the edges of the interval.
        const m = f32(1 + (k + u - 0.5) / 128);
        if (m < 1 || m >= 2 || Math.round(128 * (m - 1)) !== k) continue;
        const mm = m * half;
        const uu = mm * r - 1;
        expect(exactDecimal(uu).eq(exactDecimal(mm).times(exactDecimal(r)).minus(1)), `u at m=${m}`).toBe(true);
        expect(twoProductError(c1h, uu, c1h * uu), `C1H u at m=${m}`).toBe(0);
      }
    }
  });
});

describe("the fast paths' error, before the rounding test", () => {
  test("float32: log2 within 2^-59 relative; y = 2^(y (lh + ll)) within 2^-50.4 of x^y (pow32's EPS_Y = 2^-48)", () => {
    let worstLog = new P(0);
    let worstY = new P(0);
    for (const u of uniform(31, 1500)) {
      const v = (u * 7919) % 1;
      // Bases near 1 (entries 0 and 128, where the log is relative to u), at every entry's edges,
      // and across the format; exponents up to |t| = 148 (normal results).
      const x = f32(u < 0.3 ? 1 + (v - 0.5) * 2 ** -7 : u < 0.6 ? 1 + (Math.floor(v * 128) + 0.4999) / 128 : 2 ** Math.floor((u - 0.5) * 250) * (1 + v));
      const [lh, ll] = log2Split32ForTesting(x);
      const exactLog = dec(x).ln().div(LN2);
      if (!exactLog.isZero()) {
        const e = dec(lh).plus(dec(ll)).minus(exactLog).abs().div(exactLog.abs());
        if (e.gt(worstLog)) worstLog = e;
      }
      const l = Math.abs(Math.log2(x)) || 1;
      const y = f32(((v - 0.5) * 2 * 148) / l);
      const exact = exactLog.times(dec(y)).times(LN2).exp();
      const e = dec(pow32y(y, lh, ll)).minus(exact).abs().div(exact);
      if (e.gt(worstY)) worstY = e;
    }
    console.log(`powv32: worst relative error of log2 2^${log2Of(worstLog).toFixed(2)}, of y before rounding 2^${log2Of(worstY).toFixed(2)}`);
    expect(log2Of(worstLog)).toBeLessThan(-59);
    expect(log2Of(worstY)).toBeLessThan(-50.4);
  });

  test("float64: ln within 2^-75 relative; 2^n (h + l) within a quarter of the rounding test's width W", () => {
    let worstLn = new P(0);
    let worstRatio = new P(0);
    let worstAt = "";
    for (const u of uniform(37, 1500)) {
      const v = (u * 7919) % 1;
      const x = u < 0.3 ? 1 + (v - 0.5) * 2 ** -7 : u < 0.6 ? 1 + (Math.floor(v * 128) + 0.4999) / 128 : 2 ** Math.floor((u - 0.5) * 2000) * (1 + v);
      const [h, l] = ln64ForTesting(x);
      const exactLn = dec(x).ln();
      if (!exactLn.isZero()) {
        const e = dec(h).plus(dec(l)).minus(exactLn).abs().div(exactLn.abs());
        if (e.gt(worstLn)) worstLn = e;
      }
      // |t| up to 700, with small |t| (PolynomialDecay's) often.
      const tMax = u < 0.5 ? 8 : 700;
      const y = ((v - 0.5) * 2 * tMax) / Math.abs(Math.log(x) || 1);
      const t = exactLn.times(dec(y));
      if (x === 1 || y === 0 || t.abs().gt(700)) continue;
      const [zh, zl, n, w] = powZ64ForTesting(x, y);
      const exact = t.exp();
      const got = dec(zh).plus(dec(zl)).times(new P(2).pow(n));
      const ratio = got.minus(exact).abs().div(exact).div(dec(w));
      if (ratio.gt(worstRatio)) [worstRatio, worstAt] = [ratio, `pow(${x}, ${y})`];
    }
    console.log(`powv64: worst relative error of ln 2^${log2Of(worstLn).toFixed(2)}; worst error of z / W ${worstRatio.toNumber().toFixed(4)} at ${worstAt}`);
    expect(log2Of(worstLn)).toBeLessThan(-75);
    expect(worstRatio.lt(0.25)).toBe(true);
  });
});

describe("undecided rate", () => {
  test("random inputs and the PolynomialDecay grid; every decided result equals the exact path's", () => {
    let n = 0;
    let hard32 = 0;
    let hard64 = 0;
    for (const u of uniform(21, 200_000)) {
      // A base in (0, 2) and an exponent in [0, 12], as PolynomialDecay and the other frameworks use.
      const x = 2 * u;
      const y = ((u * 7919) % 1) * 12;
      const x32 = f32(x);
      const y32 = f32(y);
      const v32 = powv32(x32, y32);
      if (wasUndecided()) hard32++;
      else if (n % 500 === 0) expect(v32).toBe(powSignedCorrectlyRounded(x32, y32, BINARY32));
      const v64 = powv64(x, y);
      if (wasUndecided()) hard64++;
      else if (n % 500 === 0) expect(v64).toBe(powSignedCorrectlyRounded(x, y, BINARY64));
      n++;
    }
    console.log(`powv: undecided ${hard32} of ${n} float32 and ${hard64} of ${n} float64 (random base in (0, 2), exponent in [0, 12])`);
    // PolynomialDecay: pow(1 - p, power), p = s / 100000.
    let m = 0;
    let grid32 = 0;
    let grid64 = 0;
    for (const power of [0.7, 1.5, 1.7, 0.9, 7.3, 3]) {
      for (let i = 0; i <= 100_000; i++) {
        const base32 = f32(1 - f32(f32(i) / f32(100_000)));
        const v32 = powv32(base32, f32(power));
        if (wasUndecided()) {
          grid32++;
          expect(powSignedCorrectlyRounded(base32, f32(power), BINARY32)).toBe(oracle(base32, f32(power), "float32"));
        } else if (i % 5000 === 0) expect(v32).toBe(powSignedCorrectlyRounded(base32, f32(power), BINARY32));
        powv64(1 - i / 100_000, power);
        if (wasUndecided()) grid64++;
        m++;
      }
    }
    console.log(`powv on PolynomialDecay's grid pow(1 - s/100000, power), six powers: undecided ${grid32} of ${m} float32, ${grid64} of ${m} float64`);
    // Large |t| widens float64's test: t = y ln x from -700 to -300 (normal results).
    let big = 0;
    let hardBig = 0;
    for (const u of uniform(22, 50_000)) {
      const x = u * 1e-3;
      powv64(x, (300 + 400 * ((u * 7919) % 1)) / -Math.log(x));
      if (wasUndecided()) hardBig++;
      big++;
    }
    console.log(`powv64 with |t| of 300 to 700: undecided ${hardBig} of ${big}`);
    // float32: within 2^-48 of a midpoint (spacing 2^-23 to 2^-24), about 2^-23 of them, and the
    // exact ones (midpoints of integer and half-integer powers); float64: W about 2^-72 at small |t|.
    expect(hard32).toBeLessThan(n / 100_000);
    expect(hard64).toBeLessThan(n / 50_000);
    expect(grid32).toBeLessThan(m / 20_000);
    expect(grid64).toBeLessThan(m / 20_000);
    expect(hardBig).toBeLessThan(big / 500);
  });
});

describe("AssemblyScript powv32/powv64 and their lanes against the twin, bit for bit", () => {
  let wasm: Record<string, (...args: number[]) => number> & { memory: WebAssembly.Memory };
  beforeAll(async () => {
    wasm = (await compileNumerics(`
      export { powPositive32ForTesting, powPositive64ForTesting, powv32, powv64 } from "./numerics/pow";
      export { wasUndecided } from "./numerics/undecided";
      import { powv32x4, powv64x2 } from "./numerics/pow";
      import { wasUndecided } from "./numerics/undecided";
      export function alloc(bytes: i32): usize { return heap.alloc(<usize>bytes); }
      // Groups of four float32 (two float64) bases at xs: results at out, 1 per undecided group at
      // flags, and each lane's value before its rounding test at probes (32 bytes a group).
      export function lanes32(xs: usize, out: usize, flags: usize, probes: usize, groups: i32, y: f64): void {
        for (let g = 0; g < groups; g++) {
          const v = powv32x4(v128.load(xs + (<usize>g << 4)), y, probes + (<usize>g << 5));
          store<i32>(flags + (<usize>g << 2), wasUndecided() ? 1 : 0);
          v128.store(out + (<usize>g << 4), v);
        }
      }
      export function lanes64(xs: usize, out: usize, flags: usize, probes: usize, groups: i32, y: f64): void {
        for (let g = 0; g < groups; g++) {
          const v = powv64x2(v128.load(xs + (<usize>g << 4)), y, probes + (<usize>g << 5));
          store<i32>(flags + (<usize>g << 2), wasUndecided() ? 1 : 0);
          v128.store(out + (<usize>g << 4), v);
        }
      }
    `)) as never;
  }, 60_000);

  test("a few thousand inputs, results and undecided flags", () => {
    const pairs: [number, number][] = [];
    for (const x of SPECIAL_X) for (const y of SPECIAL_Y) pairs.push([x, y]);
    pairs.push([1 + 2 ** -12, 2], [1 - 2 ** -27, 2], [0.25, 0.5], [-2, -1075], [66049, 1.5], [1e-40, 0.5], [2 ** -1060, 0.99]);
    for (const [xs, ys] of [...POWF_REGRESSION, ...POWF_HARD, ...POW_HARD]) pairs.push([hex(xs), hex(ys)]);
    for (const u of uniform(8, 3000)) {
      const x = 2 ** Math.floor((u - 0.5) * 200) * (1 + u);
      pairs.push([x, ((u * 7919) % 1 - 0.3) * 40], [-x, Math.floor((u * 104729) % 1 * 60) - 30], [1 - u, [0.5, 1, 2, 3, 0.7, 1.5, 10, 1.7][Math.floor(u * 8)]!]);
    }
    let reached = 0;
    const at = wasm.alloc!(32);
    const probe = () => Array.from(new Float64Array(wasm.memory.buffer, at, 4));
    for (const [x, y] of pairs) {
      expect(Object.is(wasm.powv64!(x, y), powv64(x, y)), `powv64(${x}, ${y})`).toBe(true);
      expect(!!wasm.wasUndecided!()).toBe(wasUndecided());
      const x32 = f32(x);
      const y32 = f32(y);
      expect(Object.is(wasm.powv32!(x32, y32), powv32(x32, y32)), `powv32(${x32}, ${y32})`).toBe(true);
      expect(!!wasm.wasUndecided!()).toBe(wasUndecided());
      // The values before the rounding tests, where the base is one the fast paths take.
      const ax = Math.abs(x);
      if (ax > 0 && ax < Infinity && Number.isFinite(y)) {
        wasm.powPositive64ForTesting!(ax, y, at);
        wasm.wasUndecided!();
        const [lnH, lnL, zh, zl] = probe();
        expect([lnH, lnL], `ln64(${ax})`).toEqual(ln64ForTesting(ax));
        if (Math.abs(y * lnH!) <= 746) {
          expect([zh, zl], `z of powv64(${ax}, ${y})`).toEqual(powZ64ForTesting(ax, y).slice(0, 2));
          reached++;
        }
      }
      const ax32 = Math.abs(x32);
      if (ax32 > 0 && ax32 < Infinity && Number.isFinite(y32)) {
        wasm.powPositive32ForTesting!(ax32, y32, at);
        wasm.wasUndecided!();
        expect(probe().slice(0, 2), `log2Split32(${ax32})`).toEqual(log2Split32ForTesting(ax32));
      }
    }
    expect(reached).toBeGreaterThan(5000);
  });

  test("powv32x4 and powv64x2: every lane of a decided group is the scalar result, bit for bit; a group with a special lane is left to the scalar path", () => {
    const groups = 4096;
    const xs = wasm.alloc!(groups * 16);
    const out = wasm.alloc!(groups * 16);
    const flags = wasm.alloc!(groups * 4);
    const probes = wasm.alloc!(groups * 32);
    const bases: number[] = [];
    for (const u of uniform(9, groups * 4)) bases.push(u < 0.9 ? u : u < 0.95 ? 1 + 100 * (u - 0.9) : 2 ** -120 * u);
    // Some groups hold a lane the lanes cannot take: 0, a subnormal, a negative base, NaN, Infinity, and a midpoint.
    const specials = [0, 2 ** -140, -0.5, NaN, Infinity, 1 + 2 ** -12, 2 ** -1070];
    specials.forEach((s, j) => (bases[j * 9 + 1] = s));
    for (const y of [f32(1.7), f32(0.9), f32(7.3), f32(-2.5), 2]) {
      new Float32Array(wasm.memory.buffer, xs, groups * 4).set(bases);
      wasm.lanes32!(xs, out, flags, probes, groups, y);
      const got = new Float32Array(wasm.memory.buffer, out, groups * 4).slice();
      const flag = new Int32Array(wasm.memory.buffer, flags, groups).slice();
      const before = new Float64Array(wasm.memory.buffer, probes, groups * 4).slice();
      let left = 0;
      for (let g = 0; g < groups; g++) {
        if (flag[g]) {
          left++;
          continue;
        }
        for (let j = 0; j < 4; j++) {
          const x = f32(bases[4 * g + j]!);
          const want = powv32(x, y);
          expect(wasUndecided(), `powv32(${x}, ${y})`).toBe(false);
          expect(Object.is(got[4 * g + j], want), `lane of powv32x4(${x}, ${y})`).toBe(true);
          // The double before the rounding test too: a lane that took a neighbour's table entry
          // would rarely change the float32, but always this.
          const [lh, ll] = log2Split32ForTesting(x);
          expect(Object.is(before[4 * g + j], pow32y(y, lh, ll)), `y of powv32x4(${x}, ${y})`).toBe(true);
        }
      }
      // The groups with a special lane, and few others.
      expect(left).toBeGreaterThanOrEqual(specials.length - 1);
      expect(left).toBeLessThan(specials.length + 8);
    }
    // float64 bases in (0, 6) (the float32 list's tiny ones would underflow with y = 30: beyond
    // T64_LIMIT, which the lanes leave to the scalar path too).
    const bases64 = bases.slice(0, groups * 2).map((x) => (x > 0 && x < 2 ** -100 ? x * 2 ** 100 : x));
    for (const y of [1.7, 0.9, 7.3, -2.5, 2, 30]) {
      new Float64Array(wasm.memory.buffer, xs, groups * 2).set(bases64);
      wasm.lanes64!(xs, out, flags, probes, groups, y);
      const got = new Float64Array(wasm.memory.buffer, out, groups * 2).slice();
      const flag = new Int32Array(wasm.memory.buffer, flags, groups).slice();
      const before = new Float64Array(wasm.memory.buffer, probes, groups * 4).slice();
      let left = 0;
      for (let g = 0; g < groups; g++) {
        if (flag[g]) {
          left++;
          continue;
        }
        for (let j = 0; j < 2; j++) {
          const x = bases64[2 * g + j]!;
          const want = powv64(x, y);
          expect(wasUndecided(), `powv64(${x}, ${y})`).toBe(false);
          expect(Object.is(got[2 * g + j], want), `lane of powv64x2(${x}, ${y})`).toBe(true);
          const [h, l] = powZ64ForTesting(x, y);
          expect(Object.is(before[4 * g + j], h) && Object.is(before[4 * g + 2 + j], l), `z of powv64x2(${x}, ${y})`).toBe(true);
        }
      }
      // 0, -0.5, NaN and Infinity (the bases below 2^-100 were scaled up).
      expect(left).toBeGreaterThanOrEqual(4);
      expect(left).toBeLessThan(specials.length + 16);
    }
  });

  test("powv32x4 at the edges of every log2 table entry (the largest |u|, where log2's last series terms weigh most) with |t| near 190: y before the rounding test bit for bit", () => {
    // The term u^8 C8 is below 2^-64 of log2 x; with y up to 2^15 (bases near 1) it moves t by
    // up to 2^-50. A wrong high coefficient in the lanes' series (C7 for C8) passed the test above,
    // whose exponents (|y| <= 7.3) keep that under y's last bit.
    const xs = wasm.alloc!(16);
    const out = wasm.alloc!(16);
    const flags = wasm.alloc!(4);
    const probes = wasm.alloc!(32);
    let checked = 0;
    for (let k = 0; k < 128; k++)
      for (const side of [-1, 1]) {
        // The float32s just below and just above where k's neighbour takes over, and two beyond.
        const edge = f32(1 + (k + 0.5) / 128);
        const x = side < 0 ? f32(edge - 2 ** -23) : edge;
        const lanes = [x, f32(x + side * 2 ** -22), f32(x + side * 2 ** -21), f32(x + side * 2 ** -20)];
        if (lanes.some((v) => v >= 2)) continue;
        const y = f32(190 / Math.log2(x));
        new Float32Array(wasm.memory.buffer, xs, 4).set(lanes);
        wasm.lanes32!(xs, out, flags, probes, 1, y);
        const before = new Float64Array(wasm.memory.buffer, probes, 4).slice();
        for (let j = 0; j < 4; j++) {
          const [lh, ll] = log2Split32ForTesting(lanes[j]!);
          expect(Object.is(before[j], pow32y(y, lh, ll)), `y of powv32x4(${lanes[j]}, ${y})`).toBe(true);
          checked++;
        }
      }
    expect(checked).toBeGreaterThan(900);
  });
});
