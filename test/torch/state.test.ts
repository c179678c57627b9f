/**
 * State dicts: PyTorch's keys, round trips, and loading what real PyTorch 1.13 wrote (the
 * fixtures' `state_dicts`, JSON as json.dumps writes a state dict, with the fixtures' forms for
 * what JSON cannot hold): a scheduler loaded with PyTorch's state at step k, on an optimizer whose
 * groups hold PyTorch's lrs at k, goes on to the contract's values.
 */
import { describe, expect, test } from "vitest";
import * as torch from "../../src/torch/index.js";
import { build, cases, decodeF64, drive, MAIN_DIFFERS, optimizerOf } from "./fixtures.js";
import { expectError } from "../expectError.js";


const FAMILIES = [
  "LambdaLR", "MultiplicativeLR", "StepLR", "MultiStepLR", "ConstantLR", "LinearLR", "ExponentialLR", "PolynomialLR",
  "CosineAnnealingLR", "CosineAnnealingWarmRestarts", "CyclicLR", "OneCycleLR", "SequentialLR", "ChainedScheduler", "ReduceLROnPlateau",
];

/** 1.13 writes `verbose`; a WeakMethod or bound method has no JSON: the keys both versions share. */
function comparable(state: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(state)) {
    if (["verbose", "_is_initial", "_scale_fn_ref", "anneal_func", "_anneal_func_type", "default_min_lr", "_get_lr_called_within_step",
      // 1.13 keeps the caller's scale_fn itself; real PyTorch's last lrs carry its libm misses (the values are tested in contract.test.ts).
      "_scale_fn_custom", "_last_lr"].includes(k)) continue;
    if (k === "_schedulers") out[k] = (v as Record<string, unknown>[]).map(comparable);
    else if (k === "milestones" && v !== null && typeof v === "object" && "Counter" in v)
      out[k] = Object.fromEntries((v as { Counter: [number, number][] }).Counter.map(([m, c]) => [String(m), c]));
    else if (v !== null && typeof v === "object" && "float" in v) out[k] = Number((v as { float: string }).float === "inf" ? Infinity : -Infinity);
    else out[k] = v;
  }
  return out;
}

