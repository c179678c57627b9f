/**
 * The base of every scheduler whose `get_lr` is one operation on the group's lr (ops.ts) that
 * depends on last_epoch alone: `computeLr` (PyTorch's get_lr, for `.step()`) and the batch
 * replay (track.ts) both read the class's `op`, so the two cannot disagree.
 */
import type { Backend } from "../core/types.js";
import { apply, type Op, type Ops, set } from "./ops.js";
import { LRScheduler } from "./scheduler.js";
import { type OpSource, opTrack, type Track } from "./track.js";

export abstract class OpScheduler extends LRScheduler {
  /**
   * PyTorch's get_lr for group g at last_epoch t, as an operation on the group's lr; `baseLr` is
   * the group's base lr and `initial` PyTorch's `_is_initial` (the constructor's step).
   */
  protected abstract op(t: number, baseLr: number, g: number, initial: boolean): Op;

  /** PyTorch's `_get_closed_form_lr` for group g at t, or null where the class has none. */
  protected closedForm(_t: number, _baseLr: number, _g: number): number | null {
    return null;
  }

  protected computeLr(): number[] {
    return this.groups.groups.map((group, g) => apply(this.op(this.lastEpoch, this.baseLrs[g]!, g, this.isInitial), group.lr));
  }

  protected override closedFormLr(): number[] | null {
    if (this.closedForm(0, this.baseLrs[0]!, 0) === null) return null;
    return this.baseLrs.map((b, g) => this.closedForm(this.lastEpoch, b, g)!);
  }

  /** Group 0's base lr in a fresh copy: its initial_lr as construction found it, or its lr. */
  protected freshBaseLr(): number {
    return this.born[0]!.initial_lr ?? this.born[0]!.lr;
  }

  /**
   * Group 0's base lr at the constructor's own step, where it differs from freshBaseLr: CyclicLR
   * sets base_lrs only after that step, which reads initial_lr.
   */
  protected initialBaseLr(): number {
    return this.freshBaseLr();
  }

  /** The constructor's last_epoch. */
  protected get startEpoch(): number {
    return this.config.last_epoch as number;
  }

  /**
   * The operations of a fresh copy's group 0. Subclasses override `fillOps` where a loop of `op`
   * would be slow (a uniform chunk, a kernel).
   */
  protected source(backend: Backend): OpSource {
    const base = this.freshBaseLr();
    return {
      initialOp: this.op(this.startEpoch + 1, this.initialBaseLr(), 0, true),
      milestoneOp: () => {
        const closed = this.closedForm(0, base, 0);
        return closed !== null ? set(closed) : this.op(0, base, 0, false);
      },
      fill: (t0, n, ops) => this.fillOps(t0, n, ops, base, backend),
      run: this.runner(base, backend),
      scaledRun: (pre, post) => this.scaledRunner(base, backend, pre, post),
    };
  }

  /**
   * runner's steps with the lr times `pre` before each step and times `post` after it, one of them
   * 1 (ChainedScheduler of this and an ExponentialLR, in either order), where a subclass has it.
   */
  protected scaledRunner(_base: number, _backend: Backend, _pre: number, _post: number): OpSource["run"] {
    return undefined;
  }

  /**
   * Track.run's steps in one pass (track.ts, OpSource.run), where a subclass has one for its
   * arguments: the same bits as fillOps then the scan. None by default.
   */
  protected runner(_base: number, _backend: Backend): OpSource["run"] {
    return undefined;
  }

  protected fillOps(t0: number, n: number, ops: Ops, base: number, _backend: Backend): void {
    for (let i = 0; i < n; i++) ops.put(i, this.op(t0 + i, base, 0, false));
  }

  protected track(backend: Backend): Track {
    return opTrack(this.born[0]!.lr, this.startEpoch + 1, this.source(backend));
  }
}
