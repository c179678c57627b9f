/**
 * Keras' CosineDecayRestarts (SGDR: Loshchilov and Hutter's stochastic gradient descent with warm
 * restarts):
 *
 *     cf = step / first_decay_steps
 *     t_mul == 1:  i = floor(cf);  c = cf - i
 *     otherwise:   i = floor(log(1 - cf (1 - t_mul)) / log(t_mul))
 *                  c = (cf - (1 - t_mul^i) / (1 - t_mul)) / t_mul^i
 *     decayed = initial_learning_rate * ((1 - alpha) * 0.5 * m_mul^i * (1 + cos(pi c)) + alpha)
 *
 * computed as Keras computes it, rounding after every operation in the dtype, with correctly
 * rounded log, pow and cos (docs/NUMERICS.md). The restart index is Keras' formula: where its
 * rounded log lands a hair below an integer, the restart comes a step late (or early), in Keras
 * and here alike.
 *
 * ```ts
 * const schedule = new CosineDecayRestarts(0.1, 1000);   // periods of 1000, 2000, 4000, ... steps
 * schedule(1000);                                         // 0.1: the first restart
 * schedule.range(0, 1_000_000);                           // a Float32Array of a million learning rates
 * ```
 *
 * Kernel: assembly/keras/cosineDecayRestarts.ts; its JS twin beside it.
 */
import * as P from "../../assembly/keras/cosineDecayRestarts.params.js";
import { TABLE_STRIDE } from "../../assembly/keras/cosineDecayRestarts.table.js";
import * as twins from "../../assembly/keras/cosineDecayRestarts.twin.js";
import { cos32, cos64 } from "../../assembly/numerics/cos.twin.js";
import { pow32, pow64 } from "../../assembly/numerics/exp2.twin.js";
import { log32, log64 } from "../../assembly/numerics/log.twin.js";
import { wasUndecided } from "../../assembly/numerics/undecided.twin.js";
import * as arg from "../core/args.js";
import type { ConfigOf, OptionsOf, PropertiesOf } from "../core/args.js";
import { paramsOf, type Plan } from "../core/batch.js";
import { KerasSchedule, positiveInDtype, rounder } from "../core/keras.js";
import type { DType } from "../core/types.js";
import * as check from "../core/validate.js";
import { kernelOf } from "../core/wasm.js";
import { KERAS } from "./wasm.js";
import { BINARY32, BINARY64 } from "../exact/binary.js";
import { log2DoubleDouble, log2Split32 } from "../exact/constants.js";
import { cosCorrectlyRounded } from "../exact/cos.js";
import { logCorrectlyRounded } from "../exact/log.js";
import { powCorrectlyRounded } from "../exact/pow.js";

const ARGS = [
  arg.number("initial_learning_rate", { float: true, doc: "the learning rate at step 0 and at the first restart" }),
  arg.number("first_decay_steps", { check: check.positiveNumber, doc: "steps of the first period; must be > 0" }),
  // Keras checks neither; t_mul <= 0 and m_mul < 0 only ever give NaN or signs that flip (NUMERICS.md, Inputs).
  arg.number("t_mul", { default: 2.0, check: check.positiveNumber, float: true, doc: "each period is t_mul times the last; must be > 0" }),
  arg.number("m_mul", { default: 1.0, check: check.nonNegativeNumber, float: true, doc: "each restart starts at m_mul times the last; must be >= 0" }),
  arg.number("alpha", { default: 0.0, float: true, doc: "the minimum learning rate, as a fraction of initial_learning_rate" }),
  arg.name("SGDRDecay"),
] as const;

/** The config Keras writes for a CosineDecayRestarts (`get_config()`). */
export type CosineDecayRestartsConfig = ConfigOf<typeof ARGS>;
/** The constructor's options object: Keras' arguments in camelCase, and this library's dtype. */
export type CosineDecayRestartsOptions<D extends DType = DType> = OptionsOf<typeof ARGS, D>;

