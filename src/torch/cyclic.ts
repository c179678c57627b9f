/**
 * PyTorch's two schedulers that compute each step's lr from t alone and cycle the momentum (or
 * Adam's beta1) the other way: CyclicLR and OneCycleLR (torch/optim/lr_scheduler.py, main).
 */
import type { Backend } from "../core/types.js";
import { describe, finiteNumber } from "../core/validate.js";
import * as arg from "./args.js";
import * as cyclicParams from "../../assembly/torch/cyclicLR.params.js";
import * as cyclicTwin from "../../assembly/torch/cyclicLR.twin.js";
import * as expRangeParams from "../../assembly/torch/cyclicLRExpRange.params.js";
import * as oneCycleParams from "../../assembly/torch/oneCycleLR.params.js";
import * as oneCycleTwin from "../../assembly/torch/oneCycleLR.twin.js";
import { paramsOf, type Plan, type TwinKernel } from "../core/batch.js";
import { log2DoubleDouble } from "../exact/constants.js";
import { type Op, type Ops, OP_SET, runSet, set } from "./ops.js";
import type { Groups, OptimizerLike, ParamGroup } from "./optimizer.js";
import { cosinesOf, runPlan, scratch } from "./kernels.js";
import { cos, PI, pyPow } from "./python.js";
import { OpScheduler } from "./simple.js";
import type { OpSource } from "./track.js";
import { TORCH } from "./wasm.js";
import type { Kernel } from "../generated/wasm/torch.js";

/** PyTorch's _format_param: one value per group, from a number or a list of the groups' length. */
function perGroup(name: string, value: number | readonly number[], groups: Groups): number[] {
  const n = groups.groups.length;
  if (typeof value === "number") return Array<number>(n).fill(value);
  if (value.length !== n)
    throw new RangeError(`${name} must have the same length as optimizer.param_groups. ${name} has ${value.length} values, param_groups has ${n}.`);
  return [...value];
}

/** PyTorch's check that the optimizer has a momentum or betas to cycle; returns use_beta1. */
function momentumKind(groups: Groups): boolean {
  const d = groups.defaults;
  if (!("momentum" in d) && !("betas" in d)) throw new RangeError("optimizer must support momentum or beta1 with `cycle_momentum` option enabled");
  return "betas" in d;
}

function setMomentum(group: ParamGroup, value: number, beta1: boolean): void {
  if (beta1) group.betas = [value, ...(group.betas ?? [0.999]).slice(1)];
  else group.momentum = value;
}

type ScaleFn = (x: number) => number;

/** scale_factor: the wave's height at x (its position in the cycle), rising up to step_ratio. */
function scaleFactor(x: number, ratio: number): number {
  return x <= ratio ? x / ratio : (x - 1) / (ratio - 1);
}

/**
 * Python's float `x ** y`, and its OverflowError where the result is beyond the doubles (CPython's
 * float_pow raises on C's ERANGE for an infinite result from finite operands): triangular2's
 * 2.0 ** (cycle - 1) from cycle 1025 on, exp_range's gamma ** t for gamma > 1.
 */
function powOrOverflow(x: number, y: number): number {
  const v = pyPow(x, y);
  if (v === Infinity || v === -Infinity) throw new RangeError(`(34, 'Numerical result out of range') (Python's OverflowError): ${Number.isInteger(x) ? x.toFixed(1) : x} ** ${y}`);
  return v;
}

/** Bases below this are not given the exp_range kernel's TINY shortcut (cyclicLR.ts): 2^-1000. */
const TINY_BASE_MIN = 2 ** -1000;
/** |max_lr - base_lr| up to |base_lr| 2^960: then |max_lr - base_lr| 2^-1021 <= |base_lr| 2^-61. */
const TINY_HEADROOM = 2 ** 960;

/**
 * Whether base_lr + h * p is base_lr for every |h| <= |height| and |p| <= 2^-1021 (each product
 * rounded): |h p| <= |base| 2^-61, below half an ulp of base (at least |base| 2^-54), and base is
 * not 0 (a tiny sum would be the product itself). The exp_range kernel's TINY flag.
 */
function tinyCannotMove(base: number, height: number): boolean {
  const b = Math.abs(base);
  return b >= TINY_BASE_MIN && Math.abs(height) <= b * TINY_HEADROOM;
}

