/**
 * The lrdecay command: precompute, convert, plot and stream a schedule. See `lrdecay --help`.
 * Its libraries (commander, cli-progress, fflate, vega) are bundled into dist/cli.js only: the
 * library's own import graph never sees them.
 */
import { readFileSync } from "node:fs";
import { Command, CommanderError, Option } from "commander";
import cliProgress from "cli-progress";
import { SCHEDULES, ready, type DType, type LearningRateSchedule, type ScheduleName } from "../index.js";
import { argumentErrorData, type ArgumentErrorData } from "../core/validate.js";
import { ConfigError, loadScheduleConfig } from "./config.js";
import { DEFAULT_SCHEDULE, NAMES, addScheduleFlags, argsOf, configFromFlags, scheduleInArgv, schedulesHelp } from "./flags.js";
import {
  BLOCK, BlockWriter, FORMATS, WriteError, csvBlock, fileSink, formatFromPath, jsonStepsBlock, jsonValuesBlock, npyHeader, rawBytes,
  stdoutSink, writeFileAtomically, type Format, type Sink,
} from "./formats.js";
import { svgPlot, terminalPlot } from "./plot.js";
import { LAST_STEP, MAX_VALUES, UsageError, checkRequest, integerOption, stepRange, type StepRange } from "./request.js";
import { nearestFlags } from "./suggest.js";
import { Summary, formatterFor } from "./summary.js";

/** Steps computed per call into the library; between two, signals are handled. */
const CHUNK = 1 << 20;

/**
 * What an interruption must undo: partial output files, the progress bar's line. SIGINT (Ctrl-C)
 * and SIGTERM (kill, a CI timeout) are handled from the start, in every mode: the computation
 * gives the event loop a turn after every chunk, so a handler runs within one chunk's time.
 */
const onInterrupt: (() => void)[] = [];
function interrupt(signal: NodeJS.Signals): void {
  for (const undo of onInterrupt.splice(0).reverse()) undo();
  process.stderr.write(`lrdecay: ${signal === "SIGINT" ? "interrupted" : "terminated"}; no partial output was kept\n`);
  process.exit(signal === "SIGINT" ? 130 : 143);
}
process.once("SIGINT", interrupt);
process.once("SIGTERM", interrupt);

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

const EXAMPLE = "lrdecay --initial-learning-rate 0.1 --decay-steps 100000 --decay-rate 0.96 --steps 1000000";
const SYNOPSIS = `[--schedule NAME] [its flags] [--config FILE] --steps N [--start S] [--every K]
               [--dtype float32|float64] [--out FILE|-] [--format F] [--plot] [--svg FILE|-] [--log] [--force]`;
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

--config reads a serialized schedule (Keras 3 or tf.keras), an optimizer config (learning_rate or lr),
a model config (compile_config.optimizer) or a .keras archive. Flags given beside it override its values
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
    const near = nearestFlags(flag, this.flagGroups.map((g) => g.flags));
    const owner = near === undefined ? undefined : this.flagGroups[near.group]!.owner;
    const hint = near === undefined ? "" : `; did you mean ${near.flags.join(" or ")}${owner === undefined ? "" : ` (a flag of ${owner})`}?`;
    throw new UsageError(`unknown option '${flag}'${hint}`);
  }
}

function program(version: string, shown: ScheduleName | undefined, inEffect: ScheduleName | undefined): LrdecayCommand {
  const cli = new LrdecayCommand()
    .name("lrdecay")
    .description(
      shown === undefined
        ? "Keras' learning-rate schedules, computed as Keras' formula with every rounding decided exactly, into files, plots and streams."
        : `${shown}'s flags (Keras' arguments in kebab case) with their defaults, and the command's options.`,
    )
    .version(version)
    .usage(SYNOPSIS)
    .addOption(new Option("--schedule <name>", "the schedule (Keras' class name)").choices(NAMES).default(DEFAULT_SCHEDULE));
  addScheduleFlags(cli, shown)
    .option("--config <file>", "read the schedule from a Keras JSON file or a .keras archive")
    .option("--steps <n>", "how many steps to compute, e.g. 1000000", integerOption(1, "0 steps compute nothing: give --steps 1 or more"))
    .option("--start <n>", "the first step", integerOption(-LAST_STEP), 0)
    .option("--every <k>", "keep every k-th step only", integerOption(1), 1)
    .addOption(new Option("--dtype <dtype>", "float32 is Keras with a plain-number learning rate (default: float64 for --out x.f64, else float32)").choices(["float32", "float64"]))
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
  const scheduleFlags = (name: ScheduleName) => argsOf(name).flatMap((a) => (a.kind === "boolean" ? [`--${a.flag}`, `--no-${a.flag}`] : [`--${a.flag}`]));
  const everyScheduleFlag = new Set(NAMES.flatMap(scheduleFlags));
  const own = cli.options.map((o) => o.long!).filter((f) => !everyScheduleFlag.has(f));
  cli.flagGroups =
    inEffect === undefined
      ? [{ flags: [...own, "--help", "--version", ...everyScheduleFlag] }]
      : [{ flags: [...own, "--help", "--version", ...scheduleFlags(inEffect)] }, ...NAMES.filter((n) => n !== inEffect).map((n) => ({ flags: scheduleFlags(n), owner: n }))];
  return cli;
}

