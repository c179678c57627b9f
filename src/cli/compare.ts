/**
 * `lrdecay compare`: two or more schedules of any framework over the same steps, and where they
 * differ, in words: each one's value at the first step, its peak and the step of it, where it
 * reaches its end value and whether it then holds it (clamps) or rises again; for each pair, how
 * many steps are bit-identical and the largest absolute and relative difference, and where.
 * `--intent NAME` builds the same intent in the four frameworks (intents.ts) and prints the calls
 * it used. `--out` writes the values side by side (CSV, one column per schedule; npy, a 2-D array),
 * `--svg` overlays the curves. Computed chunk by chunk, as the main command does: a signal stops
 * it within a chunk and removes a partial --out. How values are compared and worded:
 * differences.ts (the playground's difference list says the same).
 */
import { Command, InvalidArgumentError, Option } from "commander";
import { ready, type DType, type FloatArray } from "../index.js";
import { floatRepr } from "../transformers/python.js";
import { Pair, Shape, count, pairsOf } from "./differences.js";
import { fromCatalogJSON, type Built } from "./catalog.js";
import { addScheduleFlags, decimal, flagsOf, scheduleHint, scheduleInArgv } from "./flags.js";
import { nearestFlags } from "./suggest.js";
import { BlockWriter, BLOCK, fileSink, npyHeader, rawBytes, stdoutSink, writeFileAtomically, type Sink } from "./formats.js";
import { INTENT_NAMES, findIntent, type IntentParams } from "./intents.js";
import { overlaySvg } from "./plot.js";
import { LAST_STEP, MAX_VALUES, UsageError, integerOption, stepRange, type StepRange } from "./request.js";
import { checkSteps, resolveSchedule } from "./schedule.js";
import { emitInteger, emitValue } from "./shortest.js";
import { progress } from "./progress.js";
import { onInterrupt, turn } from "./signals.js";

/** Steps computed per chunk, for every schedule; between two, signals are handled. */
const CHUNK = 1 << 16;

export const COMPARE_SYNOPSIS = `compare --schedule NAME [its flags] [--config FILE] --vs NAME|FILE [its flags] [--vs ...] --steps N
               [--start S] [--every K] [--out FILE.csv|FILE.npy|-] [--svg FILE|-] [--log] [--force]
       lrdecay compare --intent ${INTENT_NAMES.join("|")} --peak P --steps N
               [--warmup W] [--step-size S] [--gamma G] [--past K] [--out ...] [--svg ...]`;

const COMPARE_HELP = `
Each schedule is --schedule NAME (or --config FILE) followed by its own flags; each --vs starts the
next one: a schedule's name and its flags, or a config file (.json, .keras). --dtype after a
schedule sets that schedule's dtype. The other options (--steps, --start, --every, --out, --svg,
--log, --force) are the comparison's, wherever they stand.

--intent builds one description in the four frameworks (HF, torch, optax, Keras), the closest
schedule each has, says where one cannot express it, and prints the calls it used (Python and JS).
--steps is then the training length: the schedules reach their end there, and the comparison runs
--past steps further (default: half of --steps) to show what each does after its end.
  warmup-cosine   --peak --warmup --steps: linear warm-up from 0, cosine to 0 at --steps
  warmup-linear   --peak --warmup --steps: linear warm-up from 0, linear to 0 at --steps
  step-decay      --peak --step-size --gamma (default 0.1): times gamma every step-size steps
  exponential     --peak --gamma: times gamma every step
  one-cycle       --peak --steps: PyTorch's and optax's one cycle (cosine), compared to its end

Values are compared as float64: a float32 value widens exactly, so "bit-identical" means the same
number once widened. Values print as Python prints the float64 (repr); --out's CSV writes each
column as the shortest decimal that reads back to its own dtype; .npy is a 2-D array (steps x
schedules), float64 when any schedule is.

Examples:
  $ lrdecay compare --intent warmup-cosine --peak 0.1 --warmup 10 --steps 100
  $ lrdecay compare --schedule keras.CosineDecay --initial-learning-rate 0.1 --decay-steps 1000 \\
      --vs torch.CosineAnnealingLR --lr 0.1 --t-max 1000 --steps 1200 --svg cosines.svg
  $ lrdecay compare --intent one-cycle --peak 0.1 --steps 1000 --out onecycle.csv
`;

