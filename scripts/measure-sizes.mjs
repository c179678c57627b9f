// Measures, from the built package (run `npm run build` first), every size the README states:
//   - each entry point of package.json "exports" as a page loads it: the entry bundled with all it
//     imports (esbuild, minified; peer dependencies such as TF.js left out), gzipped (zlib level 9);
//   - which frameworks' code and Wasm modules each entry loads: a framework is a module of
//     src/generated/wasm/ (one per folder of assembly/, scripts/build-wasm.mjs). A page without a
//     bundler loads every file of dist/ the entry imports, statically, however deep (a bundler may
//     drop some): in those files its Wasm is found by the base64 of its builds, its code by the
//     module comments esbuild writes into dist/ (`// src/<framework>/...`, `// assembly/...`);
//   - each Wasm module's bytes per build, as ready() reports them, in a new Node process;
//   - the npm tarball: `npm pack --dry-run --json --ignore-scripts` (so measuring does not rebuild).
//
//   node scripts/measure-sizes.mjs            prints the README's size block
//   node scripts/measure-sizes.mjs --readme   rewrites README.md's figures: the block between
//                                             <!-- sizes:start --> and <!-- sizes:end -->, and what
//                                             the `await ready();` example says it resolves with
//                                             (the tarball holds the README, so it measures again
//                                             until nothing changes)
//   node scripts/measure-sizes.mjs --json     prints the measurements
// test/readme.test.ts and test/package.test.ts import measure() and measureEntries().
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const root = new URL("..", import.meta.url);
const rootPath = fileURLToPath(root);
const README = new URL("README.md", root);
export const MARKERS = /<!-- sizes:start -->\n[\s\S]*?<!-- sizes:end -->/;
/** zlib's highest level, as servers and CDNs precompress static files. */
const GZIP_LEVEL = 9;

const readJSON = (url) => JSON.parse(readFileSync(url, "utf8"));

/** Every framework's Wasm module as embedded in the build: its name and the base64 of each build. */
function wasmModules() {
  const dir = new URL("src/generated/wasm/", root);
  return readdirSync(dir)
    .filter((f) => f.endsWith(".ts"))
    .sort()
    .map((f) => {
      const source = readFileSync(new URL(f, dir), "utf8");
      const build = (name) => {
        const m = source.match(new RegExp(`export const ${name}: string = "([A-Za-z0-9+/=]+)";`));
        if (m === null) throw new Error(`src/generated/wasm/${f} has no ${name}: rebuild (npm run build).`);
        return m[1];
      };
      return { name: f.slice(0, -3), simd: build("SIMD_WASM"), scalar: build("SCALAR_WASM") };
    });
}

/** The entry points of package.json "exports" that are JavaScript, with the name a page imports. */
function entryPoints(pkg) {
  return Object.entries(pkg.exports)
    .filter(([, target]) => typeof target === "object" && typeof target.default === "string" && target.default.endsWith(".js"))
    .map(([subpath, target]) => ({ name: subpath === "." ? pkg.name : `${pkg.name}/${subpath.slice(2)}`, subpath, file: target.default }));
}

/** The files of dist/ a page without a bundler loads for `file`: it and its static imports, however deep. */
function staticImports(file) {
  const files = [];
  const visit = (url) => {
    if (files.some((f) => f.href === url.href)) return;
    files.push(url);
    const source = readFileSync(url, "utf8");
    for (const [, specifier] of source.matchAll(/(?:^|\n)\s*(?:(?:import|export)\s[^;]*?from\s*|import\s*)"(\.[^"]+)"/g)) visit(new URL(specifier, url));
  };
  visit(new URL(file, root));
  return files;
}

