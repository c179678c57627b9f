/**
 * The schedulers whose step multiplies the lr by a factor: StepLR, MultiStepLR, ConstantLR,
 * LinearLR, ExponentialLR, PolynomialLR, MultiplicativeLR; and LambdaLR, which sets
 * base_lr * lambda(t). PyTorch's `get_lr` of each (torch/optim/lr_scheduler.py, main) is its `op`
 * here; its `_get_closed_form_lr` its `closedForm`.
 */
import type { Backend } from "../core/types.js";
import { describe, finiteNumber } from "../core/validate.js";
import * as arg from "./args.js";
import { before, fillRun, KEEP, type Op, OP_MUL, OP_SET, type Ops, mul, set } from "./ops.js";
import type { Groups, OptimizerLike } from "./optimizer.js";
import * as linearParams from "../../assembly/torch/linearLR.params.js";
import * as linearTwin from "../../assembly/torch/linearLR.twin.js";
import * as polynomialParams from "../../assembly/torch/polynomialLR.params.js";
import * as polynomialTwin from "../../assembly/torch/polynomialLR.twin.js";
import { paramsOf, type Plan, type TwinKernel } from "../core/batch.js";
import type { Kernel } from "../generated/wasm/torch.js";
import { powersOf, runChain, scratch } from "./kernels.js";
import { TORCH } from "./wasm.js";
import { bisectRight, div, floorDiv, mod, pyPow } from "./python.js";
import { OpScheduler } from "./simple.js";
import type { OpSource } from "./track.js";

/** A learning-rate lambda: `(epoch) => factor`. LambdaLR also takes one that carries a batch plan. */
export type LrLambda = (epoch: number) => number;

/** The lambdas of each group: one for all, or a list of one per group (PyTorch's message if not). */
function lambdasOf(value: unknown, groups: Groups, name: string): LrLambda[] {
  const n = groups.groups.length;
  if (!Array.isArray(value)) return Array.from({ length: n }, () => arg.func(name, value));
  if (value.length !== n) throw new RangeError(`Expected ${n} lr_lambdas, but got ${value.length}`);
  return value.map((f, i) => arg.func(`${name}[${i}]`, f));
}

/** A lambda's result as Python's float arithmetic reads it: a finite number (ints are floats here). */
function factor(fn: LrLambda, t: number, name: string): number {
  const v: unknown = fn(t);
  if (typeof v !== "number") throw notANumber(name, t, v);
  return v;
}

function notANumber(name: string, t: number, v: unknown): TypeError {
  return new TypeError(`${name}(${t}) must return a number. Received: ${describe(v)}`);
}

/**
 * v[i] = base * lr_lambda(t + i) for each i; the last one. One loop up to a length read once (see
 * powerChain), so that V8 may inline a user's one lambda into it as into the user's own loop. The
 * call goes through a helper of its own, not factor(): V8 keeps a call site's feedback in the
 * function that holds it, and factor's also sees every lambda that .step() and the other
 * schedulers call. There it went polymorphic and the lambda became a real call at every step
 * (MultiplicativeLR took 6.4 against the loop's 1.1 ms in the sweep's shared process).
 */
function lambdaInto(fn: LrLambda, base: number, t: number, v: Float64Array): number {
  const m = v.length;
  let lr = 0;
  for (let i = 0; i < m; i++) v[i] = lr = base * lambdaFactor(fn, t + i);
  return lr;
}

/**
 * factor() for lambdaInto alone, so its call site's feedback holds only the lambdas of ranges.
 * (The call written in multiplyInto's loop itself, the check beside it, took 1.12 ms against 0.86.)
 */
function lambdaFactor(fn: LrLambda, t: number): number {
  const v: unknown = fn(t);
  if (typeof v !== "number") throw notANumber("lr_lambda", t, v);
  return v;
}

/** v[i] = lr = lr * lr_lambda(t + i) for each i, in turn; the last lr. Its own factor, as lambdaInto. */
function multiplyInto(fn: LrLambda, lr: number, t: number, v: Float64Array): number {
  const m = v.length;
  for (let i = 0; i < m; i++) v[i] = lr = lr * multiplyFactor(fn, t + i);
  return lr;
}

/** factor() for multiplyInto alone (see lambdaFactor). */
function multiplyFactor(fn: LrLambda, t: number): number {
  const v: unknown = fn(t);
  if (typeof v !== "number") throw notANumber("lr_lambda", t, v);
  return v;
}

/**
 * PyTorch's LambdaLR: each group's lr is its base lr times `lr_lambda(epoch)`.
 *
 *     get_lr:  base_lr * lmbda(last_epoch)
 *
 * ```ts
 * const s = new LambdaLR({ param_groups: [{ lr: 0.1 }] }, (e) => 1 / (1 + e));
 * s.step(); s.getLastLr();                    // [0.05]
 * s.range(0, 1000);                           // the lambda called once per step, in JS
 * ```
 *
 * Arguments: `lr_lambda` (a function of the epoch, or a list of one per group), `last_epoch`.
 *
 * Extension point (lrdecay/transformers): a lambda may carry its own batch plan as a property
 * `batch` (a LambdaBatch): then `range` and `evaluate` fill group 0's factors in chunks through
 * `batch.fill(t0, n, out, backend)` (a kernel with its JS twin and an exact fallback, as the
 * lambda's author provides: src/torch/kernels.ts's runPlan runs such a Plan on the backend asked
 * for) instead of calling the lambda once per step. The lambda itself must return the same
 * factors: `.step()` calls it.
 */
