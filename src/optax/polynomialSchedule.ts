/**
 * optax's polynomial_schedule, linear_schedule (its power 1) and warmup_constant_schedule (a
 * linear_schedule from init_value to peak_value). Kernel: assembly/optax/polynomialSchedule.ts; its
 * JS twin beside it.
 */
import * as P from "../../assembly/optax/polynomialSchedule.params.js";
import * as twins from "../../assembly/optax/polynomialSchedule.twin.js";
import type { OptionsOf } from "../core/args.js";
import { paramsOf, type Plan } from "../core/batch.js";
import type { DType } from "../core/types.js";
import * as check from "../core/validate.js";
import { kernelOf } from "../core/wasm.js";
import * as arg from "./args.js";
import { constantPlan } from "./constantSchedule.js";
import { exactPow, rounder } from "./exact.js";
import { countOf, countRule, declared, define, warnOnce, type Definition, type OptaxSchedule } from "./schedule.js";
import { OPTAX } from "./wasm.js";

/** The polynomial's arguments as the plan takes them. */
export interface Polynomial {
  readonly init: number;
  readonly end: number;
  readonly power: number;
  readonly steps: number;
  readonly begin: number;
}

/** polynomial_schedule's plan (linear_schedule's and the warm-ups' too), with optax's logged cases. */
export function polynomialPlan(p: Polynomial, dtype: DType): Plan {
  if (p.steps <= 0) {
    warnOnce(
      "A polynomial schedule was set with a non-positive `transition_steps` value; this results in a constant schedule with value `init_value`.",
    );
    return constantPlan(p.init, dtype);
  }
  let begin = p.begin;
  if (begin < 0) {
    warnOnce("A polynomial schedule was set with a negative `transition_begin` value; this will result in `transition_begin` falling back to `0`.");
    begin = 0;
  }
  const R = rounder(dtype);
  const steps = arg.int32In("transition_steps", p.steps, dtype);
  const params = paramsOf(P, {
    IE: R(p.init - p.end), // Python's float64 subtraction, then the dtype's
    E: R(p.end),
    T: steps,
    TF: R(steps),
    BEGIN: arg.int32In("transition_begin", begin, dtype),
    POWER: p.power,
    MODE: twins.modeOf(p.power),
  });
  const pow = exactPow(dtype);
  return {
    ...kernelOf(OPTAX, twins, "polynomialSchedule", dtype),
    params,
    stepRule: countRule(dtype),
    at: dtype === "float64" ? (step) => twins.one64(countOf(step, dtype), params, pow) : (step) => twins.one32(countOf(step, dtype), params, pow),
  };
}

/** power: finite and >= 0 (a negative one would make the schedule infinite at its end). */
function power(name: string, value: unknown): number {
  const y = check.finiteNumber(name, value);
  if (y < 0) throw new RangeError(`Argument \`${name}\` must be >= 0 (a negative power is infinite where frac reaches 0). Received: ${name}=${check.describe(value)}`);
  return y + 0;
}

const POLYNOMIAL_ARGS = [
  arg.number("init_value", { float: true, doc: "the value until transition_begin" }),
  arg.number("end_value", { float: true, doc: "the value from transition_begin + transition_steps on" }),
  arg.number("power", { check: power, doc: "the polynomial's power (>= 0; an integer is a Python int: repeated multiplication)" }),
  arg.integer("transition_steps", { doc: "counts from init_value to end_value (<= 0: init_value throughout)" }),
  arg.integer("transition_begin", { default: 0, doc: "counts before the transition starts (negative: 0)" }),
] as const;

const POLYNOMIAL: Definition = {
  name: "polynomial_schedule",
  jsName: "polynomialSchedule",
  args: POLYNOMIAL_ARGS,
  plan: (c, dtype) =>
    polynomialPlan(
      { init: c.init_value as number, end: c.end_value as number, power: c.power as number, steps: c.transition_steps as number, begin: c.transition_begin as number },
      dtype,
    ),
};
const makePolynomial = define(POLYNOMIAL);

/** polynomial_schedule's options: `{ initValue, endValue, power, transitionSteps, transitionBegin?, dtype? }`. */
export type PolynomialScheduleOptions<D extends DType = DType> = OptionsOf<typeof POLYNOMIAL_ARGS, D>;

export interface PolynomialScheduleFunction {
  <D extends DType = "float32">(options: PolynomialScheduleOptions<D>): OptaxSchedule<D>;
  (initValue: number, endValue: number, power: number, transitionSteps: number, transitionBegin?: number): OptaxSchedule;
}