interface Options {
  schedule: ScheduleName;
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

/** A value as the command line writes it: lists comma-separated, -0 as -0. */
function asTyped(value: unknown): string {
  if (Array.isArray(value)) return value.map(asTyped).join(",");
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  return String(value);
}

/** An argument error of the library, told by the flag that gave the argument. */
function flagMessage(flag: string, data: ArgumentErrorData): string {
  const where = data.index === undefined ? "" : ` at position ${data.index + 1}`;
  return `--${flag} ${data.rule} (got ${asTyped(data.value)}${where})`;
}

/** The schedule from --config and the flags, flags winning. The library's refusals name flags. */
function buildSchedule(o: Options, dtype: DType, given: Set<string>): { schedule: LearningRateSchedule<DType>; source: string } {
  let config: Record<string, unknown> = {};
  let className = o.schedule;
  let source = "flags";
  if (o.config !== undefined) {
    const found = loadScheduleConfig(o.config, dtype);
    const name = (found.schedule.constructor as { className?: string }).className;
    if (given.has("schedule") && name !== o.schedule) throw new UsageError(`--schedule ${o.schedule} contradicts ${o.config}, which holds a ${name}`);
    className = name as ScheduleName;
    config = found.schedule.getConfig();
    source = `${o.config} (${found.where})`;
  }
  // One signature for every registered class (a union of classes has no callable fromConfig).
  const cls = SCHEDULES[className] as (typeof SCHEDULES)[ScheduleName] & {
    fromConfig(config: Record<string, unknown>, options: { dtype?: DType }): LearningRateSchedule<DType>;
  };
  let flags: Record<string, unknown>;
  try {
    flags = configFromFlags(className, o);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (o.config === undefined) {
    const missing = cls.args.filter((a) => a.required && flags[a.key] === undefined).map((a) => `--${a.flag}`);
    if (missing.length > 0) throw new UsageError(`${className} needs ${missing.join(", ")} (or --config FILE)`);
  }
  try {
    const schedule = cls.fromConfig({ ...config, ...flags }, { dtype }) as LearningRateSchedule<DType>;
    schedule(o.start); // float32 checks (a decay_steps that rounds to 0) happen on first use
    return { schedule, source };
  } catch (e) {
    const data = argumentErrorData(e);
    if (data === undefined) throw e;
    // A rule on what a flag gave speaks of that flag; one on the file's values keeps Keras' config
    // keys (the file's own words) and names the file.
    const arg = cls.args.find((a) => a.key === data.argument);
    if (arg !== undefined && arg.key in flags) throw new UsageError(flagMessage(arg.flag, data));
    if (o.config !== undefined) throw new ConfigError(`${o.config}: ${(e as Error).message}`);
    throw e;
  }
}

const figure = (n: number) => n.toLocaleString("en-US");

/** The checks of options against each other, and the dtype and format they settle. */
function settle(o: Options, given: Set<string>): { format: Format | undefined; dtype: DType } {
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
  return { format, dtype: o.dtype ?? width ?? "float32" };
}

/** Computes the range chunk by chunk into the summary and the sink; returns the time computing. */
async function compute(schedule: LearningRateSchedule<DType>, range: StepRange, dtype: DType, format: Format | undefined, sink: Sink | null, summary: Summary): Promise<number> {
  const { start, every, count } = range;
  const bar =
    process.stderr.isTTY && count > CHUNK
      ? new cliProgress.SingleBar({ stream: process.stderr, format: "{bar} {percentage}% | {value}/{total} steps | {eta_formatted}" }, cliProgress.Presets.shades_classic)
      : null;
  const stopBar = () => bar?.stop();
  bar?.start(count, 0);
  onInterrupt.push(stopBar);
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
    let stepBuffer: Float64Array | null = null;
    const blocks = sink && (format === "csv" || format === "json") ? new BlockWriter(sink) : null;
    for (let i = 0; i < count; i += CHUNK) {
      const n = Math.min(CHUNK, count - i);
      const out = buffer.subarray(0, n);
      const first = start + i * every;
      const t0 = performance.now();
      // range's stop is exclusive: a chunk ending at step 2^53 has no stop float64 holds (2^53 + 1
      // rounds to 2^53), so that chunk, like a thinned one, is given its steps.
      if (every === 1 && first + (n - 1) < LAST_STEP) schedule.range(first, first + n, { out });
      else {
        stepBuffer ??= new Float64Array(Math.min(CHUNK, count));
        const steps = stepBuffer.subarray(0, n);
        for (let j = 0; j < n; j++) steps[j] = first + j * every;
        schedule.evaluate(steps, { out });
      }
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
      bar?.update(i + n);
      await turn();
    }
    await blocks?.flush();
    if (sink && format === "json") await sink.write("]}\n");
    await sink?.close();
  } catch (e) {
    sink?.abort();
    throw e;
  } finally {
    onInterrupt.splice(onInterrupt.indexOf(stopBar), 1);
    stopBar();
  }
  return computeMs;
}

async function run(argv: string[]): Promise<void> {
  const args = argv.slice(2);
  if (args.length === 0) throw new BareCommand();
  const version = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version as string;
  const shown = scheduleInArgv(args);
  const inEffect = args.some((a) => a === "--config" || a.startsWith("--config=")) ? undefined : (shown ?? DEFAULT_SCHEDULE);
  const cli = program(version, shown, inEffect);
  cli.parse(argv);
  const o = cli.opts<Options>();
  const given = new Set(Object.keys(o).filter((k) => cli.getOptionValueSource(k) === "cli"));
  const { format, dtype } = settle(o, given);
  const range = stepRange(o.start, o.steps!, o.every);
  checkRequest(range, o.out === undefined || o.out === "-" ? undefined : { path: o.out, format: format! }, dtype, o.force ?? false);
  const { schedule, source } = buildSchedule(o, dtype, given);
  const kernel = await ready().catch(() => null);

  // With --out - or --svg -, stdout carries only the values or the plot: the rest goes to stderr.
  const dataOnStdout = o.out === "-" || o.svg === "-";
  const sink = o.out === undefined ? null : o.out === "-" ? stdoutSink() : fileSink(o.out);
  if (sink) onInterrupt.push(() => sink.abort());
  const summary = new Summary(formatterFor(dtype), dtype);
  const computeMs = await compute(schedule, range, dtype, format, sink, summary);
  onInterrupt.length = 0;

  const lines: string[] = [];
  const log = o.log ?? false;
  if (o.plot) lines.push(terminalPlot(schedule, range, (dataOnStdout ? process.stderr : process.stdout).columns ?? 100, log), "");
  if (o.svg !== undefined) {
    const svg = await svgPlot(schedule, range, log);
    if (o.svg === "-") await new Promise((done) => process.stdout.write(svg + "\n", done));
    else writeFileAtomically(o.svg, svg);
  }
  const backend = kernel === null ? "the JS twin" : `the Wasm kernel (${kernel.simd ? "SIMD" : "scalar"})`;
  lines.push(
    `${String(schedule)}, ${dtype}; from ${source}`,
    `steps ${figure(range.start)} .. ${figure(range.last)}${range.every > 1 ? ` every ${range.every}` : ""}: ${figure(range.count)} value${range.count === 1 ? "" : "s"}`,
    ...summary.lines(schedule),
    `computed on ${backend} in ${computeMs.toFixed(1)} ms` +
      (o.out === undefined || o.out === "-" ? "" : `; wrote ${o.out} (${format}, ${figure(sink!.bytes)} bytes)`) +
      (o.svg === undefined || o.svg === "-" ? "" : `; plot in ${o.svg}`),
  );
  (dataOnStdout ? process.stderr : process.stdout).write(lines.join("\n") + "\n");
}

/** An exit code and a message for whatever run() threw. */
function report(e: unknown): never {
  if (e instanceof CommanderError) {
    if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help") process.exit(0);
    process.stderr.write(`lrdecay: ${e.message.replace(/^error: /, "")} (see lrdecay --help)\n`);
    process.exit(2);
  }
  if (e instanceof BareCommand) {
    process.stderr.write(`${USAGE}\n\nFor example, Keras' documented schedule for a million steps:\n  ${EXAMPLE}\n\nlrdecay --help lists every flag and schedule.\n`);
    process.exit(2);
  }
  if (e instanceof UsageError) {
    process.stderr.write(`lrdecay: ${e.message} (see lrdecay --help)\n`);
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
