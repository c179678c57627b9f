/**
 * What the TF.js tests share: a small model on a given optimizer, its data, and records of the
 * learning rate every update really used.
 */
import * as tf from "@tensorflow/tfjs-core";
import * as tfl from "@tensorflow/tfjs-layers";
import { expect } from "vitest";

export type Optimizer = tf.Optimizer & { learningRate: number };
export const driven = (o: tf.Optimizer) => o as unknown as Optimizer;

/**
 * Records, at every update, the optimizer's iteration count and the learning rate the update
 * really uses: SGD's and Momentum's cached scalar c = -learningRate, the others' field.
 */
export function recordRates(optimizer: Optimizer): { iteration: number; rate: number }[] {
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

export function model(optimizer: tf.Optimizer): tfl.Sequential {
  const m = tfl.sequential({ layers: [tfl.layers.dense({ units: 1, inputShape: [2], kernelInitializer: "ones" })] });
  m.compile({ optimizer, loss: "meanSquaredError" });
  return m;
}

export const xs = tf.tensor2d(Array.from({ length: 40 }, (_, i) => (i % 7) / 7 - 0.3), [20, 2]);
export const ys = tf.tensor2d(Array.from({ length: 20 }, (_, i) => (i % 5) / 5), [20, 1]);

/** Sets the optimizer's update count, as if it had trained that many steps. */
export function resumeAt(optimizer: tf.Optimizer, step: number): void {
  (optimizer as unknown as { iterations_: number }).iterations_ = step;
}

/** The rate in force during each epoch, checking that every update of an epoch used the same. */
export function ratesByEpoch(log: { iteration: number; rate: number }[], updatesPerEpoch: number, epochs: number): number[] {
  expect(log.length).toBe(updatesPerEpoch * epochs);
  return Array.from({ length: epochs }, (_, e) => {
    const rates = log.slice(e * updatesPerEpoch, (e + 1) * updatesPerEpoch).map((u) => u.rate);
    expect(new Set(rates).size).toBe(1);
    return rates[0]!;
  });
}

/** Writes a scripted value of a metric into the epoch logs: a plateau that is certain. */
export class Scripted extends tfl.Callback {
  constructor(readonly key: string, readonly values: readonly (number | undefined)[]) {
    super();
  }
  override async onEpochEnd(epoch: number, logs?: Record<string, unknown>): Promise<void> {
    const value = this.values[epoch];
    if (value !== undefined && logs !== undefined) logs[this.key] = value;
  }
}
