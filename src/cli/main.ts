/**
 * The lrdecay command: precompute, convert, plot and stream a schedule of any framework, or compare
 * several (compare.ts). See `lrdecay --help` and `lrdecay compare --help`. Its libraries
 * (commander, cli-progress, fflate, vega) are bundled into dist/cli.js only: the library's own
 * import graph never sees them.
 */
import { readFileSync } from "node:fs";
import { Command, CommanderError, Option } from "commander";
import { ready, type DType } from "../index.js";
import { argumentErrorData } from "../core/validate.js";
import { kernelElements } from "../core/wasm.js";
import type { Built, Entry } from "./catalog.js";
import { runCompare } from "./compare.js";
import { ConfigError } from "./config.js";
import { BUILDABLE, findEntry } from "./catalog.js";
import { DEFAULT_SCHEDULE, NAMES, addScheduleFlags, displayName, flagsOf, scheduleHint, scheduleInArgv, schedulesHelp } from "./flags.js";
import {
  BLOCK, BlockWriter, FORMATS, WriteError, csvBlock, fileSink, formatFromPath, jsonStepsBlock, jsonValuesBlock, npyHeader, rawBytes,
  stdoutSink, writeFileAtomically, type Format, type Sink,
} from "./formats.js";
import { svgPlot, terminalPlot } from "./plot.js";
import { LAST_STEP, MAX_VALUES, UsageError, checkRequest, integerOption, stepRange, type StepRange } from "./request.js";
import { checkSteps, resolveSchedule } from "./schedule.js";
import { progress } from "./progress.js";
import { onInterrupt, turn } from "./signals.js";
import { nearestFlags } from "./suggest.js";
import { Summary, formatterFor } from "./summary.js";

/** Steps computed per call into the library; between two, signals are handled. */
const CHUNK = 1 << 20;

const EXAMPLE = "lrdecay --initial-learning-rate 0.1 --decay-steps 100000 --decay-rate 0.96 --steps 1000000";
const SYNOPSIS = `[--schedule NAME] [its flags] [--config FILE] --steps N [--start S] [--every K]
               [--dtype float32|float64] [--out FILE|-] [--format F] [--plot] [--svg FILE|-] [--log] [--force]
       lrdecay compare --schedule NAME [its flags] --vs NAME [its flags] ... --steps N   (lrdecay compare --help)
       lrdecay compare --intent INTENT --peak P --steps N [--warmup W] ...`;
const USAGE = `Usage: lrdecay ${SYNOPSIS}`;

const EXAMPLES = `
Examples:
  Keras' documented schedule, a million steps, summary only:
    $ ${EXAMPLE}
  The same into a NumPy file (numpy.load reads it), and a plot in the terminal:
    $ lrdecay --initial-learning-rate 0.1 --decay-steps 100000 --decay-rate 0.96 --steps 1000000 --out lr.npy --plot
  Every 1000th step of a staircase as CSV on stdout:
    $ lrdecay --initial-learning-rate 0.1 --decay-steps 1000 --decay-rate 0.5 --staircase --steps 100000 --every 1000 --out -
  The schedule of a saved Keras model, in float64, with a log-scale SVG plot:
    $ lrdecay --config model.keras --steps 500000 --dtype float64 --svg lr.svg --log
  A cosine decay after a linear warm-up, plotted in the terminal:
    $ lrdecay --schedule CosineDecay --initial-learning-rate 0 --decay-steps 90000 --warmup-target 0.1 --warmup-steps 10000 --steps 100000 --plot
  A piecewise constant schedule, every 100th step as JSON ({"steps": [...], "values": [...]}):
    $ lrdecay --schedule PiecewiseConstantDecay --boundaries 1000,5000 --values 0.1,0.01,0.001 --steps 10000 --every 100 --out lr.json
  PyTorch's OneCycleLR (float64, PyTorch's numbers), and optax's warm-up cosine (float32, as JAX):
    $ lrdecay --schedule torch.OneCycleLR --max-lr 0.1 --total-steps 10000 --steps 10000 --plot
    $ lrdecay --schedule optax.warmup_cosine_decay_schedule --init-value 0 --peak-value 0.1 --warmup-steps 100 --decay-steps 10000 --steps 10000
  Hugging Face's cosine with warm-up on an optimizer whose lr is 3e-4, into a NumPy file:
    $ lrdecay --schedule transformers.get_cosine_schedule_with_warmup --lr 3e-4 --num-warmup-steps 500 --num-training-steps 10000 --steps 10000 --out lr.npy
  The same intent in four frameworks, side by side:
    $ lrdecay compare --intent warmup-cosine --peak 0.1 --warmup 10 --steps 100

--config reads a serialized schedule (Keras 3 or tf.keras), an optimizer config (learning_rate or lr),
a model config (compile_config.optimizer), a .keras archive, an optax schedule's JSON, or any framework's
schedule as {"schedule": "torch.OneCycleLR", "config": {...}}. Flags given beside it override its values
(--no-staircase turns off a staircase the file set). --out picks the format from its extension (.csv,
.json, .npy, .f32, .f64; .f64 computes in float64). Text formats print each value as the shortest
decimal that reads back to the same float. More than ${MAX_VALUES.toLocaleString("en-US")} values, or an --out file larger
than the free space where it goes, is refused unless --force is given.`;