/**
 * PyTorch's CyclicLR: the lr goes between base_lr and max_lr in triangles, scaled per cycle or per
 * iteration; the momentum the other way.
 *
 *     cycle = math.floor(1 + last_epoch / total_size)
 *     x = 1. + last_epoch / total_size - cycle
 *     scale_factor = x / step_ratio if x <= step_ratio else (x - 1) / (step_ratio - 1)
 *     lr = base_lr + (max_lr - base_lr) * scale_factor * scale_fn(cycle or last_epoch)
 *     triangular: 1.0; triangular2: 1 / (2. ** (x - 1)); exp_range: gamma ** x
 *
 * ```ts
 * const opt = { param_groups: [{ lr: 0.1, momentum: 0.9 }], defaults: { lr: 0.1, momentum: 0.9 } };
 * const s = new CyclicLR(opt, { baseLr: 0.001, maxLr: 0.1, stepSizeUp: 200 });
 * s.range(0, 1600);                           // four triangles
 * ```
 *
 * Arguments: `base_lr`, `max_lr` (a number or one per group), `step_size_up` = 2000,
 * `step_size_down` = null (= up), `mode` = "triangular", `gamma` = 1.0, `scale_fn` = null,
 * `scale_mode` = "cycle", `cycle_momentum` = true (the optimizer needs `momentum` or `betas` in its
 * defaults, as in PyTorch: pass false for a plain number), `base_momentum` = 0.8,
 * `max_momentum` = 0.9, `last_epoch`.
 */
export class CyclicLR extends OpScheduler {
  static override readonly className = "CyclicLR";
  static override readonly args = [
    arg.floats("base_lr", { option: "baseLr", doc: "the lower lr of the cycle (or one per group)" }),
    arg.floats("max_lr", { option: "maxLr", doc: "the upper lr of the cycle (or one per group)" }),
    arg.float("step_size_up", { default: 2000, option: "stepSizeUp", check: nonNegative, doc: "steps of the rising half" }),
    arg.make<number | null>("step_size_down", "optionalNumber", false, { default: null, option: "stepSizeDown", doc: "steps of the falling half (null: as up)" }, (n, v) =>
      v === null ? null : nonNegative(n, v),
    ),
    arg.make<string>("mode", "string", false, { default: "triangular", doc: "triangular, triangular2 or exp_range" }, (n, v) => {
      if (typeof v !== "string") throw new TypeError(`Argument \`${n}\` must be a string. Received: ${describe(v)}`);
      return v;
    }),
    arg.float("gamma", { default: 1.0, doc: "exp_range's factor per iteration" }),
    arg.make<ScaleFn | null>("scale_fn", "function", false, { default: null, option: "scaleFn", doc: "a scaling policy of your own (then mode is ignored)" }, (n, v) =>
      v === null ? null : arg.func(n, v),
    ),
    arg.str("scale_mode", ["cycle", "iterations"], { default: "cycle", option: "scaleMode", doc: "what scale_fn takes: the cycle or the iteration" }),
    arg.bool("cycle_momentum", { default: true, option: "cycleMomentum", doc: "cycle the momentum (or beta1) inversely" }),
    arg.floats("base_momentum", { default: 0.8, option: "baseMomentum", doc: "the lower momentum" }),
    arg.floats("max_momentum", { default: 0.9, option: "maxMomentum", doc: "the upper momentum" }),
    arg.lastEpochArg(),
  ];
  readonly maxLrs: number[];
  readonly totalSize: number;
  readonly stepRatio: number;
  readonly mode: string;
  readonly gamma: number;
  readonly scaleMode: "cycle" | "iterations";
  readonly cycleMomentum: boolean;
  readonly useBeta1: boolean = false;
  readonly baseMomentums: number[] = [];
  readonly maxMomentums: number[] = [];
  private readonly scale: ScaleFn;
  /** Whether scale_fn is PyTorch's own for the mode (not the caller's). */
  private readonly scaleIsBuiltIn: boolean;
  private readonly formatted: number[];

