/**
 * The fused batch paths (OpSource.run, src/torch/track.ts): schedulers whose range computes each
 * step's operand and applies it in one pass, straight into the caller's array, instead of a fill
 * pass and a scan. Each against PyTorch's recursion written out here (its + - * / are IEEE doubles
 * in JS as in Python; cos from the decimal.js oracle, test/keras/cosine.oracle.ts), on every
 * backend, for ranges that start at 0, inside and past a Wasm chunk, and for `evaluate` picks far
 * apart (the steps before a pick run with no output).
 */
import { afterEach, describe, expect, test } from "vitest";
import { setChunkLengthForTesting, setConstantForTesting } from "../../src/core/wasm.js";
import { COS_EPS64 } from "../../assembly/numerics/layout.js";
import * as torch from "../../src/torch/index.js";
import { setTorchChunkForTesting } from "../../src/torch/track.js";
import { cosinesAt } from "../../assembly/torch/cosines.twin.js";
import { oracleCos, oraclePowIEEE } from "../keras/cosine.oracle.js";

const BACKENDS = ["js", "wasm-scalar", "wasm-simd"] as const;
const opt = (lr: number) => ({ param_groups: [{ lr, momentum: 0.9 }], defaults: { lr, momentum: 0.9 } });

/** Indices where got differs (Object.is) from want[offset + i]. */
function wrong(want: ArrayLike<number>, got: Float64Array, offset = 0): number[] {
  const bad: number[] = [];
  for (let i = 0; i < got.length; i++) if (!Object.is(got[i], want[offset + i])) bad.push(i);
  return bad;
}

/**
 * Runs f with cos.ts' general-path window (EPS64) at 2^-68, its width before this path was made
 * accurate to 2^-99: still above the path's error bound, so every decided cosine stays correctly
 * rounded, and wide enough that the cosines these tests name (found by searches at that width) are
 * left undecided. At 2^-90 about 1 argument in 2^36 is, so no search finds one in a schedule: the
 * exact fallback these tests check needs the wider window to be reached.
 */
function withWideWindow(f: () => void): void {
  const before = setConstantForTesting(COS_EPS64, 2 ** -68);
  try {
    f();
  } finally {
    setConstantForTesting(COS_EPS64, before);
  }
}

/**
 * Every range and evaluate a test checks, on every backend: whole, from odd starts (inside and past
 * a Wasm chunk when `chunk` is set small), and picks far apart.
 */
function expectBatches(make: () => torch.LRScheduler, want: Float64Array, chunk = 1 << 16): void {
  const n = want.length;
  setChunkLengthForTesting(chunk);
  for (const backend of BACKENDS) {
    const s = make();
    expect(wrong(want, s.range(0, n, { backend }))).toEqual([]);
    for (const start of [1, 3, 37, n >> 1, n - 5])
      for (const stop of [start + 1, start + 2, Math.min(n, start + 1000), n]) expect(wrong(want, s.range(start, stop, { backend }), start)).toEqual([]);
    const picks = [n - 1, 0, 1, n >> 1, (n >> 1) + 1, n - 2, 7];
    expect([...s.evaluate(picks, { backend })]).toEqual(picks.map((k) => want[k]));
  }
  setChunkLengthForTesting(1 << 16);
}

/**
 * A scheduler made by `make`, stepped: its lr (group 0) after 0, 1, ..., n - 1 steps, against the
 * range of a fresh one on every backend.
 */
function expectRangeIsStepping(make: () => torch.LRScheduler, n: number): void {
  const r = make();
  const steps = [r.getLastLr()[0]!];
  for (let k = 1; k < n; k++) {
    r.step();
    steps.push(r.getLastLr()[0]!);
  }
  for (const backend of BACKENDS) expect([...make().range(0, n, { backend })]).toEqual(steps);
}

afterEach(() => setChunkLengthForTesting(1 << 16));

describe("ExponentialLR: lr * gamma, a serial chain", () => {
  test("every step is the previous one times gamma, rounded once, on every backend", () => {
    for (const [lr, gamma] of [[0.1, 0.999999], [3.7, 0.9], [1e-3, 0.9999991]] as const) {
      const want = new Float64Array(12000);
      want[0] = lr;
      for (let k = 1; k < want.length; k++) want[k] = want[k - 1]! * gamma;
      expectBatches(() => new torch.ExponentialLR(opt(lr), gamma), want);
    }
  });
});

