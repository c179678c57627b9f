/**
 * PyTorch's ReduceLROnPlateau: the lr times `factor` once a metric has not improved for more than
 * `patience` steps.
 *
 *     step(metrics):
 *       current = float(metrics); last_epoch += 1
 *       if is_better(current, best): best = current; num_bad_epochs = 0 else: num_bad_epochs += 1
 *       if cooldown_counter > 0: cooldown_counter -= 1; num_bad_epochs = 0
 *       if num_bad_epochs > patience:
 *         for each group: old = float(lr); new = max(old * factor, min_lr); if old - new > eps: lr = new
 *         cooldown_counter = cooldown; num_bad_epochs = 0
 *     is_better: min/rel  a < best * (1. - threshold);  min/abs  a < best - threshold
 *                max/rel  a > best * (threshold + 1.); max/abs  a > best + threshold
 *
 * ```ts
 * const s = new ReduceLROnPlateau(0.1, { patience: 5, factor: 0.5 });
 * s.step(0.9); s.getLastLr();                 // [0.1]
 * s.range(0, 100, { metrics });               // the lr after each of 100 metrics (metrics[k - 1] at step k)
 * ```
 *
 * Arguments: `mode` = "min", `factor` = 0.1, `patience` = 10, `threshold` = 1e-4,
 * `threshold_mode` = "rel", `cooldown` = 0, `min_lr` = 0 (or one per group), `eps` = 1e-8.
 */
import type { Backend } from "../core/types.js";
import { describe, finiteNumber, plainObject } from "../core/validate.js";
import * as arg from "./args.js";
import type { OptimizerLike } from "./optimizer.js";
import { LRScheduler, type RangeOptions, type StateDict, warnOnce, EPOCH_DEPRECATION_WARNING } from "./scheduler.js";
import type { Track } from "./track.js";

/** A metric or a best as Python's float() reads it; infinities as json.dumps and the fixtures write them. */
function pyFloat(name: string, v: unknown): number {
  // NaN too: a diverged loss is no improvement (every comparison with it is false), as in Python.
  if (typeof v === "number") return v;
  if (v === "inf" || v === "Infinity") return Infinity;
  if (v === "-inf" || v === "-Infinity") return -Infinity;
  if (v !== null && typeof v === "object" && Object.hasOwn(v, "float")) return pyFloat(name, (v as { float: unknown }).float);
  throw new TypeError(`Argument \`${name}\` must be a number. Received: ${name}=${describe(v)}`);
}

/** PyTorch's check of mode and threshold_mode, in its words ("mode foo is unknown!"). */
function known<S extends string>(what: string, choices: readonly S[], v: unknown): S {
  if (typeof v !== "string") throw new TypeError(`${what} ${describe(v)} is unknown! (one of ${choices.join(", ")})`);
  if (!(choices as readonly string[]).includes(v)) throw new RangeError(`${what} ${v} is unknown!`);
  return v as S;
}

export interface PlateauRangeOptions extends RangeOptions {
  /** The metric passed to step k is metrics[k - 1]; at least stop - 1 of them. */
  metrics: ArrayLike<number>;
}

export class ReduceLROnPlateau extends LRScheduler {
  static override readonly className = "ReduceLROnPlateau";
  static override readonly args = [
    arg.make<"min" | "max">("mode", "string", false, { default: "min", doc: "min: lower metrics are better; max: higher" }, (_n, v) => known("mode", ["min", "max"], v)),
    arg.float("factor", {
      default: 0.1,
      check: (n, v) => {
        if (finiteNumber(n, v) >= 1.0) throw new RangeError("Factor should be < 1.0.");
        return v as number;
      },
      doc: "the factor of each reduction, < 1",
    }),
    arg.int("patience", { default: 10, check: arg.nonNegativeInteger, doc: "steps without improvement tolerated" }),
    arg.float("threshold", { default: 1e-4, doc: "the improvement that counts" }),
    arg.make<"rel" | "abs">("threshold_mode", "string", false, { default: "rel", option: "thresholdMode", doc: "rel or abs" }, (_n, v) =>
      known("threshold mode", ["rel", "abs"], v),
    ),
    arg.int("cooldown", { default: 0, check: arg.nonNegativeInteger, doc: "steps to wait after a reduction" }),
    arg.floats("min_lr", { default: 0, option: "minLr", doc: "the lowest lr (or one per group)" }),
    arg.float("eps", { default: 1e-8, doc: "reductions smaller than this are skipped" }),
  ];
  readonly mode: "min" | "max";
  readonly factor: number;
  readonly patience: number;
  readonly threshold: number;
  readonly thresholdMode: "rel" | "abs";
  readonly cooldown: number;
  minLrs: number[];
  readonly eps: number;
  best: number;
  cooldownCounter = 0;
  numBadEpochs = 0;
  private readonly defaultMinLr: number | null;

