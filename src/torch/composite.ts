/**
 * PyTorch's composites: SequentialLR (one child after another, switching at milestones) and
 * ChainedScheduler (every child at every step). They hold schedulers, not formulas: their steps
 * are their children's, and their batches combine their children's Tracks (track.ts).
 */
import type { Backend } from "../core/types.js";
import { describe, plainObject } from "../core/validate.js";
import * as arg from "./args.js";
import { apply, applyCode, fillRun, type Op, OP_AFFINE, OP_KEEP, OP_MUL, Ops, scan } from "./ops.js";
import type { Groups, OptimizerLike } from "./optimizer.js";
import { bisectRight } from "./python.js";
import { ExponentialLR } from "./multiplicative.js";
import { LRScheduler, type StateDict } from "./scheduler.js";
import { CHUNK, type OpSource, type Track } from "./track.js";

function childList(className: string, value: unknown, groups: Groups | null): LRScheduler[] {
  if (!Array.isArray(value) || value.length < 1) throw new RangeError(`${className} expects at least one scheduler, but got ${Array.isArray(value) ? "no scheduler" : describe(value)}.`);
  return value.map((s: unknown, i) => {
    if (!(s instanceof LRScheduler)) throw new TypeError(`${className} at index ${i} should be an lrdecay/torch scheduler. Received: ${describe(s)}`);
    if (s.constructor.name === "ReduceLROnPlateau" || (s.constructor as typeof LRScheduler).className === "ReduceLROnPlateau")
      throw new RangeError(`${className} does not support \`ReduceLROnPlateau\` scheduler as it requires additional kwargs to be specified when calling \`step\`, but got one at index ${i} in the given schedulers sequence.`);
    if (s instanceof SequentialLR || s instanceof ChainedScheduler)
      throw new TypeError(`${className} at index ${i}: lrdecay does not nest composite schedulers; give their children instead`);
    if (groups !== null && s.groups !== groups)
      throw new RangeError(`${className} expects all schedulers to belong to the same optimizer, but got scheduler ${(s.constructor as typeof LRScheduler).className} at index ${i} with another optimizer.`);
    return s;
  });
}

function loadChildren(list: readonly LRScheduler[], value: unknown): void {
  if (!Array.isArray(value) || value.length !== list.length) throw new TypeError(`_schedulers must be a list of ${list.length} state dicts. Received: ${describe(value)}`);
  value.forEach((s: unknown, i) => list[i]!.loadStateDict(plainObject(`_schedulers[${i}]`, s)));
}

/**
 * PyTorch's SequentialLR: the first scheduler until the first milestone, then the next, ...; at a
 * milestone the next one starts from its closed form at 0 (`_update_lr(0)`), or its get_lr at 0
 * where it has none (MultiplicativeLR then multiplies, as current PyTorch does; 1.13 kept the lr).
 *
 *     __init__: every group's lr = initial_lr; the others' initial steps undone; schedulers[0]'s
 *               initial step again
 *     step():   last_epoch += 1; idx = bisect_right(milestones, last_epoch)
 *               schedulers[idx]._update_lr(0) if milestones[idx - 1] == last_epoch else schedulers[idx].step()
 *
 * ```ts
 * const opt = { param_groups: [{ lr: 0.1 }] };
 * const s = new SequentialLR(opt, [new LinearLR(opt, 0.1, 1, 10), new CosineAnnealingLR(opt, 290)], [10]);
 * s.range(0, 300);                            // warm-up, then the cosine
 * ```
 *
 * Arguments: `schedulers` (built on this optimizer, in order), `milestones` (one fewer), `last_epoch`.
 */
export class SequentialLR extends LRScheduler {
  static override readonly className = "SequentialLR";
  static override readonly args = [
    arg.schedulers("schedulers", { doc: "the schedulers, built on this optimizer, in order" }),
    arg.make("milestones", "numbers", true, { doc: "the steps where the next scheduler starts" }, (n, v) => {
      if (!Array.isArray(v)) throw new TypeError(`Argument \`${n}\` must be a list of integers. Received: ${describe(v)}`);
      return Object.freeze(v.map((x, i) => arg.integer(`${n}[${i}]`, x)));
    }),
    arg.lastEpochArg(),
  ];
  readonly schedulers: LRScheduler[];
  milestones: number[];

