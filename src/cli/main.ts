/**
 * The lrdecay command: precompute, convert, plot and stream a schedule. See `lrdecay --help`.
 * Its libraries (commander, cli-progress, asciichart, fflate, vega) are bundled into dist/cli.js
 * only: the library's own import graph never sees them.
 */
import { readFileSync } from "node:fs";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import cliProgress from "cli-progress";
import { SCHEDULES, ready, type DType, type LearningRateSchedule, type ScheduleName } from "../index.js";
import { ConfigError, loadScheduleConfig } from "./config.js";
import { DEFAULT_SCHEDULE, NAMES, addScheduleFlags, configFromFlags, number, scheduleInArgv, schedulesHelp } from "./flags.js";
import {
  BLOCK, FORMATS, WriteError, csvBlock, fileSink, formatFromPath, jsonStepsBlock, jsonValuesBlock, npyHeader, rawBytes,
  stdoutSink, writeFileAtomically, type Format,
} from "./formats.js";
import { svgPlot, terminalPlot } from "./plot.js";
import { LAST_STEP, Summary, formatterFor } from "./summary.js";

/** A mistake in the command line: exit code 2. Anything else that fails: exit code 1. */
class UsageError extends Error {}

const CHUNK = 1 << 20;

function integer(min: number, why = "") {
  return (value: string): number => {
    const x = number(value);
    if (x === 0 && min === 1 && why !== "") throw new InvalidArgumentError(`0 steps compute nothing: give --steps 1 or more`);
    if (!Number.isInteger(x) || x < min || Math.abs(x) > LAST_STEP)
      throw new InvalidArgumentError(`must be an integer >= ${min} and at most 2^53, got "${value}"${why}`);
    return x;
  };
}

const EXAMPLES = `
Examples:
  Keras' documented schedule, a million steps, summary only:
    $ lrdecay --initial-learning-rate 0.1 --decay-steps 100000 --decay-rate 0.96 --steps 1000000
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
decimal that reads back to the same float.`;

function program(version: string, shown: ScheduleName | undefined): Command {
  const cli = new Command()
    .name("lrdecay")
    .description(
      shown === undefined
        ? "Keras' learning-rate schedules, computed as Keras' formula with every rounding decided exactly, into files, plots and streams."
        : `${shown}'s flags (Keras' arguments in kebab case) with their defaults, and the command's options.`,
    )
    .version(version)
    .addOption(new Option("--schedule <name>", "the schedule (Keras' class name)").choices(NAMES).default(DEFAULT_SCHEDULE));
  return addScheduleFlags(cli, shown)
    .option("--config <file>", "read the schedule from a Keras JSON file or a .keras archive")
    .option("--steps <n>", "how many steps to compute, e.g. 1000000", integer(1, " (how many steps to compute)"))
    .option("--start <n>", "the first step", integer(-LAST_STEP), 0)
    .option("--every <k>", "keep every k-th step only", integer(1), 1)
    .addOption(new Option("--dtype <dtype>", "float32 is Keras with a plain-number learning rate (default: float64 for --out x.f64, else float32)").choices(["float32", "float64"]))
    .option("--out <file>", "write the values to FILE (its extension picks the format), or - for stdout")
    .addOption(new Option("--format <format>", "the output format (default: from --out, csv for -)").choices([...FORMATS]))
    .option("--plot", "draw the schedule in the terminal")
    .option("--svg <file>", "write an SVG plot with labelled axes")
    .option("--log", "a log scale for --plot and --svg")
    .addHelpText("after", shown === undefined ? schedulesHelp() + EXAMPLES : "")
    .exitOverride()
    .configureOutput({ writeErr: () => {}, outputError: () => {} });
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
  [flag: string]: unknown;
}

