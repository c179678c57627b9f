/**
 * Bad arguments, from test/fixtures/torch/errors.json (what real PyTorch 1.13 raised, verbatim):
 * each raises here too, where PyTorch raises, with PyTorch's words (a ValueError or
 * ZeroDivisionError as a RangeError, a KeyError as a TypeError). Where current PyTorch words it
 * differently, or JavaScript cannot tell an int from a float, the table below says what this
 * library does instead, and why.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import * as torch from "../../src/torch/index.js";
import { build, optimizerOf as fixtureOptimizer, type Sub } from "./fixtures.js";
import { expectError } from "../expectError.js";


interface Entry {
  scheduler: Sub;
  optimizer: { class: string; defaults: Record<string, unknown>; groups: Record<string, unknown>[] } | string;
  raised_at: string;
  type: string;
  message: string;
}
const ENTRIES = (JSON.parse(readFileSync(new URL("../fixtures/torch/errors.json", import.meta.url), "utf8")) as { torch: Entry[] }).torch;

const key = (e: Entry) => `${e.scheduler.class} ${JSON.stringify(Object.fromEntries(e.scheduler.passed.map((k) => [k, e.scheduler.args[k]])))} @${e.raised_at}`;

/** Where this library differs from 1.13's error: at construction, with another message, or none. */
const DIFFERS: Record<string, { at?: "construct"; message?: string | null; why: string }> = {
  'StepLR {"step_size":0} @step 1': { at: "construct", message: "Argument `step_size` must be a positive integer. Received: step_size=0", why: "checked at construction, not at the first step's modulo" },
  'CosineAnnealingLR {"T_max":0} @step 1': { at: "construct", message: "Argument `T_max` must be a positive integer. Received: T_max=0", why: "checked at construction" },
  'LinearLR {"start_factor":1.5} @construct': { message: "Starting multiplicative factor expected to be greater than 0 and less or equal to 1.", why: "current PyTorch's words" },
  'LinearLR {"start_factor":-0.5} @construct': { message: "Starting multiplicative factor expected to be greater than 0 and less or equal to 1.", why: "current PyTorch's words" },
  'LinearLR {"start_factor":0} @step 1': { at: "construct", message: "Starting multiplicative factor expected to be greater than 0 and less or equal to 1.", why: "current PyTorch refuses 0" },
  'CyclicLR {"base_lr":0.01,"max_lr":0.1} @construct': { message: null, why: "current PyTorch cycles Adam's beta1" },
  'CyclicLR {"base_lr":[0.01,0.02],"max_lr":0.1} @construct': { message: "base_lr must have the same length as optimizer.param_groups. base_lr has 2 values, param_groups has 1.", why: "current PyTorch's _format_param" },
  'CyclicLR {"base_lr":0.01,"max_lr":0.1,"step_size_up":0,"step_size_down":0} @construct': { message: "float division by zero (Python's ZeroDivisionError): step_size_up + step_size_down is 0", why: "says what divided" },
  'OneCycleLR {"max_lr":0.1,"total_steps":10} @construct': { message: null, why: "10.0 and 10 are one JavaScript number" },
  'OneCycleLR {"max_lr":0.1,"total_steps":100,"pct_start":1} @construct': { message: null, why: "1 and 1.0 are one JavaScript number" },
  'OneCycleLR {"max_lr":0.1,"total_steps":100,"anneal_strategy":"cosine"} @construct': { message: "anneal_strategy must be one of 'cos' or 'linear', instead got cosine", why: "current PyTorch's words" },
  'OneCycleLR {"max_lr":0.1,"total_steps":100} @construct': { message: "optimizer must support momentum or beta1 with `cycle_momentum` option enabled", why: "current PyTorch's words" },
  'OneCycleLR {"max_lr":0.1,"total_steps":10} @step 11': { message: "Tried to step 11 times. The specified number of total steps is 10", why: "current PyTorch counts last_epoch, 1.13 last_epoch + 1" },
  'OneCycleLR {"max_lr":[0.1,0.2],"total_steps":100} @construct': { message: "max_lr must have the same length as optimizer.param_groups. max_lr has 2 values, param_groups has 1.", why: "current PyTorch's _format_param" },
  'ConstantLR {"factor":0,"total_iters":3} @step 3': { message: "float division by zero (Python's ZeroDivisionError) in ConstantLR's 1.0 / factor", why: "says what divided" },
};

function optimizerOf(e: Entry): object {
  return typeof e.optimizer === "string" ? ("not an optimizer" as unknown as object) : fixtureOptimizer({ optimizer: e.optimizer });
}

