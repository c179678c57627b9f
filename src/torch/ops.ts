/**
 * The batch machinery of lrdecay/torch. PyTorch's `.step()` is a recursion: step k's lr is a
 * function of step k-1's. But in every `get_lr` the part that does not depend on the lr (the
 * cosines, the powers, the factors) depends on the step t alone, so a range is computed in two
 * passes over chunks of steps:
 *   1. each scheduler fills, for every t of the chunk, the operation its `get_lr` applies to the
 *      carried lr (one of OP_*, and its operands): elementwise in t, vectorized in a Wasm kernel
 *      where a cosine or a power makes it worth it (assembly/torch/), every rounding decided
 *      before pass 2 reads it;
 *   2. a scan applies the operations to the carried lr in PyTorch's rounding order (scan below).
 * Composites reuse their children's operations: ChainedScheduler applies each child's in order at
 * every step, SequentialLR the active child's (its closed form at a milestone). State that crosses
 * a chunk boundary is the carried lr alone: every operand is a function of t.
 *
 * Where a step is one multiplication, or sets the lr outright, the two passes lose to the user's
 * own loop, so such a scheduler's source also has a fused `run` (track.ts, OpSource.run): one pass
 * that computes each operand and applies it, straight into the caller's array (ExponentialLR,
 * StepLR, LinearLR, PolynomialLR with power 1, 2 or 0.5, LambdaLR and MultiplicativeLR with a plain
 * lambda, CyclicLR in every mode, OneCycleLR cos, CosineAnnealingWarmRestarts: each cycle with T_i
 * growing, one period and copies of it with T_mult 1; CosineAnnealingLR, whose run kernel carries
 * the scan in the pass that computes the cosines: kernels.ts' cosineAnnealingRun).
 * It gives the fill-and-scan path's bits; ChainedScheduler still reads the fill (and scans its one
 * busy child between the others' events: composite.ts), but for an ExponentialLR with a
 * CosineAnnealingLR or a StepLR, which takes the other's scaled run (OpSource.scaledRun).
 */

/** `lr` unchanged. */
export const OP_KEEP = 0;
/** `a`: a closed form (LambdaLR, CyclicLR, OneCycleLR, CosineAnnealingWarmRestarts, a milestone). */
export const OP_SET = 1;
/** `lr * a`. */
export const OP_MUL = 2;
/** `a * (lr - b) + b`: CosineAnnealingLR's `ratio * (lr - eta_min) + eta_min`. */
export const OP_AFFINE = 3;
/** `lr + a`: CosineAnnealingLR where its ratio would divide by zero. */
export const OP_ADD = 4;

export type OpCode = typeof OP_KEEP | typeof OP_SET | typeof OP_MUL | typeof OP_AFFINE | typeof OP_ADD;

/** One operation: its code and operands. */
export interface Op {
  readonly code: OpCode;
  readonly a: number;
  readonly b: number;
}

export const KEEP: Op = Object.freeze({ code: OP_KEEP, a: 0, b: 0 });
export const set = (a: number): Op => ({ code: OP_SET, a, b: 0 });
export const mul = (a: number): Op => ({ code: OP_MUL, a, b: 0 });

/**
 * The operations of a chunk of steps, element i for step t0 + i, in one of three forms, so that the
 * scan's loop is as tight as the chunk allows:
 *  - uniform: one operation for the whole chunk (ExponentialLR; a schedule past its end);
 *  - sparse: `lr` kept but at `events[0 .. eventCount)` (StepLR, MultiStepLR, ConstantLR), whose
 *    operations are in the arrays;
 *  - dense: code, a and b per element; `single` says when every code is the same one;
 *  - cosine ratios: every element OP_AFFINE with a = (1 + cosines[i + 1]) / (1 + cosines[i]) and
 *    b = eta (CosineAnnealingLR), the ratio taken in the scan's loop: one pass over the chunk, not
 *    two (`ratios` writes the arrays for a reader that wants the dense form).
 * A filler starts from `reset()`'s dense form with `single` unset.
 */
export class Ops {
  readonly code: Uint8Array;
  readonly a: Float64Array;
  readonly b: Float64Array;
  readonly events: Int32Array;
  /** Set when every element of the chunk is this one operation (the arrays are then not read). */
  uniform: Op | null = null;
  /** Set when only events[0 .. eventCount) change the lr. */
  sparse = false;
  eventCount = 0;
  /** The code of every element, when the filler knows it is one code (dense form); else -1. */
  single = -1;
  /** Set in the cosine ratios form: its cosines (n + 1 of them) and eta; the arrays are not read. */
  cosines: Float64Array | null = null;
  eta = 0;
  /** In the cosine ratios form, the operand of its restarts (at events[0 .. eventCount)). */
  restartAdd = 0;

  constructor(readonly capacity: number) {
    this.code = new Uint8Array(capacity);
    this.a = new Float64Array(capacity);
    this.b = new Float64Array(capacity);
    this.events = new Int32Array(capacity);
  }

