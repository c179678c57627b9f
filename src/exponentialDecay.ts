/**
 * Keras' ExponentialDecay:
 *
 *     decayed_learning_rate(step) = initial_learning_rate * decay_rate ^ (step / decay_steps)
 *
 * with `staircase` flooring step / decay_steps. Computed as Keras computes it, rounding after
 * every operation in the dtype (shared/NUMERICS.md), so the numbers are Keras' to the bit.
 *
 * ```ts
 * const schedule = new ExponentialDecay(0.1, 100000, 0.96, true);
 * schedule(250000);                            // 0.09216000139713287: 0.1 * 0.96^2 in float32
 * schedule.range(0, 1_000_000);                // a Float32Array of a million learning rates
 * ```
 *
 * Kernel: assembly/exponentialDecay.ts; its JS twin: assembly/exponentialDecay.twin.ts.
 */
import { HARD, pow32, pow64 } from "../assembly/exp2.twin.js";
import { p32, p64 } from "../assembly/exponentialDecay.twin.js";
import { BINARY32, BINARY64, geometricConstants, log2DoubleDouble, log2Split32, powCorrectlyRounded } from "./exact.js";
import { LearningRateSchedule, type KernelJob } from "./schedule.js";
import { bigintStep } from "./steps.js";
import type { DType, FloatArray } from "./types.js";
import * as check from "./validate.js";

/** The config Keras writes for an ExponentialDecay (`get_config()`). */
export type ExponentialDecayConfig = {
  initial_learning_rate: number;
  decay_steps: number;
  decay_rate: number;
  staircase: boolean;
  name: string | null;
};

/** The constructor's options object: Keras' arguments in camelCase, and this library's dtype. */
export interface ExponentialDecayOptions {
  initialLearningRate: number;
  /** Must be > 0. */
  decaySteps: number;
  /** Must be >= 0. */
  decayRate: number;
  /** Floor step / decay_steps. Defaults to false. */
  staircase?: boolean;
  /** Defaults to "ExponentialDecay"; null as tf.keras writes for an unnamed schedule. */
  name?: string | null;
  /** The default dtype of results (not part of the Keras config). Defaults to "float32". */
  dtype?: DType;
}

/**
 * decay_rate: finite, >= 0, and not -0: Keras' pow(-0.0, p) is -0 for odd p > 0 and -Infinity for
 * odd p < 0, signs that a rate of 0 does not have. Rather than carry that sign through every path
 * for a rate that decays to nothing at step 1, -0 is refused.
 */
function decayRate(value: unknown): number {
  const r = check.nonNegativeNumber("decay_rate", value);
  if (Object.is(r, -0))
    throw new RangeError("Argument `decay_rate` must be >= 0 and not -0 (Keras' pow(-0.0, p) is negative for odd p). Received: decay_rate=-0");
  return r;
}

/** Below this many steps per stair, runs are too short for filling them to beat the kernel. */
const MIN_RUN = 64;

const OPTION_KEYS = ["initialLearningRate", "decaySteps", "decayRate", "staircase", "name", "dtype"];
const CONFIG_KEYS = ["initial_learning_rate", "decay_steps", "decay_rate", "staircase", "name"];

/** The inputs as one dtype sees them, with log2 of the rate for the kernels. */
interface Prepared {
  readonly a: number;
  readonly d: number;
  readonly r: number;
  readonly l1: number;
  readonly l2: number;
  /** log2(r) / d as m1 + m2, and c = (m1 + m2) ln 2: the geometric range path. l1, l2 above are
   * log2 r as the dtype's pow takes it (assembly/exp2.ts). */
  readonly m1: number;
  readonly m2: number;
  readonly c: number;
}

export interface ExponentialDecay {
  readonly initialLearningRate: number;
  readonly decaySteps: number;
  readonly decayRate: number;
  readonly staircase: boolean;
  readonly name: string | null;
}

export class ExponentialDecay extends LearningRateSchedule {
  /** The class name Keras serializes this schedule under. */
  static readonly className = "ExponentialDecay";
  /** Config keys that Keras holds as Python floats (serialize writes 1 as 1.0 for them). */
  static readonly floatKeys: readonly string[] = ["initial_learning_rate", "decay_rate"];

  readonly #prepared: Partial<Record<DType, Prepared>> = {};

  constructor(options: ExponentialDecayOptions);
  constructor(
    initialLearningRate: number,
    decaySteps: number,
    decayRate: number,
    staircase?: boolean,
    name?: string | null,
  );
  constructor(...args: unknown[]) {
    let values: unknown[];
    let dtype: unknown;
    if (args.length === 1 && typeof args[0] === "object" && args[0] !== null) {
      const options = args[0] as Record<string, unknown>;
      for (const key of Object.keys(options))
        if (!OPTION_KEYS.includes(key))
          throw new TypeError(`ExponentialDecay got an unexpected option \`${key}\`. Known: ${OPTION_KEYS.join(", ")}`);
      values = [options.initialLearningRate, options.decaySteps, options.decayRate, options.staircase, options.name];
      dtype = options.dtype;
    } else {
      if (args.length > 5) throw new TypeError(`ExponentialDecay takes at most 5 arguments. Received: ${args.length}`);
      values = args;
    }
    super(dtype);
    const [a, d, r, staircase = false, name = "ExponentialDecay"] = values;
    Object.defineProperties(this, {
      initialLearningRate: { value: check.finiteNumber("initial_learning_rate", a), enumerable: true },
      decaySteps: { value: check.positiveNumber("decay_steps", d), enumerable: true },
      // Keras does not check the rate; a negative one only ever gives NaN (NUMERICS.md, Inputs).
      decayRate: { value: decayRate(r), enumerable: true },
      staircase: { value: check.boolean("staircase", staircase), enumerable: true },
      // Instances are functions, whose own `name` is read-only: define ours over it.
      name: { value: check.nameOrNull("name", name), enumerable: true },
    });
  }

