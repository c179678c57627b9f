import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { CosineDecay, type Backend, type DType } from "../../src/index.js";
import { setChunkLengthForTesting } from "../../src/core/wasm.js";
import { oracleCosineDecay } from "./cosine.oracle.js";
import { anchor64Of, ANCHOR_HALF_PI, cosRun64, runAnchor64 } from "../../assembly/numerics/cos.twin.js";

const BACKENDS: Backend[] = ["auto", "js", "wasm-scalar", "wasm-simd"];
const DTYPES: DType[] = ["float32", "float64"];

function expectSameBits(a: ArrayLike<number>, b: ArrayLike<number>, what = ""): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) expect([what, i, b[i]]).toEqual([what, i, a[i]]);
}

/** Keras' test helper np_cosine_decay, in float64 (its tolerance absorbs the float32 rounding). */
function npCosineDecay(step: number, decaySteps: number, alpha = 0): number {
  const fraction = Math.min(step, decaySteps) / decaySteps;
  return (1 - alpha) * (0.5 * (1 + Math.cos(Math.PI * fraction))) + alpha;
}
const close = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-6 + 1e-6 * Math.abs(expected));

describe("Keras' published test values (learning_rate_schedule_test.py, CosineDecayTest)", () => {
  const steps = [0, 250, 500, 750, 1000, 1250];
  test.each(DTYPES)("test_decay and test_float64: (1.0, 1000) at steps 0 .. 1250 (%s)", (dtype) => {
    const s = new CosineDecay({ initialLearningRate: 1, decaySteps: 1000, dtype });
    for (const step of steps) {
      close(s(step), npCosineDecay(step, 1000));
      expect(s(step)).toBe(oracleCosineDecay(1, 1000, 0, null, 0, step, dtype));
    }
  });

  test("test_alpha: (1.0, 1000, 0.1)", () => {
    const s = new CosineDecay(1, 1000, 0.1);
    for (const step of steps) {
      close(s(step), npCosineDecay(step, 1000, 0.1));
      expect(s(step)).toBe(oracleCosineDecay(1, 1000, 0.1, null, 0, step, "float32"));
    }
  });

  test("test_warmup: from 0 to 10 over 1500 steps", () => {
    for (let step = 0; step < 1500; step += 250) {
      const s = new CosineDecay(0, 10, 0, "CosineDecay", 10, 1500);
      close(s(step), (step / 1500) * 10);
      expect(s(step)).toBe(oracleCosineDecay(0, 10, 0, 10, 1500, step, "float32"));
    }
  });

  test("test_warmup_decay: 2000 steps up to 10, then 1000 steps of decay", () => {
    const s = new CosineDecay({ initialLearningRate: 0, decaySteps: 1000, warmupTarget: 10, warmupSteps: 2000 });
    for (let step = 0; step < 3000; step += 250) {
      const expected = step < 2001 ? (step / 2000) * 10 : 10 * npCosineDecay(step - 2000, 1000);
      expect(Math.abs(s(step) - expected)).toBeLessThanOrEqual(1e-6 + 1e-6 * Math.abs(expected));
      expect(s(step)).toBe(oracleCosineDecay(0, 1000, 0, 10, 2000, step, "float32"));
    }
  });
});

