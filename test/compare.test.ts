// `lrdecay compare` run as the built command (dist/cli.js): the table out of the
// warm-up-cosine intent as the CLI prints it, every intent's values against the frameworks' APIs
// called directly, the words of the difference report, --out side by side (CSV, npy), --svg,
// refusals by flag, and signals.
import { spawn, spawnSync, execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, onTestFinished, test } from "vitest";
import * as keras from "../src/index.js";
import * as optax from "../src/optax/index.js";
import * as torch from "../src/torch/index.js";
import * as hf from "../src/transformers/index.js";
import { floatRepr } from "../src/transformers/python.js";

const CLI = new URL("../dist/cli.js", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "lrdecay-compare-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function lrdecay(...args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", cwd: dir, timeout: 60_000, killSignal: "SIGKILL" });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The value table the command prints: header cells, and per step its cells. */
function valueTable(stdout: string): { header: string[]; rows: Map<number, string[]> } {
  const lines = stdout.split("\n");
  const at = lines.findIndex((l) => l.startsWith("step  "));
  expect(at).toBeGreaterThan(-1);
  const header = lines[at]!.split(/\s{2,}/);
  const rows = new Map<number, string[]>();
  for (const line of lines.slice(at + 1)) {
    if (line.trim() === "") break;
    const cells = line.split(/\s+/);
    rows.set(Number(cells[0]!.replace(/,/g, "")), cells.slice(1));
  }
  return { header, rows };
}

const opt = (lr: number, momentum?: number) => {
  const group = momentum === undefined ? { lr } : { lr, momentum };
  return { param_groups: [{ ...group }], defaults: { ...group } };
};