/** `lrdecay` with no arguments: the usage and an example, not a complaint about the first missing flag. */
class BareCommand extends Error {}

/** Commander, with "did you mean" over every flag (see suggest.ts) instead of its own. */
class LrdecayCommand extends Command {
  /** Set by program(): the flags searched for a suggestion, nearest groups first. */
  flagGroups: { flags: string[]; owner?: string }[] = [];

  // Commander calls this (undeclared in its typings) on the first unknown option.
  unknownOption(flag: string): never {
    // PyTorch's resuming argument, left out of every torch schedule's flags (catalog.ts): a range
    // here is a fresh scheduler's, and --start is where it begins.
    if (/^--?last[-_]epoch(=|$)/.test(flag))
      throw new UsageError(`unknown option '${flag}': lrdecay computes a fresh scheduler's steps; give --start S for the lr after S steps (a resumed scheduler is lrdecay/torch's, in code)`);
    const near = nearestFlags(flag, this.flagGroups.map((g) => g.flags));
    const owner = near === undefined ? undefined : this.flagGroups[near.group]!.owner;
    const hint = near === undefined ? "" : `; did you mean ${near.flags.join(" or ")}${owner === undefined ? "" : ` (a flag of ${owner})`}?`;
    throw new UsageError(`unknown option '${flag}'${hint}`);
  }
}

function program(version: string, shown: Entry | undefined, inEffect: Entry | undefined): LrdecayCommand {
  const cli = new LrdecayCommand()
    .name("lrdecay")
    .description(
      shown === undefined
        ? "Learning-rate schedules of Keras, PyTorch, Hugging Face transformers and optax, computed as each framework computes them with every rounding decided exactly, into files, plots and streams."
        : `${displayName(shown)}'s flags (its arguments in kebab case) with their defaults, and the command's options.`,
    )
    .version(version)
    .usage(SYNOPSIS)
    .addOption(new Option("--schedule <name>", "the schedule: keras.NAME (or NAME alone), torch.NAME, transformers.NAME, optax.NAME").default(DEFAULT_SCHEDULE));
  addScheduleFlags(cli, shown)
    .option("--config <file>", "read the schedule from a JSON file (Keras', optax's or lrdecay's) or a .keras archive")
    .option("--steps <n>", "how many steps to compute, e.g. 1000000", integerOption(1, "0 steps compute nothing: give --steps 1 or more"))
    .option("--start <n>", "the first step", integerOption(-LAST_STEP), 0)
    .option("--every <k>", "keep every k-th step only", integerOption(1), 1)
    .addOption(new Option("--dtype <dtype>", "float32 is Keras with a plain-number learning rate, and optax as JAX runs it (default: the framework's: float64 for PyTorch and HF, and for --out x.f64)").choices(["float32", "float64"]))
    .option("--out <file>", "write the values to FILE (its extension picks the format), or - for stdout")
    .addOption(new Option("--format <format>", "the output format (default: from --out, csv for -)").choices([...FORMATS]))
    .option("--plot", "draw the schedule in the terminal")
    .option("--svg <file>", "write an SVG plot with labelled axes to FILE.svg, or - for stdout")
    .option("--log", "a log scale for --plot and --svg")
    .option("--force", `run a request lrdecay would refuse as too long (over ${MAX_VALUES.toLocaleString("en-US")} values) or too large for the free disk space`)
    .addHelpText("after", shown === undefined ? schedulesHelp() + EXAMPLES : "")
    .exitOverride()
    .configureOutput({ writeErr: () => {}, outputError: () => {} });
  // The schedule in effect's flags and the command's own first; other schedules' flags after.
  const everyScheduleFlag = new Set(BUILDABLE.flatMap(flagsOf));
  const own = cli.options.map((o) => o.long!).filter((f) => !everyScheduleFlag.has(f));
  cli.flagGroups =
    inEffect === undefined
      ? [{ flags: [...own, "--help", "--version", ...everyScheduleFlag] }]
      : [{ flags: [...own, "--help", "--version", ...flagsOf(inEffect)] }, ...BUILDABLE.filter((e) => e !== inEffect).map((e) => ({ flags: flagsOf(e), owner: displayName(e) }))];
  return cli;
}

