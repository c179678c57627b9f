// npm run bench [-- --quick] [-- --readme]
//
// Side by side in one process, for N = 1e5, 1e6, 1e7 (--quick: 1e5, 1e6 and shorter runs), both
// dtypes, and five kinds of steps: a range, a staircase range, sorted integers, shuffled integers
// and fractional steps. Rows: lrdecay on each backend, the naive Math.pow loop (the baseline of
// every ratio), TensorFlow.js on its cpu and wasm backends (float32 only: TF.js has no float64 on
// those), and the floor: filling the output (ranges) or copying N numbers into it (arrays). Every
// row writes into a preallocated output, so none of them pays for fresh memory.
//
// Prints one table (median time, ratio to naive, and whether the row's numbers are Keras' bit for
// bit), writes it to bench/results.json and bench/results.md, and with --readme puts the N = 1e6
// part into README.md between the bench markers.
import { execFileSync } from "node:child_process";
import { cpus, totalmem } from "node:os";
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { Bench } from "tinybench";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import "@tensorflow/tfjs-backend-wasm";
import { ExponentialDecay, ready } from "../dist/index.js";

const { values: flags } = parseArgs({ options: { quick: { type: "boolean" }, readme: { type: "boolean" } } });
const quick = flags.quick ?? false;
const SIZES = quick ? [1e5, 1e6] : [1e5, 1e6, 1e7];
const TIME = quick ? 60 : 400; // ms per row
const LR = 0.1;
const DECAY_STEPS = 100000;
const RATE = 0.96;

const kernel = await ready();
const machine = {
  cpu: cpus()[0]?.model ?? "unknown",
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  wasmSimd: kernel.simd,
  wasmBytes: kernel.bytes,
  date: new Date().toISOString().slice(0, 10),
};

/** The kinds of steps; each yields the steps (null for a range) and whether it is a staircase. */
function cases(n) {
  let seed = 12345;
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const sorted = new Int32Array(n).map((_, i) => i);
  const shuffled = sorted.slice();
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
  }
  const fractional = new Float64Array(n).map(() => random() * n);
  return [
    { name: "range", steps: null, staircase: false },
    { name: "staircase range", steps: null, staircase: true },
    { name: "sorted integers", steps: sorted, staircase: false },
    { name: "shuffled integers", steps: shuffled, staircase: false },
    { name: "fractional steps", steps: fractional, staircase: false },
  ];
}

function naive(steps, n, staircase, out) {
  for (let i = 0; i < n; i++) {
    const p = (steps === null ? i : steps[i]) / DECAY_STEPS;
    out[i] = LR * Math.pow(RATE, staircase ? Math.floor(p) : p);
  }
  return out;
}

function sameBits(a, b) {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (Object.is(a[i], b[i])) same++;
  return same / a.length;
}

async function measure(tasks) {
  const bench = new Bench({ time: TIME, warmupTime: Math.min(TIME, 100), iterations: 3, warmupIterations: 2 });
  for (const [name, fn] of tasks) bench.add(name, fn);
  await bench.run();
  return bench.tasks.map((t) => [t.name, t.result.latency.p50]);
}