describe("the numbers Keras' formula gives, on purpose", () => {
  test("halfway is 0.49999997 lr in float32: cos(pi_32 / 2) = -4.37e-8, not 0", () => {
    const s = new CosineDecay(1, 1000);
    expect(s(500)).toBe(Math.fround(0.49999997));
    expect(s(500)).not.toBe(0.5);
    expect(new CosineDecay(0.1, 1000)(500)).toBe(Math.fround(Math.fround(0.1) * Math.fround(0.49999997)));
    // float64's pi is below pi: cos(pi_64 / 2) = 6.1e-17 > 0, lost in 1 + c.
    expect(new CosineDecay({ initialLearningRate: 1, decaySteps: 1000, dtype: "float64" })(500)).toBe(0.5);
  });

  test("A = R(1 - alpha) is taken in float64 first: alpha 0.6 gives f32(0.4), not 1 - f32(0.6)", () => {
    // R(1 - 0.6) = f32(0.4) = 0.4000000059604645; 1 - f32(0.6) = 0.39999997615814209, another float32.
    // At step 1 the two give neighbouring float32s; Keras' is the first.
    const s = new CosineDecay(1, 1000, 0.6);
    expect(s(1)).toBe(0.9999990463256836);
    expect(s(1)).toBe(oracleCosineDecay(1, 1000, 0.6, null, 0, 1, "float32"));
    const fr = Math.fround;
    const c = fr(Math.cos(fr(Math.PI) * fr(1 / 1000))); // the float32 cosine here is Math.cos's, rounded
    expect(fr(fr(fr(1 - fr(0.6)) * fr(0.5 * fr(1 + c))) + fr(0.6))).toBe(0.9999989867210388);
  });

  test("steps past the end hold the final value; without warm-up it is alpha * lr", () => {
    const s = new CosineDecay(0.1, 1000, 0.2);
    const end = s(1000);
    expect(end).toBe(oracleCosineDecay(0.1, 1000, 0.2, null, 0, 1000, "float32"));
    for (const step of [1001, 5000, 2 ** 24, 2 ** 24 + 1, 1e30, 1e300]) expect(s(step)).toBe(end);
    expect(s.range(990, 1010).slice(10)).toEqual(new Float32Array(10).fill(end));
  });

  test("negative steps run the cosine backwards: cos is even, so step -k equals step k", () => {
    const s = new CosineDecay(0.1, 1000);
    for (const k of [1, 250, 500, 999, 1000]) expect(s(-k)).toBe(s(k));
    // Far before 0 the argument leaves the fast path's domain (|x| >= 2^20): the exact path decides.
    for (const step of [-1e9, -123456789.5, -1e30]) expect(s(step)).toBe(oracleCosineDecay(0.1, 1000, 0, null, 0, step, "float32"));
  });

  test("a float32 step beyond 3.4e38 rounds to Infinity, as Keras' cast: -1e300 gives NaN", () => {
    const s = new CosineDecay(0.1, 1000);
    expect(s(-1e300)).toBeNaN();
    expect(new CosineDecay({ initialLearningRate: 0.1, decaySteps: 1000, dtype: "float64" })(-1e300)).toBe(
      oracleCosineDecay(0.1, 1000, 0, null, 0, -1e300, "float64"),
    );
  });

  test("warm-up: linear from initial_learning_rate, the decay from warmup_target after warmup_steps", () => {
    const s = new CosineDecay({ initialLearningRate: 0.01, decaySteps: 900, warmupTarget: 0.1, warmupSteps: 100 });
    for (const step of [-50, 0, 1, 50, 99, 100, 101, 550, 999, 1000, 1001, 1e6])
      expect([step, s(step)]).toEqual([step, oracleCosineDecay(0.01, 900, 0, 0.1, 100, step, "float32")]);
    expect(s(0)).toBe(Math.fround(0.01));
    expect(s(100)).toBe(Math.fround(0.1));
  });

  test("warm-up of 0 steps: the decay from warmup_target from step 0; before it, (W - a) * (s / 0) + a", () => {
    const s = new CosineDecay({ initialLearningRate: 0.01, decaySteps: 1000, warmupTarget: 0.1, warmupSteps: 0 });
    expect(s(0)).toBe(Math.fround(0.1));
    expect(s(500)).toBe(oracleCosineDecay(0.01, 1000, 0, 0.1, 0, 500, "float32"));
    expect(s(-1)).toBe(-Infinity); // 0.09 * -Infinity + 0.01
    const same = new CosineDecay({ initialLearningRate: 0.1, decaySteps: 1000, warmupTarget: 0.1, warmupSteps: 0 });
    expect(same(-1)).toBeNaN(); // 0 * -Infinity
    for (const backend of BACKENDS) {
      expectSameBits(s.range(-3, 9, { backend }), s.evaluate(Array.from({ length: 12 }, (_, i) => i - 3), { backend: "js" }), backend);
      expectSameBits(same.range(-3, 9, { backend }), same.evaluate(Array.from({ length: 12 }, (_, i) => i - 3), { backend: "js" }), backend);
    }
  });
});