/** An entry point bundled as a page loads it, and what it brings. */
async function measureEntry(entry, pkg, modules) {
  const external = Object.keys(pkg.peerDependencies ?? {});
  const result = await build({
    entryPoints: [fileURLToPath(new URL(entry.file, root))],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    external,
    write: false,
    metafile: true,
    // A bundler drops a chunk imported for its side effects alone ("sideEffects": false), as esbuild
    // warns; the size is the bundle's, what the entry loads is read from every file it imports.
    logLevel: "error",
  });
  const code = Buffer.from(result.outputFiles[0].contents);
  const loaded = staticImports(entry.file).map((f) => readFileSync(f, "utf8"));
  const text = loaded.join("\n");
  const sources = new Set(loaded.flatMap((source) => [...source.matchAll(/^\/\/ ((?:src|assembly)\/\S+)$/gm)].map((m) => m[1])));
  const names = modules.map((m) => m.name);
  return {
    name: entry.name,
    subpath: entry.subpath,
    minified: code.length,
    gzipped: gzipSync(code, { level: GZIP_LEVEL }).length,
    external: external.filter((e) => result.metafile.outputs[Object.keys(result.metafile.outputs)[0]].imports.some((i) => i.path === e)),
    wasm: modules.filter((m) => text.includes(m.simd) || text.includes(m.scalar)).map((m) => ({
      module: m.name, simd: text.includes(m.simd), scalar: text.includes(m.scalar),
    })),
    code: names.filter((n) => [...sources].some((s) => s.startsWith(`src/${n}/`) || s.startsWith(`assembly/${n}/`))),
    sourceModules: sources.size,
  };
}

/** What ready() reports for each build, in a new process that imports every entry but those needing a peer dependency. */
function readyReports(entries) {
  const urls = entries.filter((e) => e.external.length === 0).map((e) => new URL(e.file, root).href);
  const rootUrl = new URL(entries.find((e) => e.subpath === ".").file, root).href;
  const run = (imports) => JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", `
    const m = await import(${JSON.stringify(imports[0])});
    for (const u of ${JSON.stringify(imports.slice(1))}) await import(u);
    console.log(JSON.stringify({ default: await m.ready(), simd: await m.ready("wasm-simd"), scalar: await m.ready("wasm-scalar") }));`], { encoding: "utf8" }));
  return { all: run([rootUrl, ...urls.filter((u) => u !== rootUrl)]), root: run([rootUrl]) };
}

/** The npm tarball as `npm pack` would write it. */
function tarball() {
  const [pack] = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: rootPath, encoding: "utf8" }));
  const largest = [...pack.files].sort((a, b) => b.size - a.size)[0];
  return { filename: pack.filename, packed: pack.size, unpacked: pack.unpackedSize, files: pack.entryCount, largest: { path: largest.path, bytes: largest.size } };
}

/** Each entry point as a page loads it, and the Wasm modules of the build. */
export async function measureEntries() {
  const pkg = readJSON(new URL("package.json", root));
  const modules = wasmModules();
  const entries = [];
  for (const e of entryPoints(pkg)) entries.push({ ...(await measureEntry(e, pkg, modules)), file: e.file });
  return { entries, modules };
}

/** Every figure, measured now. */
export async function measure() {
  const { entries, modules } = await measureEntries();
  const ready = readyReports(entries);
  for (const m of modules) {
    const decoded = { simd: Buffer.from(m.simd, "base64").length, scalar: Buffer.from(m.scalar, "base64").length };
    if (ready.all.simd.modules[m.name] !== decoded.simd || ready.all.scalar.modules[m.name] !== decoded.scalar)
      throw new Error(`ready() reports ${m.name} as ${ready.all.simd.modules[m.name]} and ${ready.all.scalar.modules[m.name]} bytes; src/generated/wasm/${m.name}.ts holds ${decoded.simd} and ${decoded.scalar}: rebuild (npm run build).`);
  }
  return {
    entries,
    modules: modules.map((m) => ({ name: m.name, simd: ready.all.simd.modules[m.name], scalar: ready.all.scalar.modules[m.name] })),
    ready: ready.root.default,
    tarball: tarball(),
  };
}

const bytes = (n) => `${n.toLocaleString("en-US")} bytes`;
const kib = (n) => `${(n / 1024).toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 })} KiB`;
// The tarball holds the README: stated to the KiB, so that editing the README seldom changes them.
const wholeKib = (n) => `${Math.round(n / 1024).toLocaleString("en-US")} KiB`;

/** The README's block for these measurements. */
export function render(sizes) {
  const entryRows = sizes.entries.map((e) => {
    const loads = e.wasm.map((w) => w.module).join(", ") || "none";
    const name = e.external.length ? `\`${e.name}\` (without ${e.external.map((x) => `\`${x}\``).join(", ")})` : `\`${e.name}\``;
    return `| ${name} | ${kib(e.gzipped)} (${bytes(e.gzipped)}) | ${kib(e.minified)} | ${loads} |`;
  });
  const moduleRows = sizes.modules.map((m) => `| ${m.name} | ${bytes(m.simd)} | ${bytes(m.scalar)} |`);
  const t = sizes.tarball;
  return [
    "<!-- sizes:start -->",
    "| entry point | minified + gzipped | minified | Wasm modules it loads (both builds, as base64) |",
    "|---|---:|---:|---|",
    ...entryRows,
    "",
    "| Wasm module | SIMD build | scalar build |",
    "|---|---:|---:|",
    ...moduleRows,
    "",
    `The npm tarball (\`${t.filename}\`) is ${wholeKib(t.packed)}, ${wholeKib(t.unpacked)} unpacked in ${t.files} files; the largest is`,
    `\`${t.largest.path}\` (${wholeKib(t.largest.bytes)}).`,
    "",
    "Measured from the built package by `node scripts/measure-sizes.mjs --readme`, which rewrites this",
    "block: each entry bundled with everything it imports (esbuild, minified) and gzipped at zlib level",
    "9; the Wasm bytes as `ready()` reports them; the tarball as `npm pack` writes it, to the KiB since",
    "it holds this README. `test/readme.test.ts` measures again and fails when a figure here differs.",
    "<!-- sizes:end -->",
  ].join("\n");
}

