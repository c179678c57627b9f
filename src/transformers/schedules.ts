/**
 * Hugging Face's schedule functions (huggingface/transformers, src/transformers/optimization.py at
 * 005edacb), with HF's names in camelCase: each takes the optimizer and HF's arguments (positional,
 * in HF's order, or one options object in camelCase), checks them, and returns the torch scheduler
 * HF returns: a LambdaLR over HF's lambda (lambdas.ts), or a ReduceLROnPlateau. The lambda carries
 * its batch plan (phases.ts), so `range` and `evaluate` run on this module's kernels.
 *
 * The checks: HF's own, with HF's messages (as RangeErrors for its ValueErrors); and, where HF has
 * none, the step counts are non-negative safe integers (timescale a positive one) and the floats
 * finite, refused by name (a Python run would fail later, or compute garbage).
 */
import type { Backend } from "../core/types.js";
import { argumentError, finiteNumber, plainObject } from "../core/validate.js";
import { LambdaLR, type LrLambda, type OptimizerLike, ReduceLROnPlateau, type StateDict } from "../torch/index.js";
import * as arg from "../torch/args.js";
import { groupsOf } from "../torch/optimizer.js";
import { div, PI } from "../torch/python.js";
import { warnOnce } from "../torch/scheduler.js";
import type { Track } from "../torch/track.js";
import { algebraicPiece, cosinePiece, type Piece, polynomialPiece } from "./kernels.js";
import * as lambdas from "./lambdas.js";
import { type BatchedLambda, type Phase, withPhases } from "./phases.js";
import { floatRepr } from "./python.js";

/**
 * PyTorch's LambdaLR over an HF lambda that carries its batch plan (phases.ts). LambdaLR's value
 * at every step is the closed form `base_lr * lmbda(last_epoch)`, with no lr carried from one step
 * to the next, so a batch needs no replay: its Track (torch/track.ts) fills the requested steps'
 * rates with the plan, scaled by group 0's base lr on the kernels' lanes, and skips the steps no
 * one asked for. `.step()`, the state dict, and the Track's operations (which ChainedScheduler combines) are
 * LambdaLR's own.
 */
class BatchedLambdaLR extends LambdaLR {
  protected override track(backend: Backend): Track {
    const track = super.track(backend);
    const lambda = this.lrLambdas[0] as BatchedLambda;
    const base = this.freshBaseLr();
    return {
      ...track,
      run(from, n, lr, out, first) {
        if (n <= 0) return lr;
        const last = from + n - 1;
        const begin = out === null ? last + 1 : Math.max(from, first);
        if (begin > last) return base * lambda(last);
        const rates = out!.subarray(begin - first, last + 1 - first);
        lambda.batch.fillScaled(begin, rates.length, rates, backend, base);
        return rates[rates.length - 1]!;
      },
    };
  }
}

/**
 * The LambdaLR of a `functools.partial` lambda: PyTorch's state_dict saves a callable object's
 * `__dict__` (`{}` for a partial) where it saves None for a plain function.
 */
class PartialLambdaLR extends BatchedLambdaLR {
  override stateDict(): StateDict {
    return { ...super.stateDict(), lr_lambdas: this.lrLambdas.map(() => ({})) };
  }
}

const optionalFloat = (key: string, doc: string) =>
  arg.make<number | null>(key, "optionalNumber", false, { default: null, doc }, (n, v) => (v === null ? null : finiteNumber(n, v)));
const optionalCount = (key: string, doc: string) =>
  arg.make<number | null>(key, "optionalNumber", false, { default: null, doc }, (n, v) => (v === null ? null : arg.nonNegativeInteger(n, v)));
const count = (key: string, doc: string) => arg.int(key, { check: arg.nonNegativeInteger, doc });
/** A string; which ones HF accepts is checked where HF checks it, with its message. */
const text = (key: string, fallback: string, doc: string) =>
  arg.make<string>(key, "string", false, { default: fallback, doc }, (n, v) => {
    if (typeof v !== "string") throw argumentError(TypeError, { argument: n, value: v, rule: "must be a string" });
    return v;
  });

