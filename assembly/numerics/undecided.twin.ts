// JS twin of undecided.ts: the out-of-band signal of a fast path that could not decide a rounding.

let flag = false;

/** Raises the flag; the returned value is never used. */
export function undecided(): number {
  flag = true;
  return 0.0;
}

/** Whether the last call raised the flag; lowers it. */
export function wasUndecided(): boolean {
  if (!flag) return false;
  flag = false;
  return true;
}