describe("LambdaLR and MultiplicativeLR: the lambda once a step, straight into out", () => {
  test("base_lr * lambda(t) and lr * lambda(t) in turn, on every backend, ranges and picks", () => {
    const lambda = (t: number) => 1 / (1 + t / 7) + (t % 3) * 1e-3;
    const n = 3000;
    const want = Float64Array.from({ length: n }, (_, t) => 0.1 * lambda(t));
    expectBatches(() => new torch.LambdaLR(opt(0.1), lambda), want);
    const times = new Float64Array(n);
    times[0] = 0.1;
    for (let t = 1; t < n; t++) times[t] = times[t - 1]! * lambda(t);
    expectBatches(() => new torch.MultiplicativeLR(opt(0.1), lambda), times);
    // Resumed (last_epoch 4): LambdaLR sets base_lr * lambda(t) from t = 5; MultiplicativeLR keeps
    // the lr it finds at the constructor's step, then multiplies.
    const group = () => ({ param_groups: [{ lr: 0.25, initial_lr: 0.1 }] });
    expectBatches(() => new torch.LambdaLR(group(), lambda, 4), Float64Array.from({ length: n }, (_, k) => 0.1 * lambda(k + 5)));
    const resumed = new Float64Array(n);
    resumed[0] = 0.25;
    for (let k = 1; k < n; k++) resumed[k] = resumed[k - 1]! * lambda(k + 5);
    expectBatches(() => new torch.MultiplicativeLR(group(), lambda, 4), resumed);
  });

  test("a lambda that fails at a step before the output fails the range, as .step() would there", () => {
    const bad = (t: number) => (t === 5 ? ("0.5" as unknown as number) : 0.9);
    for (const make of [() => new torch.LambdaLR(opt(0.1), bad), () => new torch.MultiplicativeLR(opt(0.1), bad)])
      for (const backend of BACKENDS) {
        expect(() => make().range(10, 20, { backend })).toThrow(new TypeError(`lr_lambda(5) must return a number. Received: "0.5" (string)`));
        expect(() => make().evaluate([3, 9], { backend })).toThrow(TypeError);
        expect([...make().range(0, 5, { backend })].length).toBe(5);
      }
  });
});

