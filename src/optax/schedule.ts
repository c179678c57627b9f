/**
 * What every optax schedule shares. optax's schedules are functions that validate their arguments
 * once and return a closure of the count; here each returns an OptaxSchedule: callable with a
 * count (`s(t)`), with `evaluate(steps)` and `range(start, stop)` on the kernels of
 * assembly/optax/ (core/schedule.ts' machinery), and with its arguments as optax names them
 * (`getConfig()`), as a Python call (`toString()`) and as JSON.
 *
 * A count is what JAX holds optax's count in: an int32 without x64 (the float32 pipeline, as JAX
 * runs by default), an int64 with it (float64). A count outside int32, or a fractional one, is
 * refused: a jitted optax schedule raises OverflowError for a Python int beyond int32, and optax's
 * optimizers stop counting at 2^31 - 1 (numerics.safe_increment). (JAX would run a Python float
 * count through a float pipeline of its own, with other roundings; that is not reproduced.)
 */
import { readArguments, type Arg } from "../core/args.js";
import type { Plan } from "../core/batch.js";
import { LearningRateSchedule, type SerializedSchedule } from "../core/schedule.js";
import type { Steps } from "../core/steps.js";
import type { ArrayFor, BatchOptions, DType, FloatArray } from "../core/types.js";
import * as check from "../core/validate.js";
import { INT32_MAX, SAFE, type BoundariesAndScales } from "./args.js";

/** The rule a count breaks, for the errors (the kernels' stepRule too). */
export function countRule(dtype: DType): string {
  return dtype === "float32"
    ? "int32 counts: integers from -2^31 to 2^31 - 1 (JAX without x64 holds optax's count in int32)"
    : "int64 counts below 2^53 in magnitude (JAX with x64 holds optax's count in int64; a double holds such integers exactly)";
}

/** Whether x is a count of the dtype's pipeline (a -0 is the count 0). */
export function isCount(x: number, dtype: DType): boolean {
  return Number.isInteger(x) && (dtype === "float32" ? x >= -INT32_MAX - 1 && x <= INT32_MAX : Math.abs(x) < SAFE);
}

/** A single call's count, or a RangeError. */
export function countOf(step: number, dtype: DType): number {
  if (!isCount(step, dtype)) throw new RangeError(`Argument \`step\` must be one of the ${countRule(dtype)}. Received: step=${check.describe(step)}`);
  return step + 0;
}

/** count - boundary as JAX's integers compute it: int32 wraps around (XLA's s32 subtraction), int64 does not here. */
export function shifted(count: number, boundary: number, dtype: DType): number {
  return dtype === "float32" ? (count - boundary) | 0 : count - boundary;
}

const warned = new Set<string>();

/**
 * What optax logs (logging.info) where it quietly changes an argument, as console.warn, once per
 * message in a process: a schedule made in a loop warns once.
 */
export function warnOnce(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  console.warn(`lrdecay/optax, as optax logs: ${message}`);
}

/** An optax schedule function's declaration: what `define` makes the function from. */
export interface Definition {
  /** optax's name: "cosine_decay_schedule". */
  readonly name: string;
  /** This library's: "cosineDecaySchedule" (the name its errors use). */
  readonly jsName: string;
  /** The arguments in optax's positional order, under optax's names. */
  readonly args: readonly Arg[];
  /** Checks across arguments (each argument's own check has run), in optax's words where it raises. */
  readonly validate?: (config: Record<string, unknown>) => void;
  /** How toString writes an argument that python() cannot (sgdr_schedule's list of dicts). */
  readonly show?: Readonly<Record<string, (value: unknown) => string>>;
  /** How the schedule computes in `dtype`: its kernel plan, or a join of other schedules' plans. */
  readonly plan: (config: Record<string, unknown>, dtype: DType) => Plan;
}

/** A schedule function of this module: optax's function, with its declaration for the CLI and tools. */
export interface OptaxFunction {
  (...args: never[]): OptaxSchedule<DType>;
  /** optax's name of the function. */
  readonly optaxName: string;
  /** Its arguments in optax's positional order. */
  readonly args: readonly Arg[];
}

/** Every function by optax's name: fromJSON's and the CLI's lookup. */
export const FUNCTIONS = new Map<string, (args: readonly unknown[]) => OptaxSchedule<DType>>();

/** The function a declaration describes: optax's positional arguments or an options object in camelCase. */
export function define(definition: Definition): (args: readonly unknown[]) => OptaxSchedule<DType> {
  const make = (args: readonly unknown[]): OptaxSchedule<DType> => {
    const { config, dtype } = readArguments(definition.args, definition.jsName, args);
    definition.validate?.(config);
    const schedule = new OptaxSchedule(definition, Object.freeze(config), dtype === undefined ? "float32" : (dtype as DType));
    // The plan of its own dtype now: its checks and optax's logged notices come with the call, as optax's do.
    schedule.planFor(schedule.dtype);
    return schedule;
  };
  FUNCTIONS.set(definition.name, make);
  return make;
}

/** Adds the declaration's name and arguments to an exported function. */
export function declared<F extends (...args: never[]) => unknown>(fn: F, definition: Definition): F & OptaxFunction {
  return Object.defineProperties(fn, {
    optaxName: { value: definition.name, enumerable: true },
    args: { value: definition.args, enumerable: true },
  }) as F & OptaxFunction;
}