/** Options of the comparison itself, and how many values each takes. */
const OWN: Record<string, 0 | 1> = {
  "--steps": 1, "--start": 1, "--every": 1, "--out": 1, "--svg": 1, "--log": 0, "--force": 0, "--help": 0, "-h": 0,
  "--intent": 1, "--peak": 1, "--warmup": 1, "--step-size": 1, "--gamma": 1, "--past": 1,
};
const INTENT_ONLY = ["--intent", "--peak", "--warmup", "--past", "--step-size", "--gamma"];

interface Own {
  steps?: number;
  start: number;
  every: number;
  out?: string;
  svg?: string;
  log?: boolean;
  force?: boolean;
  intent?: string;
  peak?: number;
  warmup?: number;
  stepSize?: number;
  gamma?: number;
  past?: number;
}

function finite(flag: string) {
  return (text: string) => {
    const x = decimal(text);
    if (!Number.isFinite(x)) throw new InvalidArgumentError(`${flag} must be a finite number, got "${text}"`);
    return x;
  };
}

function ownProgram(version: string): Command {
  return new Command()
    .name("lrdecay compare")
    .usage(COMPARE_SYNOPSIS.replace(/^compare /, ""))
    .description("Schedules of any framework side by side: where they differ, their values together, one plot.")
    .version(version)
    .option("--steps <n>", "steps compared (with --intent: the training length)", integerOption(1, "0 steps compare nothing: give --steps 1 or more"))
    .option("--start <n>", "the first step", integerOption(-LAST_STEP), 0)
    .option("--every <k>", "compare every k-th step only", integerOption(1), 1)
    .option("--out <file>", "write the values side by side: FILE.csv, FILE.npy, or - (CSV on stdout)")
    .option("--svg <file>", "write the curves overlaid as SVG to FILE.svg, or - for stdout")
    .option("--log", "a log scale for --svg")
    .option("--force", `compare more than ${MAX_VALUES.toLocaleString("en-US")} values in all`)
    .addOption(new Option("--intent <name>", "the same intent in the four frameworks").choices(INTENT_NAMES))
    .option("--peak <lr>", "--intent: the peak learning rate", finite("--peak"))
    .option("--warmup <steps>", "--intent: steps of linear warm-up from 0 (default: 0)", integerOption(0))
    .option("--step-size <steps>", "--intent step-decay: steps between decays", integerOption(1))
    .option("--gamma <factor>", "--intent step-decay and exponential: the factor per decay (default: 0.1 for step-decay)", finite("--gamma"))
    .option("--past <steps>", "--intent: steps compared after the end (default: half of --steps)", integerOption(0))
    .addHelpText("after", COMPARE_HELP)
    .exitOverride()
    .configureOutput({ writeErr: () => {}, outputError: () => {} });
}

/** Flags only --intent reads, which a schedule may have too (torch.StepLR's --step-size and --gamma). */
const SHARED_WITH_SCHEDULES = ["--step-size", "--gamma", "--peak", "--warmup", "--past"];

/**
 * The comparison's own arguments, and the rest in schedules: each starts at --schedule, --config or
 * --vs. Without --intent, a flag --intent would take (--step-size, --gamma, ...) that stands after
 * a schedule's name is that schedule's.
 */
function split(args: readonly string[]): { own: string[]; segments: { flag: string; args: string[] }[] } {
  const own: string[] = [];
  const segments: { flag: string; args: string[] }[] = [];
  const intent = args.some((a) => a === "--intent" || a.startsWith("--intent="));
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const name = a.includes("=") ? a.slice(0, a.indexOf("=")) : a;
    if (name in OWN && (intent || segments.length === 0 || !SHARED_WITH_SCHEDULES.includes(name))) {
      own.push(a);
      if (OWN[name] === 1 && !a.includes("=") && i + 1 < args.length) own.push(args[++i]!);
      continue;
    }
    if (name === "--vs" || segments.length === 0) segments.push({ flag: name === "--vs" ? "--vs" : "--schedule", args: [] });
    segments.at(-1)!.args.push(a);
  }
  return { own, segments };
}

/** A schedule with the label its column and its lines carry. */
interface Side {
  readonly built: Built;
  readonly label: string;
  readonly source: string;
  readonly note?: string;
}

