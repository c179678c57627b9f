/**
 * Every schedule of every framework lrdecay computes, for the command line and the playground (not
 * for the library's entries: lrdecay/keras never loads torch's code, nor lrdecay/torch Keras'; the
 * CLI bundle and the playground load all four). An entry is a schedule by its framework's name:
 * its declared arguments, read from the framework's own declaration (a Keras class's `args`, a
 * torch class's `args`, an HF function's `argumentsOf`, an optax function's `args`), how to build
 * it from a config keyed by the framework's names, and what a built one gives: its values over a
 * range of steps (Float32Array for float32, Float64Array for float64), and the call that builds it,
 * copyable, in Python (the framework's own) and in JavaScript (lrdecay's).
 *
 * Steps mean the same in every framework here: step k is the rate the (k + 1)-th update uses. For
 * Keras and optax that is the schedule at k (Keras' iterations, optax's count); for torch and HF it
 * is `get_last_lr()[0]` after k calls of `scheduler.step()` (step 0: after construction).
 *
 * torch's and HF's schedulers step an optimizer; the catalog adds its learning rate as an argument
 * of its own, `lr` (`--lr`), and builds the optimizer its calls show: one param group with that lr
 * (and a momentum of 0.9 where the scheduler cycles momentum, which PyTorch requires then).
 */
import { SCHEDULES, toKerasJSON, type Arg, type ArgKind, type DType, type FloatArray, type LearningRateSchedule } from "../index.js";
import * as optax from "../optax/index.js";
import * as torch from "../torch/index.js";
import { MAX_STEPS } from "../torch/scheduler.js";
import * as hf from "../transformers/index.js";
import { argumentsOf, type ScheduleFunctionName } from "../transformers/schedules.js";
import { describe, finiteNumber, finiteNumbers, plainObject } from "../core/validate.js";
import { showArgument } from "../core/args.js";
import { floatRepr } from "../transformers/python.js";
import { jsCall, pythonArgs, pythonCall, type CallParts } from "./calls.js";

export const FRAMEWORKS = ["keras", "torch", "transformers", "optax"] as const;
export type Framework = (typeof FRAMEWORKS)[number];

/** What a framework computes in: its dtypes, the first the default. */
const DTYPES: Record<Framework, readonly DType[]> = {
  keras: ["float32", "float64"], // float32: Keras with a plain-number learning rate
  torch: ["float64"], // Python floats
  transformers: ["float64"],
  optax: ["float32", "float64"], // float32: JAX without x64
};

/** A declared argument as the catalog shows it: the framework's declaration, and its flag. */
export interface CatalogArg {
  /** The framework's name: the config key ("T_max", "initial_learning_rate"). */
  readonly key: string;
  /** lrdecay's options object's name ("tMax"). */
  readonly option: string;
  /** The command line's flag, without dashes: `key` in lower kebab case ("t-max"). */
  readonly flag: string;
  readonly kind: ArgKind;
  readonly required: boolean;
  readonly default: unknown;
  readonly doc: string;
  /** Python holds it as a float: a call writes 1 as 1.0. */
  readonly float: boolean;
  /** The framework's own check: the value, or a TypeError or RangeError naming the argument. */
  readonly check: (value: unknown) => unknown;
  /** Added by the catalog (the optimizer's lr, a plateau's metrics): no argument of the framework's call. */
  readonly extra?: true;
}

/** A schedule of one framework. */
export interface Entry {
  /** "keras.CosineDecay", "torch.OneCycleLR", "transformers.get_cosine_schedule_with_warmup", "optax.sgdr_schedule". */
  readonly id: string;
  readonly framework: Framework;
  /** The framework's name: its class (Keras, torch) or function (HF, optax). */
  readonly name: string;
  /** lrdecay's name of it: the class, or the function in camelCase. */
  readonly jsName: string;
  /** Its dtypes, the default first. */
  readonly dtypes: readonly DType[];
  /** Its arguments; the optimizer's `lr` first for torch and HF. */
  readonly args: readonly CatalogArg[];
  /** Why it cannot be built from a config (an argument that is a function), if it cannot. */
  readonly unavailable?: string;
  /** Builds it from a config keyed by the framework's names; missing arguments take their defaults. */
  build(config: Record<string, unknown>, dtype?: DType): Built;
}

