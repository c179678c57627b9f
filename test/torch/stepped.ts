import type * as torch from "../../src/torch/index.js";

/** getLastLr()[0] after construction and each of n - 1 steps, by stepping: what a range must equal. */
export function stepped(s: torch.LRScheduler, n: number): number[] {
  const out = [s.getLastLr()[0]!];
  for (let k = 1; k < n; k++) {
    s.step();
    out.push(s.getLastLr()[0]!);
  }
  return out;
}
