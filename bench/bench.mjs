// npm run bench [-- --quick] [-- --readme] [-- --only ExponentialDecay,CosineDecay]
// (--quick: N = 1e6 only, shorter rows, 1,000 sampled steps; --readme-file PATH: --readme elsewhere)
//
// One table per Keras schedule, each measured side by side in one process. A spec per schedule
// (SPECS below) gives its settings, its kinds of steps (a range, a staircase or warm-up range where
// the schedule has one, sorted integers, shuffled integers, fractional steps), the loop a user would
// write by hand with Math.pow / Math.cos / Math.log (the baseline of every ratio), the same formula
// on TensorFlow.js' cpu and wasm backends (float32 only: TF.js has no float64 there), and the
// targets to check. Rows: lrdecay on each backend ("auto" too where a range is filled run by run),
// the user's loop, TF.js, and the floor: filling the output (ranges) or copying N numbers into it
// (arrays). Every row writes into a preallocated output, so none of them pays for fresh memory.
// A schedule whose class lrdecay does not export yet is skipped with a note.
//
// The last column compares each row's numbers with an independent reference, bench/oracle.mjs:
// Keras' pipeline (docs/NUMERICS.md) evaluated with decimal.js, every rounding decided exactly,
// on a fixed sample of indices (the same for every row of a size). It measures agreement with
// Keras' formula computed exactly, not with TensorFlow, whose kernels are not correctly rounded.
//
// PyTorch's schedulers (lrdecay/torch, TORCH_SPECS): at N = 1e6, float64, a range of getLastLr()[0]
// after 0 .. N - 1 steps: the loop a user writes of the same recurrence with Math.cos / Math.pow,
// lrdecay's range on each backend, and the fill floor; the last column compares each row with
// stepping the scheduler (step() and getLastLr(), the reference path) at the sampled indices.
// Hugging Face's schedules (lrdecay/transformers, HF_SPECS) the same way: each get_* function's
// LambdaLR, against the loop a user writes of HF's lambda with Math.cos / Math.pow / Math.sqrt.
//
// Writes every table to bench/results.json and bench/results.md; with --readme, puts the short
// cross-schedule table (N = 1e6, float32) into README.md between the bench markers.
import { cpus, totalmem } from "node:os";
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { Bench } from "tinybench";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import "@tensorflow/tfjs-backend-wasm";
import * as lrdecay from "../dist/index.js";
import * as torch from "../dist/torch/index.js";
import * as hf from "../dist/transformers/index.js";
import { COLD_START_TARGET_MS, measureColdStart } from "./cold-start.mjs";
import { ORACLES } from "./oracle.mjs";
import { OPTAX_SPECS } from "./optax.mjs";

const { values: flags } = parseArgs({
  options: {
    quick: { type: "boolean" },
    readme: { type: "boolean" },
    "readme-file": { type: "string" }, // where --readme writes (default README.md): for trying it out
    only: { type: "string" }, // comma-separated schedule names
  },
});
const quick = flags.quick ?? false;
// Full: 1e5 and 1e6 for every schedule, 1e7 for ExponentialDecay; quick: 1e6 only, shorter rows.
const SIZES = quick ? [1e6] : [1e5, 1e6, 1e7];
// Per row: at least TIME ms over its rounds (measure), ITERATIONS calls in the first, after a
// warm-up. Sized for six schedules on two busy cores: the slowest rows (TF.js cpu, the user's loops
// with Math.log) cost ~0.1 to 1 s a call.
const TIME = quick ? 25 : 100;
const WARMUP = quick ? 10 : 50;
const ITERATIONS = quick ? 2 : 3;
const WARMUP_ITERATIONS = quick ? 1 : 2;
const ROUNDS = quick ? 3 : 5; // the rows of a case take turns (measure)
const SAMPLES = quick ? 1000 : 2000; // steps per case checked against the decimal.js pipeline
const SUMMARY_N = 1e6; // the targets and the README table are read at this size
const started = performance.now();

const kernel = await lrdecay.ready();
const machine = {
  cpu: cpus()[0]?.model ?? "unknown",
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  wasmSimd: kernel.simd,
  wasmBytes: kernel.bytes,
  date: new Date().toISOString().slice(0, 10),
};

// ---------------------------------------------------------------------------------------------
// The schedules. options(n): the constructor's options object (camelCase) for arrays of n steps;
// cases: the kinds of steps, with options that differ from the base ones; loop(o): the user's loop;
// tfjs(o, t): the formula on a float32 steps tensor; targets: [dtype, case, row, versus, goal].
// Rows in targets: "simd" (lrdecay, Wasm SIMD), "js" (the JS twin), "auto"; versus: "loop" (the
// ratio loop ms / row ms must be >= goal), "tf" (TF.js wasm ms / row ms >= goal), "fill" (row ms /
// floor ms <= goal).

const ARRAYS = [
  { name: "sorted integers", kind: "sorted" },
  { name: "shuffled integers", kind: "shuffled" },
  { name: "fractional steps", kind: "fractional" },
];

/** A loop over steps (null: the range 0..n-1) writing f(step) with its constants in a closure. */
const stepOf = (steps, i) => (steps === null ? i : steps[i]);

/**
 * The user's loop for one row, compiled afresh from spec.loop's source (with its own stepOf). V8
 * keeps one set of type feedback per function in the source, so one loop shared by every row
 * (ranges and arrays, float32 and float64 outputs) runs polymorphic, slower than the loop a user
 * writes for one case (measured: CosineDecay's Math.cos loop took 17.7 ms a million steps shared,
 * 8.4 ms alone). A copy per row measures the loop at its best.
 */
function freshLoop(spec, options) {
  const factory = new Function(`const stepOf = ${stepOf}; return ({ ${spec.loop} }).loop;`)();
  return factory(options);
}