export interface CosineDecayRestarts<D extends DType = "float32"> extends PropertiesOf<typeof ARGS> {}

export class CosineDecayRestarts<D extends DType = "float32"> extends KerasSchedule<D> {
  static override readonly className = "CosineDecayRestarts";
  static override readonly args = ARGS;

  constructor(options: CosineDecayRestartsOptions<D>);
  constructor(initialLearningRate: number, firstDecaySteps: number, tMul?: number, mMul?: number, alpha?: number, name?: string | null);
  constructor(...args: unknown[]) {
    super(args);
  }

  protected kernelPlan(dtype: DType): Plan {
    // Keras casts every input to the dtype: float32 rounds each once.
    const wide = dtype === "float64";
    const round = rounder(dtype);
    const fmt = wide ? BINARY64 : BINARY32;
    const fd = positiveInDtype("first_decay_steps", this.firstDecaySteps, dtype);
    const a = round(this.initialLearningRate);
    const T = round(this.tMul);
    const M = round(this.mMul);
    const alpha = round(this.alpha);
    const pi = round(Math.PI);
    const geometric = T !== 1;
    const omt = round(1 - T);
    const oma = round(1 - alpha); // a tensor's subtraction here, unlike CosineDecay's Python one
    const logT = logCorrectlyRounded(T, fmt);
    const [t1, t2] = wide ? log2DoubleDouble(T) : log2Split32(T);
    const [m1, m2] = wide ? log2DoubleDouble(M) : log2Split32(M);

    // Each correctly rounded function: the fast path, or the exact one when it cannot decide.
    const log = (x: number): number => {
      const v = wide ? log64(x) : log32(x);
      return wasUndecided() ? logCorrectlyRounded(x, fmt) : v;
    };
    const pow = (base: number, l1: number, l2: number, p: number): number => {
      if (Number.isNaN(p)) return base === 1 ? 1 : NaN; // the fast paths read a NaN exponent as 0
      const v = wide ? pow64(p, l1, l2) : pow32(p, l1, l2);
      return wasUndecided() ? powCorrectlyRounded(base, p, fmt) : v;
    };
    const cos = (x: number): number => {
      const v = wide ? cos64(x) : cos32(x);
      return wasUndecided() ? cosCorrectlyRounded(x, fmt) : v;
    };
    /** Keras' restart index of the fraction cf (NaN, or infinite, where its log says so). */
    const restart = (cf: number): number => (geometric ? Math.floor(round(log(round(1 - round(cf * omt))) / logT)) : Math.floor(cf));
    /** What index i fixes: the earlier periods' sum, the period, and 0.5 * M^i. */
    const period = (i: number): [sum: number, period: number, halfM: number] => {
      const halfM = round(0.5 * pow(M, m1, m2, i));
      if (!geometric) return [i, 1, halfM];
      const P = pow(T, t1, t2, i);
      return [round(round(1 - P) / omt), P, halfM];
    };
    const named = { A: a, FD: fd, GEOMETRIC: geometric, OMT: omt, LOG_T: logT, T1: t1, T2: t2, M1: m1, M2: m2, ALPHA: alpha, OMA: oma, PI: pi };
    let params: Float64Array | undefined;
    return {
      ...kernelOf(KERAS, twins, "cosineDecayRestarts", dtype),
      // Built at the first batch, not for single steps: up to TABLE_CAP logs and powers.
      get params(): Float64Array {
        if (params === undefined) {
          const table = restartTable(restart, period, dtype);
          params = paramsOf(P, { ...named, TABLE: table.count, TABLE_LIMIT: table.limit }, table.tail);
        }
        return params;
      },
      at: (step) => {
        const cf = round(round(step) / fd);
        const i = restart(cf);
        const [sum, p, halfM] = period(i);
        const c = round(round(cf - sum) / p);
        const cosine = round(halfM * round(1 + cos(round(pi * c))));
        return round(a * round(round(oma * cosine) + alpha));
      },
    };
  }
}