const WARMUP = count("num_warmup_steps", "steps of the linear warm-up from 0");
const TRAINING = count("num_training_steps", "the total number of training steps");
const LAST_EPOCH = arg.lastEpochArg();
const CYCLES = arg.float("num_cycles", { default: 0.5, doc: "waves of the cosine (0.5: down from the peak to 0 once)" });
const MIN_LR = optionalFloat("min_lr", "the lr the cosine ends at (min_lr_rate = min_lr / optimizer.defaults.lr)");
const MIN_LR_RATE = optionalFloat("min_lr_rate", "the lr the cosine ends at, as a ratio of the initial lr");

/** One of HF's functions: its Python name, its declared arguments, and what it builds. */
interface Spec {
  readonly name: string;
  readonly args: readonly arg.TorchArg[];
  readonly build: (optimizer: OptimizerLike, c: Record<string, unknown>) => LambdaLR | ReduceLROnPlateau;
}

/** HF's function `spec` called with `given` (positional, or one options object). */
function call(spec: Spec, optimizer: OptimizerLike, given: readonly unknown[]) {
  return spec.build(optimizer, arg.readArguments(spec.args, spec.name, given));
}

/** A LambdaLR over HF's partial lambda `lambda` with the batch plan of `phases`. */
function lambdaLR(optimizer: OptimizerLike, lambda: LrLambda, phases: readonly Phase[], lastEpoch: unknown): LambdaLR {
  return new PartialLambdaLR(optimizer, withPhases(lambda, phases), lastEpoch as number);
}

/** The warm-up phase most lambdas share: `float(current_step) / float(max(1, num_warmup_steps))`. */
function warmupPhase(w: number, den = Math.max(1, w)): Phase {
  return { end: w, piece: algebraicPiece("rise64", { t0: 0, shift: 0, den }) };
}

/** HF's `optimizer.defaults["lr"]`: the lr of a number or a TF.js optimizer, or the object's defaults.lr. */
function defaultLr(optimizer: OptimizerLike, fn: string): number {
  const defaults = groupsOf(optimizer).defaults;
  if (!Object.hasOwn(defaults, "lr"))
    throw new TypeError(`${fn} reads optimizer.defaults["lr"], which this optimizer lacks (Python's KeyError: 'lr'): give it defaults: { lr }`);
  return finiteNumber("optimizer.defaults.lr", defaults.lr);
}

/** get_cosine_with_min_lr_schedule_with_warmup's (and _lr_rate's) min_lr_rate, with HF's errors. */
function minLrRateOf(optimizer: OptimizerLike, c: Record<string, unknown>, fn: string): number {
  const minLr = c.min_lr as number | null;
  const minLrRate = c.min_lr_rate as number | null;
  if (minLr !== null && minLrRate !== null) throw new RangeError("Only one of min_lr or min_lr_rate should be set");
  if (minLr !== null) return div(minLr, defaultLr(optimizer, fn), "min_lr / optimizer.defaults['lr']");
  if (minLrRate === null) throw new RangeError("One of min_lr or min_lr_rate should be set through the `lr_scheduler_kwargs`");
  return minLrRate;
}

/** The cosine decay shared by cosine, cosine_with_min_lr and (shifted by one) cosine_warmup_with_min_lr. */
function cosineDecay(s: { numWarmupSteps: number; numCycles: number; minLrRate: number }, shift: number, den: number): Piece {
  return cosinePiece("cosineFall64", { t0: s.numWarmupSteps, shift, den, m: s.minLrRate }, PI * s.numCycles * 2.0);
}

/** HF's schedule functions that return a LambdaLR, by their Python names. */
export type ScheduleFunctionName =
  | "get_constant_schedule" | "get_constant_schedule_with_warmup" | "get_linear_schedule_with_warmup" | "get_cosine_schedule_with_warmup"
  | "get_cosine_with_hard_restarts_schedule_with_warmup" | "get_polynomial_decay_schedule_with_warmup" | "get_inverse_sqrt_schedule"
  | "get_cosine_with_min_lr_schedule_with_warmup" | "get_cosine_with_min_lr_schedule_with_warmup_lr_rate" | "get_wsd_schedule";

