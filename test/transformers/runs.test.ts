/**
 * The cosine kernels' runs (assembly/transformers/cosine.ts: the run step over a range's steps that
 * share one of cos64's anchors, cos64x2 on pairs elsewhere, cosRun64 in the scalar build and the
 * twin): ranges whose arguments cross many anchors (short schedules, about 7 steps an anchor, and
 * shorter ones, where the kernels do not look for runs: longRuns), that
 * start at odd and even steps, cut into kernel chunks that end inside runs, past the end of the
 * decay and with num_cycles above 0.5 (arguments beyond pi: runs in later periods) and across restarts (a restarts run is one anchor within one
 * cycle: long cycles, whole and cut short by the end of training). Every value of every backend must be
 * the stepped scheduler's (HF's lambda at each step, which takes cos64 and the exact path, never a
 * run), bit for bit, and a sample the decimal.js oracle's.
 */
import { afterAll, describe, expect, test } from "vitest";
import { setChunkLengthForTesting } from "../../src/core/wasm.js";
import { runPlan } from "../../src/torch/kernels.js";
import { anchor64Of, ANCHOR_HALF_PI, cosRun64, NEAR64, runAnchor64, runHolds64 } from "../../assembly/numerics/cos.twin.js";
import { cos, PI } from "../../src/torch/python.js";
import * as hf from "../../src/transformers/index.js";
import { cosinePiece } from "../../src/transformers/kernels.js";
import { hardRestarts } from "../../src/transformers/lambdas.js";
import { type Cosine, oracleCosine, oracleCosineLrRate, oracleRestarts, oracleWsd, type Wsd } from "./oracle.js";

const BACKENDS = ["js", "wasm-scalar", "wasm-simd", "auto"] as const;
const optimizer = (base: number) => ({ param_groups: [{ lr: base, initial_lr: base }], defaults: { lr: base } });

/** The stepped scheduler's lrs at steps 0 .. count - 1. */
function stepped(s: hf.LRScheduler, count: number): number[] {
  const got = [s.getLastLr()[0]!];
  for (let k = 1; k < count; k++) {
    s.step();
    got.push(s.getLastLr()[0]!);
  }
  return got;
}

/** The indices where a differs from b (Object.is), the first five. */
const differ = (a: ArrayLike<number>, b: ArrayLike<number>, offset = 0) => {
  const bad: number[] = [];
  for (let i = 0; i < a.length && bad.length < 5; i++) if (!Object.is(a[i], b[i + offset])) bad.push(i + offset);
  return bad;
};

interface Case {
  name: string;
  make: () => hf.LRScheduler;
  oracle: (t: number) => number;
  count: number;
}