/** A schedule built from a config. */
export interface Built {
  readonly entry: Entry;
  readonly dtype: DType;
  /** Every argument by the framework's name, defaults filled in; nested schedules as CatalogJSON. */
  readonly config: Readonly<Record<string, unknown>>;
  /**
   * Whether a step's value is the replay of every step before it (torch, HF): then values up to
   * step `last` cost the steps 0 .. last, whatever the first step asked for.
   */
  readonly replays: boolean;
  /** The steps it computes: from `first` to `last`, and the rule that sets them. */
  readonly steps: { readonly first: number; readonly last: number; readonly rule: string };
  /** The values at the steps start, start + 1, ..., stop - 1. */
  range(start: number, stop: number): FloatArray;
  /** The values at any steps (each within `steps`). */
  evaluate(steps: ArrayLike<number>): FloatArray;
  at(step: number): number;
  /**
   * The values at first, first + every, ..., count of them, filled into successive arrays in order:
   * a scan for torch and HF (a step is the replay of the steps before it), whatever `every` is.
   */
  stream(first: number, every: number): (out: FloatArray) => void;
  /** The values at steps start .. stop - 1 on one backend (the playground times the Wasm kernel against the JS twin). */
  rangeOn(backend: "wasm" | "js", start: number, stop: number): FloatArray;
  /** The framework's own JSON of it where it has one (Keras', optax's), else the catalog's; indented by `indent`. */
  serialized(indent?: number): string;
  /** The call, short: its class or function and the arguments not at their defaults. */
  toString(): string;
  /** For plots' titles: the schedule's name, and its arguments (those not at their defaults). */
  title(): [string, string];
  /** The Python that builds it in its framework, runnable as it is. */
  python(): string;
  /** The JavaScript that builds it with lrdecay. */
  js(): string;
  toJSON(): CatalogJSON;
}

/** A built schedule as JSON: what --config and the playground's address read back. */
export interface CatalogJSON {
  schedule: string;
  config: Record<string, unknown>;
  dtype?: DType;
}

const camel = (key: string) => key.replace(/_([a-z0-9])/gi, (_, c: string) => c.toUpperCase());
const flagOf = (key: string) => key.toLowerCase().replace(/_/g, "-");

function accepts(check: (v: unknown) => unknown, value: unknown): boolean {
  try {
    check(value);
    return true;
  } catch {
    return false;
  }
}

/** A Keras or optax declaration as a catalog argument (they say which are Python floats). */
function fromArg(arg: Arg): CatalogArg {
  return { key: arg.key, option: arg.option, flag: flagOf(arg.key), kind: arg.kind, required: arg.required, default: arg.default, doc: arg.doc, float: arg.float, check: arg.check };
}

/**
 * A torch or HF declaration as a catalog argument. PyTorch's declarations do not say int or float
 * (Python's signature does not either); the check does: one that takes 0.5 (or [0.5]) is a float's.
 */
function fromTorchArg(arg: { readonly key: string; readonly option: string; readonly kind: string; readonly required: boolean; readonly default: unknown; readonly doc: string; readonly check: (v: unknown) => unknown }): CatalogArg {
  const float = accepts(arg.check, 0.5) || accepts(arg.check, [0.5]);
  return { key: arg.key, option: arg.option, flag: flagOf(arg.key), kind: (arg.kind === "schedulers" ? "schedules" : arg.kind) as ArgKind, required: arg.required, default: arg.default, doc: arg.doc, float, check: arg.check };
}

