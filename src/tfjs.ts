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
 * It also has Keras' two learning-rate callbacks, which TF.js lacks: learningRateScheduler (the
 * rate from a function of the epoch, set at the start of every epoch) and reduceLROnPlateau (the
 * rate lowered when a monitored metric stops improving). All of them change the rate of the
 * model's own optimizer, never replace it, so Adam's moments and the step count carry on. As in
 * Keras, the last two refuse (TypeError) an optimizer whose rate a schedule drives in the same fit.
 *
 * ```ts
 * callbacks: [learningRateScheduler((epoch, lr) => (epoch < 10 ? lr : lr * Math.exp(-0.1)))]
 * callbacks: [reduceLROnPlateau({ monitor: "val_loss", factor: 0.2, patience: 5, minLr: 0.001 })]
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
import { loadSchedule } from "./core/serialization.js";
import { describe } from "./core/validate.js";

/** The part of a tf.Optimizer this module uses. */
export interface OptimizerLike {
  readonly iterations: number;
  learningRate: number;
  setLearningRate?(learningRate: number): void;
  getClassName?(): string;
}

/**
 * A schedule (lrdecay's, or one of your own), a plain function `(step) => rate`, or Keras JSON (an
 * object or a string) that loadSchedule reads: a serialized schedule, an optimizer's or a model's config.
 */
export type ScheduleLike = ((step: number) => number) | string | object;

/** Optimizers known to read `learningRate` on every update (tfjs-core 4.x). */
const READS_LEARNING_RATE = ["Adam", "Adamax", "RMSProp", "Adagrad", "Adadelta"];

type Rate = (step: number) => number;

/**
 * The rate at a step: a schedule is called as it is; a plain function's result is checked; JSON is
 * anything loadSchedule reads (a serialized schedule, an optimizer's or a model's config).
 */
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
  return loadSchedule(schedule);
}

/** How errors name a ScheduleCallback: scheduleCallback(its schedule's toString), or (a function). */
function scheduleName(schedule: Rate): string {
  return `scheduleCallback(${schedule instanceof LearningRateSchedule ? String(schedule) : "a function"})`;
}

/** An optimizer's class name, as errors show it. */
function classOf(optimizer: Partial<OptimizerLike>): string {
  return typeof optimizer.getClassName === "function" ? optimizer.getClassName() : (optimizer.constructor?.name ?? "unknown");
}

/** A callback that sets an optimizer's rate during a fit, as errors name it. */
interface Driver {
  /** scheduleCallback(...) or schedulerCallback(...). */
  readonly name: string;
  /** When it sets the rate: "before every batch", "after every batch", ... */
  readonly when: string;
  /** The params object of the fit it drives the optimizer in. */
  readonly params: unknown;
  readonly callback: Callback;
  /** The PyTorch-style scheduler it steps (SchedulerCallback), or null (ScheduleCallback). */
  readonly scheduler: object | null;
}

/**
 * The callbacks setting each optimizer's rate, and the params object of the fit they set it in
 * (tfjs-layers gives every callback of one fit the same params object, and each fit a new one).
 * Keras' learning-rate callbacks refuse to set the rate of an optimizer driven in their own fit,
 * as Keras refuses to set the rate of an optimizer whose learning rate is a schedule: otherwise the
 * schedule overwrites their rate at the next batch, and their message ("reducing learning rate
 * to ...") is not true. A fit that failed leaves its entries behind; the next fit's params differ,
 * and its first claim drops them.
 */
const drivers = new WeakMap<object, Driver[]>();

/** The drivers of `optimizer` in the fit whose params these are. */
function driversIn(optimizer: object, params: unknown): Driver[] {
  return (drivers.get(optimizer) ?? []).filter((d) => d.params === params);
}

/**
 * Registers `driver` for this fit, before its first batch, or throws the TypeError naming the
 * callback it would fight: a scheduleCallback beside any other driver (it sets the rate before every
 * batch, whatever the other set), or one scheduler stepped twice. Two schedulerCallbacks stepping
 * different schedulers are allowed: PyTorch chains schedulers on one optimizer, each step applied
 * to the rate the other left (the groups are shared), and so do they here.
 */
function claim(optimizer: OptimizerLike, driver: Driver): void {
  const others = driversIn(optimizer, driver.params).filter((d) => d.callback !== driver.callback);
  for (const other of others) {
    if (driver.scheduler === null && other.scheduler === null)
      throw new TypeError(
        `Two scheduleCallbacks drive optimizer ${classOf(optimizer)} in one fit: ${other.name} and ${driver.name} ` +
          "would overwrite each other's rate before every batch. Pass one.",
      );
    if (driver.scheduler === null || other.scheduler === null)
      throw new TypeError(
        `${other.name} and ${driver.name} both set the learning rate of optimizer ${classOf(optimizer)} in one fit ` +
          `(${other.when} and ${driver.when}): each would overwrite the other's rate. Pass one: a PyTorch-style scheduler ` +
          "with schedulerCallback, or a schedule of the step with scheduleCallback.",
      );
    if (other.scheduler === driver.scheduler)
      throw new TypeError(
        `Two schedulerCallbacks step the same scheduler ${describeScheduler(driver.scheduler)} in one fit: it would take two ` +
          "steps where PyTorch's loop takes one. Pass one.",
      );
  }
  drivers.set(optimizer, [...others, driver]);
}

