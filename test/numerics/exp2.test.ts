import { Decimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { expSplitForTesting, pow32, pow32y, pow64, twoProductError } from "../../assembly/numerics/exp2.twin.js";
import { wasUndecided } from "../../assembly/numerics/undecided.twin.js";
import { BINARY32, BINARY64 } from "../../src/exact/binary.js";
import { log2DoubleDouble, log2Split32 } from "../../src/exact/constants.js";
import { powCorrectlyRounded } from "../../src/exact/pow.js";
import { exactDecimal } from "../oracle.js";
import { uniform } from "../samples.js";

const P = Decimal.clone({ precision: 60 });


describe("expSplit", () => {
  test("twoProductError is the exact rounding error of a product", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e100, max: 1e100, noNaN: true }), fc.double({ min: -1e100, max: 1e100, noNaN: true }), (a, b) => {
        const p = a * b;
        if (Math.abs(p) < 1e-250) return; // Dekker's product is exact only without underflow
        const e = twoProductError(a, b, p);
        expect(exactDecimal(p).plus(exactDecimal(e)).eq(exactDecimal(a).times(exactDecimal(b)))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  test("2^zn (zh + zl) is within 2^-69 of 2^(th + tl), relative: below EPS64 = 2^-68", () => {
    let worst = new P(0);
    for (const u of uniform(7, 4000)) {
      const th = (u - 0.5) * 2200; // the whole |t| <= 1100 the fast path accepts
      const tl = th * 2 ** -54 * (u - 0.25); // a low part of the size a product error has
      const [zh, zl, zn] = expSplitForTesting(th, tl);
      const exact = new P(2).pow(exactDecimal(th).plus(exactDecimal(tl)).minus(zn));
      const err = exactDecimal(zh).plus(exactDecimal(zl)).minus(exact).abs().div(exact);
      if (err.gt(worst)) worst = new P(err);
    }
    const log2Worst = worst.log(2).toNumber();
    // The error budget in assembly/exp2.ts says 2^-70; the test demands a factor 2 below EPS64.
    expect(log2Worst).toBeLessThan(-69);
    console.log(`expSplit: worst relative error 2^${log2Worst.toFixed(2)} over 4000 samples`);
  });

  test("expSplitAccurate (the float64 geometric path's anchors, exp2dd): within 2^-102 of 2^(th + tl), its stated bound", () => {
    const P50 = Decimal.clone({ precision: 50 });
    let worst = new P50(0);
    const ts: [number, number][] = [];
    for (const u of uniform(8, 3000)) {
      const th = (u - 0.5) * 2000; // exp2dd's |t| <= 1000
      ts.push([th, th * 2 ** -54 * (u - 0.25)], [th, (u - 0.5) * 2 ** -42]); // |tl| up to 2^-43
    }
    // The edges of the table's steps, |f| = 1/512, where the polynomial's terms are largest.
    for (let j = -2000; j <= 2000; j += 37) ts.push([(j + 0.5) / 256, 2 ** -60], [(j + 0.5) / 256 - 2 ** -40, -(2 ** -70)]);
    for (const [th, tl] of ts) {
      const [zh, zl, zn] = expSplitForTesting(th, tl, true);
      const exact = new P50(2).pow(exactDecimal(th).plus(exactDecimal(tl)).minus(zn));
      const err = new P50(exactDecimal(zh).plus(exactDecimal(zl)).minus(exact).abs().div(exact));
      if (err.gt(worst)) worst = err;
    }
    const log2Worst = worst.log(2).toNumber();
    console.log(`expSplitAccurate: worst relative error 2^${log2Worst.toFixed(2)} over ${ts.length} samples`);
    expect(log2Worst).toBeLessThan(-102);
  });
});

describe("pow32y", () => {
  test("float32's power in plain doubles is within 2^-50 of r^p: a factor 4 below EPS_Y = 2^-48", () => {
    let worst = new P(0);
    const P80 = Decimal.clone({ precision: 80 });
    for (const r of [0.96, 0.5, 3e-7, 1.5, 0.999999]) {
      const r32 = Math.fround(r);
      const [lh, ll] = log2Split32(r32);
      const log2r = new P80(exactDecimal(r32).toString()).ln().div(P80.ln(2));
      const span = 120 / Math.abs(Math.log2(r32)); // results within float32's normal range
      for (const u of uniform(r * 1e7, 800)) {
        const p = Math.fround((u - 0.5) * 2 * span);
        const exact = new P80(2).pow(log2r.times(exactDecimal(p).toString()));
        const err = new P80(exactDecimal(pow32y(p, lh, ll)).toString()).minus(exact).abs().div(exact);
        if (err.gt(worst.toString())) worst = new P(err.toString());
      }
    }
    const log2Worst = worst.log(2).toNumber();
    expect(log2Worst).toBeLessThan(-50);
    console.log(`pow32y: worst relative error 2^${log2Worst.toFixed(2)} over 4000 samples`);
  });
});

describe("pow64 and pow32", () => {
  test("every decided result equals the exact path's, and undecided ones are rare", () => {
    const rates = [0.96, 0.5, 0.1, 0.999999, 1.5, 3e-7, 12345.678];
    let hard64 = 0;
    let hard32 = 0;
    let n = 0;
    for (const r of rates) {
      const [l1, l2] = log2DoubleDouble(r);
      const r32 = Math.fround(r);
      const [m1, m2] = log2Split32(r32);
      // p across the range where the result is neither 0 nor Infinity for this rate.
      const span = 1000 / Math.abs(Math.log2(r));
      for (const u of uniform(r * 1e6, 6000)) {
        const p = (u - 0.5) * 2 * span;
        const p32 = Math.fround(p);
        n++;
        const v64 = pow64(p, l1, l2);
        if (wasUndecided()) hard64++;
        else expect(v64).toBe(powCorrectlyRounded(r, p, BINARY64));
        const v32 = pow32(p32, m1, m2);
        if (wasUndecided()) hard32++;
        else expect(v32).toBe(powCorrectlyRounded(r32, p32, BINARY32));
      }
    }
    console.log(`fast path: ${hard64} of ${n} float64 and ${hard32} of ${n} float32 results left to the exact path`);
    // float64: about 2^-15 of normal results land within 2^-68 of a midpoint; subnormal ones all go.
    // float32: within 2^-48 of a midpoint (spacing 2^-23 relative), about 2^-24.
    expect(hard64).toBeLessThan(n / 50);
    expect(hard32).toBeLessThan(n / 10000);
  });
});