/** The optimizer's learning rate, which torch's and HF's schedulers step (`--lr`). */
function lrArg(required: boolean, doc: string): CatalogArg {
  return {
    key: "lr", option: "lr", flag: "lr", kind: "number", required, default: required ? undefined : 0.001, doc, float: true, extra: true,
    check: (v) => finiteNumber("lr", v),
  };
}
const LR = lrArg(true, "the optimizer's learning rate (its param group's lr, which the scheduler scales)");
/** OneCycleLR and CyclicLR set the lr themselves: the optimizer's is overwritten at construction. */
const LR_UNUSED = lrArg(false, "the optimizer's learning rate: unused, the scheduler sets its own (default 0.001, PyTorch's SGD's)");

/** ReduceLROnPlateau's metrics: what `step(metric)` takes, one per step. */
const METRICS: CatalogArg = {
  key: "metrics", option: "metrics", flag: "metrics", kind: "numbers", required: true, default: undefined, float: true, extra: true,
  doc: "the metric passed to step() after each epoch (step k has seen the first k)",
  check: (v) => finiteNumbers("metrics", v),
};

/** Arguments no config gives: resuming (last_epoch), and functions (CyclicLR's scale_fn stays None). */
const LEFT_OUT = (a: { key: string; kind: string; required: boolean }) => a.key === "last_epoch" || (a.kind === "function" && !a.required);

/** The config read against `args`: each given value checked by its declaration, the rest defaults. */
function complete(entry: Entry, given: Record<string, unknown>, args = entry.args): Record<string, unknown> {
  const c = plainObject("config", given);
  for (const key of Object.keys(c))
    if (!args.some((a) => a.key === key))
      throw new TypeError(`${entry.id} has no argument \`${key}\`. Known: ${args.map((a) => a.key).join(", ")}`);
  const config: Record<string, unknown> = {};
  for (const arg of args) {
    const value = c[arg.key];
    if (value === undefined && arg.required) throw new TypeError(`${entry.id} needs \`${arg.key}\``);
    config[arg.key] = value === undefined ? arg.default : arg.kind === "schedules" ? value : arg.check(value);
  }
  return config;
}

/** A dtype the entry computes in, or a TypeError listing those it does. */
function dtypeFor(entry: Entry, dtype: DType | undefined): DType {
  const d = dtype ?? entry.dtypes[0]!;
  if (!entry.dtypes.includes(d)) throw new TypeError(`${entry.id} computes in ${entry.dtypes.join(" or ")} only, not ${describe(d)}`);
  return d;
}

// --- Random access: Keras and optax --------------------------------------------------------------

const TWO53 = 2 ** 53;

/** What a Keras or optax schedule gives, through LearningRateSchedule's batch methods. */
function randomAccess(entry: Entry, schedule: LearningRateSchedule<DType>, config: Record<string, unknown>, steps: Built["steps"], parts: () => CallParts): Built {
  const dtype = schedule.dtype;
  return {
    entry, dtype, config, steps, replays: false,
    range: (start, stop) => schedule.range(start, stop),
    rangeOn: (backend, start, stop) => schedule.range(start, stop, { backend }),
    serialized: (indent) => (entry.framework === "keras" ? toKerasJSON(schedule, indent) : JSON.stringify(schedule, null, indent)),
    evaluate: (s) => schedule.evaluate(s),
    at: (step) => schedule(step),
    stream(first, every) {
      let done = 0;
      let stepBuffer: Float64Array | null = null;
      return (out) => {
        const n = out.length;
        const from = first + done * every;
        // range's stop is exclusive: a chunk ending at step 2^53 has no stop float64 holds, so that
        // chunk, like a thinned one, is given its steps.
        if (every === 1 && from + (n - 1) < TWO53) schedule.range(from, from + n, { out });
        else {
          if (stepBuffer === null || stepBuffer.length < n) stepBuffer = new Float64Array(n);
          const at = stepBuffer.subarray(0, n);
          for (let j = 0; j < n; j++) at[j] = from + j * every;
          schedule.evaluate(at, { out });
        }
        done += n;
      };
    },
    ...calls(entry, dtype, parts),
  };
}

