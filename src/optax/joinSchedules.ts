/**
 * optax's join_schedules, and the schedules made with it: warmup_cosine_decay_schedule,
 * warmup_exponential_decay_schedule and sgdr_schedule. Every piece runs its own kernel: a range is
 * cut into runs of one piece, an array is gathered by piece; except the arrays of a warm-up cosine or
 * an sgdr whose warm-ups are all > 0, which one fused kernel computes count by count (fusedCycles).
 */
import * as cosineTwins from "../../assembly/optax/cosineDecaySchedule.twin.js";
import { GENERAL } from "../../assembly/optax/shared/power.twin.js";
import * as SP from "../../assembly/optax/sgdrSchedule.params.js";
import * as WP from "../../assembly/optax/warmupCosineDecaySchedule.params.js";
import { readArguments, type OptionsOf } from "../core/args.js";
import { execute, paramsOf, type Plan } from "../core/batch.js";
import { readSteps } from "../core/steps.js";
import type { DType, FloatArray } from "../core/types.js";
import * as check from "../core/validate.js";
import { kernelOf } from "../core/wasm.js";
import * as arg from "./args.js";
import { cosineDecayPlan, cosineSlots, exponentValue, positiveDecaySteps, type CosineDecay } from "./cosineDecaySchedule.js";
import { rounder } from "./exact.js";
import { exponentialPlan } from "./exponentialDecay.js";
import { polynomialPlan } from "./polynomialSchedule.js";
import { countOf, countRule, declared, define, OptaxSchedule, pythonKwargs, shifted, type Definition } from "./schedule.js";
import { OPTAX } from "./wasm.js";

/** Counts per block of a join's arrays: the gather and scatter buffers stay in cache. */
const BLOCK = 1 << 14;

/**
 * Whether the last group() or group2() wrote a count, as a piece sees it, of 2^53 or more in
 * magnitude (float64; group2 also looks at counts it did not keep): only then does the run look
 * for the one to refuse, count by count.
 */
let farShift = false;

/**
 * A block of counts grouped by piece: each count checked (an int32, or an integer below 2^53 for
 * float64), its piece found (the last boundary at or below it, as the chain of jnp.where; sorted
 * boundaries, the usual, by a branch-free count of those at or below), and the count as its piece
 * sees it (count - the piece's boundary; shifts[0] is 0) written to the piece's stretch of `mine`
 * (piece j's from j * stride on) with its place in the block to `index`. Returns the index of the
 * first count that is no count of the dtype, or counts.length; each piece's count in `sizes`.
 * (A cursor per piece in an array costs a store-then-load chain, 6 to 7 ns a count, measured; a
 * pass per piece with its cursor in a local, as many passes as pieces: 6 ns each. group2 below
 * does two pieces in one pass with both cursors in locals, 4 ns.)
 */
function group(
  counts: Float64Array, boundaries: Float64Array, shifts: Float64Array, sorted: boolean, dtype: DType,
  mine: Float64Array, index: Int32Array, stride: number, sizes: Int32Array,
): number {
  const n = counts.length;
  const m = boundaries.length;
  const int32 = dtype === "float32";
  for (let j = 0; j <= m; j++) sizes[j] = j * stride;
  farShift = false;
  for (let i = 0; i < n; i++) {
    const c = counts[i]!;
    // (c | 0) === c: an int32 (the cheap test: Math.floor and two comparisons took 3 times as long).
    if (int32 ? (c | 0) !== c : !(Math.abs(c) < 9007199254740992 && Math.floor(c) === c)) return i;
    let k = 0;
    if (sorted) for (let j = 0; j < m; j++) k += c >= boundaries[j]! ? 1 : 0;
    else for (let j = 0; j < m; j++) if (c >= boundaries[j]!) k = j + 1;
    const p = sizes[k]!;
    sizes[k] = p + 1;
    const x = int32 ? (c - shifts[k]!) | 0 : c - shifts[k]!;
    if (!int32 && Math.abs(x) >= arg.SAFE) farShift = true;
    mine[p] = x;
    index[p] = i;
  }
  for (let j = 0; j <= m; j++) sizes[j] = sizes[j]! - j * stride;
  return n;
}

