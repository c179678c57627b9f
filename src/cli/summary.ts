/**
 * The CLI's summary of any schedule, gathered from the values as they stream past (never a second
 * pass, never the whole array): first and last, minimum and maximum with their steps, an initial
 * rise (a warm-up's peak, or a step up), restarts, and where the schedule falls to 1/2, 1/10 and
 * 1/100 of its first value.
 *
 * What the shape is gets decided from the computed values, not from the schedule's class:
 * - it decays monotonically when no computed value is above the one before it (non-increasing over
 *   the computed steps, NaN breaking it); only then are the "falls to" lines printed. With --every,
 *   a crossing is then located exactly by bisection between the two computed steps around it.
 *   "Falls to 1/k" compares in the dtype's terms: with first / k rounded to the dtype (the float32
 *   0.1 is above the real 1/10, so a schedule that reaches the float32 0.1 does fall to 1/10).
 * - a warm-up is a rise at the start, over more than one step up, followed by a fall; its peak is
 *   where that rise ends. A single jump (a PiecewiseConstantDecay's values going up) is a step up,
 *   and a rise with no fall after it is told as such.
 * - a restart is a jump up after a fall, by more than 1/1000 of the largest value so far (float
 *   rounding can wobble a slowly varying schedule by an ulp; that is no restart).
 */
import type { DType } from "../index.js";
import { shortestFloat32 } from "./shortest.js";

const FRACTIONS = [2, 10, 100];
const count = (n: number) => n.toLocaleString("en-US");
/** Restarts listed by step; more are counted only. */
const LISTED = 5;

export class Summary {
  n = 0;
  first = NaN;
  firstStep = 0;
  last = NaN;
  lastStep = 0;
  min = Infinity;
  minStep = NaN;
  max = -Infinity;
  maxStep = NaN;
  nonIncreasing = true;
  /** The initial rise: its end (while the values have not decreased yet), and how many steps up it took. */
  rising = true;
  peak = NaN;
  peakStep = NaN;
  stepsUp = 0;
  fell = false;
  restarts = 0;
  restartSteps: number[] = [];
  /** Values that are NaN or infinite, and the first of them. */
  nonFinite = 0;
  firstNonFinite: [step: number, value: number] | null = null;
  /** For each fraction: the step just before the first value at or below first / k, and that step. */
  readonly crossings: ([number, number] | null)[] = FRACTIONS.map(() => null);

  /** first / k rounded to the dtype, for each fraction k. */
  private thresholds: number[] = [];

  constructor(
    private readonly format: (x: number) => string,
    private readonly dtype: DType,
  ) {}

  /** Takes the values at steps start, start + every, ... */
  add(values: ArrayLike<number>, start: number, every: number): void {
    const n = values.length;
    if (n === 0) return;
    for (let k = 0; k < n; k++)
      if (!Number.isFinite(values[k]!)) {
        this.nonFinite++;
        this.firstNonFinite ??= [start + k * every, values[k]!];
      }
    let i = 0;
    let prev = this.last;
    if (this.n === 0) {
      this.first = prev = values[0]!;
      this.firstStep = start;
      this.peak = prev;
      this.peakStep = start;
      if (prev >= this.max) [this.max, this.maxStep] = [prev, start];
      if (prev <= this.min) [this.min, this.minStep] = [prev, start];
      // In float32: first / k in double, then rounded to float32, is the float32 nearest the real
      // quotient (double has more than 2 * 24 + 2 bits: rounding twice is innocuous for a division).
      this.thresholds = FRACTIONS.map((k) => (this.dtype === "float32" ? Math.fround(this.first / k) : this.first / k));
      i = 1;
    }
    const thresholds = this.thresholds;
    for (; i < n; i++) {
      const v = values[i]!;
      if (v === prev) continue;
      const step = start + i * every;
      if (v > this.max) [this.max, this.maxStep] = [v, step];
      if (v < this.min) [this.min, this.minStep] = [v, step];
      if (v < prev) {
        this.fell = true;
        this.rising = false;
        for (let f = 0; f < FRACTIONS.length; f++)
          if (this.crossings[f] === null && v <= thresholds[f]!) this.crossings[f] = [step - every, step];
      } else if (v > prev) {
        this.nonIncreasing = false;
        if (this.rising) {
          [this.peak, this.peakStep] = [v, step];
          this.stepsUp++;
        } else if (this.fell && v - prev > 1e-3 * Math.abs(this.max)) {
          this.restarts++;
          if (this.restartSteps.length < LISTED) this.restartSteps.push(step);
          this.fell = false;
        }
      } else this.nonIncreasing = false; // NaN
      prev = v;
    }
    this.n += n;
    this.last = values[n - 1]!;
    this.lastStep = start + (n - 1) * every;
  }