/** toString, title, python, js and toJSON of a built schedule, from its call's parts. */
function calls(entry: Entry, dtype: DType, parts: () => CallParts): Pick<Built, "toString" | "title" | "python" | "js" | "toJSON"> {
  const args = () => {
    const p = parts();
    const lr = p.optimizer !== undefined && entry.args[0]!.required ? [`lr=${floatRepr(p.optimizer.lr)}`] : [];
    return { own: pythonArgs(entry, p.config), lr };
  };
  return {
    toString() {
      const { own, lr } = args();
      const optimizer = entry.framework === "torch" || entry.framework === "transformers" ? ["optimizer"] : [];
      return `${entry.name}(${[...optimizer, ...own].join(", ")})${lr.length > 0 ? `, optimizer ${lr[0]}` : ""}`;
    },
    title() {
      const { own, lr } = args();
      return [entry.id, [...own, ...lr].join(", ")];
    },
    python: () => pythonCall(parts(), dtype),
    js: () => jsCall(parts(), dtype),
    toJSON: () => ({ schedule: entry.id, config: parts().json, ...(dtype === entry.dtypes[0] ? {} : { dtype }) }),
  };
}

// --- Keras ---------------------------------------------------------------------------------------

type KerasClass = (typeof SCHEDULES)[keyof typeof SCHEDULES] & {
  fromConfig(config: Record<string, unknown>, options: { dtype?: DType }): LearningRateSchedule<DType>;
};

function kerasEntry(name: string, cls: KerasClass): Entry {
  const entry: Entry = {
    id: `keras.${name}`, framework: "keras", name, jsName: name, dtypes: DTYPES.keras,
    args: (cls.args as readonly Arg[]).map(fromArg),
    build(given, d) {
      const dtype = dtypeFor(entry, d);
      const schedule = cls.fromConfig(plainObject("config", given), { dtype });
      const config = schedule.getConfig();
      return {
        ...randomAccess(entry, schedule, config, { first: -TWO53, last: TWO53, rule: "steps are integers within ±2^53" }, () => ({ entry, config, json: config })),
        // As before the other frameworks came: Keras' own toString, and its arguments but the name.
        toString: () => String(schedule),
        title: () => [name, Object.entries(config).filter(([k]) => k !== "name").map(([k, v]) => `${k}=${showArgument(v)}`).join(", ")],
      };
    },
  };
  return entry;
}

// --- optax ---------------------------------------------------------------------------------------

const INT32_MAX = 2 ** 31 - 1;

function optaxEntry(fn: optax.OptaxFunction, jsName: string): Entry {
  const entry: Entry = {
    id: `optax.${fn.optaxName}`, framework: "optax", name: fn.optaxName, jsName, dtypes: DTYPES.optax,
    args: fn.args.map(fromArg),
    build(given, d) {
      const dtype = dtypeFor(entry, d);
      const c = plainObject("config", given);
      // optax's own reader of its JSON: nested schedules (join_schedules) as optax writes them, or
      // as the catalog does.
      const config = { ...c };
      if (Array.isArray(c.schedules)) config.schedules = c.schedules.map((s, i) => optaxJSON(nested(entry, s, `schedules[${i}]`)));
      const schedule = optax.fromJSON({ module: "optax", class_name: fn.optaxName, config }, { dtype });
      const full = schedule.getConfig();
      const steps = dtype === "float32"
        ? { first: -INT32_MAX - 1, last: INT32_MAX, rule: "optax's float32 counts are int32 (JAX without x64)" }
        : { first: -(TWO53 - 1), last: TWO53 - 1, rule: "optax's float64 counts are below 2^53 in magnitude" };
      const json = { ...full, ...(Array.isArray(full.schedules) ? { schedules: (full.schedules as optax.OptaxSchedule<DType>[] | Record<string, unknown>[]).map(fromOptaxJSON) } : {}) };
      return randomAccess(entry, schedule, json, steps, () => ({ entry, config: json, json }));
    },
  };
  return entry;
}

