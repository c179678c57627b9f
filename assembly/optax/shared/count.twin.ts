// JS twin of count.ts: optax's step counts, the same tests on JavaScript numbers.

/** Whether step is an int32: an integer from -2^31 to 2^31 - 1 (NaN is not). */
export function isCount32(step: number): boolean {
  return step >= -2147483648 && step <= 2147483647 && Math.floor(step) === step;
}

/** Whether step is a float64 pipeline's count: an integer below 2^53 in magnitude. */
export function isCount64(step: number): boolean {
  return Math.abs(step) < 9007199254740992 && Math.floor(step) === step;
}
