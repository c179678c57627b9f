/**
 * The built lrdecay/transformers entry (npm test builds it first): HF's schedules are lrdecay/torch
 * LambdaLRs, so it loads torch's scheduler code and its own kernels, and nothing of Keras' (code or
 * kernels) and nothing from outside the package.
 */
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";

const IMPORT = /(?:^|\n)\s*(?:(?:import|export)\s[^;]*?from\s*|import\s*)"([^"]+)"/g;

test("lrdecay/transformers loads its own Wasm module and torch's LambdaLR, no Keras schedule or module, no dependency", () => {
  const seen = new Set<string>();
  const bare: string[] = [];
  const visit = (url: URL): void => {
    if (seen.has(url.pathname)) return;
    seen.add(url.pathname);
    for (const [, spec] of readFileSync(url, "utf8").matchAll(IMPORT)) {
      if (spec!.startsWith(".")) visit(new URL(spec!, url));
      else bare.push(spec!);
    }
  };
  visit(new URL("../../dist/transformers/index.js", import.meta.url));
  expect(bare).toEqual([]);
  const text = [...seen].map((f) => readFileSync(f, "utf8")).join("\n");
  expect(text).toContain('new WasmModule("transformers"');
  expect(text).toMatch(/\bLambdaLR = class\b|\bclass LambdaLR\b/);
  expect(text).not.toContain('new WasmModule("keras"');
  expect(text).not.toMatch(/class (ExponentialDecay|CosineDecay|PolynomialDecay)\b/);
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
  expect(pkg.exports["./transformers"]).toEqual({ types: "./dist/types/src/transformers/index.d.ts", default: "./dist/transformers/index.js" });
  expect(pkg.typesVersions["*"].transformers).toEqual(["./dist/types/src/transformers/index.d.ts"]);
  expect(readFileSync(new URL(`../../${pkg.exports["./transformers"].types}`, import.meta.url), "utf8")).toContain("getCosineScheduleWithWarmup");
});