  constructor(optimizer: OptimizerLike, options: { schedulers: LRScheduler[]; milestones: number[]; lastEpoch?: number });
  constructor(optimizer: OptimizerLike, schedulers: LRScheduler[], milestones: number[], lastEpoch?: number);
  constructor(optimizer: OptimizerLike, ...args: unknown[]) {
    super(optimizer, args);
    this.schedulers = childList("SequentialLR", this.config.schedulers, this.groups);
    this.milestones = [...(this.config.milestones as number[])];
    if (this.milestones.length !== this.schedulers.length - 1)
      throw new RangeError(
        `Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, but got number of schedulers ${this.schedulers.length} and the number of milestones to be equal to ${this.milestones.length}`,
      );
    this.lastEpoch = (this.config.last_epoch as number) + 1;
    for (const g of this.groups.groups) g.lr = g.initial_lr ?? g.lr;
    this.groups.sync();
    for (const s of this.schedulers) s.lastEpoch -= 1;
    this.schedulers[0]!.initialStep();
    this.baseLrs = this.groups.groups.map((g) => g.initial_lr ?? g.lr);
    this.lastLr = this.schedulers[0]!.getLastLr();
  }

  protected computeLr(): number[] {
    return this.groups.lrs();
  }

  override step(): void {
    this.lastEpoch += 1;
    const idx = bisectRight(this.milestones, this.lastEpoch);
    const s = this.schedulers[idx]!;
    if (idx > 0 && this.milestones[idx - 1] === this.lastEpoch) s.updateLr(0);
    else s.step();
    this.lastLr = s.getLastLr();
  }

  override stateDict(): StateDict {
    return { _milestones: [...this.milestones], last_epoch: this.lastEpoch, _last_lr: [...this.lastLr], _schedulers: this.schedulers.map((s) => s.stateDict()) };
  }

  override loadStateDict(state: StateDict): void {
    const s = plainObject("state_dict", state);
    for (const key of Object.keys(s))
      if (!["_milestones", "last_epoch", "_last_lr", "_schedulers", "_step_count", "base_lrs", "optimizer", "verbose", "_get_lr_called_within_step", "_is_initial"].includes(key))
        throw new TypeError(`SequentialLR.loadStateDict got an unknown key \`${key}\``);
    if (Object.hasOwn(s, "_schedulers")) loadChildren(this.schedulers, s._schedulers);
    if (Object.hasOwn(s, "_milestones")) this.milestones = [...(SequentialLR.args[1]!.check(s._milestones) as number[])];
    if (Object.hasOwn(s, "last_epoch")) this.lastEpoch = arg.integer("last_epoch", s.last_epoch);
    if (Object.hasOwn(s, "_last_lr")) this.lastLr = (s._last_lr as number[]).map((x, i) => arg.float(`_last_lr[${i}]`, { doc: "" }).check(x) as number);
  }

  protected track(backend: Backend): Track {
    const tracks = this.schedulers.map((s) => s.trackFor(backend));
    const milestones = this.milestones;
    const first = tracks[0]!;
    const t0 = (this.config.last_epoch as number) + 1;
    return {
      // The lrs were reset to initial_lr before schedulers[0]'s initial step.
      lr0: this.baseLrs[0]!,
      t0,
      initial: (lr) => first.initial(lr),
      milestone: () => {
        throw new TypeError("lrdecay does not nest composite schedulers");
      },
      run(from, n, lr, out, firstOut) {
        let t = from;
        const end = from + n;
        while (t < end) {
          const idx = bisectRight(milestones, t);
          const child = tracks[idx]!;
          const segStart = idx > 0 ? milestones[idx - 1]! : t0;
          const segEnd = idx < milestones.length ? Math.min(milestones[idx]!, end) : end;
          if (idx > 0 && t === segStart) {
            lr = child.milestone(lr);
            if (out !== null && t >= firstOut) out[t - firstOut] = lr;
            t += 1;
            continue;
          }
          // The child's own last_epoch: its initial step's, plus the steps since its start.
          const local = (idx === 0 ? child.t0 : 0) + (t - segStart);
          lr = child.run(local, segEnd - t, lr, out, local - (t - firstOut));
          t = segEnd;
        }
        return lr;
      },
    };
  }
}

