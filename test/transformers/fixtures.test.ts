/**
 * lrdecay/transformers against test/fixtures/torch/transformers.json (scripts/torch-fixtures.py):
 * HF's own lambdas (taken from its source) run through real torch 1.13's LambdaLR, once with
 * glibc's libm ("real") and once with correctly rounded math.cos, math.sqrt and ** (the contract).
 * Every contract value equals this library's bit for bit, stepping and in one batch on every
 * backend, across chunk boundaries; real HF differs only at steps where glibc missed; HF's own
 * published test values hold at HF's tolerance.
 */
import { afterAll, describe, expect, test } from "vitest";
import { setChunkLengthForTesting } from "../../src/core/wasm.js";
import { setTorchChunkForTesting } from "../../src/torch/track.js";
import type { LRScheduler } from "../../src/transformers/index.js";
import { build, decodeF64, type HfCase, HF_CASES, optimizer, parseHexFloat } from "./fixtures.js";

const BACKENDS = ["js", "wasm-scalar", "wasm-simd"] as const;

/** Every channel (each group's lr) after construction and after each step() of the case. */
function stepped(c: HfCase, s: LRScheduler): Float64Array {
  const rows: number[] = [...s.getLastLr()];
  for (let k = 0; k < c.steps; k++) {
    s.step();
    rows.push(...s.getLastLr());
  }
  return Float64Array.from(rows);
}

/** Indices where two arrays' bits differ (Object.is), the first few. */
function differ(got: ArrayLike<number>, want: ArrayLike<number>): number[] {
  const bad: number[] = [];
  for (let i = 0; i < want.length && bad.length < 5; i++) if (!Object.is(got[i], want[i])) bad.push(i);
  return got.length === want.length ? bad : [-1];
}

/** Group 0's contract values: what range(0, steps + 1) must give. */
const lr0 = (c: HfCase) => decodeF64(c.contract_f64).filter((_, i) => i % c.channels.length === 0);

let realIdentical = 0;
let realTotal = 0;

describe.each(HF_CASES.map((c) => [c.name, c] as const))("%s", (_name, c) => {
  test("stepping: every group's lr equals the contract, bit for bit", () => {
    const s = build(c, optimizer(c));
    expect(s.constructor.name).toMatch(/LambdaLR$/);
    expect(differ(stepped(c, s), decodeF64(c.contract_f64))).toEqual([]);
  });

  test("range and evaluate on every backend equal the contract, bit for bit", () => {
    const want = lr0(c);
    for (const backend of BACKENDS) {
      const s = build(c, optimizer(c));
      // Stepped first: a batch must not depend on the scheduler's state.
      for (let i = 0; i < 7; i++) s.step();
      expect([backend, differ(s.range(0, c.steps + 1, { backend }), want)]).toEqual([backend, []]);
      const stop = Math.min(170, c.steps + 1);
      const start = Math.min(17, stop);
      expect(differ(s.range(start, stop, { backend }), want.slice(start, stop))).toEqual([]);
      const picks = [c.steps, 0, Math.min(17, c.steps), Math.min(17, c.steps), 5, c.steps >> 1];
      expect([...s.evaluate(picks, { backend })]).toEqual(picks.map((k) => want[k]));
    }
  });

  test("real HF on torch 1.13 and glibc differs only at steps where glibc's cos, sqrt or pow missed", () => {
    const real = decodeF64(c.contract_f64);
    for (const [i, hex] of Object.entries(c.real_diff)) real[Number(i)] = parseHexFloat(hex);
    const got = stepped(c, build(c, optimizer(c)));
    const missed = new Set(c.libm_misses.map((m) => m[0]));
    const n = c.channels.length;
    const differing = [...real.keys()].filter((i) => !Object.is(got[i], real[i]));
    expect(differing.filter((i) => !missed.has(Math.floor(i / n)))).toEqual([]);
    realTotal += real.length;
    realIdentical += real.length - differing.length;
  });

  test("state_dict(): PyTorch's keys and values (lr_lambdas as a partial's {})", () => {
    const s = build(c, optimizer(c));
    const want = lr0(c);
    const steps = Object.keys(c.state_dicts).map(Number).sort((a, b) => a - b);
    let at = 0;
    for (const k of steps) {
      for (; at < k; at++) s.step();
      const real = c.state_dicts[String(k)]!;
      const ours = s.stateDict();
      for (const key of ["lr_lambdas", "base_lrs", "last_epoch", "_step_count"]) expect([key, ours[key]]).toEqual([key, real[key]]);
      expect((ours._last_lr as number[])[0]).toBe(want[k]);
    }
  });

  if (c.published) {
    const published = c.published;
    test(`HF's published values (${published.source.split(",")[0]}) hold at its tolerance ${published.tolerance}`, () => {
      const got = stepped(c, build(c, optimizer(c)));
      expect(got.length).toBe(published.values.length);
      published.values.forEach((v, k) => expect(Math.abs(got[k]! - v)).toBeLessThanOrEqual(published.tolerance));
    });
  }
});

describe("across chunk boundaries", () => {
  afterAll(() => {
    setChunkLengthForTesting(1 << 16);
    setTorchChunkForTesting(4096);
  });
  test.each([37, 61])("every case's range with kernel chunks of %i steps, on every backend", (chunk) => {
    setChunkLengthForTesting(chunk);
    setTorchChunkForTesting(chunk + 24);
    for (const c of HF_CASES) {
      const want = lr0(c);
      for (const backend of BACKENDS) expect([c.name, backend, differ(build(c, optimizer(c)).range(0, c.steps + 1, { backend }), want)]).toEqual([c.name, backend, []]);
    }
  });
});

afterAll(() => {
  if (realTotal > 0) console.log(`lrdecay/transformers: ${realIdentical} of ${realTotal} fixture values identical to real HF (torch 1.13 LambdaLR, glibc 2.36)`);
});