  reset(): void {
    this.uniform = null;
    this.sparse = false;
    this.eventCount = 0;
    this.single = -1;
    this.cosines = null;
  }

  /** Elements [0, n) are CosineAnnealingLR's affine steps of the cosines c[0 .. n] (see above). */
  cosineRatios(c: Float64Array, eta: number): void {
    this.cosines = c;
    this.eta = eta;
    this.single = OP_AFFINE;
  }

  /**
   * In the cosine ratios form, element i is `lr + a` instead (CosineAnnealingLR's restart, where
   * the ratio would divide by zero); call in increasing i, after cosineRatios.
   */
  cosineRestart(i: number, a: number): void {
    this.events[this.eventCount++] = i;
    this.restartAdd = a;
  }

  /** The cosine ratios form's elements [0, n) written to the arrays (the dense form). */
  ratios(n: number): void {
    const c = this.cosines!;
    for (let i = 0; i < n; i++) this.a[i] = (1 + c[i + 1]!) / (1 + c[i]!);
    this.b.fill(this.eta, 0, n);
    this.cosines = null;
    if (this.eventCount === 0) return;
    this.single = -1;
    this.code.fill(OP_AFFINE, 0, n);
    for (let e = 0; e < this.eventCount; e++) this.put(this.events[e]!, { code: OP_ADD, a: this.restartAdd, b: 0 });
    this.eventCount = 0;
  }

  /** Element i is `op`, the others keep the lr (the sparse form); call in increasing i. */
  event(i: number, op: Op): void {
    this.sparse = true;
    this.events[this.eventCount++] = i;
    this.put(i, op);
  }

  /** Elements [from, to) are `op`. */
  fill(op: Op, from: number, to: number): void {
    this.code.fill(op.code, from, to);
    this.a.fill(op.a, from, to);
    this.b.fill(op.b, from, to);
  }

  put(i: number, op: Op): void {
    this.code[i] = op.code;
    this.a[i] = op.a;
    this.b[i] = op.b;
  }
}

/**
 * How many of the steps from, from + 1, ..., from + n - 1 come before out (Track.run writes step t
 * to out[t - first]): all n when out is null.
 */
export function before(from: number, n: number, out: Float64Array | null, first: number): number {
  return out === null ? n : Math.min(n, Math.max(0, first - from));
}

/**
 * Track.run for a scheduler whose every step sets the lr (OP_SET): `values(t, view)` writes the lr
 * after steps t, t + 1, ... into view; `at(t)` is one step's lr, for a run with nothing to write.
 * Returns the lr after the last step.
 */
export function runSet(
  from: number, n: number, lr: number, out: Float64Array | null, first: number,
  values: (t: number, view: Float64Array) => void, at: (t: number) => number,
): number {
  if (n === 0) return lr;
  const skip = before(from, n, out, first);
  if (skip === n) return at(from + n - 1);
  values(from + skip, out!.subarray(from + skip - first, from + n - first));
  return out![from + n - 1 - first]!;
}

/** `op` applied to lr, in PyTorch's order of operations. */
export function apply(op: Op, lr: number): number {
  return applyCode(op.code, op.a, op.b, lr);
}

/**
 * scan's cosine ratios form with restarts (CosineAnnealingLR with T_max below half a chunk): the
 * affine steps between them, `lr + restartAdd` at them, in one pass.
 */
function scanRestarts(ops: Ops, c: Float64Array, n: number, lr: number, out: Float64Array | null, first: number, from: number): number {
  const eta = ops.eta, add = ops.restartAdd, events = ops.events, count = ops.eventCount;
  let den = 1 + c[0]!;
  let i = 0;
  for (let e = 0; e <= count; e++) {
    const stop = e < count ? events[e]! : n;
    for (; i < stop; i++) {
      const num = 1 + c[i + 1]!;
      lr = (num / den) * (lr - eta) + eta;
      if (i >= from) out![first + i] = lr;
      den = num;
    }
    if (stop === n) break;
    lr = lr + add;
    if (i >= from) out![first + i] = lr;
    den = 1 + c[i + 1]!;
    i++;
  }
  return lr;
}

/** apply() on an operation given by its parts (a scan's arrays: no object per element). */
export function applyCode(code: number, a: number, b: number, lr: number): number {
  switch (code) {
    case OP_KEEP:
      return lr;
    case OP_SET:
      return a;
    case OP_MUL:
      return lr * a;
    case OP_AFFINE:
      return a * (lr - b) + b;
    default:
      return lr + a;
  }
}

/** Runs shorter than this are written by a loop: a TypedArray.fill call costs more for them. */
const SHORT_RUN = 16;

/** out[lo .. hi) = v. */
export function fillRun(out: Float64Array, v: number, lo: number, hi: number): void {
  if (hi - lo < SHORT_RUN) for (let k = lo; k < hi; k++) out[k] = v;
  else out.fill(v, lo, hi);
}

