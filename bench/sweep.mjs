// npm run bench:sweep [-- --quick] [-- --only CosineAnnealingLR] [-- --rounds 9] [-- --isolated]
// (--quick: N = 1e5 and 3 rounds, for trying the script out; --only SUBSTRING: only the settings
// whose name contains it, case-insensitive; --rounds N: rounds of turns, default 7; --isolated:
// each setting in a Node process of its own, as a training script with one schedule runs it;
// --out FILE: also write the table to FILE, as the README's figures are kept: bench/sweep-isolated.md
// and bench/sweep-shared.md)
//
// Settings outside the main bench (bench/bench.mjs): PyTorch's schedulers (lrdecay/torch) and Hugging
// Face's schedules (lrdecay/transformers) with step sizes, periods, powers, cycle counts, chains and
// lambdas that bench.mjs does not time. Per setting, at N = 1e6 steps (float64, a preallocated
// output): the loop a user would write by hand of the same recurrence (PyTorch's get_lr, or HF's
// lambda times the lr, with Math.cos / Math.pow), lrdecay's range(0, N) on the Wasm SIMD backend,
// and, for some settings, on the JS twin (what a browser computes before the kernel is ready).
// ratio = the loop's time over lrdecay's: above 1, lrdecay is faster.
//
// All rows are timed side by side in one process and take turns: after a warm-up, each round runs
// every row once (its loop, its Wasm SIMD range, its JS twin range); a row's time is the median of
// its rounds. The loops are the baseline of speed only: their values are not compared (lrdecay
// computes PyTorch's and HF's numbers with correctly rounded cos and **, which differ from Math.cos
// and Math.pow by rounding; bench/bench.mjs and the tests check lrdecay's values).
//
// Prints a Markdown table to stdout (and to --out's file). Not part of `npm test`.
import { parseArgs } from "node:util";
import * as torch from "../dist/torch/index.js";
import * as hf from "../dist/transformers/index.js";

const { values: flags } = parseArgs({
  options: {
    quick: { type: "boolean" },
    only: { type: "string" },
    rounds: { type: "string" },
    isolated: { type: "boolean" },
    out: { type: "string" },
    setting: { type: "string" }, // one setting by its exact name, its medians as JSON (--isolated's child)
  },
});
const quick = flags.quick ?? false;
const N = quick ? 1e5 : 1e6;
const ROUNDS = flags.rounds !== undefined ? Number(flags.rounds) : quick ? 3 : 7;
if (!Number.isInteger(ROUNDS) || ROUNDS < 1) throw new RangeError(`--rounds must be a positive integer, got ${flags.rounds}`);
const WARMUP_CALLS = 2; // untimed calls of every row's functions before the rounds (JIT, kernels)

const kernel = await torch.ready();
if (typeof hf.ready === "function") await hf.ready();

// ---------------------------------------------------------------------------------------------
// The settings. make(n): the scheduler on a fresh one-group optimizer; loop(n, out): the recurrence
// as a user writes it, in float64, compiled afresh for its row (freshLoop) with its free variables
// from env and the module's HF_W, myLambda, myFactor; twin: whether to time the JS twin backend too.

const optimizer = () => ({ param_groups: [{ lr: 0.1, momentum: 0.9 }], defaults: { lr: 0.1, momentum: 0.9 } });

function stepLR(stepSize) {
  return {
    name: `StepLR step_size ${stepSize}`, settings: `lr 0.1, gamma 0.9`, env: { stepSize },
    make: () => new torch.StepLR(optimizer(), stepSize, 0.9),
    loop(n, out) {
      const gamma = 0.9;
      let lr = (out[0] = 0.1);
      for (let t = 1; t < n; t++) {
        if (t % stepSize === 0) lr = lr * gamma;
        out[t] = lr;
      }
      return out;
    },
  };
}

function cosineAnnealingLR(T) {
  return {
    name: `CosineAnnealingLR T_max ${T}`, settings: "lr 0.1, eta_min 1e-4", twin: true, env: { T },
    make: () => new torch.CosineAnnealingLR(optimizer(), T, 1e-4),
    loop(n, out) {
      const eta = 1e-4, base = 0.1;
      let lr = (out[0] = base);
      for (let t = 1; t < n; t++) {
        if ((t - 1 - T) % (2 * T) === 0) lr = lr + ((base - eta) * (1 - Math.cos(Math.PI / T))) / 2;
        else lr = ((1 + Math.cos((Math.PI * t) / T)) / (1 + Math.cos((Math.PI * (t - 1)) / T))) * (lr - eta) + eta;
        out[t] = lr;
      }
      return out;
    },
  };
}

