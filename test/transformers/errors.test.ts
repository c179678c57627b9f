/**
 * lrdecay/transformers' refusals: HF's own errors with HF's messages (test/fixtures/torch/errors.json,
 * raised by HF's source), Python's errors at the step where Python raises them, every argument
 * checked by name, and get_scheduler's names, missing arguments and keyword arguments.
 */
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, test, vi } from "vitest";
import { argumentErrorData } from "../../src/core/validate.js";
import * as hf from "../../src/transformers/index.js";
import { camel, FUNCTIONS } from "./fixtures.js";

/** `call` throws an error of exactly this class with exactly this message (whatever data it carries). */
function throwsExactly(call: () => unknown, type: typeof TypeError | typeof RangeError, message: string): void {
  let error: unknown = null;
  try {
    call();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(type);
  expect((error as Error).message).toBe(message);
}

const opt = (lr = 0.1) => ({ param_groups: [{ lr }], defaults: { lr } });

interface HfError {
  function: { class: string; args: Record<string, unknown>; passed: string[] };
  optimizer: { defaults: { lr: number } };
  raised_at: string;
  type: string;
  message: string;
}

const ERRORS = (JSON.parse(readFileSync(new URL("../fixtures/torch/errors.json", import.meta.url), "utf8")) as { transformers: HfError[] }).transformers;

describe("HF's own errors (errors.json), with HF's messages", () => {
  test.each(ERRORS.map((e) => [e.message, e] as const))("%s", (message, e) => {
    expect(e.type).toBe("ValueError");
    expect(e.raised_at).toBe("construct");
    const options = Object.fromEntries(e.function.passed.map((k) => [camel(k), e.function.args[k]]));
    throwsExactly(() => FUNCTIONS[e.function.class]!(opt(e.optimizer.defaults.lr), options), RangeError, message);
  });

  test("get_wsd_schedule warns once, as HF, when both num_training_steps and num_stable_steps are given (num_stable_steps wins)", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const both = hf.getWsdSchedule(0.1, { numWarmupSteps: 10, numDecaySteps: 20, numTrainingSteps: 1000, numStableSteps: 30 });
    const stable = hf.getWsdSchedule(0.1, { numWarmupSteps: 10, numDecaySteps: 20, numStableSteps: 30 });
    expect(warn).toHaveBeenCalledWith("UserWarning: Both num_training_steps and num_stable_steps are specified. num_stable_steps will be used.");
    expect([...both.range(0, 100)]).toEqual([...stable.range(0, 100)]);
    warn.mockRestore();
  });

  test("polynomial: lr_init is optimizer.defaults['lr']; an optimizer without one is refused as Python's KeyError would", () => {
    throwsExactly(() => hf.getPolynomialDecayScheduleWithWarmup({ param_groups: [{ lr: 0.1 }] }, 10, 100), TypeError, `get_polynomial_decay_schedule_with_warmup reads optimizer.defaults["lr"], which this optimizer lacks (Python's KeyError: 'lr'): give it defaults: { lr }`);
    // HF's message writes floats as Python's repr does.
    throwsExactly(() => hf.getPolynomialDecayScheduleWithWarmup(opt(10), 0, 100, 10), RangeError, "lr_end (10.0) must be smaller than initial lr (10.0)");
    throwsExactly(() => hf.getPolynomialDecayScheduleWithWarmup(opt(1e-7), 0, 100), RangeError, "lr_end (1e-07) must be smaller than initial lr (1e-07)");
    // The refused argument as data beside the message, as every argument error of lrdecay's carries it.
    let refused: unknown = null;
    try {
      hf.getPolynomialDecayScheduleWithWarmup(opt(0.1), 0, 100, 0.2);
    } catch (e) {
      refused = e;
    }
    expect(argumentErrorData(refused)).toMatchObject({ argument: "lr_end", value: 0.2, rule: "must be smaller than initial lr (0.1)" });
    // A number, or a TF.js optimizer, is its own defaults.lr.
    expect(hf.getPolynomialDecayScheduleWithWarmup(0.5, 0, 4, 0.1).range(0, 6)[2]).toBe(0.5 * ((0.4 * 0.5 + 0.1) / 0.5));
    const tfjs = { learningRate: 0.5, setLearningRate(lr: number) { this.learningRate = lr; } };
    expect(hf.getPolynomialDecayScheduleWithWarmup(tfjs, 0, 4, 0.1).range(0, 6)[2]).toBe(0.5 * ((0.4 * 0.5 + 0.1) / 0.5));
  });
});