/** The chunk's operations in the dense form, whatever form the filler chose. */
function densify(ops: Ops, n: number): void {
  if (ops.cosines !== null) ops.ratios(n);
  if (ops.uniform !== null) ops.fill(ops.uniform, 0, n);
  else if (ops.single >= 0) ops.code.fill(ops.single, 0, n);
  else if (ops.sparse) {
    const { code, a, b } = ops;
    const saved = Array.from({ length: ops.eventCount }, (_, e) => {
      const i = ops.events[e]!;
      return [i, { code: code[i] as Op["code"], a: a[i]!, b: b[i]! }] as const;
    });
    ops.fill({ code: 0, a: 0, b: 0 }, 0, n);
    for (const [i, op] of saved) ops.put(i, op);
  }
}

/** Whether a chunk's operations leave the lr as it is but at their events (or everywhere). */
const quiet = (ops: Ops): boolean => ops.sparse || ops.uniform?.code === OP_KEEP;

/** Element i of a chunk's operations applied to lr; a sparse chunk's only where `event` says. */
function applyAt(ops: Ops, i: number, lr: number, event: boolean): number {
  if (ops.uniform !== null) return apply(ops.uniform, lr);
  if (ops.sparse) return event ? applyCode(ops.code[i]!, ops.a[i]!, ops.b[i]!, lr) : lr;
  return applyCode(ops.single >= 0 ? ops.single : ops.code[i]!, ops.a[i]!, ops.b[i]!, lr);
}

const cursors: number[] = [];

/**
 * Every child's operations of a chunk of m steps applied at each step in the children's order (as
 * ChainedScheduler.step), the lr after step i written to out[first + i] where that is >= 0;
 * returns the last lr. Where at most one child is busy (the others sparse, StepLR's events, or
 * keeping the lr), the stretches between the others' events are that child's scan alone (one
 * operation a step, as tight as the child's own range) and only the event steps apply every child
 * in turn. Else every step applies every child.
 */
function chainChunk(buffers: readonly Ops[], m: number, lr: number, out: Float64Array | null, first: number): number {
  const busy = buffers.filter((b) => !quiet(b));
  if (busy.length > 1) {
    if (buffers.length === 2) return twoBusy(buffers[0]!, buffers[1]!, m, lr, out, first);
    for (const b of buffers) densify(b, m);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < buffers.length; j++) {
        const b = buffers[j]!;
        lr = applyCode(b.code[i]!, b.a[i]!, b.b[i]!, lr);
      }
      if (out !== null && first + i >= 0) out[first + i] = lr;
    }
    return lr;
  }
  const lone = busy[0];
  if (buffers.length === 2 && lone !== undefined && lone.uniform?.code === OP_MUL) {
    const loneFirst = buffers[0] === lone;
    const other = loneFirst ? buffers[1]! : buffers[0]!;
    if (other.sparse) return productWithEvents(lone.uniform.a, other, loneFirst, m, lr, out, first);
  }
  // scan from a start inside the chunk takes the dense form of CosineAnnealingLR's restarts.
  if (lone !== undefined && lone.cosines !== null && lone.eventCount > 0) lone.ratios(m);
  if (lone !== undefined && lone.cosines !== null) {
    // applyAt reads the dense arrays: the ratios written there too (scan reads the cosines).
    const c = lone.cosines;
    for (let i = 0; i < m; i++) lone.a[i] = (1 + c[i + 1]!) / (1 + c[i]!);
    lone.b.fill(lone.eta, 0, m);
  }
  for (let j = 0; j < buffers.length; j++) cursors[j] = 0;
  let i = 0;
  for (;;) {
    // The next step where a quiet child acts: the least of their next events.
    let at = m;
    for (let j = 0; j < buffers.length; j++) {
      const b = buffers[j]!;
      if (b.sparse && cursors[j]! < b.eventCount) at = Math.min(at, b.events[cursors[j]!]!);
    }
    if (at > i) {
      if (lone !== undefined) lr = scan(lone, at, lr, out, first, i);
      else if (out !== null && first + at > 0) fillRun(out, lr, Math.max(0, first + i), first + at);
    }
    if (at === m) return lr;
    for (let j = 0; j < buffers.length; j++) {
      const b = buffers[j]!;
      const event = b.sparse && cursors[j]! < b.eventCount && b.events[cursors[j]!] === at;
      if (event) cursors[j]!++;
      lr = applyAt(b, at, lr, event);
    }
    if (out !== null && first + at >= 0) out[first + at] = lr;
    i = at + 1;
  }
}