describe("ChainedScheduler: the busy child's scan between the others' events", () => {
  afterEach(() => setTorchChunkForTesting(4096));
  const chains: [string, () => torch.LRScheduler][] = [
    ["ExponentialLR + StepLR (a uniform product, sparse events)", () => {
      const o = opt(0.1);
      return new torch.ChainedScheduler([new torch.ExponentialLR(o, 0.999), new torch.StepLR(o, 10, 0.5)], o);
    }],
    ["StepLR + ExponentialLR (the sparse child first)", () => {
      const o = opt(0.1);
      return new torch.ChainedScheduler([new torch.StepLR(o, 10, 0.5), new torch.ExponentialLR(o, 0.999)], o);
    }],
    ["StepLR(1) + ExponentialLR (gamma and then the factor at every step)", () => {
      const o = opt(0.1);
      return new torch.ChainedScheduler([new torch.StepLR(o, 1, 0.99), new torch.ExponentialLR(o, 1.003)], o);
    }],
    ["resumed: ExponentialLR(last_epoch 7) + StepLR(7, 0.7, last_epoch 100) (each child's own last_epoch; the order of the two products)", () => {
      const o = { param_groups: [{ lr: 0.05, initial_lr: 0.1, momentum: 0.9 }], defaults: { lr: 0.1, momentum: 0.9 } };
      return new torch.ChainedScheduler([new torch.ExponentialLR(o, 0.999, 7), new torch.StepLR(o, 7, 0.7, 100)], o);
    }],
    ["ExponentialLR + MultiStepLR (events of uneven spacing, a repeated milestone)", () => {
      const o = opt(0.1);
      return new torch.ChainedScheduler([new torch.ExponentialLR(o, 1.0007), new torch.MultiStepLR(o, [1, 2, 30, 35, 35, 36, 1499], 0.9)], o);
    }],
    ["StepLR + ExponentialLR + MultiStepLR (two children's events, some on one step)", () => {
      const o = opt(0.1);
      return new torch.ChainedScheduler([new torch.StepLR(o, 10, 0.5), new torch.ExponentialLR(o, 0.999), new torch.MultiStepLR(o, [10, 30, 35, 35, 36], 0.9)], o);
    }],
    ["ConstantLR + StepLR (no busy child)", () => {
      const o = opt(0.1);
      return new torch.ChainedScheduler([new torch.ConstantLR(o, 0.25, 17), new torch.StepLR(o, 7, 0.9)], o);
    }],
    ["CosineAnnealingLR(T_max 9, eta 1e-3) + StepLR (cosine ratios with restarts)", () => {
      const o = opt(0.1);
      return new torch.ChainedScheduler([new torch.CosineAnnealingLR(o, 9, 1e-3), new torch.StepLR(o, 13, 0.8)], o);
    }],
    ["MultiStepLR + CosineAnnealingLR(T_max 5000) (cosine ratios, eta 0, after the events)", () => {
      const o = opt(0.1);
      return new torch.ChainedScheduler([new torch.MultiStepLR(o, [5, 50, 51, 400], 0.5), new torch.CosineAnnealingLR(o, 5000)], o);
    }],
    ["LambdaLR + StepLR (a set every step)", () => {
      const o = opt(0.1);
      return new torch.ChainedScheduler([new torch.LambdaLR(o, (t) => 1 / (1 + t)), new torch.StepLR(o, 3, 0.5)], o);
    }],
    ["ExponentialLR + CosineAnnealingLR (two busy children: every step applies both)", () => {
      const o = opt(0.1);
      return new torch.ChainedScheduler([new torch.ExponentialLR(o, 0.999), new torch.CosineAnnealingLR(o, 40, 1e-4)], o);
    }],
    // CosineAnnealingLR and one ExponentialLR: the run kernel with gamma before or after each step.
    ["CosineAnnealingLR(T_max 5000, eta 1e-3) + ExponentialLR (affine, then a uniform product)", () => {
      const o = opt(0.1);
      return new torch.ChainedScheduler([new torch.CosineAnnealingLR(o, 5000, 1e-3), new torch.ExponentialLR(o, 0.9995)], o);
    }],
    ["ExponentialLR + CosineAnnealingLR(T_max 5000, eta 1e-3) (a uniform product, then affine)", () => {
      const o = opt(0.1);
      return new torch.ChainedScheduler([new torch.ExponentialLR(o, 0.9995), new torch.CosineAnnealingLR(o, 5000, 1e-3)], o);
    }],
    ["CosineAnnealingLR(T_max 40, eta 1e-4) + ExponentialLR (gamma after each step, restarts)", () => {
      const o = opt(0.1);
      return new torch.ChainedScheduler([new torch.CosineAnnealingLR(o, 40, 1e-4), new torch.ExponentialLR(o, 0.999)], o);
    }],
    ["resumed: ExponentialLR(last_epoch 7) + CosineAnnealingLR(T_max 40, last_epoch 100) (each child's own last_epoch)", () => {
      const o = { param_groups: [{ lr: 0.05, initial_lr: 0.1, momentum: 0.9 }], defaults: { lr: 0.1, momentum: 0.9 } };
      return new torch.ChainedScheduler([new torch.ExponentialLR(o, 0.999, 7), new torch.CosineAnnealingLR(o, 40, 1e-4, 100)], o);
    }],
    ["resumed: CosineAnnealingLR(T_max 40, last_epoch 100) + ExponentialLR(last_epoch 7)", () => {
      const o = { param_groups: [{ lr: 0.05, initial_lr: 0.1, momentum: 0.9 }], defaults: { lr: 0.1, momentum: 0.9 } };
      return new torch.ChainedScheduler([new torch.CosineAnnealingLR(o, 40, 1e-4, 100), new torch.ExponentialLR(o, 0.999, 7)], o);
    }],
    // Two busy children, each one code in a stretch: the loops for a pair of codes (twoBusy), the
    // chunk cut at CosineAnnealingLR's restarts (OP_ADD among its OP_AFFINE steps).
    ["CosineAnnealingLR(T_max 40, eta 1e-4) + MultiplicativeLR (affine and restarts, then a product)", () => {
      const o = opt(0.1);
      return new torch.ChainedScheduler([new torch.CosineAnnealingLR(o, 40, 1e-4), new torch.MultiplicativeLR(o, () => 0.999)], o);
    }],
    ["MultiplicativeLR + CosineAnnealingLR(T_max 40, eta 1e-4) (a product, then affine and restarts)", () => {
      const o = opt(0.1);
      return new torch.ChainedScheduler([new torch.MultiplicativeLR(o, (t) => 1 - 1 / (t + 1000)), new torch.CosineAnnealingLR(o, 40, 1e-4)], o);
    }],
    ["ExponentialLR + ExponentialLR (two uniform products)", () => {
      const o = opt(0.1);
      return new torch.ChainedScheduler([new torch.ExponentialLR(o, 0.9995), new torch.ExponentialLR(o, 1.0003)], o);
    }],
    ["MultiplicativeLR + ExponentialLR (a product per step, then a uniform one)", () => {
      const o = opt(0.1);
      return new torch.ChainedScheduler([new torch.MultiplicativeLR(o, (t) => 1 - 1 / (t + 7)), new torch.ExponentialLR(o, 1.0003)], o);
    }],
    ["CosineAnnealingLR(T_max 5000) + CosineAnnealingLR(T_max 3000, eta 1e-3) (two affine children: the general loop)", () => {
      const o = opt(0.1);
      return new torch.ChainedScheduler([new torch.CosineAnnealingLR(o, 5000), new torch.CosineAnnealingLR(o, 3000, 1e-3)], o);
    }],
  ];
  test.each(chains)("%s: every range and pick the stepped values, in chunks of 37 and 4,096", (_, make) => {
    const s = make();
    const want = new Float64Array(1500);
    for (let k = 0; k < want.length; k++) {
      if (k > 0) s.step();
      want[k] = s.getLastLr()[0]!;
    }
    for (const chunk of [37, 4096]) {
      setTorchChunkForTesting(chunk);
      expectBatches(make, want);
    }
  });
});