  constructor(optimizer: OptimizerLike, options: {
    baseLr: number | number[]; maxLr: number | number[]; stepSizeUp?: number; stepSizeDown?: number | null; mode?: string; gamma?: number;
    scaleFn?: ScaleFn | null; scaleMode?: "cycle" | "iterations"; cycleMomentum?: boolean; baseMomentum?: number | number[];
    maxMomentum?: number | number[]; lastEpoch?: number;
  });
  constructor(
    optimizer: OptimizerLike, baseLr: number | number[], maxLr: number | number[], stepSizeUp?: number, stepSizeDown?: number | null, mode?: string,
    gamma?: number, scaleFn?: ScaleFn | null, scaleMode?: "cycle" | "iterations", cycleMomentum?: boolean, baseMomentum?: number | number[],
    maxMomentum?: number | number[], lastEpoch?: number,
  );
  constructor(optimizer: OptimizerLike, ...args: unknown[]) {
    super(optimizer, args);
    const c = this.config;
    const last = c.last_epoch as number;
    const groups = this.groups.groups;
    this.formatted = perGroup("base_lr", c.base_lr as number, this.groups);
    if (last === -1) groups.forEach((g, i) => (g.lr = this.formatted[i]!));
    this.maxLrs = perGroup("max_lr", c.max_lr as number, this.groups);
    const up = c.step_size_up as number;
    const down = (c.step_size_down as number | null) ?? up;
    this.totalSize = up + down;
    if (this.totalSize === 0) throw new RangeError("float division by zero (Python's ZeroDivisionError): step_size_up + step_size_down is 0");
    this.stepRatio = up / this.totalSize;
    this.mode = c.mode as string;
    const custom = c.scale_fn as ScaleFn | null;
    if (!["triangular", "triangular2", "exp_range"].includes(this.mode) && custom === null) throw new RangeError("mode is invalid and scale_fn is None");
    this.gamma = c.gamma as number;
    let scaleMode = c.scale_mode as "cycle" | "iterations";
    this.scaleIsBuiltIn = custom === null;
    if (custom !== null) this.scale = custom;
    else if (this.mode === "triangular") [this.scale, scaleMode] = [() => 1.0, "cycle"];
    else if (this.mode === "triangular2") [this.scale, scaleMode] = [(x) => 1 / powOrOverflow(2.0, x - 1), "cycle"];
    else [this.scale, scaleMode] = [(x) => powOrOverflow(this.gamma, x), "iterations"];
    this.scaleMode = scaleMode;
    this.cycleMomentum = c.cycle_momentum as boolean;
    if (this.cycleMomentum) {
      this.useBeta1 = momentumKind(this.groups);
      this.baseMomentums = perGroup("base_momentum", c.base_momentum as number, this.groups);
      this.maxMomentums = perGroup("max_momentum", c.max_momentum as number, this.groups);
      if (last === -1)
        groups.forEach((g, i) => {
          setMomentum(g, this.maxMomentums[i]!, this.useBeta1);
          g.max_momentum = this.maxMomentums[i]!;
          g.base_momentum = this.baseMomentums[i]!;
        });
    }
    this.begin(last);
    this.baseLrs = [...this.formatted];
  }

  /**
   * scale_fn's value at step t of cycle `cycle`, checked: a caller's function may return anything.
   * Called once per evaluated step, for the lr (PyTorch calls it once per group for the lrs and
   * again for the momentums): a pure function gives the same values either way, and a range, which
   * computes no momentum, cannot call it as often as PyTorch's step() would, so it does not try to
   * reproduce the count; calling it less than once a step (once a cycle) would save calls but would
   * be observable, so it does not do that either.
   */
  private scaleAt(cycle: number, t: number): number {
    const v: unknown = this.scale(this.scaleMode === "cycle" ? cycle : t);
    if (typeof v !== "number") throw new TypeError(`scale_fn must return a number. Received: ${describe(v)}`);
    return v;
  }

  /** PyTorch's get_lr at t for a group of base_lr `base` and max_lr `max`. */
  private lrAt(t: number, base: number, max: number): number {
    // cycle = math.floor(1 + t / total_size); x = 1. + t / total_size - cycle: one quotient.
    const q = 1.0 + t / this.totalSize;
    const cycle = Math.floor(q);
    return base + (max - base) * scaleFactor(q - cycle, this.stepRatio) * this.scaleAt(cycle, t);
  }

  protected op(t: number, baseLr: number, g: number): Op {
    return set(this.lrAt(t, baseLr, this.maxLrs[g]!));
  }