const scheduleArb = fc.record({
  initialLearningRate: fc.oneof(fc.double({ min: -2, max: 2, noNaN: true }), fc.constantFrom(0.1, 1, 1e-3, 0)),
  decaySteps: fc.oneof(fc.integer({ min: 1, max: 100_000 }), fc.double({ min: 0.01, max: 1e6, noNaN: true })),
  alpha: fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 0.1, 0.6)),
  warmupTarget: fc.oneof(fc.constant(null), fc.double({ min: 0, max: 2, noNaN: true })),
  warmupSteps: fc.oneof(fc.integer({ min: 0, max: 10_000 }), fc.constant(0)),
});
const stepArb = fc.oneof(
  fc.integer({ min: 0, max: 200_000 }),
  fc.integer({ min: -20_000, max: 0 }),
  fc.double({ min: -1e4, max: 1e6, noNaN: true }),
  fc.integer({ min: 2 ** 24, max: 2 ** 53 }),
);

describe("the numerics contract", () => {
  test.each(DTYPES)("every step equals the decimal.js oracle (%s)", (dtype) => {
    fc.assert(
      fc.property(scheduleArb, fc.array(stepArb, { minLength: 1, maxLength: 6 }), (o, steps) => {
        if (dtype === "float32" && Math.fround(o.decaySteps) === 0) return;
        const s = new CosineDecay({ ...o, dtype });
        const batch = s.evaluate(steps, { backend: "wasm-simd" });
        steps.forEach((step, i) => {
          const expected = oracleCosineDecay(o.initialLearningRate, o.decaySteps, o.alpha, o.warmupTarget, o.warmupSteps, step, dtype);
          expect([step, s(step)]).toEqual([step, expected]);
          expect(Object.is(batch[i], expected)).toBe(true);
        });
      }),
      { numRuns: 150 },
    );
  });

  test.each(DTYPES)("every step of a whole schedule, with warm-up, equals the oracle (%s)", (dtype) => {
    const s = new CosineDecay({ initialLearningRate: 0.001, decaySteps: 180, alpha: 0.05, warmupTarget: 0.01, warmupSteps: 20, dtype });
    const r = s.range(-5, 210);
    r.forEach((v, i) => expect([i - 5, v]).toEqual([i - 5, oracleCosineDecay(0.001, 180, 0.05, 0.01, 20, i - 5, dtype)]));
  });

  test.each(DTYPES)("A * (0.5 * u) taken as (A / 2) * u: the same bits where A or u is smallest, and for huge and negative A (%s)", (dtype) => {
    // The kernels halve A = R(1 - alpha) instead of u = R(1 + cos): exact, since |A| and u are 0
    // or at least 2^-53. At the decay's last steps u is smallest: at step d - 1 it is the least
    // above 0 (2^-24 in float32 for d = 10^4, 2^-53 in float64 for d = 2^28). Alpha just below 1
    // gives the smallest A, above 1 a negative one, -3e38 one near float32's largest.
    const d = dtype === "float32" ? 10_000 : 2 ** 28;
    for (const alpha of [1 - 2 ** -53, 1 - 2 ** -24, 1, 1 + 2 ** -23, 1.5, 0.6, -3e38]) {
      const s = new CosineDecay({ initialLearningRate: 0.75, decaySteps: d, alpha, dtype });
      const start = d - 40;
      const ranges = BACKENDS.map((backend) => s.range(start, start + 48, { backend }));
      for (let i = 0; i < 48; i++) expect([alpha, i, ranges[0]![i]]).toEqual([alpha, i, oracleCosineDecay(0.75, d, alpha, null, 0, start + i, dtype)]);
      for (let b = 1; b < BACKENDS.length; b++) expectSameBits(ranges[0]!, ranges[b]!, `alpha ${alpha} ${BACKENDS[b]}`);
    }
  });

  test("elements the fast cosine leaves undecided are decided exactly on every backend", () => {
    // p = f32(k / 2^24) for large k: arguments spread over [0, pi] densely enough to meet the
    // rare float32 cosines within 2^-48 of a midpoint. The schedule's own value is the oracle's.
    const d = 2 ** 24;
    const s = new CosineDecay(1, d);
    const start = 7_000_000;
    const n = 1 << 18;
    const [first, ...rest] = (["js", "wasm-scalar", "wasm-simd"] as const).map((backend) => s.range(start, start + n, { backend }));
    for (const other of rest) expectSameBits(first!, other);
    for (let i = 0; i < n; i += 4099) expect(first![i]).toBe(oracleCosineDecay(1, d, 0, null, 0, start + i, "float32"));
  });
});

