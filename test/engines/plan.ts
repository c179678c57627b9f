/**
 * What every engine computes (in Node, where the plan is made): every schedule of every framework's
 * registry with arguments drawn from its declared arguments, both dtypes, and the steps, ranges and
 * single calls that compute.mjs runs on every backend. The plan is data (JSON), so that the same
 * plan reaches Node, Bun, Deno and Firefox.
 */
import fc from "fast-check";

/**
 * The frameworks whose schedules are checked: the package's entry point (as a user imports it,
 * from dist/) and the name of its registry export, a record of schedule classes by name, each with
 * its declared arguments (`args`). A new framework is one line here.
 */
export const FRAMEWORKS = [{ framework: "keras", entry: "index.js", registry: "SCHEDULES" }] as const;

/**
 * The frameworks whose schedules are built by a call (PyTorch's schedulers over an optimizer, Hugging
 * Face's get_* functions, optax's schedule functions) rather than classes with declared arguments:
 * each case is the JavaScript source of the call as a user writes it, evaluated with `m`, the entry's
 * module, in every engine. `kind` says what is computed (compute.mjs): a scheduler's ranges on every
 * backend and its step() sequence; an optax schedule's ranges, counts and single calls on every
 * backend. A lambda given to a scheduler uses only + - * / (what engines compute alike).
 */
export interface Built {
  framework: "torch" | "transformers" | "optax";
  entry: string;
  kind: "scheduler" | "optax";
  /** The call, given `m`. */
  build: string;
  /** ReduceLROnPlateau: stepped with the plan's metrics. */
  metrics?: true;
}

/** A PyTorch-shaped optimizer with two groups (every group's lr is computed; range gives group 0's). */
const OPT = "{ param_groups: [{ lr: 0.1, momentum: 0.9 }, { lr: 0.025, momentum: 0.8 }], defaults: { lr: 0.1, momentum: 0.9 } }";
const torch = (build: string, metrics?: true): Built => ({ framework: "torch", entry: "torch/index.js", kind: "scheduler", build, ...(metrics ? { metrics } : {}) });
const hf = (build: string): Built => ({ framework: "transformers", entry: "transformers/index.js", kind: "scheduler", build });
/** An optax schedule: `dtype` is the case's ("float32", or "float64" for JAX with x64). */
const optax = (build: string): Built => ({ framework: "optax", entry: "optax/index.js", kind: "optax", build });