/**
 * chainChunk for two children, one of them a product by g at every step (ExponentialLR) and the
 * other sparse (StepLR's decays): one loop over the chunk, the other's events applied where they
 * fall, in the children's order (loneFirst: the product first). The general loop stops at each
 * event (a scan call and the next event's search): it ran ExponentialLR and StepLR(30) at 0.32 times
 * the user's loop (Node 20, 1e6 steps, a process of its own; npm run bench:sweep).
 */
function productWithEvents(g: number, other: Ops, loneFirst: boolean, m: number, lr: number, out: Float64Array | null, first: number): number {
  const events = other.events, count = other.eventCount, code = other.code, a = other.a, b = other.b;
  // The steps before `from` only carry the lr.
  const from = out === null ? m : Math.min(m, Math.max(0, -first));
  let i = 0;
  for (let e = 0; e <= count; e++) {
    const stop = e < count ? events[e]! : m;
    for (; i < stop && i < from; i++) lr = lr * g;
    for (; i < stop; i++) out![first + i] = lr = lr * g;
    if (stop === m) break;
    // StepLR's and MultiStepLR's events are products: applyCode's switch left out for them.
    if (code[i] === OP_MUL) lr = loneFirst ? lr * g * a[i]! : lr * a[i]! * g;
    else lr = loneFirst ? applyCode(code[i]!, a[i]!, b[i]!, lr * g) : applyCode(code[i]!, a[i]!, b[i]!, lr) * g;
    if (i >= from) out![first + i] = lr;
    i++;
  }
  return lr;
}

/**
 * A child's operations for twoBusy: a uniform chunk's one operation at element 0 (mask 0), else the
 * dense form (mask -1): element i is at i & mask, and a uniform child writes no arrays.
 */
function maskOf(ops: Ops, m: number): number {
  if (ops.uniform === null) {
    densify(ops, m);
    return -1;
  }
  ops.put(0, ops.uniform);
  return 0;
}

/** Where twoBusy writes the steps before the output (their values are not kept). */
let discard = new Float64Array(0);

/**
 * chainChunk for exactly two busy children (CosineAnnealingLR and ExponentialLR), each step both
 * operations in turn. Where each child's chunk is one code (OP_MUL or OP_AFFINE, uniform or not), a
 * loop for that pair of codes: the per-step dispatch on two codes (applyCode) cost the general loop
 * below 1.4 times the user's loop's time (Node 20, CosineAnnealingLR + ExponentialLR, 1e6 steps).
 */
function twoBusy(x: Ops, y: Ops, m: number, lr: number, out: Float64Array | null, first: number): number {
  const xm = maskOf(x, m), ym = maskOf(y, m);
  const from = out === null ? m : Math.min(m, Math.max(0, -first));
  if (from > 0 && discard.length < from) discard = new Float64Array(x.capacity);
  lr = twoBusyInto(x, xm, y, ym, 0, from, lr, discard, 0);
  return from < m ? twoBusyInto(x, xm, y, ym, from, m, lr, out!, first) : lr;
}

/** The code of every element of a child's chunk after maskOf, or -1 where they differ. */
const codeOf = (ops: Ops, mask: number): number => (mask === 0 ? ops.code[0]! : ops.single);