/**
 * Applies ops[start .. n) to lr in turn, writes the lr after element i to out[first + i] where
 * that index is >= 0 (out may be null: nothing written), and returns the last lr. A start above 0
 * (ChainedScheduler's stretches between its other children's events) takes neither the sparse
 * form nor the cosine ratios form with restarts: its caller densifies those.
 */
export function scan(ops: Ops, n: number, lr: number, out: Float64Array | null, first: number, start = 0): number {
  // The elements before `from` only carry the lr: a chunk wholly before the output has from = n.
  const from = out === null ? n : Math.min(n, Math.max(start, -first));
  const u = ops.uniform;
  if (u !== null) {
    // One operation for the whole chunk: loops without a switch, as tight as a hand-written one.
    const a = u.a, b = u.b;
    switch (u.code) {
      case OP_KEEP:
        if (out !== null && from < n) out.fill(lr, first + from, first + n);
        return lr;
      case OP_SET:
        if (out !== null && from < n) out.fill(a, first + from, first + n);
        return n > start ? a : lr;
      case OP_MUL:
        for (let i = start; i < from; i++) lr = lr * a;
        for (let i = from; i < n; i++) out![first + i] = lr = lr * a;
        return lr;
      case OP_AFFINE:
        for (let i = start; i < from; i++) lr = a * (lr - b) + b;
        for (let i = from; i < n; i++) out![first + i] = lr = a * (lr - b) + b;
        return lr;
      default:
        for (let i = start; i < from; i++) lr = lr + a;
        for (let i = from; i < n; i++) out![first + i] = lr = lr + a;
        return lr;
    }
  }
  const c = ops.cosines;
  if (c !== null) {
    // The ratio's operations as the dense form's a[i] = (1 + c[i + 1]) / (1 + c[i]), each 1 + c
    // once: the division is off the lr's dependency chain.
    const eta = ops.eta;
    if (ops.eventCount > 0) return scanRestarts(ops, c, n, lr, out, first, from);
    let den = 1 + c[start]!;
    if (Object.is(eta, 0)) {
      // eta_min = +0, PyTorch's default: ratio * (lr - 0) + 0 is ratio * lr but for a zero's sign
      // (lr - 0 is lr; v + 0 is v, or +0 for v = -0). So the chain carries the product, one
      // operation a step where it took three, and each lr leaves it through the + 0: a zero stays
      // a zero through every later product, and leaves as +0, as PyTorch's.
      for (let i = start; i < from; i++) {
        const num = 1 + c[i + 1]!;
        lr = (num / den) * lr;
        den = num;
      }
      for (let i = from; i < n; i++) {
        const num = 1 + c[i + 1]!;
        lr = (num / den) * lr;
        out![first + i] = lr + 0;
        den = num;
      }
      return lr + 0;
    }
    for (let i = start; i < from; i++) {
      const num = 1 + c[i + 1]!;
      lr = (num / den) * (lr - eta) + eta;
      den = num;
    }
    for (let i = from; i < n; i++) {
      const num = 1 + c[i + 1]!;
      out![first + i] = lr = (num / den) * (lr - eta) + eta;
      den = num;
    }
    return lr;
  }
  const oa = ops.a, ob = ops.b;
  if (ops.sparse) {
    // Runs of one lr between the events.
    let i = 0;
    const code = ops.code;
    for (let e = 0; e <= ops.eventCount; e++) {
      const at = e < ops.eventCount ? ops.events[e]! : n;
      if (out !== null && at > from && at > i) fillRun(out, lr, first + Math.max(i, from), first + at);
      if (at === n) break;
      lr = applyCode(code[at]!, oa[at]!, ob[at]!, lr);
      if (out !== null && at >= from) out[first + at] = lr;
      i = at + 1;
    }
    return lr;
  }
  switch (ops.single) {
    case OP_SET:
      if (out !== null && from < n) out.set(oa.subarray(from, n), first + from);
      return n > start ? oa[n - 1]! : lr;
    case OP_MUL:
      for (let i = start; i < from; i++) lr = lr * oa[i]!;
      for (let i = from; i < n; i++) out![first + i] = lr = lr * oa[i]!;
      return lr;
    case OP_AFFINE:
      for (let i = start; i < from; i++) lr = oa[i]! * (lr - ob[i]!) + ob[i]!;
      for (let i = from; i < n; i++) out![first + i] = lr = oa[i]! * (lr - ob[i]!) + ob[i]!;
      return lr;
  }
  const code = ops.code;
  for (let i = start; i < n; i++) {
    switch (code[i]) {
      case OP_KEEP:
        break;
      case OP_SET:
        lr = oa[i]!;
        break;
      case OP_MUL:
        lr = lr * oa[i]!;
        break;
      case OP_AFFINE:
        lr = oa[i]! * (lr - ob[i]!) + ob[i]!;
        break;
      default:
        lr = lr + oa[i]!;
    }
    if (i >= from) out![first + i] = lr;
  }
  return lr;
}