/** group() for two pieces (the warm-ups, and most joins): one pass, both cursors in locals. */
function group2(counts: Float64Array, b1: number, dtype: DType, mine: Float64Array, index: Int32Array, stride: number, sizes: Int32Array): number {
  const n = counts.length;
  const int32 = dtype === "float32";
  let s0 = 0;
  let s1 = stride;
  farShift = false;
  for (let i = 0; i < n; i++) {
    const c = counts[i]!;
    if (int32 ? (c | 0) !== c : !(Math.abs(c) < 9007199254740992 && Math.floor(c) === c)) return i;
    const k = c >= b1 ? 1 : 0;
    mine[s0] = c;
    index[s0] = i;
    s0 += 1 - k;
    const x = int32 ? (c - b1) | 0 : c - b1;
    if (!int32 && Math.abs(x) >= arg.SAFE) farShift = true;
    mine[s1] = x;
    index[s1] = i;
    s1 += k;
  }
  sizes[0] = s0;
  sizes[1] = s1 - stride;
  return n;
}

/** out[from + index[p]] = values[p] for every p. */
function scatter(out: FloatArray, from: number, index: Int32Array, values: FloatArray): void {
  for (let p = 0; p < values.length; p++) out[from + index[p]!] = values[p]!;
}

/** The plan of a join: `pieces[k]` at count - boundaries[k - 1] from that boundary on. */
export function joinPlan(pieces: readonly Plan[], boundaries: readonly number[], dtype: DType): Plan {
  for (const b of boundaries) arg.int32In("boundaries", b, dtype);
  /** The piece at count c: the last whose boundary is at or below c, as the chain of jnp.where. */
  const pick = (c: number): number => {
    let k = 0;
    for (let j = 0; j < boundaries.length; j++) if (c >= boundaries[j]!) k = j + 1;
    return k;
  };
  /** The count piece k sees: count - boundary, in int32 (wrapping around) or int64. */
  const local = (c: number, k: number): number => (k === 0 ? c : shifted(c, boundaries[k - 1]!, dtype));
  /**
   * A double holds an int64 count exactly below 2^53: beyond, float64's count - boundary is refused
   * (`what` says which count). float32's int32 counts never get there.
   */
  const checked = (x: number, k: number, what: () => string): number => {
    if (Math.abs(x) >= arg.SAFE)
      throw new RangeError(
        `${what()}: join_schedules gives schedules[${k}] the count minus boundaries[${k - 1}] = ${boundaries[k - 1]}, which must stay below 2^53 in magnitude in float64 (its int64 is then exact in a double)`,
      );
    return x;
  };
  let buffers: { counts: Float64Array; mine: Float64Array; index: Int32Array; values: FloatArray; sizes: Int32Array } | undefined;
  const sorted = boundaries.every((b, j) => j === 0 || boundaries[j - 1]! <= b);
  const bounds = Float64Array.from(boundaries);
  const shifts = Float64Array.from([0, ...boundaries]);
  const at = (step: number) => {
    const c = countOf(step, dtype);
    const k = pick(c);
    return pieces[k]!.at(checked(local(c, k), k, () => `Argument \`step\`=${c} is refused`));
  };
  return {
    kernel: null,
    twin: (_params, steps, start, out, _hard, n) => {
      for (let i = 0; i < n; i++) out[i] = at(steps !== null ? steps[i]! : start + i);
      return 0;
    },
    params: new Float64Array(0),
    stepRule: countRule(dtype),
    at,
    run: ({ steps, start, out, backend }) => {
      if (steps === null) {
        // Runs of one piece, also cut where a piece's count would wrap around in int32.
        const end = start + out.length;
        const cuts = new Set([start, end]);
        for (const b of boundaries) {
          if (b > start && b < end) cuts.add(b);
          const wrap = b + 2 ** 31;
          if (dtype === "float32" && wrap > start && wrap < end) cuts.add(wrap);
        }
        const sorted = [...cuts].sort((x, y) => x - y);
        for (let j = 0; j + 1 < sorted.length; j++) {
          const lo = sorted[j]!;
          const hi = sorted[j + 1]!;
          const k = pick(lo);
          const what = () => `Arguments \`start\`=${start} and \`stop\`=${end} are refused`;
          checked(local(hi - 1, k), k, what);
          execute(pieces[k]!, backend, { dtype, steps: null, start: checked(local(lo, k), k, what), out: out.subarray(lo - start, hi - start) });
        }
        return;
      }
      // Arrays, a block at a time: the counts grouped by piece as each piece sees them (group),
      // each piece's computed by its own kernel, the values put back in place.
      const n = out.length;
      const block = BLOCK;
      // The plan's own buffers, made once: a join inside a join (sgdr_schedule's) runs for every
      // block of its parent, and fresh buffers each time kept the garbage collector busy.
      buffers ??= {
        counts: new Float64Array(block),
        mine: new Float64Array(block * pieces.length),
        index: new Int32Array(block * pieces.length),
        values: dtype === "float64" ? new Float64Array(block) : new Float32Array(block),
        sizes: new Int32Array(pieces.length),
      };
      const { counts, mine, index, values, sizes } = buffers;
      for (let from = 0; from < n; from += block) {
        const length = Math.min(block, n - from);
        const here = counts.subarray(0, length);
        readSteps(steps, from, here, dtype);
        const bad =
          pieces.length === 2 ? group2(here, bounds[0]!, dtype, mine, index, block, sizes) : group(here, bounds, shifts, sorted, dtype, mine, index, block, sizes);
        if (bad < length) throw new RangeError(`Argument \`steps\` must hold ${countRule(dtype)}. Received: steps[${from + bad}]=${check.describe(steps[from + bad])}`);
        for (let k = 0; k < pieces.length; k++) {
          const m = sizes[k]!;
          if (m === 0) continue;
          const at = k * block;
          const theirs = mine.subarray(at, at + m);
          // float64: a double holds the int64 count exactly below 2^53 (float32's never get there).
          if (dtype === "float64" && farShift)
            for (let j = 0; j < m; j++)
              if (Math.abs(theirs[j]!) >= arg.SAFE) checked(theirs[j]!, k, () => `Argument \`steps\` is refused at steps[${from + index[at + j]!}]=${here[index[at + j]!]}`);
          const got = values.subarray(0, m);
          execute(pieces[k]!, backend, { dtype, steps: theirs, start: 0, out: got });
          scatter(out, from, index.subarray(at, at + m), got);
        }
      }
    },
  };
}