export const BUILT: readonly Built[] = [
  torch("new m.LambdaLR(" + OPT + ", (e) => 1 / (1 + e / 1000))"),
  torch("new m.MultiplicativeLR(0.1, (e) => (e % 3 === 0 ? 0.9999 : 1))"),
  torch("new m.StepLR(" + OPT + ", 30, 0.5)"),
  torch("new m.MultiStepLR(0.1, [30, 80, 5000, 70000], 0.1)"),
  torch("new m.ConstantLR(0.1, 0.25, 50)"),
  torch("new m.LinearLR(" + OPT + ", 0.01, 1, 1000)"),
  torch("new m.ExponentialLR(0.1, 0.9999)"),
  torch("new m.PolynomialLR(0.1, 60000, 0.9)"),
  torch("new m.PolynomialLR(" + OPT + ", 100000, 2)"),
  torch("new m.CosineAnnealingLR(" + OPT + ", 1000, 0.001)"),
  torch("new m.CosineAnnealingLR(0.1, 100000)"),
  torch("new m.CosineAnnealingWarmRestarts(0.1, 10, 2, 0.0001)"),
  torch("new m.CosineAnnealingWarmRestarts(" + OPT + ", { T0: 7, TMult: 3 })"),
  torch("new m.CyclicLR(" + OPT + ", { baseLr: 0.001, maxLr: 0.1, stepSizeUp: 2000, mode: 'triangular2' })"),
  torch("new m.CyclicLR(" + OPT + ", { baseLr: 0.001, maxLr: 0.1, stepSizeUp: 500, stepSizeDown: 1500, mode: 'exp_range', gamma: 0.99995 })"),
  torch("new m.OneCycleLR(" + OPT + ", { maxLr: 0.1, totalSteps: 300000 })"),
  torch("new m.OneCycleLR(" + OPT + ", { maxLr: [0.1, 0.05], totalSteps: 300000, annealStrategy: 'linear', threePhase: true })"),
  torch("(() => { const o = " + OPT + "; return new m.SequentialLR(o, [new m.LinearLR(o, 0.01, 1, 1000), new m.CosineAnnealingLR(o, 100000, 0.0001)], [1000]); })()"),
  torch("(() => { const o = " + OPT + "; return new m.ChainedScheduler([new m.StepLR(o, 1000, 0.5), new m.ExponentialLR(o, 0.99999)]); })()"),
  torch("new m.ReduceLROnPlateau(" + OPT + ", { patience: 3, factor: 0.5, cooldown: 2 })", true),
  hf("m.getConstantSchedule(0.1)"),
  hf("m.getConstantScheduleWithWarmup(0.1, 500)"),
  hf("m.getLinearScheduleWithWarmup(" + OPT + ", 500, 100000)"),
  hf("m.getCosineScheduleWithWarmup(" + OPT + ", 500, 100000)"),
  hf("m.getCosineWithHardRestartsScheduleWithWarmup(0.1, 500, 100000, 3)"),
  hf("m.getPolynomialDecayScheduleWithWarmup(0.1, 500, 100000, 1e-7, 1.7)"),
  hf("m.getInverseSqrtSchedule(0.1, 500)"),
  hf("m.getCosineWithMinLrScheduleWithWarmup(0.1, { numWarmupSteps: 500, numTrainingSteps: 100000, minLr: 1e-5 })"),
  hf("m.getCosineWithMinLrScheduleWithWarmupLrRate(0.1, { numWarmupSteps: 500, numTrainingSteps: 100000, minLrRate: 0.05, warmupLrRate: 0.01 })"),
  hf("m.getWsdSchedule(0.1, { numWarmupSteps: 500, numDecaySteps: 20000, numTrainingSteps: 100000, decayType: '1-sqrt' })"),
  hf("m.getWarmupStableDecaySchedule(0.1, { numWarmupSteps: 500, numDecaySteps: 20000, numStableSteps: 40000, decayType: 'cosine' })"),
  hf("m.getScheduler('cosine_with_restarts', 0.1, 500, 100000)"),
  { ...hf("m.getReduceOnPlateauSchedule(" + OPT + ", { patience: 2, factor: 0.7, threshold: 0.01 })"), metrics: true },
  optax("m.constantSchedule({ value: 0.1, dtype })"),
  optax("m.linearSchedule({ initValue: 0.1, endValue: 0.001, transitionSteps: 50000, transitionBegin: 100, dtype })"),
  optax("m.polynomialSchedule({ initValue: 0.1, endValue: 0.0001, power: 1.7, transitionSteps: 60000, transitionBegin: 10, dtype })"),
  optax("m.polynomialSchedule({ initValue: 0.1, endValue: 0.0001, power: 3, transitionSteps: 60000, dtype })"),
  optax("m.exponentialDecay({ initValue: 0.1, transitionSteps: 1000, decayRate: 0.96, transitionBegin: 50, staircase: false, endValue: 0.001, dtype })"),
  optax("m.exponentialDecay({ initValue: 0.1, transitionSteps: 1000, decayRate: 0.5, staircase: true, dtype })"),
  optax("m.cosineDecaySchedule({ initValue: 0.1, decaySteps: 100000, alpha: 0.01, dtype })"),
  optax("m.cosineDecaySchedule({ initValue: 0.1, decaySteps: 30000, alpha: 0, exponent: 1.5, dtype })"),
  optax("m.warmupConstantSchedule({ initValue: 0, peakValue: 0.1, warmupSteps: 500, dtype })"),
  optax("m.warmupCosineDecaySchedule({ initValue: 0, peakValue: 0.1, warmupSteps: 500, decaySteps: 100000, endValue: 1e-5, dtype })"),
  optax("m.warmupExponentialDecaySchedule({ initValue: 0, peakValue: 0.1, warmupSteps: 500, transitionSteps: 1000, decayRate: 0.9, endValue: 0.0001, dtype })"),
  optax("m.piecewiseConstantSchedule({ initValue: 0.1, boundariesAndScales: { 1000: 0.5, 30000: 0.1, 69000: 2 }, dtype })"),
  optax("m.piecewiseInterpolateSchedule({ interpolateType: 'cosine', initValue: 0.1, boundariesAndScales: { 1000: 0.5, 30000: 0.1, 69000: 2 }, dtype })"),
  optax("m.piecewiseInterpolateSchedule({ interpolateType: 'linear', initValue: 0.1, boundariesAndScales: { 10: 3, 50000: 0.01 }, dtype })"),
  optax("m.linearOnecycleSchedule({ transitionSteps: 100000, peakValue: 0.1, dtype })"),
  optax("m.cosineOnecycleSchedule({ transitionSteps: 100000, peakValue: 0.1, pctStart: 0.25, dtype })"),
  optax("m.sgdrSchedule({ cosineKwargs: [{ initValue: 0, peakValue: 0.1, warmupSteps: 100, decaySteps: 5000 }, { initValue: 0, peakValue: 0.05, warmupSteps: 100, decaySteps: 20000, exponent: 2 }], dtype })"),
  optax("m.joinSchedules([m.linearSchedule({ initValue: 0, endValue: 0.1, transitionSteps: 1000, dtype }), m.cosineDecaySchedule({ initValue: 0.1, decaySteps: 60000, dtype })], [1000])"),
];

