/**
 * The words of a comparison (lrdecay compare, and the playground's difference list): what one
 * schedule does over the steps compared (Shape) and where two differ (Pair), gathered value by
 * value so that any number of steps streams through. No Node API: the playground loads it too.
 *
 * Values are compared as float64: a float32 value widens to float64 exactly, so two schedules are
 * bit-identical at a step when their values are the same number once widened. A difference is
 * a - b in float64 (rounded once); the relative difference is |a - b| / max(|a|, |b|) (1 when one
 * is 0). Values print as Python's repr of the float64; differences with 3 significant digits, for
 * reading only.
 */
import { floatRepr } from "../transformers/python.js";

/** What one schedule does over the steps compared, gathered chunk by chunk. */
export class Shape {
  first = NaN;
  last = NaN;
  lastStep = NaN;
  peak = -Infinity;
  peakStep = NaN;
  /** The lowest value after the peak, and its first step. */
  low = Infinity;
  lowStep = NaN;
  /** The highest value after that low, and its first step: above the low, it rises again. */
  after = -Infinity;
  afterStep = NaN;
  count = 0;

  add(v: number, step: number): void {
    if (this.count++ === 0) this.first = v;
    this.last = v;
    this.lastStep = step;
    if (v > this.peak) {
      this.peak = v;
      this.peakStep = step;
      this.low = Infinity;
      this.after = -Infinity;
    }
    if (v < this.low) {
      this.low = v;
      this.lowStep = step;
      this.after = -Infinity;
    } else if (v > this.after) {
      this.after = v;
      this.afterStep = step;
    }
  }

  /**
   * Whether it ends on a value it holds: its low, reached after its peak and before the last step
   * compared, and never left. Whether it holds it beyond the steps compared, a probe tells (words).
   */
  holds(): boolean {
    return this.count > 1 && this.peakStep !== this.lastStep && this.lowStep !== this.lastStep && !(this.after > this.low);
  }

  /**
   * The lines saying what it does. `later` is its value at a step past the last one compared (as far
   * past it as the low has held), where holds(): equal, it clamps; else it goes on falling or rises.
   */
  words(firstStep: number, later?: { step: number; value: number }): string[] {
    const lines = [`starts at ${floatRepr(this.first)} (step ${count(firstStep)})`];
    if (this.count === 1) return lines;
    if (this.peakStep === firstStep) lines.push(`is highest at its start`);
    else lines.push(`peaks at ${floatRepr(this.peak)} at step ${count(this.peakStep)}`);
    if (this.peakStep === this.lastStep) lines.push(`rises to the last step compared: no end reached`);
    else if (this.lowStep === this.lastStep) lines.push(`still falls at the last step compared (${floatRepr(this.last)} at step ${count(this.lastStep)}): no end reached`);
    else if (this.after > this.low)
      lines.push(
        `reaches its lowest, ${floatRepr(this.low)}, at step ${count(this.lowStep)}, then rises again (does not clamp): ` +
          (this.afterStep === this.lastStep ? `${floatRepr(this.last)} at step ${count(this.lastStep)}, the last compared` : `up to ${floatRepr(this.after)} at step ${count(this.afterStep)}; ${floatRepr(this.last)} at step ${count(this.lastStep)}, the last compared`),
      );
    else if (later === undefined || later.value === this.low)
      lines.push(`reaches its end value ${floatRepr(this.low)} at step ${count(this.lowStep)} and holds it to step ${count(this.lastStep)} (clamps)`);
    else
      lines.push(
        `holds ${floatRepr(this.low)} from step ${count(this.lowStep)} to step ${count(this.lastStep)}, the last compared; ` +
          `past them it ${later.value < this.low ? "falls again" : "rises again"} (${floatRepr(later.value)} at step ${count(later.step)}, computed to see whether it holds): no end reached`,
      );
    return lines;
  }
}

/** Two schedules' differences, gathered chunk by chunk. */
export class Pair {
  identical = 0;
  maxAbs = -1;
  absStep = NaN;
  absValues: [number, number] = [NaN, NaN];
  maxRel = -1;
  relStep = NaN;
  relValues: [number, number] = [NaN, NaN];
  firstDiffer = NaN;

  constructor(readonly a: number, readonly b: number) {}

  add(x: number, y: number, step: number): void {
    if (Object.is(x, y)) {
      this.identical++;
      return;
    }
    if (Number.isNaN(this.firstDiffer)) this.firstDiffer = step;
    const abs = Math.abs(x - y);
    if (abs > this.maxAbs) {
      this.maxAbs = abs;
      this.absStep = step;
      this.absValues = [x, y];
    }
    const scale = Math.max(Math.abs(x), Math.abs(y));
    const rel = scale === 0 ? 0 : abs / scale;
    if (rel > this.maxRel) {
      this.maxRel = rel;
      this.relStep = step;
      this.relValues = [x, y];
    }
  }

  words(labels: readonly string[], n: number): string {
    const [a, b] = [labels[this.a]!, labels[this.b]!];
    if (this.identical === n) return `${a} and ${b}: bit-identical at all ${count(n)} steps`;
    const show = ([x, y]: [number, number]) => `${floatRepr(x)} vs ${floatRepr(y)}`;
    return (
      `${a} and ${b}: bit-identical at ${count(this.identical)} of ${count(n)} steps, first differ at step ${count(this.firstDiffer)}; ` +
      `largest absolute difference ${sig(this.maxAbs)} at step ${count(this.absStep)} (${show(this.absValues)}); ` +
      `largest relative difference ${sig(this.maxRel)} at step ${count(this.relStep)} (${show(this.relValues)})`
    );
  }
}

export const count = (n: number) => n.toLocaleString("en-US");
/** A difference for reading: 3 significant digits (display only; the values print in full). */
const sig = (x: number) => (x === 0 ? "0" : (x < 1e-3 ? x.toExponential(2) : x.toPrecision(3)).replace(/\.?0+(e|$)/, "$1"));

/** Every pair of n schedules, in order. */
export function pairsOf(n: number): Pair[] {
  const pairs: Pair[] = [];
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) pairs.push(new Pair(a, b));
  return pairs;
}

/** The whole report over arrays of values at the steps first, first + every, ...: each one's words, then each pair's. */
export function differences(labels: readonly string[], values: readonly ArrayLike<number>[], first: number, every: number): { shapes: string[]; pairs: string[] } {
  const shapes = values.map(() => new Shape());
  const pairs = pairsOf(values.length);
  const n = Math.min(...values.map((v) => v.length));
  for (let j = 0; j < n; j++) {
    const step = first + j * every;
    for (let k = 0; k < values.length; k++) shapes[k]!.add(values[k]![j]!, step);
    for (const p of pairs) p.add(values[p.a]![j]!, values[p.b]![j]!, step);
  }
  return { shapes: shapes.map((s, k) => `${labels[k]}: ${s.words(first).join("; ")}`), pairs: pairs.map((p) => p.words(labels, n)) };
}