const JOIN_ARGS = [
  arg.list("schedules", "schedules", schedule, "the schedules, in order (optax schedules of this module)"),
  arg.integers("boundaries", "the counts where each schedule after the first takes over (one fewer than schedules)"),
] as const;

/** An optax schedule of this module: a join runs their kernels. */
function schedule(name: string, value: unknown): OptaxSchedule<DType> {
  if (!(value instanceof OptaxSchedule)) throw new TypeError(`Argument \`${name}\` must be an optax schedule of lrdecay/optax. Received: ${name}=${check.describe(value)}`);
  return value;
}

const JOIN: Definition = {
  name: "join_schedules",
  jsName: "joinSchedules",
  args: JOIN_ARGS,
  validate: (c) => {
    const pieces = c.schedules as readonly OptaxSchedule<DType>[];
    const boundaries = c.boundaries as readonly number[];
    // optax's zip would drop what does not pair up; refused rather than ignored.
    if (pieces.length === 0 || boundaries.length !== pieces.length - 1)
      throw new RangeError(
        `Argument \`boundaries\` must hold one boundary fewer than \`schedules\` holds schedules (at least one). Received: ${pieces.length} schedules, ${boundaries.length} boundaries`,
      );
  },
  plan: (c, dtype) => {
    const schedules = c.schedules as readonly OptaxSchedule<DType>[];
    const boundaries = c.boundaries as readonly number[];
    const plan = joinPlan(schedules.map((s) => s.planFor(dtype)), boundaries, dtype);
    // The same schedule (its Python call, every argument) restarted every D counts: periodic.
    const D = boundaries[0] ?? 0;
    const alike = schedules.every((s) => String(s) === String(schedules[0])) && boundaries.every((b, k) => b === (k + 1) * D);
    return alike ? periodic(plan, D, schedules.length) : plan;
  },
};
const makeJoin = define(JOIN);

export interface JoinSchedulesFunction {
  <D extends DType = "float32">(options: { schedules: readonly OptaxSchedule<DType>[]; boundaries: readonly number[]; dtype?: D }): OptaxSchedule<D>;
  (schedules: readonly OptaxSchedule<DType>[], boundaries: readonly number[]): OptaxSchedule;
}

