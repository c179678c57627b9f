/**
 * optax's constant_schedule, and the step function that carries it, piecewise_constant_schedule and
 * the constant schedules optax returns in its logged cases. Kernel: assembly/optax/stepFunction.ts;
 * its JS twin beside it.
 */
import * as P from "../../assembly/optax/stepFunction.params.js";
import * as twins from "../../assembly/optax/stepFunction.twin.js";
import type { OptionsOf } from "../core/args.js";
import { paramsOf, type Plan } from "../core/batch.js";
import type { DType } from "../core/types.js";
import { kernelOf } from "../core/wasm.js";
import * as arg from "./args.js";
import { rounder } from "./exact.js";
import { countOf, countRule, declared, define, type Definition, type OptaxSchedule } from "./schedule.js";
import { OPTAX } from "./wasm.js";

/**
 * The plan of a function of the count that is constant between breakpoints (increasing integers):
 * values[k] (each as the dtype holds it) for a count with k breakpoints at or below it. Ranges on
 * backend "auto" are filled run by run.
 */
export function stepPlan(breakpoints: readonly number[], values: readonly number[], dtype: DType): Plan {
  const index = (c: number) => {
    let k = 0;
    while (k < breakpoints.length && breakpoints[k]! <= c) k++;
    return k;
  };
  return {
    ...kernelOf(OPTAX, twins, "stepFunction", dtype),
    params: paramsOf(P, { COUNT: breakpoints.length }, [...breakpoints, ...values]),
    stepRule: countRule(dtype),
    at: (step) => values[index(countOf(step, dtype))]!,
    fill: (start, out) => {
      const n = out.length;
      for (let i = 0, k = index(start); i < n; k++) {
        const end = k < breakpoints.length ? Math.min(n, breakpoints[k]! - start) : n;
        out.fill(values[k]!, i, end);
        i = end;
      }
      return true;
    },
  };
}

/** A schedule that is `value` at every count (optax's `lambda count: value`), as the dtype holds it. */
export function constantPlan(value: number, dtype: DType): Plan {
  return stepPlan([], [rounder(dtype)(value)], dtype);
}

const ARGS = [arg.number("value", { float: true, doc: "the value at every count" })] as const;

const DEFINITION: Definition = {
  name: "constant_schedule",
  jsName: "constantSchedule",
  args: ARGS,
  plan: (c, dtype) => constantPlan(c.value as number, dtype),
};
const make = define(DEFINITION);

/** constant_schedule's options: `{ value, dtype? }`. */
export type ConstantScheduleOptions<D extends DType = DType> = OptionsOf<typeof ARGS, D>;

export interface ConstantScheduleFunction {
  <D extends DType = "float32">(options: ConstantScheduleOptions<D>): OptaxSchedule<D>;
  (value: number): OptaxSchedule;
}

/**
 * optax.constant_schedule(value):
 *
 *     def constant_schedule(value):
 *       return lambda count: value
 *
 * optax returns `value` itself; a jitted schedule, and an optimizer, hold it as the dtype does (a
 * weak float32: R(value)), which is what this gives at every count.
 *
 * ```ts
 * const s = constantSchedule(0.1);
 * s(0);                                        // 0.10000000149011612: 0.1 as float32
 * s.range(0, 1_000);                           // a Float32Array of a thousand
 * ```
 *
 * Arguments: value, the value held.
 */
export const constantSchedule = declared(((...args: unknown[]) => make(args)) as ConstantScheduleFunction, DEFINITION);
