// Cold start, as the speed target defines it: in a new Node process, from before `import("lrdecay")`
// to after `await ready()` and the first 1e6-step range (ExponentialDecay, float32), timed inside
// the process (bench/cold-start.child.mjs; Node's own start is not counted). The built package
// (dist/) is measured: run `npm run build` first. bench/bench.mjs reports it in its machine line;
// alone:
//   node bench/cold-start.mjs [runs [entry URL]]   (default 15 runs of dist/index.js; prints the
//                                                    median, min and max in ms, and the medians
//                                                    of bench/cold-start.loop.mjs' baselines)
// Times depend on the machine and its load: a median over new processes, never asserted by a test.
// On a shared, loaded machine, run it as root under `chrt -f 10` (real-time priority: other jobs do
// not interleave) for what a quiet machine measures; bench/cold-start-breakdown.mjs splits the time.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The target, in milliseconds: import, ready() and a first million-step range within 10 ms. */
export const COLD_START_TARGET_MS = 10;

const median = (times) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];

/**
 * Times `runs` cold starts of `entry` (a URL), each in a new process, and as many of each baseline
 * (bench/cold-start.loop.mjs, no import: the user's loop into a new array, and the new array's first
 * touch alone), taking turns so that a slow spell of the machine falls on all three.
 */
export function measureColdStart(runs, entry = new URL("../dist/index.js", import.meta.url).href) {
  const child = fileURLToPath(new URL("cold-start.child.mjs", import.meta.url));
  const baseline = fileURLToPath(new URL("cold-start.loop.mjs", import.meta.url));
  const time = (args) => Number(execFileSync(process.execPath, args, { encoding: "utf8" }));
  const times = [];
  const loops = [];
  const touches = [];
  for (let r = 0; r < runs; r++) {
    times.push(time([child, entry]));
    loops.push(time([baseline, "loop"]));
    touches.push(time([baseline, "touch"]));
  }
  const sorted = [...times].sort((a, b) => a - b);
  return {
    runs: times, medianMs: median(times), minMs: sorted[0], maxMs: sorted[sorted.length - 1],
    loopRuns: loops, loopMs: median(loops), touchRuns: touches, touchMs: median(touches),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const runs = Number(process.argv[2] ?? 15);
  const { medianMs, minMs, maxMs, loopMs, touchMs } = measureColdStart(runs, process.argv[3]);
  console.log(`cold start (import + await ready() + first 1e6 range, new process, ${runs} runs): median ${medianMs.toFixed(1)} ms, min ${minMs.toFixed(1)}, max ${maxMs.toFixed(1)}; target <= ${COLD_START_TARGET_MS} ms`);
  console.log(`without lrdecay, in new processes (medians of ${runs}): the user's loop into a new Float32Array ${loopMs.toFixed(1)} ms; the new array's first touch alone (fill) ${touchMs.toFixed(1)} ms`);
}