export interface LambdaBatch {
  /** factors[i] = lr_lambda(t0 + i) for i in [0, n), bit for bit. */
  fill(t0: number, n: number, factors: Float64Array, backend: Backend): void;
}

/** What LambdaLR and MultiplicativeLR share: a lambda per group, and how PyTorch saves them. */
abstract class LambdaScheduler extends OpScheduler {
  readonly lrLambdas: LrLambda[];

  protected constructor(optimizer: OptimizerLike, args: readonly unknown[]) {
    super(optimizer, args);
    this.lrLambdas = lambdasOf(this.config.lr_lambda, this.groups, "lr_lambda");
    this.begin(this.startEpoch);
  }

  protected override attributes() {
    // PyTorch saves a lambda's __dict__ only for callable objects; a JS function saves None.
    return { lr_lambdas: this.lrLambdas.map(() => null) };
  }

  protected override loadAttributes(): string[] {
    return ["lr_lambdas"];
  }
}

export class LambdaLR extends LambdaScheduler {
  static override readonly className = "LambdaLR";
  static override readonly args = [
    arg.fn("lr_lambda", {
      option: "lrLambda",
      check: (n, v) => (Array.isArray(v) ? Object.freeze(v.map((f, i) => arg.func(`${n}[${i}]`, f))) : arg.func(n, v)),
      doc: "a function of the epoch giving a factor of the base lr, or a list of one per group",
    }),
    arg.lastEpochArg(),
  ];
  constructor(optimizer: OptimizerLike, options: { lrLambda: LrLambda | LrLambda[]; lastEpoch?: number });
  constructor(optimizer: OptimizerLike, lrLambda: LrLambda | LrLambda[], lastEpoch?: number);
  constructor(optimizer: OptimizerLike, ...args: unknown[]) {
    super(optimizer, args);
  }

  protected op(t: number, baseLr: number, g: number): Op {
    return set(baseLr * factor(this.lrLambdas[g]!, t, "lr_lambda"));
  }

  protected override fillOps(t0: number, n: number, ops: Ops, base: number, backend: Backend): void {
    const batch = (this.lrLambdas[0] as { batch?: LambdaBatch }).batch;
    if (batch === undefined) {
      // op()'s set(base * factor) for every step, into the arrays (no object a step).
      const fn = this.lrLambdas[0]!;
      for (let i = 0; i < n; i++) ops.a[i] = base * factor(fn, t0 + i, "lr_lambda");
      ops.single = OP_SET;
      return;
    }
    // The plan's factors go into the operands, then base_lr * factor in place.
    batch.fill(t0, n, ops.a.subarray(0, n), backend);
    for (let i = 0; i < n; i++) ops.a[i] = base * ops.a[i]!;
    ops.single = OP_SET;
  }

  protected override runner(base: number): OpSource["run"] {
    const fn = this.lrLambdas[0]!;
    if ((fn as { batch?: LambdaBatch }).batch !== undefined) return undefined;
    // One pass, base_lr * lambda(t) straight into out, where fillOps and the scan took two and a
    // copy. The lambda is called at every step, those before out too, as .step() would (a lambda
    // that throws there throws here).
    return (from, n, lr, out, first) => {
      const skip = before(from, n, out, first);
      for (let i = 0; i < skip; i++) lr = base * factor(fn, from + i, "lr_lambda");
      return skip < n ? lambdaInto(fn, base, from + skip, out!.subarray(from + skip - first, from + n - first)) : lr;
    };
  }
}

/**
 * PyTorch's MultiplicativeLR: each step multiplies the lr by `lr_lambda(epoch)`.
 *
 *     get_lr:  lr if _is_initial else lr * lmbda(last_epoch)
 *
 * ```ts
 * const s = new MultiplicativeLR(0.1, () => 0.95);
 * s.step(); s.getLastLr();                    // [0.095]
 * s.range(0, 100);
 * ```
 *
 * Arguments: `lr_lambda` (a function, or a list of one per group), `last_epoch`. Current PyTorch
 * multiplies at `_update_lr(0)` too (SequentialLR's milestone), where 1.13 kept the lr.
 */
export class MultiplicativeLR extends LambdaScheduler {
  static override readonly className = "MultiplicativeLR";
  static override readonly args = LambdaLR.args;

  constructor(optimizer: OptimizerLike, options: { lrLambda: LrLambda | LrLambda[]; lastEpoch?: number });
  constructor(optimizer: OptimizerLike, lrLambda: LrLambda | LrLambda[], lastEpoch?: number);
  constructor(optimizer: OptimizerLike, ...args: unknown[]) {
    super(optimizer, args);
  }

  protected op(t: number, _b: number, g: number, initial: boolean): Op {
    return initial ? KEEP : mul(factor(this.lrLambdas[g]!, t, "lr_lambda"));
  }

  /** op()'s mul(factor) for every step, into the arrays (no object a step). */
  protected override fillOps(t0: number, n: number, ops: Ops): void {
    const fn = this.lrLambdas[0]!;
    for (let i = 0; i < n; i++) ops.a[i] = factor(fn, t0 + i, "lr_lambda");
    ops.single = OP_MUL;
  }

  protected override runner(): OpSource["run"] {
    const fn = this.lrLambdas[0]!;
    // One pass, lr * lambda(t) straight into out (fillOps' operations, then the scan's products).
    return (from, n, lr, out, first) => {
      const skip = before(from, n, out, first);
      for (let i = 0; i < skip; i++) lr = lr * factor(fn, from + i, "lr_lambda");
      return skip < n ? multiplyInto(fn, lr, from + skip, out!.subarray(from + skip - first, from + n - first)) : lr;
    };
  }
}

