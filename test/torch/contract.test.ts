/**
 * lrdecay/torch against test/fixtures/torch/ (scripts/torch-fixtures.py): every contract value
 * (PyTorch 1.13's own source run with correctly rounded math) equals this library's, bit for bit,
 * stepping and in one batch on every backend, across chunk boundaries; and, fed real PyTorch's
 * previous value, one step of this library differs from real PyTorch only where glibc's libm was
 * not correctly rounded at that step.
 */
import { afterAll, describe, expect, test } from "vitest";
import { setChunkLengthForTesting } from "../../src/core/wasm.js";
import type * as torch from "../../src/torch/index.js";
import { setTorchChunkForTesting } from "../../src/torch/track.js";
import { build, type Case, cases, decodeF64, drive, MAIN_DIFFERS, optimizerOf, parseHexFloat } from "./fixtures.js";

const FAMILIES = [
  "LambdaLR", "MultiplicativeLR", "StepLR", "MultiStepLR", "ConstantLR", "LinearLR", "ExponentialLR", "PolynomialLR",
  "CosineAnnealingLR", "CosineAnnealingWarmRestarts", "CyclicLR", "OneCycleLR", "SequentialLR", "ChainedScheduler", "ReduceLROnPlateau",
];

const differs = (family: string, c: Case) => family === "SequentialLR" && c.name === MAIN_DIFFERS;

let realIdentical = 0;
let realTotal = 0;

describe.each(FAMILIES)("%s", (family) => {
  test.each(cases(family).map((c) => [c.name, c] as const))("contract, stepping: %s", (_name, c) => {
    if (differs(family, c)) return;
    const opt = optimizerOf(c);
    const got = drive(c, build(c.scheduler, opt), opt);
    const want = decodeF64(c.contract_f64);
    expect(got.length).toBe(want.length);
    const bad = [...want.keys()].filter((i) => !Object.is(got[i], want[i]));
    expect(bad.slice(0, 5).map((i) => [i, got[i], want[i]])).toEqual([]);
  });

  test.each(cases(family).filter((c) => c.drive.kind === "step").map((c) => [c.name, c] as const))("contract, range on every backend: %s", (_name, c) => {
    if (differs(family, c)) return;
    const want = decodeF64(c.contract_f64).filter((_, i) => i % c.channels.length === 0);
    for (const backend of ["js", "wasm-scalar", "wasm-simd"] as const) {
      const s = build(c.scheduler, optimizerOf(c));
      // The scheduler is stepped first: range must not depend on its state.
      for (let i = 0; i < 7; i++) s.step();
      const got = s.range(0, c.steps + 1, { backend });
      expect([...want.keys()].filter((i) => !Object.is(got[i], want[i])).slice(0, 5)).toEqual([]);
      const stop = Math.min(170, c.steps + 1);
      const part = s.range(17, stop, { backend });
      expect(Buffer.from(part.buffer)).toEqual(Buffer.from(want.slice(17, stop).buffer));
      const picks = [c.steps, 0, 17, 17, 5, c.steps >> 1];
      expect([...s.evaluate(picks, { backend })]).toEqual(picks.map((k) => want[k]));
    }
  });

  test.each(cases(family).map((c) => [c.name, c] as const))("real PyTorch, fed its previous value: only libm misses differ: %s", (_name, c) => {
    if (differs(family, c)) return;
    const real = decodeF64(c.contract_f64);
    for (const [i, hex] of Object.entries(c.real_diff)) real[Number(i)] = parseHexFloat(hex);
    const n = c.channels.length;
    realTotal += real.length;
    realIdentical += real.length - Object.keys(c.real_diff).length;
    const opt = optimizerOf(c);
    const s = build(c.scheduler, opt);
    // Before each call, the groups' lrs are real PyTorch's after the previous one.
    const lrChannels = c.channels.map((ch, k) => [ch, k] as const).filter(([ch]) => ch.startsWith("lr["));
    const got = drive(c, s, opt, c.recurrent ? (row) => lrChannels.forEach(([ch, k]) => (opt.param_groups[Number(ch[3])]!.lr = real[row * n + k]!)) : undefined);
    const missed = new Set(c.libm_misses.map((m) => m[0]));
    const unexplained = [...real.keys()].filter((i) => !Object.is(got[i], real[i]) && !missed.has(Math.floor(i / n)));
    expect(unexplained.slice(0, 5)).toEqual([]);
  });
});

describe("across chunk boundaries", () => {
  afterAll(() => {
    setChunkLengthForTesting(1 << 16);
    setTorchChunkForTesting(4096);
  });
  test.each(["CosineAnnealingLR", "SequentialLR", "ChainedScheduler", "OneCycleLR", "StepLR", "CosineAnnealingWarmRestarts"])("%s with chunks of 37 and 61", (family) => {
    setChunkLengthForTesting(37);
    setTorchChunkForTesting(61);
    for (const c of cases(family).filter((x) => x.drive.kind === "step" && !differs(family, x))) {
      const want = decodeF64(c.contract_f64).filter((_, i) => i % c.channels.length === 0);
      for (const backend of ["js", "wasm-scalar", "wasm-simd"] as const) {
        const got = build(c.scheduler, optimizerOf(c)).range(0, c.steps + 1, { backend });
        expect([...want.keys()].filter((i) => !Object.is(got[i], want[i])).slice(0, 5)).toEqual([]);
      }
    }
  });
});

afterAll(() => {
  if (realTotal > 0) console.log(`lrdecay/torch: ${realIdentical} of ${realTotal} fixture values identical to real PyTorch 1.13`);
});