describe("--intent warmup-cosine: the issue's table, as the CLI prints it", () => {
  const r = lrdecay("compare", "--intent", "warmup-cosine", "--peak", "0.1", "--warmup", "10", "--steps", "100");
  test("steps 0, 1 and 110 of HF, torch, optax and Keras", () => {
    expect(r.status, r.stderr).toBe(0);
    const { header, rows } = valueTable(r.stdout);
    expect(header).toEqual(["step", "transformers (float64)", "torch (float64)", "optax (float32)", "keras (float32)"]);
    // The four frameworks' measured values (docs/frameworks' measurement: HF and torch run in PyTorch, optax and Keras as their formulas in float32).
    expect(rows.get(0)).toEqual(["0.0", "0.001", "0.0", "0.0"]);
    expect(rows.get(1)).toEqual(["0.010000000000000002", "0.010899999999999998", "0.01000000536441803", "0.010000000707805157"]);
    expect(rows.get(110)).toEqual(["0.003015368960704579", "0.003015368960704578", "0.0", "0.0"]);
    // The rest of FRAMEWORKS.md section 5's measured rows that the table shows.
    expect(rows.get(9)).toEqual(["0.09000000000000001", "0.09009999999999996", "0.08999999612569809", "0.08999999612569809"]);
    expect(rows.get(10)).toEqual(["0.1", "0.1", "0.10000000149011612", "0.10000000149011612"]);
    expect(rows.get(55)).toEqual(["0.05", "0.049999999999999996", "0.04999999701976776", "0.04999999701976776"]);
    expect(rows.get(99)).toEqual(["3.0458649045211895e-05", "3.045864904521188e-05", "3.045797348022461e-05", "3.045797348022461e-05"]);
    expect(rows.get(100)).toEqual(["0.0", "0.0", "0.0", "0.0"]);
  });
  test("README.md's comparison block is what the command prints", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const block = /<!-- compare:start -->\n```\n([\s\S]*?)\n```\n<!-- compare:end -->/.exec(readme)?.[1];
    expect(block, "README.md has no <!-- compare:start --> block").toBeDefined();
    expect(r.stdout.slice(r.stdout.indexOf("steps 0 .. 149")).trimEnd(), "README.md's comparison block is out of date: paste the command's output from its `steps 0 .. 149` line").toBe(block);
  });
  test("the four calls it used, copyable, and where a framework cannot say it", () => {
    expect(r.stdout).toContain("scheduler = get_cosine_schedule_with_warmup(optimizer, num_warmup_steps=10, num_training_steps=100)");
    expect(r.stdout).toContain("scheduler = SequentialLR(optimizer, schedulers=[LinearLR(optimizer, start_factor=0.01, total_iters=10), CosineAnnealingLR(optimizer, T_max=90)], milestones=[10])");
    expect(r.stdout).toContain("schedule = optax.warmup_cosine_decay_schedule(init_value=0.0, peak_value=0.1, warmup_steps=10, decay_steps=100)");
    expect(r.stdout).toContain("schedule = CosineDecay(initial_learning_rate=0.0, decay_steps=90, warmup_target=0.1, warmup_steps=10)");
    expect(r.stdout).toContain('const schedule = new CosineDecay({ initialLearningRate: 0, decaySteps: 90, warmupTarget: 0.1, warmupSteps: 10 });');
    expect(r.stdout).toContain("note: torch's LinearLR cannot start from 0 (start_factor must be > 0)");
    expect(r.stdout).toContain("note: optax's decay_steps counts the warm-up");
    expect(r.stdout).toContain("note: Keras' decay_steps does not count the warm-up");
  });
  test("where each ends and what it does after: HF and torch rise again, optax and Keras clamp", () => {
    expect(r.stdout).toContain("steps 0 .. 149: 150 values each, compared as float64 (a float32 value widens exactly)");
    expect(r.stdout).toContain("transformers: starts at 0.0 (step 0); peaks at 0.1 at step 10; reaches its lowest, 0.0, at step 100, then rises again (does not clamp): 0.05695865504800327 at step 149, the last compared");
    expect(r.stdout).toContain("torch: starts at 0.001 (step 0); peaks at 0.1 at step 10; reaches its lowest, 0.0, at step 100, then rises again (does not clamp)");
    expect(r.stdout).toContain("optax: starts at 0.0 (step 0); peaks at 0.10000000149011612 at step 10; reaches its end value 0.0 at step 100 and holds it to step 149 (clamps)");
    expect(r.stdout).toContain("keras: starts at 0.0 (step 0); peaks at 0.10000000149011612 at step 10; reaches its end value 0.0 at step 100 and holds it to step 149 (clamps)");
  });
  test("the pairs: identical steps and the largest differences, counted against the frameworks' own values", () => {
    const o = opt(0.1);
    const h = hf.getCosineScheduleWithWarmup(opt(0.1), { numWarmupSteps: 10, numTrainingSteps: 100 }).range(0, 150);
    const t = new torch.SequentialLR(o, { schedulers: [new torch.LinearLR(o, { startFactor: 0.01, totalIters: 10 }), new torch.CosineAnnealingLR(o, { tMax: 90 })], milestones: [10] }).range(0, 150);
    const x = optax.warmupCosineDecaySchedule({ initValue: 0, peakValue: 0.1, warmupSteps: 10, decaySteps: 100 }).range(0, 150);
    const k = new keras.CosineDecay({ initialLearningRate: 0, decaySteps: 90, warmupTarget: 0.1, warmupSteps: 10 }).range(0, 150);
    const same = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).filter((v, i) => Object.is(v, b[i])).length;
    expect(r.stdout).toContain(`transformers and torch: bit-identical at ${same(h, t)} of 150 steps, first differ at step 0; largest absolute difference 0.001 at step 0 (0.0 vs 0.001)`);
    expect(r.stdout).toContain(`optax and keras: bit-identical at ${same(x, k)} of 150 steps, first differ at step 1;`);
    // The largest absolute difference between optax and Keras, and where.
    let worst = 0;
    for (let i = 1; i < 150; i++) if (Math.abs(x[i]! - k[i]!) > Math.abs(x[worst]! - k[worst]!)) worst = i;
    expect(r.stdout).toContain(`at step ${worst} (${floatRepr(x[worst]!)} vs ${floatRepr(k[worst]!)})`);
    expect(same(x, k)).toBeGreaterThan(100); // the check above would pass vacuously if the counts were 0
  });
});

