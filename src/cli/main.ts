/**
 * The lrdecay command: precompute, convert, plot and stream a schedule. See `lrdecay --help`.
 * Its libraries (commander, cli-progress, asciichart, fflate, vega) are bundled into dist/cli.js
 * only: the library's own import graph never sees them.
 */
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import cliProgress from "cli-progress";
import { ExponentialDecay, SCHEDULES, ready, type Arg, type DType, type LearningRateSchedule, type ScheduleName } from "../index.js";
import { formatValue } from "../core/format.js";
import { ConfigError, loadScheduleConfig } from "./config.js";
import { addScheduleFlags, configFromFlags, flagOf, number } from "./flags.js";
import { FORMATS, fileSink, formatFromPath, npyHeader, rawBytes, stdoutSink, type Format, type Sink } from "./formats.js";
import { svgPlot, terminalPlot } from "./plot.js";
import { LAST_STEP, fallLines } from "./summary.js";

/** A mistake in the command line: exit code 2. Anything else that fails: exit code 1. */
class UsageError extends Error {}

const CHUNK = 1 << 20;

function integer(min: number) {
  return (value: string): number => {
    const x = number(value);
    if (!Number.isInteger(x) || x < min || Math.abs(x) > LAST_STEP)
      throw new InvalidArgumentError(`must be an integer >= ${min} and at most 2^53, got "${value}"`);
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

--config reads a serialized schedule (Keras 3 or tf.keras), an optimizer config (learning_rate or lr),
a model config (compile_config.optimizer) or a .keras archive. Flags given beside it override its values.
Text formats print each value as the shortest decimal that reads back to the same float.`;

function program(version: string): Command {
  const cli = new Command()
    .name("lrdecay")
    .description("Keras' learning-rate schedules, computed as Keras' formula with every rounding decided exactly, into files, plots and streams.")
    .version(version)
    .addOption(new Option("--schedule <name>", "the schedule (Keras' class name)").choices(Object.keys(SCHEDULES)).default("ExponentialDecay"));
  return addScheduleFlags(cli)
    .option("--config <file>", "read the schedule from a Keras JSON file or a .keras archive")
    .option("--steps <n>", "how many steps to compute, e.g. 1000000", integer(0))
    .option("--start <n>", "the first step", integer(-LAST_STEP), 0)
    .option("--every <k>", "keep every k-th step only", integer(1), 1)
    .addOption(new Option("--dtype <dtype>", "float32 is Keras with a plain-number learning rate").choices(["float32", "float64"]).default("float32"))
    .option("--out <file>", "write the values to FILE (its extension picks the format), or - for stdout")
    .addOption(new Option("--format <format>", "the output format (default: from --out, csv for -)").choices([...FORMATS]))
    .option("--plot", "draw the schedule in the terminal")
    .option("--svg <file>", "write an SVG plot with labelled axes")
    .option("--log", "a log scale for --plot and --svg")
    .addHelpText("after", EXAMPLES)
    .exitOverride()
    .configureOutput({ writeErr: () => {}, outputError: () => {} });
}

interface Options {
  schedule: ScheduleName;
  config?: string;
  steps?: number;
  start: number;
  every: number;
  dtype: DType;
  out?: string;
  format?: Format;
  plot?: boolean;
  svg?: string;
  log?: boolean;
  [flag: string]: unknown;
}

/** The schedule from --config and the flags, flags winning. Library errors become usage errors. */
function buildSchedule(o: Options, given: Set<string>): { schedule: LearningRateSchedule<DType>; source: string } {
  let config: Record<string, unknown> = {};
  let className = o.schedule;
  let source = "flags";
  if (o.config !== undefined) {
    const found = loadScheduleConfig(o.config, o.dtype);
    const name = (found.schedule.constructor as { className?: string }).className;
    if (given.has("schedule") && name !== o.schedule) throw new UsageError(`--schedule ${o.schedule} contradicts ${o.config}, which holds a ${name}`);
    className = name as ScheduleName;
    config = found.schedule.getConfig();
    source = `${o.config} (${found.where})`;
  }
  // Every registered class, as far as this function uses it (a union of their own static types
  // could not call fromConfig, whose `this` each narrows to its own class).
  const cls: { readonly args: readonly Arg[]; fromConfig(config: Record<string, unknown>, options: { dtype?: DType }): unknown } = SCHEDULES[className];
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
    const schedule = cls.fromConfig({ ...config, ...flags }, { dtype: o.dtype }) as LearningRateSchedule<DType>;
    schedule(o.start); // float32 checks (a decay_steps that rounds to 0) happen on first use
    return { schedule, source };
  } catch (e) {
    if (!(e instanceof TypeError || e instanceof RangeError)) throw e;
    // "Argument `decay_steps` must be > 0. Received: decay_steps=0" -> "--decay-steps must be > 0 (got 0)"
    const m = /^Argument `(\w+)` (.*?)\.? Received: \w+=(.*)$/.exec(e.message);
    const flag = m ? flagOf(m[1]!) : undefined;
    if (m && flag && m[1]! in flags) throw new UsageError(`${flag} ${m[2]} (got ${m[3]})`);
    if (o.config !== undefined) throw new UsageError(`${e.message} in ${o.config}`);
    throw new UsageError(e.message);
  }
}

const bytesOf = (n: number) => n.toLocaleString("en-US");

async function run(argv: string[]): Promise<void> {
  const version = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version as string;
  const cli = program(version);
  cli.parse(argv);
  const o = cli.opts<Options>();
  const given = new Set(Object.keys(o).filter((k) => cli.getOptionValueSource(k) === "cli"));

  if (o.steps === undefined) throw new UsageError("--steps is required, e.g. --steps 1000000");
  if (o.format !== undefined && o.out === undefined) throw new UsageError("--format needs --out FILE (or --out -)");
  const format: Format | undefined =
    o.out === undefined ? undefined : (o.format ?? (o.out === "-" ? "csv" : formatFromPath(o.out)));
  if (o.out !== undefined && format === undefined)
    throw new UsageError(`--out ${o.out}: cannot tell the format from the extension; give --format (${FORMATS.join(", ")})`);
  // f32/f64 name the float width; a mismatch with --dtype would be a silent conversion.
  if ((format === "f32" && o.dtype !== "float32") || (format === "f64" && o.dtype !== "float64"))
    throw new UsageError(`--format ${format} does not match --dtype ${o.dtype}`);
  const count = Math.ceil(o.steps / o.every);
  const last = o.start + (count - 1) * o.every;
  if (count > 0 && (last > LAST_STEP || last < -LAST_STEP)) throw new UsageError("--start, --steps and --every reach beyond step 2^53");
  const { schedule, source } = buildSchedule(o, given);
  const dtype = o.dtype;
  const kernel = await ready().catch(() => null);

  const toStdout = o.out === "-";
  const sinks: Sink[] = [];
  const onSignal = () => {
    for (const s of sinks) s.abort();
    process.stderr.write("lrdecay: interrupted; no partial output was kept\n");
    process.exit(130);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  const sink = o.out === undefined ? null : toStdout ? stdoutSink() : fileSink(o.out);
  if (sink) sinks.push(sink);
  const bar =
    process.stderr.isTTY && count > CHUNK
      ? new cliProgress.SingleBar({ stream: process.stderr, format: "{bar} {percentage}% | {value}/{total} steps | {eta_formatted}" }, cliProgress.Presets.shades_classic)
      : null;
  bar?.start(count, 0);

  let first = NaN;
  let lastValue = NaN;
  let computeMs = 0;
  try {
    if (sink && format === "npy") await sink.write(npyHeader(count, dtype));
    if (sink && format === "csv") await sink.write("step,learning_rate\n");
    if (sink && format === "json") {
      if (o.every > 1) {
        // {"steps": [...], "values": [...]}: the steps are arithmetic, written before any value.
        await sink.write('{"steps":[');
        for (let i = 0; i < count; i += CHUNK) {
          const n = Math.min(CHUNK, count - i);
          const part = Array.from({ length: n }, (_, j) => String(o.start + (i + j) * o.every));
          await sink.write((i > 0 ? "," : "") + part.join(","));
        }
        await sink.write('],"values":[');
      } else {
        await sink.write("[");
      }
    }
    const buffer = dtype === "float64" ? new Float64Array(Math.min(CHUNK, count)) : new Float32Array(Math.min(CHUNK, count));
    const steps = o.every > 1 ? new Float64Array(Math.min(CHUNK, count)) : null;
    for (let i = 0; i < count; i += CHUNK) {
      const n = Math.min(CHUNK, count - i);
      const out = buffer.subarray(0, n);
      const t0 = performance.now();
      if (steps === null) schedule.range(o.start + i, o.start + i + n, { out });
      else {
        const chunkSteps = steps.subarray(0, n);
        for (let j = 0; j < n; j++) chunkSteps[j] = o.start + (i + j) * o.every;
        schedule.evaluate(chunkSteps, { out });
      }
      computeMs += performance.now() - t0;
      if (i === 0) first = out[0]!;
      lastValue = out[n - 1]!;
      if (sink) {
        if (format === "npy" || format === "f32" || format === "f64") {
          await sink.write(rawBytes(out));
        } else if (format === "csv") {
          const lines: string[] = [];
          for (let j = 0; j < n; j++) lines.push(`${o.start + (i + j) * o.every},${formatValue(out[j]!, dtype)}\n`);
          await sink.write(lines.join(""));
        } else {
          const values: string[] = [];
          for (let j = 0; j < n; j++) values.push(formatValue(out[j]!, dtype));
          await sink.write((i > 0 ? "," : "") + values.join(","));
        }
      }
      bar?.update(i + n);
    }
    if (sink && format === "json") await sink.write(o.every > 1 ? "]}\n" : "]\n");
    await sink?.close();
  } catch (e) {
    for (const s of sinks) s.abort();
    throw e;
  } finally {
    bar?.stop();
  }

  const lines: string[] = [];
  if (o.plot) lines.push(terminalPlot(schedule, o.start, last, o.every, process.stdout.columns ?? 100, o.log ?? false), "");
  if (o.svg !== undefined) {
    const partial = `${o.svg}.partial-${process.pid}`;
    writeFileSync(partial, await svgPlot(schedule, o.start, last, o.every, o.log ?? false));
    renameSync(partial, o.svg);
  }
  if (count > 0) {
    const backend = kernel === null ? "the JS twin" : `the Wasm kernel (${kernel.simd ? "SIMD" : "scalar"})`;
    lines.push(
      `${String(schedule)}, ${dtype}; from ${source}`,
      `steps ${o.start.toLocaleString("en-US")} .. ${last.toLocaleString("en-US")}${o.every > 1 ? ` every ${o.every}` : ""}: ${bytesOf(count)} values`,
      `first: step ${o.start.toLocaleString("en-US")} -> ${formatValue(first, dtype)}`,
      `last:  step ${last.toLocaleString("en-US")} -> ${formatValue(lastValue, dtype)}`,
      ...(schedule instanceof ExponentialDecay ? fallLines(schedule, o.start) : []),
      `computed on ${backend} in ${computeMs.toFixed(1)} ms` +
        (o.out === undefined || toStdout ? "" : `; wrote ${o.out} (${format}, ${bytesOf(sink!.bytes)} bytes)`) +
        (o.svg === undefined ? "" : `; plot in ${o.svg}`),
    );
  }
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
    process.stderr.write(`lrdecay: ${e instanceof ConfigError ? "" : "failed: "}${(e as Error).message}\n`);
    process.exit(1);
  },
);