describe("long ranges: the SIMD kernel's runs of one anchor", () => {
  // A range's SIMD loop finds, for each anchor of the near cosine (512 over [0, pi]), the run of
  // steps that share it, and takes those steps eight at a time with the quick step alone; a group
  // the quick step leaves, a group straddling two runs and negative steps go through the general
  // loop. These ranges cross hundreds of runs (and, in the last, steps beyond 2^31, which take the
  // float64 step path), on the default chunk length.
  test.each([
    [{ initialLearningRate: 0.1, decaySteps: 1_000_000, alpha: 0.01 }, 0, 300_000],
    [{ initialLearningRate: 0, decaySteps: 200_000, alpha: 0.01, warmupTarget: 0.1, warmupSteps: 5_000 }, -7, 250_000],
    [{ initialLearningRate: 0.1, decaySteps: 3_000 }, -1_000, 10_003],
    [{ initialLearningRate: 1, decaySteps: 2 ** 31, alpha: 0.5, warmupTarget: 2, warmupSteps: 0 }, 2 ** 31 - 100_001, 200_000],
  ])("%j from step %i, %i steps: the same bits on every backend, the oracle's where sampled", (o, start, n) => {
    const s = new CosineDecay(o);
    const [first, ...rest] = (["js", "wasm-scalar", "wasm-simd"] as const).map((backend) => s.range(start, start + n, { backend }));
    for (const other of rest) expectSameBits(first!, other);
    const w = "warmupTarget" in o ? o.warmupTarget : null;
    const ws = "warmupSteps" in o ? o.warmupSteps : 0;
    for (let i = 0; i < n; i += 997) {
      expect([i, first![i]]).toEqual([i, oracleCosineDecay(o.initialLearningRate, o.decaySteps, "alpha" in o ? o.alpha : 0, w, ws, start + i, "float32")]);
    }
  });
});

