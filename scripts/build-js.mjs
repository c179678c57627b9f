// Bundles the library's five entry points into dist/ (run by `npm run build`, after tsc has written
// the types). esbuild's code splitting alone makes a chunk for every set of entries that share a
// module: the Keras entry loaded five files (itself and four chunks), and Node's loader costs a cold
// start about 0.3 to 0.4 ms a file (bench/cold-start-breakdown.mjs, Node 20: loading and parsing
// 6.1 ms with 5 files, 5.0 ms with 2, the same code; median of 21 new processes each). So:
//  1. the shared core (every module that entries of more than one framework reach: src/core,
//     src/exact, the numerics twins, the constants) is bundled once, into dist/chunks/chunk-core.js;
//  2. each framework's entries are bundled with code splitting, each import of a core module left
//     to that file; an entry that adds to its framework's main entry (lrdecay/tfjs to lrdecay)
//     imports the framework's code from the main entry's file, so dist/index.js holds Keras' code.
// A framework's own code stays out of the core, so a page importing one framework's schedules still
// loads none of the others' (test/package.test.ts); PyTorch's code, which lrdecay/transformers'
// schedules use, stays in a chunk both load. Every core module is in one file, so there is one Wasm
// module registry, one LearningRateSchedule class, whatever entries a program imports.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { build } from "esbuild";

const root = resolve(new URL("..", import.meta.url).pathname);
const dist = join(root, "dist");
/** Each entry, and the framework whose code it is (tfjs.js is Keras' callbacks; transformers' schedules use PyTorch's). */
const ENTRIES = { "src/index.ts": "keras", "src/tfjs.ts": "keras", "src/torch/index.ts": "torch", "src/transformers/index.ts": "torch", "src/optax/index.ts": "optax" };
const CORE_FILE = "chunks/chunk-core.js";
/** What pass 2 writes for an import of the core; replaced by the path from each output file. */
const CORE_SPECIFIER = "lrdecay:core";
const common = {
  absWorkingDir: root,
  bundle: true,
  format: "esm",
  platform: "neutral",
  mainFields: ["module", "main"],
  external: ["@tensorflow/*"],
  logLevel: "warning",
};

// Pass 0: which modules the entries share, from where plain code splitting puts them.
const probe = await build({ ...common, entryPoints: Object.keys(ENTRIES), splitting: true, outdir: dist, write: false, metafile: true });
const outputs = probe.metafile.outputs;
const closure = (out, seen = new Set()) => {
  if (seen.has(out)) return seen;
  seen.add(out);
  for (const i of outputs[out].imports) if (!i.external && i.kind === "import-statement") closure(i.path, seen);
  return seen;
};
const reachedBy = new Map(); // output chunk → frameworks whose entries load it
for (const [out, meta] of Object.entries(outputs))
  if (meta.entryPoint !== undefined) for (const o of closure(out)) reachedBy.set(o, (reachedBy.get(o) ?? new Set()).add(ENTRIES[meta.entryPoint]));
const core = new Set();
for (const [out, meta] of Object.entries(outputs))
  if (meta.entryPoint === undefined && reachedBy.get(out).size > 1) for (const input of Object.keys(meta.inputs)) core.add(resolve(root, input));
if (core.size === 0) throw new Error("scripts/build-js.mjs: no module is shared between frameworks' entries; the core chunk would be empty");

// Each core module's export names (one build, each module an entry point, nothing written).
const coreModules = [...core].filter((f) => /\.[mc]?[jt]s$/.test(f));
const perModule = await build({ ...common, entryPoints: coreModules, splitting: true, outdir: dist, outbase: root, write: false, metafile: true });
const exportsOf = new Map();
for (const meta of Object.values(perModule.metafile.outputs)) if (meta.entryPoint !== undefined) exportsOf.set(resolve(root, meta.entryPoint), meta.exports);
// Two core modules may export one name (e.g. a validator in two of them): the core file exports such
// a name as `${name}$${module path}`, and an entry's import of the module reads it back under its own
// name (a namespace import too). Every other name keeps its own, so that dist/ reads as the source.
const count = new Map();
for (const names of exportsOf.values()) for (const n of names) count.set(n, (count.get(n) ?? 0) + 1);
const alias = (i, name) => (count.get(name) === 1 ? name : `${name}$${relative(root, coreModules[i]).replace(/\.[mc]?[jt]s$/, "").replace(/\W/g, "_")}`);
const coreEntry = coreModules.map((f, i) => `export { ${exportsOf.get(f).map((n) => (alias(i, n) === n ? n : `${n} as ${alias(i, n)}`)).join(", ")} } from ${JSON.stringify(f)};`).join("\n");

// Pass 1: the core, one file.
const coreBuild = await build({ ...common, stdin: { contents: coreEntry, resolveDir: root, loader: "js", sourcefile: "core.js" }, outfile: join(dist, CORE_FILE), write: false, metafile: true });
const coreExports = new Set(Object.values(coreBuild.metafile.outputs)[0].exports);

