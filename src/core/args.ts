/**
 * Declared arguments: a schedule states its Keras arguments once (Keras' name, the camelCase
 * name, the default, the check, whether Keras holds it as a float), and the constructors (Keras'
 * positional order and the options object), fromConfig, getConfig, toString, toKerasJSON and the
 * CLI's flags all read that declaration (core/keras.ts, core/serialization.ts, src/cli/).
 */
import type { DType } from "./types.js";
import * as check from "./validate.js";

/**
 * What an argument holds, for the CLI's parsing and help. Beyond Keras': "numberMap", a map from
 * integer steps to numbers (optax's boundaries_and_scales); "schedules", a list of schedules
 * (optax's join_schedules); "objects", a list of argument objects (optax's sgdr_schedule).
 */
export type ArgKind = "number" | "boolean" | "string" | "numbers" | "optionalNumber" | "numberMap" | "schedules" | "objects";

export interface Arg<K extends string = string, T = unknown, Required extends boolean = boolean> {
  /** Keras' name: the config key, and the name error messages use. */
  readonly key: K;
  /** The options object's key and the instance's property: `key` in camelCase. */
  readonly option: string;
  /** The CLI's flag: `key` in kebab case, without the dashes. */
  readonly flag: string;
  readonly kind: ArgKind;
  /** Whether the caller must give it (Keras' arguments without a default). */
  readonly required: Required;
  /** The value when not given (undefined for required arguments). */
  readonly default: T | undefined;
  /** Returns the value, or throws a TypeError or RangeError naming the argument. */
  readonly check: (value: unknown) => T;
  /** Keras holds it (each element, for a list) as a Python float: toKerasJSON writes 1 as 1.0. */
  readonly float: boolean;
  /** One line for help texts. */
  readonly doc: string;
}

type Camel<S extends string> = S extends `${infer H}_${infer T}` ? `${H}${Capitalize<Camel<T>>}` : S;
type ValueOf<X> = X extends Arg<string, infer T> ? T : never;

/** The config Keras writes for a schedule declared with `A` (getConfig()). */
export type ConfigOf<A extends readonly Arg[]> = { -readonly [X in A[number] as X["key"]]: ValueOf<X> };

/** The constructor's options object: the arguments in camelCase, required ones required. */
export type OptionsOf<A extends readonly Arg[], D extends DType = DType> = {
  [X in A[number] as X extends Arg<string, unknown, true> ? Camel<X["key"]> : never]: ValueOf<X>;
} & {
  [X in A[number] as X extends Arg<string, unknown, true> ? never : Camel<X["key"]>]?: ValueOf<X>;
} & {
  /** The default dtype of results (not part of the Keras config). Defaults to "float32". */
  dtype?: D;
};

/** The instance's properties: the arguments in camelCase, read-only. */
export type PropertiesOf<A extends readonly Arg[]> = { readonly [X in A[number] as Camel<X["key"]>]: ValueOf<X> };

const camel = (key: string) => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

export interface Spec<T> {
  default?: T;
  /** The options object's name, where camelCase of `key` is not it (PyTorch's "T_max" is "tMax"). */
  option?: string;
  check?: (name: string, value: unknown) => T;
  float?: boolean;
  doc: string;
}

/** An argument of any kind, checked by `fallback` unless the spec has its own check. */
export function declare<K extends string, T, R extends boolean>(key: K, kind: ArgKind, required: R, spec: Spec<T>, fallback: (name: string, value: unknown) => T): Arg<K, T, R> {
  const test = spec.check ?? fallback;
  return Object.freeze({
    key,
    option: spec.option ?? camel(key),
    flag: key.replace(/_/g, "-"),
    kind,
    required,
    default: spec.default,
    check: (value: unknown) => test(key, value),
    float: spec.float ?? false,
    doc: spec.doc,
  });
}

/** A number; required unless a default is given. The check defaults to "finite". */
export function number<K extends string>(key: K, spec: Spec<number> & { default: number }): Arg<K, number, false>;
export function number<K extends string>(key: K, spec: Spec<number>): Arg<K, number, true>;
export function number<K extends string>(key: K, spec: Spec<number>): Arg<K, number, boolean> {
  return declare(key, "number", spec.default === undefined, spec, check.finiteNumber);
}

