// The built command (dist/cli.js) with PyTorch's, Hugging Face's and optax's schedules: each from
// its flags (made from its declared arguments) writes the bytes of the framework's API called
// directly; --help per schedule; --config with the catalog's JSON and optax's; refusals by flag.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { BUILDABLE, findEntry, type CatalogArg } from "../src/cli/catalog.js";
import * as optax from "../src/optax/index.js";
import { SAMPLES } from "./catalogSamples.js";

const CLI = new URL("../dist/cli.js", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "lrdecay-cli-frameworks-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function lrdecay(...args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", cwd: dir, timeout: 60_000, killSignal: "SIGKILL" });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const bits = (a: ArrayLike<number>) => Array.from(a, (x) => (Object.is(x, -0) ? "-0" : String(x)));

function raw(file: string, dtype: string): Float32Array | Float64Array {
  const b = readFileSync(join(dir, file));
  const copy = new Uint8Array(b).buffer;
  return dtype === "float32" ? new Float32Array(copy) : new Float64Array(copy);
}

/** A config value as its flag is typed. */
function typed(arg: CatalogArg, v: unknown): string[] {
  if (arg.kind === "boolean") return [v ? `--${arg.flag}` : `--no-${arg.flag}`];
  if (v === null) return [`--${arg.flag}`, "none"];
  if (arg.kind === "schedules" || arg.kind === "objects") return [`--${arg.flag}`, JSON.stringify(v)];
  if (arg.kind === "numberMap") return [`--${arg.flag}`, Object.entries(v as Record<string, number>).map(([k, x]) => `${k}:${x}`).join(",")];
  if (Array.isArray(v)) return [`--${arg.flag}`, v.join(",")];
  return [`--${arg.flag}`, String(v)];
}

const N = 40;
const others = BUILDABLE.filter((e) => e.framework !== "keras");

describe.each(others.map((e) => e.id))("%s", (id) => {
  const entry = findEntry(id)!;
  const [config, direct] = SAMPLES[id]!;
  test("--schedule and its flags: the framework's values, in its dtype", () => {
    const flags = Object.entries(config).flatMap(([k, v]) => typed(entry.args.find((a) => a.key === k)!, v));
    const dtype = entry.dtypes[0]!;
    const file = `${id}.${dtype === "float32" ? "f32" : "f64"}`;
    const r = lrdecay("--schedule", id, ...flags, "--steps", String(N), "--out", file);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`${entry.name}(`);
    expect(r.stdout).toContain(`, ${dtype}; from flags`);
    expect(bits(raw(file, dtype))).toEqual(bits(direct().range(0, N)));
  });
  test("--schedule NAME --help lists its flags, and no other schedule's", () => {
    const r = lrdecay("--schedule", id, "--help");
    expect(r.status).toBe(0);
    const help = r.stdout.replace(/\s+/g, " ");
    expect(help).toContain(`${id}'s flags`);
    for (const arg of entry.args) {
      expect(help).toContain(`--${arg.flag}`);
      if (arg.required) expect(help).toMatch(new RegExp(`--${arg.flag} <\\w+> (?:(?! --[a-z]).)*\\(required\\)`));
    }
    expect(help).not.toContain("--initial-learning-rate <"); // Keras', the default schedule's
  });
});

describe("--config with other frameworks' JSON", () => {
  test("the catalog's JSON (what compare and the playground write), with a flag over it", () => {
    writeFileSync(join(dir, "seq.json"), JSON.stringify({ schedule: "torch.SequentialLR", config: SAMPLES["torch.SequentialLR"]![0] }));
    const r = lrdecay("--config", "seq.json", "--steps", String(N), "--out", "seq.f64");
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("SequentialLR(optimizer, schedulers=[LinearLR(optimizer, start_factor=0.01, total_iters=10), CosineAnnealingLR(optimizer, T_max=20)], milestones=[10]), optimizer lr=0.1, float64; from seq.json");
    expect(bits(raw("seq.f64", "float64"))).toEqual(bits(SAMPLES["torch.SequentialLR"]![1]().range(0, N)));
    const lr = lrdecay("--config", "seq.json", "--lr", "0.2", "--steps", "3", "--out", "-");
    expect(lr.stdout).toBe("step,learning_rate\n0,0.002\n1,0.021799999999999996\n2,0.04159999999999999\n");
  });
  test("optax's own JSON, in float64 with --dtype", () => {
    const s = optax.warmupCosineDecaySchedule({ initValue: 0, peakValue: 0.1, warmupSteps: 10, decaySteps: 100, dtype: "float64" });
    writeFileSync(join(dir, "optax.json"), JSON.stringify(s));
    const r = lrdecay("--config", "optax.json", "--dtype", "float64", "--steps", "120", "--out", "optax.f64");
    expect(r.status, r.stderr).toBe(0);
    expect(bits(raw("optax.f64", "float64"))).toEqual(bits(s.range(0, 120)));
  });
});

