/**
 * optax's piecewise_constant_schedule: a step function of the count (kernel:
 * assembly/optax/stepFunction.ts; its JS twin beside it), each step's value computed here once with
 * optax's operations.
 */
import type { OptionsOf } from "../core/args.js";
import type { DType } from "../core/types.js";
import * as check from "../core/validate.js";
import * as arg from "./args.js";
import { stepPlan } from "./constantSchedule.js";
import { rounder } from "./exact.js";
import { declared, define, shifted, type Definition, type OptaxSchedule } from "./schedule.js";

const ARGS = [
  arg.number("init_value", { float: true, doc: "the value before the first boundary" }),
  arg.scalesMap("boundaries_and_scales", "{step: scale}: from each step on, the value is multiplied by its scale (>= 0)"),
] as const;

/** optax's check: every scale >= 0, in its words (its ValueError). */
export function nonNegativeScales(fn: string, name: string, pairs: arg.BoundariesAndScales | null): void {
  for (const [b, s] of pairs ?? [])
    if (!(s >= 0)) throw new RangeError(`\`${fn}\` expects non-negative scale factors. Received: ${name}[${b}]=${check.describe(s)}`);
}

const TWO31 = 2 ** 31;

const DEFINITION: Definition = {
  name: "piecewise_constant_schedule",
  jsName: "piecewiseConstantSchedule",
  args: ARGS,
  validate: (c) => nonNegativeScales("piecewise_constant_schedule", "boundaries_and_scales", c.boundaries_and_scales as arg.BoundariesAndScales | null),
  plan: (c, dtype) => {
    const R = rounder(dtype);
    const pairs = (c.boundaries_and_scales as arg.BoundariesAndScales | null) ?? [];
    for (const [b] of pairs) arg.int32In("boundaries_and_scales step", b, dtype);
    // Where an indicator can change: at each threshold, and where threshold - count wraps in int32.
    const cuts = new Set<number>();
    for (const [b] of pairs) {
      cuts.add(b);
      if (dtype === "float32") for (const w of [b - TWO31 + 1, b + TWO31 + 1]) if (w >= -TWO31 && w < TWO31) cuts.add(w);
    }
    const breakpoints = [...cuts].sort((x, y) => x - y);
    /** The loop at count c, as JAX computes it. */
    const valueAt = (count: number): number => {
      let v = R(c.init_value as number);
      for (const [b, s] of pairs) {
        const d = shifted(b, count, dtype);
        const indicator = Math.max(0, Math.sign(d));
        v = R(R(v * indicator) + R(R(R(1 - indicator) * R(s)) * v));
      }
      return v;
    };
    const lowest = dtype === "float32" ? -TWO31 : -(2 ** 53) + 1;
    return stepPlan(breakpoints, [lowest, ...breakpoints].map(valueAt), dtype);
  },
};
const make = define(DEFINITION);

/** piecewise_constant_schedule's options: `{ initValue, boundariesAndScales?, dtype? }`. */
export type PiecewiseConstantScheduleOptions<D extends DType = DType> = OptionsOf<typeof ARGS, D>;

/** A {step: scale} map: an object ({100: 0.1}), a Map, or [step, scale] pairs. */
export type ScalesInput = Readonly<Record<number, number>> | ReadonlyMap<number, number> | readonly (readonly [number, number])[] | null;

export interface PiecewiseConstantScheduleFunction {
  <D extends DType = "float32">(options: Omit<PiecewiseConstantScheduleOptions<D>, "boundariesAndScales"> & { boundariesAndScales?: ScalesInput }): OptaxSchedule<D>;
  (initValue: number, boundariesAndScales?: ScalesInput): OptaxSchedule;
}

/**
 * optax.piecewise_constant_schedule(init_value, boundaries_and_scales=None):
 *
 *     def schedule(count):
 *       v = init_value
 *       if boundaries_and_scales is not None:
 *         for threshold, scale in sorted(boundaries_and_scales.items()):
 *           indicator = jnp.maximum(0.0, jnp.sign(threshold - count))
 *           v = v * indicator + (1 - indicator) * scale * v
 *       return v
 *
 * A scale applies from its boundary on (at count == boundary too: sign(0) is 0; Keras' switches
 * after it). Each indicator is 1 or 0 and only changes where threshold - count does its sign:
 * at count = threshold, and, in int32 (float32: JAX without x64), where threshold - count wraps
 * around (count = threshold - 2^31 + 1 and threshold + 2^31 + 1). So the schedule is a step
 * function of the count; each step's value is the loop above, computed once here in the dtype
 * (v * indicator and (1 - indicator) * scale * v rounded as JAX rounds them, so an infinite v
 * gives NaN where a 0 multiplies it, as in JAX).
 *
 * ```ts
 * const s = piecewiseConstantSchedule(1.0, { 100: 0.1, 200: 0.01 });
 * s(150);                                      // 0.10000000149011612
 * s(250);                                      // 0.0010000000474974513: 1.0 * 0.1 * 0.01 in float32
 * ```
 *
 * Arguments: init_value; boundaries_and_scales, a {step: scale} map (an object, a Map or
 * [step, scale] pairs; null is None), every scale >= 0 (optax's ValueError).
 */
export const piecewiseConstantSchedule = declared(((...args: unknown[]) => make(args)) as PiecewiseConstantScheduleFunction, DEFINITION);
