/**
 * Hugging Face's lr lambdas (huggingface/transformers, src/transformers/optimization.py at
 * 005edacb), operation by operation in float64: what `LambdaLR.step()` calls, and the exact value
 * of any element a kernel leaves undecided (src/transformers/phases.ts). Each is quoted from HF's
 * source above its code.
 *
 * Python ints are JavaScript numbers here: the arguments are safe integers (checked), a step t too
 * (LambdaLR's), so `t - W` and the other single int operations are exact or rounded once, as
 * Python's float() of the exact int is (both round to nearest even). Only get_inverse_sqrt_schedule
 * divides a sum of two ints, which can pass 2^53: there the sum is taken as a BigInt. `float()` of
 * such ints is then no operation at all. math.cos and `**` are correctly rounded (python.ts).
 */
import { div, mod, PI } from "../torch/python.js";
import { cos, floatPow, intTrueDivide, maxZero, TWO53 } from "./python.js";

/** `float(current_step) / float(max(1, num_warmup_steps))`: the warm-up most of them share. */
function warmup(t: number, w: number): number {
  return t / Math.max(1, w);
}

/** `_get_constant_lambda(_=None)`: `return 1`. */
export function constant(): number {
  return 1;
}

/**
 * `_get_constant_schedule_with_warmup_lr_lambda`:
 *
 *     if current_step < num_warmup_steps:
 *         return float(current_step) / float(max(1.0, num_warmup_steps))
 *     return 1.0
 */
export function constantWithWarmup(t: number, s: { readonly numWarmupSteps: number }): number {
  if (t < s.numWarmupSteps) return t / Math.max(1.0, s.numWarmupSteps);
  return 1.0;
}

/**
 * `_get_linear_schedule_with_warmup_lr_lambda`:
 *
 *     if current_step < num_warmup_steps: (the warm-up)
 *     return max(0.0, float(num_training_steps - current_step) / float(max(1, num_training_steps - num_warmup_steps)))
 */
export function linear(t: number, s: { readonly numWarmupSteps: number; readonly numTrainingSteps: number }): number {
  const { numWarmupSteps: w, numTrainingSteps: n } = s;
  if (t < w) return warmup(t, w);
  return maxZero((n - t) / Math.max(1, n - w));
}

export interface CosineSettings {
  readonly numWarmupSteps: number;
  readonly numTrainingSteps: number;
  readonly numCycles: number;
  readonly minLrRate: number;
}

/**
 * `_get_cosine_schedule_with_warmup_lr_lambda`, as the module defines it the second time (the
 * definition Python binds: get_cosine_schedule_with_warmup passes no min_lr_rate, so 0.0):
 *
 *     if current_step < num_warmup_steps: (the warm-up)
 *     progress = float(current_step - num_warmup_steps) / float(max(1, num_training_steps - num_warmup_steps))
 *     factor = 0.5 * (1.0 + math.cos(math.pi * float(num_cycles) * 2.0 * progress))
 *     factor = factor * (1 - min_lr_rate) + min_lr_rate
 *     return max(0, factor)
 */
export function cosine(t: number, s: CosineSettings): number {
  const { numWarmupSteps: w, numTrainingSteps: n, numCycles, minLrRate } = s;
  if (t < w) return warmup(t, w);
  const progress = (t - w) / Math.max(1, n - w);
  let factor = 0.5 * (1.0 + cos(PI * numCycles * 2.0 * progress));
  factor = factor * (1 - minLrRate) + minLrRate;
  return maxZero(factor);
}

/**
 * `_get_cosine_with_hard_restarts_schedule_with_warmup_lr_lambda`:
 *
 *     if current_step < num_warmup_steps: (the warm-up)
 *     progress = float(current_step - num_warmup_steps) / float(max(1, num_training_steps - num_warmup_steps))
 *     if progress >= 1.0:
 *         return 0.0
 *     return max(0.0, 0.5 * (1.0 + math.cos(math.pi * ((float(num_cycles) * progress) % 1.0))))
 */
