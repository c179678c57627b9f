// src/exact/cos.ts against the decimal.js oracle (test/oracle.ts), which is independent code: its
// own pi, its own argument reduction and series.
import { describe, expect, test } from "vitest";
import { BINARY32, BINARY64 } from "../../src/exact/binary.js";
import { cosCorrectlyRounded, cosEnclosure, piFixed, sinCorrectlyRounded } from "../../src/exact/cos.js";
import { exactDecimal, OracleDecimal, roundDecimalSigned, type DType } from "../oracle.js";
import { uniform } from "../samples.js";

const FORMATS = { float32: BINARY32, float64: BINARY64 } as const;

/**
 * cos(x) correctly rounded by the oracle. decimal.js' cos works at its precision plus the digits of
 * x (it raises the precision by x's exponent and significant digits itself); 120 digits leave more
 * than 60 after the worst cancellation below 2^1024 (cos(x) >= 2^-62 for every double x != 0).
 */
function oracleCos(x: number, dtype: DType): number {
  if (x === 0) return 1;
  const D = OracleDecimal.clone({ precision: 120 });
  return roundDecimalSigned(D.cos(exactDecimal(x)), dtype);
}


// Huge arguments: the reduction needs up to 1024 more bits of pi than the result.
const HUGE = [1e30, 2 ** 100, 3.4028234663852886e38, -1e30, 1e300, -1e200, 2 ** 1023 * 1.5, Number.MAX_VALUE, 6381956970095103 * 2 ** 797];

describe("piFixed", () => {
  test("pi * 2^1200 from Machin's formula is within 2 units of decimal.js' pi", () => {
    const D = OracleDecimal.clone({ precision: 420 });
    const exact = D.acos(-1).times(new D(2).pow(1200));
    const diff = exact.minus(piFixed(1200).toString()).abs();
    expect(diff.lt(2)).toBe(true);
    // Smaller sizes are the same value truncated (a shift of one cached computation).
    expect(piFixed(100)).toBe(piFixed(1200) >> 1100n);
  });
});

describe("cosEnclosure", () => {
  test("encloses decimal.js' cosine, including huge and near-zero values", () => {
    const D = OracleDecimal.clone({ precision: 120 });
    for (const x of [1, 3, 1.5707963267948966, 45.553093477052, 1e22, ...HUGE]) {
      const [lo, hi] = cosEnclosure(x, 200);
      const c = D.cos(exactDecimal(x)).times(new D(2).pow(200));
      expect(c.gte(lo.toString()) && c.lte(hi.toString())).toBe(true);
    }
  });
});

describe("cosCorrectlyRounded", () => {
  test("cos(+-0) = 1, tiny arguments round to 1, non-finite ones give NaN", () => {
    for (const fmt of [BINARY32, BINARY64]) {
      expect(cosCorrectlyRounded(0, fmt)).toBe(1);
      expect(cosCorrectlyRounded(-0, fmt)).toBe(1);
      expect(cosCorrectlyRounded(5e-324, fmt)).toBe(1);
      expect(cosCorrectlyRounded(1e-300, fmt)).toBe(1);
      expect(cosCorrectlyRounded(NaN, fmt)).toBeNaN();
      expect(cosCorrectlyRounded(Infinity, fmt)).toBeNaN();
      expect(cosCorrectlyRounded(-Infinity, fmt)).toBeNaN();
    }
    // float32: 1 - x^2/2 crosses the midpoint 1 - 2^-25 just above x = 2^-12 (cos(2^-12) is
    // 1 - 2^-25 + 2^-51/3 - ..., above it).
    expect(cosCorrectlyRounded(2 ** -12, BINARY32)).toBe(1);
    expect(cosCorrectlyRounded(2 ** -12 * (1 + 2 ** -23), BINARY32)).toBe(1 - 2 ** -24);
    // float64: cos(2^-26) = 1 - 2^-53 + 2^-106/3 - ... lies between 1 - 2^-53 and the midpoint.
    expect(cosCorrectlyRounded(2 ** -26, BINARY64)).toBe(1 - 2 ** -53);
  });

  for (const dtype of ["float32", "float64"] as const) {
    test(`matches the decimal.js oracle (${dtype}): [-4, 4], [-1e4, 1e4], tiny, huge`, () => {
      const round = dtype === "float32" ? Math.fround : (x: number) => x;
      const xs: number[] = [];
      for (const u of uniform(dtype === "float32" ? 11 : 12, 160)) xs.push(round((u - 0.5) * 8));
      for (const u of uniform(dtype === "float32" ? 21 : 22, 40)) xs.push(round((u - 0.5) * 2e4));
      for (const u of uniform(dtype === "float32" ? 31 : 32, 20)) xs.push(round(2 ** (-30 + 25 * u)));
      for (const x of HUGE) if (Number.isFinite(round(x))) xs.push(round(x));
      for (const x of xs) expect(cosCorrectlyRounded(x, FORMATS[dtype]), `cos(${x})`).toBe(oracleCos(x, dtype));
    });
  }
});

describe("sinCorrectlyRounded (the near cosine's table of sines)", () => {
  test("against the oracle's sine, in both formats, with sin(+-0) = +-0, odd symmetry and NaN", () => {
    const D = OracleDecimal.clone({ precision: 120 });
    const xs = [1e-30, 2 ** -12, 0.5, 1, 1.5707963267948966, Math.fround(Math.PI / 2), 3, Math.PI, Math.fround(Math.PI), 100, 1e22, ...HUGE];
    for (const u of uniform(17, 150)) xs.push(u * 4, Math.fround(u * 3.2));
    for (const dtype of ["float32", "float64"] as const) {
      for (const x of xs) {
        const expected = roundDecimalSigned(D.sin(exactDecimal(x)), dtype);
        expect(sinCorrectlyRounded(x, FORMATS[dtype]), `sin(${x})`).toBe(expected);
        expect(sinCorrectlyRounded(-x, FORMATS[dtype]), `sin(${-x})`).toBe(-expected);
      }
      expect(Object.is(sinCorrectlyRounded(0, FORMATS[dtype]), 0)).toBe(true);
      expect(Object.is(sinCorrectlyRounded(-0, FORMATS[dtype]), -0)).toBe(true);
      expect(sinCorrectlyRounded(NaN, FORMATS[dtype])).toBeNaN();
      expect(sinCorrectlyRounded(Infinity, FORMATS[dtype])).toBeNaN();
    }
  });
});
