// End-to-end runs of the built command (dist/cli.js; npm test builds it first).
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strToU8, zipSync } from "fflate";
import { afterAll, describe, expect, onTestFinished, test } from "vitest";
import { CosineDecay, ExponentialDecay, SCHEDULES, serialize, type DType, type ScheduleName } from "../src/index.js";
import { argsOf, build, exampleConfig, exampleOf } from "./registry.js";
import { toKerasJSON } from "../src/index.js";
import { showArgument } from "../src/core/args.js";
import { formatValue } from "../src/core/format.js";
import { FORMATS } from "../src/cli/formats.js";
import { bytesAtLeast, stepRange } from "../src/cli/request.js";

const CLI = new URL("../dist/cli.js", import.meta.url).pathname;
/** Preloaded into a child to print its own peak memory (VmHWM), not its forked parent's. */
const PEAK_RSS = new URL("../scripts/peak-rss.cjs", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "lrdecay-cli-"));
const SCHEDULE = ["--initial-learning-rate", "0.1", "--decay-steps", "1000", "--decay-rate", "0.96"];

test("the built command is executable, so npx lrdecay runs it in this checkout", () => {
  expect(statSync(CLI).mode & 0o111).toBe(0o111);
  expect(readFileSync(CLI, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
  const r = spawnSync("npx", ["--no-install", "lrdecay", "--version"], { encoding: "utf8", cwd: new URL("..", import.meta.url).pathname });
  expect(r.stderr).toBe("");
  expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function lrdecay(...args: string[]): { status: number; stdout: string; stderr: string } {
  // A run that does not stop (a request the command should have refused) fails instead of hanging.
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", cwd: dir, maxBuffer: 1 << 30, timeout: 120_000, killSignal: "SIGKILL" });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function expectSameBits(actual: ArrayLike<number>, expected: ArrayLike<number>): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) if (!Object.is(actual[i], expected[i])) expect([i, actual[i]]).toEqual([i, expected[i]]);
}

/** A .npy file's header dict and values. */
function readNpy(path: string): { header: string; values: Float32Array | Float64Array } {
  const bytes = readFileSync(path);
  expect([...bytes.subarray(0, 8)]).toEqual([0x93, ...Buffer.from("NUMPY"), 1, 0]);
  const length = bytes.readUInt16LE(8);
  expect((10 + length) % 64).toBe(0);
  const header = bytes.subarray(10, 10 + length).toString("latin1");
  const data = bytes.subarray(10 + length);
  const copy = new Uint8Array(data).buffer;
  return { header, values: header.includes("'<f4'") ? new Float32Array(copy) : new Float64Array(copy) };
}

describe("every format reads back to the library's bits", () => {
  const n = 5003;
  for (const dtype of ["float32", "float64"] as const) {
    const s = new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 1000, decayRate: 0.96, dtype });
    const expected = s.range(-7, n - 7);
    const parse = (text: string) => (dtype === "float32" ? Math.fround(Number(text)) : Number(text));

    test(`npy (${dtype})`, () => {
      expect(lrdecay(...SCHEDULE, "--steps", String(n), "--start", "-7", "--dtype", dtype, "--out", `a-${dtype}.npy`).status).toBe(0);
      const { header, values } = readNpy(join(dir, `a-${dtype}.npy`));
      expect(header).toContain(`'shape': (${n},)`);
      expectSameBits(values, expected);
    });

    test(`raw ${dtype === "float32" ? "f32" : "f64"} (${dtype})`, () => {
      const ext = dtype === "float32" ? "f32" : "f64";
      expect(lrdecay(...SCHEDULE, "--steps", String(n), "--start", "-7", "--dtype", dtype, "--out", `a.${ext}`).status).toBe(0);
      const bytes = new Uint8Array(readFileSync(join(dir, `a.${ext}`))).buffer;
      expectSameBits(dtype === "float32" ? new Float32Array(bytes) : new Float64Array(bytes), expected);
    });

    test(`csv, shortest round-trip decimals (${dtype})`, () => {
      expect(lrdecay(...SCHEDULE, "--steps", String(n), "--start", "-7", "--dtype", dtype, "--out", `a-${dtype}.csv`).status).toBe(0);
      const [head, ...rows] = readFileSync(join(dir, `a-${dtype}.csv`), "utf8").trimEnd().split("\n");
      expect(head).toBe("step,learning_rate");
      expect(rows.map((r) => Number(r.split(",")[0]))).toEqual(Array.from({ length: n }, (_, i) => i - 7));
      expectSameBits(rows.map((r) => parse(r.split(",")[1]!)), expected);
      // Shortest: float32's 0.1 prints as 0.1, not as the double 0.10000000149011612.
      expect(rows[7]).toBe("0,0.1");
    });

    test(`json, {steps, values} with and without --every (${dtype})`, () => {
      expect(lrdecay(...SCHEDULE, "--steps", String(n), "--start", "-7", "--dtype", dtype, "--out", `a-${dtype}.json`).status).toBe(0);
      const all = JSON.parse(readFileSync(join(dir, `a-${dtype}.json`), "utf8")) as { steps: number[]; values: number[] };
      expect(Object.keys(all)).toEqual(["steps", "values"]);
      expect(all.steps).toEqual(Array.from({ length: n }, (_, i) => i - 7));
      expectSameBits(all.values.map(String).map(parse), expected);
      expect(lrdecay(...SCHEDULE, "--steps", String(n), "--start", "-7", "--every", "100", "--dtype", dtype, "--out", `e-${dtype}.json`).status).toBe(0);
      const thinned = JSON.parse(readFileSync(join(dir, `e-${dtype}.json`), "utf8")) as { steps: number[]; values: number[] };
      expect(thinned.steps).toEqual(Array.from({ length: 51 }, (_, i) => i * 100 - 7));
      expectSameBits(thinned.values.map(String).map(parse), s.evaluate(thinned.steps));
    });
  }

  test("--out - writes only the values to stdout, the summary to stderr", () => {
    const r = lrdecay(...SCHEDULE, "--steps", "4", "--staircase", "--out", "-");
    expect(r.stdout).toBe("step,learning_rate\n0,0.1\n1,0.1\n2,0.1\n3,0.1\n");
    expect(r.stderr).toContain("first: step 0 -> 0.1");
  });

  test("numpy.load reads the .npy file", () => {
    const python = ["python3", "/usr/bin/python3"].find((p) => spawnSync(p, ["-c", "import numpy"]).status === 0);
    // .ci/run installs Debian's python3-numpy where the python3 on PATH has no numpy.
    expect(python, "a python3 with numpy (apt-get install python3-numpy)").toBeDefined();
    expect(lrdecay(...SCHEDULE, "--steps", "1000", "--out", "np.npy").status).toBe(0);
    const printed = execFileSync(python!, ["-c", "import numpy as np; a = np.load('np.npy'); print(a.dtype, a.shape); print(' '.join(repr(float(x)) for x in a[[0, 1, 999]]))"], { cwd: dir, encoding: "utf8" });
    const s = new ExponentialDecay(0.1, 1000, 0.96);
    expect(printed).toBe(`float32 (1000,)\n${[s(0), s(1), s(999)].map((x) => String(x)).join(" ")}\n`);
  });
});

describe("the summary", () => {
  test("names the schedule, first and last values, where it falls to 1/2, 1/10, 1/100, and the backend", () => {
    const r = lrdecay(...SCHEDULE, "--steps", "1000000");
    const s = new ExponentialDecay(0.1, 1000, 0.96);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('ExponentialDecay(initial_learning_rate=0.1, decay_steps=1000, decay_rate=0.96, staircase=false, name="ExponentialDecay"), float32; from flags');
    expect(r.stdout).toContain("steps 0 .. 999,999: 1,000,000 values");
    expect(r.stdout).toContain(`max:   step 0 -> 0.1\nmin:   step 999,999 -> ${formatValue(s(999999), "float32")}`);
    for (const k of [2, 10, 100]) {
      // In float32's terms: at or below 1/k of the first value rounded to float32.
      const threshold = Math.fround(Math.fround(0.1) / k);
      const line = `falls to 1/${k} of its first value (${formatValue(threshold, "float32")} in float32) at step `;
      const step = Number(new RegExp(`${line.replace(/[()/.]/g, "\\$&")}([\\d,]+)`).exec(r.stdout)![1]!.replaceAll(",", ""));
      expect(s(step)).toBeLessThanOrEqual(threshold);
      expect(s(step - 1)).toBeGreaterThan(threshold);
      // With --every, the same step, found by bisection between the computed ones.
      expect(lrdecay(...SCHEDULE, "--steps", "1000000", "--every", "777").stdout).toContain(`${line}${step.toLocaleString("en-US")}\n`);
    }
    expect(r.stdout).toMatch(/computed on the Wasm kernel \(SIMD\) in [\d.]+ ms/);
  });
});

describe("plots", () => {
  test("--plot draws in the terminal; --svg writes a plot with labelled axes", () => {
    const r = lrdecay(...SCHEDULE, "--steps", "100000", "--plot", "--log", "--svg", "p.svg");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("┤");
    expect(r.stdout).toContain("(log scale)");
    const svg = readFileSync(join(dir, "p.svg"), "utf8");
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain(">step<");
    expect(svg).toContain(">learning rate (float32)<");
  });

  test("a constant 0.1 is labelled 0.100, on one row", () => {
    const r = lrdecay("--initial-learning-rate", "0.1", "--decay-steps", "10", "--decay-rate", "1", "--steps", "100", "--plot");
    const rows = r.stdout.split("\n").filter((l) => /[┤┼]/.test(l));
    expect(rows).toEqual([expect.stringMatching(/^ {5}0\.100 ┼─+$/)]);
  });

  test("a single step: a point in the SVG, a mark in the terminal", () => {
    const r = lrdecay(...SCHEDULE, "--steps", "1", "--plot", "--svg", "one.svg");
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ {5}0\.100 ┼─$/m);
    const svg = readFileSync(join(dir, "one.svg"), "utf8");
    expect(svg).toMatch(/class="mark-symbol role-mark"[^>]*><path transform="translate\(360,/); // one dot, mid-width
  });

  test("--log leaves out values of 0 and says how many, in both plots", () => {
    // A cosine decay to 0 at step 50, 0 after: half of 100 steps.
    const cosine = ["--schedule", "CosineDecay", "--initial-learning-rate", "0.1", "--decay-steps", "50", "--steps", "100", "--log"];
    const values = new CosineDecay(0.1, 50).range(0, 100);
    const zeros = values.filter((v) => v === 0).length;
    expect(zeros).toBe(50);
    const r = lrdecay(...cosine, "--plot", "--svg", "zeros.svg");
    expect(r.status, r.stderr).toBe(0);
    // The terminal samples 86 of the 100 steps on a 100-column terminal (not a TTY here).
    const terminal = /; (\d+) of (\d+) sampled values are 0 or below and left out of the log scale/.exec(r.stdout);
    expect(terminal).not.toBeNull();
    expect(Number(terminal![1])).toBeGreaterThan(0);
    // Left out, not drawn at the lowest label: the lowest row has the line's end and nothing to its right.
    const rows = r.stdout.split("\n").filter((l) => /[┤┼]/.test(l));
    expect(rows.at(-1)!.trimEnd().endsWith("╴")).toBe(true);
    expect(readFileSync(join(dir, "zeros.svg"), "utf8")).toContain(`>${zeros} of 100 sampled values are 0 or below and left out of the log scale<`);
  });
});

describe("--config", () => {
  const s = new ExponentialDecay(0.05, 777, 0.9, true, "lr");
  const json = serialize(s);
  const optimizer = { module: "keras.optimizers", class_name: "Adam", config: { name: "adam", learning_rate: json, beta_1: 0.9 }, registered_name: null };
  const shapes: [string, unknown][] = [
    ["a Keras 3 schedule", json],
    ["a tf.keras schedule", { class_name: "ExponentialDecay", config: { ...json.config, name: null } }],
    ["an optimizer config", optimizer],
    ["an older optimizer config with lr", { class_name: "SGD", config: { lr: json, momentum: 0 } }],
    ["a Keras 3 model config", { class_name: "Sequential", config: { layers: [] }, compile_config: { optimizer, loss: "mse" } }],
    ["a tf.keras model config", { class_name: "Sequential", config: {}, training_config: { optimizer_config: optimizer } }],
  ];
  test.each(shapes)("reads %s", (_, content) => {
    writeFileSync(join(dir, "c.json"), JSON.stringify(content));
    const r = lrdecay("--config", "c.json", "--steps", "3000", "--out", "c.npy");
    expect(r.status).toBe(0);
    expectSameBits(readNpy(join(dir, "c.npy")).values, s.range(0, 3000));
  });

  test("reads a .keras archive's config.json", () => {
    const model = { class_name: "Sequential", config: { layers: [] }, compile_config: { optimizer } };
    writeFileSync(join(dir, "model.keras"), zipSync({ "metadata.json": strToU8("{}"), "config.json": strToU8(JSON.stringify(model)), "model.weights.h5": new Uint8Array(8) }));
    const r = lrdecay("--config", "model.keras", "--steps", "3000", "--out", "k.npy");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("from model.keras (compile_config.optimizer.config.learning_rate)");
    expectSameBits(readNpy(join(dir, "k.npy")).values, s.range(0, 3000));
  });

  test("flags override the file", () => {
    writeFileSync(join(dir, "c.json"), JSON.stringify(json));
    const r = lrdecay("--config", "c.json", "--decay-rate", "0.5", "--steps", "3000", "--out", "o.npy");
    expect(r.status).toBe(0);
    // The summary says where the values came from: the file, and the flag over it.
    expect(r.stdout).toContain("; from c.json (the JSON itself) and --decay-rate over it");
    expectSameBits(readNpy(join(dir, "o.npy")).values, new ExponentialDecay(0.05, 777, 0.5, true).range(0, 3000));
  });
});

/**
 * The fewest bytes of a CSV of the steps -1e15 .. -1: the header (19), each step's digits and sign
 * (9 * 10^(d-1) steps of d digits for d = 1..15, and 1e15 of 16), a comma, a value of at least one
 * character and a newline per line.
 */
const LINES_FROM_MINUS_1E15 = (() => {
  const n = 10n ** 15n;
  let digits = 16n;
  for (let d = 1n; d <= 15n; d++) digits += d * 9n * 10n ** (d - 1n);
  return 19n + digits + n + 3n * n;
})();

describe("errors", () => {
  test.each<[string, string[], number, string]>([
    ["a missing schedule", ["--steps", "10"], 2, "ExponentialDecay needs --initial-learning-rate, --decay-steps, --decay-rate (or --config FILE)"],
    ["a missing --steps", [...SCHEDULE], 2, "--steps is required"],
    ["decay_steps = 0, in Keras' words", ["--initial-learning-rate", "0.1", "--decay-steps", "0", "--decay-rate", "0.9", "--steps", "1"], 2, "--decay-steps must be > 0 (got 0)"],
    ["a negative decay rate", ["--initial-learning-rate", "0.1", "--decay-steps", "10", "--decay-rate", "-1", "--steps", "1"], 2, "--decay-rate must be >= 0 (got -1)"],
    ["a number that is not one", [...SCHEDULE, "--steps", "1e3x"], 2, `option '--steps <n>' argument '1e3x' is invalid`],
    ["fractional steps", [...SCHEDULE, "--steps", "10.5"], 2, "must be an integer >= 1"],
    ["--every 0", [...SCHEDULE, "--steps", "10", "--every", "0"], 2, "must be an integer >= 1"],
    ["an unknown format", [...SCHEDULE, "--steps", "10", "--out", "x.txt"], 2, "--out x.txt: cannot tell the format from the extension"],
    ["--format without --out", [...SCHEDULE, "--steps", "10", "--format", "csv"], 2, "--format needs --out"],
    ["f32 with float64", [...SCHEDULE, "--steps", "10", "--dtype", "float64", "--out", "x.f32"], 2, "lrdecay: --out x.f32 holds float32 values (its extension .f32), which does not match --dtype float64 (see"],
    ["an unknown dtype", [...SCHEDULE, "--steps", "10", "--dtype", "float16"], 2, "Allowed choices are float32, float64"],
    ["an unknown flag, with the flags it may mean, of another schedule", [...SCHEDULE, "--steps", "10", "--warmup", "5"], 2, "lrdecay: unknown option '--warmup'; did you mean --warmup-steps or --warmup-target (a flag of CosineDecay)? (see"],
    ["an unknown flag near a schedule's own flag", [...SCHEDULE, "--steps", "10", "--stairs"], 2, "lrdecay: unknown option '--stairs'; did you mean --staircase? (see"],
    ["an unknown flag near a flag of the command", [...SCHEDULE, "--step", "10"], 2, "lrdecay: unknown option '--step'; did you mean --steps? (see"],
    ["an unknown flag near none", [...SCHEDULE, "--steps", "10", "--zzzzzz"], 2, "lrdecay: unknown option '--zzzzzz' (see"],
    ["PyTorch's --last-epoch, which no flag gives: --start instead", ["--schedule", "torch.StepLR", "--lr", "0.1", "--step-size", "5", "--last-epoch", "3", "--steps", "10"], 2, "lrdecay: unknown option '--last-epoch': lrdecay computes a fresh scheduler's steps; give --start S for the lr after S steps (a resumed scheduler is lrdecay/torch's, in code) (see"],
    ["--last_epoch=3, the same", ["--schedule", "torch.StepLR", "--lr", "0.1", "--step-size", "5", "--last_epoch=3", "--steps", "10"], 2, "lrdecay: unknown option '--last_epoch=3': lrdecay computes a fresh scheduler's steps; give --start S"],
    ["--svg to a file that is no .svg", [...SCHEDULE, "--steps", "10", "--svg", "plot.png"], 2, "lrdecay: --svg plot.png: lrdecay writes SVG only; give a file name ending in .svg (or - for stdout)"],
    ["--svg - with --out -", [...SCHEDULE, "--steps", "10", "--svg", "-", "--out", "-"], 2, "lrdecay: --svg - and --out - would both write to stdout"],
    ["--steps just above 2^53, which a double would round to 2^53", [...SCHEDULE, "--steps", "9007199254740993"], 2, `must be an integer >= 1 and at most 2^53 (9007199254740992), got "9007199254740993"`],
    ["--start just above 2^53", [...SCHEDULE, "--steps", "1", "--start", "9007199254740993"], 2, `must be an integer >= -2^53 and at most 2^53 (9007199254740992), got "9007199254740993"`],
    ["--start that is no integer, though its double is one", [...SCHEDULE, "--steps", "1", "--start", "4503599627370495.5"], 2, `got "4503599627370495.5"`],
    ["more values than lrdecay computes without --force", [...SCHEDULE, "--steps", "1e15"], 2, "lrdecay: 1,000,000,000,000,000 values is more than the 10,000,000,000 lrdecay computes without --force (give --force to run it anyway)"],
    ["a file larger than the free disk", [...SCHEDULE, "--steps", "1e15", "--out", "huge.f32"], 2, "lrdecay: --out huge.f32 needs 4,000,000,000,000,000 bytes for 1,000,000,000,000,000 values, and . has "],
    ["a text file larger than the free disk, at least", [...SCHEDULE, "--steps", "1e15", "--start", "-1e15", "--out", "huge.csv"], 2, `lrdecay: --out huge.csv needs at least ${LINES_FROM_MINUS_1E15.toLocaleString("en-US")} bytes for 1,000,000,000,000,000 values, and . has `],
    ["decay_rate -0, in the schedule's own words", ["--initial-learning-rate", "0.1", "--decay-steps", "10", "--decay-rate", "-0", "--steps", "1"], 2, "lrdecay: --decay-rate must be >= 0 and not -0 (Keras' pow(-0.0, p) is negative for odd p) (got -0) (see"],
    ["decay_steps that rounds to 0 in float32", ["--initial-learning-rate", "0.1", "--decay-steps", "1e-50", "--decay-rate", "0.5", "--steps", "1"], 2, "lrdecay: --decay-steps must be > 0 in float32, where it rounds to 0 (got 1e-50) (see"],
    ["lists of lengths that do not match", ["--schedule", "PiecewiseConstantDecay", "--boundaries", "10", "--values", "1,2,3", "--steps", "1"], 2, "lrdecay: --values must have one more element than boundaries (got 1,2,3) (see"],
    ["decreasing boundaries, by position", ["--schedule", "PiecewiseConstantDecay", "--boundaries", "10,5", "--values", "1,2,3", "--steps", "1"], 2, "lrdecay: --boundaries must be non-decreasing (Keras would add two values together between them) (got 5 at position 2) (see"],
    ["a value that overflows float32, by position", ["--schedule", "PiecewiseConstantDecay", "--boundaries", "10", "--values", "1,1e39", "--steps", "1"], 2, "lrdecay: --values must be finite in float32 (got 1e+39 at position 2) (see"],
    ["beyond 2^53", [...SCHEDULE, "--steps", "10", "--start", String(2 ** 53)], 2, "lrdecay: --start 9007199254740992 and --steps 10 reach step 9007199254741001, beyond step 2^53 (9007199254740992), the last that float64 holds"],
    ["beyond 2^53 with --every", [...SCHEDULE, "--steps", "5", "--every", "2", "--start", String(2 ** 53 - 3)], 2, "lrdecay: --start 9007199254740989 and --steps 5 (--every 2) reach step 9007199254740993, beyond step 2^53"],
    ["a missing config file", ["--config", "nope.json", "--steps", "10"], 1, "cannot read nope.json"],
    ["a config without a schedule", ["--config", "package.json", "--steps", "10"], 1, "holds no learning rate schedule"],
    ["an unwritable output, by the name given", [...SCHEDULE, "--steps", "10", "--out", "no/such/dir/x.npy"], 1, "lrdecay: cannot write no/such/dir/x.npy (ENOENT: no such file or directory)"],
    ["an unwritable plot, by the name given", [...SCHEDULE, "--steps", "10", "--svg", "no/such/dir/x.svg"], 1, "lrdecay: cannot write no/such/dir/x.svg (ENOENT: no such file or directory)"],
    ["--steps 0", [...SCHEDULE, "--steps", "0"], 2, "0 steps compute nothing: give --steps 1 or more"],
    ["--log without a plot", [...SCHEDULE, "--steps", "10", "--log"], 2, "--log sets the scale of a plot: give --plot or --svg FILE with it"],
    ["--format against the extension", [...SCHEDULE, "--steps", "10", "--out", "x.csv", "--format", "json"], 2, "--format json contradicts --out x.csv, whose extension says csv"],
    ["f64 with float32: the flags typed, not --format", [...SCHEDULE, "--steps", "10", "--dtype", "float32", "--out", "x.f64"], 2, "lrdecay: --out x.f64 holds float64 values (its extension .f64), which does not match --dtype float32 (see"],
    ["--format f64 with float32", [...SCHEDULE, "--steps", "10", "--dtype", "float32", "--out", "x.bin", "--format", "f64"], 2, "lrdecay: --format f64 does not match --dtype float32 (see"],
    ["a flag that is not a number", ["--initial-learning-rate", "0.1", "--decay-steps", "ten", "--decay-rate", "0.9", "--steps", "1"], 2, `--decay-steps must be a finite number, got "ten"`],
    ["a number not in decimal (Number() would read it as 16)", ["--initial-learning-rate", "0x10", "--decay-steps", "10", "--decay-rate", "0.9", "--steps", "1"], 2, `--initial-learning-rate must be a finite number, got "0x10"`],
    ["a number not in decimal, in a list", ["--schedule", "PiecewiseConstantDecay", "--boundaries", "10", "--values", "1,0b11", "--steps", "1"], 2, `--values must be a comma-separated list of finite numbers, got "1,0b11"`],
    ["an unknown schedule", ["--schedule", "StepDecay", "--steps", "1"], 2, "Allowed choices are"],
    ["a class lrdecay does not know, named", ["--config", "unknown.json", "--steps", "10"], 1, "unknown.json: class_name=\"OneCycle\" (string) is not a known learning rate schedule. Known: ExponentialDecay"],
    ["a bad value in a file, by its config key", ["--config", "bad.json", "--steps", "10"], 1, "bad.json: Argument `decay_steps` must be > 0. Received: decay_steps=0"],
  ])("%s", (_, args, status, message) => {
    writeFileSync(join(dir, "package.json"), "{}");
    writeFileSync(join(dir, "unknown.json"), JSON.stringify({ class_name: "Adam", config: { learning_rate: { class_name: "OneCycle", config: {} } } }));
    writeFileSync(join(dir, "bad.json"), JSON.stringify({ ...serialize(new ExponentialDecay(0.1, 10, 0.5)), config: { initial_learning_rate: 0.1, decay_steps: 0, decay_rate: 0.5 } }));
    const r = lrdecay(...args);
    expect(r.status).toBe(status);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).not.toContain(".partial-");
    expect(r.stderr).toContain(message);
    expect(r.stderr.startsWith("lrdecay: ")).toBe(true);
  });

  test("--help explains every flag with examples; --version prints the version", () => {
    const help = lrdecay("--help").stdout;
    for (const flag of ["--initial-learning-rate", "--decay-steps", "--decay-rate", "--staircase", "--config", "--steps", "--start", "--every", "--dtype", "--out", "--format", "--plot", "--svg", "--log"])
      expect(help).toContain(flag);
    expect(help).toContain("Examples:");
    expect(lrdecay("--version").stdout.trim()).toBe(JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version);
  });
});

describe("streaming", () => {
  test("a progress bar on stderr when it is a terminal, silence when it is not", () => {
    const run = `${process.execPath} ${CLI} ${SCHEDULE.join(" ")} --steps 3000000 --out bar.f32`;
    // script(1) gives the command a pseudo-terminal.
    const onTerminal = execFileSync("script", ["-qec", run, "/dev/null"], { cwd: dir, encoding: "utf8" });
    expect(onTerminal).toContain("100% | 3000000/3000000 steps");
    const piped = lrdecay(...SCHEDULE, "--steps", "3000000", "--out", "bar.f32");
    expect(piped.stderr).toBe("");
  });

  test("1e8 steps stream through with a peak memory far below the array's 400 MB", () => {
    const r = spawnSync(process.execPath, ["-r", PEAK_RSS, CLI, ...SCHEDULE, "--steps", "100000000", "--out", "-", "--format", "f32"], {
      stdio: ["ignore", "ignore", "pipe"], encoding: "utf8",
    });
    expect(r.status).toBe(0);
    const maxRssMiB = Number(/maxrss (\d+)/.exec(r.stderr)![1]) / 1024;
    console.log(`1e8 steps as f32 to stdout: peak RSS ${maxRssMiB.toFixed(0)} MiB`);
    expect(maxRssMiB).toBeLessThan(150);
  });

  // Every mode, both signals: a run of 1e12 steps (--force: beyond the limit, and beyond the disk
  // for a file) is stopped within a moment, says so, and leaves no file behind.
  const MODES: [string, string[]][] = [
    ["summary only", []],
    ...FORMATS.map((f): [string, string[]] => [`--out FILE.${f}`, ["--out", `run.${f}`]]),
    ["--out -", ["--out", "-"]],
    ["--svg FILE", ["--svg", "run.svg"]],
    ["--svg -", ["--svg", "-"]],
    ["--plot", ["--plot"]],
  ];
  const ticks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }));
  /** CPU seconds a process has used (Linux's /proc/PID/stat: utime and stime, fields 14 and 15). */
  const cpuSeconds = (pid: number) => {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      return (Number(fields[11]) + Number(fields[12])) / ticks;
    } catch {
      return Infinity; // gone: the test's expectations say why
    }
  };
  /** Signal handlers are set as the command's module starts (0.1 to 0.3 s of CPU): 1 s is past them. */
  const BUSY = 1;

  describe.each(MODES)("%s", (_, mode) => {
    test.each([["SIGINT", 130, "interrupted"], ["SIGTERM", 143, "terminated"]] as const)("%s stops it, exit %i, no file left", async (signal, status, word) => {
      const sub = mkdtempSync(join(dir, "signal-"));
      const child = spawn(process.execPath, [CLI, ...SCHEDULE, "--steps", "1e12", "--force", ...mode], { cwd: sub, stdio: ["ignore", "pipe", "pipe"] });
      onTestFinished(() => void child.kill("SIGKILL")); // a run the signal did not stop ends with the test
      let stderr = "";
      child.stderr.on("data", (d) => (stderr += d));
      child.stdout.on("data", () => {}); // --out -: keep the pipe drained, as a reader would
      let running = true;
      const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => ((running = false), resolve(code))));
      while (running && cpuSeconds(child.pid!) < BUSY) await new Promise((r) => setTimeout(r, 50));
      // A run that ignored the signal would go on for hours: the test's timeout fails it.
      child.kill(signal);
      expect(await exited).toBe(status);
      expect(stderr).toBe(`lrdecay: ${word}; no partial output was kept\n`);
      expect(readdirSync(sub)).toEqual([]);
    });
  });

  test("SIGINT stops --out - --format json with stdout a file (writes that complete at once)", async () => {
    const file = join(dir, "stdout.json");
    const fd = openSync(file, "w");
    const child = spawn(process.execPath, [CLI, ...SCHEDULE, "--steps", "1e12", "--force", "--out", "-", "--format", "json"], { cwd: dir, stdio: ["ignore", fd, "pipe"] });
    closeSync(fd);
    onTestFinished(() => void child.kill("SIGKILL"));
    let stderr = "";
    child.stderr!.on("data", (d) => (stderr += d));
    let running = true;
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => ((running = false), resolve(code))));
    while (running && cpuSeconds(child.pid!) < BUSY) await new Promise((r) => setTimeout(r, 50));
    child.kill("SIGINT");
    expect(await exited).toBe(130);
    expect(stderr).toBe("lrdecay: interrupted; no partial output was kept\n");
    expect(readFileSync(file, "latin1").startsWith('{"steps":[0,1,2,')).toBe(true);
    rmSync(file);
  });

  test("Ctrl-C in a terminal stops the progress bar and the run", async () => {
    // script(1) gives the command a pseudo-terminal; a ^C written to it reaches the command as
    // the terminal's SIGINT.
    const run = `exec ${process.execPath} ${CLI} ${SCHEDULE.join(" ")} --steps 1e12 --force`;
    const child = spawn("script", ["-qec", run, "/dev/null"], { cwd: dir, stdio: ["pipe", "pipe", "ignore"] });
    onTestFinished(() => void child.kill("SIGKILL")); // the terminal closes: the command gets SIGHUP
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    let running = true;
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => ((running = false), resolve(code))));
    while (running && !output.includes("/1000000000000 steps")) await new Promise((r) => setTimeout(r, 50));
    child.stdin.write("\x03");
    expect(await exited).toBe(130);
    const after = output.slice(output.lastIndexOf("^C"));
    // The bar's last line once, then the message, then nothing.
    expect(after.split("steps |").length).toBeLessThanOrEqual(2);
    expect(after.endsWith("lrdecay: interrupted; no partial output was kept\r\n")).toBe(true);
  });

  test("text output: 1e7 CSV and JSON steps with a peak memory under 200 MB (scripts/measure-cli.mjs measures the time)", () => {
    // A schedule that stays within float32's normal range over all 1e7 steps: no zeros to flatter the text.
    const slow = ["--initial-learning-rate", "0.1", "--decay-steps", "1000000", "--decay-rate", "0.96", "--steps", "10000000"];
    const measure = (out: string) => {
      const r = spawnSync(process.execPath, ["-r", PEAK_RSS, CLI, ...slow, "--out", out], { cwd: dir, encoding: "utf8" });
      expect(r.status, r.stderr).toBe(0);
      return { mib: Number(/maxrss (\d+)/.exec(r.stderr)![1]) / 1024, bytes: statSync(join(dir, out)).size };
    };
    const csv = measure("t.csv");
    const json = measure("t.json");
    console.log(`1e7 steps: CSV peak RSS ${csv.mib.toFixed(0)} MiB, ${(csv.bytes / 2 ** 20).toFixed(0)} MiB written; JSON peak RSS ${json.mib.toFixed(0)} MiB`);
    expect(csv.mib).toBeLessThan(200);
    expect(json.mib).toBeLessThan(200);
    const text = readFileSync(join(dir, "t.csv"), "latin1");
    expect(text.length).toBe(csv.bytes);
    const s = new ExponentialDecay(0.1, 1_000_000, 0.96);
    expect(text.slice(0, 60).split("\n").slice(0, 3)).toEqual(["step,learning_rate", "0,0.1", `1,${formatValue(s(1), "float32")}`]);
    expect(text.endsWith(`\n9999999,${formatValue(s(9_999_999), "float32")}\n`)).toBe(true);
  }, 600_000);
});

