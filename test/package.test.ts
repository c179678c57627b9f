import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { measureEntries } from "../scripts/measure-sizes.mjs";
import { ExponentialDecay } from "../src/index.js";

// The built package (npm test builds it first): what each entry point loads, followed through
// its static imports.
function importsOf(entry: string): { files: string[]; bare: string[] } {
  const files: string[] = [];
  const bare = new Set<string>();
  const visit = (url: URL) => {
    if (files.includes(url.pathname)) return;
    files.push(url.pathname);
    const source = readFileSync(url, "utf8");
    for (const [, specifier] of source.matchAll(/(?:^|\n)\s*(?:(?:import|export)\s[^;]*?from\s*|import\s*)"([^"]+)"/g)) {
      if (specifier!.startsWith(".")) visit(new URL(specifier!, url));
      else bare.add(specifier!);
    }
    for (const [, specifier] of source.matchAll(/import\(\s*"([^"]+)"\s*\)/g)) bare.add(specifier!);
  };
  visit(new URL(`../dist/${entry}`, import.meta.url));
  return { files, bare: [...bare] };
}

describe("the built package", () => {
  test("import 'lrdecay' loads nothing outside the package: no TF.js, no dependency at all", () => {
    const { files, bare } = importsOf("index.js");
    expect(files.length).toBeGreaterThan(1); // the entry and its shared chunk
    expect(bare).toEqual([]);
  });

  test("every entry shares one core (one ready(), one Wasm module registry); Keras' loads 2 files", async () => {
    // scripts/build-js.mjs puts the modules entries of several frameworks share into one file: a
    // copy per entry would give each its own registry, and ready() from one entry would not wait
    // for another framework's kernels. And Node's loader costs a cold start about 0.3 ms a file:
    // the Keras entry loads itself (Keras' code, which lrdecay/tfjs imports from it) and the core.
    const entries = ["index.js", "torch/index.js", "transformers/index.js", "optax/index.js"];
    const loaded = await Promise.all(entries.map((e) => import(new URL(`../dist/${e}`, import.meta.url).href)));
    for (const [i, m] of loaded.entries()) expect(m.ready, entries[i]).toBe(loaded[0].ready);
    const info = await loaded[0].ready();
    expect(Object.keys(info.modules).sort()).toEqual(["keras", "optax", "torch", "transformers"]);
    const files = importsOf("index.js").files.map((f) => f.slice(f.indexOf("dist/")));
    expect(files).toHaveLength(2);
    expect(files).toContain("dist/chunks/chunk-core.js");
    for (const e of entries) expect(importsOf(e).files.map((f) => f.slice(f.indexOf("dist/")))).toContain("dist/chunks/chunk-core.js");
  });

  test("lrdecay/tfjs loads TF.js' layers package and nothing else from outside", () => {
    expect(importsOf("tfjs.js").bare).toEqual(["@tensorflow/tfjs-layers"]);
  });

  test("an entry point loads its framework's code and Wasm module and no other framework's", async () => {
    // scripts/measure-sizes.mjs bundles each entry of "exports" as a page would and finds each
    // framework's Wasm by the base64 of its builds, its code by the module comments in dist/.
    const { entries, modules } = await measureEntries();
    const frameworks = modules.map((m) => m.name);
    expect(frameworks).toContain("keras");
    expect(entries.map((e) => e.name)).toEqual(expect.arrayContaining(["lrdecay", "lrdecay/keras", "lrdecay/tfjs"]));
    // Hugging Face's schedules are PyTorch LambdaLRs: lrdecay/transformers loads lrdecay/torch's
    // scheduler classes and with them torch's Wasm module (as HF's own code imports torch).
    const alsoLoads: Record<string, string[]> = { transformers: ["torch"] };
    for (const e of entries) {
      // lrdecay/<framework> is that framework's; lrdecay and lrdecay/tfjs are Keras'.
      const own = frameworks.includes(e.subpath.slice(2)) ? e.subpath.slice(2) : "keras";
      expect(e.sourceModules, `${e.name}: dist/ has no module comments to read (minified?)`).toBeGreaterThan(0);
      expect(e.code, `the frameworks whose code ${e.name} loads`).toEqual([...(alsoLoads[own] ?? []), own].sort());
      const wasm = [...(alsoLoads[own] ?? []), own].sort().map((module) => ({ module, simd: true, scalar: true }));
      expect(e.wasm, `the frameworks whose Wasm ${e.name} embeds`).toEqual(wasm);
    }
  }, 120_000);

  test("package.json exports every entry point with its types", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
    for (const [entry, file] of [[".", "index"], ["./keras", "index"], ["./torch", "torch/index"], ["./transformers", "transformers/index"], ["./optax", "optax/index"], ["./tfjs", "tfjs"]]) {
      expect(pkg.exports[entry!].default).toBe(`./dist/${file}.js`);
      expect(readFileSync(new URL(`../${pkg.exports[entry!].types}`, import.meta.url), "utf8")).toContain("export");
    }
    expect(pkg.dependencies).toBeUndefined();
  });
});