const SPECS = [
  {
    name: "ExponentialDecay",
    sizes: SIZES, // the only schedule measured at 1e7
    options: () => ({ initialLearningRate: 0.1, decaySteps: 100000, decayRate: 0.96 }),
    cases: [
      { name: "range", kind: "range" },
      { name: "staircase range", kind: "range", options: { staircase: true }, auto: true },
      ...ARRAYS,
    ],
    loopName: "Math.pow",
    loop({ initialLearningRate: a, decaySteps: d, decayRate: r, staircase }) {
      return (steps, n, out) => {
        for (let i = 0; i < n; i++) {
          const p = stepOf(steps, i) / d;
          out[i] = a * Math.pow(r, staircase ? Math.floor(p) : p);
        }
        return out;
      };
    },
    tfjs({ initialLearningRate: a, decaySteps: d, decayRate: r, staircase }, t) {
      let p = tf.div(t, d);
      if (staircase) p = tf.floor(p);
      return tf.mul(a, tf.pow(r, p));
    },
    // README: a float32 range 22x the naive loop and 7.8x TF.js wasm, float64 11x, a staircase range
    // at the speed of fill, arrays 4x to 8x, the JS twin's float32 range 10x.
    targets: [
      ["float32", "range", "simd", "loop", 20],
      ["float32", "range", "simd", "tf", 7],
      ["float64", "range", "simd", "loop", 10],
      ["float32", "range", "js", "loop", 10],
      ["float32", "staircase range", "auto", "fill", 1.2],
      ["float64", "staircase range", "auto", "fill", 1.2],
      ["float32", "shuffled integers", "simd", "loop", 4],
      ["float64", "shuffled integers", "simd", "loop", 4],
    ],
  },
  {
    name: "InverseTimeDecay",
    options: () => ({ initialLearningRate: 0.1, decaySteps: 10000, decayRate: 0.5 }),
    cases: [
      { name: "range", kind: "range" },
      { name: "staircase range", kind: "range", options: { staircase: true }, auto: true },
      ...ARRAYS,
    ],
    loopName: "a / (1 + r p)",
    loop({ initialLearningRate: a, decaySteps: d, decayRate: r, staircase }) {
      return (steps, n, out) => {
        for (let i = 0; i < n; i++) {
          const p = stepOf(steps, i) / d;
          out[i] = a / (1 + r * (staircase ? Math.floor(p) : p));
        }
        return out;
      };
    },
    tfjs({ initialLearningRate: a, decaySteps: d, decayRate: r, staircase }, t) {
      let p = tf.div(t, d);
      if (staircase) p = tf.floor(p);
      return tf.div(a, tf.add(1, tf.mul(r, p)));
    },
    targets: [
      ["float32", "range", "simd", "loop", 2],
      ["float64", "range", "simd", "loop", 2],
      ["float32", "range", "js", "loop", 1], // no transcendental, so the twin >= the loop
      ["float64", "range", "js", "loop", 1],
      ["float32", "range", "simd", "tf", 3],
      ["float32", "staircase range", "auto", "fill", 3],
      ["float64", "staircase range", "auto", "fill", 3],
    ],
  },
  {
    name: "PiecewiseConstantDecay",
    options: (n) => ({ boundaries: [0.1, 0.3, 0.6, 0.85].map((f) => Math.round(f * n)), values: [0.1, 0.05, 0.02, 0.01, 0.001] }),
    cases: [{ name: "range", kind: "range", auto: true }, ...ARRAYS],
    loopName: "if chain",
    loop({ boundaries, values }) {
      const last = values[values.length - 1];
      return (steps, n, out) => {
        for (let i = 0; i < n; i++) {
          const s = stepOf(steps, i);
          let v = last;
          for (let j = 0; j < boundaries.length; j++)
            if (s <= boundaries[j]) {
              v = values[j];
              break;
            }
          out[i] = v;
        }
        return out;
      };
    },
    tfjs({ boundaries, values }, t) {
      let v = tf.fill(t.shape, values[values.length - 1]);
      for (let j = boundaries.length - 1; j >= 0; j--) v = tf.where(tf.lessEqual(t, boundaries[j]), tf.scalar(values[j]), v);
      return v;
    },
    targets: [
      ["float32", "range", "auto", "fill", 3],
      ["float64", "range", "auto", "fill", 3],
    ],
  },
  {
    name: "PolynomialDecay",
    options: (n) => ({ initialLearningRate: 0.1, decaySteps: n, endLearningRate: 0.0001, power: 2 }),
    cases: [
      { name: "range", kind: "range" },
      ...ARRAYS,
      // General powers go through the varying-base pow (power 2, above, needs none).
      ...[1.7, 0.9, 7.3].map((power) => ({ name: `range, power ${power}`, kind: "range", options: { power } })),
      { name: "shuffled integers, power 1.7", kind: "shuffled", options: { power: 1.7 } },
    ],
    loopName: "Math.pow",
    loop({ initialLearningRate: a, decaySteps: d, endLearningRate: e, power }) {
      return (steps, n, out) => {
        for (let i = 0; i < n; i++) {
          const p = Math.min(stepOf(steps, i), d) / d;
          out[i] = (a - e) * Math.pow(1 - p, power) + e;
        }
        return out;
      };
    },
    tfjs({ initialLearningRate: a, decaySteps: d, endLearningRate: e, power }, t) {
      const p = tf.div(tf.minimum(t, d), d);
      return tf.add(tf.mul(tf.sub(a, e), tf.pow(tf.sub(1, p), power)), e);
    },
    // Issue 19: a general power >= 2x the loop in float32 and >= 1.5x in float64, its JS twin >= 0.5x
    // in float64; power 2 in float64 >= 2x, and >= 1x on the JS twin (no transcendental).
    targets: [
      ["float32", "range", "simd", "loop", 5],
      ["float64", "range", "simd", "loop", 2],
      ["float32", "range", "simd", "tf", 3],
      ["float32", "range", "js", "loop", 1],
      ["float64", "range", "js", "loop", 1],
      ...["range, power 1.7", "range, power 0.9", "range, power 7.3", "shuffled integers, power 1.7"].flatMap((c) => [
        ["float32", c, "simd", "loop", 2],
        ["float64", c, "simd", "loop", 1.5],
        ["float64", c, "js", "loop", 0.5],
      ]),
    ],
  },
  {
    name: "CosineDecay",
    options: (n) => ({ initialLearningRate: 0.1, decaySteps: n, alpha: 0.01 }),
    cases: [
      { name: "range", kind: "range" },
      // A tenth of the steps warming up from 0 to 0.1, then the decay over the rest.
      { name: "warm-up range", kind: "range", options: (n) => ({ initialLearningRate: 0, decaySteps: n - n / 10, warmupTarget: 0.1, warmupSteps: n / 10 }) },
      ...ARRAYS,
    ],
    loopName: "Math.cos",
    loop({ initialLearningRate: a, decaySteps: d, alpha, warmupTarget, warmupSteps: ws }) {
      if (warmupTarget === undefined)
        return (steps, n, out) => {
          for (let i = 0; i < n; i++) {
            const x = Math.min(stepOf(steps, i), d) / d;
            out[i] = a * ((1 - alpha) * 0.5 * (1 + Math.cos(Math.PI * x)) + alpha);
          }
          return out;
        };
      return (steps, n, out) => {
        for (let i = 0; i < n; i++) {
          const s = Math.min(stepOf(steps, i), d + ws);
          out[i] = s < ws ? a + ((warmupTarget - a) * s) / ws : warmupTarget * ((1 - alpha) * 0.5 * (1 + Math.cos((Math.PI * (s - ws)) / d)) + alpha);
        }
        return out;
      };
    },
    tfjs({ initialLearningRate: a, decaySteps: d, alpha, warmupTarget, warmupSteps: ws }, t) {
      const decay = (x, from) => tf.mul(from, tf.add(tf.mul(1 - alpha, tf.mul(0.5, tf.add(1, tf.cos(tf.mul(Math.PI, tf.div(x, d)))))), alpha));
      if (warmupTarget === undefined) return decay(tf.minimum(t, d), a);
      const s = tf.minimum(t, d + ws);
      const warm = tf.add(tf.mul(warmupTarget - a, tf.div(s, ws)), a);
      return tf.where(tf.less(s, ws), warm, decay(tf.sub(s, ws), warmupTarget));
    },
    // Issue 19: float64 ranges (with and without warm-up) 1.5x the loop, float64 JS twins 0.5x on
    // every case.
    targets: [
      ["float32", "range", "simd", "loop", 5],
      ["float64", "range", "simd", "loop", 1.5],
      ["float32", "range", "simd", "tf", 3],
      ["float32", "range", "js", "loop", 1],
      ["float64", "range", "js", "loop", 0.5],
      ["float32", "warm-up range", "simd", "loop", 5],
      ["float32", "warm-up range", "simd", "tf", 3],
      ["float64", "warm-up range", "simd", "loop", 1.5],
      ["float64", "warm-up range", "js", "loop", 0.5],
      ["float64", "sorted integers", "js", "loop", 0.5],
      ["float64", "shuffled integers", "js", "loop", 0.5],
      ["float64", "fractional steps", "js", "loop", 0.5],
    ],
  },
  {
    name: "CosineDecayRestarts",
    // t_mul 2: periods of n/31, 2n/31, ... 16n/31, so five restarts over n steps.
    options: (n) => ({ initialLearningRate: 0.1, firstDecaySteps: Math.round(n / 31), tMul: 2, mMul: 0.9, alpha: 0.01 }),
    cases: [{ name: "range", kind: "range" }, ...ARRAYS],
    loopName: "Math.log, Math.pow, Math.cos",
    loop({ initialLearningRate: a, firstDecaySteps: fd, tMul: T, mMul: M, alpha }) {
      const logT = Math.log(T);
      return (steps, n, out) => {
        for (let i = 0; i < n; i++) {
          const cf = stepOf(steps, i) / fd;
          const k = Math.floor(Math.log(1 - cf * (1 - T)) / logT);
          const P = Math.pow(T, k);
          const c = (cf - (1 - P) / (1 - T)) / P;
          out[i] = a * ((1 - alpha) * 0.5 * Math.pow(M, k) * (1 + Math.cos(Math.PI * c)) + alpha);
        }
        return out;
      };
    },
    tfjs({ initialLearningRate: a, firstDecaySteps: fd, tMul: T, mMul: M, alpha }, t) {
      const cf = tf.div(t, fd);
      const k = tf.floor(tf.div(tf.log(tf.sub(1, tf.mul(cf, 1 - T))), tf.log(tf.scalar(T))));
      const P = tf.pow(T, k);
      const c = tf.div(tf.sub(cf, tf.div(tf.sub(1, P), 1 - T)), P);
      return tf.mul(a, tf.add(tf.mul(1 - alpha, tf.mul(tf.mul(0.5, tf.pow(M, k)), tf.add(1, tf.cos(tf.mul(Math.PI, c))))), alpha));
    },
    // Issue 19: float64 ranges 3x the loop, shuffled float32 steps 3x, float64 JS twins 0.5x on
    // every case.
    targets: [
      ["float32", "range", "simd", "loop", 5],
      ["float64", "range", "simd", "loop", 3],
      ["float32", "range", "simd", "tf", 3],
      ["float32", "range", "js", "loop", 1],
      ["float64", "range", "js", "loop", 0.5],
      ["float32", "shuffled integers", "simd", "loop", 3],
      ["float64", "sorted integers", "js", "loop", 0.5],
      ["float64", "shuffled integers", "js", "loop", 0.5],
      ["float64", "fractional steps", "js", "loop", 0.5],
    ],
  },
];

