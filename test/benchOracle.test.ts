// The benchmark's reference (bench/oracle.mjs: Keras' six pipelines on decimal.js) checked against
// what is known independently of it: IEEE arithmetic for + - * /, test/oracle.ts for
// ExponentialDecay, the exact BigInt paths of src/exact for cos, log and pow, the values
// docs/NUMERICS.md states, and the real-number formulas to float32's precision.
import { describe, expect, test } from "vitest";
import { arithmetic, ORACLES, type DType } from "../bench/oracle.mjs";
import { BINARY32, BINARY64 } from "../src/exact/binary.js";
import { cosCorrectlyRounded } from "../src/exact/cos.js";
import { logCorrectlyRounded } from "../src/exact/log.js";
import { powSignedCorrectlyRounded } from "../src/exact/pow.js";
import { oracleExponentialDecay } from "./oracle.js";

/** A deterministic stream of doubles in [0, 1). */
function* uniform(seed: number, count: number): Generator<number> {
  let s = seed >>> 0;
  for (let i = 0; i < count; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const hi = s;
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    yield (hi * 2 ** 21 + (s >>> 11)) / 2 ** 53;
  }
}

const DTYPES: DType[] = ["float32", "float64"];
const FORMAT = { float32: BINARY32, float64: BINARY64 };

/** Doubles of every magnitude, subnormals included, both signs, rounded to the dtype. */
function operands(seed: number, count: number, dtype: DType): number[] {
  const r = dtype === "float32" ? Math.fround : (x: number) => x;
  const span = dtype === "float32" ? 150 : 1080;
  return [...uniform(seed, count)].map((u, i) => r((i % 2 ? -1 : 1) * (1 + u) * 2 ** (Math.floor(((u * 7919) % 1) * span) - span / 2 - (i % 5 === 0 ? span / 3 : 0))));
}

