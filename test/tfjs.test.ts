import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import * as tfd from "@tensorflow/tfjs-data";
import * as tfl from "@tensorflow/tfjs-layers";
import { afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { CosineDecay, ExponentialDecay, LearningRateSchedule, SCHEDULES, serialize, type ScheduleName } from "../src/index.js";
import {
  applySchedule, learningRateScheduler, LearningRateScheduler, reduceLROnPlateau, ReduceLROnPlateau, scheduleCallback,
  type ReduceLROnPlateauOptions,
} from "../src/tfjs.js";
import { build, exampleOf, type AnySchedule } from "./registry.js";
import { driven, model, type Optimizer, ratesByEpoch, recordRates, resumeAt, Scripted, xs, ys } from "./tfjsHelpers.js";

beforeAll(async () => {
  await tf.setBackend("cpu");
  await tf.ready();
});

const schedule = new ExponentialDecay(0.1, 3, 0.5);

function expectScheduleInForce(log: { iteration: number; rate: number }[], from: number, count: number): void {
  expect(log.map((e) => e.iteration)).toEqual(Array.from({ length: count }, (_, i) => from + i));
  for (const { iteration, rate } of log) expect([iteration, rate]).toEqual([iteration, schedule(iteration)]);
}

describe("scheduleCallback with model.fit", () => {
  test.each([
    ["Adam", () => tf.train.adam(1)],
    ["SGD", () => tf.train.sgd(1)],
    ["Momentum", () => tf.train.momentum(1, 0.9)],
    ["RMSProp", () => tf.train.rmsprop(1)],
    ["Adagrad", () => tf.train.adagrad(1)],
    ["Adadelta", () => tf.train.adadelta(1)],
    ["Adamax", () => tf.train.adamax(1)],
  ])("%s: the rate in force at every iteration is schedule(iteration), across epochs and a second fit", async (_, make) => {
    const optimizer = driven(make());
    const log = recordRates(optimizer);
    const m = model(optimizer);
    const callback = scheduleCallback(schedule);
    await m.fit(xs, ys, { epochs: 3, batchSize: 4, shuffle: false, callbacks: [callback], verbose: 0 });
    expectScheduleInForce(log, 0, 15); // 20 samples in batches of 4: 5 updates an epoch
    await m.fit(xs, ys, { epochs: 2, batchSize: 5, shuffle: false, callbacks: [callback], verbose: 0 });
    expectScheduleInForce(log, 0, 23); // the global step goes on: 15 + 2 * 4
  });

  test("accepts Keras JSON instead of a schedule", async () => {
    const optimizer = driven(tf.train.adam(1));
    const log = recordRates(optimizer);
    await model(optimizer).fit(xs, ys, { epochs: 1, batchSize: 10, callbacks: scheduleCallback(JSON.stringify(serialize(schedule))), verbose: 0 });
    expectScheduleInForce(log, 0, 2);
  });

  test("accepts any Keras JSON loadSchedule reads: an optimizer config, a model config", async () => {
    const serialized = serialize(schedule);
    const optimizerJson = { module: "keras.optimizers", class_name: "SGD", config: { name: "SGD", learning_rate: serialized, momentum: 0.0 }, registered_name: null };
    const modelJson = { class_name: "Sequential", config: { layers: [] }, compile_config: { optimizer: optimizerJson, loss: "mse" } };
    for (const json of [optimizerJson, JSON.stringify(optimizerJson), modelJson, { lr: serialized }]) {
      const optimizer = driven(tf.train.adam(1));
      const log = recordRates(optimizer);
      await model(optimizer).fit(xs, ys, { epochs: 2, batchSize: 10, shuffle: false, callbacks: [scheduleCallback(json)], verbose: 0 });
      expectScheduleInForce(log, 0, 4);
      expect(applySchedule(driven(tf.train.sgd(1)), json)).toBe(schedule(0));
    }
    // An optimizer whose rate is a plain number holds no schedule: loadSchedule's error, not "Unknown class SGD".
    expect(() => scheduleCallback({ class_name: "SGD", config: { learning_rate: 0.01 } })).toThrow(
      "The JSON holds no learning rate schedule: its optimizer's learning rate is a plain number (config.learning_rate=0.01).",
    );
  });

  test("accepts a plain function (step) => rate, and a schedule of one's own", async () => {
    class Halving extends LearningRateSchedule {
      override compute(step: number): number {
        return 0.1 / 2 ** Math.floor(step / 3);
      }
    }
    const own = new Halving();
    for (const given of [(step: number) => 0.1 / (1 + step), own]) {
      const optimizer = driven(tf.train.sgd(1));
      const log = recordRates(optimizer);
      await model(optimizer).fit(xs, ys, { epochs: 2, batchSize: 5, shuffle: false, callbacks: [scheduleCallback(given)], verbose: 0 });
      expect(log.map((e) => e.iteration)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      // SGD's cached scalar holds -rate in float32.
      for (const { iteration, rate } of log) expect([iteration, rate]).toEqual([iteration, Math.fround(given(iteration))]);
    }
    const optimizer = driven(tf.train.adam(1));
    expect(applySchedule(optimizer, (step) => 0.5 / (step + 1))).toBe(0.5);
    expect(() => applySchedule(optimizer, () => "fast" as never)).toThrow("The learning rate function must return a finite number. Received at step 0: \"fast\" (string)");
  });

  test("with model.fitDataset", async () => {
    const optimizer = driven(tf.train.sgd(1));
    const log = recordRates(optimizer);
    const data = tfd.zip({ xs: tfd.array(tf.unstack(xs)), ys: tfd.array(tf.unstack(ys)) }).batch(4);
    await model(optimizer).fitDataset(data, { epochs: 2, callbacks: [scheduleCallback(schedule)], verbose: 0 });
    expectScheduleInForce(log, 0, 10);
  });
});

describe("applySchedule in a custom loop", () => {
  test("sets the rate for the optimizer's current step before each minimize", () => {
    const optimizer = driven(tf.train.sgd(1));
    const log = recordRates(optimizer);
    const w = tf.variable(tf.scalar(3));
    for (let i = 0; i < 8; i++) {
      expect(applySchedule(optimizer, schedule)).toBe(schedule(i));
      optimizer.minimize(() => tf.square(w) as tf.Scalar);
    }
    expectScheduleInForce(log, 0, 8);
  });

  test("a decaying schedule trains differently from a constant rate, by the hand-computed updates", () => {
    // loss = (w - 2)^2 from w = 0: gradient 2 (w - 2); SGD: w <- w + (-rate) * gradient in float32.
    const run = (rate: (step: number) => number) => {
      const optimizer = driven(tf.train.sgd(1));
      const w = tf.variable(tf.scalar(0));
      for (let i = 0; i < 3; i++) {
        applySchedule(optimizer, { module: "keras.optimizers.schedules", class_name: "ExponentialDecay", config: { initial_learning_rate: rate(0), decay_steps: 1, decay_rate: rate(1) / rate(0) } });
        optimizer.minimize(() => tf.square(tf.sub(w, 2)) as tf.Scalar);
      }
      return w.dataSync()[0]!;
    };
    const decayed = run((i) => 0.1 * 0.5 ** i);
    const constant = run(() => 0.1);
    let w = 0;
    for (let i = 0; i < 3; i++) {
      const gradient = Math.fround(2 * Math.fround(w - 2));
      w = Math.fround(w + Math.fround(-new ExponentialDecay(0.1, 1, 0.5)(i) * gradient));
    }
    expect(decayed).toBe(w);
    expect(decayed).not.toBe(constant);
  });
});

describe("refused optimizers", () => {
  test("an optimizer with no learning rate to drive is a TypeError, not silence", () => {
    const custom = { iterations: 0, getClassName: () => "MyOptimizer" };
    expect(() => applySchedule(custom as never, schedule)).toThrow(TypeError);
    expect(() => applySchedule(custom as never, schedule)).toThrow("lrdecay cannot drive the learning rate of optimizer MyOptimizer");
    expect(() => applySchedule({} as never, schedule)).toThrow("Argument `optimizer` must be a TensorFlow.js optimizer");
  });

  test("a callback given no model and no optimizer says what to do", async () => {
    await expect(scheduleCallback(schedule).onBatchBegin(0)).rejects.toThrow(
      "ScheduleCallback found no optimizer: pass it as scheduleCallback(schedule, { optimizer }).",
    );
  });

  test("a callback given an optimizer drives it without a model", async () => {
    const optimizer = driven(tf.train.adam(1));
    await scheduleCallback(schedule, { optimizer }).onBatchBegin(0);
    expect(optimizer.learningRate).toBe(schedule(0));
  });
});

describe("the README", () => {
  test("'Train with TensorFlow.js' runs as written, with the schedule in force", async () => {
    const { execFileSync } = await import("node:child_process");
    const { mkdirSync, readFileSync, writeFileSync, rmSync } = await import("node:fs");
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const code = /<!-- tfjs-example:start -->\n```js\n([\s\S]*?)```\n<!-- tfjs-example:end -->/.exec(readme)![1]!;
    // Inside the package, "lrdecay" resolves to the built package itself (npm test builds first).
    mkdirSync(new URL("../test-results/", import.meta.url), { recursive: true });
    const file = new URL("../test-results/readme-tfjs.mjs", import.meta.url);
    writeFileSync(file, code);
    try {
      const output = execFileSync(process.execPath, [file.pathname], { encoding: "utf8" });
      expect(output.trim().split("\n").pop()).toBe("40 true");
    } finally {
      rmSync(file);
    }
  });
});

describe("scheduleCallback and applySchedule with every schedule class in the registry", () => {
  /**
   * Where the short run starts: a few steps before the schedule's value first changes (a real
   * change to drive, not only a constant), by resuming the optimizer's step count there.
   */
  function startNearChange(s: AnySchedule): number {
    const rates = s.range(0, 1 << 16);
    const change = rates.findIndex((r, i) => i > 0 && !Object.is(r, rates[i - 1]));
    return change <= 0 ? 0 : Math.max(0, change - 3);
  }

  test.each(Object.entries(SCHEDULES).flatMap(([name]) => [
    [name, "Adam", () => tf.train.adam(1)],
    [name, "SGD", () => tf.train.sgd(1)],
  ] as const))("%s with %s in model.fit: every update's rate is schedule(iteration)", async (name, _, make) => {
    const s = build(name as ScheduleName, exampleOf(name as ScheduleName));
    const start = startNearChange(s);
    const optimizer = driven(make());
    resumeAt(optimizer, start);
    const log = recordRates(optimizer);
    await model(optimizer).fit(xs, ys, { epochs: 2, batchSize: 4, shuffle: false, callbacks: [scheduleCallback(s)], verbose: 0 });
    expect(log.map((e) => e.iteration)).toEqual(Array.from({ length: 10 }, (_, i) => start + i));
    // A float32 schedule's values are float32 already: SGD's cached scalar holds them exactly.
    for (const { iteration, rate } of log) expect([iteration, rate]).toEqual([iteration, s(iteration)]);
  });

  test.each(Object.keys(SCHEDULES))("%s with applySchedule in a custom loop", (name) => {
    const s = build(name as ScheduleName, exampleOf(name as ScheduleName));
    const start = startNearChange(s);
    const optimizer = driven(tf.train.sgd(1));
    resumeAt(optimizer, start);
    const log = recordRates(optimizer);
    const w = tf.variable(tf.scalar(3));
    for (let i = 0; i < 6; i++) {
      expect(applySchedule(optimizer, s)).toBe(s(start + i));
      optimizer.minimize(() => tf.square(w) as tf.Scalar);
    }
    expect(log).toEqual(Array.from({ length: 6 }, (_, i) => ({ iteration: start + i, rate: s(start + i) })));
    w.dispose();
  });
});


afterEach(() => {
  vi.restoreAllMocks();
});

describe("learningRateScheduler (Keras' LearningRateScheduler)", () => {
  test("Keras' docstring example: SGD at 0.01, lr * exp(-0.1) from epoch 10; after 15 epochs the rate rounds to 0.00607", async () => {
    // model = Sequential([Dense(10)]); fit(np.arange(100).reshape(5, 20), np.zeros(5), epochs=15)
    const optimizer = driven(tf.train.sgd(0.01));
    const log = recordRates(optimizer);
    const m = tfl.sequential({ layers: [tfl.layers.dense({ units: 10, inputShape: [20] })] });
    m.compile({ optimizer, loss: "meanSquaredError" });
    const round5 = (x: number) => Math.round(x * 1e5) / 1e5;
    expect(round5(optimizer.learningRate)).toBe(0.01);
    const scheduler = (epoch: number, lr: number) => (epoch < 10 ? lr : lr * Math.exp(-0.1));
    const x = tf.tensor2d(Array.from({ length: 100 }, (_, i) => i), [5, 20]);
    const y = tf.zeros([5, 10]);
    // Batches of 2 (Keras' example has one batch an epoch): 3 updates in every epoch.
    const history = await m.fit(x, y, { epochs: 15, batchSize: 2, callbacks: [learningRateScheduler(scheduler)], verbose: 0 });
    // Keras reads its float32 variable, computes in float64 and stores float32 again; so here.
    const expected: number[] = [];
    let rate = Math.fround(0.01);
    for (let epoch = 0; epoch < 15; epoch++) expected.push((rate = Math.fround(scheduler(epoch, rate))));
    expect(ratesByEpoch(log, 3, 15)).toEqual(expected);
    expect(log.map((u) => u.iteration)).toEqual(Array.from({ length: 45 }, (_, i) => i));
    expect(expected[14]).toBe(0.006065306719392538);
    expect(round5(optimizer.learningRate)).toBe(0.00607);
    expect(optimizer.learningRate).toBe(expected[14]);
    expect(history.history.learning_rate).toEqual(expected); // Keras adds learning_rate to the logs
    x.dispose();
    y.dispose();
  });

  test("Keras' tests: the one-argument form, verbose, a rate from the previous one, learning_rate in the History", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    // test_updates_learning_rate: lambda step: 1.0 / (2.0 + step), one epoch -> 0.5
    const sgd = driven(tf.train.sgd(1));
    await model(sgd).fit(xs, ys, { epochs: 1, callbacks: [learningRateScheduler((epoch) => 1.0 / (2.0 + epoch), { verbose: 1 })], verbose: 0 });
    expect(sgd.learningRate).toBe(0.5);
    // test_verbose_logging: "LearningRateScheduler setting learning rate to 1.0", Python's float repr
    await model(sgd).fit(xs, ys, { epochs: 2, callbacks: [learningRateScheduler((epoch) => [1, 1e-5][epoch]!, { verbose: 1 })], verbose: 0 });
    expect(log.mock.calls).toEqual([
      ["\nEpoch 1: LearningRateScheduler setting learning rate to 0.5."],
      ["\nEpoch 1: LearningRateScheduler setting learning rate to 1.0."],
      ["\nEpoch 2: LearningRateScheduler setting learning rate to 1e-05."],
    ]);
    // test_schedule_dependent_on_previous_learning_rate: Adam(0.03), lr / 2 for 2 epochs -> 0.03 / 4
    const adam = driven(tf.train.adam(0.03));
    const m = model(adam);
    await m.fit(xs, ys, { epochs: 2, callbacks: [learningRateScheduler((_, lr) => lr / 2)], verbose: 0 });
    expect(adam.learningRate).toBe(Math.fround(0.03 / 4));
    expect(m.optimizer).toBe(adam);
    // test_learning_rate_in_history: lambda step, lr: 0.5
    const history = await model(driven(tf.train.sgd(1))).fit(xs, ys, { epochs: 1, callbacks: [learningRateScheduler(() => 0.5)], verbose: 0 });
    expect(history.history.learning_rate).toEqual([0.5]);
  });

  test("the schedule gets the epoch fit counts (from initialEpoch) and the float32 rate in force", async () => {
    const calls: [number, number][] = [];
    const optimizer = driven(tf.train.adam(0.1));
    const log = recordRates(optimizer);
    const callback = learningRateScheduler((epoch, lr) => {
      calls.push([epoch, lr]);
      return lr * 0.3;
    });
    await model(optimizer).fit(xs, ys, { epochs: 5, initialEpoch: 3, batchSize: 10, callbacks: [callback], verbose: 0 });
    const first = Math.fround(Math.fround(0.1) * 0.3);
    expect(calls).toEqual([[3, Math.fround(0.1)], [4, first]]);
    expect(ratesByEpoch(log, 2, 2)).toEqual([first, Math.fround(first * 0.3)]);
  });

  test("an lrdecay schedule works as Keras' one-argument form: the rate at the epoch", async () => {
    const perEpoch = new ExponentialDecay(0.1, 1, 0.5);
    const optimizer = driven(tf.train.momentum(1, 0.9));
    const log = recordRates(optimizer);
    await model(optimizer).fit(xs, ys, { epochs: 4, batchSize: 5, callbacks: [learningRateScheduler(perEpoch)], verbose: 0 });
    expect(ratesByEpoch(log, 4, 4)).toEqual([0, 1, 2, 3].map((e) => perEpoch(e)));
  });

  test("changes the rate of the model's own optimizer: Adam's moments carry on", async () => {
    const optimizer = driven(tf.train.adam(0.1));
    const m = model(optimizer);
    await m.fit(xs, ys, { epochs: 1, batchSize: 10, verbose: 0 });
    const before = await optimizer.getWeights();
    const moments = before.slice(1).map((w) => w.tensor);
    const values = moments.map((t) => Array.from(t.dataSync()));
    await m.fit(xs, ys, { epochs: 2, batchSize: 10, callbacks: [learningRateScheduler((_, lr) => lr / 10)], verbose: 0 });
    expect(m.optimizer).toBe(optimizer);
    expect(optimizer.iterations).toBe(6);
    expect(optimizer.learningRate).toBe(Math.fround(Math.fround(Math.fround(0.1) / 10) / 10));
    const after = (await optimizer.getWeights()).slice(1).map((w) => w.tensor);
    expect(after.length).toBe(moments.length);
    after.forEach((t, i) => {
      expect(t).toBe(moments[i]); // the same variables, updated in place
      expect(t.isDisposed).toBe(false);
      expect(Array.from(t.dataSync())).not.toEqual(values[i]);
    });
  });

  test("refuses bad arguments by name, and a schedule's bad result at the epoch it comes", async () => {
    expect(() => learningRateScheduler(0.1 as never)).toThrow(new TypeError("Argument `schedule` must be a function (epoch, lr) => rate. Received: schedule=0.1"));
    expect(() => learningRateScheduler(undefined as never)).toThrow("Received: schedule=undefined");
    expect(() => new LearningRateScheduler(() => 1, { verbose: -1 })).toThrow(new RangeError("Argument `verbose` must be an integer >= 0. Received: verbose=-1"));
    expect(() => learningRateScheduler(() => 1, { verbose: 0.5 })).toThrow(RangeError);
    expect(() => learningRateScheduler(() => 1, { verbose: "1" as never })).toThrow(new TypeError('Argument `verbose` must be a number. Received: verbose="1" (string)'));
    expect(() => learningRateScheduler(() => 1, { verbos: 1 } as never)).toThrow(new TypeError("LearningRateScheduler got an unexpected option `verbos`. Known: verbose"));
    expect(() => learningRateScheduler(() => 1, null as never)).toThrow(TypeError);
    const fit = (schedule: (epoch: number) => unknown) =>
      model(driven(tf.train.sgd(1))).fit(xs, ys, { epochs: 3, callbacks: [learningRateScheduler(schedule as never)], verbose: 0 });
    await expect(fit((epoch) => (epoch < 2 ? 0.1 : "0.01"))).rejects.toThrow(
      new TypeError('The output of the `schedule` function must be a number. Received at epoch 2: "0.01" (string)'),
    );
    await expect(fit(() => NaN)).rejects.toThrow(new RangeError("The output of the `schedule` function must be finite. Received at epoch 0: NaN"));
    await expect(fit(() => Infinity)).rejects.toThrow(RangeError);
    await expect(fit(() => undefined)).rejects.toThrow(TypeError);
    await expect(learningRateScheduler(() => 1).onEpochBegin(0)).rejects.toThrow("LearningRateScheduler has no model");
  });
});


/**
 * Fits for as many epochs as `values` (SGD from 0.1, two updates an epoch) with reduceLROnPlateau
 * monitoring "score" = values[epoch]; returns the rate in force in every epoch and after the
 * last, and the epochs at whose end the rate was reduced.
 */
async function plateau(values: readonly (number | undefined)[], options: ReduceLROnPlateauOptions, initialRate = 0.1) {
  const optimizer = driven(tf.train.sgd(initialRate));
  const log = recordRates(optimizer);
  const callback = reduceLROnPlateau({ monitor: "score", ...options });
  const history = await model(optimizer).fit(xs, ys, {
    epochs: values.length, batchSize: 10, shuffle: false, callbacks: [new Scripted("score", values), callback], verbose: 0,
  });
  const rates = ratesByEpoch(log, 2, values.length);
  const final = Math.fround(optimizer.learningRate);
  expect(history.history.learning_rate).toEqual(rates); // the rate in force, logged before reducing
  const reducedAt = [...rates.slice(1), final].flatMap((r, e) => (r !== rates[e] ? [e] : []));
  return { rates, final, reducedAt, callback };
}

/** Keras' chain of rates: float32 read, times factor in float64, floor, float32 stored. */
function chain(initial: number, factor: number, n: number, minLr = 0): number[] {
  const out = [Math.fround(initial)];
  while (out.length <= n) out.push(Math.fround(Math.max(out.at(-1)! * factor, minLr)));
  return out;
}

describe("reduceLROnPlateau (Keras' ReduceLROnPlateau)", () => {
  // Keras' reduce_lr_on_plateau_test.py: Adam(0.1), monitor val_loss, min_delta=100 (no epoch after
  // the first improves by 100), on a real validation loss.
  const fitAdam = async (options: ReduceLROnPlateauOptions, epochs: number) => {
    const optimizer = driven(tf.train.adam(0.1));
    const m = model(optimizer);
    const history = await m.fit(xs, ys, { epochs, batchSize: 10, validationData: [xs, ys], callbacks: [reduceLROnPlateau(options)], verbose: 0 });
    expect(m.optimizer).toBe(optimizer);
    return { optimizer, history: history.history };
  };

  test("Keras' test_reduces_lr_with_model_fit and test_verbose_logging: 0.1 -> 0.01 at the end of epoch 2", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const { optimizer, history } = await fitAdam({ patience: 1, factor: 0.1, monitor: "val_loss", minDelta: 100, verbose: 1 }, 2);
    expect(optimizer.learningRate).toBe(Math.fround(0.01));
    expect(history.learning_rate).toEqual([Math.fround(0.1), Math.fround(0.1)]);
    // Keras prints the float64 product of the float32 rate: float(float32(0.1)) * 0.1.
    expect(log.mock.calls).toEqual([["\nEpoch 2: ReduceLROnPlateau reducing learning rate to 0.010000000149011612."]]);
  });

  test("Keras' test_honors_min_lr: min_lr=0.005 over 4 epochs", async () => {
    const { optimizer, history } = await fitAdam({ patience: 1, factor: 0.1, monitor: "val_loss", minDelta: 10, minLr: 0.005 }, 4);
    expect(optimizer.learningRate).toBe(Math.fround(0.005));
    expect(history.learning_rate).toEqual([0.1, 0.1, 0.01, 0.005].map(Math.fround));
  });

  test("Keras' test_cooldown: cooldown=2 over 4 epochs reduces twice, to 0.001", async () => {
    const { optimizer, history } = await fitAdam({ patience: 1, factor: 0.1, monitor: "val_loss", minDelta: 100, cooldown: 2 }, 4);
    expect(optimizer.learningRate).toBeCloseTo(0.001, 9);
    expect(optimizer.learningRate).toBe(chain(0.1, 0.1, 2)[2]);
    expect(history.learning_rate).toEqual([0.1, 0.1, 0.01, 0.01].map(Math.fround));
  });

  test("Keras' test_state_reset_across_fit_calls: every fit starts with no best and both counters at 0", async () => {
    const callback = reduceLROnPlateau({ patience: 1, factor: 0.1, monitor: "loss", minDelta: 0, cooldown: 2 });
    callback.setModel(model(driven(tf.train.sgd(0.1))));
    await callback.onTrainBegin();
    await callback.onEpochEnd(0, { loss: 0.5 });
    await callback.onEpochEnd(1, { loss: 0.5 });
    expect([callback.best, callback.wait, callback.cooldownCounter]).toEqual([0.5, 0, 2]);
    await callback.onEpochEnd(2, { loss: 0.7 });
    expect([callback.best, callback.wait, callback.cooldownCounter]).toEqual([0.5, 0, 1]);
    await callback.onTrainBegin();
    expect([callback.best, callback.wait, callback.cooldownCounter]).toEqual([null, 0, 0]);
  });

  test("patience: reduced after `patience` epochs without improvement, counting again from each improvement", async () => {
    const { reducedAt, rates, final } = await plateau([1, 0.9, 0.9, 0.9, 0.8, 0.8, 0.8, 0.8, 0.8], { patience: 2, factor: 0.5, minDelta: 0 });
    expect(reducedAt).toEqual([3, 6, 8]);
    const r = chain(0.1, 0.5, 3);
    expect([...rates, final]).toEqual([r[0], r[0], r[0], r[0], r[1], r[1], r[1], r[2], r[2], r[3]]);
  });

  test("patience 0 reduces at every epoch that does not improve; the first epoch always improves", async () => {
    expect((await plateau([3, 3, 2, 2, 2], { patience: 0 })).reducedAt).toEqual([1, 3, 4]);
  });

  test("cooldown: after a reduction, `cooldown` epochs pass before the wait counts again (Keras' counters)", async () => {
    const flat = Array<number>(9).fill(1);
    expect((await plateau(flat, { patience: 1, cooldown: 2 })).reducedAt).toEqual([1, 3, 5, 7]);
    expect((await plateau(flat, { patience: 1, cooldown: 3 })).reducedAt).toEqual([1, 4, 7]);
    // Keras counts the cooldown down before it looks at the metric: a cooldown of 1 changes nothing.
    expect((await plateau(flat, { patience: 2, cooldown: 1 })).reducedAt).toEqual([2, 4, 6, 8]);
    expect((await plateau(flat, { patience: 2, cooldown: 0 })).reducedAt).toEqual([2, 4, 6, 8]);
    // An improvement during a cooldown still becomes the best; the cooldown ends all the same.
    const { reducedAt, callback } = await plateau([1, 1, 0.5, 0.6, 0.6], { patience: 1, cooldown: 2 });
    expect(reducedAt).toEqual([1, 3]);
    expect(callback.best).toBe(0.5);
  });

  test("minLr: the rate stops at the floor; once there, no more reductions (and the wait keeps counting)", async () => {
    const { rates, final, reducedAt, callback } = await plateau([1, 1, 1, 1, 1], { patience: 0, factor: 0.1, minLr: 0.003 });
    expect([...rates, final]).toEqual([0.1, 0.1, 0.01, 0.003, 0.003, 0.003].map(Math.fround));
    expect(reducedAt).toEqual([1, 2]);
    expect(callback.wait).toBe(2);
  });

  test("factor 0 drops straight to minLr", async () => {
    expect((await plateau([1, 1], { patience: 1, factor: 0, minLr: 1e-4 })).final).toBe(Math.fround(1e-4));
  });

  test('mode "max", and "auto" reading "acc" in the name (any case) as max, anything else as min', async () => {
    const rising = [0.1, 0.2, 0.3, 0.4];
    expect((await plateau(rising, { patience: 1, mode: "max" })).reducedAt).toEqual([]);
    expect((await plateau(rising, { patience: 1, mode: "min" })).reducedAt).toEqual([1, 2, 3]);
    expect((await plateau(rising, { patience: 1, mode: "auto" })).reducedAt).toEqual([1, 2, 3]); // "score": min
    expect((await plateau([0.4, 0.3, 0.2], { patience: 1, mode: "max" })).reducedAt).toEqual([1, 2]);
    for (const monitor of ["acc", "val_acc", "categoricalAccuracy", "val_binaryAccuracy"]) {
      const callback = reduceLROnPlateau({ monitor, patience: 1 });
      callback.setModel(model(driven(tf.train.sgd(0.1))));
      await callback.onTrainBegin();
      for (const [epoch, value] of rising.entries()) await callback.onEpochEnd(epoch, { [monitor]: value });
      expect([monitor, callback.best, (callback.model!.optimizer as Optimizer).learningRate]).toEqual([monitor, 0.4, 0.1]);
    }
  });

  test("minDelta: an improvement must beat the best by more than minDelta, computed as Keras does", async () => {
    // Keras: less(current - (-min_delta), best). 0.75 + 0.25 == 1 is not < 1; 0.75 + 0.125 is.
    expect((await plateau([1, 0.75], { patience: 1, minDelta: 0.25 })).reducedAt).toEqual([1]);
    expect((await plateau([1, 0.75], { patience: 1, minDelta: 0.125 })).reducedAt).toEqual([]);
    // max: greater(current - min_delta, best)
    expect((await plateau([1, 1.25], { patience: 1, minDelta: 0.25, mode: "max" })).reducedAt).toEqual([1]);
    expect((await plateau([1, 1.25], { patience: 1, minDelta: 0.125, mode: "max" })).reducedAt).toEqual([]);
    // The default 1e-4: a slow decline by 5e-5 an epoch is a plateau.
    expect((await plateau([1, 1 - 5e-5, 1 - 10e-5, 1 - 15e-5], { patience: 2 })).reducedAt).toEqual([2]);
  });

  test("a missing metric is warned about (once, in Keras' words) and skipped: no error, no reduction, counters kept", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const { reducedAt, callback } = await plateau([1, undefined, undefined, 1, 1], { patience: 2 });
    // Epochs 1 and 2 are skipped: the wait reaches 2 only at epoch 4.
    expect(reducedAt).toEqual([4]);
    expect(callback.best).toBe(1);
    expect(warn.mock.calls).toEqual([
      ["Learning rate reduction is conditioned on metric `score` which is not available. Available metrics are: loss,learning_rate."],
    ]);
    warn.mockClear();
    const optimizer = driven(tf.train.adam(0.1));
    await model(optimizer).fit(xs, ys, { epochs: 3, callbacks: [reduceLROnPlateau({ patience: 0 })], verbose: 0 });
    expect(optimizer.learningRate).toBe(0.1);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toContain("metric `val_loss` which is not available");
  });

  test("with model.fitDataset, and a real metric: val_loss as scalar tensors in the logs", async () => {
    const optimizer = driven(tf.train.rmsprop(0.1));
    const log = recordRates(optimizer);
    const data = tfd.zip({ xs: tfd.array(tf.unstack(xs)), ys: tfd.array(tf.unstack(ys)) }).batch(10);
    const callback = reduceLROnPlateau({ patience: 1, minDelta: 100 });
    await model(optimizer).fitDataset(data, { epochs: 3, validationData: data, callbacks: [callback], verbose: 0 });
    // RMSProp reads its field: 0.1 as given, then the float32 rate stored at the end of epoch 1.
    expect(ratesByEpoch(log, 2, 3)).toEqual([0.1, 0.1, chain(0.1, 0.1, 1)[1]]);
    expect(typeof callback.best).toBe("number");
  });

  test("changes the rate of the model's own optimizer: Adam's moments carry on", async () => {
    const optimizer = driven(tf.train.adam(0.1));
    const m = model(optimizer);
    await m.fit(xs, ys, { epochs: 1, batchSize: 10, verbose: 0 });
    const moments = (await optimizer.getWeights()).slice(1).map((w) => w.tensor);
    const values = moments.map((t) => Array.from(t.dataSync()));
    await m.fit(xs, ys, { epochs: 3, batchSize: 10, callbacks: [new Scripted("score", [1, 1, 1]), reduceLROnPlateau({ monitor: "score", patience: 1 })], verbose: 0 });
    expect(m.optimizer).toBe(optimizer);
    expect(optimizer.iterations).toBe(8);
    expect(optimizer.learningRate).toBe(chain(0.1, 0.1, 2)[2]);
    const after = (await optimizer.getWeights()).slice(1).map((w) => w.tensor);
    expect(after.length).toBe(moments.length);
    after.forEach((t, i) => {
      expect(t).toBe(moments[i]);
      expect(t.isDisposed).toBe(false);
      expect(Array.from(t.dataSync())).not.toEqual(values[i]);
    });
  });

  test("refuses bad options by name: Keras' factor >= 1.0, and what Keras would take silently", () => {
    const refuses = (options: unknown, error: Error) => expect(() => reduceLROnPlateau(options as never)).toThrow(error);
    refuses({ factor: 1 }, new RangeError("ReduceLROnPlateau does not support a factor >= 1.0. Received: factor=1"));
    refuses({ factor: 1.5 }, new RangeError("ReduceLROnPlateau does not support a factor >= 1.0. Received: factor=1.5"));
    refuses({ factor: -0.5 }, new RangeError("Argument `factor` must be >= 0 (the rate is multiplied by it). Received: factor=-0.5"));
    refuses({ factor: NaN }, new RangeError("Argument `factor` must be finite. Received: factor=NaN"));
    refuses({ factor: "0.1" }, new TypeError('Argument `factor` must be a number. Received: factor="0.1" (string)'));
    refuses({ patience: -1 }, new RangeError("Argument `patience` must be an integer >= 0. Received: patience=-1"));
    refuses({ patience: 2.5 }, new RangeError("Argument `patience` must be an integer >= 0. Received: patience=2.5"));
    refuses({ patience: Infinity }, new RangeError("Argument `patience` must be finite. Received: patience=Infinity"));
    refuses({ cooldown: -2 }, new RangeError("Argument `cooldown` must be an integer >= 0. Received: cooldown=-2"));
    refuses({ verbose: -1 }, new RangeError("Argument `verbose` must be an integer >= 0. Received: verbose=-1"));
    refuses({ minDelta: -1e-4 }, new RangeError("Argument `minDelta` must be >= 0. Received: minDelta=-0.0001"));
    refuses({ minLr: -1 }, new RangeError("Argument `minLr` must be >= 0. Received: minLr=-1"));
    refuses({ minLr: Infinity }, new RangeError("Argument `minLr` must be finite. Received: minLr=Infinity"));
    refuses({ mode: "minimum" }, new RangeError('Argument `mode` must be one of "auto", "min", "max". Received: mode="minimum" (string) (Keras would warn and fall back to "auto"; lrdecay refuses it)'));
    refuses({ mode: 1 }, new TypeError('Argument `mode` must be one of "auto", "min", "max". Received: mode=1 (Keras would warn and fall back to "auto"; lrdecay refuses it)'));
    refuses({ monitor: 3 }, new TypeError("Argument `monitor` must be a string. Received: monitor=3"));
    refuses({ monitor: "" }, new RangeError('Argument `monitor` must be the name of a metric in the epoch logs. Received: monitor=""'));
    refuses({ min_lr: 0.001 }, new TypeError(
      "ReduceLROnPlateau got an unexpected option `min_lr` (Keras' `min_lr` is `minLr` here). Known: monitor, factor, patience, verbose, mode, minDelta, cooldown, minLr",
    ));
    refuses({ baseline: 1 }, new TypeError("ReduceLROnPlateau got an unexpected option `baseline`. Known: monitor, factor, patience, verbose, mode, minDelta, cooldown, minLr"));
    refuses(null, new TypeError("Argument `options` of ReduceLROnPlateau must be an object. Received: options=null"));
    expect(() => new ReduceLROnPlateau({ factor: 0, patience: 0, minDelta: 0, cooldown: 0, minLr: 0, mode: "max", monitor: "acc", verbose: 1 })).not.toThrow();
    const defaults = reduceLROnPlateau();
    expect([defaults.monitor, defaults.factor, defaults.patience, defaults.verbose, defaults.mode, defaults.minDelta, defaults.cooldown, defaults.minLr])
      .toEqual(["val_loss", 0.1, 10, 0, "auto", 1e-4, 0, 0]);
  });

  test("a monitored value that is not a number is a TypeError, not a silent skip", async () => {
    const callback = reduceLROnPlateau({ monitor: "loss" });
    callback.setModel(model(driven(tf.train.sgd(0.1))));
    await expect(callback.onEpochEnd(0, { loss: "low" })).rejects.toThrow(
      new TypeError('ReduceLROnPlateau monitors `loss`, which must be a number or a scalar tensor in the epoch logs. Received: "low" (string)'),
    );
    await expect(reduceLROnPlateau().onEpochEnd(0, {})).rejects.toThrow("ReduceLROnPlateau has no model");
  });
});

