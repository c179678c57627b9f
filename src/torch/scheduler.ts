/**
 * PyTorch's LRScheduler (torch/optim/lr_scheduler.py, current main): the base class owns stepping,
 * `last_epoch`, the base lrs and the state dict; a scheduler is a small class whose `computeLr` is
 * its `get_lr` (the recursive, "chainable" form that `.step()` runs) and, where PyTorch has one,
 * `closedFormLr` (`_get_closed_form_lr`, run by the deprecated `step(epoch)`). This library adds the
 * batch methods `range` and `evaluate`, which replay a scheduler constructed as this one was
 * (track.ts) without stepping it.
 *
 * Where resuming with `last_epoch` differs between PyTorch 1.13 and main, this follows main: the
 * initial step runs with `_is_initial` set, so ExponentialLR, PolynomialLR, CosineAnnealingLR,
 * MultiplicativeLR and LinearLR leave the lr as they find it (docs/frameworks/torch-notes.md, section 16: only in main).
 */
import type { Backend } from "../core/types.js";
import { backend as checkBackend, describe, plainObject } from "../core/validate.js";
import { integer, readArguments, type TorchArg } from "./args.js";
import { type Groups, groupsOf, type OptimizerLike, type ParamGroup } from "./optimizer.js";
import { CHUNK, type Track } from "./track.js";

/** PyTorch's EPOCH_DEPRECATION_WARNING, as its UserWarning says it. */
export const EPOCH_DEPRECATION_WARNING =
  "The epoch parameter in `scheduler.step()` was not necessary and is being deprecated where possible. Please use " +
  "`scheduler.step()` to step the scheduler. During the deprecation, if epoch is different from None, the closed form " +
  "is used instead of the new chainable form, where available. Please open an issue if you are unable to replicate " +
  "your use case: https://github.com/pytorch/pytorch/issues/new/choose.";

const warned = new Set<string>();
/** console.warn once per message, as Python shows a UserWarning once per place. */
export function warnOnce(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  console.warn(`UserWarning: ${message}`);
}

/** Batch options: this library's, never PyTorch's. */
export interface RangeOptions {
  /** A Float64Array of the right length, filled and returned. */
  out?: Float64Array;
  /** Where kernels run: every backend gives the same bits. Default "auto". */
  backend?: Backend;
}

/** A state dict as PyTorch's `state_dict()` has it (JSON-compatible but for infinities). */
export type StateDict = Record<string, unknown>;

/**
 * The most steps a batch replays: the recursion makes its cost linear in the last step asked for,
 * so a step near 2^53 would not finish; a range this long would not fit in a Float64Array anyway.
 */
export const MAX_STEPS = 2 ** 31;

/** Keys PyTorch 1.13 or main write that carry nothing this library keeps. */
const IGNORED_KEYS = new Set(["verbose", "_get_lr_called_within_step", "_is_initial"]);

/** A plain copy of the groups' numbers, for a fresh copy of a scheduler to start from. */
function snapshot(groups: readonly ParamGroup[]): ParamGroup[] {
  return groups.map((g) => ({ ...g, ...(g.betas !== undefined ? { betas: [...g.betas] } : {}) }));
}

export abstract class LRScheduler {
  /** PyTorch's class name (error messages, toString). */
  static readonly className: string = "LRScheduler";
  /** The constructor's arguments after the optimizer, in PyTorch's order. */
  static readonly args: readonly TorchArg[] = [];

  /** The groups this scheduler steps (shared with every scheduler on the same optimizer). */
  readonly groups: Groups;
  /** The constructor's arguments by PyTorch's name, checked, defaults filled in. */
  protected readonly config: Readonly<Record<string, unknown>>;
  /** The groups as construction found them: where a fresh copy starts. */
  protected readonly born: ParamGroup[];
  /** PyTorch's `last_epoch`. */
  lastEpoch = -1;
  /** PyTorch's `base_lrs`: each group's `initial_lr`. */
  baseLrs: number[] = [];
  protected stepCount = 0;
  protected isInitial = false;
  protected lastLr: number[] = [];

