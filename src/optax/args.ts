/**
 * The kinds of argument optax's schedule functions take beyond plain numbers and booleans, declared
 * as core/args.ts declares Keras': integers (optax's `int` arguments), the boundaries_and_scales map,
 * interpolate_type, a list of schedules (join_schedules) and a list of argument objects
 * (sgdr_schedule). Each check names the argument, the value and the rule.
 */
import { declare, type Arg, type Spec } from "../core/args.js";
import type { DType } from "../core/types.js";
import * as check from "../core/validate.js";

export { boolean, number, optionalNumber } from "../core/args.js";

/** The largest int32: JAX without x64 holds counts and integer arguments in int32. */
export const INT32_MAX = 2147483647;
const INT32_MIN = -2147483648;
/** Integers must be below this in magnitude in a double (float64 pipelines' counts too). */
export const SAFE = 2 ** 53;

/** An integer (an optax `int` argument), exactly held in a double. */
export function integerValue(name: string, value: unknown): number {
  const x = check.finiteNumber(name, value);
  if (!Number.isInteger(x) || Math.abs(x) >= SAFE)
    throw new RangeError(`Argument \`${name}\` must be an integer (optax's argument is an int), below 2^53 in magnitude. Received: ${name}=${check.describe(value)}`);
  return x + 0; // -0 is the integer 0
}

/**
 * An integer argument that JAX without x64 converts to an int32 where it meets the count (float32
 * pipelines): a Python int beyond int32 raises OverflowError there.
 */
export function int32In(name: string, value: number, dtype: DType): number {
  if (dtype === "float32" && (value > INT32_MAX || value < INT32_MIN))
    throw new RangeError(
      `Argument \`${name}\` must be an int32 for float32 (JAX without x64 converts it to int32, which overflows beyond 2^31 - 1). Received: ${name}=${value}`,
    );
  return value;
}

/** An integer argument; required unless a default is given. */
export function integer<K extends string>(key: K, spec: Spec<number> & { default: number }): Arg<K, number, false>;
export function integer<K extends string>(key: K, spec: Spec<number>): Arg<K, number, true>;
export function integer<K extends string>(key: K, spec: Spec<number>): Arg<K, number, boolean> {
  return declare(key, "number", spec.default === undefined, spec, integerValue);
}

/** One of a few strings (optax's interpolate_type). */
export function choice<K extends string, C extends string>(key: K, choices: readonly C[], spec: Spec<C>): Arg<K, C, true> {
  return declare(key, "string", true, spec, (name, value) => {
    if (!choices.includes(value as C))
      throw new (typeof value === "string" ? RangeError : TypeError)(
        `Argument \`${name}\` must be either ${choices.map((c) => `'${c}'`).join(" or ")}. Received: ${name}=${check.describe(value)}`,
      );
    return value as C;
  });
}

/** boundaries_and_scales: integer steps and their scales, in increasing order of step (Python's sorted(items())). */
export type BoundariesAndScales = readonly (readonly [boundary: number, scale: number])[];

const INTEGER_KEY = /^-?(0|[1-9][0-9]*)$/;

/**
 * A {step: scale} map, as a plain object ({100: 0.1}), a Map or an array of [step, scale] pairs;
 * null or undefined is Python's None. Steps are integers (dict keys, each once); scales finite numbers.
 * Returned as frozen pairs in increasing order of step, or null.
 */
function boundariesAndScales(name: string, value: unknown): BoundariesAndScales | null {
  if (value === null || value === undefined) return null;
  let entries: [unknown, unknown][];
  if (value instanceof Map) entries = [...value.entries()];
  else if (Array.isArray(value)) {
    entries = value.map((pair, i) => {
      if (!Array.isArray(pair) || pair.length !== 2)
        throw new TypeError(`Argument \`${name}\` must hold [step, scale] pairs. Received: ${name}[${i}]=${check.describe(pair)}`);
      return [pair[0], pair[1]];
    });
  } else if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    entries = Object.entries(value).map(([key, scale]) => {
      if (!INTEGER_KEY.test(key))
        throw new TypeError(`Argument \`${name}\` must have integer steps as keys. Received: the key ${JSON.stringify(key)}`);
      return [Number(key), scale];
    });
  } else {
    throw new TypeError(`Argument \`${name}\` must be an object, a Map or an array of [step, scale] pairs (a dict {step: scale}). Received: ${name}=${check.describe(value)}`);
  }
  const pairs = entries.map(([step, scale]) => {
    const b = integerValue(`${name} step`, step);
    return Object.freeze([b, check.finiteNumber(`${name}[${b}]`, scale)] as const);
  });
  pairs.sort((x, y) => x[0] - y[0]);
  for (let i = 1; i < pairs.length; i++)
    if (pairs[i]![0] === pairs[i - 1]![0])
      throw new RangeError(`Argument \`${name}\` must give each step once, as a dict's keys. Received: step ${pairs[i]![0]} twice`);
  return Object.freeze(pairs);
}

/** optax's boundaries_and_scales: {step: scale}, None by default. */
export function scalesMap<K extends string>(key: K, doc: string): Arg<K, BoundariesAndScales | null, false> {
  return declare(key, "numberMap", false, { default: null, doc, float: true }, boundariesAndScales);
}

/** A list of values each checked by `item` (frozen copy). */
export function list<K extends string, T>(key: K, kind: "schedules" | "objects", item: (name: string, value: unknown) => T, doc: string): Arg<K, readonly T[], true> {
  return declare(key, kind, true, { doc }, (name, value) => {
    if (!Array.isArray(value)) throw new TypeError(`Argument \`${name}\` must be an array. Received: ${name}=${check.describe(value)}`);
    return Object.freeze(value.map((x, i) => item(`${name}[${i}]`, x)));
  });
}

/** A list of integers (join_schedules' boundaries), frozen. */
export function integers<K extends string>(key: K, doc: string): Arg<K, readonly number[], true> {
  return declare(key, "numbers", true, { doc }, (name, value) => Object.freeze(check.finiteNumbers(name, value).map((x, i) => integerValue(`${name}[${i}]`, x))));
}
