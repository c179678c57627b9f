/** optax's cosine_decay_schedule. Kernel: assembly/optax/cosineDecaySchedule.ts; its JS twin beside it. */
import * as P from "../../assembly/optax/cosineDecaySchedule.params.js";
import * as twins from "../../assembly/optax/cosineDecaySchedule.twin.js";
import type { OptionsOf } from "../core/args.js";
import { paramsOf, type Plan } from "../core/batch.js";
import type { DType } from "../core/types.js";
import * as check from "../core/validate.js";
import { kernelOf } from "../core/wasm.js";
import { modeOf } from "../../assembly/optax/shared/power.twin.js";
import * as arg from "./args.js";
import { exactCos, exactPow, rounder } from "./exact.js";
import { countOf, countRule, declared, define, type Definition, type OptaxSchedule } from "./schedule.js";
import { OPTAX } from "./wasm.js";

/** cosine_decay_schedule's arguments as the plan takes them. */
export interface CosineDecay {
  readonly init: number;
  readonly steps: number;
  readonly alpha: number;
  readonly exponent: number;
}

/** optax's check, in its words (its ValueError). */
export function positiveDecaySteps(steps: number): void {
  if (!(steps > 0)) throw new RangeError(`The cosine_decay_schedule requires positive decay_steps, got decay_steps=${steps}.`);
}

/** cosine_decay_schedule's plan (the warm-up cosine's too). */
export function cosineDecayPlan(c: CosineDecay, dtype: DType): Plan {
  const params = paramsOf(P, cosineSlots(c, dtype));
  const cos = exactCos(dtype);
  const pow = exactPow(dtype);
  return {
    ...kernelOf(OPTAX, twins, "cosineDecaySchedule", dtype),
    params,
    stepRule: countRule(dtype),
    at:
      dtype === "float64"
        ? (step) => twins.one64(countOf(step, dtype), params, cos, pow)
        : (step) => twins.one32(countOf(step, dtype), params, cos, pow),
  };
}

/** The cosine's parameter slots (cosineDecaySchedule.params.ts; the fused warm-up cosine's first slots too). */
export function cosineSlots(c: CosineDecay, dtype: DType) {
  const R = rounder(dtype);
  return {
    INIT: R(c.init),
    DF: R(c.steps),
    PI: R(Math.PI),
    A: R(1 - c.alpha), // Python's float64 subtraction, then the dtype's
    ALPHA: R(c.alpha),
    EXPONENT: c.exponent,
    MODE: modeOf(c.exponent),
  };
}

/** exponent: finite and >= 0 (a negative one would be infinite at the end of the decay). */
export function exponentValue(name: string, value: unknown): number {
  const y = check.finiteNumber(name, value);
  if (y < 0) throw new RangeError(`Argument \`${name}\` must be >= 0 (a negative exponent is infinite where the cosine reaches 0). Received: ${name}=${check.describe(value)}`);
  return y + 0;
}

const ARGS = [
  arg.number("init_value", { float: true, doc: "the value at count 0" }),
  arg.integer("decay_steps", { doc: "counts of the decay (> 0)" }),
  arg.number("alpha", { default: 0.0, float: true, doc: "the final value, as a fraction of init_value" }),
  arg.number("exponent", { default: 1, check: exponentValue, doc: "the power of the cosine term (>= 0; an integer is a Python int: repeated multiplication)" }),
] as const;

const DEFINITION: Definition = {
  name: "cosine_decay_schedule",
  jsName: "cosineDecaySchedule",
  args: ARGS,
  validate: (c) => positiveDecaySteps(c.decay_steps as number),
  plan: (c, dtype) =>
    cosineDecayPlan({ init: c.init_value as number, steps: c.decay_steps as number, alpha: c.alpha as number, exponent: c.exponent as number }, dtype),
};
const make = define(DEFINITION);

/** cosine_decay_schedule's options: `{ initValue, decaySteps, alpha?, exponent?, dtype? }`. */
export type CosineDecayScheduleOptions<D extends DType = DType> = OptionsOf<typeof ARGS, D>;

export interface CosineDecayScheduleFunction {
  <D extends DType = "float32">(options: CosineDecayScheduleOptions<D>): OptaxSchedule<D>;
  (initValue: number, decaySteps: number, alpha?: number, exponent?: number): OptaxSchedule;
}

/**
 * optax.cosine_decay_schedule(init_value, decay_steps, alpha=0.0, exponent=1.0):
 *
 *     def schedule(count):
 *       decay_steps, count = float(decay_steps), count      # a Python int becomes a float
 *       count = jnp.minimum(count, decay_steps)
 *       cosine_decay = 0.5 * (1 + jnp.cos(jnp.pi * count / decay_steps))
 *       decayed = (1 - alpha) * cosine_decay**exponent + alpha
 *       return init_value * decayed
 *
 * in float32 as JAX runs it without x64: the int32 count and the float decay_steps meet in
 * float32; pi times the count first, then the division (Keras' CosineDecay divides first); cos
 * correctly rounded; 1 - alpha taken in Python's float64 and
 * converted once; an integer exponent is integer_pow's repeated multiplication (the default 1 is
 * cosine_decay itself; XLA's simplifier turns lax.pow by a constant 1.0, 2.0 or 3.0 into the same
 * products, so optax's float default gives the same numbers), a fractional one correctly rounded.
 * Past decay_steps the value holds at alpha * init_value (up to rounding). float64: JAX with x64.
 *
 * ```ts
 * const s = cosineDecaySchedule(0.1, 1000);
 * s(500);                                      // 0.04999999701976776: cos(pi_32 / 2) is -4.37e-8
 * s.range(0, 1_000_000);                       // a Float32Array of a million
 * ```
 *
 * Arguments: init_value; decay_steps (an integer > 0: optax's ValueError otherwise, in its words);
 * alpha (default 0.0: the final multiplier); exponent (>= 0, default 1).
 */
export const cosineDecaySchedule = declared(((...args: unknown[]) => make(args)) as CosineDecayScheduleFunction, DEFINITION);
