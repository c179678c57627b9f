// Where a cold start's time goes (bench/cold-start.mjs times the whole): copies a built dist/ to a
// temporary folder, inserts performance.now() marks into its bundle at each phase (module loading,
// evaluation, the Wasm's decoding, compilation and instantiation, the range's plan, kernel calls and
// copies into the output), runs the cold start in new processes and prints each phase's median, in
// ms, as a Markdown table. The marks are placed by matching the bundle's text: when the code they
// match changes, it stops with the text it did not find, and this file needs the new text.
//   node bench/cold-start-breakdown.mjs [runs] [dist folder ...]   (default: 21 runs of ./dist)
// Several folders (another build's dist/, e.g. main's) take turns, one process each, so that a slow
// spell of a shared machine falls on all of them. On a loaded machine, run it as root under
// `chrt -f 10` (real-time priority: other jobs do not interleave) for figures a quiet machine gives.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const mark = (label) => `globalThis.__marks.push([${JSON.stringify(label)}, performance.now()]);`;

// A file, as a user's program is (bench/cold-start.child.mjs says why).
const child = `globalThis.__marks = [];
const url = process.argv[2];
const t0 = performance.now();
const { ExponentialDecay, ready } = await import(url);
${mark("imported")}
await ready();
${mark("ready")}
const rates = new ExponentialDecay(0.1, 100000, 0.96).range(0, 1e6);
${mark("range done")}
console.log(JSON.stringify(globalThis.__marks.map(([l, t]) => [l, t - t0])));`;

/** A copy of `dist` whose bundle records the phases' marks. */
function instrument(dist) {
  const copy = mkdtempSync(join(tmpdir(), "lrdecay-cold-"));
  cpSync(dist, copy, { recursive: true });
  // Outside the package, Node would not know dist/ is ES modules and would parse it twice.
  writeFileSync(join(copy, "package.json"), JSON.stringify({ type: "module" }));
  const chunks = join(copy, "chunks");
  const file = readdirSync(chunks).map((f) => join(chunks, f)).find((f) => readFileSync(f, "utf8").includes("// src/core/wasm.ts"));
  let t = readFileSync(file, "utf8");
  const edit = (find, replace) => {
    const at = typeof find === "string" ? t.indexOf(find) : t.search(find);
    if (at < 0) throw new Error(`bench/cold-start-breakdown.mjs: the bundle no longer has ${find}`);
    t = t.replace(find, replace);
  };
  const around = (find, before, after) => edit(find, (m) => mark(before) + m + mark(after));
  t = mark("evaluation start") + "\n" + t + "\n" + mark("evaluation end");
  around(/var CONSTANTS = [^\n]*(?:\n[^\n]*)*?\n(?=\n\/\/ src\/)/, "constants start", "constants end");
  around("var simdSupported = hasWasm && WebAssembly.validate(SIMD_PROBE);", "probe start", "probe end");
  // `return x;` becomes `const value = x; mark; return value;`
  const timed = (find, label) => edit(find, (m) => `${mark(`${label} start`)} const value = ${m.slice("return ".length, -1)}; ${mark(`${label} end`)} return value;`);
  timed(/return this\.decoded\[variant\] \?\?= [^;]*;/, "decode");
  // Decoding, compiling and instantiating one build, and writing the constant region into it.
  timed(/return this\.kernels\[variant\] \?\?= this\.kernel\(variant, [^\n]*;/, "load");
  around("  const plan = schedule.planFor(dtype2);", "plan start", "plan end");
  edit(/( +)(const count = kernel\([^\n]*\n)/, (m, indent, call) => indent + mark("kernel start") + call + mark("kernel end"));
  around("    if (r.out.buffer !== job.out.buffer) job.out.set(r.out, from);", "copy start", "copy end");
  writeFileSync(file, t);
  writeFileSync(join(copy, "cold.mjs"), child);
  return copy;
}

/** One cold start's phases, in ms. */
function phases(marks) {
  const all = (l) => marks.filter((m) => m[0] === l).map((m) => m[1]);
  const at = (l) => all(l)[0];
  const spans = (from, to) => all(from).reduce((sum, x, i) => sum + all(to)[i] - x, 0);
  const kernel = spans("kernel start", "kernel end");
  const first = all("kernel end")[0] - all("kernel start")[0];
  const wasm = at("load end") - at("load start");
  const evaluation = at("evaluation end") - at("evaluation start");
  const range = at("range done") - at("ready");
  return {
    "Node loads and V8 parses the bundle's files": at("evaluation start"),
    "evaluation: the constant region": at("constants end") - at("constants start"),
    "evaluation: the SIMD probe": at("probe end") - at("probe start"),
    "evaluation: the Wasm (decode, compile, instantiate, write constants)": wasm,
    "evaluation: everything else": evaluation - (at("constants end") - at("constants start")) - (at("probe end") - at("probe start")) - wasm,
    "import's end and await ready()": at("ready") - at("evaluation end"),
    "range: the plan (the schedule's BigInt constants)": at("plan end") - at("plan start"),
    "range: the kernel's first call (Liftoff, compiled lazily)": first,
    "range: the kernel's other calls": kernel - first,
    "range: copies into the new array (its pages' first touch)": spans("copy start", "copy end"),
    "range: everything else (constructor, options, undecided elements)": range - (at("plan end") - at("plan start")) - kernel - spans("copy start", "copy end"),
    total: at("range done"),
  };
}

const args = process.argv.slice(2);
const runs = args.length > 0 && /^\d+$/.test(args[0]) ? Number(args.shift()) : 21;
const dists = (args.length > 0 ? args : [new URL("../dist", import.meta.url).pathname]).map((d) => resolve(d));
const copies = dists.map(instrument);
const results = dists.map(() => []);
for (let r = 0; r < runs; r++)
  copies.forEach((copy, i) => {
    const out = execFileSync(process.execPath, [join(copy, "cold.mjs"), pathToFileURL(join(copy, "index.js")).href], { encoding: "utf8" });
    results[i].push(phases(JSON.parse(out)));
  });
for (const copy of copies) rmSync(copy, { recursive: true, force: true });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`| phase (ms, median of ${runs} new processes) | ${dists.join(" | ")} |`);
console.log(`|---|${dists.map(() => "---:").join("|")}|`);
for (const phase of Object.keys(results[0][0])) console.log(`| ${phase} | ${results.map((rs) => median(rs.map((p) => p[phase])).toFixed(2)).join(" | ")} |`);