/**
 * PyTorch's StepLR: the lr times gamma every step_size epochs.
 *
 *     get_lr:  lr if last_epoch == 0 or last_epoch % step_size != 0 else lr * gamma
 *     closed form (step(epoch)):  base_lr * gamma ** (last_epoch // step_size)
 *
 * ```ts
 * const s = new StepLR({ param_groups: [{ lr: 0.05 }] }, 30, 0.1);
 * s.range(0, 100);                            // 0.05 to step 29, 0.005000000000000001 from 30, ...
 * ```
 *
 * Arguments: `step_size` (a positive integer: PyTorch divides by it), `gamma` = 0.1, `last_epoch`.
 */
export class StepLR extends OpScheduler {
  static override readonly className = "StepLR";
  static override readonly args = [
    arg.int("step_size", { option: "stepSize", check: arg.positiveInteger, doc: "epochs between decays" }),
    arg.float("gamma", { default: 0.1, doc: "the factor of each decay" }),
    arg.lastEpochArg(),
  ];
  readonly stepSize: number;
  readonly gamma: number;

  constructor(optimizer: OptimizerLike, options: { stepSize: number; gamma?: number; lastEpoch?: number });
  constructor(optimizer: OptimizerLike, stepSize: number, gamma?: number, lastEpoch?: number);
  constructor(optimizer: OptimizerLike, ...args: unknown[]) {
    super(optimizer, args);
    this.stepSize = this.config.step_size as number;
    this.gamma = this.config.gamma as number;
    this.begin(this.startEpoch);
  }

  protected op(t: number): Op {
    return t === 0 || mod(t, this.stepSize) !== 0 ? KEEP : mul(this.gamma);
  }

  protected override closedForm(t: number, baseLr: number): number {
    return baseLr * pyPow(this.gamma, floorDiv(t, this.stepSize));
  }

  protected override runner(): OpSource["run"] {
    // One pass: at each multiple of step_size (t > 0) the lr times gamma, the steps between filled
    // with it (a fill pass and a sparse scan lost to the user's loop for a small step_size).
    const size = this.stepSize;
    const g = this.gamma;
    return (from, n, lr, out, first) => {
      const skip = before(from, n, out, first);
      // The first step that multiplies: the first multiple of step_size at or after `from`. A run
      // starts after the constructor's step (from >= 1; a SequentialLR milestone's step(0) is the
      // milestone's op, not a run), so it is never t = 0, which keeps the lr.
      let next = from + mod(-from, size);
      // The steps before the output: their multiplications only, in order.
      for (; next < from + skip; next += size) lr = lr * g;
      if (skip === n) return lr;
      const v = out!.subarray(from + skip - first, from + n - first);
      return stepChain(lr, g, size, next - (from + skip), v);
    };
  }

  /**
   * runner's steps with ExponentialLR's factor f (pre or post, the other 1) at every step: f, and
   * at each multiple of step_size gamma too, in the children's order (productChain).
   */
  protected override scaledRunner(_base: number, _backend: Backend, pre: number, post: number): OpSource["run"] {
    if (pre !== 1 && post !== 1) return undefined;
    const size = this.stepSize;
    const g = this.gamma;
    const f = pre !== 1 ? pre : post;
    const fFirst = pre !== 1;
    return (from, n, lr, out, first) => {
      const skip = before(from, n, out, first);
      // As runner's: the first step that multiplies by gamma, then the steps before the output.
      let next = from + mod(-from, size);
      for (let t = from; t < from + skip; t++) {
        if (t !== next) lr = lr * f;
        else {
          lr = fFirst ? lr * f * g : lr * g * f;
          next += size;
        }
      }
      if (skip === n) return lr;
      const v = out!.subarray(from + skip - first, from + n - first);
      return productChain(lr, f, g, fFirst, size, next - (from + skip), v);
    };
  }

  protected override fillOps(t0: number, n: number, ops: Ops): void {
    const g = mul(this.gamma);
    ops.sparse = true;
    // The first multiple of step_size at or after t0 (t = 0 keeps), then every step_size.
    for (let t = Math.max(t0 + mod(-t0, this.stepSize), this.stepSize); t < t0 + n; t += this.stepSize) ops.event(t - t0, g);
  }

  protected override attributes() {
    return { step_size: this.stepSize, gamma: this.gamma };
  }

  protected override loadAttributes(s: Record<string, unknown>): string[] {
    if (Object.hasOwn(s, "step_size")) (this as { stepSize: number }).stepSize = arg.positiveInteger("step_size", s.step_size);
    if (Object.hasOwn(s, "gamma")) (this as { gamma: number }).gamma = finiteNumber("gamma", s.gamma);
    return ["step_size", "gamma"];
  }
}

/**
 * PyTorch's MultiStepLR: the lr times gamma at each milestone; a milestone given twice multiplies
 * by gamma ** 2 (a Counter), in one correctly rounded power.
 *
 *     get_lr:  lr if last_epoch not in milestones else lr * gamma ** milestones[last_epoch]
 *     closed form:  base_lr * gamma ** bisect_right(sorted(milestones.elements()), last_epoch)
 *
 * ```ts
 * const s = new MultiStepLR(0.05, [30, 80], 0.1);
 * s.range(0, 100);                            // 0.05, 0.005000000000000001 from 30, 0.0005000000000000001 from 80
 * ```
 *
 * Arguments: `milestones` (integers, any order, repeats count), `gamma` = 0.1, `last_epoch`.
 */