/** Restart indices the table holds at most (TABLE_STRIDE slots each). */
const TABLE_CAP = 512;
/** The table stops at an index beginning beyond this fraction (2^40 first periods). */
const TABLE_CF_MAX = 2 ** 40;

/**
 * The restart table (assembly/keras/cosineDecayRestarts.table.ts): for index k = 0, 1, ... the
 * fraction where index k + 1 begins, found among the floats of the dtype from Keras' own index
 * (restart), and period(k). Keras' index is a non-decreasing function of cf >= 0 (each of its
 * operations is monotone, the correctly rounded log too), so the least cf with index k + 1 or more
 * is found by galloping from the real boundary's estimate sum(k + 1) and bisecting between floats.
 * The table ends at TABLE_CAP indices, beyond TABLE_CF_MAX, or where the index stops being finite
 * (t_mul < 1 runs out of periods: log of 0, then of a negative number).
 */
function restartTable(
  restart: (cf: number) => number, period: (i: number) => [number, number, number], dtype: DType,
): { count: number; limit: number; tail: number[] } {
  const tail: number[] = [];
  let limit = Infinity;
  let fixed = period(0);
  for (let k = 0; k < TABLE_CAP; k++) {
    const [sum, p, halfM] = fixed;
    fixed = period(k + 1);
    const next = fixed[0];
    const end = Number.isFinite(next) ? leastAtLeast(restart, k + 1, Math.max(next, 0), dtype) : null;
    tail.push(end ?? Infinity, sum, p, halfM);
    if (end === null) break; // index k holds every finite cf above the last boundary
    if (end > TABLE_CF_MAX || !Number.isFinite(restart(end)) || k + 1 === TABLE_CAP) {
      limit = end;
      break;
    }
  }
  return { count: tail.length / TABLE_STRIDE, limit, tail };
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);
/** A float of the dtype >= 0 and its place among them (its bits), both ways. */
function placeOf(x: number, dtype: DType): bigint {
  if (dtype === "float32") return ((f32[0] = x), BigInt(u32[0]!));
  return ((f64[0] = x), u64[0]!);
}
function floatAt(place: bigint, dtype: DType): number {
  if (dtype === "float32") return ((u32[0] = Number(place)), f32[0]!);
  return ((u64[0] = place), f64[0]!);
}

/**
 * The least float cf >= 0 of the dtype whose index is not below k (an index that is NaN counts as
 * not below), searched from the estimate x; null if even the largest finite float's is below.
 */
function leastAtLeast(restart: (cf: number) => number, k: number, x: number, dtype: DType): number | null {
  const reached = (place: bigint): boolean => !(restart(floatAt(place, dtype)) < k);
  const top = placeOf(dtype === "float32" ? 3.4028234663852886e38 : Number.MAX_VALUE, dtype);
  // Galloping from x's place to a pair lo (not reached; index 0 at cf = 0 is below every k >= 1)
  // and hi (reached), then bisection.
  let lo: bigint;
  let hi: bigint;
  const start = placeOf(Math.min(x, floatAt(top, dtype)), dtype);
  if (reached(start)) {
    hi = start;
    for (let step = 1n; ; step *= 2n) {
      lo = hi > step ? hi - step : 0n;
      if (!reached(lo)) break;
      hi = lo;
    }
  } else {
    lo = start;
    for (let step = 1n; ; step *= 2n) {
      hi = lo + step < top ? lo + step : top;
      if (reached(hi)) break;
      if (hi === top) return null;
      lo = hi;
    }
  }
  while (hi - lo > 1n) {
    const mid = (lo + hi) / 2n;
    if (reached(mid)) hi = mid;
    else lo = mid;
  }
  return floatAt(hi, dtype);
}
