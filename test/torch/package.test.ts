/**
 * The built lrdecay/torch entry (npm test builds it first): it loads nothing from outside the
 * package, and none of Keras' code or kernels.
 */
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";

/** Every file the entry loads, following its static imports. */
function filesOf(entry: string): { files: string[]; bare: string[] } {
  const files: string[] = [];
  const bare: string[] = [];
  const visit = (url: URL) => {
    if (files.includes(url.pathname)) return;
    files.push(url.pathname);
    for (const [, spec] of readFileSync(url, "utf8").matchAll(/(?:^|\n)\s*(?:(?:import|export)\s[^;]*?from\s*|import\s*)"([^"]+)"/g)) {
      if (spec!.startsWith(".")) visit(new URL(spec!, url));
      else bare.push(spec!);
    }
  };
  visit(new URL(`../../dist/${entry}`, import.meta.url));
  return { files, bare };
}

test("lrdecay/torch loads its own kernels, no Keras schedule, no Keras Wasm module, no dependency", () => {
  const { files, bare } = filesOf("torch/index.js");
  expect(bare).toEqual([]);
  const text = files.map((f) => readFileSync(f, "utf8")).join("\n");
  expect(text).toContain('new WasmModule("torch"');
  expect(text).not.toContain('new WasmModule("keras"');
  expect(text).not.toMatch(/class (ExponentialDecay|CosineDecay|PolynomialDecay)\b/);
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
  expect(pkg.exports["./torch"]).toEqual({ types: "./dist/types/src/torch/index.d.ts", default: "./dist/torch/index.js" });
  expect(readFileSync(new URL(`../../${pkg.exports["./torch"].types}`, import.meta.url), "utf8")).toContain("CosineAnnealingLR");
});