/** The schedule from --config and the flags, flags winning. Library errors become usage errors. */
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
    if (!(e instanceof TypeError || e instanceof RangeError)) throw e;
    // A rule on what the flags gave speaks of flags: "Argument `decay_steps` must be > 0.
    // Received: decay_steps=0" -> "--decay-steps must be > 0 (got 0)"; one on the file's values
    // keeps Keras' config keys and names the file.
    const keys = cls.args.filter((a) => a.key in flags);
    const m = /^Argument `(\w+)` (.*?)\.? Received: \w+=(.*)$/.exec(e.message);
    const arg = m ? keys.find((a) => a.key === m[1]) : undefined;
    if (m && arg) throw new UsageError(`--${arg.flag} ${m[2]} (got ${m[3]})`);
    const fromFlags = keys.some((a) => new RegExp(`\\b${a.key}\\b`).test(e.message));
    if (o.config !== undefined && !fromFlags) throw new UsageError(`${o.config}: ${e.message}`);
    let message = e.message;
    for (const a of keys) message = message.replace(new RegExp(`\`${a.key}\`|\\b${a.key}\\b`, "g"), `--${a.flag}`);
    throw new UsageError(message);
  }
}

const bytesOf = (n: number) => n.toLocaleString("en-US");

/** The checks of options against each other, and the dtype and format they settle. */
function settle(o: Options): { format: Format | undefined; dtype: DType } {
  if (o.steps === undefined) throw new UsageError("--steps is required, e.g. --steps 1000000");
  if (o.format !== undefined && o.out === undefined) throw new UsageError("--format needs --out FILE (or --out -)");
  if (o.log && !o.plot && o.svg === undefined) throw new UsageError("--log sets the scale of a plot: give --plot or --svg FILE with it");
  const implied = o.out === undefined || o.out === "-" ? undefined : formatFromPath(o.out);
  if (o.format !== undefined && implied !== undefined && o.format !== implied)
    throw new UsageError(`--format ${o.format} contradicts --out ${o.out}, whose extension says ${implied}`);
  const format: Format | undefined = o.out === undefined ? undefined : (o.format ?? (o.out === "-" ? "csv" : implied));
  if (o.out !== undefined && format === undefined)
    throw new UsageError(`--out ${o.out}: cannot tell the format from the extension; give --format (${FORMATS.join(", ")})`);
  // f32/f64 name the float width: they pick the dtype, and a contradicting --dtype is refused
  // rather than converted silently.
  const width: DType | undefined = format === "f32" ? "float32" : format === "f64" ? "float64" : undefined;
  if (width !== undefined && o.dtype !== undefined && o.dtype !== width)
    throw new UsageError(`--format ${format} does not match --dtype ${o.dtype}`);
  return { format, dtype: o.dtype ?? width ?? "float32" };
}