/**
 * optax.join_schedules(schedules, boundaries):
 *
 *     def schedule(step):
 *       output = schedules[0](step)
 *       for boundary, schedule in zip(boundaries, schedules[1:]):
 *         output = jnp.where(step < boundary, output, schedule(step - boundary))
 *       return output
 *
 * jnp.where selects, so the value at a count is the last schedule whose boundary is at or below
 * it (the first schedule below every boundary), at count - boundary (int32, wrapping around, in
 * float32); what the other schedules compute there, NaN and Infinity included, does not reach it.
 * The pieces' own dtypes do not matter: the join computes every piece in its own.
 *
 * ```ts
 * const s = joinSchedules([constantSchedule(1), linearSchedule(2, 0, 4)], [3]);
 * s(2);                                        // 1
 * s.range(0, 6);                               // 1, 1, 1, 2, 1.5, 1: the linear piece from count 3 on, at count - 3
 * ```
 *
 * Arguments: schedules, optax schedules (at least one); boundaries, the counts (integers) where each
 * next schedule starts, one fewer than the schedules.
 */
export const joinSchedules = declared(((...args: unknown[]) => makeJoin(args)) as JoinSchedulesFunction, JOIN);

// ---------------------------------------------------------------------------------------------
// warmup_cosine_decay_schedule.

const WARMUP_COSINE_ARGS = [
  arg.number("init_value", { float: true, doc: "the value at count 0" }),
  arg.number("peak_value", { float: true, doc: "the value at warmup_steps" }),
  arg.integer("warmup_steps", { doc: "counts of linear warm-up (<= 0: none, with optax's notice)" }),
  arg.integer("decay_steps", { doc: "counts of the whole schedule, warm-up included (> warmup_steps)" }),
  arg.number("end_value", { default: 0.0, float: true, doc: "the value from decay_steps on" }),
  arg.number("exponent", { default: 1, check: exponentValue, doc: "the power of the cosine term (>= 0; an integer is a Python int)" }),
] as const;

/** warmup_cosine_decay_schedule's two pieces in `dtype`, from its config, and the warm-up's length (their boundary). */
function warmupCosinePieces(c: Readonly<Record<string, unknown>>, dtype: DType): { pieces: [Plan, Plan]; warmup: number } {
  const peak = c.peak_value as number;
  const w = c.warmup_steps as number;
  return {
    pieces: [polynomialPlan({ init: c.init_value as number, end: peak, power: 1, steps: w, begin: 0 }, dtype), cosineDecayPlan(cosineOf(c), dtype)],
    warmup: w,
  };
}

/** warmup_cosine_decay_schedule's cosine piece's arguments, from its config. */
function cosineOf(c: Readonly<Record<string, unknown>>): CosineDecay {
  const peak = c.peak_value as number;
  const w = c.warmup_steps as number;
  // optax: alpha = 0.0 if peak_value == 0.0 else end_value / peak_value, in Python's float64.
  const alpha = peak === 0 ? 0 : (c.end_value as number) / peak;
  return { init: peak, steps: (c.decay_steps as number) - w, alpha, exponent: c.exponent as number };
}

/**
 * warmup_cosine_decay_schedule's plan: the join of its pieces at the warm-up's end; with a warm-up
 * (warmup_steps > 0: otherwise the first piece is a constant), an array's counts go through the
 * fused kernel, as an sgdr_schedule of one cycle (fusedCycles).
 */
function warmupCosinePlan(c: Record<string, unknown>, dtype: DType): Plan {
  const { pieces, warmup } = warmupCosinePieces(c, dtype);
  const join = joinPlan(pieces, [warmup], dtype);
  return fusedCycles([c], join, dtype) ?? join;
}

const WARMUP_COSINE: Definition = {
  name: "warmup_cosine_decay_schedule",
  jsName: "warmupCosineDecaySchedule",
  args: WARMUP_COSINE_ARGS,
  // optax raises from cosine_decay_schedule, whose decay_steps is decay_steps - warmup_steps.
  validate: (c) => positiveDecaySteps((c.decay_steps as number) - (c.warmup_steps as number)),
  plan: warmupCosinePlan,
};
const makeWarmupCosine = define(WARMUP_COSINE);

/** warmup_cosine_decay_schedule's options: `{ initValue, peakValue, warmupSteps, decaySteps, endValue?, exponent?, dtype? }`. */
export type WarmupCosineDecayScheduleOptions<D extends DType = DType> = OptionsOf<typeof WARMUP_COSINE_ARGS, D>;