export class MultiStepLR extends OpScheduler {
  static override readonly className = "MultiStepLR";
  static override readonly args = [
    arg.make("milestones", "numbers", true, { doc: "epochs at which the lr is multiplied by gamma" }, (n, v) => integers(n, v)),
    arg.float("gamma", { default: 0.1, doc: "the factor at each milestone" }),
    arg.lastEpochArg(),
  ];
  /** PyTorch's Counter: milestone -> how often it was given. */
  milestones: Map<number, number>;
  readonly gamma: number;

  constructor(optimizer: OptimizerLike, options: { milestones: number[]; gamma?: number; lastEpoch?: number });
  constructor(optimizer: OptimizerLike, milestones: number[], gamma?: number, lastEpoch?: number);
  constructor(optimizer: OptimizerLike, ...args: unknown[]) {
    super(optimizer, args);
    this.milestones = counter(this.config.milestones as number[]);
    this.gamma = this.config.gamma as number;
    this.begin(this.startEpoch);
  }

  protected op(t: number): Op {
    const count = this.milestones.get(t);
    return count === undefined ? KEEP : mul(pyPow(this.gamma, count));
  }

  protected override closedForm(t: number, baseLr: number): number {
    const sorted = [...this.milestones].flatMap(([m, c]) => Array<number>(c).fill(m)).sort((a, b) => a - b);
    return baseLr * pyPow(this.gamma, bisectRight(sorted, t));
  }

  /** The milestones in order with their factors gamma ** count, for the milestones and gamma they were made of. */
  private sorted: { of: Map<number, number>; gamma: number; at: number[]; ops: Op[] } | null = null;

  protected override fillOps(t0: number, n: number, ops: Ops): void {
    ops.sparse = true;
    if (this.sorted?.of !== this.milestones || !Object.is(this.sorted.gamma, this.gamma)) {
      const entries = [...this.milestones].sort((x, y) => x[0] - y[0]);
      this.sorted = { of: this.milestones, gamma: this.gamma, at: entries.map(([m]) => m), ops: entries.map(([, c]) => mul(pyPow(this.gamma, c))) };
    }
    const { at, ops: events } = this.sorted;
    // The first milestone at or after t0 (Python's bisect_left), then those before t0 + n.
    let lo = 0, hi = at.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (at[mid]! < t0) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < at.length && at[k]! < t0 + n; k++) ops.event(at[k]! - t0, events[k]!);
  }

  protected override attributes() {
    return { milestones: Object.fromEntries([...this.milestones].map(([m, c]) => [String(m), c])), gamma: this.gamma };
  }

  protected override loadAttributes(s: Record<string, unknown>): string[] {
    if (Object.hasOwn(s, "milestones")) this.milestones = loadCounter(s.milestones);
    if (Object.hasOwn(s, "gamma")) (this as { gamma: number }).gamma = finiteNumber("gamma", s.gamma);
    return ["milestones", "gamma"];
  }
}

function integers(name: string, value: unknown): readonly number[] {
  if (!Array.isArray(value)) throw new TypeError(`Argument \`${name}\` must be an array of integers. Received: ${name}=${describe(value)}`);
  return Object.freeze(value.map((x, i) => arg.integer(`${name}[${i}]`, x)));
}

function counter(list: readonly number[]): Map<number, number> {
  const m = new Map<number, number>();
  for (const x of list) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}

/**
 * A Counter as PyTorch's state dict holds it: `json.dumps` writes `{"30": 1, "80": 2}`; the
 * fixtures' `{"Counter": [[30, 1], ...]}` and a list of pairs are read too.
 */
function loadCounter(v: unknown): Map<number, number> {
  const pairs: unknown =
    v !== null && typeof v === "object" && !Array.isArray(v) && Object.hasOwn(v, "Counter") ? (v as { Counter: unknown }).Counter : v;
  const entries: [unknown, unknown][] = Array.isArray(pairs)
    ? pairs.map((p) => (Array.isArray(p) && p.length === 2 ? [p[0], p[1]] : [p, undefined]))
    : pairs !== null && typeof pairs === "object"
      ? Object.entries(pairs).map(([k, c]) => [/^-?\d+$/.test(k) ? Number(k) : k, c])
      : [[pairs, undefined]];
  const m = new Map<number, number>();
  for (const [k, c] of entries) m.set(arg.integer("milestones (a key)", k), arg.positiveInteger("milestones (a count)", c));
  return m;
}

/**
 * PyTorch's ConstantLR: the lr times `factor` until `total_iters`, then back.
 *
 *     get_lr:  lr * factor if last_epoch == 0; lr if last_epoch != total_iters; else lr * (1.0 / factor)
 *     closed form:  base_lr * (factor + (last_epoch >= total_iters) * (1 - factor))
 *
 * ```ts
 * const s = new ConstantLR(0.05, { factor: 0.5, totalIters: 40 });    // (options after the optimizer)
 * s.range(0, 50);                             // 0.025 to step 39, 0.05 from 40
 * ```
 *
 * Arguments: `factor` = 1/3 (in [0, 1]), `total_iters` = 5, `last_epoch`. (ConstantLR(0.1, 20)
 * ends at 0.10000000000000002: 1.0 / factor is rounded, then the product, as in PyTorch.)
 */
export class ConstantLR extends OpScheduler {
  static override readonly className = "ConstantLR";
  static override readonly args = [
    arg.float("factor", {
      default: 1.0 / 3,
      check: (n, v) => {
        const f = finiteNumber(n, v);
        if (f > 1.0 || f < 0) throw new RangeError("Constant multiplicative factor expected to be between 0 and 1.");
        return f;
      },
      doc: "the factor until total_iters, in [0, 1]",
    }),
    arg.int("total_iters", { default: 5, option: "totalIters", check: arg.nonNegativeInteger, doc: "steps with the factor applied" }),
    arg.lastEpochArg(),
  ];
  readonly factor: number;
  readonly totalIters: number;

