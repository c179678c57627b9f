/**
 * Argument checks. Every error names the argument, the value it got and the rule, in Keras' words
 * where Keras has them ("Argument `decay_steps` must be > 0. Received: decay_steps=0"), and is a
 * TypeError (wrong type) or RangeError (right type, wrong value). Nothing is coerced.
 *
 * The same facts ride on the error as data (ArgumentErrorData: argument, value, rule, index), so
 * that a program (the lrdecay command names its flags from them) never parses the message.
 */
import type { Backend, DType } from "./types.js";

/** A value as an error message shows it: strings quoted, bigints with n, other types named. */
export function describe(value: unknown): string {
  switch (typeof value) {
    case "string":
      return `${JSON.stringify(value.length > 60 ? value.slice(0, 57) + "..." : value)} (string)`;
    case "bigint":
      return `${value}n (bigint)`;
    case "number":
      return Object.is(value, -0) ? "-0" : String(value);
    case "boolean":
    case "undefined":
      return String(value);
    case "function":
      return "a function";
    default:
      if (value === null) return "null";
      if (Array.isArray(value)) return `an array of length ${value.length}`;
      if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
      return `an object (${Object.prototype.toString.call(value).slice(8, -1)})`;
  }
}

/** What an argument error carries beside its message. */
export interface ArgumentErrorData {
  /** The argument's name: Keras' for a schedule's arguments ("decay_steps"), a list's for its elements. */
  readonly argument: string;
  /** For an element of a list: its position in the list. */
  readonly index?: number;
  /** The value refused: the element, for an element of a list. */
  readonly value: unknown;
  /** The rule broken, worded as in the message: "must be > 0". */
  readonly rule: string;
}

export type ArgumentError = (TypeError | RangeError) & ArgumentErrorData;

/**
 * A TypeError or RangeError carrying `data`. Its message is `message`, or by default
 * "Argument `name` RULE. Received: name=VALUE" (name with [index] for an element of a list).
 */
export function argumentError(kind: TypeErrorConstructor | RangeErrorConstructor, data: ArgumentErrorData, message?: string): ArgumentError {
  const name = data.index === undefined ? data.argument : `${data.argument}[${data.index}]`;
  const error = new kind(message ?? `Argument \`${name}\` ${data.rule}. ${received(name, data.value)}`);
  const { index, ...rest } = data;
  return Object.assign(error, index === undefined ? rest : data);
}

/** The data an argument error of lrdecay's carries, or undefined for any other error. */
export function argumentErrorData(error: unknown): ArgumentErrorData | undefined {
  if (!(error instanceof TypeError || error instanceof RangeError)) return undefined;
  const { argument, rule } = error as Partial<ArgumentErrorData>;
  return typeof argument === "string" && typeof rule === "string" ? (error as ArgumentError) : undefined;
}

function received(name: string, value: unknown): string {
  return `Received: ${name}=${describe(value)}`;
}

/** A finite number; `index` for an element of the list `name`. */
export function finiteNumber(name: string, value: unknown, index?: number): number {
  if (typeof value !== "number") throw argumentError(TypeError, { argument: name, index, value, rule: "must be a number" });
  if (!Number.isFinite(value)) throw argumentError(RangeError, { argument: name, index, value, rule: "must be finite" });
  return value;
}

export function positiveNumber(name: string, value: unknown): number {
  if (finiteNumber(name, value) <= 0) throw argumentError(RangeError, { argument: name, value, rule: "must be > 0" });
  return value as number;
}

export function nonNegativeNumber(name: string, value: unknown): number {
  if (finiteNumber(name, value) < 0) throw argumentError(RangeError, { argument: name, value, rule: "must be >= 0" });
  return value as number;
}

/** A list of finite numbers, copied and frozen. */
export function finiteNumbers(name: string, value: unknown): readonly number[] {
  if (!Array.isArray(value) && !(ArrayBuffer.isView(value) && !(value instanceof DataView)))
    throw argumentError(TypeError, { argument: name, value, rule: "must be an array of numbers" });
  const list = Array.from(value as ArrayLike<unknown>);
  list.forEach((x, i) => finiteNumber(name, x, i));
  return Object.freeze(list as number[]);
}

export function boolean(name: string, value: unknown): boolean {
  if (typeof value !== "boolean") throw argumentError(TypeError, { argument: name, value, rule: "must be a boolean" });
  return value;
}

/** A string, or null as tf.keras writes for an unnamed schedule. */
export function nameOrNull(name: string, value: unknown): string | null {
  if (value !== null && typeof value !== "string") throw argumentError(TypeError, { argument: name, value, rule: "must be a string or null" });
  return value;
}

export function dtype(value: unknown): DType {
  if (value !== "float32" && value !== "float64")
    throw argumentError(TypeError, { argument: "dtype", value, rule: 'must be "float32" or "float64"' });
  return value;
}

const BACKENDS: readonly Backend[] = ["auto", "wasm", "wasm-simd", "wasm-scalar", "js"];
export function backend(value: unknown): Backend {
  if (!BACKENDS.includes(value as Backend))
    throw argumentError(TypeError, { argument: "backend", value, rule: `must be one of ${BACKENDS.map((b) => `"${b}"`).join(", ")}` });
  return value as Backend;
}

/** A step of a single call: a finite number, or a bigint. */
export function step(value: unknown): number | bigint {
  if (typeof value === "bigint") return value;
  if (typeof value !== "number") throw argumentError(TypeError, { argument: "step", value, rule: "must be a number or a bigint" });
  if (!Number.isFinite(value)) throw argumentError(RangeError, { argument: "step", value, rule: "must be finite" });
  return value;
}

/** A bound of `range`: an integer that float64 holds exactly (|x| <= 2^53), as number or bigint. */
export function safeInteger(name: string, value: unknown): number {
  const x = typeof value === "bigint" ? Number(value) : value;
  if (typeof x !== "number") throw argumentError(TypeError, { argument: name, value, rule: "must be an integer" });
  if (!Number.isInteger(x) || Math.abs(x) > 2 ** 53 || (typeof value === "bigint" && BigInt(x) !== value))
    throw argumentError(RangeError, { argument: name, value, rule: "must be an integer between -2^53 and 2^53" });
  return x;
}

/** A plain object (from JSON or a literal): not null, not an array. */
export function plainObject(name: string, value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw argumentError(TypeError, { argument: name, value, rule: "must be an object" });
  return value as Record<string, unknown>;
}