export function hardRestarts(t: number, s: { readonly numWarmupSteps: number; readonly numTrainingSteps: number; readonly numCycles: number }): number {
  const { numWarmupSteps: w, numTrainingSteps: n, numCycles } = s;
  if (t < w) return warmup(t, w);
  const progress = (t - w) / Math.max(1, n - w);
  if (progress >= 1.0) return 0.0;
  return maxZero(0.5 * (1.0 + cos(PI * mod(numCycles * progress, 1.0))));
}

export interface PolynomialSettings {
  readonly numWarmupSteps: number;
  readonly numTrainingSteps: number;
  readonly lrEnd: number;
  readonly power: number;
  readonly lrInit: number;
}

/**
 * `_get_polynomial_decay_schedule_with_warmup_lr_lambda`:
 *
 *     if current_step < num_warmup_steps: (the warm-up)
 *     elif current_step > num_training_steps:
 *         return lr_end / lr_init  # as LambdaLR multiplies by lr_init
 *     else:
 *         lr_range = lr_init - lr_end
 *         decay_steps = num_training_steps - num_warmup_steps
 *         pct_remaining = 1 - (current_step - num_warmup_steps) / decay_steps
 *         decay = lr_range * pct_remaining**power + lr_end
 *         return decay / lr_init  # as LambdaLR multiplies by lr_init
 *
 * Python raises at a step where it divides by zero (decay_steps = 0 at t = W = N; lr_init = 0),
 * or where `**` raises (0.0 ** a negative power at t = N; an overflow); so does this.
 */
export function polynomial(t: number, s: PolynomialSettings): number {
  const { numWarmupSteps: w, numTrainingSteps: n, lrEnd, power, lrInit } = s;
  if (t < w) return warmup(t, w);
  if (t > n) return div(lrEnd, lrInit, "lr_end / lr_init");
  const lrRange = lrInit - lrEnd;
  const decaySteps = n - w;
  const pctRemaining = 1 - div(t - w, decaySteps, "(current_step - num_warmup_steps) / decay_steps");
  const decay = lrRange * floatPow(pctRemaining, power) + lrEnd;
  return div(decay, lrInit, "decay / lr_init");
}

/**
 * `_get_inverse_sqrt_schedule_lr_lambda` (timescale: get_inverse_sqrt_schedule's `num_warmup_steps
 * or 10_000` when None):
 *
 *     if current_step < num_warmup_steps: (the warm-up)
 *     shift = timescale - num_warmup_steps
 *     decay = 1.0 / math.sqrt((current_step + shift) / timescale)
 *     return decay
 *
 * `current_step + shift` is a Python int: exact however large, then one rounding in the division.
 */
export function inverseSqrt(t: number, s: { readonly numWarmupSteps: number; readonly timescale: number }): number {
  const { numWarmupSteps: w, timescale } = s;
  if (t < w) return warmup(t, w);
  const shift = timescale - w;
  const sum = t + shift;
  const ratio = Math.abs(sum) < TWO53 ? sum / timescale : intTrueDivide(BigInt(t) + BigInt(shift), BigInt(timescale));
  return 1.0 / Math.sqrt(ratio);
}

export interface CosineLrRateSettings extends CosineSettings {
  readonly warmupLrRate: number | null;
}

/**
 * `_get_cosine_with_min_lr_schedule_with_warmup_lr_rate_lambda`, in floats throughout (it converts
 * current_step, num_warmup_steps and num_training_steps with float() first, which changes no value
 * here):
 *
 *     if current_step < num_warmup_steps:
 *         if warmup_lr_rate is None:
 *             return (current_step + 1.) / max(1., num_warmup_steps)
 *         else:
 *             warmup_lr_rate = float(warmup_lr_rate)
 *             return warmup_lr_rate + (1.0 - warmup_lr_rate) * (current_step) / (max(1, num_warmup_steps - 1))
 *     progress = (current_step - num_warmup_steps + 1.) / (max(1., num_training_steps - num_warmup_steps))
 *     factor = 0.5 * (1.0 + math.cos(math.pi * num_cycles * 2.0 * progress))
 *     factor = factor * (1 - min_lr_rate) + min_lr_rate
 *     return max(0, factor)
 */