  protected constructor(optimizer: OptimizerLike | Groups, given: readonly unknown[]) {
    const ctor = this.constructor as typeof LRScheduler;
    this.groups = groupsOf(optimizer);
    this.born = snapshot(this.groups.groups);
    this.config = Object.freeze(readArguments(ctor.args, ctor.className, given));
  }

  /** The caller's optimizer (an object, a TF.js optimizer, or the number given). */
  get optimizer(): unknown {
    return this.groups.source;
  }

  /**
   * PyTorch's LRScheduler.__init__ after the subclass has set its attributes: `initial_lr` in every
   * group (setdefault: a group that has one keeps it), base_lrs, last_epoch, the initial step.
   */
  protected begin(lastEpoch: number): void {
    const groups = this.groups.groups;
    if (lastEpoch === -1) {
      for (const g of groups) if (g.initial_lr === undefined) g.initial_lr = g.lr;
    } else {
      groups.forEach((g, i) => {
        if (g.initial_lr === undefined) throw new TypeError(`param 'initial_lr' is not specified in param_groups[${i}] when resuming an optimizer`);
      });
    }
    this.baseLrs = groups.map((g) => g.initial_lr!);
    this.lastEpoch = lastEpoch;
    this.initialStep();
  }

  /** PyTorch's `_initial_step`: one `.step()` with `_is_initial` set. */
  initialStep(): void {
    this.stepCount = 0;
    this.isInitial = true;
    try {
      this.step();
    } finally {
      this.isInitial = false;
    }
  }

  /** PyTorch's `get_lr`: the lr of each group at the current last_epoch, recursively. */
  protected abstract computeLr(): number[];

  /** PyTorch's `_get_closed_form_lr`, where the class has one. */
  protected closedFormLr(): number[] | null {
    return null;
  }

  /**
   * One step. `step()` is PyTorch's `.step()`; `step(epoch)` is its deprecated form (a warning,
   * once): last_epoch = epoch, then the closed form where the class has one.
   */
  step(epoch?: number | null): void {
    this.stepCount += 1;
    if (epoch !== undefined && epoch !== null) {
      epoch = this.checkEpoch(epoch);
      warnOnce(EPOCH_DEPRECATION_WARNING);
    }
    this.updateLr(epoch ?? null);
  }

  /** The epoch of `step(epoch)`: an integer (CosineAnnealingWarmRestarts takes any number >= 0). */
  protected checkEpoch(epoch: unknown): number {
    return integer("epoch", epoch);
  }

  /** PyTorch's `_update_lr`. */
  updateLr(epoch: number | null): void {
    let values: number[];
    if (epoch === null) {
      this.lastEpoch += 1;
      values = this.computeLr();
    } else {
      this.lastEpoch = epoch;
      values = this.closedFormLr() ?? this.computeLr();
    }
    this.groups.setLrs(values);
    this.lastLr = this.groups.lrs();
  }

  /** PyTorch's `get_last_lr()`: the lr of each group after the last step. */
  getLastLr(): number[] {
    return [...this.lastLr];
  }

  /**
   * PyTorch's `get_lr()` called directly: the recursive form at the current last_epoch, applied to
   * the groups' current lrs (so not the last lr: PyTorch warns, and so does this, once).
   */
  getLr(): number[] {
    warnOnce("To get the last learning rate computed by the scheduler, please use `get_last_lr()`.");
    return this.computeLr();
  }

  /** The class's attributes in PyTorch's state dict, beyond the base class's. */
  protected attributes(): StateDict {
    return {};
  }

  /** Loads the class's own keys of a state dict (each checked); returns the keys it took. */
  protected loadAttributes(_state: StateDict): string[] {
    return [];
  }

