/**
 * Keras' ExponentialDecay:
 *
 *     p = step / decay_steps              (floor(p) if staircase)
 *     decayed = initial_learning_rate * decay_rate ^ p
 *
 * computed as Keras computes it, rounding after every operation in the dtype, with a correctly
 * rounded power (docs/NUMERICS.md).
 *
 * ```ts
 * const schedule = new ExponentialDecay(0.1, 100000, 0.96, true);
 * schedule(250000);                            // 0.09216000139713287: 0.1 * 0.96^2 in float32
 * schedule.range(0, 1_000_000);                // a Float32Array of a million learning rates
 * ```
 *
 * Kernel: assembly/keras/exponentialDecay.ts; its JS twin beside it.
 */
import * as P from "../../assembly/keras/exponentialDecay.params.js";
import * as twins from "../../assembly/keras/exponentialDecay.twin.js";
import { pow32, pow64 } from "../../assembly/numerics/exp2.twin.js";
import { wasUndecided } from "../../assembly/numerics/undecided.twin.js";
import * as arg from "../core/args.js";
import type { ConfigOf, OptionsOf, PropertiesOf } from "../core/args.js";
import { paramsOf, type Plan } from "../core/batch.js";
import { KerasSchedule, positiveInDtype, rounder } from "../core/keras.js";
import { fillStairs } from "../core/runs.js";
import type { DType } from "../core/types.js";
import * as check from "../core/validate.js";
import { kernelOf } from "../core/wasm.js";
import { KERAS } from "./wasm.js";
import { BINARY32, BINARY64 } from "../exact/binary.js";
import { geometricConstants, log2DoubleDouble, log2Split32 } from "../exact/constants.js";
import { powCorrectlyRounded } from "../exact/pow.js";

const ARGS = [
  arg.number("initial_learning_rate", { float: true, doc: "the learning rate at step 0" }),
  arg.number("decay_steps", { check: check.positiveNumber, doc: "steps per decay by decay_rate; must be > 0" }),
  // Keras does not check the rate; a negative one only ever gives NaN (NUMERICS.md, Inputs).
  arg.number("decay_rate", { check: decayRate, float: true, doc: "the factor per decay_steps; must be >= 0" }),
  arg.boolean("staircase", { default: false, doc: "decay in discrete steps: floor(step / decay_steps)" }),
  arg.name("ExponentialDecay"),
] as const;

/** The config Keras writes for an ExponentialDecay (`get_config()`). */
export type ExponentialDecayConfig = ConfigOf<typeof ARGS>;
/** The constructor's options object: Keras' arguments in camelCase, and this library's dtype. */
export type ExponentialDecayOptions<D extends DType = DType> = OptionsOf<typeof ARGS, D>;

/**
 * decay_rate: finite, >= 0, and not -0: Keras' pow(-0.0, p) is -0 for odd p > 0 and -Infinity for
 * odd p < 0, signs that a rate of 0 does not have. Rather than carry that sign through every path
 * for a rate that decays to nothing at step 1, -0 is refused.
 */
function decayRate(name: string, value: unknown): number {
  const r = check.nonNegativeNumber(name, value);
  if (Object.is(r, -0))
    throw check.argumentError(RangeError, { argument: name, value: r, rule: "must be >= 0 and not -0 (Keras' pow(-0.0, p) is negative for odd p)" });
  return r;
}

/** Below this many steps per stair, runs are too short for filling them to beat the kernel. */
const MIN_RUN = 64;

export interface ExponentialDecay<D extends DType = "float32"> extends PropertiesOf<typeof ARGS> {}

export class ExponentialDecay<D extends DType = "float32"> extends KerasSchedule<D> {
  static override readonly className = "ExponentialDecay";
  static override readonly args = ARGS;

  constructor(options: ExponentialDecayOptions<D>);
  constructor(initialLearningRate: number, decaySteps: number, decayRate: number, staircase?: boolean, name?: string | null);
  constructor(...args: unknown[]) {
    super(args);
  }

  protected kernelPlan(dtype: DType): Plan {
    // Keras casts every input to the dtype: float32 rounds a, d and r once.
    const wide = dtype === "float64";
    const round = rounder(dtype);
    const d = positiveInDtype("decay_steps", this.decaySteps, dtype);
    const a = round(this.initialLearningRate);
    const r = round(this.decayRate);
    const staircase = this.staircase;
    // float64 multiplies p by log2 r as a double-double; float32 by a 29-bit head and a tail.
    const [l1, l2] = wide ? log2DoubleDouble(r) : log2Split32(r);
    const [m1, m2, c] = geometricConstants(r, d);
    const p = wide ? (step: number) => twins.p64(step, d, staircase) : (step: number) => twins.p32(step, d, staircase);
    // The last p and its value: the undecided elements of a staircase come a whole run at a time.
    let lastP = NaN;
    let lastValue = NaN;
    /** a * r^p, rounded as the dtype says. */
    const fromP = (pv: number): number => {
      if (pv === lastP) return lastValue;
      let v = wide ? pow64(pv, l1, l2) : pow32(pv, l1, l2);
      if (wasUndecided()) v = powCorrectlyRounded(r, pv, wide ? BINARY64 : BINARY32);
      lastP = pv;
      lastValue = round(a * v);
      return lastValue;
    };
    return {
      ...kernelOf(KERAS, twins, "exponentialDecay", dtype),
      params: paramsOf(P, { A: a, D: d, L1: l1, L2: l2, STAIRCASE: staircase, M1: m1, M2: m2, C: c }),
      at: (step) => fromP(p(step)),
      // Short runs: the kernel is faster.
      fill: staircase && d >= MIN_RUN ? (start, out) => fillStairs(start, out, d, p, fromP) : undefined,
    };
  }
}
