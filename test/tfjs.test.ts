import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import * as tfd from "@tensorflow/tfjs-data";
import * as tfl from "@tensorflow/tfjs-layers";
import { beforeAll, describe, expect, test } from "vitest";
import { ExponentialDecay, LearningRateSchedule, serialize } from "../src/index.js";
import { applySchedule, scheduleCallback } from "../src/tfjs.js";

beforeAll(async () => {
  await tf.setBackend("cpu");
  await tf.ready();
});

type Optimizer = tf.Optimizer & { learningRate: number };
const driven = (o: tf.Optimizer) => o as unknown as Optimizer;

/**
 * Records, at every update, the optimizer's iteration count and the learning rate the update
 * really uses: SGD's and Momentum's cached scalar c = -learningRate, the others' field.
 */
function recordRates(optimizer: Optimizer): { iteration: number; rate: number }[] {
  const log: { iteration: number; rate: number }[] = [];
  const apply = optimizer.applyGradients.bind(optimizer);
  optimizer.applyGradients = (gradients) => {
    const c = (optimizer as unknown as { c?: tf.Scalar }).c; // SGD's and Momentum's cached -rate
    const rate = c !== undefined ? -c.dataSync()[0]! : optimizer.learningRate;
    log.push({ iteration: optimizer.iterations, rate });
    return apply(gradients);
  };
  return log;
}

function model(optimizer: tf.Optimizer): tfl.Sequential {
  const m = tfl.sequential({ layers: [tfl.layers.dense({ units: 1, inputShape: [2], kernelInitializer: "ones" })] });
  m.compile({ optimizer, loss: "meanSquaredError" });
  return m;
}

const xs = tf.tensor2d(Array.from({ length: 40 }, (_, i) => (i % 7) / 7 - 0.3), [20, 2]);
const ys = tf.tensor2d(Array.from({ length: 20 }, (_, i) => (i % 5) / 5), [20, 1]);
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