/** optax's JSON of a schedule given as CatalogJSON. */
function optaxJSON(item: CatalogJSON): Record<string, unknown> {
  return { module: "optax", class_name: item.schedule.slice("optax.".length), config: item.config };
}

/** CatalogJSON of a schedule given as optax's JSON (getConfig writes nested schedules so). */
function fromOptaxJSON(json: unknown): CatalogJSON {
  const j = json as { class_name: string; config: Record<string, unknown> };
  return { schedule: `optax.${j.class_name}`, config: j.config };
}

// --- torch and HF --------------------------------------------------------------------------------

type Scheduler = torch.LRScheduler;
/** A torch or HF argument as declared (src/torch/args.ts' TorchArg). */
type DeclaredArg = Parameters<typeof fromTorchArg>[0];
type TorchClass = (new (optimizer: unknown, options: Record<string, unknown>) => Scheduler) & { readonly className: string; readonly args: readonly DeclaredArg[] };

/** The momentum of the optimizer the calls show, where the scheduler cycles momentum. */
export const MOMENTUM = 0.9;

/** The optimizer a torch or HF scheduler steps: one param group with `lr` (and a momentum). */
function optimizerFor(lr: number, momentum: boolean) {
  const group = momentum ? { lr, momentum: MOMENTUM } : { lr };
  return { param_groups: [{ ...group }], defaults: { ...group } };
}

/** A torch or HF scheduler built on an optimizer, and its config (nested schedulers as CatalogJSON). */
interface Made {
  readonly scheduler: Scheduler;
  readonly config: Record<string, unknown>;
}

/** What a built torch or HF scheduler gives: a scan for ranges, replays for single steps. */
function replayed(entry: Entry, made: Made, parts: CallParts): Built {
  const s = made.scheduler;
  const plateau = s instanceof torch.ReduceLROnPlateau;
  const metrics = plateau ? (made.config.metrics as readonly number[]) : [];
  const steps = plateau
    ? { first: 0, last: metrics.length, rule: `a plateau scheduler steps on metrics: step k needs k of them, and there are ${metrics.length}` }
    : s instanceof torch.OneCycleLR
      ? { first: 0, last: s.totalSteps, rule: `OneCycleLR raises PyTorch's ValueError past total_steps = ${s.totalSteps}` }
      : { first: 0, last: MAX_STEPS - 1, rule: "steps count scheduler.step() calls from 0 (the lr after construction) and stay below 2^31 (a batch replays every step before it)" };
  const range = (start: number, stop: number, backend: "auto" | "wasm" | "js" = "auto") =>
    plateau ? (s as torch.ReduceLROnPlateau).range(start, stop, { metrics, backend }) : s.range(start, stop, { backend });
  const evaluate = (at: ArrayLike<number>) => {
    if (!plateau) return s.evaluate(at);
    let last = 0;
    for (let i = 0; i < at.length; i++) last = Math.max(last, at[i]!);
    const all = range(0, last + 1);
    return Float64Array.from({ length: at.length }, (_, i) => all[at[i]!]!);
  };
  return {
    entry, dtype: "float64", config: parts.json, steps, evaluate, replays: true,
    range: (start, stop) => range(start, stop),
    rangeOn: (backend, start, stop) => range(start, stop, backend),
    serialized: (indent) => JSON.stringify({ schedule: entry.id, config: parts.json }, null, indent),
    at: (step) => evaluate([step])[0]!,
    stream: (first, every) => (plateau ? gathered(evaluate, first, every) : scanned(s, first, every)),
    ...calls(entry, "float64", () => parts),
  };
}

/** A stream of values gathered by `evaluate` (a plateau scheduler: its metrics bound its steps). */
function gathered(evaluate: (at: ArrayLike<number>) => FloatArray, first: number, every: number): (out: FloatArray) => void {
  let done = 0;
  return (out) => {
    out.set(evaluate(Float64Array.from({ length: out.length }, (_, j) => first + (done + j) * every)));
    done += out.length;
  };
}

/**
 * A stream of a scheduler's values by one scan (torch/track.ts' Track, which `range` runs too),
 * carried from one chunk to the next: the chunks cost what one range of them all would.
 */
