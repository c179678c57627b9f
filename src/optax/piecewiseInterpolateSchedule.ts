/**
 * optax's piecewise_interpolate_schedule, and the two onecycle schedules made of it. Kernel:
 * assembly/optax/piecewiseInterpolateSchedule.ts; its JS twin beside it.
 */
import * as P from "../../assembly/optax/piecewiseInterpolateSchedule.params.js";
import * as twins from "../../assembly/optax/piecewiseInterpolateSchedule.twin.js";
import type { OptionsOf } from "../core/args.js";
import { paramsOf, type Plan } from "../core/batch.js";
import type { DType } from "../core/types.js";
import * as check from "../core/validate.js";
import { kernelOf } from "../core/wasm.js";
import * as arg from "./args.js";
import { exactCos, rounder } from "./exact.js";
import { nonNegativeScales, type ScalesInput } from "./piecewiseConstantSchedule.js";
import { countOf, countRule, declared, define, shifted, type Definition, type OptaxSchedule } from "./schedule.js";
import { OPTAX } from "./wasm.js";

/** Values up to this magnitude keep every interval's interpolation finite at every count (the kernel's TAME). */
const TAME = 2 ** 63;

/** piecewise_interpolate_schedule's plan (the onecycles' too). */
export function interpolatePlan(type: "linear" | "cosine", init: number, pairs: arg.BoundariesAndScales, dtype: DType): Plan {
  const R = rounder(dtype);
  const bounds = [0, ...pairs.map(([b]) => arg.int32In("boundaries_and_scales step", b, dtype))];
  // The float32 (float64) cumprod: each value the previous one times the scale, rounded.
  const values = [R(init)];
  for (const [, s] of pairs) values.push(R(values[values.length - 1]! * R(s)));
  const n = pairs.length;
  const cosine = type === "cosine";
  const intervals: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = values[i]!;
    const end = values[i + 1]!;
    intervals.push(
      R(Math.max(shifted(bounds[i + 1]!, bounds[i]!, dtype), 1)),
      cosine ? R(R(start - end) / 2) : R(end - start),
      start,
      end,
    );
  }
  const tame = values.every((v) => Math.abs(v) <= TAME);
  const params = paramsOf(P, { N: n, COSINE: cosine, TAME: tame, PI: R(Math.PI), VLAST: values[n]! }, [...bounds, ...intervals]);
  const cos = exactCos(dtype);
  return {
    ...kernelOf(OPTAX, twins, "piecewiseInterpolateSchedule", dtype),
    params,
    stepRule: countRule(dtype),
    at: dtype === "float64" ? (step) => twins.one64(params, countOf(step, dtype), cos) : (step) => twins.one32(params, countOf(step, dtype), cos),
  };
}

const TYPES = ["cosine", "linear"] as const;

const ARGS = [
  arg.choice("interpolate_type", TYPES, { doc: "'linear' or 'cosine': how each interval goes from its value to the next" }),
  arg.number("init_value", { float: true, doc: "the value at count 0" }),
  arg.scalesMap("boundaries_and_scales", "{step: scale}: the value at each step is the previous one times its scale (>= 0)"),
] as const;

const DEFINITION: Definition = {
  name: "piecewise_interpolate_schedule",
  jsName: "piecewiseInterpolateSchedule",
  args: ARGS,
  validate: (c) => nonNegativeScales("piecewise_interpolate_schedule", "boundaries_and_scales", c.boundaries_and_scales as arg.BoundariesAndScales | null),
  plan: (c, dtype) =>
    interpolatePlan(c.interpolate_type as "linear" | "cosine", c.init_value as number, (c.boundaries_and_scales as arg.BoundariesAndScales | null) ?? [], dtype),
};
const make = define(DEFINITION);

/** piecewise_interpolate_schedule's options: `{ interpolateType, initValue, boundariesAndScales?, dtype? }`. */
export type PiecewiseInterpolateScheduleOptions<D extends DType = DType> = Omit<OptionsOf<typeof ARGS, D>, "boundariesAndScales"> & {
  boundariesAndScales?: ScalesInput;
};