// Pass 2: the entries; an import of a core module becomes a module that re-exports its names from the core file.
const toCore = {
  name: "lrdecay-core",
  setup(b) {
    b.onResolve({ filter: /^lrdecay:core$/ }, () => ({ path: CORE_SPECIFIER, external: true }));
    b.onResolve({ filter: /^\./ }, async (args) => {
      if (args.pluginData === "inner") return undefined;
      const r = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: "inner" });
      if (r.errors.length > 0) return { errors: r.errors };
      // The path relative to the root: esbuild writes it in a comment, and dist/ must not depend on where the repository is.
      return core.has(r.path) ? { path: relative(root, r.path), namespace: "lrdecay-core" } : undefined;
    });
    b.onLoad({ filter: /.*/, namespace: "lrdecay-core" }, (args) => {
      const path = resolve(root, args.path);
      const i = coreModules.indexOf(path);
      const names = exportsOf.get(path) ?? [];
      for (const n of names) if (!coreExports.has(alias(i, n))) throw new Error(`scripts/build-js.mjs: the core file lacks ${n} of ${args.path}`);
      return { contents: `import ${JSON.stringify(CORE_SPECIFIER)};\nexport { ${names.map((n) => (alias(i, n) === n ? n : `${alias(i, n)} as ${n}`)).join(", ")} } from ${JSON.stringify(CORE_SPECIFIER)};`, loader: "js" };
    });
  },
};
// One build per framework: esbuild's helpers (__export) that every entry uses would otherwise make
// a chunk of their own, one more file for each entry to load. An entry that only adds to another
// entry of its framework (SECONDARY) is built apart and imports that entry's code from its file,
// so that the main entry holds its framework's code itself: dist/index.js and the core, 2 files.
const SECONDARY = { "src/tfjs.ts": "src/index.ts" };
const outOf = (entry) => join(dist, relative("src", entry).replace(/\.ts$/, ".js"));
const families = [...new Set(Object.values(ENTRIES))].map((f) => Object.keys(ENTRIES).filter((e) => ENTRIES[e] === f && !(e in SECONDARY)));
const options = { ...common, splitting: true, outdir: dist, outbase: join(root, "src"), chunkNames: "chunks/[name]-[hash]", write: false, metafile: true };
/** Each placeholder specifier an output may import, and the file it stands for. */
const specifiers = new Map([[CORE_SPECIFIER, join(dist, CORE_FILE)]]);
const builds = await Promise.all(families.map((entryPoints) => build({ ...options, entryPoints, plugins: [toCore] })));
for (const [entry, main] of Object.entries(SECONDARY)) {
  const mainOut = Object.values(builds.find((b) => Object.values(b.metafile.outputs).some((o) => o.entryPoint === main)).metafile.outputs).find((o) => o.entryPoint === main);
  const mainModules = new Set(Object.keys(mainOut.inputs).filter((k) => !k.includes(":")).map((k) => resolve(root, k)));
  const specifier = `lrdecay:entry:${main}`;
  const toMain = {
    name: "lrdecay-main-entry",
    setup(b) {
      b.onResolve({ filter: /^lrdecay:entry:/ }, (args) => ({ path: args.path, external: true }));
      b.onResolve({ filter: /^\./ }, async (args) => {
        if (args.pluginData === "inner") return undefined;
        const r = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: "inner" });
        return !core.has(r.path) && mainModules.has(r.path) ? { path: relative(root, r.path), namespace: "lrdecay-main" } : undefined;
      });
      // The module's names that the main entry exports; importing any other fails the build ("No matching export").
      b.onLoad({ filter: /.*/, namespace: "lrdecay-main" }, async (args) => {
        const own = await build({ ...common, entryPoints: [resolve(root, args.path)], outdir: dist, write: false, metafile: true, plugins: [toCore] });
        const names = Object.values(own.metafile.outputs)[0].exports.filter((n) => mainOut.exports.includes(n));
        return { contents: `export { ${names.join(", ")} } from ${JSON.stringify(specifier)};`, loader: "js" };
      });
    },
  };
  builds.push(await build({ ...options, entryPoints: [entry], plugins: [toCore, toMain] }));
  specifiers.set(specifier, outOf(main));
}
const outputFiles = builds.flatMap((b) => b.outputFiles);
const paths = outputFiles.map((f) => f.path);
const twice = paths.find((p, i) => paths.indexOf(p) !== i);
if (twice !== undefined) throw new Error(`scripts/build-js.mjs: two builds wrote ${relative(root, twice)}`);

const written = [...coreBuild.outputFiles, ...outputFiles];
for (const file of written) {
  let text = file.text;
  for (const [specifier, target] of specifiers) {
    const spec = relative(dirname(file.path), target).replaceAll("\\", "/");
    text = text.replaceAll(`"${specifier}"`, JSON.stringify(spec.startsWith(".") ? spec : `./${spec}`));
  }
  if (/(?:from|import)\s*"lrdecay:/.test(text)) throw new Error(`scripts/build-js.mjs: ${relative(root, file.path)} still imports a placeholder`);
  mkdirSync(dirname(file.path), { recursive: true });
  writeFileSync(file.path, text);
}