/** A case built by a call, as the plan carries it: one per Built and dtype where the framework has one. */
export interface BuiltCase extends Built {
  id: string;
  /** optax: the dtype passed as its last argument's `dtype`. */
  dtype: "float32" | "float64";
}

/** Argument sets drawn per schedule, each run in both dtypes. */
const SETS_PER_SCHEDULE = 8;
/** Fixed, so that every run checks the same cases; each schedule draws from its own seed. */
const SEED = 20261204;
const DTYPES = ["float32", "float64"] as const;

/** The kernels' chunk: arrays and ranges longer than this cross a chunk boundary. */
const CHUNK = 65_536;
/** Elements of the long range and of the steps array: both cross the first chunk boundary. */
const LONG = CHUNK + 4_464;

/** A declared argument, as the registry's classes expose it (src/core/args.ts). */
interface Arg {
  readonly option: string;
  readonly kind: "number" | "optionalNumber" | "boolean" | "string" | "numbers";
  readonly default: unknown;
  readonly check: (value: unknown) => unknown;
}
type ScheduleClass = (new (options: Record<string, unknown>) => (step: number) => number) & { readonly args?: readonly Arg[] };

/** Options as JSON: every number as the hex of its float64 bits, so that -0 and every bit survive. */
export type Encoded = { f64: string } | string | boolean | null | Encoded[] | { [key: string]: Encoded };

export interface Case {
  /** Names the case in reports: framework, class, the argument set's number, dtype. */
  id: string;
  entry: string;
  registry: string;
  name: string;
  options: Encoded;
  dtype: (typeof DTYPES)[number];
}

export interface Plan {
  cases: Case[];
  /** Schedules built by a call (BUILT). */
  built: BuiltCase[];
  /** [start, stop) of each optax range: int32 counts, to both ends. */
  countRanges: [number, number][];
  /** The int32 counts an optax schedule's `evaluate` and calls take (base64 of a Float64Array). */
  counts: string;
  /** [start, stop) of each scheduler range: a replay from step 0, so within a few hundred thousand steps. */
  schedulerRanges: [number, number][];

  /** [start, stop) of each range: numbers, or bigints as decimal strings. */
  ranges: [number | string, number | string][];
  /** The steps array every backend evaluates: base64 of a Float64Array. */
  steps: string;
  /** Steps given as bigints (decimal strings), beyond 2^53 and 2^64: float32 rounds them once. */
  bigSteps: string[];
  /** Steps given one at a time to the schedule's call: base64 of a Float64Array. */
  calls: string;
}

export function f64Hex(x: number): string {
  return new BigUint64Array(Float64Array.of(x).buffer)[0]!.toString(16).padStart(16, "0");
}

function encode(value: unknown): Encoded {
  if (typeof value === "number") return { f64: f64Hex(value) };
  if (Array.isArray(value)) return value.map(encode);
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]));
  throw new TypeError(`cannot encode ${String(value)}`);
}

export function base64Of(values: Float64Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString("base64");
}

/**
 * Numbers of the sizes schedules take: the values training runs use (rates and factors in (0, 1],
 * step counts up to 1e5, which the ranges reach), and some of either sign. Decimal fractions
 * (k / 1e6), as people write them, are not dyadic: their roundings to float32 are not exact.
 */
const number = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(0, 0.1, 0.5, 0.9, 0.96, 1, 2, 3, 1000, 10_000, 30_000) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 1_000_000 }).map((k) => k / 1e6) },
  { weight: 3, arbitrary: fc.integer({ min: 100, max: 100_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: -2_000_000, max: 2_000_000 }).map((k) => k / 1e6) },
);
const list = fc
  .array(fc.oneof(fc.integer({ min: -100, max: 100_000 }), fc.integer({ min: -1_000_000, max: 1_000_000 }).map((k) => k / 1e6)), { maxLength: 4 })
  .map((a) => a.sort((x, y) => x - y));