  constructor(optimizer: OptimizerLike, options: { factor?: number; totalIters?: number; lastEpoch?: number });
  constructor(optimizer: OptimizerLike, factor?: number, totalIters?: number, lastEpoch?: number);
  constructor(optimizer: OptimizerLike, ...args: unknown[]) {
    super(optimizer, args);
    this.factor = this.config.factor as number;
    this.totalIters = this.config.total_iters as number;
    this.begin(this.startEpoch);
  }

  protected op(t: number): Op {
    if (t === 0) return mul(this.factor);
    if (t !== this.totalIters) return KEEP;
    return mul(div(1.0, this.factor, "ConstantLR's 1.0 / factor"));
  }

  protected override closedForm(t: number, baseLr: number): number {
    return baseLr * (this.factor + (t >= this.totalIters ? 1 - this.factor : 0));
  }

  protected override fillOps(t0: number, n: number, ops: Ops): void {
    ops.sparse = true;
    const events = this.totalIters === 0 ? [0] : [0, this.totalIters];
    for (const t of events) if (t >= t0 && t < t0 + n) ops.event(t - t0, this.op(t));
  }

  protected override attributes() {
    return { factor: this.factor, total_iters: this.totalIters };
  }

  protected override loadAttributes(s: Record<string, unknown>): string[] {
    if (Object.hasOwn(s, "factor")) (this as { factor: number }).factor = finiteNumber("factor", s.factor);
    if (Object.hasOwn(s, "total_iters")) (this as { totalIters: number }).totalIters = arg.nonNegativeInteger("total_iters", s.total_iters);
    return ["factor", "total_iters"];
  }
}

/**
 * PyTorch's LinearLR: the factor goes linearly from start_factor to end_factor over total_iters.
 *
 *     get_lr:  lr * start_factor if last_epoch == 0
 *              lr if _is_initial or last_epoch > total_iters
 *              else lr * (1. + (end_factor - start_factor)
 *                        / (total_iters * start_factor + (last_epoch - 1) * (end_factor - start_factor)))
 *     closed form:  base_lr * (start_factor + (end_factor - start_factor) * min(total_iters, last_epoch) / total_iters)
 *
 * ```ts
 * const s = new LinearLR(opt, { startFactor: 0.05, totalIters: 40 });
 * s.range(0, 50);                             // 0.0025000000000000005 up to 0.04999999999999998 at 40 (the recursion)
 * ```
 *
 * Arguments: `start_factor` = 1/3 (in (0, 1]), `end_factor` = 1.0 (in [0, 1]), `total_iters` = 5, `last_epoch`.
 */
export class LinearLR extends OpScheduler {
  static override readonly className = "LinearLR";
  static override readonly args = [
    arg.float("start_factor", {
      default: 1.0 / 3,
      option: "startFactor",
      check: (n, v) => {
        const f = finiteNumber(n, v);
        if (f > 1.0 || f <= 0) throw new RangeError("Starting multiplicative factor expected to be greater than 0 and less or equal to 1.");
        return f;
      },
      doc: "the factor at step 0, in (0, 1]",
    }),
    arg.float("end_factor", {
      default: 1.0,
      option: "endFactor",
      check: (n, v) => {
        const f = finiteNumber(n, v);
        if (f > 1.0 || f < 0) throw new RangeError("Ending multiplicative factor expected to be between 0 and 1.");
        return f;
      },
      doc: "the factor from total_iters on, in [0, 1]",
    }),
    arg.int("total_iters", { default: 5, option: "totalIters", check: arg.nonNegativeInteger, doc: "steps of the linear change" }),
    arg.lastEpochArg(),
  ];
  readonly startFactor: number;
  readonly endFactor: number;
  readonly totalIters: number;

  constructor(optimizer: OptimizerLike, options: { startFactor?: number; endFactor?: number; totalIters?: number; lastEpoch?: number });
  constructor(optimizer: OptimizerLike, startFactor?: number, endFactor?: number, totalIters?: number, lastEpoch?: number);
  constructor(optimizer: OptimizerLike, ...args: unknown[]) {
    super(optimizer, args);
    this.startFactor = this.config.start_factor as number;
    this.endFactor = this.config.end_factor as number;
    this.totalIters = this.config.total_iters as number;
    this.begin(this.startEpoch);
  }

  protected op(t: number, _b: number, _g: number, initial: boolean): Op {
    if (t === 0) return mul(this.startFactor);
    if (initial || t > this.totalIters) return KEEP;
    const d = this.endFactor - this.startFactor;
    return mul(1.0 + div(d, this.totalIters * this.startFactor + (t - 1) * d, "LinearLR's factor"));
  }

  protected override closedForm(t: number, baseLr: number): number {
    return baseLr * (this.startFactor + div((this.endFactor - this.startFactor) * Math.min(this.totalIters, t), this.totalIters, "LinearLR's closed form (total_iters=0)"));
  }

  protected override fillOps(t0: number, n: number, ops: Ops): void {
    if (t0 > this.totalIters) {
      ops.uniform = KEEP;
      return;
    }
    // t0 >= 1 here: each factor up to total_iters, then 1.0 (keeping the lr and multiplying it by
    // 1.0 give the same number), so the scan runs one multiplication per step. The denominator is
    // not 0 for t <= total_iters: it is total_iters * start_factor - (t - 1) * (start - end), and
    // start - end <= start_factor.
    const s = this.startFactor, d = this.endFactor - this.startFactor, T = this.totalIters;
    const a = ops.a;
    const m = Math.min(n, T - t0 + 1);
    for (let i = 0; i < m; i++) a[i] = 1.0 + d / (T * s + (t0 + i - 1) * d);
    a.fill(1.0, m, n);
    ops.single = OP_MUL;
  }

