/**
 * PyTorch's constructor arguments, declared once per class (core/args.ts's declaration, with
 * PyTorch's names: `key` is PyTorch's, `option` the camelCase name of the options object, "tMax"
 * for "T_max"). Constructors (positional in PyTorch's order, or an options object), checks,
 * stateDict, toString and the docs read the declaration.
 *
 * Python has ints and floats; JavaScript has numbers. Where PyTorch's signature says int, an
 * argument must be an integer (a safe one); where PyTorch checks a type (T_0, total_steps), its
 * own words are used. Python's `float` arguments are finite numbers.
 */
import { type Arg, type ArgKind, declare, smallInteger } from "../core/args.js";
import { describe, finiteNumber } from "../core/validate.js";

/** A declared argument of a torch scheduler. */
export interface TorchArg<T = unknown> extends Omit<Arg<string, T, boolean>, "kind"> {
  /** What it holds: the CLI's kinds, or a function or list of schedulers, which no flag gives. */
  readonly kind: ArgKind | "function" | "schedulers";
}

interface Spec<T> {
  default?: T;
  option?: string;
  check?: (name: string, value: unknown) => T;
  doc: string;
}

export function make<T>(key: string, kind: TorchArg["kind"], required: boolean, spec: Spec<T>, fallback: (name: string, value: unknown) => T): TorchArg<T> {
  const base = declare(key, kind === "function" || kind === "schedulers" ? "string" : kind, required, spec, fallback);
  return Object.freeze({ ...base, kind });
}

const received = (name: string, value: unknown) => `Received: ${name}=${describe(value)}`;

/** An int of Python: a safe integer. */
export function integer(name: string, value: unknown): number {
  if (typeof value !== "number") throw new TypeError(`Argument \`${name}\` must be an integer. ${received(name, value)}`);
  if (!Number.isSafeInteger(value)) throw new RangeError(`Argument \`${name}\` must be an integer (a safe one). ${received(name, value)}`);
  return Object.is(value, -0) ? 0 : value;
}

export function positiveInteger(name: string, value: unknown): number {
  if (integer(name, value) <= 0) throw new RangeError(`Argument \`${name}\` must be a positive integer. ${received(name, value)}`);
  return value as number;
}

export function nonNegativeInteger(name: string, value: unknown): number {
  if (integer(name, value) < 0) throw new RangeError(`Argument \`${name}\` must be a non-negative integer. ${received(name, value)}`);
  return value as number;
}

/** PyTorch's last_epoch: -1 (a fresh start) or the index of the last epoch, >= 0. */
export function lastEpoch(name: string, value: unknown): number {
  if (integer(name, value) < -1) throw new RangeError(`Argument \`${name}\` must be -1 or a non-negative integer. ${received(name, value)}`);
  return value as number;
}

/** A float, or a list of floats (one per param group: checked against the groups by the class). */
export function floatOrList(name: string, value: unknown): number | readonly number[] {
  if (Array.isArray(value)) return Object.freeze(value.map((x, i) => finiteNumber(`${name}[${i}]`, x)));
  return finiteNumber(name, value);
}

export function func(name: string, value: unknown): (x: number) => number {
  if (typeof value !== "function") throw new TypeError(`${name} should be a function, but got ${describe(value)}`);
  return value as (x: number) => number;
}

/** One of the given strings. */
export function oneOf<S extends string>(...choices: S[]) {
  return (name: string, value: unknown): S => {
    if (typeof value !== "string") throw new TypeError(`Argument \`${name}\` must be one of ${choices.map((c) => JSON.stringify(c)).join(", ")}. ${received(name, value)}`);
    if (!(choices as string[]).includes(value)) throw new RangeError(`Argument \`${name}\` must be one of ${choices.map((c) => JSON.stringify(c)).join(", ")}. ${received(name, value)}`);
    return value as S;
  };
}

export const float = (key: string, spec: Spec<number>) => make(key, "number", spec.default === undefined, spec, finiteNumber);
export const int = (key: string, spec: Spec<number>) => make(key, "number", spec.default === undefined, spec, integer);
/** An int or None: null, the default. */
export const optionalInt = (key: string, spec: Spec<number | null>) =>
  make<number | null>(key, "optionalNumber", false, { default: null, ...spec }, (n, v) => (v === null ? null : positiveInteger(n, v)));
export const bool = (key: string, spec: Spec<boolean> & { default: boolean }) =>
  make(key, "boolean", false, spec, (n, v) => {
    if (typeof v !== "boolean") throw new TypeError(`Argument \`${n}\` must be a boolean. ${received(n, v)}`);
    return v;
  });
export const str = <S extends string>(key: string, choices: S[], spec: Spec<S>) => make<S>(key, "string", spec.default === undefined, spec, oneOf(...choices));
export const floats = (key: string, spec: Spec<number | readonly number[]>) => make(key, "numbers", spec.default === undefined, spec, floatOrList);
export const lastEpochArg = () => int("last_epoch", { default: -1, option: "lastEpoch", check: lastEpoch, doc: "the index of the last epoch when resuming; -1 starts afresh" });
export const fn = (key: string, spec: Spec<unknown>) => make(key, "function", spec.default === undefined, spec, func);
export const schedulers = (key: string, spec: Spec<unknown>) => make(key, "schedulers", true, spec, (_n, v) => v);

/**
 * The arguments of one constructor call after the optimizer, by PyTorch's key: PyTorch's
 * positional arguments in its order, or one options object in camelCase. Missing optional
 * arguments take their defaults; every given one is checked.
 */
export function readArguments(args: readonly TorchArg[], className: string, given: readonly unknown[]): Record<string, unknown> {
  let raw: Record<string, unknown>;
  const first = given[0];
  const isOptions = given.length === 1 && typeof first === "object" && first !== null && !Array.isArray(first) && Object.getPrototypeOf(first) === Object.prototype;
  if (isOptions) {
    const options = first as Record<string, unknown>;
    const known = args.map((a) => a.option);
    for (const key of Object.keys(options))
      if (!known.includes(key)) throw new TypeError(`${className}() got an unexpected option \`${key}\`. Known: ${known.join(", ")}`);
    raw = Object.fromEntries(args.map((a) => [a.key, Object.hasOwn(options, a.option) ? options[a.option] : undefined]));
  } else {
    if (given.length > args.length) throw new TypeError(`${className}() takes at most ${args.length + 1} arguments (the optimizer and ${args.map((a) => a.key).join(", ")}). Received: ${given.length + 1}`);
    raw = Object.fromEntries(args.map((a, i) => [a.key, given[i]]));
  }
  const config: Record<string, unknown> = {};
  for (const arg of args) {
    const value = raw[arg.key];
    if (value === undefined && arg.required) throw new TypeError(`${className}() missing required argument: '${arg.key}' (option \`${arg.option}\`)`);
    config[arg.key] = smallInteger(value === undefined ? arg.default : arg.check(value));
  }
  return config;
}