async function run(argv: string[]): Promise<void> {
  const version = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version as string;
  const cli = program(version, scheduleInArgv(argv.slice(2)));
  cli.parse(argv);
  const o = cli.opts<Options>();
  const given = new Set(Object.keys(o).filter((k) => cli.getOptionValueSource(k) === "cli"));
  const { format, dtype } = settle(o);
  const steps = o.steps!;
  const count = Math.ceil(steps / o.every);
  const last = o.start + (count - 1) * o.every;
  if (last > LAST_STEP || last < -LAST_STEP) throw new UsageError("--start, --steps and --every reach beyond step 2^53");
  const { schedule, source } = buildSchedule(o, dtype, given);
  const kernel = await ready().catch(() => null);

  const toStdout = o.out === "-";
  const sink = o.out === undefined ? null : toStdout ? stdoutSink() : fileSink(o.out);
  // SIGINT (Ctrl-C) and SIGTERM (kill, a CI timeout) both drop the partial file.
  const onSignal = (signal: NodeJS.Signals) => {
    sink?.abort();
    process.stderr.write(`lrdecay: ${signal === "SIGINT" ? "interrupted" : "terminated"}; no partial output was kept\n`);
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  const bar =
    process.stderr.isTTY && count > CHUNK
      ? new cliProgress.SingleBar({ stream: process.stderr, format: "{bar} {percentage}% | {value}/{total} steps | {eta_formatted}" }, cliProgress.Presets.shades_classic)
      : null;
  bar?.start(count, 0);

  const summary = new Summary(formatterFor(dtype));
  let computeMs = 0;
  try {
    if (sink && format === "npy") await sink.write(npyHeader(count, dtype));
    if (sink && format === "csv") await sink.write("step,learning_rate\n");
    if (sink && format === "json") {
      // One shape whatever --start and --every: {"steps": [...], "values": [...]}; the steps are
      // arithmetic, so they are written before any value is computed.
      await sink.write('{"steps":[');
      for (let i = 0; i < count; i += BLOCK) await sink.write(jsonStepsBlock(i, Math.min(count, i + BLOCK), o.start, o.every));
      await sink.write('],"values":[');
    }
    const buffer = dtype === "float64" ? new Float64Array(Math.min(CHUNK, count)) : new Float32Array(Math.min(CHUNK, count));
    const stepBuffer = o.every > 1 ? new Float64Array(Math.min(CHUNK, count)) : null;
    for (let i = 0; i < count; i += CHUNK) {
      const n = Math.min(CHUNK, count - i);
      const out = buffer.subarray(0, n);
      const first = o.start + i * o.every;
      const t0 = performance.now();
      if (stepBuffer === null) schedule.range(first, first + n, { out });
      else {
        const chunkSteps = stepBuffer.subarray(0, n);
        for (let j = 0; j < n; j++) chunkSteps[j] = first + j * o.every;
        schedule.evaluate(chunkSteps, { out });
      }
      computeMs += performance.now() - t0;
      summary.add(out, first, o.every);
      if (sink) {
        if (format === "npy" || format === "f32" || format === "f64") await sink.write(rawBytes(out));
        else
          for (let j = 0; j < n; j += BLOCK) {
            const end = Math.min(n, j + BLOCK);
            await sink.write(format === "csv" ? csvBlock(out, j, end, first, o.every, dtype) : jsonValuesBlock(out, j, end, i + j === 0, dtype));
          }
      }
      bar?.update(i + n);
    }
    if (sink && format === "json") await sink.write("]}\n");
    await sink?.close();
  } catch (e) {
    sink?.abort();
    throw e;
  } finally {
    bar?.stop();
  }

  const lines: string[] = [];
  if (o.plot) lines.push(terminalPlot(schedule, o.start, last, o.every, process.stdout.columns ?? 100, o.log ?? false), "");
  if (o.svg !== undefined) writeFileAtomically(o.svg, await svgPlot(schedule, o.start, last, o.every, o.log ?? false));
  const backend = kernel === null ? "the JS twin" : `the Wasm kernel (${kernel.simd ? "SIMD" : "scalar"})`;
  lines.push(
    `${String(schedule)}, ${dtype}; from ${source}`,
    `steps ${o.start.toLocaleString("en-US")} .. ${last.toLocaleString("en-US")}${o.every > 1 ? ` every ${o.every}` : ""}: ${bytesOf(count)} values`,
    ...summary.lines(schedule),
    `computed on ${backend} in ${computeMs.toFixed(1)} ms` +
      (o.out === undefined || toStdout ? "" : `; wrote ${o.out} (${format}, ${bytesOf(sink!.bytes)} bytes)`) +
      (o.svg === undefined ? "" : `; plot in ${o.svg}`),
  );
  // With --out -, stdout carries only the values: the rest goes to stderr.
  (toStdout ? process.stderr : process.stdout).write(lines.join("\n") + "\n");
}

run(process.argv).then(
  () => process.exit(0),
  (e: unknown) => {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help") process.exit(0);
      process.stderr.write(`lrdecay: ${e.message.replace(/^error: /, "")} (see lrdecay --help)\n`);
      process.exit(2);
    }
    if (e instanceof UsageError) {
      process.stderr.write(`lrdecay: ${e.message} (see lrdecay --help)\n`);
      process.exit(2);
    }
    if ((e as NodeJS.ErrnoException).code === "EPIPE") process.exit(0); // the reader went away (| head)
    const known = e instanceof ConfigError || e instanceof WriteError;
    process.stderr.write(`lrdecay: ${known ? "" : "failed: "}${(e as Error).message}\n`);
    process.exit(1);
  },
);