describe("the other intents: each framework's values, from its API called directly", () => {
  const check = (stdout: string, expected: Record<string, ArrayLike<number>>) => {
    const { header, rows } = valueTable(stdout);
    const columns = header.slice(1).map((h) => h.split(" ")[0]!);
    expect(columns).toEqual(Object.keys(expected));
    expect(rows.size).toBeGreaterThan(4);
    for (const [step, cells] of rows) expect([step, cells]).toEqual([step, columns.map((c) => floatRepr(expected[c]![step]!))]);
  };
  test("warmup-linear: HF's and torch's warm-up from 0 and from 0.01 x peak, optax's join, Keras without a warm-up", () => {
    const r = lrdecay("compare", "--intent", "warmup-linear", "--peak", "0.1", "--warmup", "10", "--steps", "100");
    expect(r.status, r.stderr).toBe(0);
    const o = opt(0.1);
    check(r.stdout, {
      transformers: hf.getLinearScheduleWithWarmup(opt(0.1), { numWarmupSteps: 10, numTrainingSteps: 100 }).range(0, 150),
      torch: new torch.SequentialLR(o, { schedulers: [new torch.LinearLR(o, { startFactor: 0.01, totalIters: 10 }), new torch.LinearLR(o, { startFactor: 1, endFactor: 0, totalIters: 90 })], milestones: [10] }).range(0, 150),
      optax: optax.joinSchedules({ schedules: [optax.linearSchedule({ initValue: 0, endValue: 0.1, transitionSteps: 10 }), optax.linearSchedule({ initValue: 0.1, endValue: 0, transitionSteps: 90 })], boundaries: [10] }).range(0, 150),
      keras: new keras.PolynomialDecay({ initialLearningRate: 0.1, decaySteps: 100, endLearningRate: 0, power: 1 }).range(0, 150),
    });
    expect(r.stdout).toContain("note: Keras has no linear warm-up but CosineDecay's: PolynomialDecay decays from 0.1 at step 0, without the warm-up");
  });
  test("step-decay: no HF schedule; optax and Keras bit-identical", () => {
    const r = lrdecay("compare", "--intent", "step-decay", "--peak", "0.1", "--step-size", "30", "--gamma", "0.5", "--steps", "100");
    expect(r.status, r.stderr).toBe(0);
    check(r.stdout, {
      torch: new torch.StepLR(opt(0.1), { stepSize: 30, gamma: 0.5 }).range(0, 150),
      optax: optax.exponentialDecay({ initValue: 0.1, transitionSteps: 30, decayRate: 0.5, staircase: true }).range(0, 150),
      keras: new keras.ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 30, decayRate: 0.5, staircase: true }).range(0, 150),
    });
    expect(r.stdout).toContain("transformers: none. transformers has no step decay schedule");
    expect(r.stdout).toContain("optax and keras: bit-identical at all 150 steps");
    // The window ends 29 steps into a step: held, not clamped, as the step 29 steps later shows.
    expect(r.stdout).toContain("torch: starts at 0.1 (step 0); is highest at its start; holds 0.00625 from step 120 to step 149, the last compared; past them it falls again (0.003125 at step 179, computed to see whether it holds): no end reached");
    expect(r.stdout).not.toContain("clamps");
  });
  test("exponential", () => {
    const r = lrdecay("compare", "--intent", "exponential", "--peak", "0.1", "--gamma", "0.95", "--steps", "100");
    expect(r.status, r.stderr).toBe(0);
    check(r.stdout, {
      torch: new torch.ExponentialLR(opt(0.1), { gamma: 0.95 }).range(0, 150),
      optax: optax.exponentialDecay({ initValue: 0.1, transitionSteps: 1, decayRate: 0.95 }).range(0, 150),
      keras: new keras.ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 1, decayRate: 0.95 }).range(0, 150),
    });
    expect(r.stdout).toContain("torch: starts at 0.1 (step 0); is highest at its start; still falls at the last step compared");
  });
  test("one-cycle: torch's peak a step before optax's; compared to total_steps, past which PyTorch raises", () => {
    const r = lrdecay("compare", "--intent", "one-cycle", "--peak", "0.1", "--steps", "100");
    expect(r.status, r.stderr).toBe(0);
    check(r.stdout, {
      torch: new torch.OneCycleLR(opt(0.001, 0.9), { maxLr: 0.1, totalSteps: 100 }).range(0, 101),
      optax: optax.cosineOnecycleSchedule({ transitionSteps: 100, peakValue: 0.1 }).range(0, 101),
    });
    expect(r.stdout).toContain("compared to step 100: torch computes no further (OneCycleLR raises PyTorch's ValueError past total_steps = 100)");
    expect(r.stdout).toContain("torch: starts at 0.0040000000000000036 (step 0); peaks at 0.1 at step 29;");
    expect(r.stdout).toContain("optax: starts at 0.0040000006556510925 (step 0); peaks at 0.10000000149011612 at step 30;");
    expect(r.stdout).toContain("keras: none. Keras has no one-cycle schedule");
  });
});