const B = 3e-4;
const cosine = (c: Cosine): Case => ({
  name: `cosine W ${c.w} N ${c.n} cycles ${c.cycles} m ${c.m}`,
  make: () => hf.getCosineWithMinLrScheduleWithWarmup(optimizer(B), { numWarmupSteps: c.w, numTrainingSteps: c.n, numCycles: c.cycles, minLrRate: c.m }),
  oracle: (t) => oracleCosine(B, c, t),
  count: c.n + 600,
});
const CASES: Case[] = [
  // 3,497 steps over pi: about 7 steps an anchor, just above the kernel's MIN_RUN_STEPS (6) so
  // that its runs are taken, and chunks of 37 and 61 end inside them; then 600 steps past N
  // (arguments beyond NEAR64).
  cosine({ w: 3, n: 3500, cycles: 0.5, m: 0 }),
  cosine({ w: 0, n: 3600, cycles: 0.5, m: 0.1 }),
  // 2.5 cycles: past pi the runs go on in later periods (runHolds64), 6.25 steps an anchor.
  cosine({ w: 7, n: 16_000, cycles: 2.5, m: 0.05 }),
  // A negative min_lr_rate: max(0.0, factor) clamps the last third of the decay to 0.
  cosine({ w: 2, n: 3500, cycles: 0.5, m: -0.5 }),
  // Runs too short to look for (cosine.ts' longRuns): about 4 steps an anchor, so the kernels take
  // cos64x2 and cos64 (MIN_RUN_STEPS 6) and the twin its runs (1.5); then 0.5 steps an anchor,
  // where neither looks for runs.
  cosine({ w: 3, n: 2000, cycles: 0.5, m: 0 }),
  cosine({ w: 10, n: 20_000, cycles: 40, m: 0.05 }),
  // Negative cycles: the arguments fall, no runs.
  cosine({ w: 5, n: 800, cycles: -0.75, m: 0 }),
  {
    name: "cosine_warmup_with_min_lr W 11 N 3600",
    make: () => hf.getCosineWithMinLrScheduleWithWarmupLrRate(optimizer(B), { numWarmupSteps: 11, numTrainingSteps: 3600, minLrRate: 0.02 }),
    oracle: (t) => oracleCosineLrRate(B, { w: 11, n: 3600, cycles: 0.5, m: 0.02 }, null, t),
    count: 4100,
  },
  {
    name: "hard restarts W 9 N 13,009, 4 cycles (6.35 steps an anchor)",
    make: () => hf.getCosineWithHardRestartsScheduleWithWarmup(optimizer(B), 9, 13_009, 4),
    oracle: (t) => oracleRestarts(B, { w: 9, n: 13_009, cycles: 4 }, t),
    count: 13_100,
  },
  {
    name: "hard restarts W 9 N 2500, 4 cycles (1.2 steps an anchor: no runs in the kernels)",
    make: () => hf.getCosineWithHardRestartsScheduleWithWarmup(optimizer(B), 9, 2500, 4),
    oracle: (t) => oracleRestarts(B, { w: 9, n: 2500, cycles: 4 }, t),
    count: 2600,
  },
  ...[0.1, 0].map((m) => {
    const s: Wsd = { w: 3500, stable: 100, d: 3300, warmupType: "cosine", decayType: "cosine", m, cycles: 0.5 };
    return {
      name: `wsd cosine rise 3500, cosine decay 3300, min_lr_ratio ${m}`,
      make: () =>
        hf.getWsdSchedule(optimizer(B), { numWarmupSteps: s.w, numDecaySteps: s.d, numTrainingSteps: s.w + s.stable + s.d, warmupType: "cosine", decayType: "cosine", minLrRatio: s.m }),
      oracle: (t: number) => oracleWsd(B, s, t),
      count: s.w + s.stable + s.d + 50,
    };
  }),
];