function warmRestarts(T0, Tmult) {
  return {
    name: `CosineAnnealingWarmRestarts T_0 ${T0} T_mult ${Tmult}`, settings: "lr 0.1, eta_min 0", twin: true, env: { T0, Tmult },
    make: () => new torch.CosineAnnealingWarmRestarts(optimizer(), T0, Tmult, 0),
    loop(n, out) {
      const eta = 0, base = 0.1;
      let Tcur = 0, Ti = T0;
      for (let t = 0; t < n; t++) {
        if (t > 0) {
          Tcur = Tcur + 1;
          if (Tcur >= Ti) {
            Tcur = Tcur % Ti;
            Ti = Ti * Tmult;
          }
        }
        out[t] = eta + ((base - eta) * (1 + Math.cos((Math.PI * Tcur) / Ti))) / 2;
      }
      return out;
    },
  };
}

function polynomialLR(power) {
  return {
    name: `PolynomialLR power ${power}`, settings: "lr 0.1, total_iters N - 1", env: { power },
    make: (n) => new torch.PolynomialLR(optimizer(), n - 1, power),
    loop(n, out) {
      const T = n - 1;
      let lr = (out[0] = 0.1);
      for (let t = 1; t < n; t++) {
        if (t <= T) lr = lr * Math.pow((1.0 - t / T) / (1.0 - (t - 1) / T), power);
        out[t] = lr;
      }
      return out;
    },
  };
}

/** CyclicLR's loop: PyTorch's get_lr, with the scale function given (of the cycle or the step). */
function cyclicLR(name, options, scaleFn, scaleMode) {
  return {
    name, settings: "base_lr 1e-3, max_lr 0.1, step_size_up 2000", env: { scaleFn, scaleMode },
    make: () => new torch.CyclicLR(optimizer(), { baseLr: 1e-3, maxLr: 0.1, stepSizeUp: 2000, ...options }),
    loop(n, out) {
      const baseLr = 1e-3, maxLr = 0.1, totalSize = 2000 + 2000, stepRatio = 2000 / totalSize;
      for (let t = 0; t < n; t++) {
        const cycle = Math.floor(1 + t / totalSize);
        const x = 1.0 + t / totalSize - cycle;
        const scaleFactor = x <= stepRatio ? x / stepRatio : (x - 1) / (stepRatio - 1);
        const baseHeight = (maxLr - baseLr) * scaleFactor;
        out[t] = baseLr + baseHeight * scaleFn(scaleMode === "cycle" ? cycle : t);
      }
      return out;
    },
  };
}
const myScaleFn = (x) => 1 / 2 ** (x - 1);

// Hugging Face: warm-up over the first HF_W steps, N training steps; the loop is HF's lambda times lr.
const HF_W = 1000;

const myLambda = (e) => 0.99 ** (e / 1000);
const myFactor = () => 0.999999;