// optax's schedules (bench/optax.mjs): functions, made by spec.make, with their own oracles.
SPECS.push(...OPTAX_SPECS);

const only = flags.only?.split(",");
const exported = (name) => (lrdecay.SCHEDULES && name in lrdecay.SCHEDULES ? lrdecay.SCHEDULES[name] : lrdecay[name]);
const skipped = [];
const specs = [];
for (const spec of SPECS) {
  if (only && !only.includes(spec.name)) continue;
  const Class = spec.make ?? exported(spec.name);
  if (typeof Class !== "function") {
    skipped.push(spec.name);
    process.stderr.write(`${spec.name}: not exported by lrdecay yet, skipped\n`);
    continue;
  }
  specs.push({ ...spec, Class, sizes: spec.sizes ?? SIZES.filter((n) => n <= 1e6) });
}

// ---------------------------------------------------------------------------------------------
// PyTorch's schedulers. make(): the scheduler on a fresh one-group optimizer; loop(n, out): the
// recurrence as a user would write it (PyTorch's get_lr, with Math.cos / Math.pow); goal: the
// target of lrdecay's Wasm SIMD range over that loop.

const torchOptimizer = () => ({ param_groups: [{ lr: 0.1, momentum: 0.9 }], defaults: { lr: 0.1, momentum: 0.9 } });
const TORCH_SPECS = [
  {
    name: "CosineAnnealingLR", settings: "lr 0.1, T_max 1e5, eta_min 1e-4", goal: 3, loopName: "Math.cos, PyTorch's recursion",
    make: () => new torch.CosineAnnealingLR(torchOptimizer(), 100000, 1e-4),
    loop(n, out) {
      const T = 100000, eta = 1e-4, base = 0.1;
      let lr = (out[0] = base);
      for (let t = 1; t < n; t++) {
        lr = ((t - 1 - T) % (2 * T)) === 0 ? lr + ((base - eta) * (1 - Math.cos(Math.PI / T))) / 2
          : ((1 + Math.cos((Math.PI * t) / T)) / (1 + Math.cos((Math.PI * (t - 1)) / T))) * (lr - eta) + eta;
        out[t] = lr;
      }
      return out;
    },
  },
  {
    name: "OneCycleLR", settings: "max_lr 0.1, total_steps 1e6, cos", goal: 3, loopName: "Math.cos",
    make: () => new torch.OneCycleLR(torchOptimizer(), { maxLr: 0.1, totalSteps: 1e6 }),
    loop(n, out) {
      const max = 0.1, init = max / 25, min = init / 1e4, e1 = 0.3 * 1e6 - 1, e2 = 1e6 - 1;
      for (let t = 0; t < n; t++) {
        const [from, to, pct] = t <= e1 ? [init, max, t / e1] : [max, min, (t - e1) / (e2 - e1)];
        out[t] = to + ((from - to) / 2.0) * (Math.cos(Math.PI * pct) + 1);
      }
      return out;
    },
  },
  {
    name: "CosineAnnealingWarmRestarts", settings: "lr 0.1, T_0 1000, T_mult 2", goal: 1, loopName: "Math.cos",
    make: () => new torch.CosineAnnealingWarmRestarts(torchOptimizer(), 1000, 2),
    loop(n, out) {
      let Tc = 0, Ti = 1000;
      for (let t = 0; t < n; t++) {
        if (t > 0 && ++Tc >= Ti) [Tc, Ti] = [Tc % Ti, Ti * 2];
        out[t] = (0.1 * (1 + Math.cos((Math.PI * Tc) / Ti))) / 2;
      }
      return out;
    },
  },
  {
    name: "CosineAnnealingWarmRestarts/T_mult=1", settings: "lr 0.1, T_0 1000, T_mult 1", goal: 1, loopName: "Math.cos",
    make: () => new torch.CosineAnnealingWarmRestarts(torchOptimizer(), 1000, 1),
    loop(n, out) {
      let Tc = 0;
      for (let t = 0; t < n; t++) {
        if (t > 0 && ++Tc >= 1000) Tc = Tc % 1000;
        out[t] = (0.1 * (1 + Math.cos((Math.PI * Tc) / 1000))) / 2;
      }
      return out;
    },
  },
  {
    name: "PolynomialLR", settings: "lr 0.1, total_iters 1e6, power 0.9", goal: 1, loopName: "Math.pow, PyTorch's recursion",
    make: () => new torch.PolynomialLR(torchOptimizer(), 1e6, 0.9),
    loop(n, out) {
      const T = 1e6;
      let lr = (out[0] = 0.1);
      for (let t = 1; t < n; t++) out[t] = lr = t > T ? lr : lr * Math.pow((1.0 - t / T) / (1.0 - (t - 1) / T), 0.9);
      return out;
    },
  },
  {
    name: "ExponentialLR", settings: "lr 0.1, gamma 0.999999", goal: 1, loopName: "lr * gamma",
    make: () => new torch.ExponentialLR(torchOptimizer(), 0.999999),
    loop(n, out) {
      let lr = (out[0] = 0.1);
      for (let t = 1; t < n; t++) out[t] = lr = lr * 0.999999;
      return out;
    },
  },
  {
    name: "StepLR", settings: "lr 0.1, step_size 1000, gamma 0.9", goal: 1, loopName: "lr * gamma every step_size",
    make: () => new torch.StepLR(torchOptimizer(), 1000, 0.9),
    loop(n, out) {
      let lr = (out[0] = 0.1);
      for (let t = 1; t < n; t++) out[t] = lr = t % 1000 === 0 ? lr * 0.9 : lr;
      return out;
    },
  },
  {
    name: "LinearLR", settings: "lr 0.1, 0.01 -> 1 over 5e5", goal: 1, loopName: "PyTorch's recursion",
    make: () => new torch.LinearLR(torchOptimizer(), 0.01, 1, 500000),
    loop(n, out) {
      const s = 0.01, e = 1, T = 500000;
      let lr = (out[0] = 0.1 * s);
      for (let t = 1; t < n; t++) out[t] = lr = t > T ? lr : lr * (1.0 + (e - s) / (T * s + (t - 1) * (e - s)));
      return out;
    },
  },
  {
    name: "CyclicLR", settings: "0.001 .. 0.1, step_size_up 2000, triangular", goal: 1, loopName: "PyTorch's get_lr",
    make: () => new torch.CyclicLR(torchOptimizer(), { baseLr: 0.001, maxLr: 0.1, stepSizeUp: 2000 }),
    loop(n, out) {
      const total = 4000, ratio = 0.5;
      for (let t = 0; t < n; t++) {
        const cycle = Math.floor(1 + t / total);
        const x = 1.0 + t / total - cycle;
        out[t] = 0.001 + (0.1 - 0.001) * (x <= ratio ? x / ratio : (x - 1) / (ratio - 1)) * 1.0;
      }
      return out;
    },
  },
  {
    name: "SequentialLR", settings: "LinearLR(0.01, 1, 1e4) then CosineAnnealingLR(99e4) at 1e4", goal: 1, loopName: "Math.cos, PyTorch's recursions",
    make() {
      const o = torchOptimizer();
      return new torch.SequentialLR(o, [new torch.LinearLR(o, 0.01, 1, 10000), new torch.CosineAnnealingLR(o, 990000)], [10000]);
    },
    loop(n, out) {
      const s = 0.01, T1 = 10000, T = 990000, base = 0.1;
      let lr = (out[0] = base * s);
      for (let t = 1; t < n; t++) {
        if (t < T1) lr = lr * (1.0 + (1 - s) / (T1 * s + (t - 1) * (1 - s)));
        else if (t === T1) lr = base; // the cosine's closed form at 0
        else {
          const u = t - T1;
          lr = ((u - 1 - T) % (2 * T)) === 0 ? lr + (base * (1 - Math.cos(Math.PI / T))) / 2 : ((1 + Math.cos((Math.PI * u) / T)) / (1 + Math.cos((Math.PI * (u - 1)) / T))) * lr;
        }
        out[t] = lr;
      }
      return out;
    },
  },
].filter((spec) => !only || only.includes(spec.name));

