/**
 * Argument checks. Every error names the argument, the value it got and the rule, in Keras' words
 * where Keras has them ("Argument `decay_steps` must be > 0. Received: decay_steps=0"), and is a
 * TypeError (wrong type) or RangeError (right type, wrong value). Nothing is coerced.
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

function received(name: string, value: unknown): string {
  return `Received: ${name}=${describe(value)}`;
}

/** A finite number. */
export function finiteNumber(name: string, value: unknown): number {
  if (typeof value !== "number") throw new TypeError(`Argument \`${name}\` must be a number. ${received(name, value)}`);
  if (!Number.isFinite(value)) throw new RangeError(`Argument \`${name}\` must be finite. ${received(name, value)}`);
  return value;
}

export function positiveNumber(name: string, value: unknown): number {
  if (finiteNumber(name, value) <= 0) throw new RangeError(`Argument \`${name}\` must be > 0. ${received(name, value)}`);
  return value as number;
}

export function nonNegativeNumber(name: string, value: unknown): number {
  if (finiteNumber(name, value) < 0) throw new RangeError(`Argument \`${name}\` must be >= 0. ${received(name, value)}`);
  return value as number;
}

/** A list of finite numbers, copied and frozen. */
export function finiteNumbers(name: string, value: unknown): readonly number[] {
  if (!Array.isArray(value) && !(ArrayBuffer.isView(value) && !(value instanceof DataView)))
    throw new TypeError(`Argument \`${name}\` must be an array of numbers. ${received(name, value)}`);
  const list = Array.from(value as ArrayLike<unknown>);
  list.forEach((x, i) => finiteNumber(`${name}[${i}]`, x));
  return Object.freeze(list as number[]);
}

export function boolean(name: string, value: unknown): boolean {
  if (typeof value !== "boolean") throw new TypeError(`Argument \`${name}\` must be a boolean. ${received(name, value)}`);
  return value;
}

/** A string, or null as tf.keras writes for an unnamed schedule. */
export function nameOrNull(name: string, value: unknown): string | null {
  if (value !== null && typeof value !== "string")
    throw new TypeError(`Argument \`${name}\` must be a string or null. ${received(name, value)}`);
  return value;
}

export function dtype(value: unknown): DType {
  if (value !== "float32" && value !== "float64")
    throw new TypeError(`Argument \`dtype\` must be "float32" or "float64". ${received("dtype", value)}`);
  return value;
}

const BACKENDS: readonly Backend[] = ["auto", "wasm", "wasm-simd", "wasm-scalar", "js"];
export function backend(value: unknown): Backend {
  if (!BACKENDS.includes(value as Backend))
    throw new TypeError(`Argument \`backend\` must be one of ${BACKENDS.map((b) => `"${b}"`).join(", ")}. ${received("backend", value)}`);
  return value as Backend;
}

/** A step of a single call: a finite number, or a bigint. */
export function step(value: unknown): number | bigint {
  if (typeof value === "bigint") return value;
  if (typeof value !== "number") throw new TypeError(`Argument \`step\` must be a number or a bigint. ${received("step", value)}`);
  if (!Number.isFinite(value)) throw new RangeError(`Argument \`step\` must be finite. ${received("step", value)}`);
  return value;
}

/** A bound of `range`: an integer that float64 holds exactly (|x| <= 2^53), as number or bigint. */
export function safeInteger(name: string, value: unknown): number {
  const x = typeof value === "bigint" ? Number(value) : value;
  if (typeof x !== "number") throw new TypeError(`Argument \`${name}\` must be an integer. ${received(name, value)}`);
  if (!Number.isInteger(x) || Math.abs(x) > 2 ** 53 || (typeof value === "bigint" && BigInt(x) !== value))
    throw new RangeError(`Argument \`${name}\` must be an integer between -2^53 and 2^53. ${received(name, value)}`);
  return x;
}

/** A plain object (from JSON or a literal): not null, not an array. */
export function plainObject(name: string, value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new TypeError(`Argument \`${name}\` must be an object. ${received(name, value)}`);
  return value as Record<string, unknown>;
}