describe("CosineAnnealingWarmRestarts with T_i growing: one kernel pass per cycle", () => {
  /** PyTorch's step() recursion and get_lr, the cosine from the oracle: n values. */
  function sgdr(lr: number, T0: number, TMult: number, eta: number, n: number): Float64Array {
    const want = new Float64Array(n);
    let Tcur = 0, Ti = T0;
    for (let k = 0; k < n; k++) {
      if (k > 0) {
        Tcur = Tcur + 1;
        if (Tcur >= Ti) {
          Tcur = Tcur % Ti;
          Ti = Ti * TMult;
        }
      }
      want[k] = eta + ((lr - eta) * (1 + oracleCos((Math.PI * Tcur) / Ti, "float64"))) / 2;
    }
    return want;
  }

  test("T_0 5, T_mult 3: six restarts, each cycle's values in order, across Wasm chunks of 37, on every backend", () => {
    const want = sgdr(0.1, 5, 3, 1e-3, 2600);
    expectBatches(() => new torch.CosineAnnealingWarmRestarts(opt(0.1), 5, 3, 1e-3), want, 37);
    expectBatches(() => new torch.CosineAnnealingWarmRestarts(opt(0.1), 5, 3, 1e-3), want);
  });

  test("T_0 1, T_mult 2 (cycles of 1, 2, 4, ...) and T_0 2^20 + 3, T_mult 1 (past the table: one long cycle, a restart)", () => {
    expectBatches(() => new torch.CosineAnnealingWarmRestarts(opt(2.5), 1, 2), sgdr(2.5, 1, 2, 0, 300));
    const T0 = 2 ** 20 + 3;
    for (const backend of BACKENDS) {
      const s = new torch.CosineAnnealingWarmRestarts(opt(0.1), T0, 1);
      // Steps T0 - 4 .. T0 + 4: T_cur up to T0 - 1, then 0 again.
      const got = s.range(T0 - 4, T0 + 5, { backend });
      const want = [-4, -3, -2, -1, 0, 1, 2, 3, 4].map((d) => {
        const Tcur = d < 0 ? T0 + d : d;
        return ((0.1 - 0) * (1 + oracleCos((Math.PI * Tcur) / T0, "float64"))) / 2 + 0;
      });
      expect([...got]).toEqual(want);
      expect([...s.evaluate([T0 + 4, 5, T0 - 1], { backend })]).toEqual([want[8], ((0.1 * (1 + oracleCos((Math.PI * 5) / T0, "float64"))) / 2), want[3]]);
    }
  });

  test("an undecided cosine inside a cycle (T_0 7, T_mult 2: T_i 14336, T_cur 8047; the window widened) takes the exact value", () => withWideWindow(() => {
    const Ti = 14336, Tcur = 8047;
    // The cosine kernel leaves it undecided (found by a search over cycles): the hard list is used.
    const x = Float64Array.from({ length: 9 }, (_, i) => (Math.PI * (Tcur - 4 + i)) / Ti);
    const hard = new Int32Array(9);
    expect(cosinesAt(x, new Float64Array(9), hard, 9)).toBe(1);
    expect(hard[0]).toBe(4);
    // Cycles 7, 14, ..., 7168 take 7 (2^11 - 1) steps: T_i 14336 starts at step 14329.
    const k = 7 * (2 ** 11 - 1) + Tcur;
    const want = [...x].map((v) => (0.1 * (1 + oracleCos(v, "float64"))) / 2);
    for (const backend of BACKENDS) {
      const s = new torch.CosineAnnealingWarmRestarts(opt(0.1), 7, 2);
      expect([...s.range(k - 4, k + 5, { backend })]).toEqual(want);
      expect([...s.evaluate([k, k - 1], { backend })]).toEqual([want[4], want[3]]);
    }
  }));
});

describe("CosineAnnealingWarmRestarts with T_mult 1: one period from the table, then copies of it", () => {
  /** PyTorch's step() recursion and get_lr with T_i = T_0, the cosine from the oracle: n values. */
  function periodic(lr: number, T0: number, eta: number, n: number): Float64Array {
    const cosines = Array.from({ length: T0 }, (_, Tcur) => oracleCos((Math.PI * Tcur) / T0, "float64"));
    const want = new Float64Array(n);
    let Tcur = 0;
    for (let k = 0; k < n; k++) {
      if (k > 0) Tcur = (Tcur + 1) % T0;
      want[k] = eta + ((lr - eta) * (1 + cosines[Tcur]!)) / 2;
    }
    return want;
  }

  test.each([1, 2, 3, 7, 64, 1000])("T_0 %i: every range (phases, odd lengths, doublings cut short) and evaluate, on every backend", (T0) => {
    const n = 3001;
    expectBatches(() => new torch.CosineAnnealingWarmRestarts(opt(0.1), T0, 1, 1e-3), periodic(0.1, T0, 1e-3, n));
    expectBatches(() => new torch.CosineAnnealingWarmRestarts(opt(2.5), T0), periodic(2.5, T0, 0, n), 37);
  });

  test("resumed (last_epoch 9, T_0 4) and through SequentialLR (then LinearLR, or MultiplicativeLR, which carries its last lr on) and ChainedScheduler: the stepped values", () => {
    const group = () => ({ param_groups: [{ lr: 0.1, initial_lr: 0.1 }] });
    const makes: (() => torch.LRScheduler)[] = [
      () => new torch.CosineAnnealingWarmRestarts(group(), 4, 1, 1e-3, 9),
      () => {
        const o = opt(0.1);
        return new torch.SequentialLR(o, [new torch.LinearLR(o, 0.5, 1, 10), new torch.CosineAnnealingWarmRestarts(o, 6, 1, 1e-3)], [10]);
      },
      () => {
        const o = opt(0.1);
        return new torch.ChainedScheduler([new torch.CosineAnnealingWarmRestarts(o, 5), new torch.ExponentialLR(o, 0.99)], o);
      },
      // MultiplicativeLR multiplies the lr the restarts left at the milestone (current PyTorch's
      // _update_lr(0)): the last value of a range carries on.
      () => {
        const o = opt(0.1);
        return new torch.SequentialLR(o, [new torch.CosineAnnealingWarmRestarts(o, 5, 1, 1e-3), new torch.MultiplicativeLR(o, () => 0.9)], [13]);
      },
    ];
    for (const make of makes) {
      const s = make();
      const want = new Float64Array(300);
      for (let k = 0; k < want.length; k++) {
        if (k > 0) s.step();
        want[k] = s.getLastLr()[0]!;
      }
      expectBatches(make, want);
      expectBatches(make, want, 37);
    }
  });
});