  /** PyTorch's `state_dict()`: every attribute but the optimizer, by PyTorch's names. */
  stateDict(): StateDict {
    return {
      ...this.attributes(),
      base_lrs: [...this.baseLrs],
      last_epoch: this.lastEpoch,
      _step_count: this.stepCount,
      _get_lr_called_within_step: false,
      _last_lr: [...this.lastLr],
      _is_initial: false,
    };
  }

  /**
   * PyTorch's `load_state_dict()`: a state dict as `stateDict()` gives it, or as PyTorch writes it
   * (`json.dumps(scheduler.state_dict())`, parsed): 1.13's keys load too. Every value is checked;
   * an unknown key is a TypeError naming it.
   */
  loadStateDict(state: StateDict): void {
    const s = plainObject("state_dict", state);
    const taken = new Set(this.loadAttributes(s));
    if (Object.hasOwn(s, "base_lrs")) this.baseLrs = numberList("base_lrs", s.base_lrs);
    if (Object.hasOwn(s, "last_epoch")) this.lastEpoch = integer("last_epoch", s.last_epoch);
    if (Object.hasOwn(s, "_step_count")) this.stepCount = integer("_step_count", s._step_count);
    if (Object.hasOwn(s, "_last_lr")) this.lastLr = numberList("_last_lr", s._last_lr);
    for (const key of ["base_lrs", "last_epoch", "_step_count", "_last_lr"]) taken.add(key);
    for (const key of Object.keys(s))
      if (!taken.has(key) && !IGNORED_KEYS.has(key))
        throw new TypeError(`${(this.constructor as typeof LRScheduler).className}.loadStateDict got an unknown key \`${key}\``);
  }

  /** The Track a fresh scheduler constructed as this one was would follow (batch methods). */
  protected abstract track(backend: Backend): Track;

  /** For composites: this scheduler's track. */
  trackFor(backend: Backend): Track {
    return this.track(backend);
  }

  /**
   * `getLastLr()[0]` after k steps, for k in [start, stop), of a scheduler constructed as this one
   * was: step 0 is the value after construction. `this` is not stepped: the state it has taken
   * since construction does not enter.
   */
  range(start: number, stop: number, options: RangeOptions = {}): Float64Array {
    const { out, backend } = readRangeOptions(options);
    rangeBound("start", start);
    rangeBound("stop", stop);
    if (start < 0) throw new RangeError(`Argument \`start\` must be >= 0: step 0 is the lr after construction. Received: start=${start}`);
    if (start > stop) throw new RangeError(`Argument \`start\` must be <= stop. Received: start=${start}, stop=${stop}`);
    if (stop > MAX_STEPS) throw new RangeError(`Argument \`stop\` must be <= 2^31: a batch replays every step before it. Received: stop=${stop}`);
    const n = stop - start;
    const result = outFor(out, n);
    if (n === 0) return result;
    const tr = this.track(backend);
    let lr = tr.initial(tr.lr0);
    if (start === 0) result[0] = lr;
    // Step k's last_epoch is t0 + k.
    lr = tr.run(tr.t0 + 1, stop - 1, lr, result, tr.t0 + start);
    return result;
  }