  /** Builds the schedule from Keras' config (keys as `getConfig()` writes them). */
  static fromConfig(config: Partial<ExponentialDecayConfig>, options: { dtype?: DType } = {}): ExponentialDecay {
    const c = check.plainObject("config", config);
    for (const key of Object.keys(c))
      if (!CONFIG_KEYS.includes(key))
        throw new TypeError(`ExponentialDecay.fromConfig got an unexpected key \`${key}\`. Known: ${CONFIG_KEYS.join(", ")}`);
    const own = (key: string) => (Object.hasOwn(c, key) ? c[key] : undefined);
    return new ExponentialDecay({
      initialLearningRate: own("initial_learning_rate") as number,
      decaySteps: own("decay_steps") as number,
      decayRate: own("decay_rate") as number,
      staircase: own("staircase") as boolean | undefined,
      name: own("name") as string | null | undefined,
      dtype: check.plainObject("options", options).dtype as DType | undefined,
    });
  }

  getConfig(): ExponentialDecayConfig {
    return {
      initial_learning_rate: this.initialLearningRate,
      decay_steps: this.decaySteps,
      decay_rate: this.decayRate,
      staircase: this.staircase,
      name: this.name,
    };
  }

  override toString(): string {
    const c = this.getConfig();
    return `ExponentialDecay(initial_learning_rate=${c.initial_learning_rate}, decay_steps=${c.decay_steps}, decay_rate=${c.decay_rate}, staircase=${c.staircase}, name=${JSON.stringify(c.name)})`;
  }

  /** Keras casts every input to the dtype: float32 rounds a, d and r once. */
  #prepare(dtype: DType): Prepared {
    let q = this.#prepared[dtype];
    if (q === undefined) {
      const round = dtype === "float32" ? Math.fround : (x: number) => x;
      const d = round(this.decaySteps);
      if (d === 0)
        throw new RangeError(
          `Argument \`decay_steps\` must be > 0 in float32, where it rounds to 0. Received: decay_steps=${this.decaySteps}`,
        );
      const r = round(this.decayRate);
      // float64 multiplies p by log2 r as a double-double; float32 by a 29-bit head and a tail.
      const [l1, l2] = dtype === "float64" ? log2DoubleDouble(r) : log2Split32(r);
      const [m1, m2, c] = geometricConstants(r, d);
      q = { a: round(this.initialLearningRate), d, r, l1, l2, m1, m2, c };
      this.#prepared[dtype] = q;
    }
    return q;
  }

  /** Keras' p for one step (already converted to the dtype's float). */
  #p(q: Prepared, step: number, dtype: DType): number {
    return dtype === "float64" ? p64(step, q.d, this.staircase) : p32(step, q.d, this.staircase);
  }

  /** a * r^p, rounded as the dtype says. */
  #fromP(q: Prepared, p: number, dtype: DType): number {
    const wide = dtype === "float64";
    let v = wide ? pow64(p, q.l1, q.l2) : pow32(p, q.l1, q.l2);
    if (v === HARD) v = powCorrectlyRounded(q.r, p, wide ? BINARY64 : BINARY32);
    return wide ? q.a * v : Math.fround(q.a * v);
  }

  #at(q: Prepared, step: number, dtype: DType): number {
    return this.#fromP(q, this.#p(q, step, dtype), dtype);
  }

  /**
   * A staircase range is runs of one value, each as long as decay_steps: find where each run
   * ends (at its predicted end, two evaluations of p; a gallop and a bisection where the
   * rounding of float32 steps moved it) and fill it, at the speed of TypedArray.fill.
   */
  protected override fillRange(start: number, out: FloatArray, dtype: DType): boolean {
    const q = this.#prepare(dtype);
    if (!this.staircase || q.d < MIN_RUN) return false; // short runs: the kernel is faster
    const n = out.length;
    const pAt = (i: number) => this.#p(q, start + i, dtype);
    for (let i = 0; i < n; ) {
      const p = pAt(i);
      // p is non-decreasing in the step; find the first index past i whose p is larger.
      const guess = Number.isFinite(p) ? Math.ceil((p + 1) * q.d) - start : n;
      let lo = i;
      let hi = Math.min(n, Math.max(i + 1, guess));
      if (hi < n && pAt(hi) === p) {
        for (let stride = Math.max(1, hi - i); hi < n && pAt(hi) === p; stride *= 2) {
          lo = hi;
          hi = Math.min(n, hi + stride);
        }
      } else if (hi - 1 > lo && pAt(hi - 1) !== p) {
        // Overshot: bisect below.
      } else {
        lo = hi - 1;
      }
      while (hi - lo > 1) {
        const mid = lo + Math.floor((hi - lo) / 2);
        if (pAt(mid) === p) lo = mid;
        else hi = mid;
      }
      out.fill(this.#fromP(q, p, dtype), i, hi);
      i = hi;
    }
    return true;
  }

  protected valueAt(step: number | bigint, dtype: DType): number {
    return this.#at(this.#prepare(dtype), typeof step === "bigint" ? bigintStep(step, dtype) : step, dtype);
  }

  protected kernelJob(dtype: DType): KernelJob {
    const q = this.#prepare(dtype);
    return {
      kernel: dtype === "float32" ? "exponentialDecay32" : "exponentialDecay64",
      params: [q.a, q.d, q.l1, q.l2, this.staircase, q.m1, q.m2, q.c],
      resolve: (step) => this.#at(q, step, dtype),
    };
  }
}
