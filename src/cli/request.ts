/**
 * What the command line asks for, checked before anything is computed: the step range (exact
 * integers within float64's 2^53, read from the text itself, so that 9007199254740993 is not
 * taken for its rounding 2^53), and whether the request can finish in reasonable time and fit on
 * the disk. --force skips the last two.
 */
import { statfsSync } from "node:fs";
import { dirname } from "node:path";
import { InvalidArgumentError } from "commander";
import type { DType } from "../index.js";
import type { Format } from "./formats.js";

/** A mistake in the command line, or a request refused up front: exit code 2. */
export class UsageError extends Error {}

/** The last step float64 holds exactly: the steps stop here. */
export const LAST_STEP = 2 ** 53;

/**
 * The most values computed without --force: 10^10. At the pace scripts/measure-cli.mjs measured
 * (README, "Command line": 1e7 values in 0.9 s as a summary, 4.8 s as CSV, on a loaded machine),
 * that is some 15 minutes for a summary and over an hour for CSV; a typo of a few zeros
 * (--steps 1e15) is refused rather than left running for years.
 */
export const MAX_VALUES = 1e10;

/** Text the user typed, with an exponent too large to expand (1e999999999): out of every range. */
const MAX_DIGITS = 40;

/**
 * The integer that the decimal `text` denotes exactly ("1e6", "250000", "2.5e3", "-7"), or
 * undefined when it denotes no integer ("1.5", "1e-3", "abc"). Exact: no rounding to a double.
 */
export function exactInteger(text: string): bigint | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (m === null || (m[2] === "" && (m[3] ?? "") === "")) return undefined;
  const fraction = m[3] ?? "";
  const all = (m[2]! + fraction).replace(/^0+/, "");
  const significant = all.replace(/0+$/, "");
  if (significant === "") return 0n;
  // all = significant followed by zeros; the value is all * 10^(exponent - fraction.length).
  const scale = Number(m[4] ?? "0") - fraction.length + (all.length - significant.length);
  if (scale < 0) return undefined;
  const sign = m[1] === "-" ? -1n : 1n;
  if (significant.length + scale > MAX_DIGITS) return sign * 10n ** BigInt(MAX_DIGITS);
  return sign * BigInt(significant) * 10n ** BigInt(scale);
}

/** Commander's parser for an integer option within [min, 2^53]. */
export function integerOption(min: number, zeroMessage?: string) {
  return (text: string): number => {
    const x = exactInteger(text);
    if (x === 0n && zeroMessage !== undefined) throw new InvalidArgumentError(zeroMessage);
    if (x === undefined || x < BigInt(min) || x > BigInt(LAST_STEP))
      throw new InvalidArgumentError(`must be an integer >= ${min === -LAST_STEP ? "-2^53" : min} and at most 2^53 (${LAST_STEP}), got "${text}"`);
    return Number(x);
  };
}

/** The steps computed: start, start + every, ..., last; count of them. */
export interface StepRange {
  readonly start: number;
  readonly every: number;
  readonly count: number;
  readonly last: number;
}

/** --start, --steps and --every as a range of steps, refused when it reaches beyond 2^53. */
export function stepRange(start: number, steps: number, every: number): StepRange {
  // In BigInt: ceil(steps / every) and the last step, exactly, whatever their size.
  const count = (BigInt(steps) + BigInt(every) - 1n) / BigInt(every);
  const last = BigInt(start) + (count - 1n) * BigInt(every);
  if (last > BigInt(LAST_STEP))
    throw new UsageError(`--start ${start} and --steps ${steps}${every > 1 ? ` (--every ${every})` : ""} reach step ${last}, beyond step 2^53 (${LAST_STEP}), the last that float64 holds`);
  return { start, every, count: Number(count), last: Number(last) };
}

const figure = (n: number | bigint) => n.toLocaleString("en-US");

/** How many characters the integers start + i * every, 0 <= i < count, take in decimal: exactly. */
export function decimalCharacters(range: StepRange): bigint {
  const { start, every, count } = range;
  const first = BigInt(start);
  const step = BigInt(every);
  // The i whose step lies in [lo, hi]: ceil((lo - first) / step) .. floor((hi - first) / step).
  const within = (lo: bigint, hi: bigint): bigint => {
    const floorDiv = (a: bigint) => (a >= 0n ? a / step : -((-a + step - 1n) / step));
    const from = -floorDiv(first - lo); // ceil((lo - first) / step)
    const to = floorDiv(hi - first);
    const a = from < 0n ? 0n : from;
    const b = to > BigInt(count) - 1n ? BigInt(count) - 1n : to;
    return b >= a ? b - a + 1n : 0n;
  };
  let total = 0n;
  for (let digits = 1n, lo = 0n; digits <= 17n; digits++, lo = lo === 0n ? 10n : lo * 10n) {
    const hi = lo === 0n ? 9n : lo * 10n - 1n;
    total += digits * within(lo, hi) + (digits + 1n) * within(-hi, lo === 0n ? -1n : -lo);
  }
  return total;
}

/** The fewest bytes `format` can take for the range: exact for binary formats, a lower bound for text. */
export function bytesAtLeast(format: Format, dtype: DType, range: StepRange): bigint {
  const n = BigInt(range.count);
  const width = dtype === "float32" ? 4n : 8n;
  switch (format) {
    case "f32":
    case "f64":
      return n * width;
    case "npy":
      return 128n + n * width; // a header of at least 128 bytes (a multiple of 64 holding the dict)
    case "csv":
      // "step,learning_rate\n", then per line the step, a comma, at least one character, a newline.
      return 19n + decimalCharacters(range) + 3n * n;
    case "json":
      // {"steps":[...],"values":[...]}\n: steps and values each at least one character, commas between.
      return 25n + decimalCharacters(range) + (n - 1n) + n + (n - 1n);
  }
}

/** Bytes free to the user in the directory that will hold `path`, or undefined if it cannot be told. */
function freeBytes(path: string): bigint | undefined {
  try {
    const s = statfsSync(dirname(path), { bigint: true });
    return s.bavail * s.bsize;
  } catch {
    return undefined; // the directory does not exist: writing will say so by name
  }
}

/**
 * Refuses, unless --force, a request that cannot finish in reasonable time (more than MAX_VALUES
 * values) or that cannot fit on the disk (more bytes at least than are free where --out goes).
 */
export function checkRequest(range: StepRange, out: { path: string; format: Format } | undefined, dtype: DType, force: boolean): void {
  if (force) return;
  if (out !== undefined) {
    const needed = bytesAtLeast(out.format, dtype, range);
    const free = freeBytes(out.path);
    if (free !== undefined && needed > free)
      throw new UsageError(
        `--out ${out.path} needs ${out.format === "csv" || out.format === "json" ? "at least " : ""}${figure(needed)} bytes for ${figure(range.count)} values, ` +
          `and ${dirname(out.path)} has ${figure(free)} bytes free (give --force to try anyway)`,
      );
  }
  if (range.count > MAX_VALUES)
    throw new UsageError(`${figure(range.count)} values is more than the ${figure(MAX_VALUES)} lrdecay computes without --force (give --force to run it anyway)`);
}