describe("the cosine kernels' runs, pairs and restarts", () => {
  afterAll(() => setChunkLengthForTesting(1 << 16));

  test.each(CASES)("$name: every backend's ranges, in chunks of 37, 61 and 4,099, are the stepped values and the oracle's", ({ make, oracle, count }) => {
    const want = stepped(make(), count);
    // The oracle at every 23rd step and the last: the stepped values are HF's operations.
    for (let t = 0; t < count; t += 23) expect([t, want[t]]).toEqual([t, oracle(t)]);
    expect(want[count - 1]).toBe(oracle(count - 1));
    for (const chunk of [37, 61, 4099]) {
      setChunkLengthForTesting(chunk);
      const s = make();
      for (const backend of BACKENDS) {
        expect([chunk, backend, differ(s.range(0, count, { backend }), want)]).toEqual([chunk, backend, []]);
        // Ranges that start at odd and even steps inside the schedule (the pairs fall differently).
        for (const start of [1, 2, 5, 6]) expect([chunk, backend, start, differ(s.range(start, count, { backend }), want, start)]).toEqual([chunk, backend, start, []]);
      }
    }
  });

  test("long runs (about 400 steps an anchor), 200,001 steps in chunks of 4,099: every backend's bits the stepped ones", () => {
    setChunkLengthForTesting(4099);
    const make = () => hf.getCosineScheduleWithWarmup(optimizer(0.1), 1000, 200_000);
    const count = 200_001;
    const want = stepped(make(), count);
    const s = make();
    for (const backend of BACKENDS) expect([backend, differ(s.range(0, count, { backend }), want)]).toEqual([backend, []]);
    for (let t = 0; t < count; t += 4001) expect([t, want[t]]).toEqual([t, oracleCosine(0.1, { w: 1000, n: 200_000, cycles: 0.5, m: 0 }, t)]);
  });

  // num_cycles above 0.5: the arguments pass pi, and the runs go on in later periods (runHolds64:
  // the run step at s (x - M)), across 2 m pi and (2 m + 1) pi, past N too; the steps the run step
  // leaves undecided there (counted with the twin's run step) go lane by lane to cosRun64 and cos64.
  test.each([
    { w: 100, n: 100_100, cycles: 3.25 },
    { w: 3, n: 60_003, cycles: 1 },
  ])("num_cycles $cycles, N $n: runs in later periods (about 30 and 60 steps an anchor), in chunks of 4,099: every backend's bits the stepped ones and the oracle's", (c) => {
    setChunkLengthForTesting(4099);
    const base = 0.1;
    const make = () => hf.getCosineScheduleWithWarmup(optimizer(base), c.w, c.n, c.cycles);
    const count = c.n + 2000;
    const want = stepped(make(), count);
    const oracle = (t: number) => oracleCosine(base, { w: c.w, n: c.n, cycles: c.cycles, m: 0 }, t);
    for (let t = 0; t < count; t += 1999) expect([t, want[t]]).toEqual([t, oracle(t)]);
    const run = new Float64Array(16);
    const undecided: number[] = [];
    for (let t = c.w; t < count; t++) {
      const x = PI * c.cycles * 2.0 * ((t - c.w) / (c.n - c.w));
      if (x < Math.PI || !runHolds64(x, x, run)) continue;
      if (Number.isNaN(cosRun64(run[15]! * (x - run[14]!), run[0]!, run[1]!, run[2]!, run[3]!, run[4]!, run[5]!, run[6]!, run[7]!, run[8]!, run[9]!, run[10]!, run[11]!))) undecided.push(t);
    }
    expect(undecided.length).toBeGreaterThan(10);
    for (const t of undecided.slice(0, 40)) expect([t, want[t]]).toEqual([t, oracle(t)]);
    const s = make();
    for (const backend of BACKENDS)
      for (const start of [0, 1]) expect([backend, start, differ(s.range(start, count, { backend }), want, start)]).toEqual([backend, start, []]);
  });

  // Hard restarts with long cycles: runs of about 39 and 30 steps an anchor, each cycle's last run
  // ending where the next cycle starts over at anchor 0 (a run of one cycle must not take in the
  // next one's steps of its anchor), and with 2.3 cycles the last cut at p = 1 inside a run: the argument
  // goes on growing but HF's value is 0.
  test.each([
    { w: 100, n: 60_100, cycles: 3 },
    { w: 7, n: 40_007, cycles: 2.3 },
  ])("hard restarts W $w N $n, $cycles cycles, long runs in chunks of 4,099: every backend's bits the stepped ones", (c) => {
    setChunkLengthForTesting(4099);
    const make = () => hf.getCosineWithHardRestartsScheduleWithWarmup(optimizer(B), c.w, c.n, c.cycles);
    const count = c.n + 3000;
    const want = stepped(make(), count);
    for (let t = 0; t < count; t += 997) expect([t, want[t]]).toEqual([t, oracleRestarts(B, c, t)]);
    // The steps around each restart and around N, against the oracle.
    const cycle = (c.n - c.w) / c.cycles;
    for (let k = 1; k <= Math.ceil(c.cycles); k++) {
      const r = Math.min(c.n, Math.round(c.w + k * cycle));
      for (let t = r - 3; t <= r + 3; t++) expect([t, want[t]]).toEqual([t, oracleRestarts(B, c, t)]);
    }
    expect(want.slice(c.n)).toEqual(new Array(count - c.n).fill(0));
    const s = make();
    for (const backend of BACKENDS) {
      expect([backend, differ(s.range(0, count, { backend }), want)]).toEqual([backend, []]);
      for (const start of [1, 6]) expect([backend, start, differ(s.range(start, count, { backend }), want, start)]).toEqual([backend, start, []]);
    }
  });

  // The facade stops restarts64 at N (a constant 0 phase after it); the kernel itself must give 0
  // from p = 1 on too, also when a run is under way there (2.3 cycles: p = 1 is mid-anchor).
  test("restarts64 itself past p = 1, inside a run: 0 on every backend, and HF's lambda before", () => {
    setChunkLengthForTesting(4099);
    const s = { numWarmupSteps: 7, numTrainingSteps: 40_007, numCycles: 2.3 };
    const den = s.numTrainingSteps - s.numWarmupSteps;
    const piece = cosinePiece("restarts64", { t0: s.numWarmupSteps, shift: 0, den }, s.numCycles);
    const count = den + 3000;
    const want = Array.from({ length: count }, (_, i) => hardRestarts(s.numWarmupSteps + i, s));
    expect(want.slice(den)).toEqual(new Array(3000).fill(0));
    for (const backend of BACKENDS) {
      const out = new Float64Array(count);
      runPlan({ ...piece, at: (t) => hardRestarts(t, s) }, s.numWarmupSteps, out, backend);
      expect([backend, differ(out, want)]).toEqual([backend, []]);
    }
  });

  // The SIMD run loop adds a pair's numerators (t - T0) + SHIFT as s0 + i when the steps are
  // integers; with T0 = 0.1 and SHIFT = 0.3 the two forms round differently, so the kernel must
  // take the elementwise form there. The want: the piece's formula with Python's math.cos
  // correctly rounded, element by element.
  test("cosineFall64 with fractional T0 and SHIFT: every backend's bits the formula's", () => {
    setChunkLengthForTesting(4099);
    const t0 = 0.1, shift = 0.3, den = 3001, m = 0.05, scale = 0.7;
    const piece = cosinePiece("cosineFall64", { t0, shift, den, m }, PI);
    const params = piece.params.slice();
    params[piece.scaleSlot] = scale;
    const at = (t: number) => {
      const v = 0.5 * (1.0 + cos(PI * (((t - t0) + shift) / den))) * (1 - m) + m;
      return scale * (v > 0 ? v : 0);
    };
    const start = 3;
    const count = 6000;
    const want = Array.from({ length: count }, (_, i) => at(start + i));
    // The two forms differ at some of these steps (else this test would not test the choice).
    let differs = 0;
    for (let i = 0; i < count; i++) if (((start + i - t0) + shift) !== ((start - t0) + shift) + i) differs++;
    expect(differs).toBeGreaterThan(100);
    for (const backend of BACKENDS) {
      const out = new Float64Array(count);
      runPlan({ ...piece, params, at }, start, out, backend);
      expect([backend, differ(out, want)]).toEqual([backend, []]);
    }
  });

  // Long runs with a min lr: the SIMD run loop's own store of the fall and the rise with ONE_M and
  // M (a negative min_lr_rate clamps the end of the decay to 0; get_wsd_schedule's cosine warm-up
  // is the rise).
  test.each([
    { name: "cosine, min_lr_rate 0.1", m: 0.1 },
    { name: "cosine, min_lr_rate -0.5", m: -0.5 },
  ])("long runs, $name, 120,001 steps: every backend's bits the stepped ones", ({ m }) => {
    setChunkLengthForTesting(1 << 16);
    const c = { w: 1000, n: 120_000, cycles: 0.5, m };
    const make = () => hf.getCosineWithMinLrScheduleWithWarmup(optimizer(B), { numWarmupSteps: c.w, numTrainingSteps: c.n, minLrRate: m });
    const count = c.n + 1;
    const want = stepped(make(), count);
    for (let t = 0; t < count; t += 3001) expect([t, want[t]]).toEqual([t, oracleCosine(B, c, t)]);
    if (m < 0) expect(want.slice(c.n - 100).every((v) => v === 0)).toBe(true);
    const s = make();
    for (const backend of BACKENDS)
      for (const start of [0, 1]) expect([backend, start, differ(s.range(start, count, { backend }), want, start)]).toEqual([backend, start, []]);
  });

  test("long runs, get_wsd_schedule's cosine warm-up of 100,000 steps with min_lr_ratio 0.1: every backend's bits the stepped ones", () => {
    setChunkLengthForTesting(1 << 16);
    const s: Wsd = { w: 100_000, stable: 10, d: 1000, warmupType: "cosine", decayType: "cosine", m: 0.1, cycles: 0.5 };
    const make = () =>
      hf.getWsdSchedule(optimizer(B), { numWarmupSteps: s.w, numDecaySteps: s.d, numTrainingSteps: s.w + s.stable + s.d, warmupType: "cosine", decayType: "cosine", minLrRatio: s.m });
    const count = s.w + s.stable + s.d + 1;
    const want = stepped(make(), count);
    for (let t = 0; t < count; t += 2003) expect([t, want[t]]).toEqual([t, oracleWsd(B, s, t)]);
    const sched = make();
    for (const backend of BACKENDS) expect([backend, differ(sched.range(0, count, { backend }), want)]).toEqual([backend, []]);
  });

  // The SIMD run loop takes four pairs at a time; when the run step leaves a lane undecided it
  // redoes the four pair by pair, and an undecided pair lane by lane (cosRun64, then cos64 and the
  // exact path for what that cannot decide). HF's cosine with N - W = 100,000: about 195 steps an
  // anchor, runs of hundreds of pairs; the steps the run step cannot decide (found with the twin's
  // run step, as the kernel computes the argument) fall in either lane, ranges starting at odd and
  // even steps swap the lanes.
  test("pairs the run step leaves undecided: every backend's bits the stepped ones and the oracle's there", () => {
    setChunkLengthForTesting(1 << 16);
    const w = 10, n = 100_010, base = 0.1;
    const make = () => hf.getCosineScheduleWithWarmup(optimizer(base), w, n);
    const count = n + 1;
    const want = stepped(make(), count);
    const consts = new Float64Array(12);
    const undecided: number[] = [];
    for (let t = w; t < n; t++) {
      const x = PI * ((t - w) / (n - w));
      const j = anchor64Of(x);
      if (x >= NEAR64 || j === ANCHOR_HALF_PI) continue;
      runAnchor64(j, consts);
      const c = consts;
      if (Number.isNaN(cosRun64(x, c[0]!, c[1]!, c[2]!, c[3]!, c[4]!, c[5]!, c[6]!, c[7]!, c[8]!, c[9]!, c[10]!, c[11]!))) undecided.push(t);
    }
    // Enough of them, in both lanes of a range from 0 (even and odd steps).
    expect(undecided.length).toBeGreaterThan(50);
    expect(undecided.filter((t) => t % 2 === 0).length).toBeGreaterThan(20);
    expect(undecided.filter((t) => t % 2 === 1).length).toBeGreaterThan(20);
    for (const t of undecided) expect([t, want[t]]).toEqual([t, oracleCosine(base, { w, n, cycles: 0.5, m: 0 }, t)]);
    const s = make();
    for (const backend of BACKENDS)
      for (const start of [0, 1]) expect([backend, start, differ(s.range(start, count, { backend }), want, start)]).toEqual([backend, start, []]);
  });

  // Without a min lr, and for hard restarts, the SIMD run loop stores (0.5 * base) * (1 -+ c) for
  // base * (0.5 * (1 -+ c)) (restarts: base * max(0.0, ...)), only where 0.5 * base is exact: not
  // for base = 3 * 2^-1074 (a subnormal with its last bit set), where the two forms differ at many steps.
  test.each([
    { name: "cosine", cycles: 0.5, make: (b: number) => hf.getCosineScheduleWithWarmup(optimizer(b), 4, 20_004), oracle: (b: number, t: number) => oracleCosine(b, { w: 4, n: 20_004, cycles: 0.5, m: 0 }, t) },
    { name: "hard restarts, 2 cycles", cycles: 2, make: (b: number) => hf.getCosineWithHardRestartsScheduleWithWarmup(optimizer(b), 4, 20_004, 2), oracle: (b: number, t: number) => oracleRestarts(b, { w: 4, n: 20_004, cycles: 2 }, t) },
  ])("$name with a subnormal base lr whose half is inexact: every backend's bits base * (0.5 * (1 + c))", ({ cycles, make, oracle }) => {
    setChunkLengthForTesting(1 << 16);
    const w = 4, n = 20_004, base = 3 * Number.MIN_VALUE;
    expect((0.5 * base) * 2).not.toBe(base);
    const count = n + 1;
    const want = stepped(make(base), count);
    let forms = 0;
    for (let t = w; t < n; t++) {
      const p = (t - w) / (n - w);
      const v = 1.0 + cos(cycles === 0.5 ? PI * 0.5 * 2.0 * p : PI * ((cycles * p) % 1.0));
      if (base * (0.5 * v) !== (0.5 * base) * v) forms++;
    }
    expect(forms).toBeGreaterThan(1000);
    for (let t = 0; t < count; t += 997) expect([t, want[t]]).toEqual([t, oracle(base, t)]);
    const s = make(base);
    for (const backend of BACKENDS) expect([backend, differ(s.range(0, count, { backend }), want)]).toEqual([backend, []]);
  });
});