interface Options {
  schedule: string;
  config?: string;
  steps?: number;
  start: number;
  every: number;
  dtype?: DType;
  out?: string;
  format?: Format;
  plot?: boolean;
  svg?: string;
  log?: boolean;
  force?: boolean;
  [flag: string]: unknown;
}

const figure = (n: number) => n.toLocaleString("en-US");

/** The checks of options against each other, and the format they settle and the dtype it holds. */
function settle(o: Options, given: Set<string>): { format: Format | undefined; width?: { dtype: DType; typed: string } } {
  if (o.steps === undefined) throw new UsageError("--steps is required, e.g. --steps 1000000");
  if (o.format !== undefined && o.out === undefined) throw new UsageError("--format needs --out FILE (or --out -)");
  if (o.log && !o.plot && o.svg === undefined) throw new UsageError("--log sets the scale of a plot: give --plot or --svg FILE with it");
  if (o.svg !== undefined && o.svg !== "-" && !/\.svg$/i.test(o.svg))
    throw new UsageError(`--svg ${o.svg}: lrdecay writes SVG only; give a file name ending in .svg (or - for stdout)`);
  if (o.svg === "-" && o.out === "-") throw new UsageError("--svg - and --out - would both write to stdout: send one of them to a file");
  const implied = o.out === undefined || o.out === "-" ? undefined : formatFromPath(o.out);
  if (o.format !== undefined && implied !== undefined && o.format !== implied)
    throw new UsageError(`--format ${o.format} contradicts --out ${o.out}, whose extension says ${implied}`);
  const format: Format | undefined = o.out === undefined ? undefined : (o.format ?? (o.out === "-" ? "csv" : implied));
  if (o.out !== undefined && format === undefined)
    throw new UsageError(`--out ${o.out}: cannot tell the format from the extension; give --format (${FORMATS.join(", ")})`);
  // f32/f64 name the float width: they pick the dtype, and a contradicting --dtype is refused
  // rather than converted silently. The message names the flag the user typed.
  const width: DType | undefined = format === "f32" ? "float32" : format === "f64" ? "float64" : undefined;
  if (width !== undefined && o.dtype !== undefined && o.dtype !== width)
    throw new UsageError(
      given.has("format")
        ? `--format ${format} does not match --dtype ${o.dtype}`
        : `--out ${o.out} holds ${width} values (its extension .${format}), which does not match --dtype ${o.dtype}`,
    );
  return { format, ...(width === undefined ? {} : { width: { dtype: width, typed: given.has("format") ? `--format ${format}` : `--out ${o.out}` } }) };
}