describe("float64 ranges: the runs of one cosine anchor (cos64's run step), on every backend", () => {
  // A float64 range takes, for each anchor of cos64's near path (512 over [0, pi]) but the one at
  // pi/2, the run of steps that share it with the run step, two steps at a time in the SIMD build
  // and one at a time in the scalar build and the twin; the steps the run step leaves (about 1 in
  // 1,300), the anchor at pi/2, negative steps and a warm-up's warming steps go through cos64. These
  // ranges cross every anchor, on a chunk of 1,001 steps (odd: pairs straddle chunk ends) and on the
  // default one; each is checked against the oracle at a step in 97 and at both sides of every
  // anchor edge.
  test.each([
    [{ initialLearningRate: 0.1, decaySteps: 40_000, alpha: 0.01 }, -5, 42_000],
    [{ initialLearningRate: 0, decaySteps: 30_000, alpha: 0.05, warmupTarget: 0.1, warmupSteps: 3_001 }, -3, 34_000],
    [{ initialLearningRate: 1, decaySteps: 30_000, alpha: 0.5, warmupTarget: 2, warmupSteps: 2 ** 32 }, 2 ** 32 - 1_001, 33_000],
  ])("%j from step %i, %i steps", (o, start, n) => {
    const s = new CosineDecay({ ...o, dtype: "float64" });
    const w = "warmupTarget" in o ? o.warmupTarget : null;
    const ws = "warmupSteps" in o ? o.warmupSteps : 0;
    const oracle = (step: number) => oracleCosineDecay(o.initialLearningRate, o.decaySteps, "alpha" in o ? o.alpha : 0, w, ws, step, "float64");
    for (const chunk of [1001, 1 << 16]) {
      setChunkLengthForTesting(chunk);
      try {
        const [first, ...rest] = (["js", "wasm-scalar", "wasm-simd"] as const).map((backend) => s.range(start, start + n, { backend }));
        for (const other of rest) expectSameBits(first!, other);
        if (chunk !== 1001) continue;
        for (let i = 0; i < n; i += 97) expect([i, first![i]]).toEqual([i, oracle(start + i)]);
        // Both sides of every anchor's edge: where the step's t changes anchor (a new run).
        let last = -1;
        let edges = 0;
        for (let i = 0; i < n; i++) {
          const step = start + i;
          const sw = w === null ? Math.min(step, o.decaySteps) : Math.min(step, o.decaySteps + ws) - ws;
          const t = Math.PI * (sw / o.decaySteps);
          const j = t >= 0 && sw >= 0 ? anchor64Of(t) : -1;
          if (j !== last && i > 0) {
            expect([i - 1, first![i - 1]]).toEqual([i - 1, oracle(step - 1)]);
            expect([i, first![i]]).toEqual([i, oracle(step)]);
            edges++;
          }
          last = j;
        }
        expect(edges).toBeGreaterThan(400);
      } finally {
        setChunkLengthForTesting(1 << 16);
      }
    }
  }, 300_000);

  test("float64 arrays of sorted steps (two in a row at one anchor take the run step): every backend, a range's values, the oracle's", () => {
    // Sorted integers (the range's own values, from the array path), then sorted fractional steps
    // with repeats and negative ones, with and without warm-up, on chunks of 1,001.
    setChunkLengthForTesting(1001);
    try {
      for (const o of [{ initialLearningRate: 0.1, decaySteps: 20_000, alpha: 0.01 }, { initialLearningRate: 0, decaySteps: 18_000, warmupTarget: 0.1, warmupSteps: 2_000 }]) {
        const s = new CosineDecay({ ...o, dtype: "float64" });
        const w = "warmupTarget" in o ? o.warmupTarget! : null;
        const ws = "warmupSteps" in o ? o.warmupSteps! : 0;
        const integers = Float64Array.from({ length: 21_000 }, (_, i) => i - 500);
        const range = s.range(-500, 20_500, { backend: "js" });
        const fractional = Float64Array.from({ length: 21_000 }, (_, i) => Math.floor(i / 3) * 2.9 - 700 + (i % 3) * 0.25);
        for (const steps of [integers, fractional]) {
          const [first, ...rest] = (["js", "wasm-scalar", "wasm-simd"] as const).map((backend) => s.evaluate(steps, { backend }));
          for (const other of rest) expectSameBits(first!, other);
          if (steps === integers) expectSameBits(range, first!);
          for (let i = 0; i < steps.length; i += 211) expect([i, first![i]]).toEqual([i, oracleCosineDecay(o.initialLearningRate, o.decaySteps, "alpha" in o ? o.alpha! : 0, w, ws, steps[i]!, "float64")]);
        }
      }
    } finally {
      setChunkLengthForTesting(1 << 16);
    }
  }, 300_000);

  test("the run step's undecided steps and the anchor at pi/2 go through cos64: every backend, the oracle's values", () => {
    // d = 2^20: the steps' t = pi k / 2^20 are dense enough for the run step to leave some (its
    // window is 2^-64 relative); the run of the anchor at pi/2 holds about 2,048 steps.
    const d = 2 ** 20;
    const s = new CosineDecay({ initialLearningRate: 1, decaySteps: d, dtype: "float64" });
    const start = d / 2 - 40_000;
    const n = 80_000;
    const [first, ...rest] = (["js", "wasm-scalar", "wasm-simd"] as const).map((backend) => s.range(start, start + n, { backend }));
    for (const other of rest) expectSameBits(first!, other);
    // The twin's run step leaves these to cos64 (NaN); each must be the oracle's.
    const anchor = new Float64Array(12);
    let left = 0;
    for (let i = 0; i < n; i++) {
      const t = Math.PI * ((start + i) / d);
      const j = anchor64Of(t);
      if (j === ANCHOR_HALF_PI) continue;
      runAnchor64(j, anchor);
      if (Number.isNaN(cosRun64(t, anchor[0]!, anchor[1]!, anchor[2]!, anchor[3]!, anchor[4]!, anchor[5]!, anchor[6]!, anchor[7]!, anchor[8]!, anchor[9]!, anchor[10]!, anchor[11]!))) {
        left++;
        expect([i, first![i]]).toEqual([i, oracleCosineDecay(1, d, 0, null, 0, start + i, "float64")]);
      }
    }
    expect(left).toBeGreaterThan(10);
    for (let i = 39_000; i < 41_000; i += 7) expect([i, first![i]]).toEqual([i, oracleCosineDecay(1, d, 0, null, 0, start + i, "float64")]);
  }, 300_000);
});