/** One schedule from its part of the command line: `--schedule NAME flags` or `--vs NAME|FILE flags`. */
function sideFrom(segment: { flag: string; args: string[] }, index: number): { built: Built; source: string } {
  let args = segment.args;
  const nameFlag = segment.flag;
  if (nameFlag === "--vs") {
    const value = args[0]!.startsWith("--vs=") ? args[0]!.slice(5) : args[1];
    if (value === undefined) throw new UsageError("--vs needs a schedule's name or a config file");
    const rest = args[0]!.startsWith("--vs=") ? args.slice(1) : args.slice(2);
    const isFile = /\.(json|keras)$/i.test(value) && scheduleInArgv(["--schedule", value]) === undefined;
    args = isFile ? ["--config", value, ...rest] : ["--schedule", value, ...rest];
  }
  const shown = scheduleInArgv(args);
  const cli = new Command()
    .exitOverride()
    .configureOutput({ writeErr: () => {}, outputError: () => {} })
    .option("--schedule <name>")
    .option("--config <file>")
    .addOption(new Option("--dtype <dtype>").choices(["float32", "float64"]));
  addScheduleFlags(cli, shown);
  (cli as Command & { unknownOption(flag: string): never }).unknownOption = (flag: string) => {
    const near = nearestFlags(flag, [shown === undefined ? [] : flagsOf(shown)]);
    const hint = near === undefined ? "" : `; did you mean ${near.flags.join(" or ")}?`;
    throw new UsageError(`unknown option '${flag}' for the ${ordinal(index)} schedule${shown === undefined ? "" : ` (${shown.id})`}${hint}`);
  };
  if (args[0] !== "--schedule" && args[0] !== "--config" && !args[0]!.startsWith("--schedule=") && !args[0]!.startsWith("--config="))
    throw new UsageError(`the first schedule starts with --schedule NAME or --config FILE, not ${args[0]}`);
  cli.parse(args, { from: "user" });
  const o = cli.opts<Record<string, unknown> & { schedule?: string; config?: string; dtype?: DType }>();
  if (o.schedule !== undefined && knownSchedule(o.schedule) === undefined) throw new UsageError(`${nameFlag} ${o.schedule}: no schedule has that name (lrdecay --help lists them).${scheduleHint(o.schedule)}`);
  const { built, source } = resolveSchedule({
    ...(o.schedule === undefined ? {} : { name: o.schedule }), nameFlag,
    ...(o.config === undefined ? {} : { config: o.config }), ...(o.dtype === undefined ? {} : { dtype: o.dtype }),
    flags: o,
  });
  return { built, source };
}

/** Help for each schedule the command line names (`compare --schedule X --vs Y --help`): its flags. */
function schedulesNamed(segments: readonly { flag: string; args: string[] }[]): string[] {
  return segments.flatMap((seg, i) => {
    const args = seg.flag === "--vs" ? ["--schedule", ...(seg.args[0]!.startsWith("--vs=") ? [seg.args[0]!.slice(5)] : seg.args.slice(1, 2))] : seg.args;
    const shown = scheduleInArgv(args);
    if (shown === undefined) return [];
    const help = new Command()
      .name("lrdecay compare")
      .usage(`... ${i === 0 ? "--schedule" : "--vs"} ${shown.id} [its flags] ...`)
      .helpOption(false)
      .description(`the ${ordinal(i)} schedule's flags (its arguments in kebab case), with their defaults`);
    addScheduleFlags(help, shown);
    return [help.helpInformation()];
  });
}

/** The buildable schedule a name means, or undefined. */
const knownSchedule = (name: string) => scheduleInArgv(["--schedule", name]);
const ordinal = (i: number) => ["first", "second", "third", "fourth", "fifth"][i] ?? `${i + 1}th`;

/** Labels: the intent's framework names, or the schedules' ids, numbered where two are the same. */
function labelled(sides: { built: Built; source: string; note?: string; label?: string }[]): Side[] {
  const labels = sides.map((s) => s.label ?? s.built.entry.id);
  return sides.map((s, i) => {
    const same = labels.filter((l) => l === labels[i]).length;
    const label = same > 1 ? `${labels[i]} #${labels.slice(0, i + 1).filter((l) => l === labels[i]).length}` : labels[i]!;
    return { built: s.built, label, source: s.source, ...(s.note === undefined ? {} : { note: s.note }) };
  });
}

/** The comparison's CSV header: step, then one column per schedule. */
const csvHeader = (sides: readonly Side[]) => `step,${sides.map((s) => (/[",\n]/.test(s.label) ? `"${s.label.replace(/"/g, '""')}"` : s.label)).join(",")}\n`;