describe("the packed package", () => {
  const root = new URL("../", import.meta.url).pathname;
  const bin = (name: string) => new URL(`../node_modules/.bin/${name}`, import.meta.url).pathname;

  test("holds what users need and nothing else", () => {
    const [pack] = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json", "--silent", "--ignore-scripts"], { cwd: root, encoding: "utf8" }));
    const files = (pack.files as { path: string }[]).map((f) => f.path).sort();
    for (const path of files) expect(path).toMatch(/^(package\.json|README\.md|LICENSE|dist\/(index|tfjs|cli|\w+\/index)\.js|dist\/chunks\/chunk-\w+\.js|dist\/types\/.+\.d\.ts)$/);
    expect(files).toContain("dist/index.js");
    expect(files).toContain("LICENSE");
    expect(files).toContain("dist/cli.js");
    // Every chunk shipped is one an entry point loads (no leftovers from earlier builds).
    const entries = files.filter((f) => /^dist\/(\w+\/index|index|tfjs)\.js$/.test(f)).map((f) => f.slice(5));
    const loaded = entries.flatMap((e) => importsOf(e).files).map((f) => f.slice(f.indexOf("dist/")));
    for (const chunk of files.filter((f) => f.startsWith("dist/chunks/"))) expect(loaded).toContain(chunk);
    // The build writes nothing of the machine that built it: the same source gives the same bytes in
    // any folder (the README states the tarball's size, measured in CI's clone).
    for (const path of files.filter((f) => f.startsWith("dist/"))) expect(readFileSync(join(root, path), "utf8").includes(root.replace(/\/$/, "")), path).toBe(false);
    console.log(`tarball: ${files.length} files, ${(pack.size / 1024).toFixed(0)} KiB packed, ${(pack.unpackedSize / 1024).toFixed(0)} KiB unpacked`);
  });

  test("publint finds no problem", () => {
    expect(execFileSync(bin("publint"), ["--strict"], { cwd: root, encoding: "utf8" })).toContain("All good!");
  });

  test("are-the-types-wrong finds no problem but the one require(esm) answers", () => {
    // cjs-resolves-to-esm: require("lrdecay") loads the ES module itself, which Node >= 20.19
    // (engines) does natively; a second CommonJS copy would split instanceof and the kernel.
    // On a tarball packed without scripts: `attw --pack` would run prepack, rebuilding what npm test built.
    const dir = mkdtempSync(join(tmpdir(), "lrdecay-attw-"));
    const tarball = execFileSync("npm", ["pack", "--silent", "--ignore-scripts", "--pack-destination", dir], { cwd: root, encoding: "utf8" }).trim().split("\n").pop()!;
    const out = execFileSync(bin("attw"), [join(dir, tarball), "--ignore-rules", "cjs-resolves-to-esm", "--format", "table-flipped"], { cwd: root, encoding: "utf8" });
    expect(out).not.toMatch(/💀|❌|🥴|🐛|❗️|🎭/u);
  });

  test("require('lrdecay') works from CommonJS", () => {
    mkdirSync(new URL("../test-results/", import.meta.url), { recursive: true });
    const file = new URL("../test-results/require.cjs", import.meta.url).pathname;
    writeFileSync(file, 'const { ExponentialDecay } = require("lrdecay"); console.log(new ExponentialDecay(0.1, 3, 0.96, true)(100));');
    expect(execFileSync(process.execPath, [file], { encoding: "utf8" }).trim()).toBe("0.02599862590432167");
  });
});