/**
 * twoBusy's steps [lo, hi) of the chunk, the lr after step i written to dst[offset + i]. Where a
 * child's codes differ within the chunk (CosineAnnealingLR's restarts: OP_ADD among its OP_AFFINE
 * steps), the chunk goes in stretches of one pair of codes, each a loop for its pair: the per-step
 * dispatch it replaced (applyCode twice a step) took CosineAnnealingLR(T_max 1000) chained with
 * ExponentialLR to 24 ms against the user's loop's 20.
 */
function twoBusyInto(x: Ops, xm: number, y: Ops, ym: number, lo: number, hi: number, lr: number, dst: Float64Array, offset: number): number {
  const cx = codeOf(x, xm), cy = codeOf(y, ym);
  if (cx >= 0 && cy >= 0) return pairInto(cx * 8 + cy, x, xm, y, ym, lo, hi, lr, dst, offset);
  const xc = x.code, yc = y.code;
  for (let i = lo; i < hi; ) {
    const a = xc[i & xm]!, b = yc[i & ym]!;
    let j = i + 1;
    while (j < hi && xc[j & xm] === a && yc[j & ym] === b) j++;
    lr = pairInto(a * 8 + b, x, xm, y, ym, i, j, lr, dst, offset);
    i = j;
  }
  return lr;
}

/** Steps [lo, hi) whose codes are x's `pair >> 3` and y's `pair & 7`: a loop for that pair. */
function pairInto(pair: number, x: Ops, xm: number, y: Ops, ym: number, lo: number, hi: number, lr: number, dst: Float64Array, offset: number): number {
  const xa = x.a, xb = x.b, ya = y.a, yb = y.b;
  if (pair === OP_MUL * 8 + OP_MUL) for (let i = lo; i < hi; i++) dst[offset + i] = lr = (lr * xa[i & xm]!) * ya[i & ym]!;
  else if (pair === OP_AFFINE * 8 + OP_MUL) for (let i = lo; i < hi; i++) dst[offset + i] = lr = (xa[i & xm]! * (lr - xb[i & xm]!) + xb[i & xm]!) * ya[i & ym]!;
  else if (pair === OP_MUL * 8 + OP_AFFINE)
    for (let i = lo; i < hi; i++) {
      const v = lr * xa[i & xm]!;
      dst[offset + i] = lr = ya[i & ym]! * (v - yb[i & ym]!) + yb[i & ym]!;
    }
  else {
    const xc = pair >> 3, yc = pair & 7;
    for (let i = lo; i < hi; i++) {
      const j = i & xm, k = i & ym;
      dst[offset + i] = lr = applyCode(yc, ya[k]!, yb[k]!, applyCode(xc, xa[j]!, xb[j]!, lr));
    }
  }
  return lr;
}

/**
 * PyTorch's ChainedScheduler: every scheduler's step, in order, at every step (each reads the lr
 * the one before it wrote). It takes no step of its own at construction: its children's initial
 * steps have run, in the order they were built.
 *
 *     step():  for scheduler in schedulers: scheduler.step()
 *
 * ```ts
 * const opt = { param_groups: [{ lr: 0.05 }] };
 * const s = new ChainedScheduler([new ConstantLR(opt, 0.1, 20), new ExponentialLR(opt, 0.9)]);
 * s.range(0, 100);                            // 0.005000000000000001, 0.004500000000000001, ..., x10 at 20
 * ```
 *
 * Arguments: `schedulers` (built on one optimizer), `optimizer` = null (theirs).
 */
export class ChainedScheduler extends LRScheduler {
  static override readonly className = "ChainedScheduler";
  static override readonly args = [arg.schedulers("schedulers", { doc: "the schedulers, built on one optimizer, in order" })];
  readonly schedulers: LRScheduler[];

