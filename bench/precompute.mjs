// The main job: precompute a million-step ExponentialDecay schedule and summarize it.
//   npm run precompute                      Keras' documented example, 1e6 steps, float32
//   npm run precompute -- --steps 1e7 --dtype float64 --staircase
import { parseArgs } from "node:util";
import { ExponentialDecay, ready } from "../dist/index.js";

const { values } = parseArgs({
  options: {
    "initial-learning-rate": { type: "string", default: "0.1" },
    "decay-steps": { type: "string", default: "100000" },
    "decay-rate": { type: "string", default: "0.96" },
    staircase: { type: "boolean", default: false },
    steps: { type: "string", default: "1e6" },
    dtype: { type: "string", default: "float32" },
  },
});
const num = (flag) => {
  const x = Number(values[flag]);
  if (values[flag].trim() === "" || !Number.isFinite(x)) {
    console.error(`--${flag} must be a number, got ${JSON.stringify(values[flag])}`);
    process.exit(2);
  }
  return x;
};

const schedule = new ExponentialDecay({
  initialLearningRate: num("initial-learning-rate"),
  decaySteps: num("decay-steps"),
  decayRate: num("decay-rate"),
  staircase: values.staircase,
  dtype: values.dtype,
});
const n = num("steps");
const kernel = await ready();

const time = (backend) => {
  const t0 = performance.now();
  const values = schedule.range(0, n, { backend });
  return [values, performance.now() - t0];
};
// First calls compile (Wasm tiers up, JS gets optimized) and size the scratch region: time the third.
for (const backend of ["wasm", "js", "wasm", "js"]) time(backend);
const [lr, wasmMs] = time("wasm");
const [twin, jsMs] = time("js");
const same = lr.every((v, i) => Object.is(v, twin[i]));

const at = (k) => `step ${k.toLocaleString("en-US")}: ${lr[k]}`;
console.log(String(schedule));
console.log(`${n.toLocaleString("en-US")} steps, ${schedule.dtype}`);
console.log(`  ${at(0)}`);
for (const k of [Math.floor(n / 4), Math.floor(n / 2)]) console.log(`  ${at(k)}`);
console.log(`  ${at(n - 1)}`);
console.log(`Wasm kernel (${kernel.simd ? "SIMD" : "scalar"}): ${wasmMs.toFixed(1)} ms   JS twin: ${jsMs.toFixed(1)} ms   identical bits: ${same}`);
if (!same) process.exit(1);