  /** `getLastLr()[0]` after each of `steps` steps (any order, repeats allowed), replayed once. */
  evaluate(steps: ArrayLike<number>, options: RangeOptions = {}): Float64Array {
    const { out, backend } = readRangeOptions(options);
    if (steps === null || typeof steps !== "object" || typeof steps.length !== "number")
      throw new TypeError(`Argument \`steps\` must be an array of step counts. Received: steps=${describe(steps)}`);
    const n = steps.length;
    const result = outFor(out, n);
    const order: number[] = [];
    for (let i = 0; i < n; i++) {
      const s = steps[i];
      if (typeof s !== "number" || !Number.isSafeInteger(s) || s < 0)
        throw (typeof s !== "number" ? TypeError : RangeError)(`Argument \`steps\` must hold non-negative integers. Received: steps[${i}]=${describe(s)}`);
      if (s >= MAX_STEPS) throw new RangeError(`Argument \`steps\` must hold steps below 2^31: a batch replays every step before the last. Received: steps[${i}]=${s}`);
      order.push(i);
    }
    if (n === 0) return result;
    order.sort((x, y) => steps[x]! - steps[y]!);
    const tr = this.track(backend);
    const buffer = new Float64Array(CHUNK);
    let lr = tr.initial(tr.lr0);
    let j = 0;
    while (j < n && steps[order[j]!] === 0) result[order[j++]!] = lr;
    // Replays chunk by chunk, keeping only the chunks that hold a requested step.
    const last = steps[order[n - 1]!]!;
    let k = 1;
    while (j < n) {
      const next = steps[order[j]!]!;
      if (next >= k + CHUNK) {
        const skip = next - k - ((next - k) % CHUNK);
        lr = tr.run(tr.t0 + k, skip, lr, null, 0);
        k += skip;
        continue;
      }
      // Never past the last requested step: a step beyond it may raise (OneCycleLR past total_steps).
      const m = Math.min(CHUNK, last + 1 - k);
      lr = tr.run(tr.t0 + k, m, lr, buffer, tr.t0 + k);
      while (j < n && steps[order[j]!]! < k + m) result[order[j]!] = buffer[steps[order[j++]!]! - k]!;
      k += m;
    }
    return result;
  }

  /**
   * The constructor's arguments by PyTorch's names, defaults filled in, as declared (`args`): what
   * the CLI, the playground and the docs read. Not PyTorch's state (stateDict): the arguments given.
   */
  getConfig(): Record<string, unknown> {
    return { ...this.config };
  }

  /** PyTorch's call as text: the class and its arguments (positional, as declared). */
  toString(): string {
    const ctor = this.constructor as typeof LRScheduler;
    const shown = ctor.args.map((a) => `${a.key}=${show(this.config[a.key])}`);
    return `${ctor.className}(optimizer, ${shown.join(", ")})`;
  }
}

function show(v: unknown): string {
  if (typeof v === "function") return "<function>";
  if (v === null) return "None";
  if (typeof v === "boolean") return v ? "True" : "False";
  if (typeof v === "string") return `'${v}'`;
  if (Array.isArray(v)) return `[${v.map(show).join(", ")}]`;
  if (v instanceof LRScheduler) return v.toString();
  return String(v);
}

export function numberList(name: string, value: unknown): number[] {
  if (!Array.isArray(value)) throw new TypeError(`Argument \`${name}\` must be a list of numbers. Received: ${name}=${describe(value)}`);
  return value.map((x, i) => {
    if (typeof x !== "number" || Number.isNaN(x)) throw new TypeError(`Argument \`${name}[${i}]\` must be a number. Received: ${describe(x)}`);
    return x;
  });
}

function rangeBound(name: string, v: unknown): void {
  if (typeof v !== "number" || !Number.isSafeInteger(v))
    throw (typeof v === "number" ? RangeError : TypeError)(`Argument \`${name}\` must be an integer. Received: ${name}=${describe(v)}`);
}

function readRangeOptions(options: unknown): { out: Float64Array | undefined; backend: Backend } {
  const o = plainObject("options", options);
  for (const key of Object.keys(o)) if (key !== "out" && key !== "backend") throw new TypeError(`Unknown option \`${key}\`. Known: out, backend`);
  const out = o.out;
  if (out !== undefined && !(out instanceof Float64Array)) throw new TypeError(`Option \`out\` must be a Float64Array. Received: out=${describe(out)}`);
  return { out, backend: o.backend === undefined ? "auto" : checkBackend(o.backend) };
}

function outFor(out: Float64Array | undefined, n: number): Float64Array {
  if (out === undefined) {
    if (n > 2 ** 31) throw new RangeError(`Cannot allocate ${n} results.`);
    return new Float64Array(n);
  }
  if (out.length !== n) throw new RangeError(`Option \`out\` must have length ${n}. Received: a Float64Array of length ${out.length}`);
  return out;
}
