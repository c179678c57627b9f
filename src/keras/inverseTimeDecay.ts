/**
 * Keras' InverseTimeDecay:
 *
 *     p = step / decay_steps              (floor(p) if staircase)
 *     decayed = initial_learning_rate / (1 + decay_rate * p)
 *
 * computed as Keras computes it, rounding after every operation in the dtype (docs/NUMERICS.md).
 *
 * ```ts
 * const schedule = new InverseTimeDecay(0.1, 1, 0.5);
 * schedule(2);                                 // 0.05000000074505806: 0.1 / (1 + 0.5 * 2) in float32
 * schedule.range(0, 1_000_000);                // a Float32Array of a million learning rates
 * ```
 *
 * Kernel: assembly/keras/inverseTimeDecay.ts; its JS twin beside it.
 */
import * as P from "../../assembly/keras/inverseTimeDecay.params.js";
import * as twins from "../../assembly/keras/inverseTimeDecay.twin.js";
import * as arg from "../core/args.js";
import type { ConfigOf, OptionsOf, PropertiesOf } from "../core/args.js";
import { paramsOf, type Plan } from "../core/batch.js";
import { KerasSchedule, positiveInDtype, rounder } from "../core/keras.js";
import { fillStairs } from "../core/runs.js";
import type { DType } from "../core/types.js";
import * as check from "../core/validate.js";
import { kernelOf } from "../core/wasm.js";
import { KERAS } from "./wasm.js";

const ARGS = [
  arg.number("initial_learning_rate", { float: true, doc: "the learning rate at step 0" }),
  arg.number("decay_steps", { check: check.positiveNumber, doc: "steps per unit of decay; must be > 0" }),
  // Keras does not check the rate; a negative one makes the denominator cross zero, so the rate
  // jumps through Infinity and turns negative (NUMERICS.md, Inputs).
  arg.number("decay_rate", { check: check.nonNegativeNumber, float: true, doc: "the rate's growth of the denominator per decay_steps; must be >= 0" }),
  arg.boolean("staircase", { default: false, doc: "decay in discrete steps: floor(step / decay_steps)" }),
  arg.name("InverseTimeDecay"),
] as const;

/** The config Keras writes for an InverseTimeDecay (`get_config()`). */
export type InverseTimeDecayConfig = ConfigOf<typeof ARGS>;
/** The constructor's options object: Keras' arguments in camelCase, and this library's dtype. */
export type InverseTimeDecayOptions<D extends DType = DType> = OptionsOf<typeof ARGS, D>;

/** Below this many steps per stair, runs are too short for filling them to beat the kernel. */
const MIN_RUN = 64;

export interface InverseTimeDecay<D extends DType = "float32"> extends PropertiesOf<typeof ARGS> {}

export class InverseTimeDecay<D extends DType = "float32"> extends KerasSchedule<D> {
  static override readonly className = "InverseTimeDecay";
  static override readonly args = ARGS;

  constructor(options: InverseTimeDecayOptions<D>);
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
    const p = wide ? (step: number) => twins.p64(step, d, staircase) : (step: number) => twins.p32(step, d, staircase);
    const fromP = wide ? (pv: number) => twins.fromP64(pv, a, r) : (pv: number) => twins.fromP32(pv, a, r);
    return {
      ...kernelOf(KERAS, twins, "inverseTimeDecay", dtype),
      params: paramsOf(P, { A: a, D: d, R: r, STAIRCASE: staircase }),
      at: (step) => fromP(p(step)),
      // Short runs: the kernel is faster.
      fill: staircase && d >= MIN_RUN ? (start, out) => fillStairs(start, out, d, p, fromP) : undefined,
    };
  }
}