describe("CyclicLR, triangular: the wave in one pass (two steps at a time on the SIMD kernel)", () => {
  /** PyTorch's get_lr with the triangular scale_fn (1.0), as written there. */
  function triangular(base: number, max: number, up: number, down: number, n: number): Float64Array {
    const total = up + down, ratio = up / total;
    return Float64Array.from({ length: n }, (_, t) => {
      const cycle = Math.floor(1 + t / total);
      const x = 1.0 + t / total - cycle;
      const scale = x <= ratio ? x / ratio : (x - 1) / (ratio - 1);
      return base + (max - base) * scale * 1.0;
    });
  }

  test("up 2000, down 2000; up 3, down 5; up 7, down 1; odd and even lanes, across Wasm chunks of 37, on every backend", () => {
    for (const [base, max, up, down] of [[0.001, 0.1, 2000, 2000], [0.01, 0.3, 3, 5], [1e-4, 7e-3, 7, 1]] as const) {
      const want = triangular(base, max, up, down, 9000);
      const make = () => new torch.CyclicLR(opt(max), { baseLr: base, maxLr: max, stepSizeUp: up, stepSizeDown: down, cycleMomentum: false });
      expectBatches(make, want, 37);
      expectBatches(make, want);
    }
  });
});

describe("LinearLR: the factors two at a time, the chain carried from chunk to chunk", () => {
  /** PyTorch's recursion: lr * start_factor at 0, then each factor up to total_iters, then kept. */
  function linear(lr: number, s: number, e: number, T: number, n: number): Float64Array {
    const want = new Float64Array(n);
    want[0] = lr * s;
    for (let t = 1; t < n; t++) want[t] = t > T ? want[t - 1]! : want[t - 1]! * (1.0 + (e - s) / (T * s + (t - 1) * (e - s)));
    return want;
  }

  test("0.01 -> 1 over 5000, 0.7 -> 0.2 over 4097, 1/3 -> 1 over 3; across Wasm chunks of 37 (odd: the pairs shift), on every backend", () => {
    for (const [lr, s, e, T] of [[0.1, 0.01, 1, 5000], [2.5, 0.7, 0.2, 4097], [0.3, 1 / 3, 1, 3], [0.05, 0.5, 0.5, 100]] as const) {
      const want = linear(lr, s, e, T, 9000);
      const make = () => new torch.LinearLR(opt(lr), s, e, T);
      expectBatches(make, want, 37);
      expectBatches(make, want);
    }
  });

  test("inside SequentialLR (a child's range from its milestone) and resumed (last_epoch 10)", () => {
    const want = linear(0.1, 0.25, 1, 3000, 4000);
    for (const backend of BACKENDS) {
      const o = opt(0.1);
      const seq = new torch.SequentialLR(o, [new torch.ExponentialLR(o, 0.5), new torch.LinearLR(o, 0.25, 1, 3000)], [5]);
      const got = seq.range(0, 4005, { backend });
      // From the milestone at 5, the LinearLR runs from its closed form at 0 (base_lr * 0.25).
      const s = new torch.LinearLR(opt(0.1), 0.25, 1, 3000);
      const stepped = [s.getLastLr()[0]!];
      for (let k = 1; k < 4000; k++) {
        s.step();
        stepped.push(s.getLastLr()[0]!);
      }
      expect(stepped).toEqual([...want]);
      expect(wrong(want, got.subarray(5))).toEqual([]);
    }
    expectRangeIsStepping(() => new torch.LinearLR({ param_groups: [{ lr: 0.07, initial_lr: 0.1 }] }, { startFactor: 0.25, totalIters: 3000, lastEpoch: 10 }), 3100);
  });
});

