// Where a cold start's time goes (bench/cold-start.mjs times the whole, the same way: a new process,
// from before `import(entry)` to after `await ready()` and the first 1e6-step ExponentialDecay
// range). Copies a built dist/ to a temporary folder, puts a mark at the start and the end of each of
// its files (their evaluation), and in the child process, before the import, wraps what the phases
// are made of by what they are, not by the bundle's text (which esbuild reshuffles between chunks):
// the base64 decoder (Buffer.from(…, "base64")), WebAssembly.Module (decode and compile),
// WebAssembly.Instance (instantiate) and its exported functions (the kernels' calls),
// Float64Array's set of the constant region into Wasm memory, and the typed-array set that copies a
// chunk's results out of Wasm memory into the new output (its pages' first touch). If a phase never
// happens (no Wasm compiled, no kernel called, no copy), it stops and says which: the library then
// works differently and this file needs to follow.
//   node bench/cold-start-breakdown.mjs [runs] [--v8 flags] [dist folder ...]
//     (default: 21 runs of ./dist; e.g. --liftoff-only or --no-liftoff to see what each tier costs)
// Several folders (another build's dist/, e.g. main's) take turns, one process each, so that a slow
// spell of a shared machine falls on all of them. On a loaded machine, run it as root under
// `chrt -f 10` (real-time priority: other jobs do not interleave) for figures a quiet machine gives.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const mark = (label) => `globalThis.__marks?.push([${JSON.stringify(label)}, performance.now()]);`;

// The child: a file, as a user's program is (bench/cold-start.child.mjs says why). The hooks are
// installed before t0 so that their own setup is not counted; each adds two performance.now() calls.
const child = `const marks = (globalThis.__marks = []);
const now = () => performance.now();
const span = (label, f) => { const a = now(); try { return f(); } finally { marks.push([label + " start", a], [label + " end", now()]); } };
const NodeBuffer = globalThis.Buffer;
const from = NodeBuffer.from.bind(NodeBuffer);
NodeBuffer.from = (x, enc, ...rest) => enc === "base64" ? span("base64 " + x.length, () => from(x, enc, ...rest)) : from(x, enc, ...rest);
const W = WebAssembly;
const memories = [];
// A grown memory has a new buffer: compared with each memory's current one.
const inWasm = (buffer) => buffer !== undefined && memories.some((m) => m.buffer === buffer);
W.Module = class extends W.Module { constructor(bytes) { const a = now(); super(bytes); marks.push(["compile " + bytes.length + " start", a], ["compile " + bytes.length + " end", now()]); } };
const OrigInstance = W.Instance;
W.Instance = class extends OrigInstance {
  constructor(m, i) { const a = now(); super(m, i); marks.push(["instantiate start", a], ["instantiate end", now()]); }
  get exports() {
    const raw = super.exports;
    const wrapped = {};
    for (const [k, v] of Object.entries(raw)) {
      if (v instanceof W.Memory && !memories.includes(v)) memories.push(v);
      // A kernel returns how many of its chunk's elements it left undecided (or -1 - index of a bad step).
      wrapped[k] = typeof v === "function" ? (...args) => span("call " + k, () => { const r = v(...args); if (/(32|64)$/.test(k) && r > 0) marks.push(["undecided " + r, now()]); return r; }) : v;
    }
    return wrapped;
  }
};
for (const T of [Float32Array, Float64Array]) {
  const set = T.prototype.set;
  T.prototype.set = function (src, offset) {
    // Into Wasm memory from outside: a kernel's parameters or the constant region; out of Wasm memory
    // into an array outside it: the copy of a chunk's results into the output.
    const into = inWasm(this.buffer), outOf = inWasm(src?.buffer);
    const label = into && !outOf ? (src.length > 1000 ? "constants" : "params") : outOf && !into ? "copy" : null;
    return label === null ? set.call(this, src, offset) : span(label, () => set.call(this, src, offset));
  };
}
const url = process.argv[2];
const t0 = performance.now();
const { ExponentialDecay, ready } = await import(url);
marks.push(["imported", now()]);
await ready();
marks.push(["ready", now()]);
const rates = new ExponentialDecay(0.1, 100000, 0.96).range(0, 1e6);
marks.push(["range done", now()]);
if (rates.length !== 1e6 || rates[0] !== Math.fround(0.1)) throw new Error("wrong range");
// The same copies again into pages already touched: what the first touch of the 4 MB costs is the difference.
const warm = new Float32Array(1e6); warm.fill(1);
const src = new Float32Array(1 << 16);
const a = now(); for (let i = 0; i < 1e6; i += 1 << 16) warm.set(src.subarray(0, Math.min(1 << 16, 1e6 - i)), i);
marks.push(["warm copies start", a], ["warm copies end", now()]);
console.log(JSON.stringify(marks.map(([l, t]) => [l, t - t0])));`;