  protected override computeLr(): number[] {
    const t = this.lastEpoch;
    const q = 1.0 + t / this.totalSize;
    const cycle = Math.floor(q);
    const scale = scaleFactor(q - cycle, this.stepRatio);
    const f = this.scaleAt(cycle, t);
    const lrs = this.baseLrs.map((b, g) => b + (this.maxLrs[g]! - b) * scale * f);
    if (this.cycleMomentum)
      this.groups.groups.forEach((group, g) => {
        const max = this.maxMomentums[g]!;
        setMomentum(group, max - (max - this.baseMomentums[g]!) * scale * f, this.useBeta1);
      });
    return lrs;
  }

  protected override freshBaseLr(): number {
    return this.formatted[0]!;
  }

  /**
   * PyTorch's CyclicLR sets self.base_lrs = base_lr after super().__init__, whose first step reads
   * the base lrs from initial_lr: a group that already has an initial_lr (a second scheduler on
   * the optimizer, or a resume) starts from it; otherwise the constructor set initial_lr = base_lr.
   */
  protected override initialBaseLr(): number {
    return this.born[0]!.initial_lr ?? this.formatted[0]!;
  }

  /** log2(gamma) as a double-double, for the exp_range kernel: computed once, exactly. */
  private log2Gamma: [number, number] | null = null;

  /**
   * The kernel plan of PyTorch's built-in scale functions (cyclicLR.ts): triangular, triangular2,
   * and exp_range for gamma > 0; null for a caller's scale_fn or a gamma <= 0 (PyTorch's get_lr
   * step by step, lrAt).
   */
  private plan(base: number, max: number): Plan | null {
    if (!this.scaleIsBuiltIn) return null;
    const at = (t: number): number => this.lrAt(t, base, max);
    const wave = { TOTAL: this.totalSize, RATIO: this.stepRatio, BASE: base, MAX: max };
    if (this.mode === "triangular")
      return { kernel: { module: TORCH, name: "cyclicTriangular64" satisfies Kernel }, twin: cyclicTwin.cyclicTriangular64 as TwinKernel, params: paramsOf(cyclicParams, wave), at };
    if (this.mode === "triangular2")
      return { kernel: { module: TORCH, name: "cyclicTriangular2_64" satisfies Kernel }, twin: cyclicTwin.cyclicTriangular2_64 as TwinKernel, params: paramsOf(cyclicParams, wave), at };
    if (!(this.gamma > 0)) return null;
    const [l1, l2] = (this.log2Gamma ??= log2DoubleDouble(this.gamma));
    return {
      kernel: { module: TORCH, name: "cyclicExpRange64" satisfies Kernel },
      twin: cyclicTwin.cyclicExpRange64 as TwinKernel,
      params: paramsOf(expRangeParams, { ...wave, L1: l1, L2: l2, TINY: tinyCannotMove(base, max - base) }),
      at,
    };
  }