const SETTINGS = [
  ...[3, 4, 5, 7, 20].map(stepLR),
  {
    name: "ChainedScheduler(CosineAnnealingLR(T_max 1000), ExponentialLR(0.999))", settings: "lr 0.1, eta_min 0",
    make() {
      const o = optimizer();
      return new torch.ChainedScheduler([new torch.CosineAnnealingLR(o, 1000), new torch.ExponentialLR(o, 0.999)]);
    },
    loop(n, out) {
      const T = 1000, eta = 0, base = 0.1, gamma = 0.999;
      let lr = (out[0] = base);
      for (let t = 1; t < n; t++) {
        if ((t - 1 - T) % (2 * T) === 0) lr = lr + ((base - eta) * (1 - Math.cos(Math.PI / T))) / 2;
        else lr = ((1 + Math.cos((Math.PI * t) / T)) / (1 + Math.cos((Math.PI * (t - 1)) / T))) * (lr - eta) + eta;
        lr = lr * gamma;
        out[t] = lr;
      }
      return out;
    },
  },
  {
    name: "ChainedScheduler(ExponentialLR(0.999), StepLR(30, 0.5))", settings: "lr 0.1",
    make() {
      const o = optimizer();
      return new torch.ChainedScheduler([new torch.ExponentialLR(o, 0.999), new torch.StepLR(o, 30, 0.5)]);
    },
    loop(n, out) {
      let lr = (out[0] = 0.1);
      for (let t = 1; t < n; t++) {
        lr = lr * 0.999;
        if (t % 30 === 0) lr = lr * 0.5;
        out[t] = lr;
      }
      return out;
    },
  },
  ...[1, 2, 10, 1000, 10000].map(cosineAnnealingLR),
  warmRestarts(1, 1),
  warmRestarts(100, 2),
  warmRestarts(100, 3),
  ...[1, 2, 0.5].map(polynomialLR),
  cyclicLR("CyclicLR triangular2", { mode: "triangular2" }, (x) => 1 / 2.0 ** (x - 1), "cycle"),
  cyclicLR("CyclicLR exp_range (gamma 0.99999)", { mode: "exp_range", gamma: 0.99999 }, (x) => Math.pow(0.99999, x), "iterations"),
  cyclicLR("CyclicLR scale_fn of your own", { scaleFn: myScaleFn, scaleMode: "cycle" }, myScaleFn, "cycle"),
  {
    name: "HF cosine num_cycles 500", settings: `lr 0.1, warm-up ${HF_W}, N training steps`, twin: true,
    make: (n) => hf.getCosineScheduleWithWarmup(optimizer(), HF_W, n, 500),
    loop(n, out) {
      const W = HF_W, cycles = 500;
      for (let t = 0; t < n; t++) {
        let f;
        if (t < W) f = t / Math.max(1, W);
        else {
          const progress = (t - W) / Math.max(1, n - W);
          f = Math.max(0, 0.5 * (1.0 + Math.cos(Math.PI * cycles * 2.0 * progress)));
        }
        out[t] = 0.1 * f;
      }
      return out;
    },
  },
  {
    name: "HF hard restarts 1000 cycles", settings: `lr 0.1, warm-up ${HF_W}, N training steps`, twin: true,
    make: (n) => hf.getCosineWithHardRestartsScheduleWithWarmup(optimizer(), HF_W, n, 1000),
    loop(n, out) {
      const W = HF_W, cycles = 1000;
      for (let t = 0; t < n; t++) {
        let f;
        if (t < W) f = t / Math.max(1, W);
        else {
          const progress = (t - W) / Math.max(1, n - W);
          f = progress >= 1.0 ? 0.0 : Math.max(0.0, 0.5 * (1.0 + Math.cos(Math.PI * ((cycles * progress) % 1.0))));
        }
        out[t] = 0.1 * f;
      }
      return out;
    },
  },
  {
    name: "HF WSD 100 cycles", settings: `lr 0.1, warm-up ${HF_W} (linear), decay N / 2 (cosine), N training steps`, twin: true,
    make: (n) => hf.getWsdSchedule(optimizer(), { numWarmupSteps: HF_W, numDecaySteps: n / 2, numTrainingSteps: n, numCycles: 100 }),
    loop(n, out) {
      const W = HF_W, D = n / 2, S = n - W - D, m = 0, cycles = 100;
      for (let t = 0; t < n; t++) {
        let f;
        if (t < W) f = Math.max(0.0, (t / Math.max(1, W)) * (1.0 - m) + m);
        else if (t < W + S) f = 1.0;
        else if (t < W + S + D) {
          const progress = (t - W - S) / Math.max(1, D);
          f = Math.max(0.0, 0.5 * (1.0 + Math.cos(Math.PI * cycles * 2.0 * progress)) * (1.0 - m) + m);
        } else f = m;
        out[t] = 0.1 * f;
      }
      return out;
    },
  },
  {
    name: "LambdaLR (a lambda of your own)", settings: "lr 0.1, lr_lambda (e) => 0.99 ** (e / 1000)",
    make: () => new torch.LambdaLR(optimizer(), myLambda),
    loop(n, out) {
      for (let t = 0; t < n; t++) out[t] = 0.1 * myLambda(t);
      return out;
    },
  },
  {
    name: "MultiplicativeLR (a lambda of your own)", settings: "lr 0.1, lr_lambda () => 0.999999",
    make: () => new torch.MultiplicativeLR(optimizer(), myFactor),
    loop(n, out) {
      let lr = (out[0] = 0.1);
      for (let t = 1; t < n; t++) out[t] = lr = lr * myFactor(t);
      return out;
    },
  },
];

// ---------------------------------------------------------------------------------------------
// The rows: each setting's functions, then rounds of turns.

/**
 * The setting's loop compiled afresh from its source, its free variables bound from setting.env (as
 * bench.mjs's freshLoop): V8 keeps one set of type feedback per function in the source, so a loop
 * written once for several rows (StepLR's step sizes, say) would run polymorphic, slower than the
 * loop a user writes for one setting.
 */
function freshLoop(setting) {
  const env = { HF_W, myLambda, myFactor, ...setting.env };
  return new Function(...Object.keys(env), `return ({ ${setting.loop} }).loop;`)(...Object.values(env));
}