test("--intent with --out: the four frameworks side by side, one column each; --svg - alone on stdout", () => {
  const r = lrdecay("compare", "--intent", "warmup-cosine", "--peak", "0.1", "--warmup", "10", "--steps", "100", "--out", "intent.csv");
  expect(r.status, r.stderr).toBe(0);
  const lines = readFileSync(join(dir, "intent.csv"), "utf8").trimEnd().split("\n");
  expect(lines[0]).toBe("step,transformers,torch,optax,keras");
  expect(lines).toHaveLength(151);
  // Each column the shortest decimal that reads back to its dtype (float32's for optax and Keras).
  expect(lines[2]).toBe("1,0.010000000000000002,0.010899999999999998,0.010000005,0.010000001");
  expect(lines[111]).toBe("110,0.003015368960704579,0.003015368960704578,0,0");
  const svg = lrdecay("compare", "--intent", "warmup-cosine", "--peak", "0.1", "--warmup", "10", "--steps", "100", "--svg", "-");
  expect(svg.status, svg.stderr).toBe(0);
  expect(svg.stdout.startsWith("<svg")).toBe(true);
  expect(svg.stdout).toContain(">transformers (float64)<");
  expect(svg.stderr).toContain("optax and keras: bit-identical at 128 of 150 steps");
});