// Hugging Face's schedules, by their SchedulerType names: make() on the same optimizer as torch's,
// loop(n, out): HF's lambda as a user would write it (Math.cos, Math.pow, Math.sqrt), times the lr.
// Warm-up over the first 1%, N = 1e6 training steps.
const HF_W = 10000;
const HF_N = 1e6;
const hfWarmup = (t) => t / Math.max(1, HF_W);
const HF_SPECS = [
  {
    name: "cosine", settings: "lr 0.1, W 1e4, N 1e6", goal: 3, loopName: "Math.cos",
    make: () => hf.getCosineScheduleWithWarmup(torchOptimizer(), HF_W, HF_N),
    loop(n, out) {
      for (let t = 0; t < n; t++) {
        out[t] = 0.1 * (t < HF_W ? hfWarmup(t) : Math.max(0, 0.5 * (1 + Math.cos(Math.PI * 0.5 * 2 * ((t - HF_W) / Math.max(1, HF_N - HF_W))))));
      }
      return out;
    },
  },
  {
    // num_cycles above 0.5: the cosine's argument passes pi (runs in later periods).
    name: "cosine/num_cycles=2.5", settings: "lr 0.1, W 1e4, N 1e6, num_cycles 2.5", goal: 1, loopName: "Math.cos",
    make: () => hf.getCosineScheduleWithWarmup(torchOptimizer(), HF_W, HF_N, 2.5),
    loop(n, out) {
      for (let t = 0; t < n; t++) {
        out[t] = 0.1 * (t < HF_W ? hfWarmup(t) : Math.max(0, 0.5 * (1 + Math.cos(Math.PI * 2.5 * 2 * ((t - HF_W) / Math.max(1, HF_N - HF_W))))));
      }
      return out;
    },
  },
  {
    name: "cosine_with_min_lr", settings: "lr 0.1, W 1e4, N 1e6, min_lr_rate 0.1", goal: 1, loopName: "Math.cos",
    make: () => hf.getCosineWithMinLrScheduleWithWarmup(torchOptimizer(), { numWarmupSteps: HF_W, numTrainingSteps: HF_N, minLrRate: 0.1 }),
    loop(n, out) {
      for (let t = 0; t < n; t++) {
        const f = 0.5 * (1 + Math.cos(Math.PI * 0.5 * 2 * ((t - HF_W) / Math.max(1, HF_N - HF_W))));
        out[t] = 0.1 * (t < HF_W ? hfWarmup(t) : Math.max(0, f * (1 - 0.1) + 0.1));
      }
      return out;
    },
  },
  {
    name: "cosine_warmup_with_min_lr", settings: "lr 0.1, W 1e4, N 1e6, min_lr_rate 0.1", goal: 1, loopName: "Math.cos",
    make: () => hf.getCosineWithMinLrScheduleWithWarmupLrRate(torchOptimizer(), { numWarmupSteps: HF_W, numTrainingSteps: HF_N, minLrRate: 0.1 }),
    loop(n, out) {
      for (let t = 0; t < n; t++) {
        const f = 0.5 * (1 + Math.cos(Math.PI * 0.5 * 2 * ((t - HF_W + 1) / Math.max(1, HF_N - HF_W))));
        out[t] = 0.1 * (t < HF_W ? (t + 1) / Math.max(1, HF_W) : Math.max(0, f * (1 - 0.1) + 0.1));
      }
      return out;
    },
  },
  {
    name: "cosine_with_restarts", settings: "lr 0.1, W 1e4, N 1e6, 3 cycles", goal: 1, loopName: "Math.cos",
    make: () => hf.getCosineWithHardRestartsScheduleWithWarmup(torchOptimizer(), HF_W, HF_N, 3),
    loop(n, out) {
      for (let t = 0; t < n; t++) {
        const p = (t - HF_W) / Math.max(1, HF_N - HF_W);
        out[t] = 0.1 * (t < HF_W ? hfWarmup(t) : p >= 1 ? 0 : Math.max(0, 0.5 * (1 + Math.cos(Math.PI * ((3 * p) % 1)))));
      }
      return out;
    },
  },
  {
    name: "warmup_stable_decay", settings: "lr 0.1, W 1e4, decay 2e5 (cosine), N 1e6", goal: 1, loopName: "Math.cos",
    make: () => hf.getWsdSchedule(torchOptimizer(), { numWarmupSteps: HF_W, numDecaySteps: 200000, numTrainingSteps: HF_N }),
    loop(n, out) {
      const D = 200000, S = HF_N - HF_W - D;
      for (let t = 0; t < n; t++) {
        let f = 0;
        if (t < HF_W) f = hfWarmup(t);
        else if (t < HF_W + S) f = 1;
        else if (t < HF_W + S + D) f = Math.max(0, 0.5 * (1 + Math.cos(Math.PI * 0.5 * 2 * ((t - HF_W - S) / Math.max(1, D)))));
        out[t] = 0.1 * f;
      }
      return out;
    },
  },
  {
    name: "polynomial", settings: "lr 0.1, W 1e4, N 1e6, lr_end 1e-7, power 2", goal: 1, loopName: "Math.pow",
    make: () => hf.getPolynomialDecayScheduleWithWarmup(torchOptimizer(), HF_W, HF_N, 1e-7, 2),
    loop(n, out) {
      for (let t = 0; t < n; t++) {
        out[t] = 0.1 * (t < HF_W ? hfWarmup(t) : t > HF_N ? 1e-7 / 0.1 : ((0.1 - 1e-7) * Math.pow(1 - (t - HF_W) / (HF_N - HF_W), 2) + 1e-7) / 0.1);
      }
      return out;
    },
  },
  {
    name: "polynomial/power=0.9", settings: "lr 0.1, W 1e4, N 1e6, lr_end 1e-7, power 0.9", goal: 1, loopName: "Math.pow",
    make: () => hf.getPolynomialDecayScheduleWithWarmup(torchOptimizer(), HF_W, HF_N, 1e-7, 0.9),
    loop(n, out) {
      for (let t = 0; t < n; t++) {
        out[t] = 0.1 * (t < HF_W ? hfWarmup(t) : t > HF_N ? 1e-7 / 0.1 : ((0.1 - 1e-7) * Math.pow(1 - (t - HF_W) / (HF_N - HF_W), 0.9) + 1e-7) / 0.1);
      }
      return out;
    },
  },
  {
    name: "linear", settings: "lr 0.1, W 1e4, N 1e6", goal: 1, loopName: "plain arithmetic",
    make: () => hf.getLinearScheduleWithWarmup(torchOptimizer(), HF_W, HF_N),
    loop(n, out) {
      for (let t = 0; t < n; t++) out[t] = 0.1 * (t < HF_W ? hfWarmup(t) : Math.max(0, (HF_N - t) / Math.max(1, HF_N - HF_W)));
      return out;
    },
  },
  {
    name: "inverse_sqrt", settings: "lr 0.1, W 1e4 (timescale W)", goal: 1, loopName: "Math.sqrt",
    make: () => hf.getInverseSqrtSchedule(torchOptimizer(), HF_W),
    loop(n, out) {
      for (let t = 0; t < n; t++) out[t] = 0.1 * (t < HF_W ? hfWarmup(t) : 1 / Math.sqrt(t / HF_W));
      return out;
    },
  },
  {
    name: "constant_with_warmup", settings: "lr 0.1, W 1e4", goal: 1, loopName: "plain arithmetic",
    make: () => hf.getConstantScheduleWithWarmup(torchOptimizer(), HF_W),
    loop(n, out) {
      for (let t = 0; t < n; t++) out[t] = 0.1 * (t < HF_W ? t / Math.max(1, HF_W) : 1);
      return out;
    },
  },
  {
    name: "constant", settings: "lr 0.1", goal: 1, loopName: "out[t] = lr",
    make: () => hf.getConstantSchedule(torchOptimizer()),
    loop(n, out) {
      for (let t = 0; t < n; t++) out[t] = 0.1 * 1;
      return out;
    },
  },
].filter((spec) => !only || only.includes(`hf.${spec.name}`));