describe("PolynomialLR, powers 1, 2 and 0.5: ratio, power and product in one pass (two steps at a time on the SIMD kernel)", () => {
  /**
   * PyTorch's recursion, each power from the decimal.js oracle: lr kept at 0, then each factor up
   * to total_iters, then kept.
   */
  function polynomial(lr: number, T: number, p: number, n: number): Float64Array {
    const want = new Float64Array(n);
    want[0] = lr;
    for (let t = 1; t < n; t++) want[t] = t > T ? want[t - 1]! : want[t - 1]! * oraclePowIEEE((1.0 - t / T) / (1.0 - (t - 1) / T), p, "float64");
    return want;
  }

  // T 10^6 (ratios within 10^-6 of 1): ranges from n / 2 run more than one piece of steps before
  // the output (4096 a piece); 4097 and 4: the range crosses total_iters (odd and even); 0 and 1:
  // nothing or one step multiplies.
  test.each([1, 2, 0.5])("power %s, total_iters 0, 1, 4, 4097, 10^6 over 9,000 steps: Wasm chunks of 37 and 65,536, every backend", (p) => {
    for (const [lr, T] of [[0.1, 4097], [0.3, 4], [0.05, 1_000_000], [0.1, 1], [0.1, 0]] as const) {
      const want = polynomial(lr, T, p, 9000);
      const make = () => new torch.PolynomialLR(opt(lr), T, p);
      expectBatches(make, want, 37);
      expectBatches(make, want);
    }
  });

  test("inside SequentialLR (a child's range from its milestone) and resumed (last_epoch 10), powers 2 and 0.5", () => {
    for (const p of [2, 0.5]) {
      const want = polynomial(0.1, 1000, p, 1200);
      for (const backend of BACKENDS) {
        const o = opt(0.1);
        const seq = new torch.SequentialLR(o, [new torch.ExponentialLR(o, 0.5), new torch.PolynomialLR(o, 1000, p)], [5]);
        expect(wrong(want, seq.range(0, 1205, { backend }).subarray(5))).toEqual([]);
      }
      expectRangeIsStepping(() => new torch.PolynomialLR({ param_groups: [{ lr: 0.07, initial_lr: 0.1 }] }, { totalIters: 1000, power: p, lastEpoch: 10 }), 1100);
    }
  });
});

describe("OneCycleLR, cos: each phase's part of a range in one kernel pass", () => {
  /** PyTorch's get_lr (cos), phase by phase as written there, the cosine from the oracle. */
  function oneCycle(max: number, total: number, pct: number, three: boolean): Float64Array {
    const initial = max / 25, min = initial / 1e4;
    const phases = three
      ? [[pct * total - 1, initial, max], [2 * pct * total - 2, max, initial], [total - 1, initial, min]]
      : [[pct * total - 1, initial, max], [total - 1, max, min]];
    return Float64Array.from({ length: total + 1 }, (_, t) => {
      let start = 0;
      for (let i = 0; ; i++) {
        const [end, from, to] = phases[i]!;
        if (t <= end! || i === phases.length - 1) return to! + ((from! - to!) / 2.0) * (oracleCos(Math.PI * ((t - start) / (end! - start)), "float64") + 1);
        start = end!;
      }
    });
  }

  test("two phases (end_step 249.25: a fractional boundary) and three, across Wasm chunks of 37, on every backend", () => {
    for (const [total, pct, three] of [[1001, 0.25, false], [1200, 0.3, true]] as const) {
      const want = oneCycle(0.1, total, pct, three);
      const make = () => new torch.OneCycleLR(opt(0.1), { maxLr: 0.1, totalSteps: total, pctStart: pct, threePhase: three });
      expectBatches(make, want, 37);
      expectBatches(make, want);
    }
  });

  test("an undecided cosine (total_steps 500: step 267's; the window widened) takes the exact value, on every backend", () => withWideWindow(() => {
    // The cosine kernel leaves it undecided (found by a search over total_steps): the hard list is used.
    const e1 = 0.3 * 500 - 1, e2 = 499;
    const x = Float64Array.from({ length: 7 }, (_, i) => Math.PI * ((264 + i - e1) / (e2 - e1)));
    const hard = new Int32Array(7);
    expect(cosinesAt(x, new Float64Array(7), hard, 7)).toBe(1);
    expect(hard[0]).toBe(3);
    expectBatches(() => new torch.OneCycleLR(opt(0.1), { maxLr: 0.1, totalSteps: 500 }), oneCycle(0.1, 500, 0.3, false));
  }));

  test("a range past total_steps raises PyTorch's error before writing anything", () => {
    for (const backend of BACKENDS) {
      const s = new torch.OneCycleLR(opt(0.1), { maxLr: 0.1, totalSteps: 100 });
      const out = new Float64Array(20).fill(7);
      expect(() => s.range(90, 110, { backend, out })).toThrow("Tried to step 109 times. The specified number of total steps is 100");
      expect([...out]).toEqual(Array(20).fill(7));
    }
  });
});