describe("--schedule ... --vs ...", () => {
  const two = ["compare", "--schedule", "keras.CosineDecay", "--initial-learning-rate", "0.1", "--decay-steps", "100", "--vs", "torch.CosineAnnealingLR", "--lr", "0.1", "--t-max", "100"];
  const k = new keras.CosineDecay({ initialLearningRate: 0.1, decaySteps: 100 });
  const t = new torch.CosineAnnealingLR(opt(0.1), { tMax: 100 });
  test("--out CSV: one column per schedule, each value the shortest that reads back to its dtype", () => {
    const r = lrdecay(...two, "--steps", "300", "--every", "7", "--start", "2", "--out", "side.csv");
    expect(r.status, r.stderr).toBe(0);
    const lines = readFileSync(join(dir, "side.csv"), "utf8").trimEnd().split("\n");
    expect(lines[0]).toBe("step,keras.CosineDecay,torch.CosineAnnealingLR");
    expect(lines).toHaveLength(1 + 43);
    const steps = Array.from({ length: 43 }, (_, i) => 2 + 7 * i);
    const kv = k.evaluate(steps);
    const tv = t.evaluate(steps);
    lines.slice(1).forEach((line, i) => {
      const [step, a, b] = line.split(",");
      expect(Number(step)).toBe(steps[i]);
      expect(Object.is(Math.fround(Number(a)), kv[i])).toBe(true);
      expect(Object.is(Number(b), tv[i])).toBe(true);
    });
    expect(r.stdout).toContain("wrote side.csv (csv,");
    expect(r.stdout).toContain("keras.CosineDecay: CosineDecay(initial_learning_rate=0.1, decay_steps=100,");
    expect(r.stdout).toContain("torch.CosineAnnealingLR: CosineAnnealingLR(optimizer, T_max=100), optimizer lr=0.1, float64; from flags");
  });
  test("--out npy: a 2-D array, float64 when a schedule is (a float32 value widened exactly)", () => {
    const r = lrdecay(...two, "--steps", "150", "--out", "side.npy");
    expect(r.status, r.stderr).toBe(0);
    const bytes = readFileSync(join(dir, "side.npy"));
    const length = bytes.readUInt16LE(8);
    expect(bytes.subarray(10, 10 + length).toString("latin1")).toContain("'descr': '<f8', 'fortran_order': False, 'shape': (150, 2)");
    const values = new Float64Array(new Uint8Array(bytes.subarray(10 + length)).buffer);
    const kv = k.range(0, 150);
    const tv = t.range(0, 150);
    for (let i = 0; i < 150; i++) expect([i, values[2 * i], values[2 * i + 1]]).toEqual([i, kv[i], tv[i]]);
    if (spawnSync("python3", ["-c", "import numpy"]).status === 0)
      expect(execFileSync("python3", ["-c", "import numpy; a = numpy.load('side.npy'); print(a.shape, a.dtype, repr(float(a[149, 1])))"], { cwd: dir, encoding: "utf8" }).trim()).toBe(`(150, 2) float64 ${floatRepr(tv[149]!)}`);
  });
  test("--svg overlays the curves, a legend naming each", () => {
    const r = lrdecay(...two, "--steps", "300", "--svg", "both.svg");
    expect(r.status, r.stderr).toBe(0);
    const svg = readFileSync(join(dir, "both.svg"), "utf8");
    expect(svg).toContain(">keras.CosineDecay (float32)<");
    expect(svg).toContain(">torch.CosineAnnealingLR (float64)<");
    expect(svg).toContain(">2 schedules compared<");
    expect(svg.match(/<path[^>]*stroke="#1f77b4"/g)?.length).toBeGreaterThan(0);
    expect(svg.match(/<path[^>]*stroke="#ff7f0e"/g)?.length).toBeGreaterThan(0);
  });
  test("the words: a cosine that clamps and one that rises again, with the largest differences", () => {
    const r = lrdecay(...two, "--steps", "150");
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("keras.CosineDecay: starts at 0.10000000149011612 (step 0); is highest at its start; reaches its end value 0.0 at step 100 and holds it to step 149 (clamps)");
    expect(r.stdout).toMatch(/torch\.CosineAnnealingLR: starts at 0\.1 \(step 0\); is highest at its start; reaches its lowest, 0\.0, at step 100, then rises again \(does not clamp\): [\d.e-]+ at step 149, the last compared/);
    const kv = k.range(0, 150);
    const tv = t.range(0, 150);
    const same = Array.from(kv).filter((v, i) => Object.is(v, tv[i])).length;
    expect(r.stdout).toContain(`keras.CosineDecay and torch.CosineAnnealingLR: bit-identical at ${same} of 150 steps`);
    expect(r.stdout).toContain(`largest absolute difference ${(tv[149]! - kv[149]!).toPrecision(3)} at step 149 (0.0 vs ${floatRepr(tv[149]!)})`);
  });
  test("a schedule against itself, from flags and from its config file: bit-identical at every step", () => {
    const json = JSON.stringify({ schedule: "optax.sgdr_schedule", config: { cosine_kwargs: [{ init_value: 0, peak_value: 0.1, warmup_steps: 2, decay_steps: 10 }] } });
    require_write(join(dir, "sgdr.json"), json);
    const r = lrdecay("compare", "--schedule", "optax.sgdr_schedule", "--cosine-kwargs", '[{"init_value": 0, "peak_value": 0.1, "warmup_steps": 2, "decay_steps": 10}]', "--vs", "sgdr.json", "--steps", "30");
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("optax.sgdr_schedule #1 and optax.sgdr_schedule #2: bit-identical at all 30 steps");
    expect(r.stdout).toContain("optax.sgdr_schedule #2: sgdr_schedule(");
    expect(r.stdout).toContain("from sgdr.json (the JSON itself)");
  });
  test("three schedules: every pair", () => {
    const r = lrdecay(...two, "--vs", "optax.cosine_decay_schedule", "--init-value", "0.1", "--decay-steps", "100", "--steps", "120");
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("keras.CosineDecay and optax.cosine_decay_schedule: ");
    expect(r.stdout).toContain("torch.CosineAnnealingLR and optax.cosine_decay_schedule: ");
  });
});

function require_write(path: string, text: string): void {
  execFileSync("tee", [path], { input: text, stdio: ["pipe", "ignore", "inherit"] });
}