  /**
   * PyTorch's OverflowError (2.0 ** 1024 in triangular2, |gamma| ** t > 2^1024 in exp_range) before
   * any work: both powers grow with t, so the last step of steps [from, from + n) raises if any
   * does, and then the first step that raises is found by bisection and raises its own error (the
   * power PyTorch's step() would raise on first).
   */
  private checkLast(from: number, n: number, at: (t: number) => number): void {
    if (n <= 0 || !this.scaleIsBuiltIn || this.mode === "triangular") return;
    const raises = (t: number): boolean => {
      try {
        at(t);
        return false;
      } catch (e) {
        if (e instanceof RangeError) return true;
        throw e;
      }
    };
    if (!raises(from + n - 1)) return;
    let lo = from, hi = from + n - 1; // hi raises; the first step that raises is in [lo, hi]
    while (lo < hi) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (raises(mid)) hi = mid;
      else lo = mid + 1;
    }
    at(hi);
  }

  protected override fillOps(t0: number, n: number, ops: Ops, base: number, backend: Backend): void {
    const max = this.maxLrs[0]!;
    const plan = this.plan(base, max);
    if (plan !== null) {
      this.checkLast(t0, n, plan.at);
      runPlan(plan, t0, ops.a.subarray(0, n), backend);
    } else this.lrsInto(t0, ops.a.subarray(0, n), base, max);
    ops.single = OP_SET;
  }

  /**
   * PyTorch's get_lr for steps t0, t0 + 1, ... into out where the scale function has no kernel (a
   * caller's scale_fn, or exp_range with gamma <= 0), one scale_fn call a step (see scaleAt). The
   * call is most of a step's cost (a kernel for base_height measured no faster), so this stays a
   * plain loop.
   */
  private lrsInto(t0: number, out: Float64Array, base: number, max: number): void {
    // scaleAt's work, hoisted out of the loop: the function and what it takes are the same for every step.
    const total = this.totalSize, ratio = this.stepRatio, height = max - base;
    const fn = this.scale, byCycle = this.scaleMode === "cycle";
    for (let i = 0; i < out.length; i++) {
      const t = t0 + i;
      const q = 1.0 + t / total;
      const cycle = Math.floor(q);
      const v: unknown = fn(byCycle ? cycle : t);
      if (typeof v !== "number") throw new TypeError(`scale_fn must return a number. Received: ${describe(v)}`);
      out[i] = base + height * scaleFactor(q - cycle, ratio) * v;
    }
  }

  protected override runner(base: number, backend: Backend): OpSource["run"] {
    // Every step sets the lr: the values straight into out, without the operation records and the
    // scan's copy; on a kernel (two steps at a time on the SIMD build) where the scale function is
    // PyTorch's own.
    const max = this.maxLrs[0]!;
    const plan = this.plan(base, max);
    if (plan === null) {
      const at = (t: number): number => this.lrAt(t, base, max);
      return (from, n, lr, out, first) => runSet(from, n, lr, out, first, (t, view) => this.lrsInto(t, view, base, max), at);
    }
    return (from, n, lr, out, first) => {
      this.checkLast(from, n, plan.at);
      return runSet(from, n, lr, out, first, (t, view) => runPlan(plan, t, view, backend), plan.at);
    };
  }

  protected override attributes() {
    return {
      max_lrs: [...this.maxLrs], total_size: this.totalSize, step_ratio: this.stepRatio, mode: this.mode, gamma: this.gamma,
      _scale_fn_custom: null, scale_mode: this.scaleMode, cycle_momentum: this.cycleMomentum,
      ...(this.cycleMomentum ? { use_beta1: this.useBeta1, base_momentums: [...this.baseMomentums], max_momentums: [...this.maxMomentums] } : {}),
    };
  }

  protected override loadAttributes(s: Record<string, unknown>): string[] {
    // The cycle's shape is the constructor's; a state dict's copy of it must agree.
    for (const [key, mine] of [["total_size", this.totalSize], ["step_ratio", this.stepRatio], ["gamma", this.gamma]] as const)
      if (Object.hasOwn(s, key) && finiteNumber(key, s[key]) !== mine)
        throw new RangeError(`CyclicLR.loadStateDict: ${key}=${describe(s[key])} differs from this scheduler's ${mine}; construct it with the same arguments`);
    return ["max_lrs", "total_size", "step_ratio", "mode", "gamma", "_scale_fn_custom", "_scale_fn_ref", "scale_mode", "cycle_momentum", "use_beta1", "base_momentums", "max_momentums"];
  }
}

function nonNegative(name: string, v: unknown): number {
  if (finiteNumber(name, v) < 0) throw new RangeError(`Argument \`${name}\` must be >= 0. Received: ${name}=${describe(v)}`);
  return v as number;
}

function positiveIntegerNamed(name: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v <= 0)
    throw (typeof v === "number" ? RangeError : TypeError)(`Expected positive integer ${name}, but got ${describe(v)}`);
  return v;
}

interface Phase {
  end_step: number;
  start_lr: "initial_lr" | "max_lr" | "min_lr";
  end_lr: "initial_lr" | "max_lr" | "min_lr";
  start_momentum: "max_momentum" | "base_momentum";
  end_momentum: "max_momentum" | "base_momentum";
}

/**
 * PyTorch's OneCycleLR: up from max_lr / div_factor to max_lr over pct_start of the steps, then
 * down to initial_lr / final_div_factor (three_phase: back to initial_lr first); the momentum the
 * other way.
 *
 *     for each phase: if step <= end_step or it is the last:
 *         pct = (step - start_step) / (end_step - start_step)
 *         cos:    end + (start - end) / 2.0 * (math.cos(math.pi * pct) + 1)
 *         linear: (end - start) * pct + start
 *     end_step: float(pct_start * total_steps) - 1, [float(2 * pct_start * total_steps) - 2,] total_steps - 1
 *
 * ```ts
 * const opt = { param_groups: [{ lr: 0.004, momentum: 0.9 }], defaults: { lr: 0.004, momentum: 0.9 } };
 * const s = new OneCycleLR(opt, { maxLr: 0.1, totalSteps: 2000 });
 * s.range(0, 2001);                           // a step past total_steps raises, as in PyTorch
 * ```
 *
 * Arguments: `max_lr`, `total_steps` = null, `epochs` = null, `steps_per_epoch` = null,
 * `pct_start` = 0.3, `anneal_strategy` = "cos", `cycle_momentum` = true, `base_momentum` = 0.85,
 * `max_momentum` = 0.95, `div_factor` = 25, `final_div_factor` = 1e4, `three_phase` = false,
 * `last_epoch`.
 */