/** Removes `callback`'s entry at the end of its fit. */
function release(optimizer: object, callback: Callback): void {
  const left = (drivers.get(optimizer) ?? []).filter((d) => d.callback !== callback);
  if (left.length === 0) drivers.delete(optimizer);
  else drivers.set(optimizer, left);
}

/** Throws the TypeError of Keras' refusal if a scheduleCallback or schedulerCallback drives `optimizer` in `callback`'s fit. */
function refuseIfScheduled(callback: Callback, className: string, optimizer: OptimizerLike): void {
  const [driver] = driversIn(optimizer, callback.params);
  if (driver === undefined) return;
  throw new TypeError(
    `${className} cannot set the learning rate of optimizer ${classOf(optimizer)}: ${driver.name} sets it ${driver.when} ` +
      "of this fit and would overwrite it. Keras refuses to set the rate of an optimizer whose learning rate is a schedule " +
      `(a TypeError too): use either the schedule or ${className}, not both.`,
  );
}

/** Throws a TypeError unless lrdecay knows how to set this optimizer's learning rate. */
function checkOptimizer(optimizer: unknown): OptimizerLike {
  const o = optimizer as Partial<OptimizerLike> | null;
  if (o === null || typeof o !== "object" || typeof o.iterations !== "number")
    throw new TypeError(`Argument \`optimizer\` must be a TensorFlow.js optimizer. Received: optimizer=${describe(optimizer)}`);
  const name = classOf(o);
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
  setRate(optimizer, rate);
  return rate;
}

