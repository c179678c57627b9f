// The CLI's and the playground's catalog (src/cli/catalog.ts): every schedule of every framework,
// built from a config, gives the values of that framework's own API called directly (written out
// here by hand, by lrdecay's option names); its stream and evaluate agree with its range; the JS
// call it writes, run against the library, builds the same schedule; the Python call is
// the framework's (checked as text for a few).
import { describe, expect, test } from "vitest";
import * as keras from "../src/index.js";
import * as optax from "../src/optax/index.js";
import * as torch from "../src/torch/index.js";
import * as hf from "../src/transformers/index.js";
import { BUILDABLE, CATALOG, FRAMEWORKS, findEntry, fromCatalogJSON } from "../src/cli/catalog.js";
import { SAMPLES, type Direct } from "./catalogSamples.js";

const MODULES: Record<string, unknown> = { lrdecay: keras, "lrdecay/torch": torch, "lrdecay/transformers": hf, "lrdecay/optax": optax };

/** Runs a built schedule's JS call against the library: what it builds (the `schedule` or `scheduler`). */
function runJs(js: string): Direct & { dtype?: string } {
  const body = js.replace(/^import \{ (.*) \} from "(.*)";$/gm, (_, names: string, from: string) => {
    expect(Object.keys(MODULES)).toContain(from);
    return `const { ${names} } = modules[${JSON.stringify(from)}];`;
  });
  const plateau = /scheduler\.range\(0, \d+, \{ metrics: (\[.*\]) \}\)/.exec(body);
  const code = `${body}\nreturn typeof scheduler !== "undefined" ? scheduler : schedule;`.replace("const schedule =", "var schedule =").replace("const scheduler =", "var scheduler =");
  const made = new Function("modules", `var scheduler, schedule;\n${code.replace(/^var (schedule|scheduler) =/m, "$1 =")}`)(MODULES) as Direct & { range(a: number, b: number, o?: unknown): ArrayLike<number> };
  if (plateau === null) return made;
  const metrics = JSON.parse(plateau[1]!) as number[];
  return { range: (a, b) => made.range(a, b, { metrics }) };
}

const N = 40;
const bits = (a: ArrayLike<number>) => Array.from(a, (x) => (Object.is(x, -0) ? "-0" : String(x)));

test("every schedule of every framework is in the catalog, grouped by framework; only those taking a function are not buildable", () => {
  expect(CATALOG.map((e) => e.framework)).toEqual([...CATALOG.map((e) => e.framework)].sort((a, b) => FRAMEWORKS.indexOf(a) - FRAMEWORKS.indexOf(b)));
  expect(CATALOG.filter((e) => e.framework === "keras").map((e) => e.name)).toEqual(Object.keys(keras.SCHEDULES));
  expect(CATALOG.filter((e) => e.unavailable !== undefined).map((e) => e.id)).toEqual(["torch.LambdaLR", "torch.MultiplicativeLR"]);
  // Every class lrdecay/torch exports with declared arguments, and every optax function.
  const torchClasses = Object.values(torch).filter((x) => typeof x === "function" && "className" in x && "args" in x && x !== torch.LRScheduler).map((x) => `torch.${(x as { className: string }).className}`);
  expect(CATALOG.filter((e) => e.framework === "torch").map((e) => e.id).sort()).toEqual(torchClasses.sort());
  const optaxFunctions = Object.values(optax).filter((x) => typeof x === "function" && "optaxName" in x).map((x) => `optax.${(x as { optaxName: string }).optaxName}`);
  expect(CATALOG.filter((e) => e.framework === "optax").map((e) => e.id).sort()).toEqual(optaxFunctions.sort());
  expect(CATALOG.filter((e) => e.framework === "transformers")).toHaveLength(11);
  expect(Object.keys(SAMPLES).sort()).toEqual(BUILDABLE.map((e) => e.id).sort());
});

