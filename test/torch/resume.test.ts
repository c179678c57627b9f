/**
 * Where current PyTorch (main, followed here) and PyTorch 1.13 (the fixtures' real and contract
 * values) differ, each difference asserted both ways: 1.13's number (from the fixtures, or as
 * 1.13 printed it for docs/frameworks/torch-notes.md) is not ours, main's rule is.
 */
import { describe, expect, test } from "vitest";
import { CosineAnnealingLR, CosineAnnealingWarmRestarts, ExponentialLR } from "../../src/torch/index.js";
import { oracleCos } from "../keras/cosine.oracle.js";
import { build, cases, decodeF64, drive, MAIN_DIFFERS, optimizerOf } from "./fixtures.js";

describe("1.13 vs main", () => {
  test("SequentialLR switching to MultiplicativeLR: main multiplies at the milestone, so main's step k is 1.13's step k + 1", () => {
    const c = cases("SequentialLR").find((x) => x.name === MAIN_DIFFERS)!;
    const old = decodeF64(c.contract_f64);
    const opt = optimizerOf(c);
    const s = build(c.scheduler, opt);
    const ours = drive(c, s, opt);
    for (let k = 0; k < 50; k++) expect(ours[k]).toBe(old[k]);
    expect(old[50]).toBe(old[49]); // 1.13 kept the lr at the milestone
    for (let k = 50; k < c.steps; k++) expect(ours[k]).toBe(old[k + 1]);
    expect([...build(c.scheduler, optimizerOf(c)).range(0, c.steps)]).toEqual([...ours.slice(0, c.steps)]);
  });

  const resumed = (lr: number) => ({ param_groups: [{ lr, initial_lr: 0.1 }] });

  test("ExponentialLR resumed at last_epoch 3 keeps the lr (1.13 multiplied once more: 0.05)", () => {
    const s = new ExponentialLR(resumed(0.1), 0.5, 3);
    expect(s.getLastLr()).toEqual([0.1]);
    s.step();
    expect(s.getLastLr()).toEqual([0.05]);
    expect([...s.range(0, 3)]).toEqual([0.1, 0.05, 0.025]);
  });

  test("CosineAnnealingLR resumed at 25 keeps the lr (1.13 jumped to the closed form at 26: 0.08422735529643444)", () => {
    const s = new CosineAnnealingLR(resumed(0.07), 100, 0, 25);
    expect(s.getLastLr()).toEqual([0.07]);
    expect(s.lastEpoch).toBe(26);
    s.step();
    const ratio = (1 + oracleCos((Math.PI * 27) / 100, "float64")) / (1 + oracleCos((Math.PI * 26) / 100, "float64"));
    expect(s.getLastLr()).toEqual([ratio * (0.07 - 0) + 0]);
    expect(s.range(1, 2)[0]).toBe(s.getLastLr()[0]);
  });

  test("CosineAnnealingWarmRestarts resumed at 25 takes T_cur % T_i = 6 (1.13: T_cur - T_i = 16, lr 0.06545084971874736)", () => {
    const s = new CosineAnnealingWarmRestarts(resumed(0.1), 10, 1, 0, 25);
    expect(s.Tcur).toBe(6);
    expect(s.getLastLr()[0]).not.toBe(0.06545084971874736);
    expect(s.getLastLr()[0]).toBe((0.1 * (1 + oracleCos((Math.PI * 6) / 10, "float64"))) / 2);
    expect(s.range(0, 1)[0]).toBe(s.getLastLr()[0]);
  });

  test("resuming without initial_lr is PyTorch's KeyError, as a TypeError", () => {
    expect(() => new ExponentialLR({ param_groups: [{ lr: 0.1 }] }, 0.5, 3)).toThrow(
      new TypeError("param 'initial_lr' is not specified in param_groups[0] when resuming an optimizer"),
    );
  });
});
