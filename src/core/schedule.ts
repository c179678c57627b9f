/**
 * What every schedule shares, Keras' built-ins and the user's own: instances are callable
 * (`schedule(step)`, as Keras' schedules are), evaluate whole arrays or ranges of steps, and
 * serialize to Keras JSON. A schedule of one's own, as in Keras:
 *
 * ```ts
 * class Halving extends LearningRateSchedule<DType> {
 *   readonly every: number;
 *   constructor(config: { every?: number } = {}, options: { dtype?: DType } = {}) {
 *     super(options);
 *     this.every = config.every ?? 10;
 *   }
 *   override compute(step: number): number { return 0.1 / 2 ** Math.floor(step / this.every); }
 *   override getConfig() { return { every: this.every }; }
 *   static override fromConfig(config: { every?: number }) { return new Halving(config); }
 * }
 * ```
 *
 * (The README's version of it is compiled with tsc --strict and run by test/custom-readme.test.ts.)
 *
 * Its batches run `compute` in a JavaScript loop, rounding each result to the dtype. Keras'
 * built-ins (core/keras.ts) hand the batch machinery a Plan instead: a Wasm kernel, its JS twin
 * and their parameters.
 */
import { showArgument } from "./args.js";
import { execute, type Plan, type TwinKernel } from "./batch.js";
import { bigintStep, checkSteps, type Steps } from "./steps.js";
import type { ArrayFor, BatchOptions, DType, FloatArray } from "./types.js";
import * as check from "./validate.js";

// Instances are functions, so give them Function.prototype's call/apply/bind as well.
export interface LearningRateSchedule<D extends DType = "float32"> {
  /** The learning rate at `step`, as a number (a float32 value for dtype "float32"). */
  (step: number | bigint): number;
}

/** Keras 3's serialized form of a schedule. */
export interface SerializedSchedule {
  module: string | null;
  class_name: string;
  config: Record<string, unknown>;
  registered_name: string | null;
}

/** Plans per schedule and dtype. Not a field: the base constructor returns another object. */
const plans = new WeakMap<object, Partial<Record<DType, Plan>>>();

/** What a schedule's constructor takes besides its config: the dtype, as a string or in an object. */
export type ScheduleOptions<D extends DType = DType> = D | { dtype?: D | undefined };

/**
 * The dtype of a schedule built with no dtype (`super()`): float32, except while deserialize calls
 * a class of the user's own, which then gets the dtype deserialize was asked for. A class whose
 * fromConfig is Keras' `return new C(config)` knows nothing of the dtype; without this it would
 * come back float32 whatever was asked (deserialize refuses a schedule of the wrong dtype).
 */
let unspecifiedDtype: DType = "float32";

/** @internal Runs `f` with schedules built without a dtype taking `dtype` (deserialize's). */
export function withUnspecifiedDtype<T>(dtype: DType, f: () => T): T {
  const saved = unspecifiedDtype;
  unspecifiedDtype = dtype;
  try {
    return f();
  } finally {
    unspecifiedDtype = saved;
  }
}

const CONSTRUCTOR_OPTIONS = ["dtype"];

function dtypeOf(options: unknown): DType {
  if (options === undefined) return unspecifiedDtype;
  if (typeof options === "string") return check.dtype(options);
  if (options === null || typeof options !== "object" || Array.isArray(options))
    throw new TypeError(
      `Argument \`options\` of LearningRateSchedule's constructor must be a dtype or an object { dtype }. Received: options=${check.describe(options)}`,
    );
  for (const key of Object.keys(options))
    if (!CONSTRUCTOR_OPTIONS.includes(key))
      throw new TypeError(`Unknown option \`${key}\` of LearningRateSchedule's constructor. Known: ${CONSTRUCTOR_OPTIONS.join(", ")}`);
  const { dtype } = options as { dtype?: unknown };
  return dtype === undefined ? unspecifiedDtype : check.dtype(dtype);
}

export abstract class LearningRateSchedule<D extends DType = "float32"> {
  /** The default dtype of this schedule's results: a library option, never part of the config. */
  declare readonly dtype: D;

