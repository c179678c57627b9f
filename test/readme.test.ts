// The README's size and byte figures against a fresh measurement of the built package (npm test
// builds it first): the size block and the ready() example, which scripts/measure-sizes.mjs
// rewrites, the scratch region's size, and the byte count in the command line's summary. Times are
// the machine's and never asserted.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { MARKERS, READY_EXAMPLE, measure, render, renderReady, type Sizes } from "../scripts/measure-sizes.mjs";
import { ExponentialDecay } from "../src/index.js";
import { KERAS } from "../src/keras/wasm.js";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const REWRITE = "run `npm run build && node scripts/measure-sizes.mjs --readme`, which rewrites it";

describe("the README's sizes", () => {
  // First, before any batch in this file's process has grown a kernel's memory.
  test("the scratch region ('one scratch region of linear memory (1.25 MiB)') is what a kernel's memory grows by on its first batch", () => {
    const kernel = KERAS.kernelFor("wasm-simd", 1)!;
    const before = kernel.memoryBytes;
    new ExponentialDecay(0.1, 1000, 0.96).range(0, 10, { backend: "wasm-simd" });
    const grown = (kernel.memoryBytes - before) / 2 ** 20;
    expect(grown).toBeGreaterThan(0);
    const stated = readme.match(/one scratch region of linear memory \((\d+(?:\.\d+)?) MiB\)/)?.[1];
    expect(stated, "README.md's \"How it is built\" no longer states the scratch region's size").toBeDefined();
    expect(stated, "README.md's scratch region size is out of date: edit \"How it is built\" by hand").toBe(String(+grown.toFixed(2)));
  });

  let sizes: Sizes;
  beforeAll(async () => {
    sizes = await measure();
  }, 300_000);

  test("the size block (entry points, Wasm builds, tarball) is what scripts/measure-sizes.mjs measures now", () => {
    const stated = readme.match(MARKERS)?.[0];
    expect(stated, "README.md has no <!-- sizes:start --> ... <!-- sizes:end --> block").toBeDefined();
    expect(stated, `README.md's size block is out of date: ${REWRITE}`).toBe(render(sizes));
  });

  test("the ready() example resolves with what ready() resolves with after import 'lrdecay'", () => {
    const stated = readme.match(READY_EXAMPLE)?.[2];
    expect(stated, "README.md has no `await ready();    // { simd: ..., bytes: ..., modules: { ... } }` line").toBeDefined();
    expect(stated, `README.md's ready() example is out of date: ${REWRITE}`).toBe(renderReady(sizes.ready));
    expect(sizes.ready.bytes).toBe(sizes.modules.find((m) => m.name === "keras")!.simd);
  });

  test("the command line's summary states the size of the .npy file the README's command writes", () => {
    const command = readme.match(/npx lrdecay (--initial-learning-rate [^\n&]*?--out schedule\.npy)/)?.[1];
    expect(command, "README.md's \"Two commands\" no longer writes schedule.npy").toBeDefined();
    const stated = readme.match(/wrote schedule\.npy \(npy, ([\d,]+) bytes\)/)?.[1];
    expect(stated, "README.md's summary no longer states schedule.npy's bytes").toBeDefined();
    const dir = mkdtempSync(join(tmpdir(), "lrdecay-readme-"));
    const cli = new URL("../dist/cli.js", import.meta.url).pathname;
    const printed = execFileSync(process.execPath, [cli, ...command!.split(/\s+/)], { cwd: dir, encoding: "utf8" });
    const written = statSync(join(dir, "schedule.npy")).size;
    expect(printed).toContain(`wrote schedule.npy (npy, ${written.toLocaleString("en-US")} bytes)`);
    expect(stated, "README.md's summary states another size than the file's: edit \"Two commands\" by hand").toBe(written.toLocaleString("en-US"));
  }, 60_000);
});