function scanned(s: Scheduler, first: number, every: number): (out: FloatArray) => void {
  const track = s.trackFor("auto");
  let lr = track.initial(track.lr0);
  let k = 0; // lr is the value after step k
  let done = 0;
  const one = new Float64Array(1);
  return (out) => {
    const values = out as Float64Array;
    const n = values.length;
    const from = first + done * every;
    if (every === 1) {
      // Steps k + 1 .. from + n - 1 in one run, those from `from` on written.
      let j = 0;
      if (from === k) values[j++] = lr;
      if (j < n) {
        lr = track.run(track.t0 + k + 1, from + n - 1 - k, lr, values, track.t0 + from);
        k = from + n - 1;
      }
    } else {
      for (let j = 0; j < n; j++) {
        const step = from + j * every;
        if (step > k) {
          if (step - 1 > k) lr = track.run(track.t0 + k + 1, step - 1 - k, lr, null, 0);
          lr = track.run(track.t0 + step, 1, lr, one, track.t0 + step);
          k = step;
        }
        values[j] = lr;
      }
    }
    done += n;
  };
}

/** A nested schedule: CatalogJSON, or { class_name, config } of the parent's framework. */
function nested(parent: Entry, item: unknown, where: string): CatalogJSON {
  const o = plainObject(where, item);
  const name = typeof o.schedule === "string" ? o.schedule : typeof o.class_name === "string" ? `${parent.framework}.${o.class_name}` : undefined;
  if (name === undefined) throw new TypeError(`Argument \`${where}\` must name its schedule ({ "schedule": "${parent.framework}.NAME", "config": {...} }). Received: ${describe(item)}`);
  const entry = findEntry(name);
  if (entry === undefined || entry.framework !== parent.framework)
    throw new TypeError(`Argument \`${where}\` must be a ${parent.framework} schedule. Received: schedule=${describe(name)}`);
  return { schedule: entry.id, config: plainObject(`${where}.config`, o.config ?? {}) };
}

/** The nested schedules of a config's `schedulers`, read as CatalogJSON. */
function children(parent: Entry, value: unknown): CatalogJSON[] {
  if (!Array.isArray(value)) throw new TypeError(`Argument \`schedulers\` must be a list of schedulers. Received: schedulers=${describe(value)}`);
  return value.map((item, i) => nested(parent, item, `schedulers[${i}]`));
}

/** A torch entry: its class over a shared optimizer, nested schedulers built on the same one. */
interface TorchEntry extends Entry {
  make(optimizer: unknown, config: Record<string, unknown>): Made;
  /** Whether it (or a scheduler in it) cycles momentum: PyTorch then needs an optimizer that has one. */
  cyclesMomentum(config: Record<string, unknown>): boolean;
}

