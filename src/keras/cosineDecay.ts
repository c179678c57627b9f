/**
 * Keras' CosineDecay, with its optional linear warm-up:
 *
 *     decay(x, from) = from * ((1 - alpha) * 0.5 * (1 + cos(pi * x / decay_steps)) + alpha)
 *     without warmup_target: decay(min(step, decay_steps), initial_learning_rate)
 *     with it: step' = min(step, decay_steps + warmup_steps), then
 *       step' < warmup_steps:  initial_learning_rate + (warmup_target - initial_learning_rate) * step' / warmup_steps
 *       otherwise:             decay(step' - warmup_steps, warmup_target)
 *
 * computed as Keras computes it, rounding after every operation in the dtype, with a correctly
 * rounded cosine of the rounded product pi_R * fraction (docs/NUMERICS.md). So the halfway value
 * in float32 is 0.49999997 * lr, as in Keras, not 0.5 * lr.
 *
 * ```ts
 * const schedule = new CosineDecay({ initialLearningRate: 0, decaySteps: 9000, warmupTarget: 1e-3, warmupSteps: 1000 });
 * schedule(500);                               // 0.0005: half way up the warm-up
 * schedule.range(0, 10_000);                   // a Float32Array of ten thousand learning rates
 * ```
 *
 * Kernel: assembly/keras/cosineDecay.ts; its JS twin beside it.
 */
import * as P from "../../assembly/keras/cosineDecay.params.js";
import * as twins from "../../assembly/keras/cosineDecay.twin.js";
import { cos32, cos64 } from "../../assembly/numerics/cos.twin.js";
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
import { cosCorrectlyRounded } from "../exact/cos.js";

const ARGS = [
  arg.number("initial_learning_rate", { float: true, doc: "the learning rate at step 0 (where the warm-up starts, if any)" }),
  arg.number("decay_steps", { check: check.positiveNumber, doc: "steps to decay over; must be > 0" }),
  arg.number("alpha", { default: 0.0, float: true, doc: "the final learning rate, as a fraction of the decay's start" }),
  arg.name("CosineDecay"),
  arg.optionalNumber("warmup_target", { float: true, doc: "the learning rate the warm-up reaches (null: no warm-up)" }),
  // Keras does not check it; a negative one would run the warm-up backwards (NUMERICS.md, Inputs).
  arg.number("warmup_steps", { default: 0, check: check.nonNegativeNumber, doc: "steps of linear warm-up; must be >= 0" }),
] as const;

/** The config Keras writes for a CosineDecay (`get_config()`); warmup_target is null without warm-up. */
export type CosineDecayConfig = ConfigOf<typeof ARGS>;
/** The constructor's options object: Keras' arguments in camelCase, and this library's dtype. */
export type CosineDecayOptions<D extends DType = DType> = OptionsOf<typeof ARGS, D>;

export interface CosineDecay<D extends DType = "float32"> extends PropertiesOf<typeof ARGS> {}

export class CosineDecay<D extends DType = "float32"> extends KerasSchedule<D> {
  static override readonly className = "CosineDecay";
  static override readonly args = ARGS;

  constructor(options: CosineDecayOptions<D>);
  constructor(
    initialLearningRate: number, decaySteps: number, alpha?: number, name?: string | null, warmupTarget?: number | null, warmupSteps?: number,
  );
  constructor(...args: unknown[]) {
    super(args);
  }

  protected kernelPlan(dtype: DType): Plan {
    // Keras casts every input to the dtype: float32 rounds each once.
    const wide = dtype === "float64";
    const round = rounder(dtype);
    const d = positiveInDtype("decay_steps", this.decaySteps, dtype);
    const a = round(this.initialLearningRate);
    const alpha = round(this.alpha);
    // Keras' `(1 - self.alpha) * cosine_decayed`: 1 - alpha is Python's float64 subtraction, and
    // the tensor product rounds it to the dtype (0.4 for alpha = 0.6, where 1 - f32(0.6) is not).
    const scale = round(1 - this.alpha);
    const pi = round(Math.PI);
    const warmup = this.warmupTarget !== null;
    const w = round(this.warmupTarget ?? 0);
    const ws = round(this.warmupSteps);
    const end = round(d + ws);
    const delta = round(w - a);
    const fmt = wide ? BINARY64 : BINARY32;
    const cos = (x: number): number => {
      const v = wide ? cos64(x) : cos32(x);
      return wasUndecided() ? cosCorrectlyRounded(x, fmt) : v;
    };
    const decay = (x: number, from: number): number =>
      round(from * round(round(scale * round(0.5 * round(1 + cos(round(pi * round(x / d)))))) + alpha));
    return {
      ...kernelOf(KERAS, twins, "cosineDecay", dtype),
      // The kernels take A * (0.5 * u) as (0.5 * A) * u: the same real number (both halvings are
      // exact, see assembly/keras/cosineDecay.ts), so the same rounding, one product fewer.
      params: paramsOf(P, { A: a, D: d, HALF: 0.5 * scale, ALPHA: alpha, PI: pi, WARMUP: warmup, W: w, WS: ws, END: end, DELTA: delta }),
      at: (step) => {
        const s = round(step);
        if (!warmup) return decay(Math.min(s, d), a);
        const sw = Math.min(s, end);
        return sw < ws ? round(round(delta * round(sw / ws)) + a) : decay(round(sw - ws), w);
      },
    };
  }
}