describe("PyTorch's errors", () => {
  test.each(ENTRIES.map((e) => [key(e), e] as const))("%s", (_k, e) => {
    const d = DIFFERS[key(e)];
    const message = d?.message === undefined ? e.message : d.message;
    const at = d?.at ?? e.raised_at;
    const Type = e.type === "KeyError" || e.type === "TypeError" ? TypeError : RangeError;
    const opt = optimizerOf(e);
    // The fixtures' resume case gives last_epoch without initial_lr: PyTorch's KeyError.
    const run = (): void => {
      const s = build(e.scheduler, opt);
      const m = /^step (\d+)$/.exec(at);
      if (m) for (let i = 0; i < Number(m[1]); i++) s.step();
      else if (at.startsWith("step(")) s.step(Number(at.slice(5, -1)));
    };
    if (message === null) {
      expect(run).not.toThrow();
      return;
    }
    if (at !== "construct") {
      // Nothing before the step that raises: construction and the steps before it succeed.
      const m = /^step (\d+)$/.exec(at);
      const s = build(e.scheduler, optimizerOf(e));
      if (m) for (let i = 0; i < Number(m[1]) - 1; i++) s.step();
    }
    expectError(run, Type, message);
  });
});

describe("every argument checked, by name", () => {
  const opt = () => ({ param_groups: [{ lr: 0.1, momentum: 0.9 }], defaults: { lr: 0.1, momentum: 0.9 } });
  test.each([
    ["StepLR", () => new torch.StepLR(opt(), 2.5), RangeError, "Argument `step_size` must be an integer (a safe one). Received: step_size=2.5"],
    ["StepLR", () => new torch.StepLR(opt(), "3" as unknown as number), TypeError, 'Argument `step_size` must be an integer. Received: step_size="3" (string)'],
    ["ExponentialLR", () => new torch.ExponentialLR(opt(), Number.NaN), RangeError, "Argument `gamma` must be finite. Received: gamma=NaN"],
    ["ExponentialLR", () => new torch.ExponentialLR(opt(), { gamma: 0.5, lastEpoch: -2 }), RangeError, "Argument `last_epoch` must be -1 or a non-negative integer. Received: last_epoch=-2"],
    ["CosineAnnealingLR", () => new torch.CosineAnnealingLR(opt(), { tMax: 10, etaMn: 0 } as never), TypeError, "CosineAnnealingLR() got an unexpected option `etaMn`. Known: tMax, etaMin, lastEpoch"],
    ["CosineAnnealingLR", () => new torch.CosineAnnealingLR(opt(), {} as never), TypeError, "CosineAnnealingLR() missing required argument: 'T_max' (option `tMax`)"],
    ["LambdaLR", () => new torch.LambdaLR(opt(), 0.5 as never), TypeError, "lr_lambda should be a function, but got 0.5"],
    ["MultiStepLR", () => new torch.MultiStepLR(opt(), [10, 2.5]), RangeError, "Argument `milestones[1]` must be an integer (a safe one). Received: milestones[1]=2.5"],
    ["optimizer", () => new torch.ExponentialLR({ param_groups: [{ lr: "0.1" }] } as never, 0.5), TypeError, 'Argument `optimizer.param_groups[0].lr` must be a number. Received: optimizer.param_groups[0].lr="0.1" (string)'],
    ["optimizer", () => new torch.ExponentialLR(Number.POSITIVE_INFINITY, 0.5), RangeError, "Argument `optimizer` must be finite as a learning rate. Received: optimizer=Infinity"],
    ["ReduceLROnPlateau", () => new torch.ReduceLROnPlateau(opt(), { mode: "foo" as never }), RangeError, "mode foo is unknown!"],
    ["range", () => new torch.ExponentialLR(0.1, 0.5).range(0, 1.5), RangeError, "Argument `stop` must be an integer. Received: stop=1.5"],
    ["range", () => new torch.ExponentialLR(0.1, 0.5).range(0, 4, { out: new Float64Array(3) }), RangeError, "Option `out` must have length 4. Received: a Float64Array of length 3"],
    ["evaluate", () => new torch.ExponentialLR(0.1, 0.5).evaluate([1, -1]), RangeError, "Argument `steps` must hold non-negative integers. Received: steps[1]=-1"],
    ["OneCycleLR range", () => new torch.OneCycleLR(opt(), { maxLr: 0.1, totalSteps: 10 }).range(0, 12), RangeError, "Tried to step 11 times. The specified number of total steps is 10"],
  ] as const)("%s", (_n, make, Type, message) => {
    expectError(make, Type, message);
  });
});

describe("batches that would not finish are refused", () => {
  test("a step at or past 2^31 (the replay is linear in the last step)", () => {
    const s = new torch.ExponentialLR(0.1, 0.5);
    expectError(() => s.range(0, 2 ** 31 + 1), RangeError, "Argument `stop` must be <= 2^31: a batch replays every step before it. Received: stop=2147483649");
    expect(() => s.evaluate([3, 2 ** 40])).toThrow(RangeError);
  });

  test("ReduceLROnPlateau takes a NaN metric as Python does: no improvement", () => {
    const s = new torch.ReduceLROnPlateau(0.1, { patience: 0 });
    s.step(1);
    s.step(Number.NaN);
    expect(s.getLastLr()).toEqual([0.1 * 0.1]);
    expect(() => s.step("1" as never)).toThrow(TypeError);
  });
});