describe("Python's errors where Python raises them: at that step, stepping and in a batch", () => {
  /** A scheduler stepped to `step` raises `error` there; range over it too, on every backend. */
  function raisesAt(make: () => hf.LRScheduler, step: number, error: RegExp) {
    const s = make();
    for (let k = 1; k < step; k++) s.step();
    expect(() => s.step()).toThrow(error);
    for (const backend of ["js", "wasm-scalar", "wasm-simd"] as const) {
      expect(() => make().range(0, step + 40, { backend })).toThrow(error);
      expect(make().range(0, step, { backend }).length).toBe(step);
    }
  }

  test("polynomial with num_training_steps == num_warmup_steps: ZeroDivisionError at that step", () => {
    raisesAt(() => hf.getPolynomialDecayScheduleWithWarmup(opt(), 50, 50), 50, /ZeroDivisionError/);
    // and after it, Python computes lr_end / lr_init again
    expect(hf.getPolynomialDecayScheduleWithWarmup(opt(), 50, 50).range(51, 60)[0]).toBe(0.1 * (1e-7 / 0.1));
  });

  test("polynomial with a negative power: 0.0 ** -y raises ZeroDivisionError at num_training_steps", () => {
    raisesAt(() => hf.getPolynomialDecayScheduleWithWarmup(opt(), 10, 100, 1e-7, -0.5), 100, /ZeroDivisionError/);
  });

  test("polynomial whose ** overflows: OverflowError", () => {
    // (1 - 999/1000) ** -103 is about 1e309, just past the largest double (a power the fast path
    // computes, not one it gives up on); at step 998, 0.002 ** -103 is about 1e278.
    raisesAt(() => hf.getPolynomialDecayScheduleWithWarmup(opt(), 0, 1000, 1e-7, -103), 999, /OverflowError/);
  });

  test("polynomial with lr_init 0 (and lr_end < 0): ZeroDivisionError at every step after the warm-up", () => {
    raisesAt(() => hf.getPolynomialDecayScheduleWithWarmup(opt(0), 5, 100, -1e-3), 5, /ZeroDivisionError/);
  });

  test("cosine whose num_cycles makes math.cos's argument infinite: ValueError; at progress 0, NaN and so max(0, nan) = 0", () => {
    const make = () => hf.getCosineScheduleWithWarmup(opt(), 10, 100, 1e308);
    raisesAt(make, 11, /math domain error/);
    // Step 10: pi * 1e308 * 2.0 * 0.0 is inf * 0 = nan, and Python's cos(nan) is nan: the factor 0.
    for (const backend of ["js", "wasm-scalar", "wasm-simd"] as const) expect(make().range(10, 11, { backend })[0]).toBe(0);
  });

  test("cosine with min_lr and optimizer.defaults['lr'] 0: ZeroDivisionError when made", () => {
    expect(() => hf.getCosineWithMinLrScheduleWithWarmup({ param_groups: [{ lr: 0.1 }], defaults: { lr: 0 } }, { numWarmupSteps: 1, numTrainingSteps: 10, minLr: 1e-3 })).toThrow(
      /ZeroDivisionError/,
    );
  });
});

