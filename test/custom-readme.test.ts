// The README's schedule of one's own ("Schedules of your own"), as a user would take it: compiled
// with tsc --strict against the built package, then run. In Node only (it runs processes), so not
// in custom.test.ts, which runs in Chromium too.
import { describe, expect, test } from "vitest";

describe("the README's schedule of one's own", () => {
  test("compiles under tsc --strict against the built package, and runs with the results it states", async () => {
    const { execFileSync } = await import("node:child_process");
    const { mkdirSync, readFileSync, rmSync, writeFileSync } = await import("node:fs");
    const { transformSync } = await import("esbuild");
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const code = /<!-- custom-example:start -->\n```ts\n([\s\S]*?)```\n<!-- custom-example:end -->/.exec(readme)![1]!;
    // Inside the package, "lrdecay" resolves to the built package itself (npm test builds first).
    const dir = new URL("../test-results/readme-custom/", import.meta.url);
    mkdirSync(dir, { recursive: true });
    const results = `\nconsole.log(JSON.stringify([h(250), new Halving({ every: 100 }, { dtype: "float64" })(250), String(h), serialize(h), json,
  deserialize(json, { customObjects: { Halving } }).getConfig(), deserialize(json, { customObjects: { Halving }, dtype: "float64" }).dtype,
  h.range(0, 1_000_000).length, h.range(0, 1_000_000)[999]]));\n`;
    writeFileSync(new URL("example.ts", dir), code + results);
    writeFileSync(new URL("example.mjs", dir), transformSync(code + results, { loader: "ts", format: "esm" }).code);
    try {
      const tsc = new URL("../node_modules/typescript/bin/tsc", import.meta.url).pathname;
      const flags = ["--strict", "--noEmit", "--noImplicitOverride", "--target", "es2022", "--module", "nodenext", "--moduleResolution", "nodenext", "--types", "node"];
      try {
        execFileSync(process.execPath, [tsc, ...flags, new URL("example.ts", dir).pathname], { encoding: "utf8" });
      } catch (e) {
        throw new Error(`tsc --strict refused the README's example:\n${(e as { stdout?: string }).stdout}`);
      }
      const output = execFileSync(process.execPath, [new URL("example.mjs", dir).pathname], { encoding: "utf8" });
      expect(JSON.parse(output)).toEqual([
        Math.fround(0.025), 0.025, "Halving(every=100)",
        { module: null, class_name: "Halving", config: { every: 100 }, registered_name: "Halving" },
        '{"module":null,"class_name":"Halving","config":{"every":100},"registered_name":"Halving"}',
        { every: 100 }, "float64", 1_000_000, Math.fround(0.1 / 2 ** 9),
      ]);
      // The README's comments state those results.
      expect(code).toContain(`h(250);                       // ${Math.fround(0.025)}: 0.025 rounded to float32`);
      expect(code).toContain('String(h);                    // "Halving(every=100)"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