/** The flags that give a schedule the options `options` (Keras' arguments by camelCase name). */
function flagsFor(name: ScheduleName, options: Record<string, unknown>): string[] {
  const text = (x: number) => (Object.is(x, -0) ? "-0" : String(x));
  const flags = ["--schedule", name];
  for (const arg of argsOf(name)) {
    const v = options[arg.option];
    if (v === undefined) continue;
    if (arg.kind === "boolean") flags.push(v ? `--${arg.flag}` : `--no-${arg.flag}`);
    else if (arg.kind === "string") {
      if (v !== null) flags.push(`--${arg.flag}=${v as string}`);
    } else if (v === null) flags.push(`--${arg.flag}=none`);
    else if (Array.isArray(v)) flags.push(`--${arg.flag}=${v.map(text).join(",")}`);
    else flags.push(`--${arg.flag}=${text(v as number)}`);
  }
  return flags;
}

const rawValues = (file: string, dtype: DType) => {
  const bytes = new Uint8Array(readFileSync(join(dir, file))).buffer;
  return dtype === "float32" ? new Float32Array(bytes) : new Float64Array(bytes);
};

describe.each(Object.keys(SCHEDULES) as ScheduleName[])("every schedule: %s", (name) => {
  const options = exampleOf(name);

  test.each(["float32", "float64"] as const)("--schedule and its flags: the library's bytes (%s)", (dtype) => {
    const file = `${name}-flags.${dtype === "float32" ? "f32" : "f64"}`;
    const r = lrdecay(...flagsFor(name, options), "--steps", "3000", "--start", "-5", "--out", file);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`${name}(`);
    expectSameBits(rawValues(file, dtype), build(name, { ...options, dtype }).range(-5, 2995));
  });

  const schedule = build(name, options);
  const json = JSON.parse(toKerasJSON(schedule)) as Record<string, unknown>;
  const optimizer = { module: "keras.optimizers", class_name: "Adam", config: { name: "adam", learning_rate: json }, registered_name: null };
  const shapes: [string, unknown][] = [
    ["a Keras 3 schedule", json],
    ["a tf.keras schedule", { class_name: name, config: exampleConfig(name) }],
    ["an optimizer config", optimizer],
    ["an older optimizer config with lr", { class_name: "SGD", config: { lr: json } }],
    ["a Keras 3 model config", { class_name: "Sequential", config: {}, compile_config: { optimizer } }],
    ["a tf.keras model config", { class_name: "Sequential", config: {}, training_config: { optimizer_config: optimizer } }],
  ];
  test.each(shapes)("--config with %s: the library's bytes", (shape, content) => {
    const file = `${name}-${shape.replaceAll(" ", "-")}`;
    writeFileSync(join(dir, `${file}.json`), JSON.stringify(content));
    const r = lrdecay("--config", `${file}.json`, "--steps", "3000", "--out", `${file}.f32`);
    expect(r.status, r.stderr).toBe(0);
    expectSameBits(rawValues(`${file}.f32`, "float32"), schedule.range(0, 3000));
  });

  test("--schedule NAME --help lists its flags with their defaults", () => {
    const r = lrdecay("--schedule", name, "--help");
    expect(r.status).toBe(0);
    const help = r.stdout.replace(/\s+/g, " ");
    for (const arg of argsOf(name)) {
      expect(help).toContain(`--${arg.flag}`);
      // Its own line: up to "(required)" without reaching the next flag.
      if (arg.required) expect(help).toMatch(new RegExp(`--${arg.flag} <\\w+> (?:(?! --[a-z]).)*\\(required\\)`));
      else if (arg.kind === "boolean") expect(help).toContain(`(default: ${arg.default ? "on" : "off"}; --no-${arg.flag}`);
      else if (arg.kind === "optionalNumber") expect(help).toContain("(default: none");
      else expect(help).toContain(`default: ${showArgument(arg.default)}`);
    }
    for (const other of Object.keys(SCHEDULES)) if (other !== name) expect(help).not.toContain(`${other}(`);
  });

  const booleans = argsOf(name).filter((a) => a.kind === "boolean");
  const optional = argsOf(name).filter((a) => a.kind === "optionalNumber");
  // Only for schedules that have such flags (a test that would do nothing is not generated).
  if (booleans.length + optional.length > 0) test("--no-FLAG and --FLAG none override what --config set", () => {
    for (const arg of [...booleans, ...optional]) {
      const on = { ...options, [arg.option]: arg.kind === "boolean" ? true : 0.5 };
      const off = { ...options, [arg.option]: arg.kind === "boolean" ? false : null };
      // Both must build: a refusal here fails the test rather than skipping the argument.
      const schedule = build(name, off);
      build(name, on)(0);
      writeFileSync(join(dir, "on.json"), toKerasJSON(build(name, on)));
      const flag = arg.kind === "boolean" ? [`--no-${arg.flag}`] : [`--${arg.flag}`, "none"];
      const r = lrdecay("--config", "on.json", ...flag, "--steps", "3000", "--out", "off.f32");
      expect(r.status, r.stderr).toBe(0);
      expectSameBits(rawValues("off.f32", "float32"), schedule.range(0, 3000));
    }
  });

  test("the summary and both plots name the schedule and its arguments", () => {
    const r = lrdecay(...flagsFor(name, options), "--steps", "20000", "--plot", "--svg", `${name}.svg`);
    expect(r.status, r.stderr).toBe(0);
    const args = Object.entries(schedule.getConfig()).filter(([k]) => k !== "name").map(([k, v]) => `${k}=${showArgument(v)}`).join(", ");
    expect(r.stdout).toContain(`${name}(${args}), float32`);
    expect(r.stdout).toMatch(/^first: step 0 -> .*\nlast: {2}step 19,999 -> .*\nmax: {3}step [\d,]+ -> .*\nmin: {3}step [\d,]+ -> /m);
    const svg = readFileSync(join(dir, `${name}.svg`), "utf8");
    expect(svg).toContain(`>${name}<`);
  });
});