// ---------------------------------------------------------------------------------------------
// Steps, sample indices, the reference.

function seeded(seed) {
  return () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
}

/** The arrays of steps of size n (null for a range), made once per size. */
function stepsOfSize(n) {
  const random = seeded(12345);
  const sorted = new Int32Array(n).map((_, i) => i);
  const shuffled = sorted.slice();
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
  }
  const fractional = new Float64Array(n).map(() => random() * n);
  return { range: null, sorted, shuffled, fractional };
}

/** SAMPLES indices spread over 0..n-1: one at a random place in each of SAMPLES equal strata. */
function sampleIndices(n) {
  const random = seeded(777);
  return Int32Array.from({ length: SAMPLES }, (_, k) => Math.min(n - 1, Math.floor(((k + random()) * n) / SAMPLES)));
}

/** The decimal.js pipeline per (schedule, options, dtype), its values cached per step. */
const references = new Map();
let oracleMs = 0;
function expected(spec, options, dtype, steps, indices) {
  const key = `${spec.name} ${JSON.stringify(options)} ${dtype}`;
  let ref = references.get(key);
  if (!ref) references.set(key, (ref = { f: (spec.oracle ?? ORACLES[spec.name])(options, dtype), values: new Map() }));
  const t0 = performance.now();
  const out = new Float64Array(indices.length);
  indices.forEach((index, k) => {
    const step = stepOf(steps, index);
    let v = ref.values.get(step);
    if (v === undefined) ref.values.set(step, (v = ref.f(step)));
    out[k] = v;
  });
  oracleMs += performance.now() - t0;
  return out;
}