export class OneCycleLR extends OpScheduler {
  static override readonly className = "OneCycleLR";
  static override readonly args = [
    arg.floats("max_lr", { option: "maxLr", doc: "the peak lr (or one per group)" }),
    arg.make<number | null>("total_steps", "optionalNumber", false, { default: null, option: "totalSteps", doc: "steps in the cycle" }, (n, v) =>
      v === null ? null : positiveIntegerNamed(n, v),
    ),
    arg.make<number | null>("epochs", "optionalNumber", false, { default: null, doc: "epochs, with steps_per_epoch, if no total_steps" }, (n, v) =>
      v === null ? null : positiveIntegerNamed(n, v),
    ),
    arg.make<number | null>("steps_per_epoch", "optionalNumber", false, { default: null, option: "stepsPerEpoch", doc: "steps per epoch" }, (n, v) =>
      v === null ? null : positiveIntegerNamed(n, v),
    ),
    arg.float("pct_start", {
      default: 0.3,
      option: "pctStart",
      check: (n, v) => {
        if (typeof v !== "number" || !(v >= 0 && v <= 1)) throw (typeof v === "number" ? RangeError : TypeError)(`Expected float between 0 and 1 pct_start, but got ${describe(v)}`);
        return v;
      },
      doc: "the fraction of the steps spent rising",
    }),
    arg.make<"cos" | "linear">("anneal_strategy", "string", false, { default: "cos", option: "annealStrategy", doc: "cos or linear" }, (_n, v) => {
      if (v !== "cos" && v !== "linear") throw (typeof v === "string" ? RangeError : TypeError)(`anneal_strategy must be one of 'cos' or 'linear', instead got ${typeof v === "string" ? v : describe(v)}`);
      return v;
    }),
    arg.bool("cycle_momentum", { default: true, option: "cycleMomentum", doc: "cycle the momentum (or beta1) inversely" }),
    arg.floats("base_momentum", { default: 0.85, option: "baseMomentum", doc: "the lower momentum" }),
    arg.floats("max_momentum", { default: 0.95, option: "maxMomentum", doc: "the upper momentum" }),
    arg.float("div_factor", { default: 25.0, option: "divFactor", doc: "initial_lr = max_lr / div_factor" }),
    arg.float("final_div_factor", { default: 1e4, option: "finalDivFactor", doc: "min_lr = initial_lr / final_div_factor" }),
    arg.bool("three_phase", { default: false, option: "threePhase", doc: "a third phase down to min_lr" }),
    arg.lastEpochArg(),
  ];
  readonly totalSteps: number;
  readonly schedulePhases: Phase[];
  readonly annealStrategy: "cos" | "linear";
  readonly cycleMomentum: boolean;
  readonly useBeta1: boolean = false;
  private readonly fresh: { initial_lr: number; max_lr: number; min_lr: number; max_momentum: number; base_momentum: number };

