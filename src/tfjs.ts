/**
 * lrdecay/tfjs: drive a TensorFlow.js optimizer with a schedule, as Keras does with a schedule
 * given as learning_rate: before every update, the learning rate is the schedule at the
 * optimizer's own iteration count (the global step, not the batch index within an epoch).
 *
 * ```ts
 * import { ExponentialDecay } from "lrdecay";
 * import { scheduleCallback } from "lrdecay/tfjs";
 * await model.fit(xs, ys, { epochs: 5, callbacks: [scheduleCallback(new ExponentialDecay(0.1, 1000, 0.96))] });
 * await model.fit(xs, ys, { epochs: 5, callbacks: [scheduleCallback((step) => 0.1 / (1 + step / 1000))] });
 * ```
 *
 * Only this module imports TensorFlow.js (its layers package, for the Callback class: tfjs-layers
 * gives its model only to Callback subclasses), so importing lrdecay alone never loads TF.js.
 * What it relies on, read from tfjs-core's optimizers: every optimizer counts `iterations` in
 * applyGradients; SGD and Momentum cache -learningRate as a scalar that setLearningRate
 * replaces; Adam, Adamax, RMSProp, Adagrad and Adadelta read their `learningRate` on every update.
 */
import { Callback } from "@tensorflow/tfjs-layers";
import { LearningRateSchedule } from "./core/schedule.js";
import { deserialize } from "./core/serialization.js";
import { describe } from "./core/validate.js";

/** The part of a tf.Optimizer this module uses. */
export interface OptimizerLike {
  readonly iterations: number;
  learningRate: number;
  setLearningRate?(learningRate: number): void;
  getClassName?(): string;
}

/**
 * A schedule (lrdecay's, or one of your own), a plain function `(step) => rate`, or a schedule's
 * Keras JSON (an object or a string) to deserialize.
 */
export type ScheduleLike = ((step: number) => number) | string | object;

/** Optimizers known to read `learningRate` on every update (tfjs-core 4.x). */
const READS_LEARNING_RATE = ["Adam", "Adamax", "RMSProp", "Adagrad", "Adadelta"];

type Rate = (step: number) => number;

/** The rate at a step: a schedule is called as it is; a plain function's result is checked. */
function toSchedule(schedule: ScheduleLike): Rate {
  if (schedule instanceof LearningRateSchedule) return schedule;
  if (typeof schedule === "function") {
    const fn = schedule as Rate;
    return (step) => {
      const rate: unknown = fn(step);
      if (typeof rate !== "number" || !Number.isFinite(rate))
        throw new TypeError(`The learning rate function must return a finite number. Received at step ${step}: ${describe(rate)}`);
      return rate;
    };
  }
  return deserialize(schedule);
}

/** Throws a TypeError unless lrdecay knows how to set this optimizer's learning rate. */
function checkOptimizer(optimizer: unknown): OptimizerLike {
  const o = optimizer as Partial<OptimizerLike> | null;
  if (o === null || typeof o !== "object" || typeof o.iterations !== "number")
    throw new TypeError(`Argument \`optimizer\` must be a TensorFlow.js optimizer. Received: optimizer=${describe(optimizer)}`);
  const name = typeof o.getClassName === "function" ? o.getClassName() : (o.constructor?.name ?? "unknown");
  if (typeof o.setLearningRate !== "function" && !(READS_LEARNING_RATE.includes(name) && typeof o.learningRate === "number"))
    throw new TypeError(
      `lrdecay cannot drive the learning rate of optimizer ${name}: it has no setLearningRate(), and it is not one of ` +
        `${READS_LEARNING_RATE.join(", ")}, which read their learningRate on every update.`,
    );
  return o as OptimizerLike;
}

/**
 * Sets the optimizer's learning rate to the schedule at its current iteration count, and returns
 * that rate. Call it before every update of a custom training loop (`optimizer.minimize(...)`).
 */
export function applySchedule(optimizer: OptimizerLike, schedule: ScheduleLike): number {
  return drive(checkOptimizer(optimizer), toSchedule(schedule));
}

function drive(optimizer: OptimizerLike, schedule: Rate): number {
  const rate = schedule(optimizer.iterations);
  if (optimizer.learningRate !== rate) {
    // SGD and Momentum must rebuild their cached scalar; the others read the field.
    if (typeof optimizer.setLearningRate === "function") optimizer.setLearningRate(rate);
    else optimizer.learningRate = rate;
  }
  return rate;
}

/**
 * A callback for model.fit and model.fitDataset that sets the learning rate before every batch
 * from the schedule at the optimizer's iteration count. It keeps counting across epochs and
 * across calls to fit, as the optimizer does.
 */
export class ScheduleCallback extends Callback {
  readonly #schedule: Rate;
  readonly #optimizer: OptimizerLike | undefined;

  constructor(schedule: ScheduleLike, options: { optimizer?: OptimizerLike } = {}) {
    super();
    this.#schedule = toSchedule(schedule);
    this.#optimizer = options.optimizer === undefined ? undefined : checkOptimizer(options.optimizer);
  }

  /** The optimizer given in options, else the model's (set by tfjs-layers before training). */
  #find(): OptimizerLike {
    if (this.#optimizer !== undefined) return this.#optimizer;
    const fromModel = (this.model as { optimizer?: unknown } | undefined)?.optimizer;
    if (fromModel === undefined)
      throw new TypeError("ScheduleCallback found no optimizer: pass it as scheduleCallback(schedule, { optimizer }).");
    return checkOptimizer(fromModel);
  }

  override async onBatchBegin(_batch: number, _logs?: unknown): Promise<void> {
    drive(this.#find(), this.#schedule);
  }
}

/** `new ScheduleCallback(schedule, options)`: the callback to pass to model.fit or fitDataset. */
export function scheduleCallback(schedule: ScheduleLike, options: { optimizer?: OptimizerLike } = {}): ScheduleCallback {
  return new ScheduleCallback(schedule, options);
}