const SPECS: Record<ScheduleFunctionName, Spec> = {
  get_constant_schedule: {
    name: "get_constant_schedule",
    args: [LAST_EPOCH],
    // HF's _get_constant_lambda is a plain function: its state_dict entry is None.
    build: (optimizer, c) => new BatchedLambdaLR(optimizer, withPhases(() => lambdas.constant(), [{ end: Infinity, value: 1 }]), c.last_epoch as number),
  },
  get_constant_schedule_with_warmup: {
    name: "get_constant_schedule_with_warmup",
    args: [WARMUP, LAST_EPOCH],
    build(optimizer, c) {
      const s = { numWarmupSteps: c.num_warmup_steps as number };
      return lambdaLR(optimizer, (t) => lambdas.constantWithWarmup(t, s), [warmupPhase(s.numWarmupSteps, Math.max(1.0, s.numWarmupSteps)), { end: Infinity, value: 1.0 }], c.last_epoch);
    },
  },
  get_linear_schedule_with_warmup: {
    name: "get_linear_schedule_with_warmup",
    args: [WARMUP, TRAINING, LAST_EPOCH],
    build(optimizer, c) {
      const s = { numWarmupSteps: c.num_warmup_steps as number, numTrainingSteps: c.num_training_steps as number };
      const { numWarmupSteps: w, numTrainingSteps: n } = s;
      return lambdaLR(optimizer, (t) => lambdas.linear(t, s), [
        warmupPhase(w),
        { end: n + 1, piece: algebraicPiece("linear64", { t0: n, shift: 0, den: Math.max(1, n - w) }) },
        // Past N, max(0.0, a negative) is 0.0.
        { end: Infinity, value: 0.0 },
      ], c.last_epoch);
    },
  },
  get_cosine_schedule_with_warmup: {
    name: "get_cosine_schedule_with_warmup",
    args: [WARMUP, TRAINING, CYCLES, LAST_EPOCH],
    build(optimizer, c) {
      const s = { numWarmupSteps: c.num_warmup_steps as number, numTrainingSteps: c.num_training_steps as number, numCycles: c.num_cycles as number, minLrRate: 0.0 };
      const w = s.numWarmupSteps;
      // No clamp past N: the cosine comes back up, as HF's does.
      return lambdaLR(optimizer, (t) => lambdas.cosine(t, s), [warmupPhase(w), { end: Infinity, piece: cosineDecay(s, 0, Math.max(1, s.numTrainingSteps - w)) }], c.last_epoch);
    },
  },
  get_cosine_with_hard_restarts_schedule_with_warmup: {
    name: "get_cosine_with_hard_restarts_schedule_with_warmup",
    args: [WARMUP, TRAINING, arg.float("num_cycles", { default: 1, doc: "the number of hard restarts" }), LAST_EPOCH],
    build(optimizer, c) {
      const s = { numWarmupSteps: c.num_warmup_steps as number, numTrainingSteps: c.num_training_steps as number, numCycles: c.num_cycles as number };
      const w = s.numWarmupSteps;
      const den = Math.max(1, s.numTrainingSteps - w);
      // progress = (t - W) / den >= 1.0 exactly when t - W >= den: for integers a < b < 2^53,
      // a / b <= 1 - 1/b < 1 - 2^-53, which rounds below 1.
      return lambdaLR(optimizer, (t) => lambdas.hardRestarts(t, s), [
        warmupPhase(w),
        { end: w + den, piece: cosinePiece("restarts64", { t0: w, shift: 0, den }, s.numCycles) },
        { end: Infinity, value: 0.0 },
      ], c.last_epoch);
    },
  },
  get_polynomial_decay_schedule_with_warmup: {
    name: "get_polynomial_decay_schedule_with_warmup",
    args: [WARMUP, TRAINING, arg.float("lr_end", { default: 1e-7, doc: "the lr at num_training_steps and after" }), arg.float("power", { default: 1.0, doc: "the polynomial's power" }), LAST_EPOCH],
    build(optimizer, c) {
      const lrInit = defaultLr(optimizer, "get_polynomial_decay_schedule_with_warmup");
      const lrEnd = c.lr_end as number;
      if (!(lrInit > lrEnd))
        throw argumentError(RangeError, { argument: "lr_end", value: lrEnd, rule: `must be smaller than initial lr (${floatRepr(lrInit)})` }, `lr_end (${floatRepr(lrEnd)}) must be smaller than initial lr (${floatRepr(lrInit)})`);
      const s = { numWarmupSteps: c.num_warmup_steps as number, numTrainingSteps: c.num_training_steps as number, lrEnd, power: c.power as number, lrInit };
      const { numWarmupSteps: w, numTrainingSteps: n } = s;
      const decaySteps = n - w;
      // Where Python divides by zero, the lambda raises as it does, step by step.
      const decay: Phase =
        decaySteps === 0 || lrInit === 0
          ? { end: n + 1, exact: true }
          : { end: n + 1, piece: polynomialPiece({ w, decaySteps, power: s.power, lrRange: lrInit - lrEnd, lrEnd, lrInit }) };
      return lambdaLR(optimizer, (t) => lambdas.polynomial(t, s), [
        warmupPhase(w),
        decay,
        lrInit === 0 ? { end: Infinity, exact: true } : { end: Infinity, value: lrEnd / lrInit },
      ], c.last_epoch);
    },
  },
  get_inverse_sqrt_schedule: {
    name: "get_inverse_sqrt_schedule",
    args: [WARMUP, arg.optionalInt("timescale", { doc: "time scale (default: num_warmup_steps, or 10,000 if that is 0)" }), LAST_EPOCH],
    build(optimizer, c) {
      const w = c.num_warmup_steps as number;
      const s = { numWarmupSteps: w, timescale: (c.timescale as number | null) ?? (w || 10_000) };
      return lambdaLR(optimizer, (t) => lambdas.inverseSqrt(t, s), [
        warmupPhase(w),
        { end: Infinity, piece: algebraicPiece("inverseSqrt64", { t0: 0, shift: s.timescale - w, den: s.timescale }) },
      ], c.last_epoch);
    },
  },
  get_cosine_with_min_lr_schedule_with_warmup: {
    name: "get_cosine_with_min_lr_schedule_with_warmup",
    args: [WARMUP, TRAINING, CYCLES, LAST_EPOCH, MIN_LR, MIN_LR_RATE],
    build(optimizer, c) {
      const minLrRate = minLrRateOf(optimizer, c, "get_cosine_with_min_lr_schedule_with_warmup");
      const s = { numWarmupSteps: c.num_warmup_steps as number, numTrainingSteps: c.num_training_steps as number, numCycles: c.num_cycles as number, minLrRate };
      const w = s.numWarmupSteps;
      return lambdaLR(optimizer, (t) => lambdas.cosine(t, s), [warmupPhase(w), { end: Infinity, piece: cosineDecay(s, 0, Math.max(1, s.numTrainingSteps - w)) }], c.last_epoch);
    },
  },
  get_cosine_with_min_lr_schedule_with_warmup_lr_rate: {
    name: "get_cosine_with_min_lr_schedule_with_warmup_lr_rate",
    args: [WARMUP, TRAINING, CYCLES, LAST_EPOCH, MIN_LR, MIN_LR_RATE, optionalFloat("warmup_lr_rate", "the warm-up's first factor (default: (t + 1) / W)")],
    build(optimizer, c) {
      const minLrRate = minLrRateOf(optimizer, c, "get_cosine_with_min_lr_schedule_with_warmup_lr_rate");
      const s = {
        numWarmupSteps: c.num_warmup_steps as number, numTrainingSteps: c.num_training_steps as number, numCycles: c.num_cycles as number,
        minLrRate, warmupLrRate: c.warmup_lr_rate as number | null,
      };
      const { numWarmupSteps: w, warmupLrRate: rate } = s;
      const warm: Phase =
        rate === null
          ? { end: w, piece: algebraicPiece("rise64", { t0: 0, shift: 1, den: Math.max(1.0, w) }) }
          : { end: w, piece: algebraicPiece("rateRise64", { t0: 0, shift: 0, den: Math.max(1, w - 1), m: rate }) };
      return lambdaLR(optimizer, (t) => lambdas.cosineLrRate(t, s), [warm, { end: Infinity, piece: cosineDecay(s, 1.0, Math.max(1.0, s.numTrainingSteps - w)) }], c.last_epoch);
    },
  },
  get_wsd_schedule: {
    name: "get_wsd_schedule",
    args: [
      WARMUP,
      count("num_decay_steps", "steps of the decay"),
      optionalCount("num_training_steps", "warm-up, stable and decay steps in all (the stable phase is what is left)"),
      optionalCount("num_stable_steps", "steps at the peak lr (wins over num_training_steps)"),
      text("warmup_type", "linear", "the warm-up's shape: 'linear', 'cosine' or '1-sqrt'"),
      text("decay_type", "cosine", "the decay's shape: 'linear', 'cosine' or '1-sqrt'"),
      arg.float("min_lr_ratio", { default: 0, doc: "the lowest lr, as a ratio of the peak" }),
      CYCLES,
      LAST_EPOCH,
    ],
    build(optimizer, c) {
      const n = c.num_training_steps as number | null;
      let stable = c.num_stable_steps as number | null;
      if (n === null && stable === null) throw new RangeError("Either num_training_steps or num_stable_steps must be specified.");
      if (n !== null && stable !== null) warnOnce("Both num_training_steps and num_stable_steps are specified. num_stable_steps will be used.");
      const shapes: readonly string[] = ["linear", "cosine", "1-sqrt"];
      for (const [key, what] of [["warmup_type", "warmup"], ["decay_type", "decay"]] as const) {
        const v = c[key] as string;
        if (!shapes.includes(v))
          throw argumentError(RangeError, { argument: key, value: v, rule: "must be 'linear', 'cosine' or '1-sqrt'" }, `Unknown ${what} type: ${v}, expected 'linear', 'cosine' or '1-sqrt'`);
      }
      const w = c.num_warmup_steps as number;
      const d = c.num_decay_steps as number;
      if (stable === null) {
        stable = n! - w - d;
        if (!Number.isSafeInteger(stable))
          throw argumentError(
            RangeError,
            { argument: "num_training_steps", value: n, rule: "minus num_warmup_steps and num_decay_steps must be a safe integer" },
            `num_training_steps - num_warmup_steps - num_decay_steps must be a safe integer. Received: ${n} - ${w} - ${d}`,
          );
      }
      const s: lambdas.WsdSettings = {
        numWarmupSteps: w, numStableSteps: stable, numDecaySteps: d, warmupType: c.warmup_type as lambdas.WsdType,
        decayType: c.decay_type as lambdas.WsdType, minLrRatio: c.min_lr_ratio as number, numCycles: c.num_cycles as number,
      };
      const m = s.minLrRatio;
      const up = { t0: 0, shift: 0, den: Math.max(1, w), m };
      const down = { t0: w + stable, shift: 0, den: Math.max(1, d), m };
      const warm =
        s.warmupType === "linear" ? algebraicPiece("rise64", up) : s.warmupType === "cosine" ? cosinePiece("cosineRise64", up, PI) : algebraicPiece("sqrtRise64", up);
      const decay =
        s.decayType === "linear" ? algebraicPiece("fall64", down) : s.decayType === "cosine" ? cosinePiece("cosineFall64", down, PI * s.numCycles * 2.0) : algebraicPiece("sqrtFall64", down);
      return lambdaLR(optimizer, (t) => lambdas.wsd(t, s), [
        { end: w, piece: warm },
        { end: w + stable, value: 1.0 },
        { end: w + stable + d, piece: decay },
        { end: Infinity, value: m },
      ], c.last_epoch);
    },
  },
};

