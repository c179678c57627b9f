/** optax's exponential_decay. Kernel: assembly/optax/exponentialDecay.ts; its JS twin beside it. */
import * as P from "../../assembly/optax/exponentialDecay.params.js";
import * as twins from "../../assembly/optax/exponentialDecay.twin.js";
import type { OptionsOf } from "../core/args.js";
import { paramsOf, type Plan } from "../core/batch.js";
import { fillStairs } from "../core/runs.js";
import type { DType } from "../core/types.js";
import * as check from "../core/validate.js";
import { kernelOf } from "../core/wasm.js";
import { log2DoubleDouble, log2Split32 } from "../exact/constants.js";
import * as arg from "./args.js";
import { constantPlan } from "./constantSchedule.js";
import { exactFixedPow, rounder } from "./exact.js";
import { countOf, countRule, declared, define, shifted, warnOnce, type Definition, type OptaxSchedule } from "./schedule.js";
import { OPTAX } from "./wasm.js";

/** exponential_decay's arguments as the plan takes them. */
export interface Exponential {
  readonly init: number;
  readonly steps: number;
  readonly rate: number;
  readonly begin: number;
  readonly staircase: boolean;
  readonly end: number | null;
}

/** Below this many counts per stair, filling runs does not beat the kernel (as Keras' ExponentialDecay). */
const MIN_RUN = 64;

/** exponential_decay's plan (warmup_exponential_decay_schedule's too), with optax's logged cases. */
export function exponentialPlan(e: Exponential, dtype: DType): Plan {
  if (e.steps <= 0) {
    warnOnce(
      "An exponential schedule was set with a non-positive `transition_steps` value; this will result in a constant schedule with value `init_value`.",
    );
    return constantPlan(e.init, dtype);
  }
  if (e.rate === 0) {
    warnOnce("An exponential schedule was set with a zero `decay_rate` value; this will result in a constant schedule with value `init_value`.");
    return constantPlan(e.init, dtype);
  }
  let begin = e.begin;
  if (begin < 0) {
    warnOnce("An exponential schedule was set with a negative `transition_begin` value; this will result in `transition_begin` falling back to `0`.");
    begin = 0;
  }
  const wide = dtype === "float64";
  const R = rounder(dtype);
  const r = R(e.rate);
  // float64 multiplies p by log2 r as a double-double; float32 by a 29-bit head and a tail.
  const [l1, l2] = wide ? log2DoubleDouble(r) : log2Split32(r);
  const tf = R(arg.int32In("transition_steps", e.steps, dtype));
  const params = paramsOf(P, {
    INIT: R(e.init),
    BEGIN: arg.int32In("transition_begin", begin, dtype),
    TF: tf,
    L1: l1,
    L2: l2,
    STAIRCASE: e.staircase,
    CLIP: e.end === null ? 0 : e.rate < 1 ? twins.MAX : twins.MIN,
    END: R(e.end ?? 0),
  });
  const pow = exactFixedPow(r, dtype);
  const one = wide ? (c: number) => twins.one64(c, params, pow) : (c: number) => twins.one32(c, params, pow);
  return {
    ...kernelOf(OPTAX, twins, "exponentialDecay", dtype),
    params,
    stepRule: countRule(dtype),
    at: (step) => one(countOf(step, dtype)),
    // A staircase range is runs of one p; p never decreases with the count while the count minus
    // transition_begin does not wrap around (then the kernel takes the range).
    fill:
      e.staircase && tf >= MIN_RUN
        ? (start, out) => {
            const first = start - begin;
            if (shifted(start, begin, dtype) !== first) return false;
            // p = -1 stands for decreased_count <= 0 (init_value); a real p is >= 0 there.
            const pOf = (dc: number) => (dc <= 0 ? -1 : Math.floor(wide ? dc / tf : Math.fround(Math.fround(dc) / tf)));
            const fromP = (p: number) => (p < 0 ? one(begin) : wide ? twins.fromP64(p, params, pow) : twins.fromP32(p, params, pow));
            return fillStairs(first, out, tf, pOf, fromP);
          }
        : undefined,
  };
}

