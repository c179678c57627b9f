/**
 * How a batch of an HF lambda is computed (torch's LambdaLR extension point, LambdaBatch): every
 * HF lambda is a chain of branches on the step (`if current_step < num_warmup_steps: ...`), so
 * its steps fall into phases, each a run of steps that one branch serves:
 *   - a constant (`return 1.0`, `return lr_end / lr_init`): TypedArray.fill;
 *   - a kernel piece (kernels.ts): the branch's arithmetic over the run, on the Wasm kernel or its
 *     twin, every element decided (an undecided one is the lambda's own exact value);
 *   - the lambda itself, step by step, where it raises as Python would (a division by zero).
 * A phase runs from where the phases before it end to its own `end` (exclusive; Infinity for the
 * last); one that ends before that is empty. The phase boundaries are the lambda's conditions, so
 * the phases give, bit for bit, what the lambda gives at each step: the tests compare both.
 */
import type { Backend } from "../core/types.js";
import type { LambdaBatch, LrLambda } from "../torch/index.js";
import { type Piece, run } from "./kernels.js";

export type Phase =
  | { readonly end: number; readonly value: number }
  | { readonly end: number; readonly piece: Piece }
  | { readonly end: number; readonly exact: true };

/** A lambda that carries its batch plan: what LambdaLR's range and evaluate use. */
export type BatchedLambda = LrLambda & { readonly batch: LambdaBatch };

/** `lambda` with the batch plan of its phases. */
export function withPhases(lambda: LrLambda, phases: readonly Phase[]): BatchedLambda {
  const plans = phases.map((ph) => ("piece" in ph ? { ...ph.piece, at: lambda } : null));
  const batch: LambdaBatch = {
    fill(t0: number, n: number, factors: Float64Array, backend: Backend): void {
      const stop = t0 + n;
      let from = t0;
      phases.forEach((ph, k) => {
        const to = Math.min(ph.end, stop);
        if (to <= from) return;
        const out = factors.subarray(from - t0, to - t0);
        const plan = plans[k];
        if (plan) run(plan, from, out, backend);
        else if ("value" in ph) out.fill(ph.value);
        else for (let i = 0; i < out.length; i++) out[i] = lambda(from + i);
        from = to;
      });
    },
  };
  return Object.assign(lambda, { batch });
}
