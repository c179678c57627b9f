// How a correctly rounded function says that its fast path could not decide the rounding: it
// returns undecided(), which raises a flag that the caller takes with wasUndecided(). A value
// cannot carry that signal: a cosine can be any number in [-1, 1], a power any number >= 0.
// The caller then records the element for the exact path (src/exact/), which decides it.
//
// JS twin: undecided.twin.ts.

let flag: bool = false;

/** Raises the flag; the returned value is never used. */
// @ts-ignore: decorator
@inline
export function undecided(): f64 {
  flag = true;
  return 0.0;
}

/** Whether the last call raised the flag; lowers it. */
// @ts-ignore: decorator
@inline
export function wasUndecided(): bool {
  if (!flag) return false;
  flag = false;
  return true;
}