describe("CosineAnnealingLR: the cosine ratios' scan", () => {
  /** PyTorch's recursion (its get_lr), cos from the oracle. */
  function recursion(base: number, T: number, eta: number, n: number): Float64Array {
    const cos = (t: number) => oracleCos((Math.PI * t) / T, "float64");
    const out = new Float64Array(n);
    let lr = (out[0] = base);
    for (let t = 1; t < n; t++) {
      const k = (t - 1 - T) % (2 * T);
      if (k === 0) lr = lr + ((base - eta) * (1 - oracleCos(Math.PI / T, "float64"))) / 2;
      else lr = ((1 + cos(t)) / (1 + cos(t - 1))) * (lr - eta) + eta;
      out[t] = lr;
    }
    return out;
  }

  // eta_min = +0 (PyTorch's default) takes the one-product chain: the lr reaches exactly 0 at T_max
  // and 3 T_max (1 + cos(pi) = 0), +0 for a positive and for a negative lr (0 * -x + 0 is +0), and
  // stays 0 until the restart adds to it; eta_min = -0 and 1e-4 take the three-operation chain.
  test.each([
    { base: 0.1, eta: 0 },
    { base: -0.1, eta: 0 },
    { base: 0.1, eta: -0 },
    { base: -0.1, eta: -0 },
    { base: 0.1, eta: 1e-4 },
  ].flatMap((c) => [48, 50].map((T) => ({ ...c, T }))))("lr $base, eta_min $eta, T_max $T over four periods, across Wasm chunks of 37, on every backend", ({ base, eta, T }) => {
    const want = recursion(base, T, eta, 4 * T + 7);
    if (Object.is(eta, 0)) expect(Object.is(want[T], 0) && Object.is(want[3 * T], 0)).toBe(true);
    // Chunks of 16 steps (from step 1): most hold no restart, and take the cosine ratios' scan; for
    // T_max 48 so do T_max's and 3 T_max's, which end a chunk (the restart after them begins the
    // next); for T_max 50 the restarts fall inside chunks (the ratios' scan with restarts).
    setTorchChunkForTesting(16);
    try {
      expectBatches(() => new torch.CosineAnnealingLR(opt(base), T, eta), want, 37);
    } finally {
      setTorchChunkForTesting(4096);
    }
  });

  // A range of CosineAnnealingLR alone runs on the run kernel (cosineAnnealingRun64): each call
  // scans one chunk while it computes the next chunk's cosines, and the undecided ones among those
  // are decided between the calls, before the scan reads them.
  test.each([
    { T: 75, eta: 1e-4, chunk: 37, torchChunk: 16 },
    { T: 75, eta: 0, chunk: 1 << 16, torchChunk: 4096 },
    { T: 91, eta: 1e-4, chunk: 1 << 16, torchChunk: 256 },
    { T: 91, eta: 0, chunk: 37, torchChunk: 4096 },
  ])("T_max $T: its undecided cosines (75: step 707's; 91: 1273's and 1314's; the window widened) decided between the run kernel's calls, eta_min $eta, chunks of $torchChunk and Wasm chunks of $chunk, on every backend", ({ T, eta, chunk, torchChunk }) => withWideWindow(() => {
    const n = 1500;
    const x = Float64Array.from({ length: n }, (_, t) => (Math.PI * t) / T);
    const hard = new Int32Array(n);
    const count = cosinesAt(x, new Float64Array(n), hard, n);
    expect([...hard.subarray(0, count)]).toEqual(T === 75 ? [707] : [1273, 1314]);
    setTorchChunkForTesting(torchChunk);
    try {
      expectBatches(() => new torch.CosineAnnealingLR(opt(0.1), T, eta), recursion(0.1, T, eta, n), chunk);
    } finally {
      setTorchChunkForTesting(4096);
    }
  }));

  test("a range from a resumed scheduler (last_epoch 700) and through SequentialLR: the stepped values, on every backend", () => {
    expectRangeIsStepping(() => new torch.CosineAnnealingLR(opt(0.1), { tMax: 75, etaMin: 1e-3, lastEpoch: -1 }), 900);
    const resumed = () => {
      const o = { param_groups: [{ lr: 0.05, initial_lr: 0.1, momentum: 0.9 }], defaults: { lr: 0.1, momentum: 0.9 } };
      return new torch.CosineAnnealingLR(o, 75, 1e-3, 700);
    };
    expectRangeIsStepping(resumed, 300);
    expectRangeIsStepping(() => {
      const o = opt(0.1);
      return new torch.SequentialLR(o, [new torch.ConstantLR(o, 0.5, 3), new torch.CosineAnnealingLR(o, 91)], [5]);
    }, 1500);
  });
});