describe("ranges across the end of the decay (the clamp: d, or d + warmup_steps)", () => {
  // The float32 SIMD loop's runs take only steps at or below the clamp, without the min; the steps
  // past it all take the clamp's value and are one fill. Ranges start on both sides of it, end on
  // both sides, with clamps that are integers, halves and float32-rounded (d = 2^24 + 3 rounds to
  // 2^24 + 4). With d about 9,000 the last anchor's run is long enough for a vector group to reach
  // the clamp, and a step past it already has another float32 value (at d = 10^6 it has not: the
  // cosine is that flat at pi).
  test.each([
    [{ initialLearningRate: 0.1, decaySteps: 9_000, alpha: 0.01 }],
    [{ initialLearningRate: 0.1, decaySteps: 9_001, alpha: 0.01 }],
    [{ initialLearningRate: 0, decaySteps: 9_002, alpha: 0.01, warmupTarget: 0.1, warmupSteps: 100 }],
    [{ initialLearningRate: 0.1, decaySteps: 1_000_000, alpha: 0.01 }],
    [{ initialLearningRate: 0.1, decaySteps: 1_000_000.5 }],
    [{ initialLearningRate: 0.1, decaySteps: 2 ** 24 + 3, alpha: 0.25 }],
    [{ initialLearningRate: 0, decaySteps: 1_500_000.25, warmupTarget: 0.1, warmupSteps: 100.5 }],
  ])("%j: every backend's range equals the step-by-step values", (o) => {
    const s = new CosineDecay(o);
    const clamp = Math.fround(Math.fround(o.decaySteps) + Math.fround("warmupSteps" in o ? o.warmupSteps : 0));
    const ws = "warmupSteps" in o ? o.warmupSteps : 0;
    const w = "warmupTarget" in o ? o.warmupTarget : null;
    for (const from of [-70, -33, -8, -3, -1, 0, 1, 5]) {
      for (const length of [1, 4, 7, 8, 9, 40, 75, 200]) {
        const start = Math.floor(clamp) + from;
        const want = Array.from({ length }, (_, i) => s(start + i));
        for (const backend of BACKENDS) expectSameBits(want, s.range(start, start + length, { backend }), `${backend} ${start} ${length}`);
      }
    }
    // The values themselves, about the clamp: the oracle's.
    for (let step = Math.floor(clamp) - 3; step <= Math.floor(clamp) + 3; step++) {
      expect([step, s(step)]).toEqual([step, oracleCosineDecay(o.initialLearningRate, o.decaySteps, "alpha" in o ? o.alpha : 0, w, ws, step, "float32")]);
    }
  });
});