describe("a schedule and Keras' learning-rate callbacks on one optimizer are refused, as Keras refuses them", () => {
  const cosine = new CosineDecay(0.1, 1000);
  const refusal = (callback: string) =>
    `${callback} cannot set the learning rate of optimizer Adam: scheduleCallback(CosineDecay(initial_learning_rate=0.1, decay_steps=1000, alpha=0, name="CosineDecay", warmup_target=null, warmup_steps=0)) ` +
    "sets it before every batch of this fit and would overwrite it";

  test.each([
    ["ReduceLROnPlateau", () => reduceLROnPlateau({ monitor: "loss", patience: 0, minDelta: 100, verbose: 1 })],
    ["LearningRateScheduler", () => learningRateScheduler((_epoch: number, lr: number) => lr / 2, { verbose: 1 })],
  ] as const)("%s beside scheduleCallback in one fit, in either order: a TypeError by name before the first batch, no message printed", async (name, make) => {
    for (const order of ["schedule first", "schedule last"]) {
      const printed = vi.spyOn(console, "log").mockImplementation(() => {});
      const optimizer = driven(tf.train.adam(1));
      const log = recordRates(optimizer);
      const callbacks = order === "schedule first" ? [scheduleCallback(cosine), make()] : [make(), scheduleCallback(cosine)];
      const fit = model(optimizer).fit(xs, ys, { epochs: 3, batchSize: 10, callbacks, verbose: 0 });
      await expect(fit).rejects.toThrow(TypeError);
      await expect(fit).rejects.toThrow(refusal(name));
      await expect(fit).rejects.toThrow("Keras refuses to set the rate of an optimizer whose learning rate is a schedule");
      // Refused before anything ran against the schedule: no update, and no message that is not true.
      expect(log).toEqual([]);
      expect(printed).not.toHaveBeenCalled();
      printed.mockRestore();
    }
  });

  test("after a fit driven by a schedule, or one refused, the next fit with ReduceLROnPlateau alone reduces the rate", async () => {
    const optimizer = driven(tf.train.adam(1));
    const m = model(optimizer);
    await m.fit(xs, ys, { epochs: 1, batchSize: 10, callbacks: [scheduleCallback(cosine)], verbose: 0 });
    await expect(m.fit(xs, ys, { epochs: 1, batchSize: 10, callbacks: [scheduleCallback(cosine), reduceLROnPlateau({ monitor: "loss" })], verbose: 0 })).rejects.toThrow(TypeError);
    const rate = optimizer.learningRate;
    expect(rate).toBe(cosine(1)); // set before the second and last update of the first fit
    const history = await m.fit(xs, ys, { epochs: 2, batchSize: 10, callbacks: [reduceLROnPlateau({ monitor: "loss", patience: 0, minDelta: 100, factor: 0.5 })], verbose: 0 });
    expect(history.history.learning_rate).toEqual([rate, rate]);
    expect(optimizer.learningRate).toBe(Math.fround(rate * 0.5));
  });

  test("two schedules driving one optimizer in one fit are refused by name too", async () => {
    const optimizer = driven(tf.train.adam(1));
    const fit = model(optimizer).fit(xs, ys, { epochs: 1, batchSize: 10, callbacks: [scheduleCallback(cosine), scheduleCallback((step) => 0.1 / (1 + step))], verbose: 0 });
    await expect(fit).rejects.toThrow(TypeError);
    await expect(fit).rejects.toThrow("Two scheduleCallbacks drive optimizer Adam in one fit: scheduleCallback(CosineDecay(");
    await expect(fit).rejects.toThrow("and scheduleCallback(a function) would overwrite each other's rate");
  });
});