  constructor(optimizer: OptimizerLike, options: {
    maxLr: number | number[]; totalSteps?: number | null; epochs?: number | null; stepsPerEpoch?: number | null; pctStart?: number;
    annealStrategy?: "cos" | "linear"; cycleMomentum?: boolean; baseMomentum?: number | number[]; maxMomentum?: number | number[];
    divFactor?: number; finalDivFactor?: number; threePhase?: boolean; lastEpoch?: number;
  });
  constructor(
    optimizer: OptimizerLike, maxLr: number | number[], totalSteps?: number | null, epochs?: number | null, stepsPerEpoch?: number | null,
    pctStart?: number, annealStrategy?: "cos" | "linear", cycleMomentum?: boolean, baseMomentum?: number | number[], maxMomentum?: number | number[],
    divFactor?: number, finalDivFactor?: number, threePhase?: boolean, lastEpoch?: number,
  );
  constructor(optimizer: OptimizerLike, ...args: unknown[]) {
    super(optimizer, args);
    const c = this.config;
    const last = c.last_epoch as number;
    if (c.total_steps !== null) this.totalSteps = c.total_steps as number;
    else if (c.epochs !== null && c.steps_per_epoch !== null) this.totalSteps = (c.epochs as number) * (c.steps_per_epoch as number);
    else throw new RangeError("You must define either total_steps OR (epochs AND steps_per_epoch)");
    const T = this.totalSteps;
    const pct = c.pct_start as number;
    this.schedulePhases = c.three_phase
      ? [
          { end_step: pct * T - 1, start_lr: "initial_lr", end_lr: "max_lr", start_momentum: "max_momentum", end_momentum: "base_momentum" },
          { end_step: 2 * pct * T - 2, start_lr: "max_lr", end_lr: "initial_lr", start_momentum: "base_momentum", end_momentum: "max_momentum" },
          { end_step: T - 1, start_lr: "initial_lr", end_lr: "min_lr", start_momentum: "max_momentum", end_momentum: "max_momentum" },
        ]
      : [
          { end_step: pct * T - 1, start_lr: "initial_lr", end_lr: "max_lr", start_momentum: "max_momentum", end_momentum: "base_momentum" },
          { end_step: T - 1, start_lr: "max_lr", end_lr: "min_lr", start_momentum: "base_momentum", end_momentum: "max_momentum" },
        ];
    this.annealStrategy = c.anneal_strategy as "cos" | "linear";
    const maxLrs = perGroup("max_lr", c.max_lr as number, this.groups);
    const div = c.div_factor as number;
    const finalDiv = c.final_div_factor as number;
    const groups = this.groups.groups;
    if (last === -1)
      groups.forEach((g, i) => {
        g.initial_lr = maxLrs[i]! / div;
        g.max_lr = maxLrs[i]!;
        g.min_lr = g.initial_lr / finalDiv;
      });
    this.cycleMomentum = c.cycle_momentum as boolean;
    let maxM = [0], baseM = [0];
    if (this.cycleMomentum) {
      this.useBeta1 = momentumKind(this.groups);
      maxM = perGroup("max_momentum", c.max_momentum as number, this.groups);
      baseM = perGroup("base_momentum", c.base_momentum as number, this.groups);
      if (last === -1)
        groups.forEach((g, i) => {
          setMomentum(g, maxM[i]!, this.useBeta1);
          g.max_momentum = maxM[i]!;
          g.base_momentum = baseM[i]!;
        });
    }
    const initial = maxLrs[0]! / div;
    this.fresh = { initial_lr: initial, max_lr: maxLrs[0]!, min_lr: initial / finalDiv, max_momentum: maxM[0]!, base_momentum: baseM[0]! };
    this.begin(last);
  }

  private anneal(start: number, end: number, pct: number): number {
    if (this.annealStrategy === "cos") return end + ((start - end) / 2.0) * (cos(PI * pct) + 1);
    return (end - start) * pct + start;
  }

  /** The phase of step t and its pct. */
  private phaseOf(t: number): [Phase, number] {
    if (t > this.totalSteps) throw new RangeError(`Tried to step ${t} times. The specified number of total steps is ${this.totalSteps}`);
    let start = 0.0;
    const phases = this.schedulePhases;
    for (let i = 0; ; i++) {
      const p = phases[i]!;
      if (t <= p.end_step || i === phases.length - 1) return [p, (t - start) / (p.end_step - start)];
      start = p.end_step;
    }
  }

  protected op(t: number): Op {
    const [p, pct] = this.phaseOf(t);
    return set(this.anneal(this.fresh[p.start_lr], this.fresh[p.end_lr], pct));
  }

  protected override computeLr(): number[] {
    const [p, pct] = this.phaseOf(this.lastEpoch);
    return this.groups.groups.map((g) => {
      const lr = this.anneal(g[p.start_lr] as number, g[p.end_lr] as number, pct);
      if (this.cycleMomentum) setMomentum(g, this.anneal(g[p.start_momentum] as number, g[p.end_momentum] as number, pct), this.useBeta1);
      return lr;
    });
  }

