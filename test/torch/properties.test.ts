/**
 * Property tests (fast-check): `range` equals stepping for generated arguments of every class
 * (stepping is the reference, the batch its fast replay), and the cosine and power classes' steps
 * equal a decimal.js oracle of PyTorch's operations (test/keras/cosine.oracle.ts: each operation
 * exact, then rounded once), independent of src/exact and the kernels.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import * as torch from "../../src/torch/index.js";
import { CHUNK, setTorchChunkForTesting } from "../../src/torch/track.js";
import { oracleCos, oraclePowIEEE } from "../keras/cosine.oracle.js";
import { stepped } from "./stepped.js";

const opt = (lr: number) => ({ param_groups: [{ lr, momentum: 0.9 }], defaults: { lr, momentum: 0.9 } });


const lr = fc.double({ min: 1e-6, max: 10, noNaN: true });
const unit = fc.double({ min: 0.01, max: 1, noNaN: true });
const factory = fc.oneof(
  fc.record({ T: fc.integer({ min: 1, max: 400 }), eta: fc.double({ min: 0, max: 1e-3, noNaN: true }), lr }).map(
    (a) => [`CosineAnnealingLR(${a.T}, ${a.eta})`, () => new torch.CosineAnnealingLR(opt(a.lr), a.T, a.eta)] as const,
  ),
  fc.record({ T: fc.integer({ min: 1, max: 300 }), p: fc.double({ min: 0, max: 4, noNaN: true }), lr }).map(
    (a) => [`PolynomialLR(${a.T}, ${a.p})`, () => new torch.PolynomialLR(opt(a.lr), a.T, a.p)] as const,
  ),
  fc.record({ s: fc.integer({ min: 1, max: 50 }), g: unit, lr }).map((a) => [`StepLR(${a.s}, ${a.g})`, () => new torch.StepLR(opt(a.lr), a.s, a.g)] as const),
  fc.record({ m: fc.array(fc.integer({ min: 0, max: 300 }), { maxLength: 6 }), g: unit, lr }).map(
    (a) => [`MultiStepLR([${a.m}], ${a.g})`, () => new torch.MultiStepLR(opt(a.lr), a.m, a.g)] as const,
  ),
  fc.record({ s: unit, e: fc.double({ min: 0, max: 1, noNaN: true }), T: fc.integer({ min: 0, max: 300 }), lr }).map(
    (a) => [`LinearLR(${a.s}, ${a.e}, ${a.T})`, () => new torch.LinearLR(opt(a.lr), a.s, a.e, a.T)] as const,
  ),
  fc.record({ f: fc.double({ min: 0.01, max: 1, noNaN: true }), T: fc.integer({ min: 0, max: 300 }), lr }).map(
    (a) => [`ConstantLR(${a.f}, ${a.T})`, () => new torch.ConstantLR(opt(a.lr), a.f, a.T)] as const,
  ),
  fc.record({ T0: fc.integer({ min: 1, max: 60 }), m: fc.integer({ min: 1, max: 3 }), lr }).map(
    (a) => [`CosineAnnealingWarmRestarts(${a.T0}, ${a.m})`, () => new torch.CosineAnnealingWarmRestarts(opt(a.lr), a.T0, a.m)] as const,
  ),
  fc.record({ up: fc.integer({ min: 1, max: 100 }), down: fc.integer({ min: 0, max: 100 }), mode: fc.constantFrom("triangular", "triangular2", "exp_range"), lr }).map(
    (a) => [`CyclicLR(${a.up}, ${a.down}, ${a.mode})`, () => new torch.CyclicLR(opt(a.lr), { baseLr: a.lr / 10, maxLr: a.lr, stepSizeUp: a.up, stepSizeDown: a.down, mode: a.mode, gamma: 0.99 })] as const,
  ),
  fc.record({ T: fc.integer({ min: 600, max: 2000 }), pct: fc.double({ min: 0.05, max: 0.95, noNaN: true }), three: fc.boolean(), cos: fc.boolean(), lr }).map(
    (a) => [`OneCycleLR(${a.T}, ${a.pct}, ${a.three}, ${a.cos})`, () => new torch.OneCycleLR(opt(a.lr), { maxLr: a.lr, totalSteps: a.T, pctStart: a.pct, threePhase: a.three, annealStrategy: a.cos ? "cos" : "linear" })] as const,
  ),
  fc.record({ w: fc.integer({ min: 1, max: 100 }), T: fc.integer({ min: 1, max: 300 }), lr }).map(
    (a) => [`SequentialLR(LinearLR, CosineAnnealingLR) at ${a.w}`, () => {
      const o = opt(a.lr);
      return new torch.SequentialLR(o, [new torch.LinearLR(o, 0.1, 1, a.w), new torch.CosineAnnealingLR(o, a.T)], [a.w]);
    }] as const,
  ),
  fc.record({ T: fc.integer({ min: 1, max: 300 }), s: fc.integer({ min: 1, max: 50 }), lr }).map(
    (a) => [`ChainedScheduler(CosineAnnealingLR, StepLR)`, () => {
      const o = opt(a.lr);
      return new torch.ChainedScheduler([new torch.CosineAnnealingLR(o, a.T), new torch.StepLR(o, a.s, 0.5)]);
    }] as const,
  ),
);

describe("range equals stepping", () => {
  test("for generated schedulers, backends and windows", () => {
    fc.assert(
      fc.property(factory, fc.integer({ min: 1, max: 600 }), fc.constantFrom("js", "wasm-scalar", "wasm-simd", "auto") , ([, make], n, backend) => {
        const want = stepped(make(), n);
        const s = make();
        const got = s.range(0, n, { backend });
        expect([...got]).toEqual(want);
        const start = Math.floor(n / 3);
        expect([...s.range(start, n, { backend })]).toEqual(want.slice(start));
      }),
      { numRuns: 150 },
    );
  });

  test("windows that start chunks after step 0: the chunks before a window only carry the lr", () => {
    // The scan once applied a whole window's worth of operations to each chunk before the window
    // (NaN from LinearLR's range(65534, 65538), found by the engine check): small chunks put every
    // window many chunks in.
    const chunk = CHUNK;
    try {
      for (const size of [7, 61]) {
        setTorchChunkForTesting(size);
        fc.assert(
          fc.property(factory, fc.integer({ min: 1, max: 600 }), fc.constantFrom("js", "wasm-scalar", "wasm-simd", "auto"), ([, make], n, backend) => {
            const want = stepped(make(), n);
            for (const start of [Math.floor(n / 3), Math.floor((2 * n) / 3), n - 1])
              expect([...make().range(start, n, { backend })], `range(${start}, ${n})`).toEqual(want.slice(start));
          }),
          { numRuns: 60 },
        );
      }
    } finally {
      setTorchChunkForTesting(chunk);
    }
    // At the default chunk, past the 16th chunk.
    for (const make of [() => new torch.LinearLR(opt(0.1), 0.01, 1, 1000), () => new torch.PolynomialLR(opt(0.1), 70_000, 0.9)]) {
      const want = stepped(make(), 70_003);
      for (const backend of ["js", "wasm-scalar", "wasm-simd", "auto"] as const)
        expect([...make().range(65_534, 70_003, { backend })]).toEqual(want.slice(65_534));
    }
  });
});

describe("a closed form is computed only where PyTorch computes it", () => {
  test("LinearLR with total_iters=0 steps and batches (its closed form, which divides by 0, is a milestone's only)", () => {
    const make = () => new torch.LinearLR(opt(0.1), 0.01, 0, 0);
    const want = stepped(make(), 5);
    for (const backend of ["js", "wasm-scalar", "wasm-simd", "auto"] as const) expect([...make().range(0, 5, { backend })]).toEqual(want);
    // At a SequentialLR milestone PyTorch runs the closed form: ZeroDivisionError there, a RangeError here.
    const o = opt(0.1);
    const seq = () => new torch.SequentialLR(o, [new torch.ConstantLR(o, 0.5, 2), new torch.LinearLR(o, 0.01, 0, 0)], [2]);
    expect(() => seq().range(0, 5)).toThrow("float division by zero");
    const s = seq();
    s.step();
    expect(() => s.step()).toThrow("float division by zero");
  });
});

describe("against the decimal.js oracle of PyTorch's operations", () => {
  const O = (x: number) => x; // the + - * / of doubles are IEEE in both: only cos and ** need the oracle
  test("CosineAnnealingLR's recursion, every branch", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ min: 0, max: 0.01, noNaN: true }), lr, (T, eta, base) => {
        const cos = (x: number) => oracleCos(x, "float64");
        const n = 4 * T + 3;
        const want = [base];
        let v = base;
        for (let t = 1; t < n; t++) {
          v = (((t - 1 - T) % (2 * T)) + 2 * T) % (2 * T) === 0
            ? v + ((base - eta) * (1 - cos(Math.PI / T))) / 2
            : O((1 + cos((Math.PI * t) / T)) / (1 + cos((Math.PI * (t - 1)) / T))) * (v - eta) + eta;
          want.push(v);
        }
        expect([...new torch.CosineAnnealingLR(opt(base), T, eta).range(0, n)]).toEqual(want);
      }),
      { numRuns: 25 },
    );
  });

  test("ConstantLR undoes its factor as lr * (1.0 / factor), not lr / factor (they differ for a quarter of factors)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 1, max: 30 }), lr, (i, T, base) => {
        const f = i / 1000;
        const want = Array.from({ length: T + 3 }, (_, k) => (k < T ? base * f : base * f * (1.0 / f)));
        const s = new torch.ConstantLR(opt(base), f, T);
        expect(stepped(s, T + 3)).toEqual(want);
        expect([...s.range(0, T + 3)]).toEqual(want);
      }),
      { numRuns: 200 },
    );
  });

  test("PolynomialLR's factors and ExponentialLR's closed form", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 80 }), fc.double({ min: 0.1, max: 3, noNaN: true }), lr, (T, p, base) => {
        const want = [base];
        let v = base;
        for (let t = 1; t < T + 5; t++) {
          if (t <= T) v = v * oraclePowIEEE((1.0 - t / T) / (1.0 - (t - 1) / T), p, "float64");
          want.push(v);
        }
        expect([...new torch.PolynomialLR(opt(base), T, p).range(0, T + 5)]).toEqual(want);
        const e = new torch.ExponentialLR(opt(base), p / 4);
        e.step(T);
        expect(e.getLastLr()[0]).toBe(base * oraclePowIEEE(p / 4, T, "float64"));
      }),
      { numRuns: 25 },
    );
  });

  test("OneCycleLR's cosine annealing", () => {
    fc.assert(
      fc.property(fc.integer({ min: 20, max: 300 }), lr, (T, max) => {
        const s = new torch.OneCycleLR(opt(max), { maxLr: max, totalSteps: T });
        const init = max / 25, min = init / 1e4, e1 = 0.3 * T - 1, e2 = T - 1;
        const want = Array.from({ length: T + 1 }, (_, t) => {
          const [from, to, pct] = t <= e1 ? [init, max, t / e1] : [max, min, (t - e1) / (e2 - e1)];
          return to + ((from - to) / 2.0) * (oracleCos(Math.PI * pct, "float64") + 1);
        });
        expect([...s.range(0, T + 1)]).toEqual(want);
      }),
      { numRuns: 15 },
    );
  });
});