describe("refusals by flag", () => {
  test.each<[string, string[], string]>([
    ["torch needs the optimizer's lr", ["--schedule", "torch.StepLR", "--step-size", "3", "--steps", "5"], "lrdecay: torch.StepLR needs --lr (or --config FILE)"],
    ["torch computes in float64 only", ["--schedule", "torch.StepLR", "--lr", "0.1", "--step-size", "3", "--steps", "5", "--dtype", "float32"], "lrdecay: --dtype float32: torch.StepLR computes in float64 only"],
    ["a .f32 file for a float64 framework", ["--schedule", "torch.StepLR", "--lr", "0.1", "--step-size", "3", "--steps", "5", "--out", "x.f32"], "lrdecay: --out x.f32 holds float32 values, but torch.StepLR computes in float64 only"],
    ["a flag of another framework's schedule", ["--schedule", "torch.StepLR", "--lr", "0.1", "--step-size", "3", "--decay-rate", "3", "--steps", "5"], "lrdecay: --decay-rate is not an argument of torch.StepLR (its flags: --lr, --step-size, --gamma)"],
    ["a misspelt schedule", ["--schedule", "torch.StepLr", "--steps", "5"], "Did you mean torch.StepLR?"],
    ["a name without its framework", ["--schedule", "cosine_decay_schedule", "--steps", "5"], "Did you mean optax.cosine_decay_schedule?"],
    ["a torch name without its framework", ["--schedule", "StepLR", "--steps", "5"], "Did you mean torch.StepLR?"],
    ["a name in the wrong letter case", ["--schedule", "torch.cosineannealinglr", "--steps", "5"], "Did you mean torch.CosineAnnealingLR?"],
    ["a name in the wrong letter case, without its framework", ["--schedule", "onecyclelr", "--steps", "5"], "Did you mean torch.OneCycleLR?"],
    ["a negative start for a scheduler that steps from 0", ["--schedule", "torch.StepLR", "--lr", "0.1", "--step-size", "3", "--steps", "5", "--start", "-1"], "lrdecay: --start -1: torch.StepLR starts at step 0"],
    ["OneCycleLR past total_steps", ["--schedule", "torch.OneCycleLR", "--max-lr", "0.1", "--total-steps", "100", "--steps", "102"], "lrdecay: --start 0 and --steps 102 reach step 101, beyond step 100, the last torch.OneCycleLR computes (OneCycleLR raises PyTorch's ValueError past total_steps = 100)"],
    ["a bad value by its flag", ["--schedule", "optax.exponential_decay", "--init-value", "0.1", "--transition-steps", "3", "--decay-rate", "x", "--steps", "5"], "lrdecay: --decay-rate must be a finite number, got \"x\""],
    ["a bad map", ["--schedule", "optax.piecewise_constant_schedule", "--init-value", "0.1", "--boundaries-and-scales", "3=0.5", "--steps", "5"], "lrdecay: --boundaries-and-scales must be step:scale pairs (100:0.5,200:0.5) or a JSON object, got \"3=0.5\""],
    ["a map with a bad scale", ["--schedule", "optax.piecewise_constant_schedule", "--init-value", "0.1", "--boundaries-and-scales", "3:x", "--steps", "5"], "lrdecay: --boundaries-and-scales must be step:scale pairs whose scales are finite numbers (3:x has the scale \"x\"), got \"3:x\""],
    ["LambdaLR takes a function", ["--schedule", "torch.LambdaLR", "--lr", "0.1", "--steps", "5"], "LambdaLR takes a function (lr_lambda)"],
  ])("%s", (_, args, message) => {
    const r = lrdecay(...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
  });
});

describe("where the values were computed", () => {
  // The last line says what computed the range: a kernel for every value, for some of them, or none.
  test.each([
    ["keras.ExponentialDecay (its kernel, every value)", ["--schedule", "keras.ExponentialDecay", "--initial-learning-rate", "0.1", "--decay-steps", "1000", "--decay-rate", "0.9"], /computed on the Wasm kernel \(SIMD\) in [\d.]+ ms/],
    ["keras.ExponentialDecay, staircase (runs filled in JavaScript)", ["--schedule", "keras.ExponentialDecay", "--initial-learning-rate", "0.1", "--decay-steps", "1000", "--decay-rate", "0.9", "--staircase"], /computed in JavaScript \(no Wasm kernel for this range\) in [\d.]+ ms/],
    ["torch.StepLR (a multiplication every step_size steps, in JavaScript)", ["--schedule", "torch.StepLR", "--lr", "0.1", "--step-size", "1000", "--gamma", "0.9"], /computed in JavaScript \(no Wasm kernel for this range\) in [\d.]+ ms/],
    ["torch.CosineAnnealingLR (the cosines on the kernel)", ["--schedule", "torch.CosineAnnealingLR", "--lr", "0.1", "--t-max", "100000"], /computed on the Wasm kernel \(SIMD\) in [\d.]+ ms/],
    ["torch.CosineAnnealingLR from --start 500 (the steps before it replayed on the kernel too)", ["--schedule", "torch.CosineAnnealingLR", "--lr", "0.1", "--t-max", "100000", "--start", "500"], /computed on the Wasm kernel \(SIMD\) in [\d.]+ ms/],
    ["torch.PolynomialLR from --start 500 past total_iters (the kernel's steps before the output do not count for it)", ["--schedule", "torch.PolynomialLR", "--lr", "0.1", "--total-iters", "100000", "--power", "2", "--start", "500"], /computed on the Wasm kernel \(SIMD\) and in JavaScript in [\d.]+ ms/],
    ["transformers.get_linear_schedule_with_warmup past its end (a kernel for part of the range)", ["--schedule", "transformers.get_linear_schedule_with_warmup", "--lr", "0.1", "--num-warmup-steps", "10", "--num-training-steps", "100"], /computed on the Wasm kernel \(SIMD\) and in JavaScript in [\d.]+ ms/],
  ])("%s", (_, args, line) => {
    const r = lrdecay(...args, "--steps", "100000");
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(line);
  });
});
