// Measures the figures the README states for the lrdecay command (its "Command line" section):
// the wall time and peak memory (VmHWM, scripts/peak-rss.cjs) of 1e7 steps written as CSV, JSON and .f32, and of a
// summary alone. Each output is one child process of the built command (dist/cli.js: run
// `npm run build` first); the kinds take turns over ROUNDS rounds and each figure is the median of
// its rounds, so that a slow spell of a shared machine falls on every kind, not on one.
//
//   node scripts/measure-cli.mjs [rounds]
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";

const CLI = new URL("../dist/cli.js", import.meta.url).pathname;
const ROUNDS = Number(process.argv[2] ?? 5);
const STEPS = 1e7;
// A schedule that stays within float32's normal range over all 1e7 steps: no zeros to flatter the text.
const SCHEDULE = ["--initial-learning-rate", "0.1", "--decay-steps", "1000000", "--decay-rate", "0.96", "--steps", String(STEPS)];
const KINDS = [
  ["CSV", ["--out", "t.csv"]],
  ["JSON", ["--out", "t.json"]],
  [".f32", ["--out", "t.f32"]],
  ["summary only", []],
];

const dir = mkdtempSync(join(tmpdir(), "lrdecay-measure-"));
const preload = new URL("./peak-rss.cjs", import.meta.url).pathname;

const runs = Object.fromEntries(KINDS.map(([name]) => [name, []]));
try {
  for (let round = 0; round < ROUNDS; round++)
    for (const [name, args] of KINDS) {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, ["-r", preload, CLI, ...SCHEDULE, ...args], { cwd: dir, encoding: "utf8" });
      const seconds = (performance.now() - t0) / 1000;
      if (r.status !== 0) throw new Error(`${name}: exit ${r.status}: ${r.stderr}`);
      const mib = Number(/maxrss (\d+)/.exec(r.stderr)[1]) / 1024;
      runs[name].push({ seconds, mib, bytes: args.length > 0 ? statSync(join(dir, args[1])).size : 0 });
    }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
console.log(`lrdecay ${STEPS.toExponential()} steps, ${ROUNDS} rounds, medians (Node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(1)} at the end):`);
const f32 = median(runs[".f32"].map((r) => r.seconds));
for (const [name] of KINDS) {
  const seconds = median(runs[name].map((r) => r.seconds));
  const mib = median(runs[name].map((r) => r.mib));
  const bytes = runs[name][0].bytes;
  const range = `${Math.min(...runs[name].map((r) => r.seconds)).toFixed(2)}-${Math.max(...runs[name].map((r) => r.seconds)).toFixed(2)} s`;
  console.log(
    `  ${name.padEnd(12)} ${seconds.toFixed(2)} s (${range}; ${(seconds / f32).toFixed(1)}x .f32), peak RSS ${mib.toFixed(0)} MiB` +
      (bytes > 0 ? `, ${(bytes / 2 ** 20).toFixed(0)} MiB written` : ""),
  );
}
