/**
 * PyTorch's CosineAnnealingLR (torch/optim/lr_scheduler.py, main), its recursive form:
 *
 *     get_lr:
 *       if _is_initial: lr
 *       elif _step_count == 1 and last_epoch > 0:        # unreachable from .step() in current PyTorch
 *         eta_min + (base_lr - eta_min) * (1 + math.cos((last_epoch) * math.pi / T_max)) / 2
 *       elif (last_epoch - 1 - T_max) % (2 * T_max) == 0:
 *         lr + (base_lr - eta_min) * (1 - math.cos(math.pi / T_max)) / 2
 *       else:
 *         (1 + math.cos(math.pi * last_epoch / T_max)) / (1 + math.cos(math.pi * (last_epoch - 1) / T_max))
 *           * (lr - eta_min) + eta_min
 *     closed form (step(epoch)):  eta_min + (base_lr - eta_min) * (1 + math.cos(math.pi * last_epoch / T_max)) / 2
 *
 * Every cosine correctly rounded. The recursion drifts from the closed form by ulps (PyTorch's
 * own numbers at step 50 of T_max=100, eta_min=0.001 on 0.1: 0.050499999999999975, not 0.0505);
 * past T_max it is periodic and rises back to base_lr at 2 T_max.
 *
 * ```ts
 * const s = new CosineAnnealingLR({ param_groups: [{ lr: 0.1 }] }, 100, 0.001);
 * s.step(); s.getLastLr();                    // [0.09997557473810371]
 * s.range(0, 1_000_000);                      // a million steps in one call
 * ```
 *
 * Arguments: `T_max` (a positive integer; option `tMax`), `eta_min` = 0.0 (`etaMin`), `last_epoch`.
 * Batch: the cosines come from the kernels of assembly/torch/cosineAnnealingLR.ts (twins beside
 * it), each decided exactly before the lr is carried through them: a range of this scheduler alone,
 * as a SequentialLR child, or chained with one ExponentialLR, on the run kernel, which scans a
 * chunk while it computes the next chunk's cosines (kernels.ts' cosineAnnealingRun); inside any
 * other ChainedScheduler, the cosines of a chunk, then the scan (ops.ts).
 */
import type { Backend } from "../core/types.js";
import { finiteNumber } from "../core/validate.js";
import * as arg from "./args.js";
import { cosineAnnealingRun, cosines } from "./kernels.js";
import { KEEP, type Op, OP_ADD, OP_AFFINE, type Ops } from "./ops.js";
import type { OptimizerLike } from "./optimizer.js";
import { cos, mod, PI } from "./python.js";
import { OpScheduler } from "./simple.js";
import type { OpSource } from "./track.js";

export class CosineAnnealingLR extends OpScheduler {
  static override readonly className = "CosineAnnealingLR";
  static override readonly args = [
    arg.int("T_max", { option: "tMax", check: arg.positiveInteger, doc: "half the period, in steps" }),
    arg.float("eta_min", { default: 0.0, option: "etaMin", doc: "the lowest lr" }),
    arg.lastEpochArg(),
  ];
  readonly tMax: number;
  readonly etaMin: number;

  constructor(optimizer: OptimizerLike, options: { tMax: number; etaMin?: number; lastEpoch?: number });
  constructor(optimizer: OptimizerLike, tMax: number, etaMin?: number, lastEpoch?: number);
  constructor(optimizer: OptimizerLike, ...args: unknown[]) {
    super(optimizer, args);
    this.tMax = this.config.T_max as number;
    this.etaMin = this.config.eta_min as number;
    this.begin(this.startEpoch);
  }

  /** The branch PyTorch takes where the ratio's denominator, 1 + cos(pi (t - 1) / T_max), is 0. */
  private restart(t: number): boolean {
    return mod(t - 1 - this.tMax, 2 * this.tMax) === 0;
  }

  private addOp(baseLr: number): Op {
    return { code: OP_ADD, a: ((baseLr - this.etaMin) * (1 - cos(PI / this.tMax))) / 2, b: 0 };
  }

  protected op(t: number, baseLr: number, _g: number, initial: boolean): Op {
    if (initial) return KEEP;
    if (this.restart(t)) return this.addOp(baseLr);
    const ratio = (1 + cos((PI * t) / this.tMax)) / (1 + cos((PI * (t - 1)) / this.tMax));
    return { code: OP_AFFINE, a: ratio, b: this.etaMin };
  }

  protected override computeLr(): number[] {
    const t = this.lastEpoch;
    if (!this.isInitial && this.stepCount === 1 && t > 0)
      return this.baseLrs.map((b) => this.etaMin + ((b - this.etaMin) * (1 + cos((t * PI) / this.tMax))) / 2);
    return super.computeLr();
  }

  protected override closedForm(t: number, baseLr: number): number {
    return this.etaMin + ((baseLr - this.etaMin) * (1 + cos((PI * t) / this.tMax))) / 2;
  }

  /**
   * A range of this scheduler alone, or as a SequentialLR child: the scan carried by the pass of
   * the cosines (kernels.ts).
   */
  protected override runner(base: number, backend: Backend): OpSource["run"] {
    return this.scaledRunner(base, backend, 1, 1);
  }

  /** As a ChainedScheduler child with an ExponentialLR before or after it: the run kernel's Scaled form. */
  protected override scaledRunner(base: number, backend: Backend, pre: number, post: number): NonNullable<OpSource["run"]> {
    const add = this.addOp(base).a;
    return (from, n, lr, out, first) => cosineAnnealingRun(this.tMax, this.etaMin, add, from, n, lr, out, first, backend, pre, post);
  }

  /** c[t] = cos(pi * t / T_max) for the chunk and the step before it, from the kernel; then the ratios. */
  private c = new Float64Array(0);

  protected override fillOps(t0: number, n: number, ops: Ops, base: number, backend: Backend): void {
    if (this.c.length < n + 1) this.c = new Float64Array(n + 1);
    const c = this.c;
    cosines(this.tMax, t0 - 1, n + 1, c, backend);
    // The restarts: t = T_max + 1 + 2 k T_max. A chunk without one is all the affine step, whose
    // ratios the scan takes from the cosines.
    const period = 2 * this.tMax;
    const first = t0 + mod(this.tMax + 1 - t0, period);
    ops.cosineRatios(c, this.etaMin);
    if (first >= t0 + n) return;
    const add = this.addOp(base).a;
    for (let t = first; t < t0 + n; t += period) ops.cosineRestart(t - t0, add);
  }

  protected override attributes() {
    return { T_max: this.tMax, eta_min: this.etaMin };
  }

  protected override loadAttributes(s: Record<string, unknown>): string[] {
    if (Object.hasOwn(s, "T_max")) (this as { tMax: number }).tMax = arg.positiveInteger("T_max", s.T_max);
    if (Object.hasOwn(s, "eta_min")) (this as { etaMin: number }).etaMin = finiteNumber("eta_min", s.eta_min);
    return ["T_max", "eta_min"];
  }
}