function torchEntry(cls: TorchClass): TorchEntry {
  const own = cls.args;
  const fnArg = own.find((a) => a.kind === "function" && a.required);
  const plateau = (cls as unknown) === torch.ReduceLROnPlateau;
  const ownsLr = cls.className === "OneCycleLR" || cls.className === "CyclicLR";
  const args = [ownsLr ? LR_UNUSED : LR, ...own.filter((a) => !LEFT_OUT(a)).map(fromTorchArg), ...(plateau ? [METRICS] : [])];
  const entry: TorchEntry = {
    id: `torch.${cls.className}`, framework: "torch", name: cls.className, jsName: cls.className, dtypes: DTYPES.torch, args,
    ...(fnArg === undefined ? {} : { unavailable: `${cls.className} takes a function (${fnArg.key}), which no config or flag gives: use lrdecay/torch in code` }),
    cyclesMomentum(given) {
      const cycles = args.find((a) => a.key === "cycle_momentum");
      if (cycles !== undefined && (given.cycle_momentum ?? cycles.default) === true) return true;
      return given.schedulers !== undefined && children(entry, given.schedulers).some((c) => (findEntry(c.schedule) as TorchEntry).cyclesMomentum(c.config));
    },
    make(optimizer, given) {
      if (entry.unavailable !== undefined) throw new TypeError(entry.unavailable);
      const config = complete(entry, given, args.filter((a) => a.key !== "lr"));
      const options: Record<string, unknown> = {};
      for (const arg of args) {
        if (arg.extra) continue;
        if (arg.kind === "schedules") {
          const made = children(entry, config[arg.key]).map((c) => ({ schedule: c.schedule, made: (findEntry(c.schedule) as TorchEntry).make(optimizer, c.config) }));
          config[arg.key] = made.map((m) => ({ schedule: m.schedule, config: m.made.config }));
          options[arg.option] = made.map((m) => m.made.scheduler);
        } else options[arg.option] = config[arg.key];
      }
      // ChainedScheduler takes its schedulers first (PyTorch's ChainedScheduler(schedulers, optimizer=None)).
      const scheduler = cls.className === "ChainedScheduler" ? new (cls as unknown as new (o: Record<string, unknown>) => Scheduler)({ ...options, optimizer }) : new cls(optimizer, options);
      return { scheduler, config };
    },
    build(given, d) {
      dtypeFor(entry, d);
      const { lr: lrGiven, ...rest } = plainObject("config", given);
      const lr = lrGiven === undefined ? args[0]!.default : args[0]!.check(lrGiven);
      if (lr === undefined) throw new TypeError(`${entry.id} needs \`lr\`, the optimizer's learning rate`);
      const momentum = entry.cyclesMomentum(rest);
      const made = entry.make(optimizerFor(lr as number, momentum), rest);
      return replayed(entry, made, torchParts(entry, { lr, ...made.config }, momentum));
    },
  };
  return entry;
}

/** HF's functions that return a LambdaLR, by their Python names: all of them (the type says so). */
const HF_FUNCTIONS: Record<ScheduleFunctionName, (optimizer: never, options: never) => Scheduler> = {
  get_constant_schedule: hf.getConstantSchedule,
  get_constant_schedule_with_warmup: hf.getConstantScheduleWithWarmup,
  get_linear_schedule_with_warmup: hf.getLinearScheduleWithWarmup,
  get_cosine_schedule_with_warmup: hf.getCosineScheduleWithWarmup,
  get_cosine_with_hard_restarts_schedule_with_warmup: hf.getCosineWithHardRestartsScheduleWithWarmup,
  get_polynomial_decay_schedule_with_warmup: hf.getPolynomialDecayScheduleWithWarmup,
  get_inverse_sqrt_schedule: hf.getInverseSqrtSchedule,
  get_cosine_with_min_lr_schedule_with_warmup: hf.getCosineWithMinLrScheduleWithWarmup,
  get_cosine_with_min_lr_schedule_with_warmup_lr_rate: hf.getCosineWithMinLrScheduleWithWarmupLrRate,
  get_wsd_schedule: hf.getWsdSchedule,
};

function hfEntry(name: string, fn: (optimizer: never, options: never) => Scheduler, declared: readonly DeclaredArg[], plateau: boolean): Entry {
  const entry: Entry = {
    id: `transformers.${name}`, framework: "transformers", name, jsName: camel(name), dtypes: DTYPES.transformers,
    args: [LR, ...declared.filter((a) => !LEFT_OUT(a)).map(fromTorchArg), ...(plateau ? [METRICS] : [])],
    build(given, d) {
      dtypeFor(entry, d);
      const config = complete(entry, given);
      const lr = config.lr as number;
      const options: Record<string, unknown> = {};
      // get_reduce_on_plateau_schedule takes ReduceLROnPlateau's keyword arguments by PyTorch's names.
      for (const arg of entry.args) if (arg.key !== "lr" && arg.key !== "metrics") options[plateau ? arg.key : arg.option] = config[arg.key];
      const scheduler = (fn as (o: unknown, c: unknown) => Scheduler)(optimizerFor(lr, false), options);
      return replayed(entry, { scheduler, config }, torchParts(entry, config, false));
    },
  };
  return entry;
}