/** decay_rate: finite and >= 0 (optax computes NaN for a negative rate at fractional p). */
function decayRate(name: string, value: unknown): number {
  const r = check.finiteNumber(name, value);
  if (r < 0) throw new RangeError(`Argument \`${name}\` must be >= 0 (a negative rate gives NaN at fractional powers). Received: ${name}=${check.describe(value)}`);
  return r;
}

const ARGS = [
  arg.number("init_value", { float: true, doc: "the value until transition_begin" }),
  arg.integer("transition_steps", { doc: "counts per decay by decay_rate (<= 0: init_value throughout)" }),
  arg.number("decay_rate", { check: decayRate, float: true, doc: "the factor per transition_steps (>= 0; 0: init_value throughout)" }),
  arg.integer("transition_begin", { default: 0, doc: "counts before the decay starts (negative: 0)" }),
  arg.boolean("staircase", { default: false, doc: "decay at whole multiples of transition_steps only" }),
  arg.optionalNumber("end_value", { float: true, doc: "the bound the value stops at: a floor if decay_rate < 1, else a ceiling (null: none)" }),
] as const;

const DEFINITION: Definition = {
  name: "exponential_decay",
  jsName: "exponentialDecay",
  args: ARGS,
  plan: (c, dtype) =>
    exponentialPlan(
      {
        init: c.init_value as number,
        steps: c.transition_steps as number,
        rate: c.decay_rate as number,
        begin: c.transition_begin as number,
        staircase: c.staircase as boolean,
        end: c.end_value as number | null,
      },
      dtype,
    ),
};
const make = define(DEFINITION);

/** exponential_decay's options: `{ initValue, transitionSteps, decayRate, transitionBegin?, staircase?, endValue?, dtype? }`. */
export type ExponentialDecayOptions<D extends DType = DType> = OptionsOf<typeof ARGS, D>;

export interface ExponentialDecayFunction {
  <D extends DType = "float32">(options: ExponentialDecayOptions<D>): OptaxSchedule<D>;
  (initValue: number, transitionSteps: number, decayRate: number, transitionBegin?: number, staircase?: boolean, endValue?: number | null): OptaxSchedule;
}

/**
 * optax.exponential_decay(init_value, transition_steps, decay_rate, transition_begin=0, staircase=False, end_value=None):
 *
 *     def schedule(count):
 *       decreased_count = count - transition_begin
 *       p = decreased_count / transition_steps
 *       if staircase:
 *         p = jnp.floor(p)
 *       decayed_value = jnp.where(
 *           decreased_count <= 0, init_value, init_value * jnp.power(decay_rate, p))
 *       if end_value is not None:
 *         decayed_value = clip_fn(decayed_value, end_value)   # maximum if decay_rate < 1, else minimum
 *       return decayed_value
 *
 * in float32 as JAX runs it without x64: decreased_count in int32 (it wraps around), p in float32
 * on both converted, the power of the float32 decay_rate correctly rounded (lax.pow: p is an array,
 * so never integer_pow), every operation rounded to float32. float64: JAX with x64.
 *
 * As optax: transition_steps <= 0 or decay_rate == 0 give a constant schedule of init_value, and a
 * negative transition_begin is taken as 0, each with optax's logged notice (console.warn, once).
 *
 * ```ts
 * const s = exponentialDecay({ initValue: 1.0, transitionSteps: 1000, decayRate: 0.5, endValue: 0.1 });
 * s(1000);                                     // 0.5
 * s(10_000);                                   // 0.10000000149011612: held at end_value
 * ```
 *
 * Arguments: init_value; transition_steps (an integer); decay_rate (>= 0: a negative rate gives NaN
 * at fractional powers, and is refused); transition_begin (an integer, default 0); staircase
 * (default false); end_value (null: None, the default).
 */
export const exponentialDecay = declared(((...args: unknown[]) => make(args)) as ExponentialDecayFunction, DEFINITION);