describe.each(FAMILIES)("%s", (family) => {
  const all = cases(family).filter((c) => !(family === "SequentialLR" && c.name === MAIN_DIFFERS) && c.drive.kind !== "epochs" && c.drive.kind !== "calls");
  test.each(all.map((c) => [c.name, c] as const))("stateDict matches PyTorch's, and PyTorch's loads: %s", (_n, c) => {
    const want = decodeF64(c.contract_f64);
    const width = c.channels.length;
    for (const [kText, theirs] of Object.entries(c.state_dicts)) {
      const k = Number(kText);
      if (k === 0) continue;
      // Ours after k calls, against theirs: the keys both write, equal.
      const opt = optimizerOf(c);
      const s = build(c.scheduler, opt);
      const truncated = { ...c, drive: { ...c.drive, count: k, metrics_f64: c.drive.metrics_f64 } };
      if (c.drive.kind === "metrics") {
        const metrics = decodeF64(c.drive.metrics_f64!);
        for (let i = 0; i < k; i++) (s as torch.ReduceLROnPlateau).step(metrics[i]!);
      } else drive(truncated, s, opt);
      const mine = comparable(s.stateDict());
      const shared = comparable(theirs);
      if (family === "SequentialLR") {
        // 1.13 starts a child at its milestone with step(0), which counts a step; current PyTorch's
        // _update_lr(0) does not: those children have one step fewer here.
        const ms = theirs._milestones as number[];
        (mine._schedulers as Record<string, unknown>[]).forEach((child, i) => {
          const other = (shared._schedulers as Record<string, unknown>[])[i]!;
          if (i > 0 && ms[i - 1]! <= k) expect(child._step_count).toBe((other._step_count as number) - 1);
          else expect(child._step_count).toBe(other._step_count);
          delete child._step_count;
          delete other._step_count;
        });
      }
      for (const key of Object.keys(shared)) if (key in mine) expect([key, mine[key]]).toEqual([key, shared[key]]);
      // JSON round trip: a fresh scheduler loaded from ours is ours.
      const copyOpt = optimizerOf(c);
      const copy = build(c.scheduler, copyOpt);
      copy.loadStateDict(JSON.parse(JSON.stringify(s.stateDict())) as torch.StateDict);
      expect(copy.getLastLr()).toEqual(s.getLastLr());
      expect(comparable(copy.stateDict())).toEqual(comparable(s.stateDict()));
      if (k === c.steps || c.drive.kind === "metrics") continue;
      // PyTorch's state at k, loaded into a fresh scheduler whose groups hold PyTorch's lrs at k.
      const loadOpt = optimizerOf(c);
      const loaded = build(c.scheduler, loadOpt);
      loaded.loadStateDict(theirs);
      c.channels.forEach((ch, j) => {
        const g = loadOpt.param_groups[Number(ch.slice(-2, -1))] as Record<string, unknown>;
        const v = want[k * width + j]!;
        if (ch.startsWith("lr[")) g.lr = v;
        else if (ch.startsWith("momentum[")) g.momentum = v;
        else (g.betas as number[])[0] = v;
      });
      const rest = drive({ ...c, drive: { kind: "step", count: c.steps - k } }, loaded, loadOpt);
      const expected = want.slice(k * width);
      // Row 0 is the loaded _last_lr: real PyTorch's, which may carry a libm miss; the steps after it are ours.
      expect([...rest.keys()].filter((i) => i >= width && !Object.is(rest[i], expected[i])).slice(0, 5)).toEqual([]);
      expect(loaded.getLastLr()).toEqual(loaded.groups.lrs());
    }
  });
});

test("an unknown key is refused by name; a bad value by name", () => {
  const s = new torch.StepLR(0.1, 10);
  expectError(() => s.loadStateDict({ step_size: 10, stepsize: 3 }), TypeError, "StepLR.loadStateDict got an unknown key `stepsize`");
  expect(() => s.loadStateDict({ last_epoch: 1.5 })).toThrow(RangeError);
  expect(() => s.loadStateDict([] as never)).toThrow(TypeError);
});

test("ReduceLROnPlateau's infinite best loads as PyTorch's dict holds it, as a string, or in the fixtures' form", () => {
  for (const best of [Infinity, "inf", "Infinity", { float: "inf" }]) {
    const s = new torch.ReduceLROnPlateau(0.1, { patience: 0 });
    s.step(0.5);
    s.loadStateDict({ best, num_bad_epochs: 0, last_epoch: 0, mode_worse: { float: "inf" } });
    expect(s.best).toBe(Infinity);
    s.step(1e300); // any metric improves on an infinite best
    expect(s.best).toBe(1e300);
    expect(s.getLastLr()).toEqual([0.1]);
  }
  expectError(() => new torch.ReduceLROnPlateau(0.1).loadStateDict({ best: undefined as never }), TypeError, "Argument `best` must be a number. Received: best=undefined");
});

test("ReduceLROnPlateau's own stateDict() survives JSON: an infinite best, which JSON.stringify writes as null, loads as the mode's worst", () => {
  for (const mode of ["min", "max"] as const) {
    const x = new torch.ReduceLROnPlateau({ param_groups: [{ lr: 0.1 }] }, { mode });
    const json = JSON.stringify(x.stateDict());
    expect(json).toContain('"best":null');
    const y = new torch.ReduceLROnPlateau({ param_groups: [{ lr: 0.1 }] }, { mode });
    y.step(mode === "min" ? 0.5 : -0.5);
    y.loadStateDict(JSON.parse(json));
    expect(y.best).toBe(mode === "min" ? Infinity : -Infinity);
    expect(y.stateDict()).toEqual(x.stateDict());
  }
});