const rows = [];
for (const n of SIZES) {
  const allCases = cases(n);
  const stepsTensors = {};
  for (const dtype of ["float32", "float64"]) {
    const Out = dtype === "float32" ? Float32Array : Float64Array;
    for (const c of allCases) {
      const s = new ExponentialDecay({ initialLearningRate: LR, decaySteps: DECAY_STEPS, decayRate: RATE, staircase: c.staircase, dtype });
      const reference = c.steps === null ? s.range(0, n, { backend: "js" }) : s.evaluate(c.steps, { backend: "js" });
      const out = new Out(n);
      const source = new Out(n).fill(0.25);
      const run = (backend) => () => (c.steps === null ? s.range(0, n, { backend, out }) : s.evaluate(c.steps, { backend, out }));
      const tasks = [
        ["naive Math.pow loop", () => naive(c.steps, n, c.staircase, out)],
        ["lrdecay, Wasm SIMD", run("wasm-simd")],
        ["lrdecay, Wasm scalar", run("wasm-scalar")],
        ["lrdecay, JS twin", run("js")],
        c.steps === null ? ["floor: out.fill", () => out.fill(0.5)] : ["floor: out.set (copy N)", () => out.set(source)],
      ];
      const exact = {};
      for (const [name, fn] of tasks) {
        if (name.startsWith("floor")) continue;
        out.fill(NaN);
        fn();
        exact[name] = sameBits(out, reference);
      }
      const timed = await measure(tasks);
      // TF.js: the same formula on a steps tensor made beforehand; float32 only.
      if (dtype === "float32") {
        for (const backend of ["cpu", "wasm"]) {
          await tf.setBackend(backend);
          await tf.ready();
          const key = `${backend}:${c.name}`;
          stepsTensors[key] ??= c.steps === null ? tf.range(0, n, 1, "float32") : tf.tensor1d(Float32Array.from(c.steps), "float32");
          const stepsT = stepsTensors[key];
          const formula = () => {
            const result = tf.tidy(() => {
              let p = tf.div(stepsT, DECAY_STEPS);
              if (c.staircase) p = tf.floor(p);
              return tf.mul(LR, tf.pow(RATE, p));
            });
            const data = result.dataSync(); // outside tidy: tidy would scan a returned array
            result.dispose();
            return data;
          };
          const name = `TF.js ${backend} backend`;
          exact[name] = sameBits(formula(), reference);
          timed.push(...(await measure([[name, formula]])));
        }
      }
      const naiveMs = timed.find(([name]) => name.startsWith("naive"))[1];
      for (const [name, ms] of timed)
        rows.push({ n, dtype, case: c.name, row: name, ms, xNaive: naiveMs / ms, kerasBits: exact[name] ?? null });
      process.stderr.write(`.`);
    }
  }
  for (const t of Object.values(stepsTensors)) t.dispose();
}
process.stderr.write("\n");

// Cold start: a new process imports the library and computes its first 1e6-step range.
const coldScript = `const t0 = performance.now(); const { ExponentialDecay } = await import(${JSON.stringify(new URL("../dist/index.js", import.meta.url).href)});
new ExponentialDecay(0.1, 100000, 0.96).range(0, 1e6); console.log(performance.now() - t0);`;
const colds = Array.from({ length: quick ? 3 : 9 }, () => Number(execFileSync(process.execPath, ["--input-type=module", "-e", coldScript]).toString()));
colds.sort((a, b) => a - b);
const coldMs = colds[Math.floor(colds.length / 2)];

const fmt = (x, digits = 3) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(digits));
const header = "| N | dtype | steps | row | median ms | × naive | Keras' bits |\n|---:|---|---|---|---:|---:|---:|";
const line = (r) =>
  `| ${r.n.toExponential(0).replace("+", "")} | ${r.dtype} | ${r.case} | ${r.row} | ${fmt(r.ms)} | ${r.xNaive.toFixed(1)} | ${r.kerasBits === null ? "" : `${(100 * r.kerasBits).toFixed(r.kerasBits === 1 ? 0 : 1)}%`} |`;
const machineLine = `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.date}; Wasm ${machine.wasmSimd ? "SIMD" : "scalar"} build, ${machine.wasmBytes} bytes; cold start (import + first 1e6 range, new process): ${coldMs.toFixed(1)} ms`;
const table = `${machineLine}\n\n${header}\n${rows.map(line).join("\n")}\n`;
console.log(table);
writeFileSync(new URL("results.json", import.meta.url), JSON.stringify({ machine, quick, coldStartMs: coldMs, rows }, null, 2) + "\n");
writeFileSync(new URL("results.md", import.meta.url), `# npm run bench${quick ? " -- --quick" : ""}\n\n${table}`);

if (flags.readme) {
  const readme = new URL("../README.md", import.meta.url);
  const text = readFileSync(readme, "utf8");
  const summary = `${machineLine}\n\n${header}\n${rows.filter((r) => r.n === 1e6).map(line).join("\n")}\n`;
  const updated = text.replace(/(<!-- bench:start -->\n)[\s\S]*?(<!-- bench:end -->)/, `$1${summary}$2`);
  if (updated === text) throw new Error("README.md has no <!-- bench:start --> ... <!-- bench:end --> section");
  writeFileSync(readme, updated);
}