  protected override runner(_base: number, backend: Backend): OpSource["run"] {
    if (this.annealStrategy !== "cos") return undefined;
    // Phase by phase (as fillOps), each phase's part of the range in one kernel pass straight into
    // out: pct, the cosine and the anneal (oneCycleLR.ts).
    const phases = this.schedulePhases;
    const at = (t: number): number => this.op(t).a;
    const values = (t0: number, view: Float64Array): void => {
      let i = 0;
      let start = 0.0;
      for (let k = 0; k < phases.length && i < view.length; k++) {
        const p = phases[k]!, end = p.end_step;
        // Steps t <= end_step are this phase's (the last takes the rest).
        const stop = k === phases.length - 1 ? view.length : Math.min(view.length, Math.max(i, Math.floor(end - t0) + 1));
        if (stop > i) {
          const params = paramsOf(oneCycleParams, { START: start, SPAN: end - start, PI, FROM: this.fresh[p.start_lr], TO: this.fresh[p.end_lr] });
          runPlan({ kernel: { module: TORCH, name: "oneCycleCos64" satisfies Kernel }, twin: oneCycleTwin.oneCycleCos64 as TwinKernel, params, at }, t0 + i, view.subarray(i, stop), backend);
        }
        i = stop;
        start = end;
      }
    };
    return (from, n, lr, out, first) => {
      if (n > 0 && from + n - 1 > this.totalSteps) this.phaseOf(from + n - 1); // PyTorch's error, before any work
      return runSet(from, n, lr, out, first, values, at);
    };
  }

  protected override fillOps(t0: number, n: number, ops: Ops, _base: number, backend: Backend): void {
    if (t0 + n - 1 > this.totalSteps) this.phaseOf(t0 + n - 1); // PyTorch's error, before any work
    const cosine = this.annealStrategy === "cos";
    // x[i]: pct, or math.pi * pct for the cosine; the chunk's phases as segments [ends[k - 1], ends[k]).
    const x = scratch(0, n);
    // Phase by phase (phaseOf's choice: the first phase whose end_step >= t, or the last), each
    // pct = (t - start_step) / (end_step - start_step) as PyTorch computes it.
    const phases = this.schedulePhases;
    const ends: number[] = [];
    let i = 0;
    let start = 0.0;
    for (let k = 0; k < phases.length; k++) {
      const p = phases[k]!;
      const last = k === phases.length - 1;
      const end = p.end_step, span = end - start;
      if (cosine) for (; i < n && (last || t0 + i <= end); i++) x[i] = PI * ((t0 + i - start) / span);
      else for (; i < n && (last || t0 + i <= end); i++) x[i] = (t0 + i - start) / span;
      ends.push(i);
      start = end;
    }
    const a = ops.a;
    let c = x;
    // end + (start - end) / 2.0 * (math.cos(math.pi * pct) + 1), the cosines on the kernel.
    if (cosine) cosinesOf(x, n, (c = scratch(3, n)), backend);
    i = 0;
    for (let k = 0; k < phases.length; k++) {
      const p = phases[k]!, from = this.fresh[p.start_lr], to = this.fresh[p.end_lr];
      const half = (from - to) / 2.0;
      if (cosine) for (; i < ends[k]!; i++) a[i] = to + half * (c[i]! + 1);
      else for (; i < ends[k]!; i++) a[i] = (to - from) * c[i]! + from;
    }
    ops.single = OP_SET;
  }

  protected override attributes() {
    return {
      total_steps: this.totalSteps, _schedule_phases: this.schedulePhases.map((p) => ({ ...p })), _anneal_func_type: this.annealStrategy,
      cycle_momentum: this.cycleMomentum, ...(this.cycleMomentum ? { use_beta1: this.useBeta1 } : {}),
    };
  }

  protected override loadAttributes(s: Record<string, unknown>): string[] {
    if (Object.hasOwn(s, "total_steps")) (this as { totalSteps: number }).totalSteps = positiveIntegerNamed("total_steps", s.total_steps);
    if (Object.hasOwn(s, "_schedule_phases")) {
      const phases = s._schedule_phases;
      if (!Array.isArray(phases) || phases.length !== this.schedulePhases.length)
        throw new TypeError(`OneCycleLR.loadStateDict: _schedule_phases must be a list of ${this.schedulePhases.length} phases. Received: ${describe(phases)}`);
      phases.forEach((p: unknown, i) => (this.schedulePhases[i]!.end_step = finiteNumber(`_schedule_phases[${i}].end_step`, (p as Phase | null)?.end_step)));
    }
    return ["total_steps", "_schedule_phases", "_anneal_func_type", "anneal_func", "cycle_momentum", "use_beta1"];
  }
}