/** The API screen's `await ready();` line and the object it says ready() resolves with. */
export const READY_EXAMPLE = /^(await ready\(\); +\/\/ )(\{ simd: (?:true|false), bytes: \d+, modules: \{[^}]*\} \})/m;

/** ready()'s result as the README writes it: `{ simd: true, bytes: 35563, modules: { keras: 35563 } }`. */
export function renderReady(info) {
  const modules = Object.entries(info.modules).map(([name, bytes]) => `${name}: ${bytes}`).join(", ");
  return `{ simd: ${info.simd}, bytes: ${info.bytes}, modules: { ${modules} } }`;
}

/** The README's text with these measurements in its size block and its ready() example. */
export function rewrite(text, sizes) {
  if (!MARKERS.test(text)) throw new Error("README.md has no <!-- sizes:start --> ... <!-- sizes:end --> block");
  if (!READY_EXAMPLE.test(text)) throw new Error("README.md has no `await ready();    // { simd: ..., bytes: ..., modules: { ... } }` line");
  return text.replace(MARKERS, () => render(sizes)).replace(READY_EXAMPLE, (_, head) => head + renderReady(sizes.ready));
}

/** Rewrites the README until measuring it again changes nothing (the tarball holds the README). */
async function rewriteReadme() {
  for (let round = 0; round < 5; round++) {
    const text = readFileSync(README, "utf8");
    const sizes = await measure();
    const next = rewrite(text, sizes);
    if (next === text) return render(sizes);
    writeFileSync(README, next);
  }
  throw new Error("The README's figures did not settle in 5 rounds.");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const flag = process.argv[2];
  if (flag === "--readme") console.log(await rewriteReadme());
  else if (flag === "--json") console.log(JSON.stringify(await measure(), null, 2));
  else if (flag === undefined) console.log(render(await measure()));
  else throw new Error(`Unknown option ${flag}: --readme, --json or none.`);
}
