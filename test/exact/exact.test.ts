import { Decimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { BINARY32, BINARY64, roundDyadic } from "../../src/exact/binary.js";
import { log2Fixed } from "../../src/exact/fixed.js";
import { dyadicPower, powCorrectlyRounded } from "../../src/exact/pow.js";
import { exactDecimal, oraclePow, roundDecimal, type DType } from "../oracle.js";

const FORMATS = { float32: BINARY32, float64: BINARY64 } as const;
const D = Decimal.clone({ precision: 60 });

/** Rates and exponents that cover every regime: near 1, tiny, huge, integral, half-integral. */
const rate = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.double({ min: 1, max: 1e6, noNaN: true }),
  fc.constantFrom(0.96, 0.5, 0.1, 0.25, 2, 1.5, 1 + 2 ** -52, 1 - 2 ** -53, 5e-324),
);
const exponent = fc.oneof(
  fc.double({ min: -2000, max: 2000, noNaN: true }),
  fc.integer({ min: -200, max: 200 }),
  fc.integer({ min: -400, max: 400 }).map((k) => k / 2),
  fc.double({ min: -1e-6, max: 1e-6, noNaN: true }),
);

describe("powCorrectlyRounded", () => {
  for (const dtype of ["float32", "float64"] as const) {
    test(`matches the decimal.js oracle (${dtype})`, () => {
      const round = dtype === "float32" ? Math.fround : (x: number) => x;
      fc.assert(
        fc.property(rate, exponent, (r, p) => {
          const [r1, p1] = [round(r), round(p)];
          expect(powCorrectlyRounded(r1, p1, FORMATS[dtype])).toBe(oraclePow(r1, p1, dtype));
        }),
        { numRuns: 400 },
      );
    });
  }

  test.each<[number, number, DType, number]>([
    // (4097/4096)^2 = 1 + 2^-11 + 2^-24 sits exactly between two float32s: ties to even.
    [4097 / 4096, 2, "float32", 1.00048828125],
    // (259/256)^3 = 17373979 / 2^24: a midpoint whose even neighbour is the one above. (Squares
    // always tie downwards: an odd square is 1 mod 8.)
    [259 / 256, 3, "float32", 17373980 / 2 ** 24],
    // 2^-150 is the midpoint between 0 and the smallest float32 subnormal: ties to 0.
    [0.5, 150, "float32", 0],
    [0.25, 75, "float32", 0],
    [2 ** -1075 * 4, 0.5, "float64", 0],
    // Exactly representable results from fractional exponents.
    [0.25, 0.5, "float64", 0.5],
    [0.0625, 0.75, "float64", 0.125],
    [9, 0.5, "float64", 3],
    [27, -2 / 3 + 2 ** -53, "float64", powCorrectlyRounded(27, -2 / 3 + 2 ** -53, BINARY64)],
  ])("exact case %s^%s in %s", (r, p, dtype, expected) => {
    expect(powCorrectlyRounded(r, p, FORMATS[dtype])).toBe(expected);
    expect(powCorrectlyRounded(r, p, FORMATS[dtype])).toBe(oraclePow(r, p, dtype));
  });

  test("IEEE pow's special values", () => {
    for (const f of [BINARY32, BINARY64]) {
      expect(powCorrectlyRounded(0, 0, f)).toBe(1);
      expect(powCorrectlyRounded(0, 3, f)).toBe(0);
      expect(powCorrectlyRounded(0, -3, f)).toBe(Infinity);
      expect(powCorrectlyRounded(1, Infinity, f)).toBe(1);
      expect(powCorrectlyRounded(0.5, Infinity, f)).toBe(0);
      expect(powCorrectlyRounded(0.5, -Infinity, f)).toBe(Infinity);
      expect(powCorrectlyRounded(2, -Infinity, f)).toBe(0);
      expect(powCorrectlyRounded(Infinity, 0, f)).toBe(1);
      expect(powCorrectlyRounded(Infinity, -1, f)).toBe(0);
      expect(powCorrectlyRounded(0.5, 1e300, f)).toBe(0);
      expect(powCorrectlyRounded(2, 1e300, f)).toBe(Infinity);
    }
  });
});

