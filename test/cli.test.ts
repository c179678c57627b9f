// End-to-end runs of the built command (dist/cli.js; npm test builds it first).
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strToU8, zipSync } from "fflate";
import { describe, expect, test } from "vitest";
import { ExponentialDecay, SCHEDULES, serialize, type DType, type ScheduleName } from "../src/index.js";
import { argsOf, build, exampleConfig, exampleOf } from "./registry.js";
import { toKerasJSON } from "../src/index.js";
import { showArgument } from "../src/core/args.js";
import { formatValue } from "../src/core/format.js";

const CLI = new URL("../dist/cli.js", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "lrdecay-cli-"));
const SCHEDULE = ["--initial-learning-rate", "0.1", "--decay-steps", "1000", "--decay-rate", "0.96"];

test("the built command is executable, so npx lrdecay runs it in this checkout", () => {
  expect(statSync(CLI).mode & 0o111).toBe(0o111);
  expect(readFileSync(CLI, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
  const r = spawnSync("npx", ["--no-install", "lrdecay", "--version"], { encoding: "utf8", cwd: new URL("..", import.meta.url).pathname });
  expect(r.stderr).toBe("");
  expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version);
});

function lrdecay(...args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", cwd: dir, maxBuffer: 1 << 30 });
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
      const step = Number(new RegExp(`1/${k} of its first value at step ([\\d,]+)`).exec(r.stdout)![1]!.replaceAll(",", ""));
      expect(s(step)).toBeLessThanOrEqual(Math.fround(0.1) / k);
      expect(s(step - 1)).toBeGreaterThan(Math.fround(0.1) / k);
      // With --every, the same step, found by bisection between the computed ones.
      expect(lrdecay(...SCHEDULE, "--steps", "1000000", "--every", "777").stdout).toContain(`1/${k} of its first value at step ${step.toLocaleString("en-US")}`);
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
    expect(lrdecay("--config", "c.json", "--decay-rate", "0.5", "--steps", "3000", "--out", "o.npy").status).toBe(0);
    expectSameBits(readNpy(join(dir, "o.npy")).values, new ExponentialDecay(0.05, 777, 0.5, true).range(0, 3000));
  });
});

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
    ["f32 with float64", [...SCHEDULE, "--steps", "10", "--dtype", "float64", "--out", "x.f32"], 2, "--format f32 does not match --dtype float64"],
    ["an unknown dtype", [...SCHEDULE, "--steps", "10", "--dtype", "float16"], 2, "Allowed choices are float32, float64"],
    ["an unknown flag", [...SCHEDULE, "--steps", "10", "--warmup", "5"], 2, "unknown option '--warmup'"],
    ["beyond 2^53", [...SCHEDULE, "--steps", "10", "--start", String(2 ** 53)], 2, "beyond step 2^53"],
    ["a missing config file", ["--config", "nope.json", "--steps", "10"], 1, "cannot read nope.json"],
    ["a config without a schedule", ["--config", "package.json", "--steps", "10"], 1, "holds no learning rate schedule"],
    ["an unwritable output, by the name given", [...SCHEDULE, "--steps", "10", "--out", "no/such/dir/x.npy"], 1, "lrdecay: cannot write no/such/dir/x.npy (ENOENT: no such file or directory)"],
    ["an unwritable plot, by the name given", [...SCHEDULE, "--steps", "10", "--svg", "no/such/dir/x.svg"], 1, "lrdecay: cannot write no/such/dir/x.svg (ENOENT: no such file or directory)"],
    ["--steps 0", [...SCHEDULE, "--steps", "0"], 2, "0 steps compute nothing: give --steps 1 or more"],
    ["--log without a plot", [...SCHEDULE, "--steps", "10", "--log"], 2, "--log sets the scale of a plot: give --plot or --svg FILE with it"],
    ["--format against the extension", [...SCHEDULE, "--steps", "10", "--out", "x.csv", "--format", "json"], 2, "--format json contradicts --out x.csv, whose extension says csv"],
    ["f64 with float32", [...SCHEDULE, "--steps", "10", "--dtype", "float32", "--out", "x.f64"], 2, "--format f64 does not match --dtype float32"],
    ["a flag that is not a number", ["--initial-learning-rate", "0.1", "--decay-steps", "ten", "--decay-rate", "0.9", "--steps", "1"], 2, `--decay-steps must be a finite number, got "ten"`],
    ["an unknown schedule", ["--schedule", "StepDecay", "--steps", "1"], 2, "Allowed choices are"],
    ["a class lrdecay does not know, named", ["--config", "unknown.json", "--steps", "10"], 1, "unknown.json: Unknown learning rate schedule class_name=\"OneCycle\""],
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
    const preload = join(dir, "maxrss.cjs");
    writeFileSync(preload, "process.on('exit', () => process.stderr.write('maxrss ' + process.resourceUsage().maxRSS + '\\n'));");
    const r = spawnSync(process.execPath, ["-r", preload, CLI, ...SCHEDULE, "--steps", "100000000", "--out", "-", "--format", "f32"], {
      stdio: ["ignore", "ignore", "pipe"], encoding: "utf8",
    });
    expect(r.status).toBe(0);
    const maxRssMiB = Number(/maxrss (\d+)/.exec(r.stderr)![1]) / 1024;
    console.log(`1e8 steps as f32 to stdout: peak RSS ${maxRssMiB.toFixed(0)} MiB`);
    expect(maxRssMiB).toBeLessThan(150);
  });

  test.each([["SIGINT", 130, "interrupted"], ["SIGTERM", 143, "terminated"]] as const)("%s halfway removes the partial file and exits %i", async (signal, status, word) => {
    const child = spawn(process.execPath, [CLI, ...SCHEDULE, "--steps", "1000000000", "--out", `big-${signal}.csv`], { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    // Wait until the partial file exists and grows, then interrupt.
    for (let i = 0; i < 400 && !readdirSync(dir).some((f) => f.startsWith(`big-${signal}.csv.partial-`)); i++) await new Promise((r) => setTimeout(r, 25));
    expect(readdirSync(dir).some((f) => f.startsWith(`big-${signal}.csv.partial-`))).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    child.kill(signal);
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(status);
    expect(stderr).toBe(`lrdecay: ${word}; no partial output was kept\n`);
    expect(readdirSync(dir).filter((f) => f.startsWith(`big-${signal}`))).toEqual([]);
  });

  test("text output: 1e7 CSV steps against the same as .f32, time and peak memory (reported; memory under 200 MB)", () => {
    const preload = join(dir, "maxrss.cjs");
    writeFileSync(preload, "process.on('exit', () => process.stderr.write('maxrss ' + process.resourceUsage().maxRSS + '\\n'));");
    // A schedule that stays within float32's normal range over all 1e7 steps: no zeros to flatter the text.
    const slow = ["--initial-learning-rate", "0.1", "--decay-steps", "1000000", "--decay-rate", "0.96", "--steps", "10000000"];
    const measure = (out: string) => {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, ["-r", preload, CLI, ...slow, "--out", out], { cwd: dir, encoding: "utf8" });
      const seconds = (performance.now() - t0) / 1000;
      expect(r.status, r.stderr).toBe(0);
      return { seconds, mib: Number(/maxrss (\d+)/.exec(r.stderr)![1]) / 1024, bytes: statSync(join(dir, out)).size };
    };
    const f32 = measure("t.f32");
    const csv = measure("t.csv");
    const json = measure("t.json");
    console.log(
      `1e7 steps: .f32 ${f32.seconds.toFixed(2)} s, peak RSS ${f32.mib.toFixed(0)} MiB; ` +
        `CSV ${csv.seconds.toFixed(2)} s (${(csv.seconds / f32.seconds).toFixed(1)}x), peak RSS ${csv.mib.toFixed(0)} MiB, ${(csv.bytes / 2 ** 20).toFixed(0)} MiB written; ` +
        `JSON ${json.seconds.toFixed(2)} s, peak RSS ${json.mib.toFixed(0)} MiB`,
    );
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
      let schedule: ReturnType<typeof build>;
      try {
        schedule = build(name, off);
        build(name, on)(0);
      } catch {
        continue; // a rule across arguments refuses one of them with this example
      }
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
    expect(r.stdout).toContain("does not fall to 1/2 of its first value by step 99\n");
    expect(r.stdout).not.toContain("1/10");
  });

  test("a growing schedule is not monotone: its peak, no falls lines", () => {
    const r = lrdecay("--initial-learning-rate", "0.1", "--decay-steps", "10", "--decay-rate", "2", "--steps", "100");
    expect(r.stdout).toContain(`warm-up: rises from 0.1 to its peak ${formatValue(new ExponentialDecay(0.1, 10, 2)(99), "float32")} at step 99`);
    expect(r.stdout).toContain('not monotone over these steps: no "falls to" lines');
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
