import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";

// The built package (npm test builds it first): what each entry point loads, followed through
// its static imports.
function importsOf(entry: string): { files: string[]; bare: string[] } {
  const files: string[] = [];
  const bare = new Set<string>();
  const visit = (url: URL) => {
    if (files.includes(url.pathname)) return;
    files.push(url.pathname);
    const source = readFileSync(url, "utf8");
    for (const [, specifier] of source.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s*"([^"]+)"/g)) {
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

  test("lrdecay/tfjs loads TF.js' layers package and nothing else from outside", () => {
    expect(importsOf("tfjs.js").bare).toEqual(["@tensorflow/tfjs-layers"]);
  });

  test("package.json exports both entry points with their types", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
    for (const [entry, file] of [[".", "index"], ["./tfjs", "tfjs"]]) {
      expect(pkg.exports[entry!].import).toBe(`./dist/${file}.js`);
      expect(readFileSync(new URL(`../${pkg.exports[entry!].types}`, import.meta.url), "utf8")).toContain("export");
    }
    expect(pkg.dependencies).toBeUndefined();
  });
});