/** The share of sampled values with the reference's bits, and the first few that differ. */
function compare(out, indices, steps, want) {
  let same = 0;
  const differ = [];
  indices.forEach((index, k) => {
    if (Object.is(out[index], want[k])) same++;
    else if (differ.length < 5) differ.push({ index, step: stepOf(steps, index), got: out[index], exact: want[k] });
  });
  return { share: same / indices.length, differ };
}

/**
 * Each task's median time. The tasks of a case take turns, ROUNDS rounds of TIME / ROUNDS ms each
 * (warmed up in the first), and a task's time is the median of its rounds' medians: this shared
 * machine changes speed by up to half from one minute to the next, and in turns a slow spell falls
 * on every row of the case instead of on one of them (measured: one row after another, the same
 * JS twin took 7 ms in one full run and 12.5 ms in the next).
 */
async function measure(tasks) {
  const rounds = tasks.length > 1 ? ROUNDS : 1;
  const times = new Map(tasks.map(([name]) => [name, []]));
  for (let r = 0; r < rounds; r++) {
    const first = r === 0;
    const bench = new Bench({
      time: TIME / rounds,
      warmup: first,
      warmupTime: WARMUP,
      iterations: first ? ITERATIONS : 1,
      warmupIterations: WARMUP_ITERATIONS,
    });
    for (const [name, fn, options] of tasks) bench.add(name, fn, options);
    await bench.run();
    for (const t of bench.tasks) times.get(t.name).push(t.result.latency.p50);
  }
  return tasks.map(([name]) => [name, median(times.get(name))]);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

// ---------------------------------------------------------------------------------------------
// The runs.

const ROW = {
  simd: "lrdecay, Wasm SIMD",
  scalar: "lrdecay, Wasm scalar",
  js: "lrdecay, JS twin",
  auto: "lrdecay, auto (fills runs)",
  tfCpu: "TF.js cpu backend",
  tfWasm: "TF.js wasm backend",
};
const rows = [];
const findings = [];
for (const n of SIZES) {
  const sized = specs.filter((s) => s.sizes.includes(n));
  if (sized.length === 0) continue;
  const stepsOf = stepsOfSize(n);
  const indices = sampleIndices(n);
  const tensors = {};
  for (const spec of sized) {
    for (const dtype of ["float32", "float64"]) {
      const Out = dtype === "float32" ? Float32Array : Float64Array;
      const out = new Out(n);
      const source = new Out(n).fill(0.25);
      for (const c of spec.cases) {
        const extra = typeof c.options === "function" ? c.options(n) : (c.options ?? {});
        const options = { ...spec.options(n), ...extra };
        const steps = stepsOf[c.kind];
        const want = expected(spec, options, dtype, steps, indices);
        const s = spec.make ? spec.make({ ...options, dtype }) : new spec.Class({ ...options, dtype });
        const run = (backend) => () => (steps === null ? s.range(0, n, { backend, out }) : s.evaluate(steps, { backend, out }));
        const loop = freshLoop(spec, options);
        const loopName = `user's loop (${spec.loopName})`;
        const tasks = [
          [loopName, () => loop(steps, n, out)],
          [ROW.simd, run("wasm-simd")],
          [ROW.scalar, run("wasm-scalar")],
          [ROW.js, run("js")],
          ...(c.auto ? [[ROW.auto, run("auto")]] : []),
          steps === null ? ["floor: out.fill", () => out.fill(0.5)] : ["floor: out.set (copy N)", () => out.set(source)],
        ];
        const exact = {};
        for (const [name, fn] of tasks) {
          if (name.startsWith("floor")) continue;
          out.fill(NaN);
          fn();
          exact[name] = compare(out, indices, steps, want);
        }
        // TF.js: the same formula on a steps tensor made beforehand, float32 only, in the same
        // rounds as the other rows (each task selects its backend before its iterations).
        if (dtype === "float32") {
          for (const backend of ["cpu", "wasm"]) {
            const select = async () => {
              await tf.setBackend(backend);
              await tf.ready();
            };
            await select();
            const key = `${backend}:${c.kind}`;
            tensors[key] ??= steps === null ? tf.range(0, n, 1, "float32") : tf.tensor1d(Float32Array.from(steps), "float32");
            const t = tensors[key];
            const formula = () => {
              const result = tf.tidy(() => spec.tfjs(options, t));
              const data = result.dataSync(); // outside tidy: tidy would scan a returned array
              result.dispose();
              return data;
            };
            const name = backend === "cpu" ? ROW.tfCpu : ROW.tfWasm;
            exact[name] = compare(formula(), indices, steps, want);
            tasks.push([name, formula, { beforeAll: select }]);
          }
        }
        const timed = await measure(tasks);
        const loopMs = timed.find(([name]) => name === loopName)[1];
        for (const [name, ms] of timed) {
          const e = exact[name];
          rows.push({ schedule: spec.name, n, dtype, case: c.name, row: name, ms, xLoop: loopMs / ms, exact: e?.share ?? null, differ: e?.differ.length ? e.differ : undefined });
          if (name.startsWith("lrdecay") && e.share !== 1) {
            findings.push({ schedule: spec.name, n, dtype, case: c.name, row: name, share: e.share, differ: e.differ });
            process.stderr.write(`\n${spec.name} ${dtype} ${c.name} N=${n} ${name}: ${(100 * e.share).toFixed(2)}% exact; first: ${JSON.stringify(e.differ[0])}\n`);
          }
        }
        process.stderr.write(".");
      }
    }
  }
  for (const t of Object.values(tensors)) t.dispose();
}
process.stderr.write("\n");

// PyTorch's schedulers and HF's at N = 1e6: the rows of a case take turns, as the Keras rows'.
const FRAMEWORK_SPECS = [...TORCH_SPECS.map((spec) => ({ ...spec, id: `torch.${spec.name}` })), ...HF_SPECS.map((spec) => ({ ...spec, id: `hf.${spec.name}` }))];
for (const spec of FRAMEWORK_SPECS) {
  const n = SUMMARY_N;
  const out = new Float64Array(n);
  const indices = sampleIndices(n);
  // The reference: step() and getLastLr() at the sampled indices.
  const stepper = spec.make();
  const want = new Float64Array(indices.length);
  for (let k = 0, j = 0; j < indices.length; k++) {
    if (k > 0) stepper.step();
    while (j < indices.length && indices[j] === k) want[j++] = stepper.getLastLr()[0];
  }
  const s = spec.make();
  const loopName = `user's loop (${spec.loopName})`;
  const tasks = [
    [loopName, () => spec.loop(n, out)],
    [ROW.simd, () => s.range(0, n, { backend: "wasm-simd", out })],
    [ROW.scalar, () => s.range(0, n, { backend: "wasm-scalar", out })],
    [ROW.js, () => s.range(0, n, { backend: "js", out })],
    ["floor: out.fill", () => out.fill(0.5)],
  ];
  const exact = {};
  for (const [name, fn] of tasks) {
    if (name.startsWith("floor")) continue;
    out.fill(NaN);
    fn();
    exact[name] = compare(out, indices, null, want);
  }
  const timed = await measure(tasks);
  const loopMs = timed.find(([name]) => name === loopName)[1];
  for (const [name, ms] of timed) {
    const e = exact[name];
    rows.push({ schedule: spec.id, n, dtype: "float64", case: "range", row: name, ms, xLoop: loopMs / ms, exact: e?.share ?? null, differ: e?.differ.length ? e.differ : undefined });
    if (name.startsWith("lrdecay") && e.share !== 1) findings.push({ schedule: spec.id, n, dtype: "float64", case: "range", row: name, share: e.share, differ: e.differ });
  }
  process.stderr.write(".");
}
process.stderr.write("\n");

// Cold start (bench/cold-start.mjs): new processes, each importing the library, awaiting ready()
// and computing its first 1e6-step range.
const COLD_RUNS = quick ? 5 : 15;
const cold = measureColdStart(COLD_RUNS);
const coldMs = cold.medianMs;

// ---------------------------------------------------------------------------------------------
// Targets, tables, files.

const find = (schedule, n, dtype, caseName, row) => rows.find((r) => r.schedule === schedule && r.n === n && r.dtype === dtype && r.case === caseName && r.row === row);
const targets = [];
for (const spec of specs) {
  for (const [dtype, caseName, rowKey, versus, goal] of spec.targets) {
    const at = (row) => find(spec.name, SUMMARY_N, dtype, caseName, row);
    const row = at(ROW[rowKey]);
    const loop = rows.find((r) => r.schedule === spec.name && r.n === SUMMARY_N && r.dtype === dtype && r.case === caseName && r.row.startsWith("user's loop"));
    const base = versus === "loop" ? loop : versus === "tf" ? at(ROW.tfWasm) : rows.find((r) => r.schedule === spec.name && r.n === SUMMARY_N && r.dtype === dtype && r.case === caseName && r.row.startsWith("floor"));
    const label = `${dtype} ${caseName}, ${ROW[rowKey]} ${versus === "fill" ? "within" : "vs"} ${versus === "loop" ? "the user's loop" : versus === "tf" ? "TF.js wasm" : "the fill floor"}`;
    const target = versus === "fill" ? `≤ ${goal}× its time` : `≥ ${goal}×`;
    if (!row || !base) {
      targets.push({ schedule: spec.name, label, target, measured: null, met: null });
      continue;
    }
    const measured = versus === "fill" ? row.ms / base.ms : base.ms / row.ms;
    targets.push({ schedule: spec.name, label, target, measured, met: versus === "fill" ? measured <= goal : measured >= goal });
  }
}

for (const spec of FRAMEWORK_SPECS) {
  const at = (row) => rows.find((r) => r.schedule === spec.id && r.row === row);
  const row = at(ROW.simd);
  const loop = rows.find((r) => r.schedule === spec.id && r.row.startsWith("user's loop"));
  const measured = row && loop ? loop.ms / row.ms : null;
  targets.push({ schedule: spec.id, label: `float64 range, ${ROW.simd} vs the user's loop`, target: `≥ ${spec.goal}×`, measured, met: measured === null ? null : measured >= spec.goal });
  // The JS twin, what a browser computes before the kernel is ready: at least half the loop's speed
  // on every float64 path (issue 19).
  const twin = at(ROW.js);
  const twinRatio = twin && loop ? loop.ms / twin.ms : null;
  targets.push({ schedule: spec.id, label: `float64 range, ${ROW.js} vs the user's loop`, target: "≥ 0.5×", measured: twinRatio, met: twinRatio === null ? null : twinRatio >= 0.5 });
}

const fmt = (x, digits = 3) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(digits));
const pct = (share) => (share === null || share === undefined ? "" : share === 1 ? "100%" : `${(Math.floor(1000 * share) / 10).toFixed(1)}%`);
const sizeName = (n) => n.toExponential(0).replace("+", "");
const samplesText = SAMPLES.toLocaleString("en-US");
const exactColumn = `= exact pipeline (decimal.js, ${samplesText} sampled steps)`;
const machineLine = `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.date}; Wasm ${machine.wasmSimd ? "SIMD" : "scalar"} build; cold start (import + await ready() + first 1e6 range, new process, median of ${COLD_RUNS}): ${coldMs.toFixed(1)} ms (target ≤ ${COLD_START_TARGET_MS} ms: ${coldMs <= COLD_START_TARGET_MS ? "met" : "missed"}; without lrdecay, in new processes: the user's loop into a new array ${cold.loopMs.toFixed(1)} ms, the new array's first touch alone ${cold.touchMs.toFixed(1)} ms)`;
const legend = [
  `Median time per call (tinybench), every row writing into a preallocated output; the rows of a case take`,
  `turns, ${ROUNDS} rounds, and each row's time is the median of its rounds' medians. "× user's loop": the`,
  `user's loop's time over the row's, in the same run. "${exactColumn}": the share of`,
  `${samplesText} values, at the same indices spread over the array for every row, whose bits equal Keras' formula`,
  `(docs/NUMERICS.md) evaluated operation by operation with every rounding decided exactly (bench/oracle.mjs,`,
  `decimal.js at 40 to 400 digits). It is not agreement with TensorFlow: TensorFlow's pow, log and cos are not`,
  `correctly rounded, so a real Keras run differs from this pipeline by an ulp or two in a few per cent of its values.`,
].join("\n");