describe("every argument checked by name", () => {
  test.each([
    ["getCosineScheduleWithWarmup", "Argument `num_warmup_steps` must be an integer. Received: num_warmup_steps=\"10\" (string)", () => hf.getCosineScheduleWithWarmup(opt(), "10" as unknown as number, 100), TypeError],
    ["getCosineScheduleWithWarmup", "Argument `num_warmup_steps` must be an integer (a safe one). Received: num_warmup_steps=10.5", () => hf.getCosineScheduleWithWarmup(opt(), 10.5, 100), RangeError],
    ["getCosineScheduleWithWarmup", "Argument `num_warmup_steps` must be a non-negative integer. Received: num_warmup_steps=-1", () => hf.getCosineScheduleWithWarmup(opt(), -1, 100), RangeError],
    ["getCosineScheduleWithWarmup", "Argument `num_training_steps` must be an integer (a safe one). Received: num_training_steps=9007199254740992", () => hf.getCosineScheduleWithWarmup(opt(), 10, 2 ** 53), RangeError],
    ["getCosineScheduleWithWarmup", "Argument `num_cycles` must be finite. Received: num_cycles=NaN", () => hf.getCosineScheduleWithWarmup(opt(), 10, 100, NaN), RangeError],
    ["getCosineScheduleWithWarmup", "Argument `last_epoch` must be -1 or a non-negative integer. Received: last_epoch=-2", () => hf.getCosineScheduleWithWarmup(opt(), 10, 100, 0.5, -2), RangeError],
    ["getCosineScheduleWithWarmup", "get_cosine_schedule_with_warmup() missing required argument: 'num_training_steps' (option `numTrainingSteps`)", () => (hf.getCosineScheduleWithWarmup as (...a: unknown[]) => unknown)(opt(), 10), TypeError],
    ["getCosineScheduleWithWarmup", "get_cosine_schedule_with_warmup() takes at most 5 arguments (the optimizer and num_warmup_steps, num_training_steps, num_cycles, last_epoch). Received: 6", () => (hf.getCosineScheduleWithWarmup as (...a: unknown[]) => unknown)(opt(), 10, 100, 0.5, -1, 3), TypeError],
    ["getCosineScheduleWithWarmup", "get_cosine_schedule_with_warmup() got an unexpected option `numCycle`. Known: numWarmupSteps, numTrainingSteps, numCycles, lastEpoch", () => hf.getCosineScheduleWithWarmup(opt(), { numWarmupSteps: 1, numTrainingSteps: 10, numCycle: 2 } as never), TypeError],
    ["getInverseSqrtSchedule", "Argument `timescale` must be a positive integer. Received: timescale=0", () => hf.getInverseSqrtSchedule(opt(), 10, 0), RangeError],
    ["getPolynomialDecayScheduleWithWarmup", "Argument `lr_end` must be finite. Received: lr_end=Infinity", () => hf.getPolynomialDecayScheduleWithWarmup(opt(), 10, 100, Infinity), RangeError],
    ["getCosineWithMinLrScheduleWithWarmup", "Argument `min_lr` must be a number. Received: min_lr=\"1e-5\" (string)", () => hf.getCosineWithMinLrScheduleWithWarmup(opt(), { numWarmupSteps: 1, numTrainingSteps: 10, minLr: "1e-5" as never }), TypeError],
    ["getCosineWithMinLrScheduleWithWarmupLrRate", "Argument `warmup_lr_rate` must be finite. Received: warmup_lr_rate=-Infinity", () => hf.getCosineWithMinLrScheduleWithWarmupLrRate(opt(), { numWarmupSteps: 1, numTrainingSteps: 10, minLrRate: 0.1, warmupLrRate: -Infinity }), RangeError],
    ["getWsdSchedule", "Argument `num_stable_steps` must be an integer (a safe one). Received: num_stable_steps=1.5", () => hf.getWsdSchedule(opt(), { numWarmupSteps: 1, numDecaySteps: 10, numStableSteps: 1.5 }), RangeError],
    ["getWsdSchedule", "Argument `warmup_type` must be a string. Received: warmup_type=3", () => hf.getWsdSchedule(opt(), { numWarmupSteps: 1, numDecaySteps: 10, numStableSteps: 5, warmupType: 3 as never }), TypeError],
    ["getWsdSchedule", "num_training_steps - num_warmup_steps - num_decay_steps must be a safe integer. Received: 0 - 9007199254740991 - 9007199254740991", () => hf.getWsdSchedule(opt(), { numWarmupSteps: 2 ** 53 - 1, numDecaySteps: 2 ** 53 - 1, numTrainingSteps: 0 }), RangeError],
  ] as const)("%s: %s", (_fn, message, call, type) => {
    throwsExactly(call, type, message);
  });

  test("the optimizer is lrdecay/torch's to check (its PyTorch-worded TypeError)", () => {
    expect(() => hf.getConstantSchedule({ param_groups: [] })).toThrow(TypeError);
    expect(() => hf.getCosineScheduleWithWarmup(NaN, 1, 10)).toThrow(RangeError);
  });
});