  constructor(optimizer: OptimizerLike, options?: { mode?: "min" | "max"; factor?: number; patience?: number; threshold?: number; thresholdMode?: "rel" | "abs"; cooldown?: number; minLr?: number | number[]; eps?: number });
  constructor(optimizer: OptimizerLike, mode?: "min" | "max", factor?: number, patience?: number, threshold?: number, thresholdMode?: "rel" | "abs", cooldown?: number, minLr?: number | number[], eps?: number);
  constructor(optimizer: OptimizerLike, ...args: unknown[]) {
    super(optimizer, args.length === 1 && args[0] === undefined ? [] : args);
    const c = this.config;
    this.mode = c.mode as "min" | "max";
    this.factor = c.factor as number;
    this.patience = c.patience as number;
    this.threshold = c.threshold as number;
    this.thresholdMode = c.threshold_mode as "rel" | "abs";
    this.cooldown = c.cooldown as number;
    this.eps = c.eps as number;
    const n = this.groups.groups.length;
    const minLr = c.min_lr as number | readonly number[];
    if (Array.isArray(minLr)) {
      if (minLr.length !== n) throw new RangeError(`expected ${n} min_lrs, got ${minLr.length}`);
      this.defaultMinLr = null;
      this.minLrs = [...minLr];
    } else {
      this.defaultMinLr = minLr as number;
      this.minLrs = Array<number>(n).fill(minLr as number);
    }
    this.lastEpoch = 0;
    this.lastLr = this.groups.lrs();
    this.best = this.modeWorse;
  }

  private get modeWorse(): number {
    return this.mode === "min" ? Infinity : -Infinity;
  }

  private isBetter(a: number, best: number): boolean {
    if (this.mode === "min" && this.thresholdMode === "rel") return a < best * (1.0 - this.threshold);
    if (this.mode === "min") return a < best - this.threshold;
    if (this.thresholdMode === "rel") return a > best * (this.threshold + 1.0);
    return a > best + this.threshold;
  }

  protected computeLr(): number[] {
    return this.groups.lrs();
  }

  /** One step with the metric of this epoch (`epoch` is PyTorch's deprecated argument). */
  override step(metrics?: number | null, epoch?: number | null): void {
    const current = pyFloat("metrics", metrics);
    if (epoch === undefined || epoch === null) epoch = this.lastEpoch + 1;
    else {
      epoch = arg.integer("epoch", epoch);
      warnOnce(EPOCH_DEPRECATION_WARNING);
    }
    this.lastEpoch = epoch;
    if (this.isBetter(current, this.best)) {
      this.best = current;
      this.numBadEpochs = 0;
    } else this.numBadEpochs += 1;
    if (this.cooldownCounter > 0) {
      this.cooldownCounter -= 1;
      this.numBadEpochs = 0;
    }
    if (this.numBadEpochs > this.patience) {
      this.reduce();
      this.cooldownCounter = this.cooldown;
      this.numBadEpochs = 0;
    }
    this.groups.sync();
    this.lastLr = this.groups.lrs();
  }

  private reduce(): void {
    const groups = this.groups.groups;
    if (groups.length !== this.minLrs.length) {
      if (this.defaultMinLr === null) throw new RangeError(`The number of param groups in the \`optimizer\` (${groups.length}) differs from when \`ReduceLROnPlateau\` was initialized (${this.minLrs.length})`);
      this.minLrs = Array<number>(groups.length).fill(this.defaultMinLr);
    }
    groups.forEach((g, i) => {
      const old = g.lr;
      const next = Math.max(old * this.factor, this.minLrs[i]!);
      if (old - next > this.eps) g.lr = next;
    });
  }

  protected track(_backend: Backend): Track {
    throw new TypeError("ReduceLROnPlateau's range needs the metrics: range(start, stop, { metrics })");
  }