describe("bench/oracle.mjs", () => {
  test.each(DTYPES)("+ - * / are IEEE's, %s (subnormals, overflow and ties included)", (dtype) => {
    const ops = arithmetic(dtype);
    const r = dtype === "float32" ? Math.fround : (x: number) => x;
    const xs = operands(1, 400, dtype);
    const ys = operands(2, 400, dtype);
    // Exact ties: 1 + half an ulp, and the same around a power of two.
    const ulp = dtype === "float32" ? 2 ** -23 : 2 ** -52;
    xs.push(1, 1 + ulp, 2, 3);
    ys.push(ulp / 2, ulp / 2, -ulp / 2, ulp);
    for (let i = 0; i < xs.length; i++) {
      const [a, b] = [xs[i]!, ys[i]!];
      expect([ops.add(a, b), ops.sub(a, b), ops.mul(a, b), ops.div(a, b)]).toEqual([r(a + b), r(a - b), r(a * b), r(a / b)]);
    }
  });

  test.each(DTYPES)("cos, log and pow agree with src/exact's BigInt paths, %s", (dtype) => {
    const ops = arithmetic(dtype);
    const r = dtype === "float32" ? Math.fround : (x: number) => x;
    for (const u of uniform(3, 60)) {
      const x = r(u * 4);
      expect(ops.cos(x)).toBe(cosCorrectlyRounded(x, FORMAT[dtype]));
      expect(ops.log(r(u * 1e3))).toBe(logCorrectlyRounded(r(u * 1e3), FORMAT[dtype]));
      const [base, e] = [r(0.5 + u), r((u - 0.5) * 300)];
      expect(ops.pow(base, e)).toBe(powSignedCorrectlyRounded(base, e, FORMAT[dtype]));
    }
    // An exact power on a float32 midpoint rounds to even: (1 + 2^-12)^2 = 1 + 2^-11 + 2^-24.
    expect(arithmetic("float32").pow(1 + 2 ** -12, 2)).toBe(1 + 2 ** -11);
  });

  test.each(DTYPES)("ExponentialDecay agrees with test/oracle.ts, %s", (dtype) => {
    for (const [a, d, rate, staircase] of [[0.1, 100000, 0.96, false], [0.05, 7, 0.5, true], [3, 1e-3, 1.5, false], [1e-3, 3, 1e-30, false]] as const) {
      const f = ORACLES.ExponentialDecay({ initialLearningRate: a, decaySteps: d, decayRate: rate, staircase }, dtype);
      for (const u of uniform(4, 40)) {
        const step = Math.floor(u * 2e7) / (u < 0.5 ? 1 : 7);
        expect(f(step)).toBe(oracleExponentialDecay(a, d, rate, staircase, step, dtype));
      }
    }
  });

  test("the values docs/NUMERICS.md states", () => {
    expect(ORACLES.CosineDecay({ initialLearningRate: 1, decaySteps: 1000 }, "float32")(500)).toBe(Math.fround(0.49999997));
    expect(ORACLES.PolynomialDecay({ initialLearningRate: 0.05, decaySteps: 10, endLearningRate: 0.01 }, "float32")(0)).toBe(Math.fround(0.049999997));
    const cycle = ORACLES.PolynomialDecay({ initialLearningRate: 0.1, decaySteps: 10, endLearningRate: 0.01, power: 2, cycle: true }, "float32");
    expect(cycle(20)).toBe(Math.fround(0.01));
    const pc = ORACLES.PiecewiseConstantDecay({ boundaries: [10, 20], values: [-0, 0.5, 0.25] }, "float32");
    expect([pc(10), pc(10.5), pc(20), pc(21)]).toEqual([0, 0.5, 0.5, 0.25]);
    expect(Object.is(pc(0), 0)).toBe(true); // 0 + -0 is +0
  });

  test.each(DTYPES)("every pipeline is the real-number formula to float32's precision, %s", (dtype) => {
    const close = (got: number, want: number) => expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-6 * Math.abs(want) + 1e-9);
    const steps = [0, 1, 37, 999, 1500.5, 4321, 10000, 31000, 123456];
    const inv = ORACLES.InverseTimeDecay({ initialLearningRate: 0.1, decaySteps: 1000, decayRate: 0.5, staircase: false }, dtype);
    const poly = ORACLES.PolynomialDecay({ initialLearningRate: 0.1, decaySteps: 20000, endLearningRate: 1e-4, power: 2 }, dtype);
    const cosd = ORACLES.CosineDecay({ initialLearningRate: 0.1, decaySteps: 20000, alpha: 0.01 }, dtype);
    const warm = ORACLES.CosineDecay({ initialLearningRate: 0, decaySteps: 20000, alpha: 0.01, warmupTarget: 0.1, warmupSteps: 2000 }, dtype);
    const restarts = ORACLES.CosineDecayRestarts({ initialLearningRate: 0.1, firstDecaySteps: 1000, tMul: 2, mMul: 0.9, alpha: 0.01 }, dtype);
    const cosine = (x: number, d: number, from: number) => from * (0.99 * 0.5 * (1 + Math.cos((Math.PI * Math.min(x, d)) / d)) + 0.01);
    for (const s of steps) {
      close(inv(s), 0.1 / (1 + (0.5 * s) / 1000));
      close(poly(s), (0.1 - 1e-4) * (1 - Math.min(s, 20000) / 20000) ** 2 + 1e-4);
      close(cosd(s), cosine(s, 20000, 0.1));
      close(warm(s), s < 2000 ? (0.1 * s) / 2000 : cosine(s - 2000, 20000, 0.1));
      const cf = s / 1000;
      const i = Math.floor(Math.log(1 - cf * (1 - 2)) / Math.log(2));
      const c = (cf - (1 - 2 ** i) / (1 - 2)) / 2 ** i;
      // Near a restart, one ulp moves i (NUMERICS.md); these steps are not near one.
      close(restarts(s), 0.1 * (0.99 * 0.5 * 0.9 ** i * (1 + Math.cos(Math.PI * c)) + 0.01));
    }
  });
});