function scheduleTable(spec) {
  const lines = rows.filter((r) => r.schedule === spec.name).map(
    (r) => `| ${sizeName(r.n)} | ${r.dtype} | ${r.case} | ${r.row} | ${fmt(r.ms)} | ${r.xLoop.toFixed(1)} | ${pct(r.exact)} |`,
  );
  const settings = JSON.stringify(spec.options(SUMMARY_N)).replace(/"/g, "");
  const variants = spec.cases
    .filter((c) => c.options)
    .map((c) => `${c.name}: ${JSON.stringify(typeof c.options === "function" ? c.options(SUMMARY_N) : c.options).replace(/"/g, "")}`);
  const tlines = targets
    .filter((t) => t.schedule === spec.name)
    .map((t) => `- ${t.label}: target ${t.target}, measured ${t.measured === null ? "n/a" : `${t.measured.toFixed(2)}×`}, ${t.met === null ? "not measured" : t.met ? "met" : "missed"}`);
  return [
    `## ${spec.name}`,
    "",
    `Settings at N = 1e6: ${settings}${variants.length ? `; ${variants.join("; ")}` : ""}.`,
    "",
    `| N | dtype | steps | row | median ms | × user's loop | ${exactColumn} |`,
    "|---:|---|---|---|---:|---:|---:|",
    ...lines,
    "",
    `Targets (N = 1e6):`,
    "",
    ...tlines,
    "",
  ].join("\n");
}

/** The short cross-schedule table: N = 1e6, float32, the range and shuffled integers. */
function summaryTable(withMachine = true) {
  const lines = [];
  for (const spec of specs) {
    for (const caseName of ["range", "shuffled integers"]) {
      const simd = find(spec.name, SUMMARY_N, "float32", caseName, ROW.simd);
      const tfw = find(spec.name, SUMMARY_N, "float32", caseName, ROW.tfWasm);
      const loop = rows.find((r) => r.schedule === spec.name && r.n === SUMMARY_N && r.dtype === "float32" && r.case === caseName && r.row.startsWith("user's loop"));
      if (!simd || !tfw || !loop) continue;
      lines.push(
        `| ${spec.name} | ${caseName} | ${fmt(simd.ms)} | ${simd.xLoop.toFixed(1)} | ${(tfw.ms / simd.ms).toFixed(1)} | ${pct(simd.exact)} · ${pct(loop.exact)} · ${pct(tfw.exact)} |`,
      );
    }
  }
  return [
    ...(withMachine ? [machineLine, ""] : []),
    `| schedule (N = 1e6, float32) | steps | lrdecay Wasm SIMD ms | × user's loop | × TF.js wasm | = exact pipeline: lrdecay · user's loop · TF.js wasm (${samplesText} sampled steps) |`,
    "|---|---|---:|---:|---:|---|",
    ...lines,
    "",
  ].join("\n");
}

/** The float64 rows of the Keras schedules, N = 1e6: each case's Wasm SIMD and JS twin against the loop. */
function float64Table() {
  const lines = [];
  for (const spec of specs)
    for (const caseName of [...new Set(rows.filter((r) => r.schedule === spec.name && r.n === SUMMARY_N && r.dtype === "float64").map((r) => r.case))]) {
      const simd = find(spec.name, SUMMARY_N, "float64", caseName, ROW.simd);
      const twin = find(spec.name, SUMMARY_N, "float64", caseName, ROW.js);
      if (!simd || !twin) continue;
      lines.push(`| ${spec.name} | ${caseName} | ${fmt(simd.ms)} | ${simd.xLoop.toFixed(2)} | ${twin.xLoop.toFixed(2)} | ${pct(simd.exact)} |`);
    }
  return [
    `| schedule (N = 1e6, float64) | steps | lrdecay Wasm SIMD ms | × user's loop | JS twin × user's loop | = exact pipeline (${samplesText} sampled steps) |`,
    "|---|---|---:|---:|---:|---|",
    ...lines,
    "",
  ].join("\n");
}

/** Every target of the run (Keras' and the other frameworks'), with what was measured, missed ones first. */
function targetList() {
  const line = (t) => `- ${t.met ? "met" : t.met === null ? "not measured" : "**missed**"}: ${t.schedule}, ${t.label}: target ${t.target}, measured ${t.measured === null ? "n/a" : `${t.measured.toFixed(2)}×`}`;
  return [...targets.filter((t) => t.met === false), ...targets.filter((t) => t.met !== false)].map(line).join("\n") + "\n";
}

/** PyTorch's schedulers, or HF's: one table, N = 1e6, float64 ranges. */
function frameworkTable(prefix, title, list) {
  const lines = rows.filter((r) => r.schedule.startsWith(prefix)).map(
    (r) => `| ${r.schedule.slice(prefix.length)} | ${r.row} | ${fmt(r.ms)} | ${r.xLoop.toFixed(2)} | ${pct(r.exact)} |`,
  );
  const tlines = targets.filter((t) => t.schedule.startsWith(prefix)).map(
    (t) => `- ${t.schedule.slice(prefix.length)}, ${t.label}: target ${t.target}, measured ${t.measured === null ? "n/a" : `${t.measured.toFixed(2)}×`}, ${t.met === null ? "not measured" : t.met ? "met" : "missed"}`,
  );
  return [
    `## ${title}`,
    "",
    `N = 1e6 steps, float64. Settings: ${list.map((s) => `${s.name}: ${s.settings}`).join("; ")}.`,
    "",
    `| scheduler | row | median ms | × user's loop | = stepping (step() and getLastLr(), ${samplesText} sampled steps) |`,
    "|---|---|---:|---:|---:|",
    ...lines,
    "",
    "Targets:",
    "",
    ...tlines,
    "",
  ].join("\n");
}

const totalS = (performance.now() - started) / 1000;
const notes = [
  ...skipped.map((name) => `${name}: not exported by lrdecay yet, skipped.`),
  `Run time ${totalS.toFixed(0)} s, of which the decimal.js reference ${(oracleMs / 1000).toFixed(0)} s.`,
];
const findingLines = findings.map(
  (f) => `- ${f.schedule} ${f.dtype} ${f.case} N=${sizeName(f.n)} ${f.row}: ${pct(f.share)}; ${f.differ.map((d) => `step ${d.step}: ${d.got} (exact ${d.exact})`).join("; ")}`,
);
const document = [
  `# npm run bench${quick ? " -- --quick" : ""}`,
  "",
  machineLine,
  "",
  legend,
  "",
  ...notes.map((x) => `${x}  `),
  "",
  ...(findingLines.length ? ["**lrdecay rows that differ from the exact pipeline:**", "", ...findingLines, ""] : []),
  "## Summary",
  "",
  summaryTable(false),
  ...specs.map(scheduleTable),
  ...(TORCH_SPECS.length ? [frameworkTable("torch.", "PyTorch's schedulers (lrdecay/torch)", TORCH_SPECS)] : []),
  ...(HF_SPECS.length ? [frameworkTable("hf.", "Hugging Face's schedules (lrdecay/transformers)", HF_SPECS)] : []),
].join("\n");
console.log(document);
writeFileSync(
  new URL("results.json", import.meta.url),
  JSON.stringify({ machine, quick, samples: SAMPLES, coldStartMs: coldMs, coldStartRunsMs: cold.runs, coldStartLoopMs: cold.loopMs, coldStartLoopRunsMs: cold.loopRuns, coldStartTouchMs: cold.touchMs, coldStartTouchRunsMs: cold.touchRuns, runSeconds: totalS, oracleSeconds: oracleMs / 1000, skipped, findings, targets, rows }, null, 2) + "\n",
);
writeFileSync(new URL("results.md", import.meta.url), document);

if (flags.readme) {
  const readme = flags["readme-file"] ?? new URL("../README.md", import.meta.url);
  const text = readFileSync(readme, "utf8");
  const markers = /<!-- bench:start -->\n[\s\S]*?<!-- bench:end -->/;
  if (!markers.test(text)) throw new Error(`${readme} has no <!-- bench:start --> ... <!-- bench:end --> section`);
  const block = [summaryTable(), float64Table(), `Targets of this run (\`bench/results.md\` has every row):\n`, targetList()].join("\n");
  writeFileSync(readme, text.replace(markers, () => `<!-- bench:start -->\n${block}<!-- bench:end -->`));
}