describe("StepLR: one pass (the lr times gamma at each multiple of step_size, filled between)", () => {
  /** PyTorch's recursion: lr * gamma where t > 0 and t % step_size == 0. */
  function recursion(base: number, size: number, gamma: number, n: number): Float64Array {
    const out = new Float64Array(n);
    let lr = (out[0] = base);
    for (let t = 1; t < n; t++) out[t] = lr = t % size === 0 ? lr * gamma : lr;
    return out;
  }

  test.each([1, 2, 3, 4, 5, 6, 7, 16, 17, 31, 32, 100])("step_size %i, gamma 0.9 over 1,000 steps: ranges from every start, evaluate, on every backend", (size) => {
    expectBatches(() => new torch.StepLR(opt(0.1), size, 0.9), recursion(0.1, size, 0.9, 1000));
  });

  test("resumed (last_epoch 13, step_size 5): the first multiplication at 15, as stepping does", () => {
    const o = { param_groups: [{ lr: 0.1, initial_lr: 0.1 }] };
    const s = new torch.StepLR(o, 5, 0.5, 13);
    const stepped = [s.getLastLr()[0]!];
    const fresh = new torch.StepLR({ param_groups: [{ lr: 0.1, initial_lr: 0.1 }] }, 5, 0.5, 13);
    for (let k = 0; k < 30; k++) {
      s.step();
      stepped.push(s.getLastLr()[0]!);
    }
    for (const backend of BACKENDS) expect([...fresh.range(0, 31, { backend })]).toEqual(stepped);
  });
});

describe("StepLR, small step_size: constant strides (2, 3, 4) and blocks of four stores (5 to 31)", () => {
  test("resumed at every phase of the period (the first step of a range multiplies or keeps), every short range, every backend", () => {
    for (const size of [2, 3, 4, 5, 6, 9, 31]) {
      for (let last = 13; last < 13 + size; last++) {
        const make = () => new torch.StepLR({ param_groups: [{ lr: 0.1, initial_lr: 0.1 }] }, size, 0.5, last);
        const s = make();
        const stepped = [s.getLastLr()[0]!];
        for (let k = 0; k < 4 * size + 12; k++) {
          s.step();
          stepped.push(s.getLastLr()[0]!);
        }
        const n = stepped.length;
        // Ranges of every length up to 12 from every start in the first period and a half, and the whole.
        const windows: [number, number][] = [[0, n], [1, n], [0, n - 1]];
        for (let a = 0; a < size + size / 2 + 2; a++) for (let len = 1; len <= 12 && a + len <= n; len++) windows.push([a, a + len]);
        for (const backend of BACKENDS)
          for (const [a, b] of windows) expect([...make().range(a, b, { backend })], `step_size ${size}, last_epoch ${last}, range(${a}, ${b}), ${backend}`).toEqual(stepped.slice(a, b));
      }
    }
  });
});

describe("MultiStepLR's milestones, LambdaLR's and MultiplicativeLR's lambdas in a batch", () => {
  test("1,000 milestones (some twice), after loadStateDict changes them and gamma: each range the stepped values", () => {
    const ms = Array.from({ length: 1000 }, (_, i) => 3 + i * 7 + (i % 3));
    // Some twice; and 4097, the first step of the second chunk of operations (chunks of 4096 from step 1).
    ms.push(10, 10, 500, 4097);
    const stepped = (s: torch.LRScheduler, n: number) => {
      const v = [s.getLastLr()[0]!];
      for (let k = 1; k < n; k++) {
        s.step();
        v.push(s.getLastLr()[0]!);
      }
      return v;
    };
    const s = new torch.MultiStepLR(opt(0.1), ms, 0.99);
    expect([...s.range(0, 8000)]).toEqual(stepped(new torch.MultiStepLR(opt(0.1), ms, 0.99), 8000));
    // New milestones and gamma: the batch must not keep the old ones.
    s.loadStateDict({ milestones: { "4": 1, "9": 2 }, gamma: 0.5 });
    expect([...s.range(0, 12)]).toEqual(stepped(new torch.MultiStepLR(opt(0.1), [4, 9, 9], 0.5), 12));
    s.loadStateDict({ gamma: 0.25 });
    expect([...s.range(0, 12)]).toEqual(stepped(new torch.MultiStepLR(opt(0.1), [4, 9, 9], 0.25), 12));
  });

  test("LambdaLR and MultiplicativeLR: the lambda's values in a batch, and its error at the step that raises", () => {
    for (const backend of BACKENDS) {
      expect([...new torch.LambdaLR(opt(0.1), (t) => 1 / (1 + t / 3)).range(0, 6, { backend })]).toEqual([0, 1, 2, 3, 4, 5].map((t) => 0.1 * (1 / (1 + t / 3))));
      const m = [0.1];
      for (let t = 1; t < 6; t++) m.push(m[t - 1]! * (1 - t / 10));
      expect([...new torch.MultiplicativeLR(opt(0.1), (t) => 1 - t / 10).range(0, 6, { backend })]).toEqual(m);
      const bad = (t: number) => (t === 4 ? ("x" as unknown as number) : 1);
      expect(() => new torch.LambdaLR(opt(0.1), bad).range(0, 6, { backend })).toThrow("lr_lambda(4) must return a number");
      expect(() => new torch.MultiplicativeLR(opt(0.1), bad).range(0, 6, { backend })).toThrow("lr_lambda(4) must return a number");
    }
  });
});