/** HF's function `name` called with keyword arguments (an options object): getScheduler's way. */
export function callByName(name: ScheduleFunctionName, optimizer: OptimizerLike, options: Record<string, unknown>): LambdaLR {
  return call(SPECS[name], optimizer, [options]) as LambdaLR;
}

/** The declared arguments of HF's function `name`. */
export function argumentsOf(name: ScheduleFunctionName): readonly arg.TorchArg[] {
  return SPECS[name].args;
}

/** HF's keyword arguments as an options object: camelCase, or HF's (Python's) names. */
export function keywordOptions(args: readonly arg.TorchArg[], kwargs: unknown, fn: string): Record<string, unknown> {
  const given = plainObject("scheduler_specific_kwargs", kwargs);
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(given)) {
    const a = args.find((x) => x.key === key || x.option === key);
    // An unknown name is kept: the function refuses it by name.
    const option = a?.option ?? key;
    if (Object.hasOwn(options, option)) throw new TypeError(`${fn}() got multiple values for keyword argument '${a?.key ?? key}'`);
    options[option] = value;
  }
  return options;
}

/** Arguments after the optimizer, in HF's order, or one options object in camelCase. */
type Call<Positional extends unknown[], Options> = ((optimizer: OptimizerLike, ...args: Positional) => LambdaLR) & ((optimizer: OptimizerLike, options: Options) => LambdaLR);
const exported = <P extends unknown[], O>(name: ScheduleFunctionName) => ((optimizer: OptimizerLike, ...given: unknown[]) => call(SPECS[name], optimizer, given)) as Call<P, O>;