function jsFiles(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? (f === "types" ? [] : jsFiles(p)) : p.endsWith(".js") ? [p] : [];
  });
}

/** A copy of `dist` whose files mark their evaluation's start and end. */
function instrument(dist) {
  const copy = mkdtempSync(join(tmpdir(), "lrdecay-cold-"));
  cpSync(dist, copy, { recursive: true });
  // Outside the package, Node would not know dist/ is ES modules and would parse it twice.
  writeFileSync(join(copy, "package.json"), JSON.stringify({ type: "module" }));
  for (const file of jsFiles(copy)) {
    const name = relative(copy, file);
    const text = readFileSync(file, "utf8");
    // After the imports (hoisted anyway): the mark runs when this file's own body starts.
    writeFileSync(file, `${mark(`eval ${name} start`)}\n${text}\n${mark(`eval ${name} end`)}\n`);
  }
  writeFileSync(join(copy, "cold.mjs"), child);
  // Node's own part: the same dynamic import of a module with nothing in it.
  writeFileSync(join(copy, "empty.js"), "export {};\n");
  writeFileSync(join(copy, "empty-import.mjs"), "const t0 = performance.now();\nawait import(process.argv[2]);\nconsole.log(performance.now() - t0);\n");
  return copy;
}

/** One cold start's phases, in ms. */
function phases(marks) {
  const starts = (re) => marks.filter(([l]) => re.test(l) && l.endsWith(" start"));
  const total = (re, from = -Infinity, to = Infinity) => starts(re).filter(([, t]) => t >= from && t < to).reduce((sum, [l, t]) => sum + marks.find(([m, u]) => m === l.replace(/ start$/, " end") && u >= t)[1] - t, 0);
  const at = (l) => {
    const m = marks.find(([x]) => x === l);
    if (m === undefined) throw new Error(`bench/cold-start-breakdown.mjs: no "${l}" mark in this cold start`);
    return m[1];
  };
  const need = (re, what) => {
    if (starts(re).length === 0) throw new Error(`bench/cold-start-breakdown.mjs: ${what} never happened in this cold start; the library loads differently now`);
  };
  need(/^compile /, "WebAssembly.Module (compiling a build)");
  need(/^instantiate/, "WebAssembly.Instance");
  need(/^constants/, "writing the constant region into Wasm memory");
  need(/^call \w+(32|64) /, "a kernel's call");
  need(/^copy/, "copying a chunk's results into the output");
  const evals = marks.filter(([l]) => /^eval .* start$/.test(l));
  // Pairs of the same label, in order: the Nth start with the Nth end at or after it.
  const spansOf = (re) => {
    const out = [];
    for (const [l, t] of starts(re)) out.push(marks.find(([m, u]) => m === l.replace(/ start$/, " end") && u >= t)[1] - t);
    return out;
  };
  const compiles = starts(/^compile /).map(([l]) => l.split(" ")[1]);
  const kernelCalls = spansOf(/^call \w+(32|64) /);
  const base64 = total(/^base64 /), compile = total(/^compile /), instantiate = total(/^instantiate/), constants = total(/^constants/);
  const firstEval = Math.min(...evals.map(([, t]) => t)), lastEval = Math.max(...marks.filter(([l]) => /^eval .* end$/.test(l)).map(([, t]) => t));
  const evaluation = lastEval - firstEval;
  // The module's other exports: constants() and constantsLength() at evaluation, reserve() (the
  // scratch region, which grows the memory) at the range's first chunk.
  const otherCalls = total(/^call (?!\w+(32|64) )/, -Infinity, lastEval);
  const reserve = total(/^call (?!\w+(32|64) )/, lastEval);
  const copies = total(/^copy/), params = total(/^params/);
  // From a kernel call's end to the copy that follows it: the undecided elements computed in JS.
  const kernelEnds = marks.filter(([l]) => /^call \w+(32|64) end$/.test(l)).map(([, t]) => t);
  const copyStarts = marks.filter(([l]) => l === "copy start").map(([, t]) => t);
  const undecidedTime = kernelEnds.reduce((sum, t, i) => sum + (copyStarts[i] ?? t) - t, 0);
  const undecided = marks.filter(([l]) => l.startsWith("undecided ")).reduce((n, [l]) => n + Number(l.split(" ")[1]), 0);
  const firstCall = marks.find(([l]) => /^call \w+(32|64) start$/.test(l))[1];
  const range = at("range done") - at("ready");
  return {
    "Node resolves, loads and parses the entry and its chunks (before any evaluates)": firstEval,
    "evaluation: base64 decoding (constants and the Wasm build)": base64,
    "evaluation: compile (WebAssembly.Module)": compile,
    "(builds compiled)": compiles.length,
    "(their bytes)": compiles.reduce((a, b) => a + Number(b), 0),
    "evaluation: instantiate": instantiate,
    "evaluation: constant region written into Wasm memory": constants,
    "evaluation: the module's other exports (constants(), constantsLength())": otherCalls,
    "evaluation: everything else (the chunks' own code)": evaluation - base64 - compile - instantiate - constants - otherCalls,
    "import's end and await ready()": at("ready") - lastEval,
    "range: the kernel's first call (lazy Liftoff compile + 65,536 elements)": kernelCalls[0],
    "range: the kernel's other calls": kernelCalls.slice(1).reduce((a, b) => a + b, 0),
    "(the kernel's calls)": kernelCalls.length,
    "range: copies into the new array (its pages' first touch)": copies,
    "(the same copies into pages already touched, after the cold start)": total(/^warm copies/),
    "range: the undecided elements, computed exactly in JS": undecidedTime,
    "(undecided elements)": undecided,
    "range: before the kernel's first call (constructor, validation, plan, scratch)": firstCall - at("ready"),
    "(of which reserve(): the scratch region, growing the memory)": reserve,
    "range: everything else": range - (firstCall - at("ready")) - kernelCalls.reduce((a, b) => a + b, 0) - copies - undecidedTime,
    "(writing each chunk's params)": params,
    total: at("range done"),
  };
}