/** A number or null (Keras' None), null by default. */
export function optionalNumber<K extends string>(key: K, spec: Spec<number | null>): Arg<K, number | null, false> {
  return declare(key, "optionalNumber", false, { default: null, ...spec }, (name, value) => (value === null ? null : check.finiteNumber(name, value)));
}

export function boolean<K extends string>(key: K, spec: Spec<boolean> & { default: boolean }): Arg<K, boolean, false> {
  return declare(key, "boolean", false, spec, check.boolean);
}

/** A list of numbers (a Python list): frozen copies, so a schedule cannot change under its caller. */
export function numbers<K extends string>(key: K, spec: Spec<readonly number[]>): Arg<K, readonly number[], true> {
  return declare(key, "numbers", true, spec, check.finiteNumbers);
}

/** Keras' `name`: a string, or null as tf.keras writes for an unnamed schedule. */
export function name(defaultName: string): Arg<"name", string | null, false> {
  return declare("name", "string", false, { default: defaultName, doc: "the schedule's name" }, check.nameOrNull);
}

/** The arguments of one call, read against a declaration: Keras' config and the dtype. */
export function readArguments(args: readonly Arg[], className: string, given: readonly unknown[]): { config: Record<string, unknown>; dtype: unknown } {
  let raw: Record<string, unknown>;
  let dtype: unknown;
  const first = given[0];
  if (given.length === 1 && typeof first === "object" && first !== null && !Array.isArray(first) && !ArrayBuffer.isView(first)) {
    const options = first as Record<string, unknown>;
    const known = [...args.map((a) => a.option), "dtype"];
    for (const key of Object.keys(options))
      if (!known.includes(key))
        throw check.argumentError(TypeError, { argument: key, value: options[key], rule: `is not an option of ${className}` }, `${className} got an unexpected option \`${key}\`. Known: ${known.join(", ")}`);
    raw = Object.fromEntries(args.map((a) => [a.key, Object.hasOwn(options, a.option) ? options[a.option] : undefined]));
    dtype = options.dtype;
  } else {
    if (given.length > args.length) throw new TypeError(`${className} takes at most ${args.length} arguments. Received: ${given.length}`);
    raw = Object.fromEntries(args.map((a, i) => [a.key, given[i]]));
  }
  const config: Record<string, unknown> = {};
  for (const arg of args) {
    const value = raw[arg.key];
    config[arg.key] = smallInteger(value === undefined && !arg.required ? arg.default : arg.check(value));
  }
  return { config, dtype };
}

/** Keras' config as fromConfig reads it: unknown keys refused by name, missing keys as defaults. */
export function readConfig(args: readonly Arg[], className: string, config: unknown): Record<string, unknown> {
  const c = check.plainObject("config", config);
  const known = args.map((a) => a.key);
  for (const key of Object.keys(c))
    if (!known.includes(key))
      throw check.argumentError(TypeError, { argument: key, value: c[key], rule: `is not a config key of ${className}` }, `${className}.fromConfig got an unexpected key \`${key}\`. Known: ${known.join(", ")}`);
  return Object.fromEntries(args.map((a) => [a.option, Object.hasOwn(c, a.key) ? c[a.key] : undefined]));
}

/** An argument's value as toString shows it: strings quoted, lists bracketed. */
export function showArgument(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(showArgument).join(", ")}]`;
  return String(value);
}

/**
 * An integer-valued number in int32 range as V8's small integer (`x | 0`, the same value; -0 kept);
 * anything else as it is. A default read from an argument's declaration comes out as a boxed
 * double (the field holds floats too): PyTorch's last_epoch -1 then carried into every step index
 * of a range, and V8 compiled the loops that index with it for doubles (StepLR 5 in the sweep took
 * 5.75 against 1.24 ms).
 */
export function smallInteger(x: unknown): unknown {
  return typeof x === "number" && (x | 0) === x && !Object.is(x, -0) ? x | 0 : x;
}
