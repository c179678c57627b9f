// Cold start, as issue 19's target defines it: in a new Node process, from before `import("lrdecay")`
// to after `await ready()` and the first 1e6-step range (ExponentialDecay, float32), timed inside
// the process (Node's own start is not counted). The built package (dist/) is measured; run
// `npm run build` first. bench/bench.mjs reports it in its machine line; alone:
//   node bench/cold-start.mjs [runs]      (default 15; prints the median, min and max in ms)
// Times depend on the machine and its load: a median over new processes, never asserted by a test.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The target, in milliseconds (issue 19). */
export const COLD_START_TARGET_MS = 10;

const script = `const t0 = performance.now();
const { ExponentialDecay, ready } = await import(${JSON.stringify(new URL("../dist/index.js", import.meta.url).href)});
await ready();
const rates = new ExponentialDecay(0.1, 100000, 0.96).range(0, 1e6);
const ms = performance.now() - t0;
if (rates.length !== 1e6 || rates[0] !== Math.fround(0.1)) throw new Error("wrong range");
console.log(ms);`;

/** Times `runs` cold starts, each in a new process, one after another. */
export function measureColdStart(runs) {
  const times = Array.from({ length: runs }, () => Number(execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" })));
  const sorted = [...times].sort((a, b) => a - b);
  return { runs: times, medianMs: sorted[Math.floor(sorted.length / 2)], minMs: sorted[0], maxMs: sorted[sorted.length - 1] };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const runs = Number(process.argv[2] ?? 15);
  const { medianMs, minMs, maxMs } = measureColdStart(runs);
  console.log(`cold start (import + await ready() + first 1e6 range, new process, ${runs} runs): median ${medianMs.toFixed(1)} ms, min ${minMs.toFixed(1)}, max ${maxMs.toFixed(1)}; target <= ${COLD_START_TARGET_MS} ms`);
}