  protected override runner(_base: number, backend: Backend): OpSource["run"] {
    // One pass: the factor and the product, straight into out; the factors two at a time on the
    // SIMD kernel (linearLR.ts). Past total_iters the lr is kept, so those steps are a fill.
    const plan = chainPlan("linearLR64", linearTwin.linearLR64 as TwinKernel, paramsOf(linearParams, {
      TS: this.totalIters * this.startFactor,
      D: this.endFactor - this.startFactor,
      LR: 0,
    }));
    return chainThenKeep(plan, linearParams.LR, this.totalIters, backend);
  }


  protected override attributes() {
    return { start_factor: this.startFactor, end_factor: this.endFactor, total_iters: this.totalIters };
  }

  protected override loadAttributes(s: Record<string, unknown>): string[] {
    if (Object.hasOwn(s, "start_factor")) (this as { startFactor: number }).startFactor = finiteNumber("start_factor", s.start_factor);
    if (Object.hasOwn(s, "end_factor")) (this as { endFactor: number }).endFactor = finiteNumber("end_factor", s.end_factor);
    if (Object.hasOwn(s, "total_iters")) (this as { totalIters: number }).totalIters = arg.nonNegativeInteger("total_iters", s.total_iters);
    return ["start_factor", "end_factor", "total_iters"];
  }
}

/**
 * PyTorch's ExponentialLR: the lr times gamma every epoch.
 *
 *     get_lr:  lr if _is_initial else lr * gamma
 *     closed form:  base_lr * gamma ** last_epoch
 *
 * ```ts
 * const s = new ExponentialLR(0.1, 0.96);
 * s.range(0, 1_000_000);                      // the recursion: 0.1 * 0.96 * 0.96 ..., not 0.1 * 0.96 ** k
 * ```
 *
 * Arguments: `gamma`, `last_epoch`. Resuming (last_epoch >= 0) keeps the lr at the constructor's
 * step, as current PyTorch does (1.13 multiplied once more).
 */
export class ExponentialLR extends OpScheduler {
  static override readonly className = "ExponentialLR";
  static override readonly args = [arg.float("gamma", { doc: "the factor of every step" }), arg.lastEpochArg()];
  readonly gamma: number;

  constructor(optimizer: OptimizerLike, options: { gamma: number; lastEpoch?: number });
  constructor(optimizer: OptimizerLike, gamma: number, lastEpoch?: number);
  constructor(optimizer: OptimizerLike, ...args: unknown[]) {
    super(optimizer, args);
    this.gamma = this.config.gamma as number;
    this.begin(this.startEpoch);
  }

  protected op(_t: number, _b: number, _g: number, initial: boolean): Op {
    return initial ? KEEP : mul(this.gamma);
  }

  protected override closedForm(t: number, baseLr: number): number {
    return baseLr * pyPow(this.gamma, t);
  }

  protected override fillOps(_t0: number, _n: number, ops: Ops): void {
    ops.uniform = mul(this.gamma);
  }

  protected override runner(): OpSource["run"] {
    // A serial chain of one multiplication a step: the user's own loop, straight into out, with
    // nothing around it (no chunks, no operation records).
    const g = this.gamma;
    return (from, n, lr, out, first) => {
      const skip = before(from, n, out, first);
      if (skip > 0) lr = powerSkip(lr, g, skip);
      return skip < n ? powerChain(lr, g, out!.subarray(from + skip - first, from + n - first)) : lr;
    };
  }

  protected override attributes() {
    return { gamma: this.gamma };
  }

  protected override loadAttributes(s: Record<string, unknown>): string[] {
    if (Object.hasOwn(s, "gamma")) (this as { gamma: number }).gamma = finiteNumber("gamma", s.gamma);
    return ["gamma"];
  }
}

/** step_size below which shortStepChain's blocks beat fillRun's (measured, Node 20: 32 is slower). */
const BLOCKED_STEP = 32;

/**
 * StepLR's steps into v: the lr kept, times g at v[k] for k = at, at + size, ...; the last lr. Its
 * own function, with v's length read once, as powerChain says why.
 */
function stepChain(lr: number, g: number, size: number, at: number, v: Float64Array): number {
  const len = v.length;
  if (size === 1 && at === 0) {
    // Every step multiplies: the user's loop.
    for (let i = 0; i < len; i++) v[i] = lr = lr * g;
    return lr;
  }
  // A constant stride with a fixed store per step wins over any kept run of variable length (see
  // pairChain): step_size 3 went from 0.63 to 2.7 times the user's loop, 5 from 0.75 to 1.2.
  if (size === 2) return pairChain(lr, g, at, v);
  if (size === 3) return tripleChain(lr, g, at, v);
  if (size === 4) return quadChain(lr, g, at, v);
  if (size < BLOCKED_STEP) return shortStepChain(lr, g, size, at, v);
  let i = 0;
  for (let k = at; k < len; k += size) {
    fillRun(v, lr, i, k);
    v[k] = lr = lr * g;
    i = k + 1;
  }
  if (i < len) fillRun(v, lr, i, len);
  return lr;
}

/**
 * StepLR chained with ExponentialLR's factor f: v[i] = lr = lr * f at every step, and at k = at,
 * at + size, ... gamma too, after f (fFirst: ExponentialLR first) or before it; the last lr.
 */
