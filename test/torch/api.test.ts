/**
 * The API around the numbers: the optimizer forms (a PyTorch-shaped object shared by schedulers, a
 * TF.js optimizer, a number), PyTorch's methods, the deprecation warning, the batch methods' not
 * stepping the scheduler, and LambdaLR's batch-plan extension point.
 */
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { afterEach, describe, expect, test, vi } from "vitest";
import * as torch from "../../src/torch/index.js";
import type { Backend } from "../../src/core/types.js";
import { cosinesOf } from "../../src/torch/kernels.js";
import { cos } from "../../src/torch/python.js";

afterEach(() => vi.restoreAllMocks());

describe("optimizers", () => {
  test("a number is one group's lr", () => {
    const s = new torch.ExponentialLR(0.1, 0.5);
    s.step();
    expect(s.getLastLr()).toEqual([0.05]);
    expect(s.baseLrs).toEqual([0.1]);
  });

  test("a PyTorch-shaped optimizer: groups changed in place, initial_lr added, shared by schedulers", () => {
    const opt = { param_groups: [{ lr: 0.1 }, { lr: 0.01 }] };
    const s = new torch.StepLR(opt, 2, 0.5);
    expect(opt.param_groups).toEqual([{ lr: 0.1, initial_lr: 0.1 }, { lr: 0.01, initial_lr: 0.01 }]);
    s.step();
    s.step();
    expect(opt.param_groups.map((g) => g.lr)).toEqual([0.05, 0.005]);
    expect(s.getLastLr()).toEqual([0.05, 0.005]);
    // A second scheduler on the same object sees the same groups: its base lrs are the initial_lr.
    const e = new torch.ExponentialLR(opt, 0.5);
    expect(e.baseLrs).toEqual([0.1, 0.01]);
    expect(e.groups).toBe(s.groups);
    expect(() => new torch.SequentialLR(opt, [s, new torch.ExponentialLR({ param_groups: [{ lr: 1 }] }, 0.5)], [3])).toThrow(
      new RangeError("SequentialLR expects all schedulers to belong to the same optimizer, but got scheduler ExponentialLR at index 1 with another optimizer."),
    );
  });

  test("a TF.js optimizer with setLearningRate (SGD) and one without (Adam) follow every step", () => {
    for (const made of [tf.train.sgd(0.1), tf.train.adam(0.1)]) {
      const o = made as unknown as torch.TfjsOptimizerLike;
      const s = new torch.CosineAnnealingLR(o, 10, 0.001);
      for (let k = 0; k < 12; k++) {
        s.step();
        expect(o.learningRate).toBe(s.getLastLr()[0]);
      }
      expect(o.learningRate).toBe(s.range(12, 13)[0]);
    }
  });
});