export interface WarmupCosineDecayScheduleFunction {
  <D extends DType = "float32">(options: WarmupCosineDecayScheduleOptions<D>): OptaxSchedule<D>;
  (initValue: number, peakValue: number, warmupSteps: number, decaySteps: number, endValue?: number, exponent?: number): OptaxSchedule;
}

/**
 * optax.warmup_cosine_decay_schedule(init_value, peak_value, warmup_steps, decay_steps,
 * end_value=0.0, exponent=1.0):
 *
 *     alpha = 0.0 if peak_value == 0.0 else end_value / peak_value
 *     schedules = [
 *         linear_schedule(init_value=init_value, end_value=peak_value, transition_steps=warmup_steps),
 *         cosine_decay_schedule(init_value=peak_value, decay_steps=decay_steps - warmup_steps,
 *                               alpha=alpha, exponent=exponent)]
 *     return join_schedules(schedules, [warmup_steps])
 *
 * alpha in Python's float64, then each piece with its own roundings (linearSchedule's and
 * cosineDecaySchedule's docs). decay_steps counts the warm-up (Keras' CosineDecay does not);
 * decay_steps <= warmup_steps raises, as optax's cosine_decay_schedule does.
 *
 * ```ts
 * const s = warmupCosineDecaySchedule({ initValue: 0, peakValue: 0.1, warmupSteps: 10, decaySteps: 100 });
 * s(1);                                        // 0.01000000536441803: (0 - 0.1) * 0.9 + 0.1 in float32
 * s(55);                                       // 0.04999999701976776
 * ```
 *
 * Arguments: init_value; peak_value; warmup_steps (an integer); decay_steps (an integer >
 * warmup_steps); end_value (default 0.0); exponent (>= 0, default 1).
 */
export const warmupCosineDecaySchedule = declared(((...args: unknown[]) => makeWarmupCosine(args)) as WarmupCosineDecayScheduleFunction, WARMUP_COSINE);

// ---------------------------------------------------------------------------------------------
// warmup_exponential_decay_schedule.

/** decay_rate as exponential_decay takes it (>= 0). */
function decayRate(name: string, value: unknown): number {
  const r = check.finiteNumber(name, value);
  if (r < 0) throw new RangeError(`Argument \`${name}\` must be >= 0 (a negative rate gives NaN at fractional powers). Received: ${name}=${check.describe(value)}`);
  return r;
}

const WARMUP_EXPONENTIAL_ARGS = [
  arg.number("init_value", { float: true, doc: "the value at count 0" }),
  arg.number("peak_value", { float: true, doc: "the value at warmup_steps" }),
  arg.integer("warmup_steps", { doc: "counts of linear warm-up (<= 0: none, with optax's notice)" }),
  arg.integer("transition_steps", { doc: "counts per decay by decay_rate, after the warm-up" }),
  arg.number("decay_rate", { check: decayRate, float: true, doc: "the factor per transition_steps (>= 0)" }),
  arg.integer("transition_begin", { default: 0, doc: "counts after the warm-up before the decay starts" }),
  arg.boolean("staircase", { default: false, doc: "decay at whole multiples of transition_steps only" }),
  arg.optionalNumber("end_value", { float: true, doc: "the bound the value stops at (null: none)" }),
] as const;

const WARMUP_EXPONENTIAL: Definition = {
  name: "warmup_exponential_decay_schedule",
  jsName: "warmupExponentialDecaySchedule",
  args: WARMUP_EXPONENTIAL_ARGS,
  plan: (c, dtype) =>
    joinPlan(
      [
        polynomialPlan({ init: c.init_value as number, end: c.peak_value as number, power: 1, steps: c.warmup_steps as number, begin: 0 }, dtype),
        exponentialPlan(
          {
            init: c.peak_value as number,
            steps: c.transition_steps as number,
            rate: c.decay_rate as number,
            begin: c.transition_begin as number,
            staircase: c.staircase as boolean,
            end: c.end_value as number | null,
          },
          dtype,
        ),
      ],
      [c.warmup_steps as number],
      dtype,
    ),
};
const makeWarmupExponential = define(WARMUP_EXPONENTIAL);

/** warmup_exponential_decay_schedule's options: `{ initValue, peakValue, warmupSteps, transitionSteps, decayRate, transitionBegin?, staircase?, endValue?, dtype? }`. */
export type WarmupExponentialDecayScheduleOptions<D extends DType = DType> = OptionsOf<typeof WARMUP_EXPONENTIAL_ARGS, D>;

