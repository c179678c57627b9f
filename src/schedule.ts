/**
 * What every schedule shares: instances are callable (`schedule(step)`, like Keras' 1-arg
 * schedule), evaluate whole arrays or ranges of steps on any backend, and serialize to Keras JSON.
 * A schedule subclass supplies its config, its single-step value and its kernel job.
 */
import { jsEngine, runBatch, type Job } from "./batch.js";
import { checkSteps, type Steps } from "./steps.js";
import type { BatchOptions, DType, FloatArray } from "./types.js";
import * as check from "./validate.js";
import { kernelFor } from "./wasm.js";

/** What a subclass hands the batch machinery for one dtype. */
export type KernelJob = Pick<Job, "kernel" | "params" | "resolve">;

// Instances are functions, so give them Function.prototype's call/apply/bind as well.
export interface LearningRateSchedule {
  /** The learning rate at `step`, as a number (a float32 value for dtype "float32"). */
  (step: number | bigint): number;
}

export abstract class LearningRateSchedule {
  /** The default dtype of this schedule's results: a library option, never part of the config. */
  declare readonly dtype: DType;

  constructor(dtype: unknown = "float32") {
    const schedule = ((step: unknown) => schedule.valueAt(check.step(step), schedule.dtype)) as LearningRateSchedule;
    Object.setPrototypeOf(schedule, new.target.prototype);
    Object.defineProperty(schedule, "dtype", { value: check.dtype(dtype), enumerable: false });
    return schedule;
  }

  /** Keras' config: exactly the constructor's arguments, under Keras' names. */
  abstract getConfig(): Record<string, unknown>;

  /** The result at one step in `dtype`. */
  protected abstract valueAt(step: number | bigint, dtype: DType): number;

  /** The kernel job for a batch in `dtype`. */
  protected abstract kernelJob(dtype: DType): KernelJob;

  /**
   * A schedule may fill a range faster than any kernel, e.g. a staircase run by run. Returns
   * whether it filled `out` with the steps start, start + 1, ...; the default declines.
   */
  protected fillRange(_start: number, _out: FloatArray, _dtype: DType): boolean {
    return false;
  }

  /**
   * The learning rate at every step of `steps` (any array-like of numbers or bigints): a
   * Float32Array or Float64Array as `dtype` says, or `out` filled.
   */
  evaluate(steps: Steps, options: BatchOptions & { dtype: "float32" }): Float32Array;
  evaluate(steps: Steps, options: BatchOptions & { dtype: "float64" }): Float64Array;
  evaluate<O extends FloatArray>(steps: Steps, options: BatchOptions & { out: O }): O;
  evaluate(steps: Steps, options?: BatchOptions): FloatArray;
  evaluate(steps: Steps, options: BatchOptions = {}): FloatArray {
    checkSteps(steps);
    return this.batch(steps, 0, steps.length, options);
  }

  /** The learning rate at the steps start, start + 1, ..., stop - 1 (integers, |x| <= 2^53). */
  range(start: number | bigint, stop: number | bigint, options: BatchOptions & { dtype: "float32" }): Float32Array;
  range(start: number | bigint, stop: number | bigint, options: BatchOptions & { dtype: "float64" }): Float64Array;
  range<O extends FloatArray>(start: number | bigint, stop: number | bigint, options: BatchOptions & { out: O }): O;
  range(start: number | bigint, stop: number | bigint, options?: BatchOptions): FloatArray;
  range(start: number | bigint, stop: number | bigint, options: BatchOptions = {}): FloatArray {
    const first = check.safeInteger("start", start);
    const end = check.safeInteger("stop", stop);
    if (end < first)
      throw new RangeError(`Argument \`stop\` must be >= start. Received: start=${first}, stop=${end}`);
    return this.batch(null, first, end - first, options);
  }

  private batch(steps: Steps | null, start: number, length: number, options: BatchOptions): FloatArray {
    const opts = check.plainObject("options", options);
    // A misspelt option ({ dtyp: "float64" }) must not silently compute something else.
    for (const key of Object.keys(opts))
      if (!BATCH_OPTIONS.includes(key))
        throw new TypeError(`Unknown option \`${key}\`. Known: ${BATCH_OPTIONS.join(", ")}`);
    const dtype = opts.dtype === undefined ? this.dtype : check.dtype(opts.dtype);
    const backend = opts.backend === undefined ? "auto" : check.backend(opts.backend);
    const out = opts.out === undefined ? allocate(dtype, length) : checkOut(opts.out, dtype, length);
    const engine = (backend === "js" ? null : kernelFor(backend, length)) ?? jsEngine;
    if (steps === null && this.fillRange(start, out, dtype)) return out;
    runBatch(engine, { ...this.kernelJob(dtype), dtype, steps, start, out });
    return out;
  }

  /** Keras 3's serialized form, so that JSON.stringify(schedule) writes what Keras reads. */
  toJSON(): { module: string; class_name: string; config: Record<string, unknown>; registered_name: null } {
    return {
      module: "keras.optimizers.schedules",
      class_name: (this.constructor as { className?: string }).className ?? this.constructor.name,
      config: this.getConfig(),
      registered_name: null,
    };
  }
}
Object.setPrototypeOf(LearningRateSchedule.prototype, Function.prototype);

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