/** The side by side output. */
function outputFormat(path: string): "csv" | "npy" {
  if (path === "-" || /\.csv$/i.test(path)) return "csv";
  if (/\.npy$/i.test(path)) return "npy";
  throw new UsageError(`--out ${path}: compare writes CSV (.csv, or - for stdout) or NumPy (.npy) side by side`);
}

/**
 * A schedule's value past the steps compared, where it ends on a value it holds: as far past the
 * last step as the value has held (a step decay's next drop, if it comes that soon), so that a
 * hold the window cut short is not called a clamp. Undefined where the schedule has no such step
 * (beyond a count's range, or OneCycleLR's total steps).
 */
function later(built: Side["built"], shape: Shape): { step: number; value: number } | undefined {
  if (!shape.holds()) return undefined;
  const step = shape.lastStep + (shape.lastStep - shape.lowStep) + 1;
  if (!Number.isSafeInteger(step)) return undefined;
  const out = built.dtype === "float32" ? new Float32Array(1) : new Float64Array(1);
  try {
    built.stream(step, 1)(out);
  } catch {
    return undefined;
  }
  return { step, value: out[0]! };
}

/** Computes every schedule over the range, chunk by chunk, into the shapes, the pairs and the sink. */
async function run(sides: readonly Side[], range: StepRange, out: { sink: Sink; format: "csv" | "npy" } | null): Promise<{ shapes: Shape[]; pairs: Pair[] }> {
  const shapes = sides.map(() => new Shape());
  const pairs = pairsOf(sides.length);
  const streams = sides.map((s) => s.built.stream(range.start, range.every));
  const buffers: FloatArray[] = sides.map((s) => (s.built.dtype === "float32" ? new Float32Array(CHUNK) : new Float64Array(CHUNK)));
  const wide = sides.some((s) => s.built.dtype === "float64");
  const blocks = out?.format === "csv" ? new BlockWriter(out.sink) : null;
  const rowsPerBlock = Math.max(1, Math.floor(BLOCK / sides.length));
  const sink = out?.sink;
  if (out?.format === "csv") await sink!.write(csvHeader(sides));
  if (out?.format === "npy") await sink!.write(npyHeader(range.count, wide ? "float64" : "float32", sides.length));
  const rows = wide ? new Float64Array(CHUNK * sides.length) : new Float32Array(CHUNK * sides.length);
  const bar = progress(range.count, CHUNK, "steps");
  try {
    for (let i = 0; i < range.count; i += CHUNK) {
      const n = Math.min(CHUNK, range.count - i);
      const first = range.start + i * range.every;
      const values = buffers.map((b, k) => {
        const v = b.subarray(0, n);
        streams[k]!(v);
        return v;
      });
      for (let k = 0; k < sides.length; k++) {
        const v = values[k]!;
        const shape = shapes[k]!;
        for (let j = 0; j < n; j++) shape.add(v[j]!, first + j * range.every);
      }
      for (const p of pairs) {
        const x = values[p.a]!;
        const y = values[p.b]!;
        for (let j = 0; j < n; j++) p.add(x[j]!, y[j]!, first + j * range.every);
      }
      if (out?.format === "csv")
        for (let j = 0; j < n; j += rowsPerBlock) {
          const end = Math.min(n, j + rowsPerBlock);
          await blocks!.write((block) => {
            let pos = 0;
            for (let r = j; r < end; r++) {
              pos = emitInteger(block, pos, first + r * range.every);
              for (let k = 0; k < values.length; k++) {
                block[pos++] = 44; // ,
                pos = emitValue(block, pos, values[k]![r]!, sides[k]!.built.dtype === "float32");
              }
              block[pos++] = 10; // \n
            }
            return pos;
          });
        }
      if (out?.format === "npy") {
        for (let r = 0; r < n; r++) for (let k = 0; k < values.length; k++) rows[r * values.length + k] = values[k]![r]!;
        await sink!.write(rawBytes(rows.subarray(0, n * values.length)));
      }
      bar.update(i + n);
      await turn();
    }
  } finally {
    bar.stop();
  }
  await blocks?.flush();
  await sink?.close();
  return { shapes, pairs };
}

/** A fixed-width table of values (Python's repr), the first column the step. */
function table(sides: readonly Side[], steps: readonly number[]): string[] {
  const header = ["step", ...sides.map((s) => `${s.label} (${s.built.dtype})`)];
  const rows = steps.map((step) => [count(step), ...sides.map((s) => floatRepr(s.built.at(step)))]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) => cells.map((cell, c) => cell.padEnd(widths[c]!)).join("  ").trimEnd();
  return [line(header), ...rows.map(line)];
}