/**
 * HF's get_constant_schedule: the optimizer's lr at every step (`lambda _: 1`).
 *
 * ```ts
 * const s = getConstantSchedule({ param_groups: [{ lr: 0.1 }] });
 * s.getLastLr();                              // [0.1]
 * ```
 */
export const getConstantSchedule = exported<[lastEpoch?: number], { lastEpoch?: number }>("get_constant_schedule");

/**
 * HF's get_constant_schedule_with_warmup: a linear warm-up from 0 over num_warmup_steps, then the
 * optimizer's lr.
 *
 * ```ts
 * const s = getConstantScheduleWithWarmup(0.1, 100);
 * s.range(0, 200);                            // 0, 0.001, ..., 0.099, then 0.1
 * ```
 */
export const getConstantScheduleWithWarmup = exported<[numWarmupSteps: number, lastEpoch?: number], { numWarmupSteps: number; lastEpoch?: number }>(
  "get_constant_schedule_with_warmup",
);

/**
 * HF's get_linear_schedule_with_warmup: a linear warm-up from 0, then linearly down to 0 at
 * num_training_steps, and 0 after.
 *
 * ```ts
 * const s = getLinearScheduleWithWarmup({ param_groups: [{ lr: 5e-5 }] }, 500, 10_000);
 * s.step(); s.getLastLr();                    // [1e-7]
 * ```
 */