function productChain(lr: number, f: number, g: number, fFirst: boolean, size: number, at: number, v: Float64Array): number {
  const len = v.length;
  let i = 0;
  for (let k = at; k < len; k += size) {
    for (; i < k; i++) v[i] = lr = lr * f;
    v[k] = lr = fFirst ? lr * f * g : lr * g * f;
    i = k + 1;
  }
  for (; i < len; i++) v[i] = lr = lr * f;
  return lr;
}

/** stepChain for step_size 3 (at < 3): kept, kept, multiplied, at a constant stride. */
function tripleChain(lr: number, g: number, at: number, v: Float64Array): number {
  const len = v.length;
  let k = at;
  if (k < 2) {
    // The kept steps before the first product have fewer than two places in v.
    for (let i = 0; i < k && i < len; i++) v[i] = lr;
    if (k >= len) return lr;
    v[k] = lr = lr * g;
    k += 3;
  }
  for (; k < len; k += 3) {
    v[k - 2] = lr;
    v[k - 1] = lr;
    v[k] = lr = lr * g;
  }
  for (let j = k - 2; j < len; j++) v[j] = lr;
  return lr;
}

/** stepChain for step_size 4 (at < 4): kept three times, multiplied, at a constant stride. */
function quadChain(lr: number, g: number, at: number, v: Float64Array): number {
  const len = v.length;
  let k = at;
  if (k < 3) {
    for (let i = 0; i < k && i < len; i++) v[i] = lr;
    if (k >= len) return lr;
    v[k] = lr = lr * g;
    k += 4;
  }
  for (; k < len; k += 4) {
    v[k - 3] = lr;
    v[k - 2] = lr;
    v[k - 1] = lr;
    v[k] = lr = lr * g;
  }
  for (let j = k - 3; j < len; j++) v[j] = lr;
  return lr;
}

/**
 * stepChain for 5 <= step_size < BLOCKED_STEP: each kept run starts with four stores at fixed
 * offsets, the rest (if any) a loop. With kept runs shorter than four, the four stores reach into
 * the next period, where the product at k and the next period's stores write over them; so four
 * stores need k + 4 < len, and the last periods take plain loops.
 */
function shortStepChain(lr: number, g: number, size: number, at: number, v: Float64Array): number {
  const len = v.length;
  let i = 0;
  let k = at;
  for (; k + 4 < len; k += size) {
    v[i] = lr;
    v[i + 1] = lr;
    v[i + 2] = lr;
    v[i + 3] = lr;
    for (let j = i + 4; j < k; j++) v[j] = lr;
    v[k] = lr = lr * g;
    i = k + 1;
  }
  for (; k < len; k += size) {
    for (let j = i; j < k; j++) v[j] = lr;
    v[k] = lr = lr * g;
    i = k + 1;
  }
  for (; i < len; i++) v[i] = lr;
  return lr;
}

/**
 * stepChain for step_size 2: kept, multiplied, kept, ... (at, 0 or 1, the first that multiplies);
 * its own function, so that the other sizes' loop is compiled as it was.
 */
function pairChain(lr: number, g: number, at: number, v: Float64Array): number {
  const len = v.length;
  // Kept, multiplied, kept, ...: two stores a pair at a constant stride. Any loop whose stride
  // or kept run is a variable (an inner loop, a switch, a counter, a call) took 2.4 to 4 times
  // as long here on Node 20 (measured side by side), and lost to the user's loop.
  let k = at;
  // A first step that multiplies has no kept step before it in v (no store at v[-1]).
  if (k === 0) {
    v[0] = lr = lr * g;
    k = 2;
  }
  for (; k < len; k += 2) {
    v[k - 1] = lr;
    v[k] = lr = lr * g;
  }
  if (k === len) v[len - 1] = lr;
  return lr;
}

/**
 * lr multiplied by g for each of v's elements in turn, each product written there; the last lr.
 * Its own function with one loop and no branch that a run may not take (a second loop for the
 * steps before the output deoptimized when not taken), up to a length read once: once any
 * ArrayBuffer has been detached in the process (a Wasm memory growing does it), V8 reloads a
 * typed array's length at every read, and `i < v.length` in the loop ran the chain at half the
 * user's loop's speed (measured, Node 20: 1.69 ms against 0.97 ms a million steps).
 */
function powerChain(lr: number, g: number, v: Float64Array): number {
  const m = v.length;
  for (let i = 0; i < m; i++) v[i] = lr = lr * g;
  return lr;
}

/** lr multiplied by g, k times (the steps before the output). */
function powerSkip(lr: number, g: number, k: number): number {
  for (let i = 0; i < k; i++) lr = lr * g;
  return lr;
}

/** A Plan for a chain kernel (runChain): every element decided by IEEE operations, no `at`. */
function chainPlan(name: Kernel, twin: TwinKernel, params: Float64Array): Plan {
  return {
    kernel: { module: TORCH, name },
    twin,
    params,
    at: (): number => {
      throw new Error(`${name} decides every element`);
    },
  };
}

/** Steps before the output run through a chain kernel in pieces of this many (a scratch array). */
const QUIET_PIECE = 4096;

/**
 * Track.run for a scheduler whose steps 1 .. last multiply the lr by a factor of t alone, computed
 * and multiplied by a chain kernel (`plan`, its lr in parameter slot `slot`), and whose steps after
 * `last` keep the lr: the kernel straight into out, the steps before the output through the same
 * kernel into a scratch array (the same operations, so the same bits), the kept steps a fill.
 */
