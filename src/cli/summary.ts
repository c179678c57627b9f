/** The CLI's summary: where the schedule falls to a fraction of its initial rate. */
import type { ExponentialDecay } from "../index.js";

/** The last step float64 holds exactly: range bounds and searches stop here. */
export const LAST_STEP = 2 ** 53;

/**
 * The first step >= from whose rate is at most `threshold`, or null if there is none up to 2^53.
 * A decaying schedule (rate < 1, positive learning rate) is non-increasing in the step, also after
 * every rounding, so a gallop and a bisection find it exactly, wherever it lies.
 */
export function firstStepAtOrBelow(schedule: ExponentialDecay, threshold: number, from: number): number | null {
  if (schedule(from) <= threshold) return from;
  let lo = from;
  let hi = from + 1;
  while (schedule(hi) > threshold) {
    if (hi >= LAST_STEP) return null;
    lo = hi;
    hi = Math.min(LAST_STEP, from + 2 * (hi - from));
  }
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (schedule(mid) <= threshold) hi = mid;
    else lo = mid;
  }
  return hi;
}

const count = (n: number) => n.toLocaleString("en-US");

/** Lines "falls to 1/2 at step ...", or why it does not decay. */
export function fallLines(schedule: ExponentialDecay, start: number): string[] {
  const initial = schedule.dtype === "float32" ? Math.fround(schedule.initialLearningRate) : schedule.initialLearningRate;
  if (!(schedule.decayRate < 1 && initial > 0)) return ["it does not decay (decay_rate >= 1 or initial_learning_rate <= 0)"];
  return [2, 10, 100].map((k) => {
    const step = firstStepAtOrBelow(schedule, initial / k, start);
    return `falls to 1/${k} of the initial rate at step ${step === null ? "(beyond 2^53)" : count(step)}`;
  });
}
