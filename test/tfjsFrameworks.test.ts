/**
 * lrdecay/tfjs with the other frameworks' schedules, in real TF.js training: PyTorch-style
 * schedulers (lrdecay/torch, lrdecay/transformers) stepped by schedulerCallback, optax's schedules
 * through scheduleCallback, and the refusals when two callbacks would set one optimizer's rate.
 *
 * What each update really used is recorded inside the optimizer (tfjsHelpers' recordRates); what it
 * should have used is what PyTorch's loop feeds optimizer.step(): `param_groups[0]["lr"]` of a
 * twin scheduler built on a PyTorch-shaped optimizer and stepped in the loop's order.
 */
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import * as tfd from "@tensorflow/tfjs-data";
import { afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { ExponentialDecay } from "../src/index.js";
import { cosineDecaySchedule, warmupCosineDecaySchedule } from "../src/optax/index.js";
import { CosineAnnealingLR, CyclicLR, ExponentialLR, LinearLR, OneCycleLR, ReduceLROnPlateau, StepLR, type LRScheduler } from "../src/torch/index.js";
import { getCosineScheduleWithWarmup, getLinearScheduleWithWarmup, getReduceOnPlateauSchedule } from "../src/transformers/index.js";
import { learningRateScheduler, reduceLROnPlateau, scheduleCallback, schedulerCallback, type SchedulerLike } from "../src/tfjs.js";
import { driven, model, type Optimizer, ratesByEpoch, recordRates, resumeAt, Scripted, xs, ys } from "./tfjsHelpers.js";

beforeAll(async () => {
  await tf.setBackend("cpu");
  await tf.ready();
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** A scheduler built on an optimizer: lrdecay/torch's constructors and lrdecay/transformers' get_* functions. */
type Make = (optimizer: never) => LRScheduler;

/**
 * PyTorch's loop, on a PyTorch-shaped optimizer with one group of rate `lr`: the rate each
 * optimizer.step() reads from param_groups[0], for `epochs` epochs of `batches` updates, stepping
 * `schedulers` (each with its stepPer) in order after every update or at every epoch's end.
 */
function pytorchLoop(lr: number, schedulers: [Make, "batch" | "epoch"][], batches: number, epochs: number): number[] {
  const optimizer = { param_groups: [{ lr }], defaults: { lr } };
  const built = schedulers.map(([make, per]) => [make(optimizer as never), per] as const);
  const rates: number[] = [];
  for (let e = 0; e < epochs; e++) {
    for (let b = 0; b < batches; b++) {
      rates.push(optimizer.param_groups[0]!.lr);
      for (const [s, per] of built) if (per === "batch") s.step();
    }
    for (const [s, per] of built) if (per === "epoch") s.step();
  }
  return rates;
}

/** What an update records for a rate: Adam reads the float64 field; SGD's cached scalar holds it in float32. */
const asUsed = (name: string) => (name === "SGD" ? Math.fround : (x: number) => x);

const optimizers = [
  ["Adam", () => tf.train.adam(0.1)],
  ["SGD", () => tf.train.sgd(0.1)],
] as const;

describe("schedulerCallback steps a PyTorch scheduler where PyTorch's loop does", () => {
  test.each(optimizers)("OneCycleLR per batch with %s: update k uses getLastLr() after k steps, across epochs", async (name, make) => {
    const optimizer = driven(make());
    const log = recordRates(optimizer);
    const m = model(optimizer);
    const oneCycle = (o: never) => new OneCycleLR(o, { maxLr: 0.5, epochs: 3, stepsPerEpoch: 5, cycleMomentum: false });
    const s = oneCycle(optimizer as never);
    // The rate construction sets is the first batch's (initial_lr = max_lr / div_factor, through PyTorch's anneal).
    expect(optimizer.learningRate).toBe(s.getLastLr()[0]);
    expect(optimizer.learningRate).toBeCloseTo(0.5 / 25, 15);
    await m.fit(xs, ys, { epochs: 3, batchSize: 4, shuffle: false, callbacks: [schedulerCallback(s, { stepPer: "batch" })], verbose: 0 });
    const expected = pytorchLoop(0.1, [[oneCycle, "batch"]], 5, 3);
    expect(log.map((u) => u.rate)).toEqual(expected.map(asUsed(name)));
    // The same rates as the scheduler's own batch replay, and a real one-cycle: up to max_lr and down.
    expect(expected).toEqual(Array.from(s.range(0, 15)));
    const peak = expected.indexOf(Math.max(...expected));
    expect([peak, expected[peak]! > 0.45, expected[14]! < expected[0]!]).toEqual([4, true, true]);
    expect(s.lastEpoch).toBe(15);
    // A 16th update would need a 16th step, past total_steps: OneCycleLR's own error stops the fit.
    await expect(m.fit(xs, ys, { epochs: 1, batchSize: 20, callbacks: [schedulerCallback(s, { stepPer: "batch" })], verbose: 0 })).rejects.toThrow(
      new RangeError("Tried to step 16 times. The specified number of total steps is 15"),
    );
  });

  test.each(optimizers)("StepLR per epoch with %s: one rate an epoch, getLastLr() after `epoch` steps, and on into a second fit", async (name, make) => {
    const optimizer = driven(make());
    const log = recordRates(optimizer);
    const m = model(optimizer);
    const stepLR = (o: never) => new StepLR(o, 2, 0.5);
    const callback = schedulerCallback(stepLR(optimizer as never), { stepPer: "epoch" });
    await m.fit(xs, ys, { epochs: 3, batchSize: 4, shuffle: false, callbacks: [callback], verbose: 0 });
    await m.fit(xs, ys, { epochs: 4, batchSize: 4, shuffle: false, callbacks: [callback], verbose: 0 });
    const expected = pytorchLoop(0.1, [[stepLR, "epoch"]], 5, 7);
    expect(log.map((u) => u.rate)).toEqual(expected.map(asUsed(name)));
    expect(ratesByEpoch(log, 5, 7)).toEqual([0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.0125].map(asUsed(name)));
  });

  test("CosineAnnealingLR per epoch with Momentum (setLearningRate rebuilds its cached rate)", async () => {
    const optimizer = driven(tf.train.momentum(0.1, 0.9));
    const log = recordRates(optimizer);
    const cosine = (o: never) => new CosineAnnealingLR(o, { tMax: 4, etaMin: 0.001 });
    await model(optimizer).fit(xs, ys, { epochs: 6, batchSize: 10, callbacks: [schedulerCallback(cosine(optimizer as never), { stepPer: "epoch" })], verbose: 0 });
    expect(log.map((u) => u.rate)).toEqual(pytorchLoop(0.1, [[cosine, "epoch"]], 2, 6).map(Math.fround));
  });

  test.each(optimizers)("Hugging Face's cosine with warm-up per batch with %s, and its linear one with fitDataset", async (name, make) => {
    const optimizer = driven(make());
    const log = recordRates(optimizer);
    const hf = (o: never) => getCosineScheduleWithWarmup(o, 3, 15);
    await model(optimizer).fit(xs, ys, { epochs: 3, batchSize: 4, shuffle: false, callbacks: [schedulerCallback(hf(optimizer as never), { stepPer: "batch" })], verbose: 0 });
    const expected = pytorchLoop(0.1, [[hf, "batch"]], 5, 3);
    expect(log.map((u) => u.rate)).toEqual(expected.map(asUsed(name)));
    expect(expected.slice(0, 4)).toEqual([0, 0.1 * (1 / 3), 0.1 * (2 / 3), 0.1]); // the warm-up from 0: the lr times HF's lambda
    // fitDataset: the same callbacks, batch by batch.
    const other = driven(make());
    const otherLog = recordRates(other);
    const linear = (o: never) => getLinearScheduleWithWarmup(o, 2, 10);
    const data = tfd.zip({ xs: tfd.array(tf.unstack(xs)), ys: tfd.array(tf.unstack(ys)) }).batch(4);
    await model(other).fitDataset(data, { epochs: 2, callbacks: [schedulerCallback(linear(other as never), { stepPer: "batch" })], verbose: 0 });
    expect(otherLog.map((u) => u.rate)).toEqual(pytorchLoop(0.1, [[linear, "batch"]], 5, 2).map(asUsed(name)));
  });

  test("two schedulers on one optimizer chain as in PyTorch: a warm-up per batch, then a decay per epoch", async () => {
    // PyTorch's docs: "schedulers called back-to-back", each applied to the rate the other left.
    const optimizer = driven(tf.train.adam(0.1));
    const log = recordRates(optimizer);
    const warmUp = (o: never) => new LinearLR(o, { startFactor: 0.25, totalIters: 6 });
    const decay = (o: never) => new ExponentialLR(o, 0.5);
    const callbacks = [schedulerCallback(warmUp(optimizer as never), { stepPer: "batch" }), schedulerCallback(decay(optimizer as never), { stepPer: "epoch" })];
    await model(optimizer).fit(xs, ys, { epochs: 3, batchSize: 4, shuffle: false, callbacks, verbose: 0 });
    const expected = pytorchLoop(0.1, [[warmUp, "batch"], [decay, "epoch"]], 5, 3);
    expect(log.map((u) => u.rate)).toEqual(expected);
    // Both are in force: neither alone gives these rates.
    expect(expected).not.toEqual(pytorchLoop(0.1, [[warmUp, "batch"]], 5, 3));
    expect(expected).not.toEqual(pytorchLoop(0.1, [[decay, "epoch"]], 5, 3));
  });

  test("a scheduler of one's own (step, getLastLr, optimizer) that does not set the rate: the callback sets getLastLr()[0]", async () => {
    const optimizer = driven(tf.train.adam(0.1));
    const log = recordRates(optimizer);
    let steps = 0;
    const own: SchedulerLike = { optimizer, step: () => void steps++, getLastLr: () => [0.1 / (1 + steps)] };
    await model(optimizer).fit(xs, ys, { epochs: 2, batchSize: 5, callbacks: [schedulerCallback(own, { stepPer: "batch" })], verbose: 0 });
    expect(log.map((u) => u.rate)).toEqual([0.1, ...Array.from({ length: 7 }, (_, k) => 0.1 / (2 + k))]);
  });
});

describe("schedulerCallback with ReduceLROnPlateau: a step per epoch with the monitored metric", () => {
  /** The rate of each epoch of PyTorch's loop calling scheduler.step(metric) at each epoch's end (a missing one skipped). */
  function plateauLoop(metrics: readonly (number | undefined)[], make: (o: never) => LRScheduler): number[] {
    const optimizer = { param_groups: [{ lr: 0.1 }] };
    const s = make(optimizer as never) as ReduceLROnPlateau;
    return metrics.map((metric) => {
      const rate = optimizer.param_groups[0]!.lr;
      if (metric !== undefined) s.step(metric);
      return rate;
    });
  }

  test.each([
    ["lrdecay/torch's ReduceLROnPlateau", (o: never) => new ReduceLROnPlateau(o, { patience: 1, factor: 0.5 })],
    ["HF's getReduceOnPlateauSchedule", (o: never) => getReduceOnPlateauSchedule(o, { patience: 1, factor: 0.5 })],
  ])("%s: the rate falls where PyTorch's does, by the metric named in `monitor`", async (_, make) => {
    const scores = [1, 0.9, 0.9, 0.9, 0.8, 0.8, 0.8, 0.8];
    const optimizer = driven(tf.train.adam(0.1));
    const log = recordRates(optimizer);
    const s = make(optimizer as never);
    await model(optimizer).fit(xs, ys, {
      epochs: scores.length, batchSize: 10, callbacks: [new Scripted("score", scores), schedulerCallback(s, { monitor: "score" })], verbose: 0,
    });
    const expected = plateauLoop(scores, make);
    expect(ratesByEpoch(log, 2, scores.length)).toEqual(expected);
    // PyTorch's rule (patience 1: reduced after two epochs without improvement): 0.1 until epoch 3, then halved twice.
    expect(expected).toEqual([0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025]);
    expect(s.lastEpoch).toBe(scores.length);
  });

  test("a missing metric is warned about once and that step skipped; the default monitor is val_loss", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const scores = [1, undefined, 1, undefined, 1, 1];
    const optimizer = driven(tf.train.adam(0.1));
    const log = recordRates(optimizer);
    const make = (o: never) => new ReduceLROnPlateau(o, { patience: 1, factor: 0.5 });
    const s = make(optimizer as never);
    await model(optimizer).fit(xs, ys, { epochs: 6, batchSize: 10, callbacks: [new Scripted("val_loss", scores), schedulerCallback(s)], verbose: 0 });
    expect(ratesByEpoch(log, 2, 6)).toEqual(plateauLoop(scores, make));
    expect(s.lastEpoch).toBe(4); // two epochs skipped
    expect(optimizer.learningRate).toBe(0.05); // reduced after the third metric that did not improve
    expect(warn.mock.calls).toEqual([
      [
        "schedulerCallback(ReduceLROnPlateau(optimizer, mode='min', factor=0.5, patience=1, threshold=0.0001, threshold_mode='rel', cooldown=0, min_lr=0, eps=1e-8)) " +
          "steps on metric `val_loss`, which is not available in the epoch logs: step skipped. Available metrics are: loss.",
      ],
    ]);
  });

  test("with a real validation loss (scalar tensors in the logs), and per batch on the training loss", async () => {
    const optimizer = driven(tf.train.adam(0.1));
    const s = new ReduceLROnPlateau(optimizer as never, { patience: 0, threshold: 100, thresholdMode: "abs" });
    // threshold 100: no loss improves on the first by 100, so every later step counts as bad.
    await model(optimizer).fit(xs, ys, { epochs: 3, batchSize: 10, validationData: [xs, ys], callbacks: [schedulerCallback(s)], verbose: 0 });
    expect(typeof s.best).toBe("number");
    expect(s.lastEpoch).toBe(3);
    expect(optimizer.learningRate).toBe(0.1 * 0.1 * 0.1);
    const perBatch = driven(tf.train.adam(0.1));
    const b = new ReduceLROnPlateau(perBatch as never, { patience: 0, threshold: 100, thresholdMode: "abs" });
    await model(perBatch).fit(xs, ys, { epochs: 1, batchSize: 5, callbacks: [schedulerCallback(b, { stepPer: "batch", monitor: "loss" })], verbose: 0 });
    expect(b.lastEpoch).toBe(4);
    expect(perBatch.learningRate).toBe(0.1 * 0.1 * 0.1 * 0.1);
  });
});

describe("optax's schedules through scheduleCallback: the count is the optimizer's iterations", () => {
  test.each(optimizers)("warmup_cosine_decay_schedule with %s: update k uses schedule(k), as inject_hyperparams' count", async (_, make) => {
    const optimizer = driven(make());
    const log = recordRates(optimizer);
    const schedule = warmupCosineDecaySchedule({ initValue: 0, peakValue: 0.1, warmupSteps: 4, decaySteps: 20 });
    const m = model(optimizer);
    await m.fit(xs, ys, { epochs: 3, batchSize: 4, shuffle: false, callbacks: [scheduleCallback(schedule)], verbose: 0 });
    await m.fit(xs, ys, { epochs: 1, batchSize: 4, shuffle: false, callbacks: [scheduleCallback(schedule)], verbose: 0 });
    expect(log.map((u) => u.iteration)).toEqual(Array.from({ length: 20 }, (_, k) => k));
    // optax's float32 values, which SGD's float32 scalar holds exactly too; the same as its batch range.
    expect(log.map((u) => u.rate)).toEqual(Array.from(schedule.range(0, 20)));
    const rates = log.map((u) => u.rate);
    expect([rates[0], rates[4], rates[19]! < rates[4]!]).toEqual([0, Math.fround(0.1), true]); // warm-up from 0 to the peak, then the cosine
  });

  test("a float64 schedule (JAX with x64) feeds Adam its float64 values", async () => {
    const optimizer = driven(tf.train.adam(1));
    const log = recordRates(optimizer);
    const schedule = cosineDecaySchedule({ initValue: 0.1, decaySteps: 7, alpha: 0.1, dtype: "float64" });
    await model(optimizer).fit(xs, ys, { epochs: 2, batchSize: 4, callbacks: [scheduleCallback(schedule)], verbose: 0 });
    expect(log.map((u) => u.rate)).toEqual(Array.from(schedule.range(0, 10)));
    expect(log.some((u) => u.rate !== Math.fround(u.rate))).toBe(true);
  });

  test("past int32's last count optax refuses the count, and the fit stops there", async () => {
    const optimizer = driven(tf.train.adam(1));
    resumeAt(optimizer, 2 ** 31 - 2);
    const log = recordRates(optimizer);
    const schedule = cosineDecaySchedule(0.1, 1000);
    const fit = model(optimizer).fit(xs, ys, { epochs: 1, batchSize: 5, callbacks: [scheduleCallback(schedule)], verbose: 0 });
    await expect(fit).rejects.toThrow(RangeError);
    await expect(fit).rejects.toThrow("Argument `step` must be one of the int32 counts: integers from -2^31 to 2^31 - 1");
    expect(log.map((u) => u.iteration)).toEqual([2 ** 31 - 2, 2 ** 31 - 1]);
  });
});

describe("refusals", () => {
  const oneCycle = (o: never) => new OneCycleLR(o, { maxLr: 0.5, totalSteps: 100, cycleMomentum: false });

  test("a scheduler built on anything but the model's optimizer: a TypeError naming both, before the first batch", async () => {
    const cases: [unknown, string][] = [
      [0.1, "a learning rate (0.1)"],
      [{ param_groups: [{ lr: 0.1 }] }, "a PyTorch-shaped optimizer ({ param_groups })"],
      [tf.train.sgd(0.1), "another TF.js optimizer (SGD)"],
    ];
    for (const [builtOn, shown] of cases) {
      const optimizer = driven(tf.train.adam(0.1));
      const log = recordRates(optimizer);
      const s = oneCycle(builtOn as never);
      const fit = model(optimizer).fit(xs, ys, { epochs: 1, batchSize: 10, callbacks: [schedulerCallback(s, { stepPer: "batch" })], verbose: 0 });
      await expect(fit).rejects.toThrow(
        new TypeError(
          `schedulerCallback(${s}) steps a scheduler built on ${shown}, not on the model's optimizer Adam: the scheduler sets the rate ` +
            "of the optimizer it was built on. Build it on model.optimizer, after model.compile().",
        ),
      );
      expect(log).toEqual([]);
      expect(s.lastEpoch).toBe(0);
    }
  });

  test("schedulerCallback beside scheduleCallback on one optimizer, in either order: a TypeError naming both, before the first batch", async () => {
    const decay = new ExponentialDecay(0.1, 10, 0.5);
    for (const order of ["scheduler first", "schedule first"]) {
      const optimizer = driven(tf.train.adam(0.1));
      const log = recordRates(optimizer);
      const s = oneCycle(optimizer as never);
      const [a, b] = [schedulerCallback(s, { stepPer: "batch" }), scheduleCallback(decay)];
      const fit = model(optimizer).fit(xs, ys, { epochs: 1, batchSize: 10, callbacks: order === "scheduler first" ? [a, b] : [b, a], verbose: 0 });
      const names = order === "scheduler first" ? [`schedulerCallback(${s})`, `scheduleCallback(${decay})`] : [`scheduleCallback(${decay})`, `schedulerCallback(${s})`];
      const pair = `${names[0]} and ${names[1]} both set the learning rate of optimizer Adam in one fit`;
      await expect(fit).rejects.toThrow(TypeError);
      await expect(fit).rejects.toThrow(pair);
      await expect(fit).rejects.toThrow("each would overwrite the other's rate. Pass one");
      expect(log).toEqual([]);
      expect(s.lastEpoch).toBe(0);
    }
  });

  test.each([
    ["ReduceLROnPlateau", () => reduceLROnPlateau({ monitor: "loss", patience: 0, minDelta: 100 })],
    ["LearningRateScheduler", () => learningRateScheduler((_epoch: number, lr: number) => lr / 2)],
  ] as const)("Keras' %s beside schedulerCallback: Keras' refusal, naming the scheduler, before the first batch", async (name, make) => {
    for (const stepPer of ["batch", "epoch"] as const) {
      const optimizer = driven(tf.train.adam(0.1));
      const log = recordRates(optimizer);
      const s = new StepLR(optimizer as never, 1, 0.5);
      const fit = model(optimizer).fit(xs, ys, { epochs: 2, batchSize: 10, callbacks: [make(), schedulerCallback(s, { stepPer })], verbose: 0 });
      const when = stepPer === "batch" ? "after every batch" : "at the end of every epoch";
      await expect(fit).rejects.toThrow(TypeError);
      await expect(fit).rejects.toThrow(`${name} cannot set the learning rate of optimizer Adam: schedulerCallback(${s}) sets it ${when} of this fit`);
      expect(log).toEqual([]);
      expect(s.lastEpoch).toBe(0);
    }
  });

  test("one scheduler in two schedulerCallbacks of one fit: refused (it would step twice)", async () => {
    const optimizer = driven(tf.train.adam(0.1));
    const s = oneCycle(optimizer as never);
    const fit = model(optimizer).fit(xs, ys, {
      epochs: 1, batchSize: 10, callbacks: [schedulerCallback(s, { stepPer: "batch" }), schedulerCallback(s, { stepPer: "epoch" })], verbose: 0,
    });
    await expect(fit).rejects.toThrow(new TypeError(`Two schedulerCallbacks step the same scheduler ${s} in one fit: it would take two steps where PyTorch's loop takes one. Pass one.`));
    expect(s.lastEpoch).toBe(0);
  });

  test("after a refused fit, the next fit with the scheduler alone steps it from where it was", async () => {
    const optimizer = driven(tf.train.adam(0.1));
    const log = recordRates(optimizer);
    const m = model(optimizer);
    const s = oneCycle(optimizer as never);
    await expect(m.fit(xs, ys, { epochs: 1, callbacks: [schedulerCallback(s, { stepPer: "batch" }), scheduleCallback(() => 0.1)], verbose: 0 })).rejects.toThrow(TypeError);
    await m.fit(xs, ys, { epochs: 1, batchSize: 5, callbacks: [schedulerCallback(s, { stepPer: "batch" })], verbose: 0 });
    expect(log.map((u) => u.rate)).toEqual(Array.from(s.range(0, 4)));
  });

  test("bad arguments, by name", () => {
    const s = new StepLR(driven(tf.train.adam(0.1)) as never, 1);
    const plateau = new ReduceLROnPlateau(driven(tf.train.adam(0.1)) as never);
    expect(() => schedulerCallback(new ExponentialDecay(0.1, 10, 0.5) as never, { stepPer: "batch" })).toThrow(
      new TypeError(
        "Argument `scheduler` must be a PyTorch-style scheduler with step() and getLastLr() (lrdecay/torch's, or lrdecay/transformers' get_* " +
          "functions'); for a schedule of the step (Keras', optax's, a function), use scheduleCallback. Received: scheduler=a function",
      ),
    );
    expect(() => schedulerCallback(null as never)).toThrow("Received: scheduler=null");
    expect(() => schedulerCallback(s)).toThrow(
      new TypeError(
        'schedulerCallback needs `stepPer` for StepLR: "batch" if your PyTorch loop calls scheduler.step() after every optimizer.step() ' +
          "(OneCycleLR, CyclicLR, Hugging Face's schedules), \"epoch\" if it calls it once an epoch (a StepLR or CosineAnnealingLR whose " +
          "step_size or T_max counts epochs).",
      ),
    );
    expect(() => schedulerCallback(s, { stepPer: "step" as never })).toThrow(new RangeError('Argument `stepPer` must be "batch" or "epoch". Received: stepPer="step" (string)'));
    expect(() => schedulerCallback(s, { stepPer: 1 as never })).toThrow(new TypeError('Argument `stepPer` must be "batch" or "epoch". Received: stepPer=1'));
    expect(() => schedulerCallback(s, { stepPer: "epoch", monitor: "loss" })).toThrow(
      new TypeError('schedulerCallback got `monitor` for StepLR: only ReduceLROnPlateau steps with a metric. Received: monitor="loss" (string)'),
    );
    expect(() => schedulerCallback(s, { step_per: "batch" } as never)).toThrow(
      new TypeError("schedulerCallback got an unexpected option `step_per` (`step_per` is `stepPer` here). Known: stepPer, monitor"),
    );
    expect(() => schedulerCallback(plateau, { monitor: "" })).toThrow(new RangeError('Argument `monitor` must be the name of a metric in the epoch logs. Received: monitor=""'));
    expect(() => schedulerCallback(plateau, { monitor: 1 as never })).toThrow(new TypeError("Argument `monitor` must be a string. Received: monitor=1"));
    const defaults = schedulerCallback(plateau);
    expect([defaults.stepPer, defaults.monitor]).toEqual(["epoch", "val_loss"]);
    expect(schedulerCallback(s, { stepPer: "epoch" }).monitor).toBe(null);
  });

  test("a monitored value that is not a number is a TypeError", async () => {
    const optimizer = driven(tf.train.adam(0.1));
    const callback = schedulerCallback(new ReduceLROnPlateau(optimizer as never), { monitor: "loss" });
    callback.setModel(model(optimizer));
    await expect(callback.onEpochEnd(0, { loss: "low" } as never)).rejects.toThrow("monitors `loss`, which must be a number or a scalar tensor in the epoch logs. Received: \"low\" (string)");
    await expect(schedulerCallback(new StepLR(0.1, 1), { stepPer: "epoch" }).onEpochEnd(0, {})).rejects.toThrow("SchedulerCallback has no model");
  });
});

describe("momentum: what TF.js lets a scheduler change (the documented limitation)", () => {
  test("OneCycleLR and CyclicLR on a TF.js optimizer need cycleMomentum: false (PyTorch's refusal: the groups hold no momentum)", () => {
    const refusal = new RangeError("optimizer must support momentum or beta1 with `cycle_momentum` option enabled");
    for (const make of [() => tf.train.momentum(0.1, 0.9), () => tf.train.adam(0.1)]) {
      expect(() => new OneCycleLR(make() as never, { maxLr: 0.5, totalSteps: 10 })).toThrow(refusal);
      expect(() => new CyclicLR(make() as never, 0.01, 0.1)).toThrow(refusal);
      expect(new CyclicLR(make() as never, { baseLr: 0.01, maxLr: 0.1, cycleMomentum: false }).getLastLr()).toEqual([0.01]);
    }
  });

  test("TF.js' Momentum ignores setMomentum: its update keeps the momentum it was built with", () => {
    // loss = w from w = 0: gradient 1. Two updates with momentum 0.9, the second after setMomentum(0):
    // the accumulation is 0.9 * 1 + 1 = 1.9 (the built momentum), not 0 * 1 + 1 = 1.
    const optimizer = tf.train.momentum(1, 0.9);
    const w = tf.variable(tf.scalar(0));
    optimizer.minimize(() => tf.sum(w) as tf.Scalar);
    optimizer.setMomentum(0);
    optimizer.minimize(() => tf.sum(w) as tf.Scalar);
    expect(w.dataSync()[0]).toBe(Math.fround(-1 - Math.fround(Math.fround(0.9) + 1)));
    expect(w.dataSync()[0]).not.toBe(-2);
    w.dispose();
  });
});