/** Sets the rate on the optimizer itself (never a new one, which would lose Adam's moments). */
function setRate(optimizer: OptimizerLike, rate: number): void {
  if (optimizer.learningRate !== rate) {
    // SGD and Momentum must rebuild their cached scalar; the others read the field.
    if (typeof optimizer.setLearningRate === "function") optimizer.setLearningRate(rate);
    else optimizer.learningRate = rate;
  }
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

  /** Claims the optimizer for this fit: Keras' learning-rate callbacks in it then refuse to set its rate. */
  override async onTrainBegin(_logs?: unknown): Promise<void> {
    claim(this.#find(), { name: scheduleName(this.#schedule), when: "before every batch", params: this.params, callback: this, scheduler: null });
  }

  override async onTrainEnd(_logs?: unknown): Promise<void> {
    release(this.#find(), this);
  }

  override async onBatchBegin(_batch: number, _logs?: unknown): Promise<void> {
    drive(this.#find(), this.#schedule);
  }
}

/** `new ScheduleCallback(schedule, options)`: the callback to pass to model.fit or fitDataset. */
export function scheduleCallback(schedule: ScheduleLike, options: { optimizer?: OptimizerLike } = {}): ScheduleCallback {
  return new ScheduleCallback(schedule, options);
}

// ---------------------------------------------------------------------------------------------
// PyTorch-style schedulers (lrdecay/torch's, and the LambdaLR or ReduceLROnPlateau that
// lrdecay/transformers' get_* functions return), stepped where PyTorch's training loop steps them:
//
//     for epoch in range(epochs):
//         for batch in loader:
//             loss.backward(); optimizer.step()
//             scheduler.step()          # stepPer: "batch"
//         scheduler.step()              # stepPer: "epoch" (ReduceLROnPlateau: scheduler.step(val_loss))
//
// The scheduler writes the optimizer's rate when it steps (lrdecay/torch's optimizer.ts: a TF.js
// optimizer's learningRate is set after every step), so the first batch trains with the rate its
// construction set, and batch k (stepPer "batch") with getLastLr() after k steps. These are
// duck-typed (step, getLastLr, optimizer): lrdecay/tfjs never imports torch's or HF's code.
// ---------------------------------------------------------------------------------------------

/** The part of a PyTorch-style scheduler this module uses: lrdecay/torch's LRScheduler has it. */
export interface SchedulerLike {
  /** One step (ReduceLROnPlateau: with the metric of this step). */
  step(metric?: number): void;
  /** The lr of each param group after the last step: one, for a TF.js optimizer. */
  getLastLr(): number[];
  /** What the scheduler was built on: it must be the model's TF.js optimizer. */
  readonly optimizer?: unknown;
}

export interface SchedulerCallbackOptions {
  /**
   * Where your PyTorch loop calls scheduler.step(): "batch" after every update (OneCycleLR,
   * CyclicLR, Hugging Face's schedules, anything whose steps count updates), or "epoch" at the end
   * of every epoch (the StepLR or CosineAnnealingLR of a recipe whose step_size or T_max counts
   * epochs). Required, but for ReduceLROnPlateau, which steps per epoch unless told otherwise.
   */
  stepPer?: "batch" | "epoch";
  /** ReduceLROnPlateau only: the metric in the logs it steps with (default "val_loss", as Keras'). */
  monitor?: string;
}

const SCHEDULER_OPTIONS = ["stepPer", "monitor"];

/** The scheduler's class name as PyTorch's would be (lrdecay/torch keeps it in a static `className`). */
function schedulerClass(scheduler: object): string {
  const ctor = scheduler.constructor as { className?: unknown; name?: unknown } | undefined;
  return typeof ctor?.className === "string" ? ctor.className : typeof ctor?.name === "string" && ctor.name !== "" ? ctor.name : "a scheduler";
}

/** How errors show a scheduler: its own toString (lrdecay/torch writes PyTorch's call), else its class. */
function describeScheduler(scheduler: object): string {
  return scheduler.toString !== Object.prototype.toString ? String(scheduler) : schedulerClass(scheduler);
}

/** What a scheduler's optimizer is, when it is not the model's. */
function describeOptimizer(optimizer: unknown): string {
  if (typeof optimizer === "number") return `a learning rate (${describe(optimizer)})`;
  if (optimizer !== null && typeof optimizer === "object") {
    if ("param_groups" in optimizer) return "a PyTorch-shaped optimizer ({ param_groups })";
    if (typeof (optimizer as Partial<OptimizerLike>).iterations === "number") return `another TF.js optimizer (${classOf(optimizer as OptimizerLike)})`;
  }
  return describe(optimizer);
}

/**
 * A callback for model.fit and model.fitDataset that steps a PyTorch-style scheduler built on the
 * model's optimizer: after every batch's update (stepPer "batch") or at the end of every epoch
 * ("epoch"), as a PyTorch loop calls scheduler.step() after optimizer.step(). ReduceLROnPlateau
 * steps with the monitored metric of the logs; a metric missing from them is warned about (once)
 * and that step skipped, as Keras' ReduceLROnPlateau does. The scheduler keeps its state across
 * calls to fit, as PyTorch's across loops.
 */
export class SchedulerCallback extends Callback {
  readonly scheduler: SchedulerLike;
  readonly stepPer: "batch" | "epoch";
  /** The metric ReduceLROnPlateau steps with; null for every other scheduler. */
  readonly monitor: string | null;
  readonly #name: string;
  readonly #warned = new Set<string>();

  constructor(scheduler: SchedulerLike, options: SchedulerCallbackOptions = {}) {
    super();
    const s = scheduler as Partial<SchedulerLike> | null;
    if (s === null || typeof s !== "object" || typeof s.step !== "function" || typeof s.getLastLr !== "function")
      throw new TypeError(
        "Argument `scheduler` must be a PyTorch-style scheduler with step() and getLastLr() (lrdecay/torch's, or lrdecay/transformers' " +
          `get_* functions'); for a schedule of the step (Keras', optax's, a function), use scheduleCallback. Received: scheduler=${describe(scheduler)}`,
      );
    const o = readOptions("schedulerCallback", options, SCHEDULER_OPTIONS, "");
    const plateau = schedulerClass(s) === "ReduceLROnPlateau";
    this.scheduler = scheduler;
    this.#name = `schedulerCallback(${describeScheduler(s)})`;
    this.stepPer = option(o, "stepPer", plateau ? ("epoch" as const) : undefined, (name, value) => {
      if (value !== "batch" && value !== "epoch")
        throw new (typeof value === "string" ? RangeError : TypeError)(`Argument \`${name}\` must be "batch" or "epoch". Received: ${name}=${describe(value)}`);
      return value;
    }) as "batch" | "epoch";
    if (this.stepPer === undefined)
      throw new TypeError(
        `schedulerCallback needs \`stepPer\` for ${schedulerClass(s)}: "batch" if your PyTorch loop calls scheduler.step() after every ` +
          'optimizer.step() (OneCycleLR, CyclicLR, Hugging Face\'s schedules), "epoch" if it calls it once an epoch (a StepLR or ' +
          "CosineAnnealingLR whose step_size or T_max counts epochs).",
      );
    this.monitor = plateau ? option(o, "monitor", "val_loss", metricName) : null;
    if (!plateau && o.monitor !== undefined)
      throw new TypeError(`schedulerCallback got \`monitor\` for ${schedulerClass(s)}: only ReduceLROnPlateau steps with a metric. Received: monitor=${describe(o.monitor)}`);
  }

  /** The model's optimizer, which must be the one the scheduler was built on. */
  #optimizer(): OptimizerLike {
    const optimizer = modelOptimizer(this, "SchedulerCallback");
    const built = this.scheduler.optimizer;
    if (built !== optimizer)
      throw new TypeError(
        `${this.#name} steps a scheduler built on ${describeOptimizer(built)}, not on the model's optimizer ${classOf(optimizer)}: ` +
          "the scheduler sets the rate of the optimizer it was built on. Build it on model.optimizer, after model.compile().",
      );
    return optimizer;
  }

  /** Claims the optimizer for this fit, before its first batch (see `claim`). */
  override async onTrainBegin(_logs?: unknown): Promise<void> {
    const when = this.stepPer === "batch" ? "after every batch" : "at the end of every epoch";
    claim(this.#optimizer(), { name: this.#name, when, params: this.params, callback: this, scheduler: this.scheduler });
  }

  override async onTrainEnd(_logs?: unknown): Promise<void> {
    release(this.#optimizer(), this);
  }

  override async onBatchEnd(_batch: number, logs?: unknown): Promise<void> {
    if (this.stepPer === "batch") await this.#step(logs);
  }

  override async onEpochEnd(_epoch: number, logs?: unknown): Promise<void> {
    if (this.stepPer === "epoch") await this.#step(logs);
  }

  async #step(logs: unknown): Promise<void> {
    const optimizer = this.#optimizer();
    if (this.monitor === null) this.scheduler.step();
    else {
      const l: Logs = logs !== null && typeof logs === "object" ? (logs as Logs) : {};
      const current = await metric(this.#name, this.monitor, l[this.monitor], `${this.stepPer} logs`);
      if (current === undefined) {
        const message =
          `${this.#name} steps on metric \`${this.monitor}\`, which is not available in the ${this.stepPer} logs: step skipped. ` +
          `Available metrics are: ${Object.keys(l).join(",")}.`;
        if (!this.#warned.has(message)) console.warn(message);
        this.#warned.add(message);
        return;
      }
      this.scheduler.step(current);
    }
    // The scheduler has set the rate already (it was built on this optimizer); this states the
    // contract, that the next update uses getLastLr()[0], for a scheduler that did not.
    setRate(optimizer, this.scheduler.getLastLr()[0]!);
  }
}

/** `new SchedulerCallback(scheduler, options)`: the callback to pass to model.fit or fitDataset. */
export function schedulerCallback(scheduler: SchedulerLike, options: SchedulerCallbackOptions = {}): SchedulerCallback {
  return new SchedulerCallback(scheduler, options);
}

// ---------------------------------------------------------------------------------------------
// Keras' learning-rate callbacks: keras/src/callbacks/learning_rate_scheduler.py and
// keras/src/callbacks/reduce_lr_on_plateau.py (with monitor_callback.py), step for step.
//
// Keras keeps the rate in a float32 variable: it reads it back as float(variable) and assigns
// float32(new rate). These callbacks do the same to the TF.js optimizer: they read
// Math.fround(optimizer.learningRate) and store Math.fround(rate), so `optimizer.learningRate`
// and `logs.learning_rate` hold what Keras' `optimizer.learning_rate` holds. (TF.js would round
// the rate to float32 at the next update anyway: SGD's cached scalar, the others' float32 ops.)
// ---------------------------------------------------------------------------------------------

/** The epoch logs as the callbacks see them (numbers, or scalar tensors before they resolve). */
type Logs = Record<string, unknown>;

/** The rate Keras would read from its float32 learning_rate variable. */
function readRate(optimizer: OptimizerLike): number {
  return Math.fround(optimizer.learningRate);
}

/** The optimizer of the model the callback was given (by fit, fitDataset or setModel). */
function modelOptimizer(callback: Callback, name: string): OptimizerLike {
  const model = callback.model as { optimizer?: unknown } | null | undefined;
  if (model === null || model === undefined)
    throw new TypeError(`${name} has no model: pass it to model.fit or model.fitDataset in \`callbacks\` (or call setModel(model) first).`);
  return checkOptimizer(model.optimizer);
}

/**
 * A float as Python's str/repr writes it, as Keras' messages show rates: shortest round-trip
 * digits, "1.0" for integral values, exponent form below 1e-4 and from 1e16 ("1e-05").
 */
function pythonFloat(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const [digits, exponent] = x.toExponential().split("e") as [string, string];
  const e = Number(exponent);
  if (e < -4 || e >= 16) return `${digits}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
  const fixed = String(x); // JavaScript writes fixed notation for 1e-7 <= |x| < 1e21
  return fixed.includes(".") ? fixed : `${fixed}.0`;
}

/**
 * An options object with only the known keys: a misspelt or snake_case option is refused, the
 * latter with its camelCase name (`spelling`: whose snake_case it is, as the message says it).
 */
function readOptions(className: string, options: unknown, known: readonly string[], spelling = "Keras' "): Logs {
  if (options === null || typeof options !== "object" || Array.isArray(options))
    throw new TypeError(`Argument \`options\` of ${className} must be an object. Received: options=${describe(options)}`);
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const camel = key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    const hint = camel !== key && known.includes(camel) ? ` (${spelling}\`${key}\` is \`${camel}\` here)` : "";
    throw new TypeError(`${className} got an unexpected option \`${key}\`${hint}. Known: ${known.join(", ")}`);
  }
  return options as Logs;
}

function option<T>(options: Logs, key: string, fallback: T, check: (name: string, value: unknown) => T): T {
  return options[key] === undefined ? fallback : check(key, options[key]);
}

function finite(name: string, value: unknown): number {
  if (typeof value !== "number") throw new TypeError(`Argument \`${name}\` must be a number. Received: ${name}=${describe(value)}`);
  if (!Number.isFinite(value)) throw new RangeError(`Argument \`${name}\` must be finite. Received: ${name}=${describe(value)}`);
  return value;
}

function nonNegative(name: string, value: unknown): number {
  if (finite(name, value) < 0) throw new RangeError(`Argument \`${name}\` must be >= 0. Received: ${name}=${describe(value)}`);
  return value as number;
}

/** A `monitor` option: the name of a metric in the logs. */
function metricName(name: string, value: unknown): string {
  if (typeof value !== "string") throw new TypeError(`Argument \`${name}\` must be a string. Received: ${name}=${describe(value)}`);
  if (value === "") throw new RangeError(`Argument \`${name}\` must be the name of a metric in the epoch logs. Received: ${name}=""`);
  return value;
}

function count(name: string, value: unknown): number {
  if (!Number.isInteger(finite(name, value)) || (value as number) < 0)
    throw new RangeError(`Argument \`${name}\` must be an integer >= 0. Received: ${name}=${describe(value)}`);
  return value as number;
}

/** A schedule for LearningRateScheduler: `(epoch, lr) => rate`, or Keras' one-argument `(epoch) => rate`. */
export type EpochSchedule = (epoch: number, lr: number) => number;

export interface LearningRateSchedulerOptions {
  /** 0: quiet; 1 (or more): print, as Keras does, the rate set at the start of every epoch. */
  verbose?: number;
}

/**
 * Keras' LearningRateScheduler: at the start of every epoch, sets the optimizer's learning rate
 * to `schedule(epoch, lr)`, where `epoch` is the index fit gives (from 0, or from initialEpoch)
 * and `lr` the current rate; at the end of every epoch, adds `learning_rate` to the logs (and so
 * to the History). A one-argument `(epoch) => rate` works too, as in Keras (JavaScript simply
 * ignores the extra argument), and so does one of lrdecay's schedules, evaluated at the epoch.
 */
export class LearningRateScheduler extends Callback {
  readonly schedule: EpochSchedule;
  readonly verbose: number;

  constructor(schedule: EpochSchedule, options: LearningRateSchedulerOptions = {}) {
    super();
    if (typeof schedule !== "function")
      throw new TypeError(`Argument \`schedule\` must be a function (epoch, lr) => rate. Received: schedule=${describe(schedule)}`);
    const o = readOptions("LearningRateScheduler", options, ["verbose"]);
    this.schedule = schedule;
    this.verbose = option(o, "verbose", 0, count);
  }

  override async onEpochBegin(epoch: number, _logs?: unknown): Promise<void> {
    const optimizer = modelOptimizer(this, "LearningRateScheduler");
    refuseIfScheduled(this, "LearningRateScheduler", optimizer);
    const rate: unknown = this.schedule(epoch, readRate(optimizer));
    // Keras: "The output of the `schedule` function should be a float." (a ValueError there).
    if (typeof rate !== "number")
      throw new TypeError(`The output of the \`schedule\` function must be a number. Received at epoch ${epoch}: ${describe(rate)}`);
    if (!Number.isFinite(rate))
      throw new RangeError(`The output of the \`schedule\` function must be finite. Received at epoch ${epoch}: ${describe(rate)}`);
    setRate(optimizer, Math.fround(rate));
    if (this.verbose > 0) console.log(`\nEpoch ${epoch + 1}: LearningRateScheduler setting learning rate to ${pythonFloat(rate)}.`);
  }

  override async onEpochEnd(_epoch: number, logs?: unknown): Promise<void> {
    const optimizer = modelOptimizer(this, "LearningRateScheduler");
    if (logs !== null && typeof logs === "object") (logs as Logs).learning_rate = readRate(optimizer);
  }
}

/** `new LearningRateScheduler(schedule, options)`: the callback to pass to model.fit or fitDataset. */
export function learningRateScheduler(schedule: EpochSchedule, options: LearningRateSchedulerOptions = {}): LearningRateScheduler {
  return new LearningRateScheduler(schedule, options);
}

export interface ReduceLROnPlateauOptions {
  /** The quantity in the epoch logs to watch (default "val_loss": fit needs validation data). */
  monitor?: string;
  /** new rate = rate * factor; 0 <= factor < 1 (default 0.1). */
  factor?: number;
  /** Epochs with no improvement after which the rate is reduced (default 10). */
  patience?: number;
  /** 0: quiet; 1 (or more): print, as Keras does, every reduction. */
  verbose?: number;
  /** "min", "max", or "auto" (default): max when the monitor's name contains "acc", else min. */
  mode?: "auto" | "min" | "max";
  /** An improvement must beat the best by more than this (default 1e-4). */
  minDelta?: number;
  /** Epochs to wait after a reduction before counting again (default 0). */
  cooldown?: number;
  /** The rate is never reduced below this (default 0). */
  minLr?: number;
}

const PLATEAU_OPTIONS = ["monitor", "factor", "patience", "verbose", "mode", "minDelta", "cooldown", "minLr"];

/**
 * Keras' ReduceLROnPlateau: at the end of every epoch, adds `learning_rate` to the logs and
 * compares the monitored quantity with the best seen since fit began; after `patience` epochs
 * without an improvement of more than `minDelta`, multiplies the rate by `factor` (never below
 * `minLr`), then waits `cooldown` epochs before counting again. A missing metric is warned about
 * and skipped, as in Keras.
 */
export class ReduceLROnPlateau extends Callback {
  readonly monitor: string;
  readonly factor: number;
  readonly patience: number;
  readonly verbose: number;
  readonly mode: "auto" | "min" | "max";
  readonly minDelta: number;
  readonly cooldown: number;
  readonly minLr: number;
  /** Keras' monitor_op: an improvement is a smaller ("min") or a larger ("max") value. */
  readonly #direction: "min" | "max";
  #best: number | null = null;
  #wait = 0;
  #cooldownCounter = 0;
  readonly #warned = new Set<string>();

  constructor(options: ReduceLROnPlateauOptions = {}) {
    super();
    const o = readOptions("ReduceLROnPlateau", options, PLATEAU_OPTIONS);
    this.monitor = option(o, "monitor", "val_loss", metricName);
    this.factor = option(o, "factor", 0.1, (name, value) => {
      const factor = finite(name, value);
      if (factor >= 1.0) throw new RangeError(`ReduceLROnPlateau does not support a factor >= 1.0. Received: factor=${describe(value)}`);
      if (factor < 0) throw new RangeError(`Argument \`factor\` must be >= 0 (the rate is multiplied by it). Received: factor=${describe(value)}`);
      return factor;
    });
    this.patience = option(o, "patience", 10, count);
    this.verbose = option(o, "verbose", 0, count);
    this.mode = option(o, "mode", "auto" as const, (name, value) => {
      if (value !== "auto" && value !== "min" && value !== "max")
        throw new (typeof value === "string" ? RangeError : TypeError)(
          `Argument \`${name}\` must be one of "auto", "min", "max". Received: ${name}=${describe(value)} ` +
            `(Keras would warn and fall back to "auto"; lrdecay refuses it)`,
        );
      return value;
    });
    this.minDelta = option(o, "minDelta", 1e-4, nonNegative);
    this.cooldown = option(o, "cooldown", 0, count);
    this.minLr = option(o, "minLr", 0, nonNegative);
    // Keras' "auto" as tf.keras, Keras up to 3.10 and TF.js' EarlyStopping decide it: by "acc" in
    // the name, here in any case, since TF.js spells metrics in camelCase ("categoricalAccuracy").
    this.#direction = this.mode !== "auto" ? this.mode : /acc/i.test(this.monitor) ? "max" : "min";
  }

  /** The best value of the monitored quantity since fit began (null before the first). */
  get best(): number | null {
    return this.#best;
  }

  /** Epochs since the last improvement (or reduction), outside cooldowns. */
  get wait(): number {
    return this.#wait;
  }

  /** Epochs of cooldown left. */
  get cooldownCounter(): number {
    return this.#cooldownCounter;
  }

  inCooldown(): boolean {
    return this.#cooldownCounter > 0;
  }

  /** Keras' _reset, on every fit: no best yet, both counters at 0. */
  override async onTrainBegin(_logs?: unknown): Promise<void> {
    this.#best = null;
    this.#cooldownCounter = 0;
    this.#wait = 0;
  }

  /** Refuses, before the epoch's first batch, an optimizer a schedule drives in this fit. */
  override async onEpochBegin(_epoch: number, _logs?: unknown): Promise<void> {
    refuseIfScheduled(this, "ReduceLROnPlateau", modelOptimizer(this, "ReduceLROnPlateau"));
  }

  override async onEpochEnd(epoch: number, logs?: unknown): Promise<void> {
    const optimizer = modelOptimizer(this, "ReduceLROnPlateau");
    const l: Logs = logs !== null && typeof logs === "object" ? (logs as Logs) : {};
    l.learning_rate = readRate(optimizer);
    const current = await metric("ReduceLROnPlateau", this.monitor, l[this.monitor], "epoch logs");
    if (current === undefined) {
      const message =
        `Learning rate reduction is conditioned on metric \`${this.monitor}\` which is not available. ` +
        `Available metrics are: ${Object.keys(l).join(",")}.`;
      // Python shows a warning once per message; so does this.
      if (!this.#warned.has(message)) console.warn(message);
      this.#warned.add(message);
      return;
    }
    if (this.inCooldown()) {
      this.#cooldownCounter -= 1;
      this.#wait = 0;
    }
    if (this.#isImprovement(current)) {
      this.#best = current;
      this.#wait = 0;
    } else if (!this.inCooldown()) {
      this.#wait += 1;
      if (this.#wait >= this.patience && this.#reduce(optimizer, epoch)) {
        this.#cooldownCounter = this.cooldown;
        this.#wait = 0;
      }
    }
  }

  /** MonitorCallback._is_improvement: monitor_op(current - min_delta, best), min_delta negated for "min". */
  #isImprovement(current: number): boolean {
    if (this.#best === null) return true;
    return this.#direction === "min" ? current - -this.minDelta < this.#best : current - this.minDelta > this.#best;
  }

  /** Keras' _reduce_optimizer_lr. */
  #reduce(optimizer: OptimizerLike, epoch: number): boolean {
    refuseIfScheduled(this, "ReduceLROnPlateau", optimizer);
    const oldLr = readRate(optimizer);
    if (!(oldLr > Math.fround(this.minLr))) return false;
    const newLr = Math.max(oldLr * this.factor, this.minLr);
    setRate(optimizer, Math.fround(newLr));
    if (this.verbose > 0) console.log(`\nEpoch ${epoch + 1}: ReduceLROnPlateau reducing learning rate to ${pythonFloat(newLr)}.`);
    return true;
  }
}

/** The monitored value as a number: TF.js' epoch logs may still hold scalar tensors. */
async function metric(caller: string, monitor: string, value: unknown, logs: string): Promise<number | undefined> {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "number") return value;
  if (typeof (value as { data?: unknown }).data === "function") {
    const data = (await (value as { data(): Promise<ArrayLike<number>> }).data()) as ArrayLike<number>;
    if (data.length === 1) return data[0]!;
  }
  throw new TypeError(`${caller} monitors \`${monitor}\`, which must be a number or a scalar tensor in the ${logs}. Received: ${describe(value)}`);
}

/** `new ReduceLROnPlateau(options)`: the callback to pass to model.fit or fitDataset. */
export function reduceLROnPlateau(options: ReduceLROnPlateauOptions = {}): ReduceLROnPlateau {
  return new ReduceLROnPlateau(options);
}