/** The call parts of a torch or HF scheduler. */
function torchParts(entry: Entry, config: Record<string, unknown>, momentum: boolean): CallParts {
  const { lr, ...rest } = config;
  return { entry, config: rest, json: config, optimizer: { lr: lr as number, momentum: momentum ? MOMENTUM : null } };
}

/** The arguments a call writes: the required ones and those not at their defaults (the framework's only). */
export function shownArgs(args: readonly CatalogArg[], config: Record<string, unknown>): CatalogArg[] {
  return args.filter((a) => !a.extra && Object.hasOwn(config, a.key) && (a.required || !sameValue(config[a.key], a.default)));
}

function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === "number" && typeof b === "number") return Object.is(a, b) || a === b;
  return JSON.stringify(a) === JSON.stringify(b);
}

// --- The catalog ---------------------------------------------------------------------------------

function isTorchClass(x: unknown): x is TorchClass {
  return typeof x === "function" && typeof (x as { className?: unknown }).className === "string" && Array.isArray((x as { args?: unknown }).args) && x !== torch.LRScheduler;
}

function isOptaxFunction(x: unknown): x is optax.OptaxFunction {
  return typeof x === "function" && typeof (x as { optaxName?: unknown }).optaxName === "string";
}

/** Every schedule, grouped by framework in FRAMEWORKS' order; Keras' in its registry's order. */
export const CATALOG: readonly Entry[] = [
  ...Object.entries(SCHEDULES).map(([name, cls]) => kerasEntry(name, cls as KerasClass)),
  ...(Object.values(torch) as unknown[]).filter(isTorchClass).map(torchEntry),
  ...Object.entries(HF_FUNCTIONS).map(([name, fn]) => hfEntry(name, fn, argumentsOf(name as ScheduleFunctionName), false)),
  hfEntry("get_reduce_on_plateau_schedule", hf.getReduceOnPlateauSchedule as (o: never, c: never) => Scheduler, torch.ReduceLROnPlateau.args, true),
  ...(Object.entries(optax) as [string, unknown][]).filter((e): e is [string, optax.OptaxFunction] => isOptaxFunction(e[1])).map(([jsName, fn]) => optaxEntry(fn, jsName)),
];

const BY_NAME = new Map<string, Entry>();
for (const e of CATALOG) {
  BY_NAME.set(e.id, e);
  // lrdecay's names work too: transformers.getCosineScheduleWithWarmup, optax.warmupCosineDecaySchedule.
  if (!BY_NAME.has(`${e.framework}.${e.jsName}`)) BY_NAME.set(`${e.framework}.${e.jsName}`, e);
  // Plain Keras names keep working: CosineDecay is keras.CosineDecay.
  if (e.framework === "keras") BY_NAME.set(e.name, e);
}

/** The entry a name means ("torch.OneCycleLR", "keras.CosineDecay", "CosineDecay", "optax.sgdrSchedule"), or undefined. */
export function findEntry(name: string): Entry | undefined {
  return BY_NAME.get(name);
}

/** The entries that a config or flags can build (every one but those that take a function). */
export const BUILDABLE: readonly Entry[] = CATALOG.filter((e) => e.unavailable === undefined);

/** Builds a schedule from its CatalogJSON (what toJSON wrote). */
export function fromCatalogJSON(json: unknown): Built {
  const o = plainObject("json", json);
  const name = o.schedule;
  const entry = typeof name === "string" ? findEntry(name) : undefined;
  if (entry === undefined) throw new TypeError(`Argument \`schedule\` must name a schedule lrdecay knows (e.g. "torch.OneCycleLR"). Received: schedule=${describe(name)}`);
  if (o.dtype !== undefined && o.dtype !== "float32" && o.dtype !== "float64") throw new TypeError(`Argument \`dtype\` must be "float32" or "float64". Received: dtype=${describe(o.dtype)}`);
  return entry.build(plainObject("config", o.config ?? {}), o.dtype as DType | undefined);
}
