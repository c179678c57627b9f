/**
 * Keras' PolynomialDecay:
 *
 *     if cycle: decay_steps = decay_steps * ceil(step / decay_steps)   (1 at step 0)
 *     else:     step = min(step, decay_steps)
 *     decayed = (initial_learning_rate - end_learning_rate) * (1 - step / decay_steps) ^ power
 *               + end_learning_rate
 *
 * computed as Keras computes it, rounding after every operation in the dtype, with a correctly
 * rounded power (docs/NUMERICS.md). At step 0 the value is (a - e) + e, not always a.
 *
 * ```ts
 * const schedule = new PolynomialDecay(0.1, 10000, 0.01, 0.5);
 * schedule(2500);                              // 0.08794228732585907: 0.09 * 0.75^0.5 + 0.01 in float32
 * schedule.range(0, 1_000_000);                // a Float32Array of a million learning rates
 * ```
 *
 * Kernel: assembly/keras/polynomialDecay.ts; its JS twin beside it.
 */
import * as P from "../../assembly/keras/polynomialDecay.params.js";
import * as twins from "../../assembly/keras/polynomialDecay.twin.js";
import { wasUndecided } from "../../assembly/numerics/undecided.twin.js";
import * as arg from "../core/args.js";
import type { ConfigOf, OptionsOf, PropertiesOf } from "../core/args.js";
import { paramsOf, type Plan } from "../core/batch.js";
import { KerasSchedule, positiveInDtype, rounder } from "../core/keras.js";
import type { DType } from "../core/types.js";
import * as check from "../core/validate.js";
import { kernelOf } from "../core/wasm.js";
import { KERAS } from "./wasm.js";
import { BINARY32, BINARY64 } from "../exact/binary.js";
import { powSignedCorrectlyRounded } from "../exact/pow.js";

const ARGS = [
  arg.number("initial_learning_rate", { float: true, doc: "the learning rate at step 0" }),
  arg.number("decay_steps", { check: check.positiveNumber, doc: "steps to reach end_learning_rate (one cycle); must be > 0" }),
  arg.number("end_learning_rate", { default: 0.0001, float: true, doc: "the learning rate from decay_steps on" }),
  // Keras does not check the power; a negative one turns the decay into growth towards Infinity at
  // decay_steps (NUMERICS.md, Inputs).
  arg.number("power", { default: 1.0, check: check.nonNegativeNumber, float: true, doc: "the polynomial's power; must be >= 0" }),
  arg.boolean("cycle", { default: false, doc: "restart after decay_steps, with decay_steps * ceil(step / decay_steps)" }),
  arg.name("PolynomialDecay"),
] as const;

/** The config Keras writes for a PolynomialDecay (`get_config()`). */
export type PolynomialDecayConfig = ConfigOf<typeof ARGS>;
/** The constructor's options object: Keras' arguments in camelCase, and this library's dtype. */
export type PolynomialDecayOptions<D extends DType = DType> = OptionsOf<typeof ARGS, D>;

export interface PolynomialDecay<D extends DType = "float32"> extends PropertiesOf<typeof ARGS> {}

export class PolynomialDecay<D extends DType = "float32"> extends KerasSchedule<D> {
  static override readonly className = "PolynomialDecay";
  static override readonly args = ARGS;

  constructor(options: PolynomialDecayOptions<D>);
  constructor(
    initialLearningRate: number, decaySteps: number, endLearningRate?: number, power?: number, cycle?: boolean, name?: string | null,
  );
  constructor(...args: unknown[]) {
    super(args);
  }

  protected kernelPlan(dtype: DType): Plan {
    // Keras casts every input to the dtype: float32 rounds a, d, e and power once.
    const wide = dtype === "float64";
    const round = rounder(dtype);
    const d = positiveInDtype("decay_steps", this.decaySteps, dtype);
    const a = round(this.initialLearningRate);
    const e = round(this.endLearningRate);
    const y = round(this.power);
    const ae = round(a - e);
    const cycle = this.cycle;
    const mode = twins.modeOf(y);
    const fmt = wide ? BINARY64 : BINARY32;
    const base = wide ? twins.base64 : twins.base32;
    const power = wide ? twins.power64 : twins.power32;
    const finish = wide ? twins.finish64 : twins.finish32;
    return {
      ...kernelOf(KERAS, twins, "polynomialDecay", dtype),
      params: paramsOf(P, { D: d, E: e, POWER: y, AE: ae, CYCLE: cycle }),
      at: (step) => {
        const b = base(step, d, cycle);
        let v = power(b, y, mode);
        if (wasUndecided()) v = powSignedCorrectlyRounded(b, y, fmt);
        return finish(v, ae, e);
      },
    };
  }
}