  /**
   * `super()`, `super("float64")` or `super({ dtype: "float64" })`. With no dtype, float32, or the
   * dtype deserialize (or loadSchedule) was asked for when it builds the schedule.
   */
  constructor(options?: ScheduleOptions<D | DType>) {
    const dtype = dtypeOf(options);
    const schedule = ((step: unknown) => {
      const s = check.step(step);
      const dt = schedule.dtype;
      return schedule.planFor(dt).at(typeof s === "bigint" ? bigintStep(s, dt) : s);
    }) as unknown as LearningRateSchedule<D>;
    Object.setPrototypeOf(schedule, new.target.prototype);
    Object.defineProperty(schedule, "dtype", { value: dtype, enumerable: false });
    return schedule;
  }

  /**
   * The learning rate at `step` before rounding to the dtype: what a schedule of one's own
   * implements, as Keras' `__call__`. The step is a number (a bigint step arrives as the float
   * the dtype makes of it).
   */
  compute(_step: number): number {
    throw new TypeError(`${this.constructor.name} must implement compute(step), or be one of lrdecay's schedules.`);
  }

  /** Keras' config: exactly the constructor's arguments, under Keras' names. */
  getConfig(): Record<string, unknown> {
    throw new TypeError(`${this.constructor.name} must implement getConfig() to be serialized, as Keras requires.`);
  }

  /** Keras' default: the constructor called with the config. */
  static fromConfig(this: new (config: Record<string, unknown>) => LearningRateSchedule<DType>, config: Record<string, unknown>): LearningRateSchedule<DType> {
    return new this(check.plainObject("config", config));
  }

  /** @internal The plan for `dtype`, built once. */
  planFor(dtype: DType): Plan {
    let byDtype = plans.get(this);
    if (byDtype === undefined) plans.set(this, (byDtype = {}));
    return (byDtype[dtype] ??= this.createPlan(dtype));
  }

  /**
   * How this schedule computes in `dtype` (planFor caches it). The default runs `compute` in a
   * JavaScript loop, for schedules of the user's own; Keras' built-ins return their kernels.
   */
  protected createPlan(dtype: DType): Plan {
    const round = dtype === "float32" ? Math.fround : (x: number) => x;
    const at = (step: number): number => {
      const value: unknown = this.compute(step);
      if (typeof value !== "number")
        throw new TypeError(`${this.constructor.name}.compute(${step}) must return a number. Received: ${check.describe(value)}`);
      return round(value);
    };
    const twin: TwinKernel = (_params, steps, start, out, _hard, n) => {
      for (let i = 0; i < n; i++) {
        const step = steps !== null ? steps[i]! : start + i;
        if (step - step !== 0) return -1 - i;
        out[i] = at(step);
      }
      return 0;
    };
    return { kernel: null, twin, params: NO_PARAMS, at };
  }

  /**
   * The learning rate at every step of `steps` (any array-like of numbers or bigints): a
   * Float32Array or Float64Array as `dtype` says, or `out` filled.
   */
  evaluate<O extends FloatArray>(steps: Steps, options: BatchOptions & { out: O }): O;
  evaluate<E extends DType>(steps: Steps, options: BatchOptions & { dtype: E }): ArrayFor<E>;
  evaluate(steps: Steps, options?: BatchOptions): ArrayFor<D>;
  evaluate(steps: Steps, options: BatchOptions = {}): FloatArray {
    checkSteps(steps);
    return batch(this, steps, 0, steps.length, options);
  }

  /** The learning rate at the steps start, start + 1, ..., stop - 1 (integers, |x| <= 2^53). */
  range<O extends FloatArray>(start: number | bigint, stop: number | bigint, options: BatchOptions & { out: O }): O;
  range<E extends DType>(start: number | bigint, stop: number | bigint, options: BatchOptions & { dtype: E }): ArrayFor<E>;
  range(start: number | bigint, stop: number | bigint, options?: BatchOptions): ArrayFor<D>;
  range(start: number | bigint, stop: number | bigint, options: BatchOptions = {}): FloatArray {
    const first = check.safeInteger("start", start);
    const end = check.safeInteger("stop", stop);
    if (end < first)
      throw new RangeError(`Argument \`stop\` must be >= start. Received: start=${first}, stop=${end}`);
    return batch(this, null, first, end - first, options);
  }

