import { Decimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import * as L from "../../assembly/numerics/layout.js";
import { constantsRegion, log2DoubleDouble } from "../../src/exact/constants.js";
import { CONSTANTS } from "../../src/generated/constants.js";
import { exactDecimal } from "../oracle.js";

describe("constants", () => {
  const C = constantsRegion();
  test("the layout's regions are in order and fill it exactly", () => {
    expect(L.EXP2_C6 - L.EXP2_C2).toBe(4);
    expect(L.EXP2_C2L).toBe(L.EXP2_TABLE + 2 * L.EXP2_TABLE_SIZE);
    expect(L.EXP2_END).toBe(L.EXP2_C7 + 5); // C7..C10 and a pad
    expect(C[L.EXP2_END - 1]).toBe(0);
    expect(C.length).toBe(L.CONSTANTS_LENGTH);
    expect(C.every(Number.isFinite)).toBe(true);
  });

  test("the build's generated constants (src/generated/constants.ts), which both backends use, equal a fresh exact computation", () => {
    expect(CONSTANTS.length).toBe(C.length);
    for (let i = 0; i < C.length; i++) expect(Object.is(CONSTANTS[i], C[i]), `constant ${i}`).toBe(true);
  });

  test("2^(j/256) table: hi is 2^(j/256) rounded, hi + lo within 2^-104", () => {
    const P = Decimal.clone({ precision: 70 });
    for (let j = 0; j < 256; j++) {
      const t = new P(2).pow(new P(j).div(256));
      const hi = C[L.EXP2_TABLE + 2 * j]!;
      const lo = C[L.EXP2_TABLE + 2 * j + 1]!;
      expect(hi).toBe(t.toNumber());
      const err = exactDecimal(hi).plus(exactDecimal(lo)).minus(t).abs().div(t);
      expect(err.lt(new P(2).pow(-104))).toBe(true);
    }
  });

  test("ln 2 and the Taylor coefficients (ln 2)^k / k!, k = 2..10, are rounded to nearest (k = 2..4 with their low parts)", () => {
    const P = Decimal.clone({ precision: 70 });
    const ln2 = P.ln(2);
    expect(C[L.EXP2_C1H]).toBe(ln2.toNumber());
    expect(C[L.EXP2_C1L]).toBe(ln2.minus(exactDecimal(C[L.EXP2_C1H]!)).toNumber());
    let f = new P(1);
    for (let k = 2; k <= 10; k++) {
      f = f.times(k);
      const e = ln2.pow(k).div(f);
      const hi = k <= 6 ? C[L.EXP2_C2 + k - 2]! : C[L.EXP2_C7 + k - 7]!;
      expect(hi).toBe(e.toNumber());
      // k = 2..4: the low part too (expSplitAccurate's double-double coefficients).
      if (k <= 4) expect(C[L.EXP2_C2L + k - 2]).toBe(e.minus(exactDecimal(hi)).toNumber());
    }
  });

  test("log2 of the rate as a double-double within 2^-104", () => {
    fc.assert(
      fc.property(fc.double({ min: 5e-324, max: 1e300, noNaN: true }), (r) => {
        if (r === 1) return;
        const [l1, l2] = log2DoubleDouble(r);
        const P = Decimal.clone({ precision: 80 });
        const exactLog = (exactDecimal(r)).ln().div(P.ln(2));
        const lg = new P(exactLog);
        expect(l1).toBe(lg.toNumber());
        const err = exactDecimal(l1).plus(exactDecimal(l2)).minus(lg).abs().div(lg.abs());
        expect(err.lt(new P(2).pow(-104))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