const args = process.argv.slice(2);
const runs = args.length > 0 && /^\d+$/.test(args[0]) ? Number(args.shift()) : 21;
const flags = args.filter((a) => a.startsWith("--"));
const folders = args.filter((a) => !a.startsWith("--"));
const dists = (folders.length > 0 ? folders : [new URL("../dist", import.meta.url).pathname]).map((d) => resolve(d));
const copies = dists.map(instrument);
const results = dists.map(() => []);
try {
  for (let r = 0; r < runs; r++)
    copies.forEach((copy, i) => {
      const out = execFileSync(process.execPath, [...flags, join(copy, "cold.mjs"), pathToFileURL(join(copy, "index.js")).href], { encoding: "utf8" });
      const floor = Number(execFileSync(process.execPath, [...flags, join(copy, "empty-import.mjs"), pathToFileURL(join(copy, "empty.js")).href], { encoding: "utf8" }));
      const p = phases(JSON.parse(out));
      const [first, ...rest] = Object.entries(p);
      results[i].push(Object.fromEntries([first, ["(of which Node's own: the same import of an empty module, in its own new process)", floor], ...rest]));
    });
} finally {
  for (const copy of copies) rmSync(copy, { recursive: true, force: true });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`| phase (ms, median of ${runs} new processes${flags.length > 0 ? `, node ${flags.join(" ")}` : ""}) | ${dists.join(" | ")} |`);
console.log(`|---|${dists.map(() => "---:").join("|")}|`);
for (const phase of Object.keys(results[0][0])) console.log(`| ${phase} | ${results.map((rs) => { const m = median(rs.map((p) => p[phase])); return /^\((builds|their|the kernel's|undecided)/.test(phase) ? String(m) : m.toFixed(2); }).join(" | ")} |`);