export interface WarmupExponentialDecayScheduleFunction {
  <D extends DType = "float32">(options: WarmupExponentialDecayScheduleOptions<D>): OptaxSchedule<D>;
  (
    initValue: number, peakValue: number, warmupSteps: number, transitionSteps: number, decayRate: number,
    transitionBegin?: number, staircase?: boolean, endValue?: number | null,
  ): OptaxSchedule;
}

/**
 * optax.warmup_exponential_decay_schedule(init_value, peak_value, warmup_steps, transition_steps,
 * decay_rate, transition_begin=0, staircase=False, end_value=None):
 *
 *     schedules = [
 *         linear_schedule(init_value=init_value, end_value=peak_value, transition_steps=warmup_steps),
 *         exponential_decay(init_value=peak_value, transition_steps=transition_steps,
 *                           decay_rate=decay_rate, transition_begin=transition_begin,
 *                           staircase=staircase, end_value=end_value)]
 *     return join_schedules(schedules, [warmup_steps])
 *
 * each piece with its own roundings and logged cases (linearSchedule's and exponentialDecay's docs).
 *
 * ```ts
 * const s = warmupExponentialDecaySchedule({ initValue: 0, peakValue: 1, warmupSteps: 100, transitionSteps: 1000, decayRate: 0.5 });
 * s(50);                                       // 0.5
 * s(2100);                                     // 0.25: two transitions after the warm-up
 * ```
 *
 * Arguments: init_value; peak_value; warmup_steps (an integer); transition_steps (an integer);
 * decay_rate (>= 0); transition_begin (an integer, default 0); staircase (default false); end_value
 * (null: None, the default).
 */
export const warmupExponentialDecaySchedule = declared(
  ((...args: unknown[]) => makeWarmupExponential(args)) as WarmupExponentialDecayScheduleFunction,
  WARMUP_EXPONENTIAL,
);

// ---------------------------------------------------------------------------------------------
// sgdr_schedule.

/** One cycle's arguments: warmup_cosine_decay_schedule's options object, checked and held under optax's names. */
function cycle(name: string, value: unknown): Readonly<Record<string, unknown>> {
  const options = check.plainObject(name, value);
  try {
    const { config, dtype } = readArguments(WARMUP_COSINE_ARGS, "warmupCosineDecaySchedule", [options]);
    if (dtype !== undefined) throw new TypeError("the dtype is the sgdr_schedule's, not a cycle's");
    positiveDecaySteps((config.decay_steps as number) - (config.warmup_steps as number));
    return Object.freeze(config);
  } catch (e) {
    const error = e as Error;
    throw new (error.constructor as ErrorConstructor)(`Argument \`${name}\`: ${error.message}`);
  }
}

const SGDR_ARGS = [
  arg.list("cosine_kwargs", "objects", cycle, "the cycles: warmupCosineDecaySchedule's options each ({ initValue, peakValue, warmupSteps, decaySteps, ... })"),
] as const;

/** The cumulative decay_steps: where each cycle after the first starts (Python's ints, exact). */
function restarts(cycles: readonly Readonly<Record<string, unknown>>[]): number[] {
  const boundaries: number[] = [];
  let step = 0;
  for (const c of cycles.slice(0, -1)) boundaries.push((step += c.decay_steps as number));
  return boundaries;
}

const SGDR: Definition = {
  name: "sgdr_schedule",
  jsName: "sgdrSchedule",
  args: SGDR_ARGS,
  validate: (c) => {
    const cycles = c.cosine_kwargs as readonly unknown[];
    // optax would fail at the first count (join_schedules of no schedules).
    if (cycles.length === 0) throw new RangeError("Argument `cosine_kwargs` must hold at least one cycle. Received: an empty list");
  },
  show: { cosine_kwargs: (value) => `[${(value as readonly Record<string, unknown>[]).map((c) => pythonKwargs(c, WARMUP_COSINE_ARGS)).join(", ")}]` },
  plan: (c, dtype) => {
    const cycles = c.cosine_kwargs as readonly Readonly<Record<string, unknown>>[];
    const join = flatSgdr(cycles, dtype) ?? joinPlan(
      cycles.map((k) => warmupCosinePlan(k, dtype)),
      restarts(cycles),
      dtype,
    );
    const plan = fusedCycles(cycles, join, dtype) ?? join;
    const first = cycles[0]!;
    const same = (c: Readonly<Record<string, unknown>>) => Object.keys(first).every((k) => Object.is(c[k], first[k])) && Object.keys(c).length === Object.keys(first).length;
    return cycles.every(same) ? periodic(plan, first.decay_steps as number, cycles.length) : plan;
  },
};