/** Steps on the range's grid, in it, sorted, each once. */
function onGrid(range: StepRange, steps: readonly number[]): number[] {
  const ok = steps.filter((s) => Number.isInteger(s) && s >= range.start && s <= range.last && (s - range.start) % range.every === 0);
  return [...new Set(ok)].sort((a, b) => a - b);
}

function intentSides(o: Own): { sides: Side[]; heading: string[]; landmarks: number[]; lastStep: number } {
  const intent = findIntent(o.intent!)!;
  if (o.peak === undefined) throw new UsageError(`--intent ${intent.name} needs --peak, the peak learning rate`);
  if (!(o.peak > 0)) throw new UsageError(`--peak must be above 0, got ${o.peak}`);
  const warmup = o.warmup ?? 0;
  if (o.warmup !== undefined && !intent.uses.includes("warmup")) throw new UsageError(`--warmup is no part of --intent ${intent.name}`);
  if (o.stepSize !== undefined && !intent.uses.includes("stepSize")) throw new UsageError(`--step-size is no part of --intent ${intent.name}`);
  if (o.gamma !== undefined && !intent.uses.includes("gamma")) throw new UsageError(`--gamma is no part of --intent ${intent.name}`);
  if (intent.uses.includes("stepSize") && o.stepSize === undefined) throw new UsageError(`--intent ${intent.name} needs --step-size, the steps between decays`);
  if (intent.name === "exponential" && o.gamma === undefined) throw new UsageError(`--intent ${intent.name} needs --gamma, the factor per step`);
  if (o.start !== 0 || o.every !== 1) throw new UsageError(`--intent compares from step 0, every step: --start and --every are for --schedule ... --vs ...`);
  const steps = o.steps!;
  if (warmup >= steps) throw new UsageError(`--warmup ${warmup} must be below --steps ${steps}, the training length`);
  const p: IntentParams = { peak: o.peak, warmup, steps, stepSize: o.stepSize ?? 1, gamma: o.gamma ?? 0.1 };
  const parts = intent.parts(p);
  const sides: Side[] = [];
  const heading = [`The same intent in four frameworks (--intent ${intent.name}): ${intent.describe(p)}`, ""];
  for (const part of parts) {
    if (part.schedule === undefined) {
      heading.push(`${part.framework}: none. ${part.note}`, "");
      continue;
    }
    let built: Built;
    try {
      built = fromCatalogJSON(part.schedule);
    } catch (e) {
      throw new UsageError(`--intent ${intent.name} in ${part.framework}: ${(e as Error).message}`);
    }
    sides.push({ built, label: part.framework, source: "the intent", ...(part.note === undefined ? {} : { note: part.note }) });
    heading.push(
      `${part.framework}: ${String(built)}, ${built.dtype}${part.note === undefined ? "" : `\n  note: ${part.note}`}`,
      indent("Python", built.python()),
      indent("JS", built.js()),
      "",
    );
  }
  const past = o.past ?? Math.ceil(steps / 2);
  return { sides, heading, landmarks: intent.landmarks(p), lastStep: steps - 1 + past };
}

const indent = (title: string, code: string) => `  ${title}:\n${code.split("\n").map((l) => `    ${l}`).join("\n")}`;