export interface PiecewiseInterpolateScheduleFunction {
  <D extends DType = "float32">(options: PiecewiseInterpolateScheduleOptions<D>): OptaxSchedule<D>;
  (interpolateType: "linear" | "cosine", initValue: number, boundariesAndScales?: ScalesInput): OptaxSchedule;
}

/**
 * optax.piecewise_interpolate_schedule(interpolate_type, init_value, boundaries_and_scales=None):
 *
 *     def schedule(count):
 *       bounds = jnp.stack((0,) + boundaries)
 *       values = jnp.cumprod(jnp.stack((init_value,) + scales))
 *       interval_sizes = jnp.maximum(bounds[1:] - bounds[:-1], 1)
 *       indicator = jnp.logical_and(bounds[:-1] <= count, count < bounds[1:])
 *       pct = (count - bounds[:-1]) / interval_sizes
 *       interp_vals = interpolate_fn(values[:-1], values[1:], pct)
 *       return indicator.dot(interp_vals) + (bounds[-1] <= count) * values[-1]
 *
 * with interpolate_fn (end - start) * pct + start ('linear') or
 * end + (start - end) / 2.0 * (jnp.cos(jnp.pi * pct) + 1) ('cosine'). The values are a float32
 * cumprod since optax 0.2.7 (commit dcff8383): init_value and each scale converted to float32, then
 * multiplied in order, each product rounded (XLA's reduce-window takes them left to right; before
 * 0.2.7 numpy computed them in float64). The max(..., 1) guard came in 2025-09 (issue #1403). Every
 * other operation as JAX runs it without x64: int32 bounds and counts (count - bound wraps around),
 * float32 arithmetic, cos correctly rounded; the dot product as the kernel describes
 * (assembly/optax/piecewiseInterpolateSchedule.ts). float64: JAX with x64.
 *
 * ```ts
 * const s = piecewiseInterpolateSchedule("linear", 1.0, { 4: 0.1, 8: 0.01 });
 * s(2);                                        // 0.550000011920929: half way from 1 to 0.1
 * s(6);                                        // 0.05050000175833702
 * ```
 *
 * Arguments: interpolate_type ('linear' or 'cosine', optax's ValueError otherwise); init_value;
 * boundaries_and_scales, a {step: scale} map (an object, a Map or [step, scale] pairs; null is
 * None), every scale >= 0.
 */
export const piecewiseInterpolateSchedule = declared(((...args: unknown[]) => make(args)) as PiecewiseInterpolateScheduleFunction, DEFINITION);

// ---------------------------------------------------------------------------------------------
// The onecycle schedules: piecewise_interpolate_schedule with optax's boundaries and scales, made
// as Python makes them (a dict literal: a later key equal to an earlier one replaces its scale and
// keeps its place; int() truncates toward 0; the divisions in float64).

/** A dict literal's pairs: later equal keys replace the scale. */
function dict(entries: readonly (readonly [number, number])[]): arg.BoundariesAndScales {
  const map = new Map<number, number>();
  for (const [k, v] of entries) map.set(k, v);
  return [...map.entries()].sort((x, y) => x[0] - y[0]);
}

/** optax's check, in its words (its ValueError). */
function positiveSteps(kind: string, steps: number): void {
  if (steps <= 0) throw new RangeError(`A ${kind} onecycle schedule was set with a non-positive \`transition_steps\`. Received: transition_steps=${steps}`);
}

/** A divisor that Python would divide by zero with (ZeroDivisionError). */
function nonZero(name: string, value: number): void {
  if (value === 0) throw new RangeError(`Argument \`${name}\` must not be 0 (optax divides by it: Python's ZeroDivisionError). Received: ${name}=${check.describe(value)}`);
}