const only = flags.only?.toLowerCase();
const out = new Float64Array(N);
const rows = [];
const notes = [];
for (const setting of SETTINGS) {
  if (only !== undefined && !setting.name.toLowerCase().includes(only)) continue;
  if (flags.setting !== undefined && setting.name !== flags.setting) continue;
  if (flags.isolated) {
    rows.push({ setting, times: null });
    continue;
  }
  let s;
  try {
    s = setting.make(N);
    s.range(0, N, { backend: "wasm-simd", out });
    if (setting.twin) s.range(0, N, { backend: "js", out });
  } catch (error) {
    notes.push(`${setting.name}: skipped (${error instanceof Error ? error.message : error})`);
    continue;
  }
  const loop = freshLoop(setting);
  const fns = {
    loop: () => loop(N, out),
    simd: () => s.range(0, N, { backend: "wasm-simd", out }),
    ...(setting.twin ? { js: () => s.range(0, N, { backend: "js", out }) } : {}),
  };
  rows.push({ setting, fns, times: Object.fromEntries(Object.keys(fns).map((k) => [k, []])) });
}
for (const note of notes) process.stderr.write(`${note}\n`);
if (rows.length === 0) {
  process.stderr.write(`no setting matches --only ${flags.only}\n`);
  process.exit(1);
}

// --isolated: each setting's rows in a child process of their own (this script with --setting).
if (flags.isolated) {
  const { spawnSync } = await import("node:child_process");
  for (const row of rows) {
    const args = [process.argv[1], "--setting", row.setting.name, "--rounds", String(ROUNDS), ...(quick ? ["--quick"] : [])];
    const child = spawnSync(process.execPath, args, { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
    if (child.status !== 0) throw new Error(`${row.setting.name}: its process exited with ${child.status}`);
    row.medians = JSON.parse(child.stdout);
    process.stderr.write(".");
  }
  process.stderr.write("\n");
}

if (!flags.isolated) for (const row of rows) for (const fn of Object.values(row.fns)) for (let i = 0; i < WARMUP_CALLS; i++) fn();

const started = performance.now();
for (let r = 0; r < (flags.isolated ? 0 : ROUNDS); r++) {
  for (const row of rows) {
    // The row's functions one after another, their order turning from round to round.
    const keys = Object.keys(row.fns);
    for (let k = 0; k < keys.length; k++) {
      const key = keys[(k + r) % keys.length];
      const t0 = performance.now();
      row.fns[key]();
      row.times[key].push(performance.now() - t0);
    }
  }
  process.stderr.write(".");
}
if (!flags.isolated) process.stderr.write("\n");

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

for (const row of rows) {
  if (row.medians === undefined) row.medians = Object.fromEntries(Object.entries(row.times).map(([k, v]) => [k, median(v)]));
}
if (flags.setting !== undefined) {
  console.log(JSON.stringify(rows[0]?.medians ?? null));
  process.exit(rows.length === 1 ? 0 : 1);
}

const fmt = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(3));
const lines = [
  `N = ${N.toExponential(0).replace("+", "")} steps, float64, preallocated output; median of ${ROUNDS} rounds (rows taking turns); ` +
    `${(await import("node:os")).cpus()[0]?.model.trim()}, ${(await import("node:os")).cpus().length} cores, ${new Date().toISOString().slice(0, 10)}; Node ${process.version}; Wasm ${kernel.simd ? "SIMD" : "scalar (no SIMD on this machine: the \"wasm-simd\" row runs what the library gives)"} build; ` +
    (flags.isolated ? "each setting in a process of its own." : `all settings in one process, ${((performance.now() - started) / 1000).toFixed(1)} s timed.`),
  `ratio = user's loop ms / lrdecay ms (> 1: lrdecay is faster).`,
  "",
  "| setting | user's loop ms | lrdecay Wasm SIMD ms | ratio | JS twin ms | twin ratio |",
  "| --- | ---: | ---: | ---: | ---: | ---: |",
];
for (const row of rows) {
  const loop = row.medians.loop;
  const simd = row.medians.simd;
  const js = row.medians.js ?? null;
  lines.push(`| ${row.setting.name} | ${fmt(loop)} | ${fmt(simd)} | ${(loop / simd).toFixed(2)} | ${js === null ? "" : fmt(js)} | ${js === null ? "" : (loop / js).toFixed(2)} |`);
}
lines.push("", "Settings:", ...rows.map((row) => `- ${row.setting.name}: ${row.setting.settings}`));
if (notes.length > 0) lines.push("", "Skipped:", ...notes.map((note) => `- ${note}`));
console.log(lines.join("\n"));
if (flags.out !== undefined) {
  const { writeFileSync } = await import("node:fs");
  writeFileSync(flags.out, `# npm run bench:sweep${flags.isolated ? " -- --isolated" : ""}\n\n${lines.join("\n")}\n`);
}