describe("each schedule from a config gives its framework's own values", () => {
  for (const [id, [config, direct]] of Object.entries(SAMPLES)) {
    test(id, () => {
      const entry = findEntry(id)!;
      const built = entry.build(config);
      expect(built.dtype).toBe(entry.dtypes[0]);
      const expected = direct().range(0, N);
      const values = built.range(0, N);
      expect(values).toBeInstanceOf(built.dtype === "float32" ? Float32Array : Float64Array);
      expect(bits(values)).toEqual(bits(expected));
      // A stream in uneven chunks, every step and every 3rd; evaluate and at at scattered steps.
      for (const every of [1, 3]) {
        const next = built.stream(0, every);
        const got: number[] = [];
        for (const n of [1, 5, 7]) {
          const out = built.dtype === "float32" ? new Float32Array(n) : new Float64Array(n);
          next(out);
          got.push(...out);
        }
        expect(bits(got)).toEqual(bits(Array.from({ length: 13 }, (_, i) => expected[i * every]!)));
      }
      expect(bits(built.evaluate([7, 2, 30]))).toEqual(bits([expected[7]!, expected[2]!, expected[30]!]));
      expect(Object.is(built.at(11), expected[11])).toBe(true);
      // The JS call it prints builds the same schedule; its JSON builds it again.
      expect(bits(runJs(built.js()).range(0, N))).toEqual(bits(expected));
      expect(bits(fromCatalogJSON(JSON.parse(JSON.stringify(built.toJSON()))).range(0, N))).toEqual(bits(expected));
    });
  }
});

describe("a stream across the library's chunks (a scan carried from one chunk to the next)", () => {
  test.each(["torch.LinearLR", "torch.SequentialLR", "torch.CyclicLR", "transformers.get_cosine_schedule_with_warmup", "keras.CosineDecay"])("%s: 150,000 steps in chunks of 70,000 and of 1,000 every 7th", (id) => {
    const built = findEntry(id)!.build(SAMPLES[id]![0]);
    const whole = built.range(0, 150_000);
    const next = built.stream(0, 1);
    for (let i = 0; i < 150_000; i += 70_000) {
      const out = built.dtype === "float32" ? new Float32Array(Math.min(70_000, 150_000 - i)) : new Float64Array(Math.min(70_000, 150_000 - i));
      next(out);
      expect(bits(out)).toEqual(bits(whole.subarray(i, i + out.length)));
    }
    const thinned = built.stream(3, 7);
    const got: number[] = [];
    for (let i = 0; i < 20; i++) {
      const out = built.dtype === "float32" ? new Float32Array(1000) : new Float64Array(1000);
      thinned(out);
      got.push(...out);
    }
    expect(bits(got)).toEqual(bits(Array.from({ length: 20_000 }, (_, j) => whole[3 + 7 * j]!)));
  });
});

describe("float64 where the framework computes in it too", () => {
  test("Keras and optax in float64: their float64 values; torch and HF refuse float32", () => {
    const k = findEntry("CosineDecay")!.build(SAMPLES["keras.CosineDecay"]![0], "float64");
    expect(bits(k.range(0, N))).toEqual(bits(new keras.CosineDecay({ initialLearningRate: 0, decaySteps: 90, warmupTarget: 0.1, warmupSteps: 10, dtype: "float64" }).range(0, N)));
    const o = findEntry("optax.warmupCosineDecaySchedule")!.build(SAMPLES["optax.warmup_cosine_decay_schedule"]![0], "float64");
    expect(o.range(0, 3)).toBeInstanceOf(Float64Array);
    expect(bits(o.range(0, N))).toEqual(bits(optax.warmupCosineDecaySchedule({ initValue: 0, peakValue: 0.1, warmupSteps: 10, decaySteps: 100, dtype: "float64" }).range(0, N)));
    expect(bits(runJs(o.js()).range(0, N))).toEqual(bits(o.range(0, N)));
    expect(o.python()).toBe('import jax\njax.config.update("jax_enable_x64", True)\nimport optax\nschedule = optax.warmup_cosine_decay_schedule(init_value=0.0, peak_value=0.1, warmup_steps=10, decay_steps=100)');
    expect(() => findEntry("torch.StepLR")!.build({ lr: 0.1, step_size: 3 }, "float32")).toThrow(/torch\.StepLR computes in float64 only, not "float32"/);
  });
});