/**
 * optax.polynomial_schedule(init_value, end_value, power, transition_steps, transition_begin=0):
 *
 *     def schedule(count):
 *       count = jnp.clip(count - transition_begin, 0, transition_steps)
 *       frac = 1 - count / transition_steps
 *       return (init_value - end_value) * (frac**power) + end_value
 *
 * in float32 as JAX runs it without x64: the clip in int32 (count - transition_begin wraps around),
 * the division in float32 on both converted, init_value - end_value taken in Python's float64 and
 * converted once, every operation rounded to float32. An integer power is a Python int, jnp.power's
 * integer_pow: repeated multiplication in JAX's order (assembly/optax/shared/ipow.ts); another is
 * lax.pow, correctly rounded. float64 (`dtype: "float64"`): JAX with x64. At count 0 the value is
 * (init_value - end_value) + end_value, not always init_value. As optax: transition_steps <= 0 gives
 * init_value throughout, and a negative transition_begin is taken as 0, each with optax's notice
 * (console.warn, once).
 *
 * ```ts
 * const s = polynomialSchedule({ initValue: 1.0, endValue: 0.01, power: 2, transitionSteps: 100, transitionBegin: 5 });
 * s(6);                                        // 0.9802990555763245: optax's docstring prints 0.9803
 * s.range(0, 200);                             // a Float32Array: 0.01 from count 105 on
 * ```
 *
 * Arguments: init_value; end_value; power (>= 0); transition_steps (an integer); transition_begin
 * (an integer, default 0). In float32, the integers must fit an int32, as JAX needs them.
 */
export const polynomialSchedule = declared(((...args: unknown[]) => makePolynomial(args)) as PolynomialScheduleFunction, POLYNOMIAL);

const LINEAR_ARGS = [
  arg.number("init_value", { float: true, doc: "the value until transition_begin" }),
  arg.number("end_value", { float: true, doc: "the value from transition_begin + transition_steps on" }),
  arg.integer("transition_steps", { doc: "counts from init_value to end_value (<= 0: init_value throughout)" }),
  arg.integer("transition_begin", { default: 0, doc: "counts before the transition starts (negative: 0)" }),
] as const;

const LINEAR: Definition = {
  name: "linear_schedule",
  jsName: "linearSchedule",
  args: LINEAR_ARGS,
  plan: (c, dtype) =>
    polynomialPlan({ init: c.init_value as number, end: c.end_value as number, power: 1, steps: c.transition_steps as number, begin: c.transition_begin as number }, dtype),
};
const makeLinear = define(LINEAR);

/** linear_schedule's options: `{ initValue, endValue, transitionSteps, transitionBegin?, dtype? }`. */
export type LinearScheduleOptions<D extends DType = DType> = OptionsOf<typeof LINEAR_ARGS, D>;

export interface LinearScheduleFunction {
  <D extends DType = "float32">(options: LinearScheduleOptions<D>): OptaxSchedule<D>;
  (initValue: number, endValue: number, transitionSteps: number, transitionBegin?: number): OptaxSchedule;
}

/**
 * optax.linear_schedule(init_value, end_value, transition_steps, transition_begin=0):
 * polynomial_schedule with power=1 (an int: frac**1 is frac), so
 *
 *     (init_value - end_value) * (1 - clip(count - transition_begin, 0, T) / T) + end_value
 *
 * with polynomialSchedule's roundings (its doc).
 *
 * ```ts
 * const s = linearSchedule(1.0, 0.01, 100);
 * s(50);                                       // 0.5049999952316284
 * s.range(0, 1_000);                           // 0.01 from count 100 on
 * ```
 *
 * Arguments: init_value; end_value; transition_steps (an integer); transition_begin (an integer,
 * default 0).
 */
export const linearSchedule = declared(((...args: unknown[]) => makeLinear(args)) as LinearScheduleFunction, LINEAR);

const WARMUP_CONSTANT_ARGS = [
  arg.number("init_value", { float: true, doc: "the value at count 0" }),
  arg.number("peak_value", { float: true, doc: "the value from warmup_steps on" }),
  arg.integer("warmup_steps", { doc: "counts of linear warm-up (<= 0: init_value throughout, as optax's linear_schedule)" }),
] as const;

const WARMUP_CONSTANT: Definition = {
  name: "warmup_constant_schedule",
  jsName: "warmupConstantSchedule",
  args: WARMUP_CONSTANT_ARGS,
  plan: (c, dtype) => polynomialPlan({ init: c.init_value as number, end: c.peak_value as number, power: 1, steps: c.warmup_steps as number, begin: 0 }, dtype),
};
const makeWarmupConstant = define(WARMUP_CONSTANT);

/** warmup_constant_schedule's options: `{ initValue, peakValue, warmupSteps, dtype? }`. */
export type WarmupConstantScheduleOptions<D extends DType = DType> = OptionsOf<typeof WARMUP_CONSTANT_ARGS, D>;

export interface WarmupConstantScheduleFunction {
  <D extends DType = "float32">(options: WarmupConstantScheduleOptions<D>): OptaxSchedule<D>;
  (initValue: number, peakValue: number, warmupSteps: number): OptaxSchedule;
}

/**
 * optax.warmup_constant_schedule(init_value, peak_value, warmup_steps):
 *
 *     return linear_schedule(init_value=init_value, end_value=peak_value, transition_steps=warmup_steps)
 *
 * ```ts
 * const s = warmupConstantSchedule(0, 0.1, 100);
 * s(50);                                       // 0.05000000074505806
 * s(200);                                      // 0.10000000149011612: peak_value from count 100 on
 * ```
 *
 * Arguments: init_value; peak_value; warmup_steps (an integer; <= 0 holds init_value, with optax's
 * notice).
 */
export const warmupConstantSchedule = declared(((...args: unknown[]) => makeWarmupConstant(args)) as WarmupConstantScheduleFunction, WARMUP_CONSTANT);