function valueFor(arg: Arg): fc.Arbitrary<unknown> {
  const accepts = (v: unknown) => {
    try {
      arg.check(v);
      return true;
    } catch {
      return false;
    }
  };
  const value: fc.Arbitrary<unknown> = {
    number,
    optionalNumber: fc.oneof(fc.constant(null), number),
    boolean: fc.boolean(),
    string: fc.constant(arg.default ?? "x"),
    numbers: list,
  }[arg.kind];
  return value.filter(accepts);
}

/** SETS_PER_SCHEDULE option sets that construct, drawn from the declaration with a fixed seed. */
function optionSets(name: string, cls: ScheduleClass, seed: number): Record<string, unknown>[] {
  if (!Array.isArray(cls.args)) throw new TypeError(`${name} declares no \`args\`: the engine check draws its arguments from them`);
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const arg of cls.args) record[arg.option] = valueFor(arg);
  const constructs = (o: Record<string, unknown>) =>
    DTYPES.every((dtype) => {
      try {
        new cls({ ...o, dtype })(0);
        return true;
      } catch {
        return false; // a rule across arguments (list lengths), or float32 rounding decay_steps to 0
      }
    });
  return fc.sample(fc.noBias(fc.record(record).filter(constructs)), { seed, numRuns: SETS_PER_SCHEDULE });
}

/** Steps the long array holds at its start and just before the chunk boundary. */
const SPECIAL_STEPS = [
  0, -0, 1, -1, 0.5, -0.5, 1e-300, 5e-324, 2 ** 24 - 1, 2 ** 24, 2 ** 24 + 1, 2 ** 31, 2 ** 32, 2 ** 53 - 1, 2 ** 53,
  2 ** 53 + 2, 2 ** 63, 1e20, 1e300, Number.MAX_VALUE, -1e300, -(2 ** 53), 99_999.5, 100_000.25, 1e6 + 1 / 3,
];

function stepsArray(): Float64Array {
  const steps = new Float64Array(LONG);
  for (let i = 0; i < LONG; i++) {
    // Integers scattered over [-3000, 1e6], a third of them with a fractional part; every 101st huge.
    let s = ((i * 7919) % 1_000_003) - 3000 + (i % 3 === 0 ? i / 7 : 0);
    if (i % 101 === 50) s = 2 ** 53 - i * 1_000_003;
    if (i % 101 === 51) s = -s * 1e9;
    steps[i] = s;
  }
  steps.set(SPECIAL_STEPS, 0);
  steps.set(SPECIAL_STEPS, CHUNK - 10);
  return steps;
}

/**
 * The plan, from the registries of the built package (`load` imports a dist/ entry).
 */
export async function makePlan(load: (entry: string) => Promise<Record<string, unknown>>): Promise<Plan> {
  const cases: Case[] = [];
  for (const { framework, entry, registry } of FRAMEWORKS) {
    const classes = (await load(entry))[registry] as Record<string, ScheduleClass> | undefined;
    if (classes === undefined) throw new TypeError(`${entry} exports no \`${registry}\``);
    for (const [name, cls] of Object.entries(classes))
      optionSets(name, cls, SEED + cases.length).forEach((options, set) => {
        for (const dtype of DTYPES)
          cases.push({ id: `${framework}/${name}#${set} ${dtype}`, entry, registry, name, options: encode(options), dtype });
      });
  }
  const steps = stepsArray();
  const built = BUILT.flatMap((b): BuiltCase[] =>
    (b.kind === "optax" ? DTYPES : (["float64"] as const)).map((dtype) => ({ ...b, dtype, id: `${b.framework}/${b.build} ${dtype}` })),
  );
  return {
    cases,
    built,
    schedulerRanges: [
      [0, LONG],
      [200_000, 202_000],
    ],
    // JAX without x64 holds the count in int32, so float32 schedules refuse counts past it.
    countRanges: [
      [-3000, LONG - 3000],
      [2 ** 31 - 2000, 2 ** 31 - 1],
      [-(2 ** 31), -(2 ** 31) + 1000],
    ],
    counts: base64Of(Float64Array.from(steps, (x) => Math.min(2 ** 31 - 1, Math.max(-(2 ** 31), Math.trunc(x))))),

    ranges: [
      [-3000, LONG - 3000],
      [1e9 - 1000, 1e9 + 1000],
      [2 ** 53 - 1500, 2 ** 53],
      [String(-(2n ** 53n)), String(-(2n ** 53n) + 700n)],
    ],
    steps: base64Of(steps),
    bigSteps: ["0", "-1", String(2n ** 53n + 1n), String(2n ** 60n + 1n), String(-(2n ** 64n) - 12345n), String(10n ** 30n + 7n)],
    calls: base64Of(Float64Array.of(...SPECIAL_STEPS, ...steps.subarray(SPECIAL_STEPS.length, 600))),
  };
}