/**
 * A join of `copies` identical schedules (sgdr_schedule's cycles with every argument the same, or
 * join_schedules' pieces that print alike) restarting every D counts (boundaries D, 2 D, ...):
 * count c in [0, copies * D) is piece floor(c / D)'s count c mod D (join_schedules subtracts the
 * boundary exactly, in int32 or int64 alike, below 2^31 here), the same schedule at the same count
 * as piece 0's, so the values repeat with period D. A range's part there is one period computed
 * (from its phase), then copies of what is written, doubling; the rest as before.
 */
function periodic(plan: Plan, D: number, copies: number): Plan {
  const span = D * copies;
  if (copies < 2 || !(D >= 1) || !(span < 2 ** 31)) return plan;
  const run = plan.run!;
  return {
    ...plan,
    run: (batch) => {
      const { steps, start, out } = batch;
      if (steps !== null || !Number.isInteger(start) || start < 0 || start >= span) return run(batch);
      const inside = Math.min(out.length, span - start);
      const phase = start % D;
      const one = Math.min(inside, D);
      const head = Math.min(one, D - phase);
      run({ ...batch, start: phase, out: out.subarray(0, head) });
      if (head < one) run({ ...batch, start: 0, out: out.subarray(head, one) });
      for (let done = one; done < inside; done *= 2) out.copyWithin(done, 0, Math.min(done, inside - done));
      if (inside < out.length) run({ ...batch, start: start + inside, out: out.subarray(inside) });
    },
  };
}

/**
 * sgdr_schedule (or one warmup_cosine_decay_schedule) with every warm-up > 0: its arrays of counts
 * through the fused kernel (cosineDecaySchedule.ts' sgdrSchedule32/64: each count's cycle by its
 * restart, then that cycle's warm-up or cosine, per count, the same operations; no grouping). With
 * every W_k > 0 the restarts B_k are > 0 and increasing, so a cycle's count c - B_k (k >= 1, c >=
 * B_k) is in [0, 2^31) for int32 counts and [0, 2^53) for float64 ones, and so is c - B_k - W_k past
 * the warm-up: what the join of joins computes, with none of its wrap-arounds or 2^53 refusals
 * reachable, in float32 and float64 alike. Ranges keep the join's runs. Its errors are the join's:
 * a batch the kernel refuses is run again by the join, which names the count as it does (the kernel
 * reads a chunk ahead, the join a block: a later step that is no number must not be named before an
 * earlier bad count).
 */
function fusedCycles(cycles: readonly Readonly<Record<string, unknown>>[], join: Plan, dtype: DType): Plan | null {
  if (!cycles.every((c) => (c.warmup_steps as number) > 0)) return null;
  const starts = [0, ...restarts(cycles)];
  const params = new Float64Array(SP.HEAD + cycles.length * SP.CYCLE);
  params[SP.CYCLES] = cycles.length;
  cycles.forEach((c, k) => {
    params.set(paramsOf(WP, warmupCosineSlots(c, dtype)), SP.HEAD + k * SP.CYCLE);
    params[SP.HEAD + k * SP.CYCLE + SP.START] = starts[k]!;
  });
  const at = (k: number, slot: number) => params[SP.HEAD + k * SP.CYCLE + slot]!;
  // One power for every lane: the same exponent everywhere, and one the lanes take.
  params[SP.LANES] = cycles.every((_, k) => at(k, WP.EXPONENT) === at(0, WP.EXPONENT) && at(k, WP.MODE) === at(0, WP.MODE)) && at(0, WP.MODE) !== GENERAL ? 1 : 0;
  const fused: Plan = { ...kernelOf(OPTAX, cosineTwins, "sgdrSchedule", dtype), params, stepRule: join.stepRule!, at: join.at };
  return {
    ...fused,
    run: (batch) => {
      if (batch.steps === null) return join.run!(batch);
      try {
        execute(fused, batch.backend, { dtype, steps: batch.steps, start: 0, out: batch.out });
      } catch (e) {
        join.run!(batch);
        throw e;
      }
    },
  };
}