export async function runCompare(argv: string[], version: string): Promise<void> {
  const args = argv.slice(2);
  const { own, segments } = split(args);
  const cli = ownProgram(version);
  if (args.length === 0 || own.includes("--help") || own.includes("-h")) {
    cli.outputHelp();
    for (const text of schedulesNamed(segments)) process.stdout.write(`\n${text}`);
    if (args.length === 0) throw new UsageError("compare needs schedules (--schedule NAME ... --vs NAME ...) or --intent NAME");
    return;
  }
  cli.parse(own, { from: "user" });
  const o = cli.opts<Own>();
  if (o.steps === undefined) throw new UsageError("compare needs --steps N");
  if (o.svg !== undefined && o.svg !== "-" && !/\.svg$/i.test(o.svg)) throw new UsageError(`--svg ${o.svg}: lrdecay writes SVG only; give a file name ending in .svg (or - for stdout)`);
  if (o.svg === "-" && o.out === "-") throw new UsageError("--svg - and --out - would both write to stdout: send one of them to a file");
  if (o.log && o.svg === undefined) throw new UsageError("--log sets the scale of --svg: give --svg FILE with it");
  const format = o.out === undefined ? undefined : outputFormat(o.out);

  let sides: Side[];
  let heading: string[] = [];
  let landmarks: number[] = [];
  let range: StepRange;
  if (o.intent !== undefined) {
    if (segments.length > 0) throw new UsageError(`--intent builds its own schedules: give either --intent or --schedule ... --vs ..., not both (got ${segments[0]!.args[0]})`);
    const made = intentSides(o);
    sides = made.sides;
    heading = made.heading;
    landmarks = made.landmarks;
    // A schedule that computes no further (OneCycleLR past total_steps) ends the comparison.
    const lastStep = Math.min(made.lastStep, ...sides.map((s) => s.built.steps.last));
    range = stepRange(0, lastStep + 1, 1);
    if (lastStep < made.lastStep) {
      const stopper = sides.find((s) => s.built.steps.last === lastStep)!;
      heading.push(`compared to step ${count(lastStep)}: ${stopper.label} computes no further (${stopper.built.steps.rule})`, "");
    }
  } else {
    const stray = INTENT_ONLY.filter((f) => own.some((a) => a === f || a.startsWith(`${f}=`)));
    if (stray.length > 0) throw new UsageError(`${stray.join(", ")} ${stray.length > 1 ? "are" : "is"} for --intent`);
    if (segments.length < 2) throw new UsageError("compare needs two schedules or more: --schedule NAME [its flags] --vs NAME [its flags] (or --intent NAME)");
    sides = labelled(segments.map((seg, i) => sideFrom(seg, i)));
    range = stepRange(o.start, o.steps, o.every);
    for (const s of sides) checkSteps(s.built, range, `--start ${o.start} and --steps ${o.steps}${o.every > 1 ? ` (--every ${o.every})` : ""}`);
  }
  if (!o.force && range.count * sides.length > MAX_VALUES)
    throw new UsageError(`${count(range.count * sides.length)} values in all is more than the ${count(MAX_VALUES)} lrdecay computes without --force (give --force to run it anyway)`);

  await ready().catch(() => null);
  const dataOnStdout = o.out === "-" || o.svg === "-";
  const sink = o.out === undefined ? null : o.out === "-" ? stdoutSink() : fileSink(o.out);
  if (sink) onInterrupt.push(() => sink.abort());
  let result: { shapes: Shape[]; pairs: Pair[] };
  try {
    result = await run(sides, range, sink === null ? null : { sink, format: format! });
  } catch (e) {
    sink?.abort();
    throw e;
  }
  onInterrupt.length = 0;
  if (o.svg !== undefined) {
    const svg = await overlaySvg(sides.map((s) => ({ label: s.label, schedule: s.built })), range, o.log ?? false);
    if (o.svg === "-") await new Promise((done) => process.stdout.write(svg + "\n", done));
    else writeFileAtomically(o.svg, svg);
  }

  const lines = [...heading];
  if (o.intent === undefined)
    for (const s of sides) lines.push(`${s.label}: ${String(s.built)}, ${s.built.dtype}; from ${s.source}`);
  lines.push(
    `steps ${count(range.start)} .. ${count(range.last)}${range.every > 1 ? ` every ${range.every}` : ""}: ${count(range.count)} value${range.count === 1 ? "" : "s"} each, compared as float64 (a float32 value widens exactly)`,
    "",
  );
  const { shapes, pairs } = result;
  const rowSteps = onGrid(range, [
    range.start, range.start + range.every, ...landmarks,
    ...shapes.map((s) => s.peakStep), ...pairs.map((p) => p.absStep).filter((s) => !Number.isNaN(s)), range.last,
  ]);
  lines.push(...table(sides, rowSteps), "");
  for (let k = 0; k < sides.length; k++) lines.push(`${sides[k]!.label}: ${shapes[k]!.words(range.start, later(sides[k]!.built, shapes[k]!)).join("; ")}`);
  lines.push("");
  for (const p of pairs) lines.push(p.words(sides.map((s) => s.label), range.count));
  const wrote = [
    ...(o.out === undefined || o.out === "-" ? [] : [`wrote ${o.out} (${format}, ${count(sink!.bytes)} bytes, one column per schedule)`]),
    ...(o.svg === undefined || o.svg === "-" ? [] : [`plot in ${o.svg}`]),
  ];
  if (wrote.length > 0) lines.push("", wrote.join("; "));
  (dataOnStdout ? process.stderr : process.stdout).write(lines.join("\n") + "\n");
}