export const getLinearScheduleWithWarmup = exported<
  [numWarmupSteps: number, numTrainingSteps: number, lastEpoch?: number],
  { numWarmupSteps: number; numTrainingSteps: number; lastEpoch?: number }
>("get_linear_schedule_with_warmup");

/**
 * HF's get_cosine_schedule_with_warmup: a linear warm-up from 0, then a cosine from the lr down to 0
 * at num_training_steps (num_cycles = 0.5), computed as HF does, `math.pi * float(num_cycles) *
 * 2.0 * progress` with `progress = (t - W) / (N - W)`. Past N it comes back up (HF does not clamp).
 *
 * ```ts
 * const s = getCosineScheduleWithWarmup({ param_groups: [{ lr: 0.1 }] }, 10, 100);
 * s.range(0, 1_000_000);                      // a million steps in one call, on the Wasm kernel
 * ```
 */
export const getCosineScheduleWithWarmup = exported<
  [numWarmupSteps: number, numTrainingSteps: number, numCycles?: number, lastEpoch?: number],
  { numWarmupSteps: number; numTrainingSteps: number; numCycles?: number; lastEpoch?: number }
>("get_cosine_schedule_with_warmup");

/**
 * HF's get_cosine_with_hard_restarts_schedule_with_warmup: a linear warm-up, then num_cycles cosines
 * from the lr down to 0, each restarting at the lr; 0 from num_training_steps on.
 */
export const getCosineWithHardRestartsScheduleWithWarmup = exported<
  [numWarmupSteps: number, numTrainingSteps: number, numCycles?: number, lastEpoch?: number],
  { numWarmupSteps: number; numTrainingSteps: number; numCycles?: number; lastEpoch?: number }
>("get_cosine_with_hard_restarts_schedule_with_warmup");

/**
 * HF's get_polynomial_decay_schedule_with_warmup: a linear warm-up, then
 * `(lr_init - lr_end) * (1 - (t - W) / (N - W)) ** power + lr_end`, divided by lr_init (LambdaLR
 * multiplies it by each group's lr again), and lr_end from N on.
 *
 * lr_init is HF's `optimizer.defaults["lr"]`: the `defaults.lr` of a PyTorch-shaped optimizer (a
 * TypeError if it has none, as Python's KeyError), the learning rate of a TF.js optimizer when the
 * schedule is made, or the number passed as optimizer. HF raises unless lr_init > lr_end.
 */
export const getPolynomialDecayScheduleWithWarmup = exported<
  [numWarmupSteps: number, numTrainingSteps: number, lrEnd?: number, power?: number, lastEpoch?: number],
  { numWarmupSteps: number; numTrainingSteps: number; lrEnd?: number; power?: number; lastEpoch?: number }
>("get_polynomial_decay_schedule_with_warmup");

/**
 * HF's get_inverse_sqrt_schedule: a linear warm-up, then `1 / sqrt((t + timescale - W) / timescale)`.
 * timescale defaults to num_warmup_steps, or 10,000 when that is 0; given, it must be a positive
 * integer (HF would divide by 0 at every step after the warm-up).
 */