const LINEAR_ONECYCLE_ARGS = [
  arg.integer("transition_steps", { doc: "counts of the cycle (> 0)" }),
  arg.number("peak_value", { float: true, doc: "the value at pct_start of the cycle" }),
  arg.number("pct_start", { default: 0.3, float: true, doc: "the share of the cycle rising to peak_value" }),
  arg.number("pct_final", { default: 0.85, float: true, doc: "the share of the cycle after which the last phase starts" }),
  arg.number("div_factor", { default: 25.0, float: true, doc: "the first value is peak_value / div_factor" }),
  arg.number("final_div_factor", { default: 1e4, float: true, doc: "the last value is the first / final_div_factor" }),
] as const;

/** linear_onecycle_schedule's interpolation: its init_value and {step: scale}. */
function linearOnecycle(c: Record<string, unknown>): [number, arg.BoundariesAndScales] {
  const t = c.transition_steps as number;
  const div = c.div_factor as number;
  return [
    (c.peak_value as number) / div,
    dict([
      [Math.trunc((c.pct_start as number) * t), div],
      [Math.trunc((c.pct_final as number) * t), 1.0 / div],
      [t, 1.0 / (c.final_div_factor as number)],
    ]),
  ];
}

const LINEAR_ONECYCLE: Definition = {
  name: "linear_onecycle_schedule",
  jsName: "linearOnecycleSchedule",
  args: LINEAR_ONECYCLE_ARGS,
  validate: (c) => {
    positiveSteps("linear", c.transition_steps as number);
    nonZero("div_factor", c.div_factor as number);
    nonZero("final_div_factor", c.final_div_factor as number);
    nonNegativeScales("piecewise_interpolate_schedule", "boundaries_and_scales", linearOnecycle(c)[1]);
  },
  plan: (c, dtype) => interpolatePlan("linear", ...linearOnecycle(c), dtype),
};
const makeLinearOnecycle = define(LINEAR_ONECYCLE);

/** linear_onecycle_schedule's options: `{ transitionSteps, peakValue, pctStart?, pctFinal?, divFactor?, finalDivFactor?, dtype? }`. */
export type LinearOnecycleScheduleOptions<D extends DType = DType> = OptionsOf<typeof LINEAR_ONECYCLE_ARGS, D>;

export interface LinearOnecycleScheduleFunction {
  <D extends DType = "float32">(options: LinearOnecycleScheduleOptions<D>): OptaxSchedule<D>;
  (transitionSteps: number, peakValue: number, pctStart?: number, pctFinal?: number, divFactor?: number, finalDivFactor?: number): OptaxSchedule;
}

/**
 * optax.linear_onecycle_schedule(transition_steps, peak_value, pct_start=0.3, pct_final=0.85,
 * div_factor=25.0, final_div_factor=1e4):
 *
 *     if transition_steps <= 0:
 *       raise ValueError(...)
 *     return piecewise_interpolate_schedule(
 *         'linear', peak_value / div_factor,
 *         {int(pct_start * transition_steps): div_factor,
 *          int(pct_final * transition_steps): 1.0 / div_factor,
 *          transition_steps: 1.0 / final_div_factor})
 *
 * the init value and scales in Python's float64 (a dict literal: an equal later key replaces the
 * scale), then piecewiseInterpolateSchedule's float32 cumprod and roundings (its doc). The peak is
 * at count int(pct_start * transition_steps) exactly.
 *
 * ```ts
 * const s = linearOnecycleSchedule(1000, 0.1);
 * s(0);                                        // 0.004000000189989805: 0.1 / 25 in float32
 * s(300);                                      // 0.10000000149011612: the peak
 * ```
 *
 * Arguments: transition_steps (an integer > 0, optax's ValueError); peak_value; pct_start (default
 * 0.3); pct_final (default 0.85); div_factor (default 25.0, not 0); final_div_factor (default 1e4,
 * not 0).
 */
export const linearOnecycleSchedule = declared(((...args: unknown[]) => makeLinearOnecycle(args)) as LinearOnecycleScheduleFunction, LINEAR_ONECYCLE);