describe("refusals name the flag", () => {
  test.each<[string, string[], string]>([
    ["one schedule", ["--schedule", "CosineDecay", "--initial-learning-rate", "0.1", "--decay-steps", "100", "--steps", "5"], "compare needs two schedules or more"],
    ["a flag the second schedule lacks, with the nearest", ["--schedule", "CosineDecay", "--initial-learning-rate", "0.1", "--decay-steps", "100", "--vs", "torch.CosineAnnealingLR", "--lr", "0.1", "--t-maxx", "100", "--steps", "5"], "unknown option '--t-maxx' for the second schedule (torch.CosineAnnealingLR); did you mean --t-max?"],
    ["a missing flag of the second", ["--schedule", "CosineDecay", "--initial-learning-rate", "0.1", "--decay-steps", "100", "--vs", "torch.CosineAnnealingLR", "--t-max", "100", "--steps", "5"], "torch.CosineAnnealingLR needs --lr"],
    ["an unknown --vs", ["--schedule", "CosineDecay", "--initial-learning-rate", "0.1", "--decay-steps", "100", "--vs", "torch.Cosine", "--steps", "5"], "--vs torch.Cosine: no schedule has that name"],
    ["a --schedule without its prefix, with the full name", ["--schedule", "StepLR", "--lr", "0.1", "--step-size", "2", "--vs", "torch.ExponentialLR", "--gamma", "0.9", "--steps", "5"], "--schedule StepLR: no schedule has that name (lrdecay --help lists them). Did you mean torch.StepLR?"],
    ["a bad --peak in hex", ["--intent", "warmup-cosine", "--peak", "0x1", "--steps", "100"], "--peak must be a finite number, got \"0x1\""],
    ["steps past OneCycleLR's end", ["--schedule", "CosineDecay", "--initial-learning-rate", "0.1", "--decay-steps", "100", "--vs", "torch.OneCycleLR", "--max-lr", "0.1", "--total-steps", "50", "--steps", "60"], "--start 0 and --steps 60 reach step 59, beyond step 50, the last torch.OneCycleLR computes"],
    ["--intent with --vs", ["--intent", "warmup-cosine", "--peak", "0.1", "--steps", "100", "--schedule", "CosineDecay"], "give either --intent or --schedule ... --vs ..., not both"],
    ["--warmup for step decay", ["--intent", "step-decay", "--peak", "0.1", "--warmup", "3", "--step-size", "3", "--steps", "50"], "--warmup is no part of --intent step-decay"],
    ["--intent without --peak", ["--intent", "warmup-cosine", "--warmup", "10", "--steps", "100"], "--intent warmup-cosine needs --peak"],
    ["a bad --peak", ["--intent", "warmup-cosine", "--peak", "x", "--steps", "100"], "--peak must be a finite number, got \"x\""],
    ["a warm-up as long as training", ["--intent", "warmup-cosine", "--peak", "0.1", "--warmup", "100", "--steps", "100"], "--warmup 100 must be below --steps 100"],
    ["an unknown intent", ["--intent", "cosine", "--peak", "0.1", "--steps", "100"], "Allowed choices are warmup-cosine, warmup-linear, step-decay, exponential, one-cycle"],
    ["--out as JSON", ["--intent", "warmup-cosine", "--peak", "0.1", "--steps", "100", "--out", "x.json"], "--out x.json: compare writes CSV (.csv, or - for stdout) or NumPy (.npy) side by side"],
  ])("%s", (_, args, message) => {
    const r = lrdecay("compare", ...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toMatch(/\(see lrdecay compare --help\)\n$/);
  });
  test("--help", () => {
    const r = lrdecay("compare", "--help");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Usage: lrdecay compare --schedule NAME [its flags] [--config FILE] --vs NAME|FILE [its flags]");
    for (const intent of ["warmup-cosine", "warmup-linear", "step-decay", "exponential", "one-cycle"]) expect(r.stdout).toContain(`  ${intent} `);
  });
  test("--help after schedules adds each named schedule's flags, with their defaults, and no other schedule's", () => {
    const r = lrdecay("compare", "--schedule", "torch.StepLR", "--vs", "optax.cosine_decay_schedule", "--vs=keras.CosineDecay", "--help");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Usage: lrdecay compare --schedule NAME");
    const parts = r.stdout.split("Usage: lrdecay compare ... ").slice(1);
    expect(parts.map((p) => p.split(" [its flags]")[0])).toEqual(["--schedule torch.StepLR", "--vs optax.cosine_decay_schedule", "--vs keras.CosineDecay"]);
    expect(parts[0]).toMatch(/--step-size <x> +epochs between decays \(required\)/);
    expect(parts[0]).toMatch(/--gamma <x> +the factor of each decay \(default: 0\.1\)/);
    expect(parts[0]).not.toContain("--decay-steps");
    expect(parts[1]).toContain("--init-value");
    expect(parts[1]).not.toContain("--step-size");
    expect(parts[2]).toContain("--initial-learning-rate");
  });
  test("a schedule's flag that --intent has too (torch.StepLR's --step-size and --gamma) is the schedule's after its name", () => {
    const r = lrdecay("compare", "--schedule", "torch.StepLR", "--lr", "0.1", "--step-size", "3", "--gamma", "0.5", "--vs", "torch.ExponentialLR", "--lr", "0.1", "--gamma", "0.5", "--steps", "7");
    expect(r.status).toBe(0);
    const { rows } = valueTable(r.stdout);
    const step = new torch.StepLR(0.1, 3, 0.5);
    const exp = new torch.ExponentialLR(0.1, 0.5);
    for (const [k, cells] of rows) {
      expect(cells[0]).toBe(floatRepr(step.range(k, k + 1)[0]!));
      expect(cells[1]).toBe(floatRepr(exp.range(k, k + 1)[0]!));
    }
    expect(rows.has(6)).toBe(true);
    const stray = lrdecay("compare", "--gamma", "0.5", "--schedule", "torch.StepLR", "--lr", "0.1", "--step-size", "3", "--vs", "torch.ExponentialLR", "--lr", "0.1", "--gamma", "0.5", "--steps", "7");
    expect(stray.status).toBe(2);
    expect(stray.stderr).toContain("--gamma is for --intent");
  });
  test("a progress bar on stderr when it is a terminal, silence when it is not", () => {
    const args = ["compare", "--schedule", "torch.StepLR", "--lr", "0.1", "--step-size", "1000", "--vs", "keras.ExponentialDecay", "--initial-learning-rate", "0.1", "--decay-steps", "1000", "--decay-rate", "0.5", "--steps", "300000"];
    // script(1) gives the command a pseudo-terminal.
    const onTerminal = execFileSync("script", ["-qec", `${process.execPath} ${CLI} ${args.join(" ")}`, "/dev/null"], { cwd: dir, encoding: "utf8" });
    expect(onTerminal).toContain("100% | 300000/300000 steps");
    expect(onTerminal).toContain("bit-identical");
    const piped = lrdecay(...args);
    expect(piped.status).toBe(0);
    expect(piped.stderr).toBe("");
    expect(piped.stdout).not.toContain("300000/300000");
  });
});

describe("signals: as the main command's", () => {
  const ticks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }));
  const cpuSeconds = (pid: number) => {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      return (Number(fields[11]) + Number(fields[12])) / ticks;
    } catch {
      return Infinity;
    }
  };
  test.each([["SIGINT", 130, "interrupted"], ["SIGTERM", 143, "terminated"]] as const)("%s stops a long comparison writing a CSV: exit %i, no file left", async (signal, status, word) => {
    const sub = mkdtempSync(join(dir, "signal-"));
    const args = ["compare", "--schedule", "ExponentialDecay", "--initial-learning-rate", "0.1", "--decay-steps", "1000", "--decay-rate", "0.9", "--vs", "optax.exponential_decay", "--init-value", "0.1", "--transition-steps", "1000", "--decay-rate", "0.9", "--dtype", "float64"];
    const child = spawn(process.execPath, [CLI, ...args, "--steps", "1000000000", "--force", "--out", "run.csv"], { cwd: sub, stdio: ["ignore", "pipe", "pipe"] });
    onTestFinished(() => void child.kill("SIGKILL"));
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    let running = true;
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => ((running = false), resolve(code))));
    while (running && cpuSeconds(child.pid!) < 1) await new Promise((r) => setTimeout(r, 50));
    expect(readdirSync(sub)).toHaveLength(1); // the partial file, under its temporary name
    child.kill(signal);
    expect(await exited).toBe(status);
    expect(stderr).toBe(`lrdecay: ${word}; no partial output was kept\n`);
    expect(readdirSync(sub)).toEqual([]);
  });
});
