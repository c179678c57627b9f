/**
 * Every class's declared arguments, generated from anything (numbers of every kind, strings,
 * null, lists, functions, objects), positionally and as an options object: construction, steps
 * and a range either work, giving numbers, or throw a TypeError or RangeError. Nothing else: no
 * other error, no hang.
 */
import fc from "fast-check";
import { expect, test } from "vitest";
import * as torch from "../../src/torch/index.js";

type Ctor = { className: string; args: readonly { key: string; option: string; kind: string }[]; new (...a: unknown[]): torch.LRScheduler };
const CLASSES = [
  torch.LambdaLR, torch.MultiplicativeLR, torch.StepLR, torch.MultiStepLR, torch.ConstantLR, torch.LinearLR, torch.ExponentialLR,
  torch.PolynomialLR, torch.CosineAnnealingLR, torch.CosineAnnealingWarmRestarts, torch.CyclicLR, torch.OneCycleLR, torch.ReduceLROnPlateau,
] as unknown as Ctor[];

const anything = fc.oneof(
  { arbitrary: fc.integer({ min: -5, max: 300 }), weight: 4 },
  { arbitrary: fc.double({ min: 0, max: 1, noNaN: true }), weight: 3 },
  { arbitrary: fc.double(), weight: 1 },
  { arbitrary: fc.constantFrom(0, -0, 1, 0.5, 1e-300, 1e300, Number.NaN, Infinity, -Infinity, 2 ** 53, -1), weight: 2 },
  { arbitrary: fc.constantFrom("triangular", "exp_range", "cos", "linear", "min", "max", "rel", "abs", "x", ""), weight: 1 },
  { arbitrary: fc.constantFrom(null, undefined, true, false, {}, [], [1, 2], [0.5], () => 0.9, (e: number) => 1 / (1 + e), () => "no", () => Number.NaN), weight: 2 },
);

function ok(e: unknown): boolean {
  return e instanceof TypeError || e instanceof RangeError;
}

test("construction, steps and ranges only ever throw TypeError or RangeError", () => {
  let built = 0;
  fc.assert(
    fc.property(fc.constantFrom(...CLASSES), fc.array(anything, { maxLength: 13 }), fc.boolean(), fc.integer({ min: 0, max: 40 }), (C, values, asOptions, n) => {
      const opt = { param_groups: [{ lr: 0.1, momentum: 0.9 }], defaults: { lr: 0.1, momentum: 0.9 } };
      const args = asOptions ? [Object.fromEntries(C.args.map((a, i) => [a.option, values[i]]).filter(([, v]) => v !== undefined))] : values;
      let s: torch.LRScheduler;
      try {
        s = new C(opt, ...args);
      } catch (e) {
        if (!ok(e)) throw e;
        return;
      }
      built++;
      try {
        for (let k = 0; k < n; k++) {
          if (s instanceof torch.ReduceLROnPlateau) s.step(1 / (k + 1));
          else s.step();
          for (const v of s.getLastLr()) expect(typeof v).toBe("number");
        }
        if (!(s instanceof torch.ReduceLROnPlateau)) {
          const r = s.range(0, n + 1, { backend: "js" });
          expect(r).toBeInstanceOf(Float64Array);
        }
      } catch (e) {
        if (!ok(e)) throw e;
      }
    }),
    { numRuns: 3000 },
  );
  // The generator reaches past construction often enough to try the steps and ranges.
  expect(built).toBeGreaterThan(120);
});