const COSINE_ONECYCLE_ARGS = [
  arg.integer("transition_steps", { doc: "counts of the cycle (> 0)" }),
  arg.number("peak_value", { float: true, doc: "the value at pct_start of the cycle" }),
  arg.number("pct_start", { default: 0.3, float: true, doc: "the share of the cycle rising to peak_value" }),
  arg.number("div_factor", { default: 25.0, float: true, doc: "the first value is peak_value / div_factor" }),
  arg.number("final_div_factor", { default: 1e4, float: true, doc: "the last value is the first / final_div_factor" }),
] as const;

/** cosine_onecycle_schedule's interpolation: its init_value and {step: scale}. */
function cosineOnecycle(c: Record<string, unknown>): [number, arg.BoundariesAndScales] {
  const t = c.transition_steps as number;
  const div = c.div_factor as number;
  return [
    (c.peak_value as number) / div,
    dict([
      [Math.trunc((c.pct_start as number) * t), div],
      [Math.trunc(t), 1.0 / (div * (c.final_div_factor as number))],
    ]),
  ];
}

const COSINE_ONECYCLE: Definition = {
  name: "cosine_onecycle_schedule",
  jsName: "cosineOnecycleSchedule",
  args: COSINE_ONECYCLE_ARGS,
  validate: (c) => {
    positiveSteps("cosine", c.transition_steps as number);
    nonZero("div_factor", c.div_factor as number);
    nonZero("final_div_factor", c.final_div_factor as number);
    const product = (c.div_factor as number) * (c.final_div_factor as number);
    if (product === 0) throw new RangeError(`div_factor * final_div_factor must not be 0 (optax divides by it: Python's ZeroDivisionError). Received: ${product}`);
    nonNegativeScales("piecewise_interpolate_schedule", "boundaries_and_scales", cosineOnecycle(c)[1]);
  },
  plan: (c, dtype) => interpolatePlan("cosine", ...cosineOnecycle(c), dtype),
};
const makeCosineOnecycle = define(COSINE_ONECYCLE);

/** cosine_onecycle_schedule's options: `{ transitionSteps, peakValue, pctStart?, divFactor?, finalDivFactor?, dtype? }`. */
export type CosineOnecycleScheduleOptions<D extends DType = DType> = OptionsOf<typeof COSINE_ONECYCLE_ARGS, D>;

export interface CosineOnecycleScheduleFunction {
  <D extends DType = "float32">(options: CosineOnecycleScheduleOptions<D>): OptaxSchedule<D>;
  (transitionSteps: number, peakValue: number, pctStart?: number, divFactor?: number, finalDivFactor?: number): OptaxSchedule;
}

/**
 * optax.cosine_onecycle_schedule(transition_steps, peak_value, pct_start=0.3, div_factor=25.0,
 * final_div_factor=1e4):
 *
 *     if transition_steps <= 0:
 *       raise ValueError(...)
 *     return piecewise_interpolate_schedule(
 *         'cosine', peak_value / div_factor,
 *         {int(pct_start * transition_steps): div_factor,
 *          int(transition_steps): 1.0 / (div_factor * final_div_factor)})
 *
 * the init value and scales in Python's float64, then piecewiseInterpolateSchedule's float32
 * cumprod and roundings, cos correctly rounded (its doc).
 *
 * ```ts
 * const s = cosineOnecycleSchedule(1000, 0.1);
 * s(150);                                      // 0.052000004798173904: half way up, by the cosine
 * s(1000);                                     // 4.0000000467443897e-7: 0.1 / 25 / 1e4, as float32 products
 * ```
 *
 * Arguments: transition_steps (an integer > 0, optax's ValueError); peak_value; pct_start (default
 * 0.3); div_factor (default 25.0, not 0); final_div_factor (default 1e4, not 0).
 */
export const cosineOnecycleSchedule = declared(((...args: unknown[]) => makeCosineOnecycle(args)) as CosineOnecycleScheduleFunction, COSINE_ONECYCLE);