describe("getScheduler", () => {
  afterEach(() => vi.restoreAllMocks());
  const values = ["linear", "cosine", "cosine_with_restarts", "polynomial", "constant", "constant_with_warmup", "inverse_sqrt", "reduce_lr_on_plateau", "cosine_with_min_lr", "cosine_warmup_with_min_lr", "warmup_stable_decay"];

  test("SchedulerType holds HF's eleven names, and an unknown one is refused with HF's ExplicitEnum message", () => {
    expect(Object.values(hf.SchedulerType)).toEqual(values);
    expect(() => hf.getScheduler("cosin", opt(), 1, 10)).toThrow(
      new RangeError(`cosin is not a valid SchedulerType, please select one of [${values.map((v) => `'${v}'`).join(", ")}]`),
    );
    expect(() => hf.getScheduler(3 as never, opt(), 1, 10)).toThrow(TypeError);
  });

  test("each name builds HF's function with HF's arguments, positional or as options, bit for bit the function's own", () => {
    const o = { numWarmupSteps: 10, numTrainingSteps: 200 };
    const pairs: [string, hf.LRScheduler, hf.LRScheduler][] = [
      ["linear", hf.getScheduler("linear", opt(), 10, 200), hf.getLinearScheduleWithWarmup(opt(), 10, 200)],
      ["cosine", hf.getScheduler("cosine", opt(), { ...o, schedulerSpecificKwargs: { num_cycles: 1.5 } }), hf.getCosineScheduleWithWarmup(opt(), 10, 200, 1.5)],
      ["cosine_with_restarts", hf.getScheduler("cosine_with_restarts", opt(), 10, 200, { numCycles: 3 }), hf.getCosineWithHardRestartsScheduleWithWarmup(opt(), 10, 200, 3)],
      ["polynomial", hf.getScheduler("polynomial", opt(), 10, 200, { power: 2, lr_end: 1e-4 }), hf.getPolynomialDecayScheduleWithWarmup(opt(), 10, 200, 1e-4, 2)],
      ["constant", hf.getScheduler("constant", opt(), 10, 200, { whatever: 1 }), hf.getConstantSchedule(opt())],
      ["constant_with_warmup", hf.getScheduler("constant_with_warmup", opt(), 10, null, { ignored: true }), hf.getConstantScheduleWithWarmup(opt(), 10)],
      // HF passes no kwargs to inverse_sqrt: the timescale stays num_warmup_steps.
      ["inverse_sqrt", hf.getScheduler("inverse_sqrt", opt(), 10, null, { timescale: 300 }), hf.getInverseSqrtSchedule(opt(), 10)],
      ["cosine_with_min_lr", hf.getScheduler("cosine_with_min_lr", opt(), 10, 200, { min_lr: 1e-3 }), hf.getCosineWithMinLrScheduleWithWarmup(opt(), { ...o, minLr: 1e-3 })],
      ["cosine_warmup_with_min_lr", hf.getScheduler("cosine_warmup_with_min_lr", opt(), { ...o, schedulerSpecificKwargs: { minLrRate: 0.1 } }), hf.getCosineWithMinLrScheduleWithWarmupLrRate(opt(), { ...o, minLrRate: 0.1 })],
      ["warmup_stable_decay", hf.getScheduler("warmup_stable_decay", opt(), 10, null, { num_decay_steps: 50, num_stable_steps: 100 }), hf.getWsdSchedule(opt(), { numWarmupSteps: 10, numDecaySteps: 50, numStableSteps: 100 })],
    ];
    for (const [name, a, b] of pairs) {
      expect([name, a.constructor.name]).toEqual([name, b.constructor.name]);
      expect([name, Buffer.from(a.range(0, 300).buffer)]).toEqual([name, Buffer.from(b.range(0, 300).buffer)]);
    }
    expect(hf.getScheduler("inverse_sqrt", opt(), 10, null, { timescale: 300 }).range(0, 300)).not.toEqual(hf.getInverseSqrtSchedule(opt(), 10, 300).range(0, 300));
  });

  test("reduce_lr_on_plateau: ReduceLROnPlateau with the kwargs, in camelCase or PyTorch's names", () => {
    const s = hf.getScheduler("reduce_lr_on_plateau", opt(), null, null, { patience: 1, min_lr: 0.05, threshold_mode: "abs" });
    expect(s).toBeInstanceOf(hf.ReduceLROnPlateau);
    expect([s.patience, s.minLrs, s.thresholdMode]).toEqual([1, [0.05], "abs"]);
    const t = hf.getReduceOnPlateauSchedule(opt(), { patience: 1, minLr: 0.05, thresholdMode: "abs" });
    for (const m of [1, 1, 1, 1]) {
      s.step(m);
      t.step(m);
    }
    expect(s.getLastLr()).toEqual([0.05]);
    expect(t.getLastLr()).toEqual([0.05]);
  });

  test("HF's errors for a missing step count (Python 3.11's f-string of the member)", () => {
    throwsExactly(() => hf.getScheduler("cosine", opt()), TypeError, "SchedulerType.COSINE requires `num_warmup_steps`, please provide that argument.");
    throwsExactly(() => hf.getScheduler("inverse_sqrt", opt(), { numTrainingSteps: 10 }), TypeError, "SchedulerType.INVERSE_SQRT requires `num_warmup_steps`, please provide that argument.");
    throwsExactly(() => hf.getScheduler("polynomial", opt(), 10), TypeError, "SchedulerType.POLYNOMIAL requires `num_training_steps`, please provide that argument.");
    throwsExactly(() => hf.getScheduler("warmup_stable_decay", opt(), 10, null, { num_decay_steps: 5 }), RangeError, "Either num_training_steps or num_stable_steps must be specified.");
    // constant needs neither; reduce_lr_on_plateau neither.
    expect(hf.getScheduler("constant", opt()).getLastLr()).toEqual([0.1]);
  });

  test("keyword arguments: an unknown one, one given twice, and one that get_scheduler passes itself are refused", () => {
    throwsExactly(() => hf.getScheduler("cosine", opt(), 1, 10, { cycles: 2 }), TypeError, "get_cosine_schedule_with_warmup() got an unexpected option `cycles`. Known: numWarmupSteps, numTrainingSteps, numCycles, lastEpoch");
    throwsExactly(() => hf.getScheduler("cosine", opt(), 1, 10, { numCycles: 2, num_cycles: 2 }), TypeError, "get_cosine_schedule_with_warmup() got multiple values for keyword argument 'num_cycles'");
    throwsExactly(() => hf.getScheduler("linear", opt(), 1, 10, { num_warmup_steps: 2 }), TypeError, "get_linear_schedule_with_warmup() got multiple values for keyword argument 'num_warmup_steps'");
    expect(() => hf.getScheduler("cosine", opt(), { numWarmupSteps: 1, numTrainingSteps: 10, kwargs: {} } as never)).toThrow(TypeError);
    throwsExactly(() => hf.getScheduler("cosine", opt(), 1, 10, [] as never), TypeError, "Argument `scheduler_specific_kwargs` must be an object. Received: scheduler_specific_kwargs=an array of length 0");
  });
});