function chainThenKeep(plan: Plan, slot: number, last: number, backend: Backend): OpSource["run"] {
  return (from, n, lr, out, first) => {
    // from >= 1 (a run starts after the initial step): steps from .. from + m - 1 multiply.
    const m = Math.max(0, Math.min(n, last - from + 1));
    const skip = before(from, n, out, first);
    const quiet = Math.min(skip, m);
    for (let done = 0; done < quiet; done += QUIET_PIECE) {
      const k = Math.min(QUIET_PIECE, quiet - done);
      lr = runChain(plan, slot, lr, from + done, scratch(2, k).subarray(0, k), backend);
    }
    if (quiet < m) lr = runChain(plan, slot, lr, from + quiet, out!.subarray(from + quiet - first, from + m - first), backend);
    if (out !== null && Math.max(m, skip) < n) out.fill(lr, from + Math.max(m, skip) - first, from + n - first);
    return lr;
  };
}

/**
 * PyTorch's PolynomialLR: the lr decays as (1 - t / total_iters) ** power, recursively.
 *
 *     get_lr:  lr if _is_initial or last_epoch > total_iters
 *              else lr * ((1.0 - last_epoch / total_iters) / (1.0 - (last_epoch - 1) / total_iters)) ** power
 *     closed form:  base_lr * (1.0 - min(total_iters, last_epoch) / total_iters) ** power
 *
 * ```ts
 * const s = new PolynomialLR(0.05, { totalIters: 50, power: 0.9 });
 * s.range(0, 100);                            // 0 from step 50 on
 * ```
 *
 * Arguments: `total_iters` = 5, `power` = 1.0, `last_epoch`. Every `**` correctly rounded.
 */
export class PolynomialLR extends OpScheduler {
  static override readonly className = "PolynomialLR";
  static override readonly args = [
    arg.int("total_iters", { default: 5, option: "totalIters", check: arg.nonNegativeInteger, doc: "steps of the decay" }),
    arg.float("power", { default: 1.0, doc: "the power of the polynomial" }),
    arg.lastEpochArg(),
  ];
  readonly totalIters: number;
  readonly power: number;

  constructor(optimizer: OptimizerLike, options: { totalIters?: number; power?: number; lastEpoch?: number });
  constructor(optimizer: OptimizerLike, totalIters?: number, power?: number, lastEpoch?: number);
  constructor(optimizer: OptimizerLike, ...args: unknown[]) {
    super(optimizer, args);
    this.totalIters = this.config.total_iters as number;
    this.power = this.config.power as number;
    this.begin(this.startEpoch);
  }

  protected op(t: number, _b: number, _g: number, initial: boolean): Op {
    if (initial || t > this.totalIters) return KEEP;
    const T = this.totalIters;
    return mul(pyPow(div(1.0 - t / T, 1.0 - (t - 1) / T, "PolynomialLR's ratio"), this.power));
  }

  protected override closedForm(t: number, baseLr: number): number {
    return baseLr * pyPow(1.0 - div(Math.min(this.totalIters, t), this.totalIters, "PolynomialLR's closed form (total_iters=0)"), this.power);
  }

  protected override fillOps(t0: number, n: number, ops: Ops, _base: number, backend: Backend): void {
    const T = this.totalIters;
    if (t0 > T) {
      ops.uniform = KEEP;
      return;
    }
    // The ratios in JS, the powers on the kernel; past total_iters a factor 1.0 (lr * 1.0 is lr).
    const m = Math.min(n, T - t0 + 1);
    if (t0 + m - 1 === T) pyPow(0.0, this.power); // Python's error for 0.0 ** negative, if it is one
    const x = scratch(0, m);
    for (let i = 0; i < m; i++) {
      const t = t0 + i;
      x[i] = (1.0 - t / T) / (1.0 - (t - 1) / T);
    }
    // The correctly rounded x ** 1, x ** 2 and x ** 0.5 (x >= 0 here) are x, the rounded x * x and
    // the rounded square root: the same real numbers, rounded once. PyTorch's default power is 1.
    const a = ops.a;
    if (this.power === 1) a.set(x.subarray(0, m));
    else if (this.power === 2) for (let i = 0; i < m; i++) a[i] = x[i]! * x[i]!;
    else if (this.power === 0.5) for (let i = 0; i < m; i++) a[i] = Math.sqrt(x[i]!);
    else powersOf(x, this.power, m, a, backend);
    a.fill(1.0, m, n);
    ops.single = OP_MUL;
  }

  protected override runner(_base: number, backend: Backend): OpSource["run"] {
    // One pass for the powers that are one IEEE operation (polynomialLR.ts): the ratio, the power
    // and the product straight into out, each step's denominator the step before's numerator.
    // Other powers take fillOps and the scan (their power is correctly rounded on the kernel).
    const p = this.power;
    if (p !== 1 && p !== 2 && p !== 0.5) return undefined;
    const plan = chainPlan("polynomialLR64", polynomialTwin.polynomialLR64 as TwinKernel, paramsOf(polynomialParams, { T: this.totalIters, POWER: p, LR: 0 }));
    return chainThenKeep(plan, polynomialParams.LR, this.totalIters, backend);
  }

  protected override attributes() {
    return { total_iters: this.totalIters, power: this.power };
  }

  protected override loadAttributes(s: Record<string, unknown>): string[] {
    if (Object.hasOwn(s, "total_iters")) (this as { totalIters: number }).totalIters = arg.nonNegativeInteger("total_iters", s.total_iters);
    if (Object.hasOwn(s, "power")) (this as { power: number }).power = finiteNumber("power", s.power);
    return ["total_iters", "power"];
  }
}
