/**
 * A scheduler's trajectory for the batch methods: what `range` replays. A Track starts from the
 * lr of group 0 before the scheduler's initial step (what its constructor found), applies the
 * initial step, then runs `.step()` after `.step()` without touching the scheduler itself.
 * Simple schedulers describe each step by an operation (ops.ts) that is a function of t alone;
 * composites (sequentialLR.ts, chainedScheduler.ts) combine their children's.
 */
import { apply, type Op, Ops, scan } from "./ops.js";

/** Steps per chunk of operations: the arrays stay in the processor's cache. */
export let CHUNK = 4096;

/** For tests: a small chunk makes the carried lr cross chunk boundaries often. */
export function setTorchChunkForTesting(n: number): void {
  CHUNK = n;
}

export interface Track {
  /** Group 0's lr just before the initial step. */
  readonly lr0: number;
  /** The scheduler's last_epoch after its initial step (its constructor's last_epoch + 1). */
  readonly t0: number;
  /** The lr after the initial step. */
  initial(lr: number): number;
  /**
   * `.step()` for t = from, from + 1, ..., from + n - 1 (last_epoch after each), called in order
   * over contiguous ranges: the lr after step t goes to out[t - first] where t >= first. Returns
   * the last lr.
   */
  run(from: number, n: number, lr: number, out: Float64Array | null, first: number): number;
  /** PyTorch's `_update_lr(0)` (SequentialLR at a milestone): the closed form at 0, if any. */
  milestone(lr: number): number;
}

/** What a simple scheduler says of its steps: every operation a function of t. */
export interface OpSource {
  readonly initialOp: Op;
  /**
   * The operation at a SequentialLR milestone (the closed form at 0), computed only there: a closed
   * form may raise where PyTorch would (LinearLR's with total_iters=0 divides by zero).
   */
  milestoneOp(): Op;
  /**
   * The operations of `.step()` at t = t0 .. t0 + n - 1 into ops[0 .. n), called in order over
   * contiguous ranges (a source may keep state from one call to the next). Throws where PyTorch
   * raises (OneCycleLR past total_steps).
   */
  fill(t0: number, n: number, ops: Ops): void;
  /**
   * Optional, Track.run's contract for these steps: the operations computed and applied in one
   * pass, straight into out, where a fill pass plus a scan pass would lose to the user's own loop
   * (a multiplication a step). Gives the same bits as fill then scan; ChainedScheduler still reads
   * `fill` (but for the pairs scaledRun serves), so a source that has `run` keeps both.
   */
  run?(from: number, n: number, lr: number, out: Float64Array | null, first: number): number;
  /**
   * Optional, `run` with the lr multiplied by `pre` before each step and by `post` after it, one of
   * them 1 (ExponentialLR's step chained before or after this one: ChainedScheduler); undefined
   * where the source has no such run.
   */
  scaledRun?(pre: number, post: number): OpSource["run"];
}

/** The Track of a simple scheduler: its operations, a chunk at a time, then the scan. */
export function opTrack(lr0: number, t0: number, source: OpSource): Track & { readonly source: OpSource } {
  // Made on the first chunk that needs it: a fused source never does, and a range that allocates
  // nothing leaves the garbage collector nothing to do.
  let ops: Ops | null = null;
  return {
    lr0,
    t0,
    source,
    initial: (lr) => apply(source.initialOp, lr),
    milestone: (lr) => apply(source.milestoneOp(), lr),
    run(from, n, lr, out, first) {
      if (source.run !== undefined) return source.run(from, n, lr, out, first);
      ops ??= new Ops(CHUNK);
      for (let done = 0; done < n; done += CHUNK) {
        const m = Math.min(CHUNK, n - done);
        ops.reset();
        source.fill(from + done, m, ops);
        lr = scan(ops, m, lr, out, from + done - first);
      }
      return lr;
    },
  };
}