  /** The summary's lines; `valueAt` gives the value at any step (to locate a crossing between two computed). */
  lines(valueAt: (step: number) => number): string[] {
    const at = (step: number, v: number) => `step ${count(step)} -> ${this.format(v)}`;
    const lines = [`first: ${at(this.firstStep, this.first)}`, `last:  ${at(this.lastStep, this.last)}`];
    if (this.n === 0) return [];
    if (this.max > -Infinity) lines.push(`max:   ${at(this.maxStep, this.max)}`, `min:   ${at(this.minStep, this.min)}`);
    if (this.stepsUp > 0) {
      const [from, to] = [this.format(this.first), this.format(this.peak)];
      const after = this.rising ? " and does not fall over these steps" : ", then falls";
      if (this.stepsUp === 1) lines.push(`steps up from ${from} to ${to} at step ${count(this.peakStep)}${after}`);
      else if (this.rising) lines.push(`rises from ${from} to ${to} at step ${count(this.peakStep)}${after}`);
      else lines.push(`warm-up: rises from ${from} to its peak ${to} at step ${count(this.peakStep)}`);
    }
    if (this.firstNonFinite !== null) {
      // Keras' CosineDecayRestarts with t_mul < 1 past its last restart, say: its own formula's NaN.
      const [step, v] = this.firstNonFinite;
      lines.push(`not finite: ${count(this.nonFinite)} of the ${count(this.n)} values, the first at step ${count(step)} (${this.format(v)}): the framework's formula gives it there`);
    }
    if (this.restarts > 0)
      lines.push(
        `restarts: ${count(this.restarts)}, at step${this.restarts > 1 ? "s" : ""} ${this.restartSteps.map(count).join(", ")}${this.restarts > LISTED ? ", ..." : ""}`,
      );
    if (this.nonIncreasing && this.first > 0 && this.n > 1) {
      for (const [f, k] of FRACTIONS.entries()) {
        const crossing = this.crossings[f]!;
        const threshold = this.thresholds[f]!;
        const fraction = `1/${k} of its first value (${this.format(threshold)} in ${this.dtype})`;
        if (crossing === null) {
          // The next fractions are not reached either.
          lines.push(`does not fall to ${fraction} by step ${count(this.lastStep)}`);
          break;
        }
        // Monotone over the computed steps, taken as monotone between them: bisect.
        let [lo, hi] = crossing;
        while (hi - lo > 1) {
          const mid = lo + Math.floor((hi - lo) / 2);
          if (valueAt(mid) <= threshold) hi = mid;
          else lo = mid;
        }
        lines.push(`falls to ${fraction} at step ${count(hi)}`);
      }
    } else if (this.n > 1 && !this.nonIncreasing) {
      lines.push("not monotone over these steps: no \"falls to\" lines");
    }
    return lines;
  }
}

/** The summary's number format for a dtype: the shortest decimal that reads back. */
export const formatterFor = (dtype: DType) => (dtype === "float32" ? shortestFloat32 : String);