describe("the tarball in an empty folder", () => {
  // Packed without scripts: npm test has built the package, and prepack would build it again.
  test("installs with no dependencies and works from ESM, CommonJS and npx", { timeout: 300_000 }, () => {
    const root = new URL("../", import.meta.url).pathname;
    const app = mkdtempSync(join(tmpdir(), "lrdecay-install-"));
    const tarball = execFileSync("npm", ["pack", "--silent", "--ignore-scripts", "--pack-destination", app], { cwd: root, encoding: "utf8" }).trim().split("\n").pop()!;
    execFileSync("npm", ["init", "-y"], { cwd: app, stdio: "ignore" });
    execFileSync("npm", ["install", "--no-audit", "--no-fund", join(app, tarball)], { cwd: app, stdio: "ignore" });
    const installed = JSON.parse(readFileSync(join(app, "package-lock.json"), "utf8")).packages as Record<string, unknown>;
    expect(Object.keys(installed).filter((k) => k !== "")).toEqual(["node_modules/lrdecay"]); // nothing else came along
    const expected = "0.02599862590432167";
    const esm = 'import { ExponentialDecay, ready } from "lrdecay"; await ready(); console.log(new ExponentialDecay(0.1, 3, 0.96, true).range(100, 101)[0]);';
    expect(execFileSync(process.execPath, ["--input-type=module", "-e", esm], { cwd: app, encoding: "utf8" }).trim()).toBe(expected);
    const cjs = 'const { ExponentialDecay } = require("lrdecay"); console.log(new ExponentialDecay(0.1, 3, 0.96, true)(100));';
    expect(execFileSync(process.execPath, ["-e", cjs], { cwd: app, encoding: "utf8" }).trim()).toBe(expected);
    const summary = execFileSync("npx", ["lrdecay", "--initial-learning-rate", "0.1", "--decay-steps", "3", "--decay-rate", "0.96", "--staircase", "--steps", "101"], { cwd: app, encoding: "utf8" });
    expect(summary).toContain("last:  step 100 -> 0.025998626"); // the shortest decimal of that float32
  });
});

describe("where WebAssembly does not exist", () => {
  test("lrdecay imports all the same and computes on the JS twin; ready() and backend 'wasm' say why not", () => {
    // node --jitless has no WebAssembly global, as some locked-down pages and runtimes.
    const url = new URL("../dist/index.js", import.meta.url).href;
    const script = `
      if (typeof WebAssembly !== "undefined") throw new Error("WebAssembly exists");
      const { ExponentialDecay, ready } = await import(${JSON.stringify(url)});
      const s = new ExponentialDecay(0.1, 1000, 0.96);
      const out = [s(2500), Array.from(s.range(0, 3)), Array.from(s.evaluate([0, 1000]))];
      const notReady = await ready().then(() => "resolved", (e) => e.name + ": " + e.message);
      let wasm;
      try { s.range(0, 100, { backend: "wasm-simd" }); wasm = "ran"; } catch (e) { wasm = e.name; }
      console.log(JSON.stringify({ out, notReady, wasm }));`;
    const printed = execFileSync(process.execPath, ["--jitless", "--no-warnings", "--input-type=module", "-e", script], { encoding: "utf8" });
    const { out, notReady, wasm } = JSON.parse(printed);
    const s = new ExponentialDecay(0.1, 1000, 0.96);
    expect(out).toEqual([s(2500), Array.from(s.range(0, 3)), Array.from(s.evaluate([0, 1000]))]);
    expect(notReady).toContain("KernelNotReadyError: The Wasm kernel (WebAssembly does not exist here");
    expect(wasm).toBe("KernelNotReadyError");
  });
});