export const getInverseSqrtSchedule = exported<
  [numWarmupSteps: number, timescale?: number | null, lastEpoch?: number],
  { numWarmupSteps: number; timescale?: number | null; lastEpoch?: number }
>("get_inverse_sqrt_schedule");

/**
 * HF's get_cosine_with_min_lr_schedule_with_warmup: the cosine schedule ending at min_lr (or at
 * min_lr_rate times the lr; exactly one of them): `factor * (1 - min_lr_rate) + min_lr_rate`.
 * min_lr_rate = min_lr / optimizer.defaults["lr"] (see getPolynomialDecayScheduleWithWarmup).
 */
export const getCosineWithMinLrScheduleWithWarmup = exported<
  [numWarmupSteps: number, numTrainingSteps: number, numCycles?: number, lastEpoch?: number, minLr?: number | null, minLrRate?: number | null],
  { numWarmupSteps: number; numTrainingSteps: number; numCycles?: number; lastEpoch?: number; minLr?: number | null; minLrRate?: number | null }
>("get_cosine_with_min_lr_schedule_with_warmup");

/**
 * HF's get_cosine_with_min_lr_schedule_with_warmup_lr_rate (SchedulerType "cosine_warmup_with_min_lr"):
 * as getCosineWithMinLrScheduleWithWarmup, but shifted by one step (`(t + 1) / W` in the warm-up,
 * `(t - W + 1) / (N - W)` in the decay: never 0 at step 0, and one step ahead), or a warm-up from
 * warmup_lr_rate: `w + (1 - w) * t / max(1, W - 1)`.
 */
export const getCosineWithMinLrScheduleWithWarmupLrRate = exported<
  [numWarmupSteps: number, numTrainingSteps: number, numCycles?: number, lastEpoch?: number, minLr?: number | null, minLrRate?: number | null, warmupLrRate?: number | null],
  {
    numWarmupSteps: number; numTrainingSteps: number; numCycles?: number; lastEpoch?: number;
    minLr?: number | null; minLrRate?: number | null; warmupLrRate?: number | null;
  }
>("get_cosine_with_min_lr_schedule_with_warmup_lr_rate");

/** get_wsd_schedule's options. */
export interface WsdOptions {
  numWarmupSteps: number;
  numDecaySteps: number;
  numTrainingSteps?: number | null;
  numStableSteps?: number | null;
  warmupType?: lambdas.WsdType;
  decayType?: lambdas.WsdType;
  minLrRatio?: number;
  numCycles?: number;
  lastEpoch?: number;
}

/**
 * HF's get_wsd_schedule (SchedulerType "warmup_stable_decay"): warm-up from min_lr_ratio to the lr
 * (linear, cosine or 1-sqrt), a stable phase at the lr, a decay back to min_lr_ratio (linear,
 * cosine or 1-sqrt), then min_lr_ratio. The stable phase is num_stable_steps, or what
 * num_training_steps leaves after the warm-up and the decay.
 *
 * ```ts
 * const s = getWsdSchedule(opt, { numWarmupSteps: 100, numDecaySteps: 400, numTrainingSteps: 2000, decayType: "1-sqrt" });
 * ```
 */
export const getWsdSchedule = exported<
  [numWarmupSteps: number, numDecaySteps: number, numTrainingSteps?: number | null, numStableSteps?: number | null,
    warmupType?: lambdas.WsdType, decayType?: lambdas.WsdType, minLrRatio?: number, numCycles?: number, lastEpoch?: number],
  WsdOptions
>("get_wsd_schedule");

/** getWsdSchedule by the name of its SchedulerType, "warmup_stable_decay". */
export const getWarmupStableDecaySchedule = getWsdSchedule;

/** ReduceLROnPlateau's options, in camelCase or PyTorch's names (`min_lr`, `threshold_mode`). */
export type PlateauKwargs = object;

/**
 * HF's get_reduce_on_plateau_schedule: `ReduceLROnPlateau(optimizer, **kwargs)`, lrdecay/torch's,
 * with its options in camelCase (`{ patience: 2, minLr: 1e-5 }`) or PyTorch's names (`min_lr`).
 */
export function getReduceOnPlateauSchedule(optimizer: OptimizerLike, kwargs: PlateauKwargs = {}): ReduceLROnPlateau {
  return new ReduceLROnPlateau(optimizer, keywordOptions(ReduceLROnPlateau.args, kwargs, "ReduceLROnPlateau"));
}
