/**
 * Keras' CosineDecayRestarts (SGDR: Loshchilov and Hutter's stochastic gradient descent with warm
 * restarts):
 *
 *     cf = step / first_decay_steps
 *     t_mul == 1:  i = floor(cf);  c = cf - i
 *     otherwise:   i = floor(log(1 - cf (1 - t_mul)) / log(t_mul))
 *                  c = (cf - (1 - t_mul^i) / (1 - t_mul)) / t_mul^i
 *     decayed = initial_learning_rate * ((1 - alpha) * 0.5 * m_mul^i * (1 + cos(pi c)) + alpha)
 *
 * computed as Keras computes it, rounding after every operation in the dtype, with correctly
 * rounded log, pow and cos (shared/NUMERICS.md). The restart index is Keras' formula: where its
 * rounded log lands a hair below an integer, the restart comes a step late (or early), in Keras
 * and here alike.
 *
 * ```ts
 * const schedule = new CosineDecayRestarts(0.1, 1000);   // periods of 1000, 2000, 4000, ... steps
 * schedule(1000);                                         // 0.1: the first restart
 * schedule.range(0, 1_000_000);                           // a Float32Array of a million learning rates
 * ```
 *
 * Kernel: assembly/keras/cosineDecayRestarts.ts; its JS twin beside it.
 */
import * as P from "../../assembly/keras/cosineDecayRestarts.params.js";
import * as twins from "../../assembly/keras/cosineDecayRestarts.twin.js";
import { cos32, cos64 } from "../../assembly/numerics/cos.twin.js";
import { pow32, pow64 } from "../../assembly/numerics/exp2.twin.js";
import { log32, log64 } from "../../assembly/numerics/log.twin.js";
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
import { log2DoubleDouble, log2Split32 } from "../exact/constants.js";
import { cosCorrectlyRounded } from "../exact/cos.js";
import { logCorrectlyRounded } from "../exact/log.js";
import { powCorrectlyRounded } from "../exact/pow.js";

const ARGS = [
  arg.number("initial_learning_rate", { float: true, doc: "the learning rate at step 0 and at the first restart" }),
  arg.number("first_decay_steps", { check: check.positiveNumber, doc: "steps of the first period; must be > 0" }),
  // Keras checks neither; t_mul <= 0 and m_mul < 0 only ever give NaN or signs that flip (NUMERICS.md, Inputs).
  arg.number("t_mul", { default: 2.0, check: check.positiveNumber, float: true, doc: "each period is t_mul times the last; must be > 0" }),
  arg.number("m_mul", { default: 1.0, check: check.nonNegativeNumber, float: true, doc: "each restart starts at m_mul times the last; must be >= 0" }),
  arg.number("alpha", { default: 0.0, float: true, doc: "the minimum learning rate, as a fraction of initial_learning_rate" }),
  arg.name("SGDRDecay"),
] as const;

/** The config Keras writes for a CosineDecayRestarts (`get_config()`). */
export type CosineDecayRestartsConfig = ConfigOf<typeof ARGS>;
/** The constructor's options object: Keras' arguments in camelCase, and this library's dtype. */
export type CosineDecayRestartsOptions<D extends DType = DType> = OptionsOf<typeof ARGS, D>;

export interface CosineDecayRestarts<D extends DType = "float32"> extends PropertiesOf<typeof ARGS> {}

export class CosineDecayRestarts<D extends DType = "float32"> extends KerasSchedule<D> {
  static override readonly className = "CosineDecayRestarts";
  static override readonly args = ARGS;

  constructor(options: CosineDecayRestartsOptions<D>);
  constructor(initialLearningRate: number, firstDecaySteps: number, tMul?: number, mMul?: number, alpha?: number, name?: string | null);
  constructor(...args: unknown[]) {
    super(args);
  }

  protected kernelPlan(dtype: DType): Plan {
    // Keras casts every input to the dtype: float32 rounds each once.
    const wide = dtype === "float64";
    const round = rounder(dtype);
    const fmt = wide ? BINARY64 : BINARY32;
    const fd = positiveInDtype("first_decay_steps", this.firstDecaySteps, dtype);
    const a = round(this.initialLearningRate);
    const T = round(this.tMul);
    const M = round(this.mMul);
    const alpha = round(this.alpha);
    const pi = round(Math.PI);
    const geometric = T !== 1;
    const omt = round(1 - T);
    const oma = round(1 - alpha); // a tensor's subtraction here, unlike CosineDecay's Python one
    const logT = logCorrectlyRounded(T, fmt);
    const [t1, t2] = wide ? log2DoubleDouble(T) : log2Split32(T);
    const [m1, m2] = wide ? log2DoubleDouble(M) : log2Split32(M);

    // Each correctly rounded function: the fast path, or the exact one when it cannot decide.
    const log = (x: number): number => {
      const v = wide ? log64(x) : log32(x);
      return wasUndecided() ? logCorrectlyRounded(x, fmt) : v;
    };
    const pow = (base: number, l1: number, l2: number, p: number): number => {
      if (Number.isNaN(p)) return base === 1 ? 1 : NaN; // the fast paths read a NaN exponent as 0
      const v = wide ? pow64(p, l1, l2) : pow32(p, l1, l2);
      return wasUndecided() ? powCorrectlyRounded(base, p, fmt) : v;
    };
    const cos = (x: number): number => {
      const v = wide ? cos64(x) : cos32(x);
      return wasUndecided() ? cosCorrectlyRounded(x, fmt) : v;
    };
    return {
      ...kernelOf(KERAS, twins, "cosineDecayRestarts", dtype),
      params: paramsOf(P, { A: a, FD: fd, GEOMETRIC: geometric, OMT: omt, LOG_T: logT, T1: t1, T2: t2, M1: m1, M2: m2, ALPHA: alpha, OMA: oma, PI: pi }),
      at: (step) => {
        const cf = round(round(step) / fd);
        let i: number;
        let c: number;
        if (!geometric) {
          i = Math.floor(cf);
          c = round(cf - i);
        } else {
          i = Math.floor(round(log(round(1 - round(cf * omt))) / logT));
          const P = pow(T, t1, t2, i);
          c = round(round(cf - round(round(1 - P) / omt)) / P);
        }
        const cosine = round(round(0.5 * pow(M, m1, m2, i)) * round(1 + cos(round(pi * c))));
        return round(a * round(round(oma * cosine) + alpha));
      },
    };
  }
}