describe("the summary of shapes other than a decay", () => {
  // Schedules of their own shapes from the library's own exponential: a rising one (a warm-up to a
  // peak, then a decay) is not on the registry; the summary decides from the values. Flat: rate 1.
  test("a constant schedule is monotone and never falls", () => {
    const r = lrdecay("--initial-learning-rate", "0.1", "--decay-steps", "10", "--decay-rate", "1", "--steps", "100");
    expect(r.stdout).toContain("does not fall to 1/2 of its first value (0.05 in float32) by step 99\n");
    expect(r.stdout).not.toContain("1/10");
  });

  test("a growing schedule is not monotone, and no warm-up: it never falls", () => {
    const r = lrdecay("--initial-learning-rate", "0.1", "--decay-steps", "10", "--decay-rate", "2", "--steps", "100");
    expect(r.stdout).toContain(`\nrises from 0.1 to ${formatValue(new ExponentialDecay(0.1, 10, 2)(99), "float32")} at step 99 and does not fall over these steps\n`);
    expect(r.stdout).not.toContain("warm-up");
    expect(r.stdout).toContain('not monotone over these steps: no "falls to" lines');
  });

  test("a piecewise constant rise is a step up, not a warm-up", () => {
    const piecewise = ["--schedule", "PiecewiseConstantDecay", "--boundaries", "10,20", "--steps", "30"];
    const fall = lrdecay(...piecewise, "--values", "1,2,0.5");
    expect(fall.stdout).toContain("\nsteps up from 1 to 2 at step 11, then falls\n");
    expect(fall.stdout).not.toContain("warm-up");
    const rise = lrdecay(...piecewise, "--values", "1,1,2");
    expect(rise.stdout).toContain("\nsteps up from 1 to 2 at step 21 and does not fall over these steps\n");
  });

  test("a linear warm-up, then a decay, is a warm-up", () => {
    const r = lrdecay("--schedule", "CosineDecay", "--initial-learning-rate", "0", "--decay-steps", "900", "--warmup-target", "0.1", "--warmup-steps", "100", "--steps", "1000");
    expect(r.stdout).toContain("\nwarm-up: rises from 0 to its peak 0.1 at step 100\n");
  });

  test("falls to 1/10 in float32's terms: 1, 0.5, 0.1 does (the float32 0.1 is 1/10 rounded to float32)", () => {
    const r = lrdecay("--schedule", "PiecewiseConstantDecay", "--boundaries", "10,20", "--values", "1,0.5,0.1", "--steps", "30");
    expect(r.stdout).toContain("falls to 1/2 of its first value (0.5 in float32) at step 11\nfalls to 1/10 of its first value (0.1 in float32) at step 21\n");
    expect(r.stdout).toContain("does not fall to 1/100 of its first value (0.01 in float32) by step 29\n");
    // In float64, 0.1 is 1/10 rounded to float64: the same step.
    expect(lrdecay("--schedule", "PiecewiseConstantDecay", "--boundaries", "10,20", "--values", "1,0.5,0.1", "--steps", "30", "--dtype", "float64").stdout)
      .toContain("falls to 1/10 of its first value (0.1 in float64) at step 21\n");
  });
});