  constructor(schedulers: LRScheduler[], optimizer?: OptimizerLike | null);
  constructor(options: { schedulers: LRScheduler[]; optimizer?: OptimizerLike | null });
  constructor(first: unknown, optimizer?: OptimizerLike | null) {
    const options = first !== null && typeof first === "object" && !Array.isArray(first) ? plainObject("options", first) : null;
    const list = options === null ? first : options.schedulers;
    const opt = options === null ? optimizer : (options.optimizer as OptimizerLike | null | undefined);
    const given = childList("ChainedScheduler", list, null);
    super(opt ?? given[0]!.groups, [list]);
    this.schedulers = childList("ChainedScheduler", list, this.groups);
    this.lastLr = this.groups.lrs();
  }

  protected computeLr(): number[] {
    return this.groups.lrs();
  }

  override step(): void {
    for (const s of this.schedulers) s.step();
    this.lastLr = this.groups.lrs();
  }

  override stateDict(): StateDict {
    return { _last_lr: [...this.lastLr], _schedulers: this.schedulers.map((s) => s.stateDict()) };
  }

  override loadStateDict(state: StateDict): void {
    const s = plainObject("state_dict", state);
    for (const key of Object.keys(s))
      if (!["_last_lr", "_schedulers", "optimizer"].includes(key)) throw new TypeError(`ChainedScheduler.loadStateDict got an unknown key \`${key}\``);
    if (Object.hasOwn(s, "_schedulers")) loadChildren(this.schedulers, s._schedulers);
    if (Object.hasOwn(s, "_last_lr")) this.lastLr = (s._last_lr as unknown[]).map((x) => x as number);
  }

  protected track(backend: Backend): Track {
    const tracks = this.schedulers.map((s) => s.trackFor(backend) as Track & { source?: OpSource });
    const sources = tracks.map((tr) => tr.source!);
    // A chunk's operations of each child: made on the first chunk (about 90 KB each, a quarter of
    // a millisecond for two, which a fused pair never reads).
    let buffers: Ops[] | null = null;
    const t0 = tracks[0]!.t0;
    const fused = this.fusedPair(sources);
    return {
      lr0: tracks[0]!.lr0,
      t0,
      initial: (lr) => tracks.reduce((x, tr) => tr.initial(x), lr),
      milestone: () => {
        throw new TypeError("lrdecay does not nest composite schedulers");
      },
      run(from, n, lr, out, firstOut) {
        if (fused !== null) {
          // The scaled child's own last_epoch: its t0 + (the chain's t - the chain's t0).
          const d = tracks[fused.child]!.t0 - t0;
          return fused.run(from + d, n, lr, out, firstOut + d);
        }
        const ops = (buffers ??= sources.map(() => new Ops(CHUNK)));
        for (let done = 0; done < n; done += CHUNK) {
          const m = Math.min(CHUNK, n - done);
          // Each child's own last_epoch runs alongside the chain's.
          sources.forEach((src, j) => {
            ops[j]!.reset();
            src.fill(tracks[j]!.t0 + (from + done - t0), m, ops[j]!);
          });
          lr = chainChunk(ops, m, lr, out, from + done - firstOut);
        }
        return lr;
      },
    };
  }

  /**
   * Two children, one an ExponentialLR (every step after its initial one multiplies by gamma) and
   * the other a source with a scaled run (CosineAnnealingLR, StepLR): the other's run with gamma
   * before or after each of its steps, in the children's order, one pass. The fills and the
   * two-child scan took CosineAnnealingLR(T_max 1000) with ExponentialLR to 0.87 times the user's
   * loop, and ExponentialLR with StepLR(30) to 0.73.
   */
  private fusedPair(sources: readonly OpSource[]): { child: number; run: NonNullable<OpSource["run"]> } | null {
    if (this.schedulers.length !== 2) return null;
    const [a, b] = this.schedulers;
    const run1 = a instanceof ExponentialLR ? sources[1]!.scaledRun?.(a.gamma, 1) : undefined;
    if (run1 !== undefined) return { child: 1, run: run1 };
    const run0 = b instanceof ExponentialLR ? sources[0]!.scaledRun?.(1, b.gamma) : undefined;
    return run0 !== undefined ? { child: 0, run: run0 } : null;
  }
}