describe("PyTorch's methods", () => {
  test("getConfig keeps every argument's value as given: -0 stays -0, integers and floats unchanged", () => {
    // readArguments stores int32-valued numbers as V8's small integers (x | 0); that must not change a value.
    const c = new torch.CosineAnnealingLR(0.1, 7, -0).getConfig();
    expect(Object.is(c.eta_min, -0)).toBe(true);
    expect(c.T_max).toBe(7);
    expect(c.last_epoch).toBe(-1);
    expect(new torch.StepLR(0.1, { stepSize: 2 ** 40, gamma: 0.5 }).getConfig()).toEqual({ step_size: 2 ** 40, gamma: 0.5, last_epoch: -1 });
    expect(new torch.ConstantLR(0.1, 0.25, 2 ** 31 - 1).getConfig().total_iters).toBe(2 ** 31 - 1);
  });

  test("step(epoch) warns once, as PyTorch's UserWarning, and uses the closed form", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const s = new torch.StepLR(0.1, 3, 0.5);
    s.step(7);
    s.step(8);
    expect(s.getLastLr()).toEqual([0.1 * 0.25]);
    expect(s.lastEpoch).toBe(8);
    s.step();
    expect(s.getLastLr()).toEqual([0.1 * 0.25 * 0.5]);
    expect(warn.mock.calls.filter((c) => String(c[0]).includes(torch.EPOCH_DEPRECATION_WARNING))).toHaveLength(1);
  });

  test("getLr() is get_lr: the recursive form applied to the groups' current lr", () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const s = new torch.ExponentialLR(0.1, 0.5);
    s.step();
    expect(s.getLr()).toEqual([0.025]);
    expect(s.getLastLr()).toEqual([0.05]);
  });

  test("range and evaluate do not step the scheduler, and start from its construction", () => {
    const opt = { param_groups: [{ lr: 0.1 }] };
    const s = new torch.CosineAnnealingLR(opt, 10);
    for (let k = 0; k < 5; k++) s.step();
    const before = JSON.stringify(s.stateDict());
    const r = s.range(0, 6);
    expect(JSON.stringify(s.stateDict())).toBe(before);
    expect(opt.param_groups[0]!.lr).toBe(s.getLastLr()[0]);
    expect(r[5]).toBe(s.getLastLr()[0]);
    expect([...s.evaluate([5, 0, 5])]).toEqual([r[5], r[0], r[5]]);
  });

  test("getConfig gives the declared arguments by PyTorch's names, defaults filled in", () => {
    const s = new torch.CosineAnnealingLR(0.1, { tMax: 100 });
    expect(s.getConfig()).toEqual({ T_max: 100, eta_min: 0.0, last_epoch: -1 });
    expect(Object.keys(new torch.OneCycleLR({ param_groups: [{ lr: 1, momentum: 0.9 }], defaults: { momentum: 0.9 } }, 0.1, 100).getConfig())).toEqual(
      torch.OneCycleLR.args.map((a) => a.key),
    );
  });

  test("toString shows PyTorch's call", () => {
    expect(String(new torch.CosineAnnealingLR(0.1, { tMax: 100, etaMin: 0.001 }))).toBe("CosineAnnealingLR(optimizer, T_max=100, eta_min=0.001, last_epoch=-1)");
    expect(String(new torch.OneCycleLR({ param_groups: [{ lr: 1, momentum: 0.9 }], defaults: { momentum: 0.9 } }, 0.1, 100))).toContain("OneCycleLR(optimizer, max_lr=0.1, total_steps=100, epochs=None,");
  });

  test("ReduceLROnPlateau: step(metric), and range over given metrics", () => {
    const s = new torch.ReduceLROnPlateau(0.1, { patience: 1, factor: 0.5 });
    const metrics = [1, 1, 1, 0.5, 0.5, 0.5];
    const seen = [s.getLastLr()[0]];
    for (const m of metrics) {
      s.step(m);
      seen.push(s.getLastLr()[0]);
    }
    expect(seen).toEqual([0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025]);
    expect([...s.range(0, 7, { metrics })]).toEqual(seen);
    expect(() => s.range(0, 8, { metrics })).toThrow(RangeError);
    // Without options, or without metrics in them, the error says what range needs.
    for (const call of [() => s.range(0, 4), () => s.range(0, 4, {} as never)])
      expect(call).toThrow(new TypeError("ReduceLROnPlateau.range needs the option `metrics`: the metric of each step. Received: metrics=undefined"));
  });
});

describe("LambdaLR's batch plan", () => {
  test("a lambda carrying `batch` fills range's factors in chunks, here on the torch cosine kernel; step() calls the lambda", () => {
    const calls: [number, number, string][] = [];
    const x = new Float64Array(8192);
    const lambda = Object.assign((e: number) => cos(e / 100), {
      batch: {
        fill(t0: number, n: number, factors: Float64Array, backend: Backend) {
          calls.push([t0, n, backend]);
          for (let i = 0; i < n; i++) x[i] = (t0 + i) / 100;
          cosinesOf(x, n, factors, backend);
        },
      } satisfies torch.LambdaBatch,
    });
    const s = new torch.LambdaLR(0.1, lambda);
    const want = [s.getLastLr()[0]];
    for (let k = 1; k < 5000; k++) {
      s.step();
      want.push(s.getLastLr()[0]);
    }
    for (const backend of ["js", "wasm-scalar", "wasm-simd"] as const) {
      calls.length = 0;
      expect([...s.range(0, 5000, { backend })]).toEqual(want);
      expect(calls.length).toBeGreaterThan(1);
      expect(calls[0]).toEqual([1, calls[0]![1], backend]);
      expect(calls.reduce((n, c) => n + c[1], 0)).toBe(4999);
    }
  });
});