describe("steps at the end of float64's integers (2^53)", () => {
  test.each<[string, number, number, number]>([
    ["the step 2^53 alone", 2 ** 53, 1, 1],
    ["2^53 - 1 and 2^53", 2 ** 53 - 1, 2, 1],
    ["every 2nd step up to 2^53", 2 ** 53 - 4, 5, 2],
    ["two chunks, the second ending at 2^53", 2 ** 53 - 2 ** 20 - 4, 2 ** 20 + 5, 1],
    ["from -2^53", -(2 ** 53), 3, 1],
  ])("%s: the library's values at the steps asked", (_, start, steps, every) => {
    const count = Math.ceil(steps / every);
    const stepList = Float64Array.from({ length: count }, (_, i) => start + i * every);
    const s = new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 2 ** 50, decayRate: 0.5, dtype: "float64" });
    const args = ["--initial-learning-rate", "0.1", "--decay-steps", String(2 ** 50), "--decay-rate", "0.5", "--start", String(start), "--steps", String(steps), "--every", String(every)];
    const r = lrdecay(...args, "--out", "edge.f64");
    expect(r.status, r.stderr).toBe(0);
    expectSameBits(rawValues("edge.f64", "float64"), s.evaluate(stepList));
    if (count <= 5) {
      const csv = lrdecay(...args, "--dtype", "float64", "--out", "-");
      expect(csv.stdout).toBe(`step,learning_rate\n${[...stepList].map((step) => `${step},${String(s(step))}\n`).join("")}`);
    }
  });
});