describe("every backend gives the same bits", () => {
  // A chunk of 13 elements: odd, so SIMD groups straddle chunk ends.
  beforeAll(() => setChunkLengthForTesting(13));
  afterAll(() => setChunkLengthForTesting(1 << 16));

  test("on ranges and arrays, with and without warm-up, both dtypes", () => {
    fc.assert(
      fc.property(
        scheduleArb,
        fc.constantFrom<DType>("float32", "float64"),
        fc.integer({ min: -30_000, max: 300_000 }),
        fc.integer({ min: 0, max: 70 }),
        fc.array(stepArb, { maxLength: 40 }),
        (o, dtype, start, length, steps) => {
          if (dtype === "float32" && Math.fround(o.decaySteps) === 0) return;
          const s = new CosineDecay({ ...o, dtype });
          const ranges = BACKENDS.map((backend) => s.range(start, start + length, { backend }));
          const arrays = BACKENDS.map((backend) => s.evaluate(steps, { backend }));
          for (let b = 1; b < BACKENDS.length; b++) {
            expectSameBits(ranges[0]!, ranges[b]!, `range ${BACKENDS[b]}`);
            expectSameBits(arrays[0]!, arrays[b]!, `array ${BACKENDS[b]}`);
          }
          steps.forEach((step, i) => expect(Object.is(s(step), arrays[0]![i])).toBe(true));
          for (let i = 0; i < length; i++) expect(Object.is(s(start + i), ranges[0]![i])).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  test("a non-finite step is refused by index on every backend", () => {
    const s = new CosineDecay(0.1, 100, 0, "c", 0.2, 10);
    for (const backend of BACKENDS)
      for (const at of [0, 5, 42]) {
        const steps = new Float64Array(50).fill(3).fill(NaN, at, at + 1);
        expect(() => s.evaluate(steps, { backend })).toThrow(`Received: steps[${at}]=NaN`);
      }
  });
});

describe("the API", () => {
  test("Keras' positional order: name comes fourth, before warmup_target and warmup_steps", () => {
    const s = new CosineDecay(0.1, 1000, 0.1, "cd", 0.5, 100);
    expect(s.getConfig()).toEqual({ initial_learning_rate: 0.1, decay_steps: 1000, alpha: 0.1, name: "cd", warmup_target: 0.5, warmup_steps: 100 });
    const t = new CosineDecay({ initialLearningRate: 0.1, decaySteps: 1000, alpha: 0.1, name: "cd", warmupTarget: 0.5, warmupSteps: 100 });
    expect(t.getConfig()).toEqual(s.getConfig());
    expect(t.range(0, 1200)).toEqual(s.range(0, 1200));
    expect(String(s)).toBe('CosineDecay(initial_learning_rate=0.1, decay_steps=1000, alpha=0.1, name="cd", warmup_target=0.5, warmup_steps=100)');
  });

  test("defaults as Keras: alpha 0, name CosineDecay, warmup_target None (null), warmup_steps 0", () => {
    const s = new CosineDecay(0.1, 1000);
    expect(s.getConfig()).toEqual({ initial_learning_rate: 0.1, decay_steps: 1000, alpha: 0, name: "CosineDecay", warmup_target: null, warmup_steps: 0 });
    expect(s.warmupTarget).toBeNull();
    expect(CosineDecay.fromConfig(s.getConfig()).getConfig()).toEqual(s.getConfig());
    expect(CosineDecay.fromConfig({ initial_learning_rate: 0.1, decay_steps: 1000 })(500)).toBe(s(500));
  });

  test("Keras' test_config schedule round-trips through fromConfig, with the dtype option", () => {
    const s = new CosineDecay({ initialLearningRate: 0.05, decaySteps: 10, alpha: 0.1, warmupTarget: 0.2, warmupSteps: 2, name: "my_cd" });
    const t = CosineDecay.fromConfig(s.getConfig(), { dtype: "float64" });
    expect(t.dtype).toBe("float64");
    expect(t.getConfig()).toEqual(s.getConfig());
    expect(t(5)).toBe(oracleCosineDecay(0.05, 10, 0.1, 0.2, 2, 5, "float64"));
  });
});

describe("refused input, in Keras' words where Keras has them", () => {
  const make = (...args: unknown[]) => () => new (CosineDecay as unknown as new (...a: unknown[]) => unknown)(...args);
  test.each<[string, () => unknown, ErrorConstructor, string]>([
    ["decay_steps = 0", make(0.1, 0), RangeError, "Argument `decay_steps` must be > 0. Received: decay_steps=0"],
    ["negative decay_steps", make(0.1, -10), RangeError, "Argument `decay_steps` must be > 0. Received: decay_steps=-10"],
    ["infinite decay_steps", make(0.1, Infinity), RangeError, "Argument `decay_steps` must be finite. Received: decay_steps=Infinity"],
    ["NaN alpha", make(0.1, 10, NaN), RangeError, "Argument `alpha` must be finite. Received: alpha=NaN"],
    ["string alpha", make(0.1, 10, "0.1"), TypeError, 'Argument `alpha` must be a number. Received: alpha="0.1" (string)'],
    ["numeric name", make(0.1, 10, 0, 5), TypeError, "Argument `name` must be a string or null. Received: name=5"],
    ["infinite warmup_target", make(0.1, 10, 0, "c", Infinity), RangeError, "Argument `warmup_target` must be finite. Received: warmup_target=Infinity"],
    ["string warmup_target", make(0.1, 10, 0, "c", "1"), TypeError, 'Argument `warmup_target` must be a number. Received: warmup_target="1" (string)'],
    ["negative warmup_steps", make(0.1, 10, 0, "c", 1, -1), RangeError, "Argument `warmup_steps` must be >= 0. Received: warmup_steps=-1"],
    ["NaN warmup_steps", make(0.1, 10, 0, "c", 1, NaN), RangeError, "Argument `warmup_steps` must be finite. Received: warmup_steps=NaN"],
    ["too many arguments", make(0.1, 10, 0, "c", 1, 5, "x"), TypeError, "CosineDecay takes at most 6 arguments. Received: 7"],
    ["unknown option", make({ initialLearningRate: 0.1, decaySteps: 10, warmup_steps: 5 }), TypeError, "CosineDecay got an unexpected option `warmup_steps`"],
    ["decay_steps that float32 rounds to 0", () => new CosineDecay(0.1, 1e-50)(1), RangeError, "Argument `decay_steps` must be > 0 in float32, where it rounds to 0. Received: decay_steps=1e-50"],
  ])("%s", (_, run, type, message) => {
    expect(run).toThrow(type);
    expect(run).toThrow(message);
  });
});