// Instances are functions, so give them Function.prototype's call/apply/bind as well.
export interface OptaxSchedule<D extends DType = "float32"> {
  /** The value at count `step`, as a number (a float32 value for dtype "float32"). */
  (step: number | bigint): number;
}

export class OptaxSchedule<D extends DType = "float32"> extends LearningRateSchedule<D> {
  readonly #definition: Definition;
  readonly #config: Readonly<Record<string, unknown>>;

  /** @internal Made by the schedule functions (cosineDecaySchedule, ...), not directly. */
  constructor(definition: Definition, config: Readonly<Record<string, unknown>>, dtype: D | DType) {
    super(dtype);
    this.#definition = definition;
    this.#config = config;
  }

  /** optax's name of the function that made this schedule ("cosine_decay_schedule"). */
  get functionName(): string {
    return this.#definition.name;
  }

  /** The arguments under optax's names, as JSON holds them (a {step: scale} map as an object). */
  override getConfig(): Record<string, unknown> {
    return Object.fromEntries(this.#definition.args.map((a) => [a.key, toJSONValue(this.#config[a.key], a)]));
  }

  /** The call in Python: `optax.cosine_decay_schedule(init_value=0.1, decay_steps=1000, alpha=0.0, exponent=1)`. */
  override toString(): string {
    const show = this.#definition.show ?? {};
    return `optax.${this.#definition.name}(${this.#definition.args.map((a) => `${a.key}=${show[a.key]?.(this.#config[a.key]) ?? pythonArg(this.#config[a.key], a)}`).join(", ")})`;
  }

  /**
   * JSON in Keras 3's envelope, naming optax: `{ module: "optax", class_name: "cosine_decay_schedule",
   * config: {...}, registered_name: null }` (the class name is the function's). Keras' own
   * deserialize refuses it; this module's fromJSON reads it.
   */
  override toJSON(): SerializedSchedule {
    return { module: "optax", class_name: this.#definition.name, config: this.getConfig(), registered_name: null };
  }

  protected override createPlan(dtype: DType): Plan {
    return this.#definition.plan(this.#config, dtype);
  }

  /** The values at the counts start, start + 1, ..., stop - 1, each an int32 count (int64 for float64). */
  override range<O extends FloatArray>(start: number | bigint, stop: number | bigint, options: BatchOptions & { out: O }): O;
  override range<E extends DType>(start: number | bigint, stop: number | bigint, options: BatchOptions & { dtype: E }): ArrayFor<E>;
  override range(start: number | bigint, stop: number | bigint, options?: BatchOptions): ArrayFor<D>;
  override range(start: number | bigint, stop: number | bigint, options: BatchOptions = {}): FloatArray {
    const first = check.safeInteger("start", start);
    const end = check.safeInteger("stop", stop);
    const dtype = (options as { dtype?: unknown } | null)?.dtype === undefined ? this.dtype : check.dtype(options.dtype);
    if (end > first && (!isCount(first, dtype) || !isCount(end - 1, dtype)))
      throw new RangeError(`Arguments \`start\` and \`stop\` must give ${countRule(dtype)} (stop - 1 the last). Received: start=${first}, stop=${end}`);
    return super.range(start, stop, options);
  }

}

/** An argument's value as getConfig gives it: plain JSON values. */
function toJSONValue(value: unknown, arg: Arg): unknown {
  if (arg.kind === "numberMap") return value === null ? null : Object.fromEntries(value as BoundariesAndScales);
  if (arg.kind === "schedules") return (value as readonly OptaxSchedule<DType>[]).map((s) => s.toJSON());
  if (arg.kind === "objects") return (value as readonly Record<string, unknown>[]).map((o) => ({ ...o }));
  if (Array.isArray(value)) return [...value];
  return value;
}

/**
 * A value as Python writes it: None, True and False; a float-held number with its point (1.0; the
 * digits are JavaScript's shortest, which Python reads back to the same float); an int as an int;
 * strings quoted; lists; schedules as their calls.
 */
export function python(value: unknown, float: boolean): string {
  if (value === null || value === undefined) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "string") return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
  if (typeof value === "number") {
    if (!float) return String(value + 0);
    if (Object.is(value, -0)) return "-0.0";
    const text = String(value);
    return /[.eIN]/.test(text) ? text : `${text}.0`;
  }
  if (value instanceof OptaxSchedule) return value.toString();
  if (Array.isArray(value)) return `[${value.map((x) => python(x, float)).join(", ")}]`;
  return String(value);
}

/** An argument's value as Python writes it: python(), with a {step: scale} map as a dict. */
function pythonArg(value: unknown, arg: Arg): string {
  if (arg.kind === "numberMap" && value !== null)
    return `{${(value as BoundariesAndScales).map(([b, s]) => `${python(b, false)}: ${python(s, true)}`).join(", ")}}`;
  return python(value, arg.float);
}

/** A dict of keyword arguments as Python writes it ({'init_value': 0.0, ...}), each as its declaration says. */
export function pythonKwargs(values: Readonly<Record<string, unknown>>, args: readonly Arg[]): string {
  return `{${args.filter((a) => Object.hasOwn(values, a.key)).map((a) => `'${a.key}': ${pythonArg(values[a.key], a)}`).join(", ")}}`;
}