describe("the calls it writes", () => {
  const built = (id: string) => findEntry(id)!.build(SAMPLES[id]![0]);
  test("Python: the framework's own call, runnable as it is (imports, the optimizer)", () => {
    expect(built("keras.CosineDecay").python()).toBe("from keras.optimizers.schedules import CosineDecay\nschedule = CosineDecay(initial_learning_rate=0.0, decay_steps=90, warmup_target=0.1, warmup_steps=10)");
    expect(built("torch.SequentialLR").python()).toBe(
      [
        "import torch",
        "from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, SequentialLR",
        "optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)",
        "scheduler = SequentialLR(optimizer, schedulers=[LinearLR(optimizer, start_factor=0.01, total_iters=10), CosineAnnealingLR(optimizer, T_max=20)], milestones=[10])",
      ].join("\n"),
    );
    // OneCycleLR cycles momentum by default: PyTorch needs an optimizer with one.
    expect(built("torch.OneCycleLR").python()).toContain("lr=0.001, momentum=0.9)\nscheduler = OneCycleLR(optimizer, max_lr=0.1, total_steps=50)");
    expect(built("transformers.get_cosine_schedule_with_warmup").python()).toBe(
      "import torch\nfrom transformers import get_cosine_schedule_with_warmup\noptimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)\nscheduler = get_cosine_schedule_with_warmup(optimizer, num_warmup_steps=10, num_training_steps=100)",
    );
    expect(built("optax.piecewise_constant_schedule").python()).toBe("import optax\nschedule = optax.piecewise_constant_schedule(init_value=0.1, boundaries_and_scales={3: 0.5, 9: 0.1})");
    expect(built("optax.sgdr_schedule").python()).toBe(
      "import optax\nschedule = optax.sgdr_schedule(cosine_kwargs=[{'init_value': 0.0, 'peak_value': 0.1, 'warmup_steps': 2, 'decay_steps': 10}, {'init_value': 0.0, 'peak_value': 0.05, 'warmup_steps': 2, 'decay_steps': 8}])",
    );
    expect(built("torch.ReduceLROnPlateau").python()).toContain("scheduler = ReduceLROnPlateau(optimizer, factor=0.5, patience=1)\nfor metric in [5.0, 4.0,");
  });
  test("JS: lrdecay's call", () => {
    expect(built("transformers.get_cosine_schedule_with_warmup").js()).toBe(
      'import { getCosineScheduleWithWarmup } from "lrdecay/transformers";\nconst optimizer = { param_groups: [{ lr: 0.1 }], defaults: { lr: 0.1 } };\nconst scheduler = getCosineScheduleWithWarmup(optimizer, { numWarmupSteps: 10, numTrainingSteps: 100 });',
    );
    expect(built("optax.join_schedules").js()).toBe(
      'import { constantSchedule, joinSchedules, linearSchedule } from "lrdecay/optax";\nconst schedule = joinSchedules({ schedules: [linearSchedule({ initValue: 0, endValue: 0.1, transitionSteps: 10 }), constantSchedule({ value: 0.05 })], boundaries: [10] });',
    );
  });
});

describe("refusals name the argument", () => {
  const refuse = (id: string, config: Record<string, unknown>, message: RegExp) => expect(() => findEntry(id)!.build(config)).toThrow(message);
  test("unknown and missing arguments, wrong kinds, foreign nested schedules, function arguments", () => {
    refuse("torch.StepLR", { lr: 0.1, step_size: 3, gama: 0.5 }, /torch\.StepLR has no argument `gama`/);
    refuse("torch.StepLR", { step_size: 3 }, /torch\.StepLR needs `lr`/);
    refuse("torch.StepLR", { lr: 0.1 }, /torch\.StepLR needs `step_size`/);
    refuse("torch.StepLR", { lr: "0.1", step_size: 3 }, /lr/);
    refuse("torch.SequentialLR", { lr: 0.1, schedulers: [{ schedule: "optax.constant_schedule", config: { value: 1 } }], milestones: [] }, /schedulers\[0\]` must be a torch schedule/);
    refuse("optax.join_schedules", { schedules: [{ schedule: "keras.CosineDecay", config: {} }], boundaries: [] }, /schedules\[0\]` must be a optax schedule/);
    expect(findEntry("torch.LambdaLR")!.unavailable).toMatch(/takes a function \(lr_lambda\)/);
    expect(() => fromCatalogJSON({ schedule: "torch.Nope", config: {} })).toThrow(/schedule="torch.Nope"/);
  });
});