/** A cycle's parameter slots (warmupCosineDecaySchedule.params.ts), from its config. */
function warmupCosineSlots(c: Readonly<Record<string, unknown>>, dtype: DType) {
  const R = rounder(dtype);
  const peak = c.peak_value as number;
  const w = c.warmup_steps as number;
  return {
    ...cosineSlots(cosineOf(c), dtype),
    W: w,
    WIE: R((c.init_value as number) - peak), // Python's float64 subtraction, then the dtype's (linear_schedule's)
    WE: R(peak),
    WTF: R(w),
  };
}
/**
 * sgdr_schedule in float32 as ONE join of every cycle's two pieces, at the restarts and at each
 * restart plus its warm-up, where it gives every count the same piece and the same count as the join
 * of joins: a join's arrays group the counts by piece and put them back once instead of twice
 * (arrays with every warm-up > 0 take fusedCycles' kernel instead; ranges, and a warm-up of 0, this).
 * Cycle k's outer piece takes the int32 counts c in [B_k, B_k+1) (B_0: none below), so its local
 * count c - B_k does not wrap (0 <= c - B_k < 2^31 for k >= 1; c itself for k = 0), and the inner
 * join's test c - B_k >= w_k is c >= B_k + w_k, exact in doubles; the inner pieces' counts,
 * ((c - B_k) | 0) - w_k wrapped, are (c - (B_k + w_k)) | 0, int32 subtraction being arithmetic
 * modulo 2^32 (ranges are cut where that wraps, at the same steps). Taken only where the boundaries
 * then stay sorted and int32 (every warm-up >= 0, B_k + w_k below 2^31); float64's int64 counts keep
 * the nested join, whose two 2^53 checks a flat one would merge.
 */
function flatSgdr(cycles: readonly Readonly<Record<string, unknown>>[], dtype: DType): Plan | null {
  if (dtype !== "float32") return null;
  const starts = [0, ...restarts(cycles)];
  const pieces: Plan[] = [];
  const boundaries: number[] = [];
  for (let k = 0; k < cycles.length; k++) {
    const { pieces: two, warmup } = warmupCosinePieces(cycles[k]!, dtype);
    const end = starts[k]! + warmup;
    if (warmup < 0 || end >= 2 ** 31) return null;
    if (k > 0) boundaries.push(starts[k]!);
    boundaries.push(end);
    pieces.push(...two);
  }
  return joinPlan(pieces, boundaries, dtype);
}
const makeSgdr = define(SGDR);

export interface SgdrScheduleFunction {
  <D extends DType = "float32">(options: { cosineKwargs: readonly Omit<WarmupCosineDecayScheduleOptions, "dtype">[]; dtype?: D }): OptaxSchedule<D>;
  (cosineKwargs: readonly Omit<WarmupCosineDecayScheduleOptions, "dtype">[]): OptaxSchedule;
}

/**
 * optax.sgdr_schedule(cosine_kwargs):
 *
 *     boundaries = []
 *     schedules = []
 *     step = 0
 *     for kwargs in cosine_kwargs:
 *       schedules += [warmup_cosine_decay_schedule(**kwargs)]
 *       boundaries += [step + kwargs['decay_steps']]
 *       step += kwargs['decay_steps']
 *     return join_schedules(schedules, boundaries[:-1])
 *
 * a warmupCosineDecaySchedule per cycle (its roundings), each cycle's decay_steps counting its own
 * warm-up; the boundaries are Python's ints, exact. No t_mul or m_mul: each cycle has its own
 * arguments.
 *
 * ```ts
 * const s = sgdrSchedule([{ initValue: 0, peakValue: 0.1, warmupSteps: 10, decaySteps: 100 }, { initValue: 0, peakValue: 0.05, warmupSteps: 10, decaySteps: 200 }]);
 * s(99);                                       // 0.00003045797348022461
 * s(110);                                      // 0.05000000074505806: the second cycle's peak
 * ```
 *
 * Arguments: cosine_kwargs, the cycles: warmupCosineDecaySchedule's options each (camelCase; at
 * least one).
 */
export const sgdrSchedule = declared(((...args: unknown[]) => makeSgdr(args)) as SgdrScheduleFunction, SGDR);