  /**
   * The class name and its config (`Halving(every=100)`), or the class name alone when getConfig
   * fails. Without it, String() of a schedule would print the callable's source, an arrow function
   * of this module, since instances are functions.
   */
  toString(): string {
    const name = this.constructor.name || "LearningRateSchedule";
    let config: unknown;
    try {
      config = this.getConfig();
    } catch {
      return name;
    }
    if (config === null || typeof config !== "object") return name;
    return `${name}(${Object.entries(config).map(([k, v]) => `${k}=${show(v)}`).join(", ")})`;
  }

  /** Keras 3's serialized form, so that JSON.stringify(schedule) writes what Keras reads. */
  toJSON(): SerializedSchedule {
    const cls = this.constructor as { className?: string; name: string };
    // A built-in declares its Keras class name; a subclass of one (or of this class) is the user's.
    const builtin = Object.hasOwn(cls, "className");
    // Keras writes a class of one's own with its registered name, which is its class name unless
    // registered otherwise; deserialize finds it in customObjects by that name.
    return {
      module: builtin ? "keras.optimizers.schedules" : null,
      class_name: builtin ? cls.className! : cls.name,
      config: this.getConfig(),
      registered_name: builtin ? null : cls.name,
    };
  }
}
Object.setPrototypeOf(LearningRateSchedule.prototype, Function.prototype);

/**
 * A batch on the engine the backend names. (A function, not a private method: the base constructor
 * returns the callable, which a class's private names would not reach.)
 */
function batch(schedule: LearningRateSchedule<DType>, steps: Steps | null, start: number, length: number, options: BatchOptions): FloatArray {
  const opts = check.plainObject("options", options);
  // A misspelt option ({ dtyp: "float64" }) must not silently compute something else.
  for (const key of Object.keys(opts))
    if (!BATCH_OPTIONS.includes(key))
      throw new TypeError(`Unknown option \`${key}\`. Known: ${BATCH_OPTIONS.join(", ")}`);
  const dtype = opts.dtype === undefined ? schedule.dtype : check.dtype(opts.dtype);
  const backend = opts.backend === undefined ? "auto" : check.backend(opts.backend);
  const out = opts.out === undefined ? allocate(dtype, length) : checkOut(opts.out, dtype, length);
  execute(schedule.planFor(dtype), backend, { dtype, steps, start, out });
  return out;
}

/** A config value as toString shows it: as the built-ins show theirs (showArgument), objects as JSON. */
function show(value: unknown): string {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    try {
      return JSON.stringify(value) ?? String(value);
    } catch {
      return String(value);
    }
  }
  return Array.isArray(value) ? `[${value.map(show).join(", ")}]` : showArgument(value);
}

const NO_PARAMS = new Float64Array(0);
const BATCH_OPTIONS = ["dtype", "backend", "out"];

function allocate(dtype: DType, length: number): FloatArray {
  try {
    return dtype === "float64" ? new Float64Array(length) : new Float32Array(length);
  } catch (e) {
    throw new RangeError(`Cannot allocate a ${dtype} array of ${length} elements: ${(e as Error).message}`);
  }
}

const TAGS: Record<DType, string> = { float32: "[object Float32Array]", float64: "[object Float64Array]" };

function checkOut(out: unknown, dtype: DType, length: number): FloatArray {
  // The tag, not instanceof: arrays from another realm (an iframe, a worker's transfer) are fine.
  if (Object.prototype.toString.call(out) !== TAGS[dtype])
    throw new TypeError(`Argument \`out\` must be a ${TAGS[dtype].slice(8, -1)} for dtype "${dtype}". Received: out=${check.describe(out)}`);
  const array = out as FloatArray;
  if (array.length !== length) {
    const detached = array.buffer.byteLength === 0 && length > 0 ? " (its buffer is detached)" : "";
    throw new RangeError(`Argument \`out\` must have length ${length}. Received: out.length=${array.length}${detached}`);
  }
  return array;
}