  /** The lr of group 0 after k steps, k in [start, stop), of a fresh copy fed `metrics` in order. */
  override range(start: number, stop: number, options?: PlateauRangeOptions): Float64Array {
    // No options at all is the same mistake as options without metrics: say what is missing.
    const o = options === undefined ? {} : plainObject("options", options);
    const metrics = o.metrics as ArrayLike<number> | undefined;
    if (metrics === undefined || metrics === null || typeof metrics !== "object" || typeof metrics.length !== "number")
      throw new TypeError(`ReduceLROnPlateau.range needs the option \`metrics\`: the metric of each step. Received: metrics=${describe(metrics)}`);
    for (const [name, v] of [["start", start], ["stop", stop]] as const)
      if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) throw new RangeError(`Argument \`${name}\` must be a non-negative integer. Received: ${name}=${describe(v)}`);
    if (start > stop) throw new RangeError(`Argument \`start\` must be <= stop. Received: start=${start}, stop=${stop}`);
    if (metrics.length < stop - 1) throw new RangeError(`Option \`metrics\` must hold at least stop - 1 = ${stop - 1} metrics. Received: ${metrics.length}`);
    const out = o.out ?? new Float64Array(stop - start);
    if (!(out instanceof Float64Array) || out.length !== stop - start) throw new RangeError(`Option \`out\` must be a Float64Array of length ${stop - start}`);
    const fresh = new ReduceLROnPlateau({ param_groups: this.born.map((g) => ({ lr: g.lr })) }, this.config.mode as "min", this.factor, this.patience, this.threshold, this.thresholdMode, this.cooldown, this.config.min_lr as number, this.eps);
    for (let k = 0; k < stop; k++) {
      if (k > 0) fresh.step(pyFloat(`metrics[${k - 1}]`, metrics[k - 1]));
      if (k >= start) out[k - start] = fresh.groups.groups[0]!.lr;
    }
    return out;
  }

  override stateDict(): StateDict {
    return {
      factor: this.factor, min_lrs: [...this.minLrs], default_min_lr: this.defaultMinLr, patience: this.patience, cooldown: this.cooldown,
      eps: this.eps, last_epoch: this.lastEpoch, _last_lr: [...this.lastLr], mode: this.mode, threshold: this.threshold,
      threshold_mode: this.thresholdMode, mode_worse: this.modeWorse, best: this.best, cooldown_counter: this.cooldownCounter,
      num_bad_epochs: this.numBadEpochs,
    };
  }

  override loadStateDict(state: StateDict): void {
    const s = plainObject("state_dict", state);
    const mine: Record<string, unknown> = { factor: this.factor, patience: this.patience, cooldown: this.cooldown, eps: this.eps, mode: this.mode, threshold: this.threshold, threshold_mode: this.thresholdMode };
    for (const key of Object.keys(s)) {
      const v = s[key];
      switch (key) {
        // JSON.stringify writes an infinite best (the mode's worst, before a finite metric) as null.
        case "best": this.best = v === null ? this.modeWorse : pyFloat(key, v); break;
        case "cooldown_counter": this.cooldownCounter = arg.nonNegativeInteger(key, v); break;
        case "num_bad_epochs": this.numBadEpochs = arg.nonNegativeInteger(key, v); break;
        case "last_epoch": this.lastEpoch = arg.integer(key, v); break;
        case "min_lrs": this.minLrs = (Array.isArray(v) ? v : [v]).map((x, i) => finiteNumber(`min_lrs[${i}]`, x)); break;
        case "_last_lr": this.lastLr = (Array.isArray(v) ? v : []).map((x, i) => finiteNumber(`_last_lr[${i}]`, x)); break;
        case "mode_worse": case "default_min_lr": case "verbose": case "_is_initial": case "_step_count": case "base_lrs": case "_get_lr_called_within_step": break;
        default:
          if (!(key in mine)) throw new TypeError(`ReduceLROnPlateau.loadStateDict got an unknown key \`${key}\``);
          // The rule's parameters are the constructor's: a state dict must agree with them.
          if (mine[key] !== (typeof mine[key] === "number" ? pyFloat(key, v) : v))
            throw new RangeError(`ReduceLROnPlateau.loadStateDict: ${key}=${describe(v)} differs from this scheduler's ${describe(mine[key])}; construct it with the same arguments`);
      }
    }
  }
}