/** Computes the range chunk by chunk into the summary and the sink; returns the time computing. */
async function compute(schedule: Built, range: StepRange, dtype: DType, format: Format | undefined, sink: Sink | null, summary: Summary): Promise<number> {
  const { start, every, count } = range;
  const bar = progress(count, CHUNK, "steps");
  let computeMs = 0;
  try {
    if (sink && format === "npy") await sink.write(npyHeader(count, dtype));
    if (sink && format === "csv") await sink.write("step,learning_rate\n");
    if (sink && format === "json") {
      // One shape whatever --start and --every: {"steps": [...], "values": [...]}; the steps are
      // arithmetic, so they are written before any value is computed.
      await sink.write('{"steps":[');
      const blocks = new BlockWriter(sink);
      for (let i = 0; i < count; i += BLOCK) {
        await blocks.write((block) => jsonStepsBlock(block, i, Math.min(count, i + BLOCK), start, every));
        // A write to a file as stdout completes at once: a turn, or a signal would wait for all steps.
        if ((i + BLOCK) % CHUNK === 0) await turn();
      }
      await blocks.flush();
      await sink.write('],"values":[');
    }
    const buffer = dtype === "float64" ? new Float64Array(Math.min(CHUNK, count)) : new Float32Array(Math.min(CHUNK, count));
    const blocks = sink && (format === "csv" || format === "json") ? new BlockWriter(sink) : null;
    const next = schedule.stream(start, every);
    for (let i = 0; i < count; i += CHUNK) {
      const n = Math.min(CHUNK, count - i);
      const out = buffer.subarray(0, n);
      const first = start + i * every;
      const t0 = performance.now();
      next(out);
      computeMs += performance.now() - t0;
      summary.add(out, first, every);
      if (sink) {
        if (format === "npy" || format === "f32" || format === "f64") await sink.write(rawBytes(out));
        else
          for (let j = 0; j < n; j += BLOCK) {
            const end = Math.min(n, j + BLOCK);
            await blocks!.write((block) => (format === "csv" ? csvBlock(block, out, j, end, first, every, dtype) : jsonValuesBlock(block, out, j, end, i + j === 0, dtype)));
          }
        // The values in `out` are written into blocks before the next chunk overwrites them.
      }
      bar.update(i + n);
      await turn();
    }
    await blocks?.flush();
    if (sink && format === "json") await sink.write("]}\n");
    await sink?.close();
  } catch (e) {
    sink?.abort();
    throw e;
  } finally {
    bar.stop();
  }
  return computeMs;
}

