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
 *
 * A batch fills LambdaLR's rates, `base_lr * lmbda(t)`, in one pass (`scale` = base_lr: each
 * kernel multiplies by it on its lanes), or the factors alone (`scale` = 1, as LambdaBatch.fill).
 */
import type { Backend } from "../core/types.js";
import type { LambdaBatch, LrLambda } from "../torch/index.js";
import { runPlan } from "../torch/kernels.js";
import type { Piece } from "./kernels.js";

export type Phase =
  | { readonly end: number; readonly value: number }
  | { readonly end: number; readonly piece: Piece }
  | { readonly end: number; readonly exact: true };

/** LambdaLR's batch extension point, and the same with a scale. */
export interface PhasedBatch extends LambdaBatch {
  /** out[i] = scale * lmbda(t0 + i) for i in [0, n), bit for bit. */
  fillScaled(t0: number, n: number, out: Float64Array, backend: Backend, scale: number): void;
}

/** A lambda that carries its batch plan: what LambdaLR's range and evaluate use. */
export type BatchedLambda = LrLambda & { readonly batch: PhasedBatch };

/** `lambda` with the batch plan of its phases. */
export function withPhases(lambda: LrLambda, phases: readonly Phase[]): BatchedLambda {
  const batch: PhasedBatch = {
    fill(t0, n, factors, backend) {
      this.fillScaled(t0, n, factors, backend, 1);
    },
    fillScaled(t0, n, out, backend, scale) {
      const stop = t0 + n;
      let from = t0;
      for (const ph of phases) {
        const to = Math.min(ph.end, stop);
        if (to <= from) continue;
        const part = out.subarray(from - t0, to - t0);
        if ("value" in ph) part.fill(scale * ph.value);
        else if ("exact" in ph) for (let i = 0; i < part.length; i++) part[i] = scale * lambda(from + i);
        else {
          let params = ph.piece.params;
          if (scale !== 1) {
            params = params.slice();
            params[ph.piece.scaleSlot] = scale;
          }
          runPlan({ ...ph.piece, params, at: (t) => scale * lambda(t) }, from, part, backend);
        }
        from = to;
      }
    },
  };
  return Object.assign(lambda, { batch });
}