describe("log2Fixed", () => {
  test("is within 2 units of 2^-bits of log2 x, and the same value whatever was asked before (it caches)", () => {
    const P = Decimal.clone({ precision: 200 });
    const xs = [0.96, 0.5, 3, 1e-300, 1 + 2 ** -52, 123456.789];
    const bitsList = [64, 150, 155, 97, 300, 150, 64];
    const first = new Map<string, bigint>();
    for (let round = 0; round < 2; round++) {
      // The second round asks in the reverse order: each answer must be the first round's.
      for (const x of round === 0 ? xs : [...xs].reverse())
        for (const bits of round === 0 ? bitsList : [...bitsList].reverse()) {
          const v = log2Fixed(x, bits);
          const key = `${x}:${bits}`;
          if (first.has(key)) expect(v).toBe(first.get(key));
          else first.set(key, v);
          const exact = new P(exactDecimal(x).toFixed()).log(2).times(new P(2).pow(bits));
          expect(exact.minus(v.toString()).abs().lt(2), key).toBe(true);
        }
    }
  });
});

describe("dyadicPower", () => {
  test("finds dyadic powers and only those", () => {
    expect(dyadicPower(4097 / 4096, 2)).toEqual([4097n ** 2n, -24]);
    expect(dyadicPower(0.25, 0.5)).toEqual([1n, -1]);
    expect(dyadicPower(9 * 2 ** -4, 1.5)).toEqual([27n, -6]);
    expect(dyadicPower(0.96, 2)).not.toBeNull(); // 0.96 is a dyadic rational; so is its square
    expect(dyadicPower(3, 0.5)).toBeNull(); // irrational
    expect(dyadicPower(3, -1)).toBeNull(); // 1/3
    expect(dyadicPower(2, 0.5)).toBeNull(); // sqrt(2)
    expect(dyadicPower(8, 1 / 3)).toBeNull(); // 1/3 is not a float, and 8^(float near 1/3) is irrational
  });
});

describe("roundDyadic", () => {
  test("rounds to nearest, ties to even, with subnormals and overflow", () => {
    expect(roundDyadic(3n, -1, BINARY64)).toBe(1.5);
    expect(roundDyadic((1n << 53n) + 1n, 0, BINARY64)).toBe(2 ** 53); // tie, even below
    expect(roundDyadic((1n << 53n) + 3n, 0, BINARY64)).toBe(2 ** 53 + 4); // tie, even above
    expect(roundDyadic((1n << 24n) + 1n, 0, BINARY32)).toBe(2 ** 24);
    expect(roundDyadic(1n, -1075, BINARY64)).toBe(0);
    expect(roundDyadic(3n, -1076, BINARY64)).toBe(5e-324);
    expect(roundDyadic(1n, -149, BINARY32)).toBe(2 ** -149);
    expect(roundDyadic(1n, 128, BINARY32)).toBe(Infinity);
    expect(roundDyadic((1n << 24n) - 1n, 104, BINARY32)).toBe(3.4028234663852886e38);
  });

  test("agrees with the oracle's rounding on random dyadic rationals", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: (1n << 120n) - 1n }), fc.integer({ min: -1250, max: 900 }), (x, e) => {
        // x 2^e = x 5^-e 10^e exactly: decimal.js keeps every digit of a constructor's string.
        const value = new D(e >= 0 ? (x << BigInt(e)).toString() : `${x * 5n ** BigInt(-e)}e${e}`);
        for (const dtype of ["float32", "float64"] as const)
          expect(roundDyadic(x, e, FORMATS[dtype])).toBe(roundDecimal(value, dtype));
      }),
      { numRuns: 300 },
    );
  });
});