async function run(argv: string[]): Promise<void> {
  const args = argv.slice(2);
  if (args.length === 0) throw new BareCommand();
  const version = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version as string;
  if (args[0] === "compare") {
    helpCommand = "lrdecay compare --help";
    return runCompare(argv.slice(0, 2).concat(args.slice(1)), version);
  }
  const shown = scheduleInArgv(args);
  const inEffect = args.some((a) => a === "--config" || a.startsWith("--config=")) ? undefined : (shown ?? scheduleInArgv(["--schedule", DEFAULT_SCHEDULE]));
  const cli = program(version, shown, inEffect);
  cli.parse(argv);
  const o = cli.opts<Options>();
  const given = new Set(Object.keys(o).filter((k) => cli.getOptionValueSource(k) === "cli"));
  if (given.has("schedule") && !NAMES.includes(o.schedule)) throw unknownSchedule(o.schedule);
  const { format, width } = settle(o, given);
  const range = stepRange(o.start, o.steps!, o.every);
  const { built: schedule, source } = resolveSchedule({
    ...(given.has("schedule") ? { name: o.schedule } : {}), nameFlag: "--schedule",
    ...(o.config === undefined ? {} : { config: o.config }), ...(o.dtype === undefined ? {} : { dtype: o.dtype }), ...(width === undefined ? {} : { width }),
    flags: o,
  });
  const dtype = schedule.dtype;
  checkRequest(range, o.out === undefined || o.out === "-" ? undefined : { path: o.out, format: format! }, dtype, o.force ?? false);
  checkSteps(schedule, range, `--start ${o.start} and --steps ${o.steps}${o.every > 1 ? ` (--every ${o.every})` : ""}`);
  const kernel = await ready().catch(() => null);

  // With --out - or --svg -, stdout carries only the values or the plot: the rest goes to stderr.
  const dataOnStdout = o.out === "-" || o.svg === "-";
  const sink = o.out === undefined ? null : o.out === "-" ? stdoutSink() : fileSink(o.out);
  if (sink) onInterrupt.push(() => sink.abort());
  const summary = new Summary(formatterFor(dtype), dtype);
  const elementsBefore = kernelElements();
  const computeMs = await compute(schedule, range, dtype, format, sink, summary);
  const onKernel = kernelElements() - elementsBefore;
  onInterrupt.length = 0;

  const lines: string[] = [];
  const log = o.log ?? false;
  if (o.plot) lines.push(terminalPlot(schedule, range, (dataOnStdout ? process.stderr : process.stdout).columns ?? 100, log), "");
  if (o.svg !== undefined) {
    const svg = await svgPlot(schedule, range, log);
    if (o.svg === "-") await new Promise((done) => process.stdout.write(svg + "\n", done));
    else writeFileAtomically(o.svg, svg);
  }
  // Where the values were computed: some ranges take no kernel (a staircase's runs, PyTorch's
  // recursions of one multiplication a step), some take one for part of each step (the cosines).
  // A replay (torch, HF) computes every step from 1 (step 0 is the lr it starts from), not only
  // those written: all of them on the kernel, or it says JavaScript took part.
  const wasm = `the Wasm kernel (${kernel?.simd ? "SIMD" : "scalar"})`;
  const work = schedule.replays ? range.last : range.count;
  const backend = kernel === null ? "the JS twin" : onKernel === 0 ? "JavaScript (no Wasm kernel for this range)" : onKernel < work ? `${wasm} and in JavaScript` : wasm;
  lines.push(
    `${String(schedule)}, ${dtype}; from ${source}`,
    `steps ${figure(range.start)} .. ${figure(range.last)}${range.every > 1 ? ` every ${range.every}` : ""}: ${figure(range.count)} value${range.count === 1 ? "" : "s"}`,
    ...summary.lines((step) => schedule.at(step)),
    `computed ${backend.startsWith("JavaScript") ? "in" : "on"} ${backend} in ${computeMs.toFixed(1)} ms` +
      (o.out === undefined || o.out === "-" ? "" : `; wrote ${o.out} (${format}, ${figure(sink!.bytes)} bytes)`) +
      (o.svg === undefined || o.svg === "-" ? "" : `; plot in ${o.svg}`),
  );
  (dataOnStdout ? process.stderr : process.stdout).write(lines.join("\n") + "\n");
}

/** --schedule with no such name: the names, and the nearest as a suggestion. */
export function unknownSchedule(name: string): UsageError {
  const unavailable = findEntry(name)?.unavailable;
  if (unavailable !== undefined) return new UsageError(`--schedule ${name}: ${unavailable}`);
  return new UsageError(`option '--schedule <name>' argument '${name}' is invalid.${scheduleHint(name)} Allowed choices are ${NAMES.join(", ")}.`);
}

/** Where a usage error points: the command's help, or compare's. */
let helpCommand = "lrdecay --help";

/** An exit code and a message for whatever run() threw. */
function report(e: unknown): never {
  if (e instanceof CommanderError) {
    if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help") process.exit(0);
    process.stderr.write(`lrdecay: ${e.message.replace(/^error: /, "")} (see ${helpCommand})\n`);
    process.exit(2);
  }
  if (e instanceof BareCommand) {
    process.stderr.write(`${USAGE}\n\nFor example, Keras' documented schedule for a million steps:\n  ${EXAMPLE}\n\nlrdecay --help lists every flag and schedule.\n`);
    process.exit(2);
  }
  if (e instanceof UsageError) {
    process.stderr.write(`lrdecay: ${e.message} (see ${helpCommand})\n`);
    process.exit(2);
  }
  if ((e as NodeJS.ErrnoException).code === "EPIPE") process.exit(0); // the reader went away (| head)
  if (e instanceof ConfigError || e instanceof WriteError) {
    process.stderr.write(`lrdecay: ${e.message}\n`);
    process.exit(1);
  }
  // A refusal of the library's that no flag or file explains is lrdecay's own mistake.
  const internal = argumentErrorData(e) !== undefined ? "internal error (a bug in lrdecay; please report it): " : "failed: ";
  process.stderr.write(`lrdecay: ${internal}${(e as Error).message}\n`);
  process.exit(1);
}

run(process.argv).then(() => process.exit(0), report);