describe("requests: exact integers, limits, --force", () => {
  test("a request over the limit but thinned by --every to few values runs", () => {
    const r = lrdecay(...SCHEDULE, "--steps", "1e15", "--every", "1e14", "--out", "thin.json");
    expect(r.status, r.stderr).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, "thin.json"), "utf8")) as { steps: number[] };
    expect(json.steps).toEqual(Array.from({ length: 10 }, (_, i) => i * 1e14));
  });

  test.each(["csv", "json"] as const)("the bytes a %s file needs at least are its size when every value is 0", (format) => {
    const r = lrdecay("--schedule", "PiecewiseConstantDecay", "--boundaries", "0", "--values", "0,0", "--start", "-1234", "--steps", "20000", "--every", "7", "--out", `zeros.${format}`);
    expect(r.status, r.stderr).toBe(0);
    const range = stepRange(-1234, 20000, 7);
    expect(BigInt(statSync(join(dir, `zeros.${format}`)).size)).toBe(bytesAtLeast(format, "float32", range));
  });
});

describe("the command line itself", () => {
  test("bare lrdecay prints the usage and an example on stderr, exit 2", () => {
    const r = lrdecay();
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^Usage: lrdecay /);
    expect(r.stderr).toContain("lrdecay --initial-learning-rate 0.1 --decay-steps 100000 --decay-rate 0.96 --steps 1000000\n");
    expect(r.stderr).toContain("lrdecay --help lists every flag and schedule.");
    expect(r.stderr).not.toContain("required");
  });

  test("--svg - writes the SVG alone to stdout, the summary to stderr", () => {
    const r = lrdecay(...SCHEDULE, "--steps", "1000", "--svg", "-");
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.startsWith("<svg")).toBe(true);
    expect(r.stdout.trimEnd().endsWith("</svg>")).toBe(true);
    expect(r.stderr).toContain("steps 0 .. 999: 1,000 values");
    expect(readdirSync(dir)).not.toContain("-");
  });
});
describe("the dtype from the extension", () => {
  test(".f64 without --dtype computes in float64, .f32 in float32", () => {
    for (const [ext, dtype] of [["f64", "float64"], ["f32", "float32"]] as const) {
      const r = lrdecay(...SCHEDULE, "--steps", "1000", "--out", `d.${ext}`);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain(`, ${dtype}; from flags`);
      expectSameBits(rawValues(`d.${ext}`, dtype), new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 1000, decayRate: 0.96, dtype }).range(0, 1000));
    }
  });
});