export function cosineLrRate(t: number, s: CosineLrRateSettings): number {
  const { numWarmupSteps: w, numTrainingSteps: n, numCycles, minLrRate, warmupLrRate } = s;
  if (t < w) {
    if (warmupLrRate === null) return (t + 1.0) / Math.max(1.0, w);
    return warmupLrRate + ((1.0 - warmupLrRate) * t) / Math.max(1, w - 1);
  }
  const progress = (t - w + 1.0) / Math.max(1.0, n - w);
  let factor = 0.5 * (1.0 + cos(PI * numCycles * 2.0 * progress));
  factor = factor * (1 - minLrRate) + minLrRate;
  return maxZero(factor);
}

/** get_wsd_schedule's shapes. */
export type WsdType = "linear" | "cosine" | "1-sqrt";

export interface WsdSettings {
  readonly numWarmupSteps: number;
  readonly numStableSteps: number;
  readonly numDecaySteps: number;
  readonly warmupType: WsdType;
  readonly decayType: WsdType;
  readonly minLrRatio: number;
  readonly numCycles: number;
}

/**
 * `_get_wsd_scheduler_lambda`:
 *
 *     if current_step < num_warmup_steps:
 *         progress = float(current_step) / float(max(1, num_warmup_steps))
 *         linear: factor = progress; cosine: factor = 0.5 * (1.0 - math.cos(math.pi * progress));
 *         1-sqrt: factor = 1.0 - math.sqrt(1.0 - progress)
 *         factor = factor * (1.0 - min_lr_ratio) + min_lr_ratio
 *         return max(0.0, factor)
 *     if current_step < num_warmup_steps + num_stable_steps:
 *         return 1.0
 *     if current_step < num_warmup_steps + num_stable_steps + num_decay_steps:
 *         progress = float(current_step - num_warmup_steps - num_stable_steps) / float(max(1, num_decay_steps))
 *         linear: factor = 1.0 - progress
 *         cosine: factor = 0.5 * (1.0 + math.cos(math.pi * float(num_cycles) * 2.0 * progress))
 *         1-sqrt: factor = 1.0 - math.sqrt(progress)
 *         factor = factor * (1.0 - min_lr_ratio) + min_lr_ratio
 *         return max(0.0, factor)
 *     return min_lr_ratio
 *
 * The sums of ints compared with t are exact below 2^53, and round to 2^53 or more otherwise, where
 * every safe t is below them as it is below the exact sums. `(t - W) - S` is exact, then rounded
 * once as Python's float() of the int.
 */
export function wsd(t: number, s: WsdSettings): number {
  const { numWarmupSteps: w, numStableSteps: stable, numDecaySteps: d, warmupType, decayType, minLrRatio: m, numCycles } = s;
  if (t < w) {
    const progress = t / Math.max(1, w);
    const factor = warmupType === "linear" ? progress : warmupType === "cosine" ? 0.5 * (1.0 - cos(PI * progress)) : 1.0 - Math.sqrt(1.0 - progress);
    return maxZero(factor * (1.0 - m) + m);
  }
  if (t < w + stable) return 1.0;
  if (t < w + stable + d) {
    const progress = (t - w - stable) / Math.max(1, d);
    const factor = decayType === "linear" ? 1.0 - progress : decayType === "cosine" ? 0.5 * (1.0 + cos(PI * numCycles * 2.0 * progress)) : 1.0 - Math.sqrt(progress);
    return maxZero(factor * (1.0 - m) + m);
  }
  return m;
}
