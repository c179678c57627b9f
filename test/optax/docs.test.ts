/**
 * Every optax function's doc comment (the one on its export, which editors show and the .d.ts
 * carries): it names the optax function it follows, shows optax's Python source, states its
 * arguments, and has an example whose printed values are run here and must be exactly what the
 * function gives. An example line `expr; // 0.5: why` asserts Object.is(expr, 0.5); a line
 * `expr; // 1, 1, 2: why` asserts the array's elements. Other lines run as written.
 */
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import * as optax from "../../src/optax/index.js";

const SRC = fileURLToPath(new URL("../../src/optax/", import.meta.url));

/** Each `export const name = declared(` in src/optax/ with the doc comment right above it. */
function documented(): { name: string; file: string; doc: string }[] {
  const found: { name: string; file: string; doc: string }[] = [];
  for (const file of readdirSync(SRC).filter((f) => f.endsWith(".ts"))) {
    const text = readFileSync(SRC + file, "utf8");
    for (const m of text.matchAll(/(\/\*\*(?:(?!\*\/)[\s\S])*\*\/)\s*\nexport const (\w+) = declared\(/g)) {
      const doc = m[1]!.split("\n").map((line) => line.replace(/^\s*\/?\*+\/?\s?/, "")).join("\n").trim();
      found.push({ name: m[2]!, file, doc });
    }
  }
  return found;
}

const DOCS = documented();
const NUMBER = String.raw`-?(?:\d+(?:\.\d*)?(?:e[+-]?\d+)?|NaN|Infinity)`;
const ASSERTED = new RegExp(String.raw`^(.*);\s*// (${NUMBER}(?:, ${NUMBER})*)(?::|$)`);

/** The example's lines, the asserting ones turned into checks; returns how many values it asserts. */
function run(example: string): number {
  const names = Object.keys(optax);
  let checks = 0;
  const body = example
    .split("\n")
    .map((line) => {
      const m = ASSERTED.exec(line);
      if (!m) return line;
      checks++;
      return `__check(${m[1]}, ${JSON.stringify(m[2])}, ${JSON.stringify(m[1]!.trim())});`;
    })
    .join("\n");
  const check = (actual: unknown, printed: string, expr: string) => {
    const want = printed.split(", ").map(Number);
    const got = typeof actual === "number" ? [actual] : Array.from(actual as ArrayLike<number>);
    expect([expr, got.length]).toEqual([expr, want.length]);
    got.forEach((v, i) => expect([expr, i, Object.is(v, want[i])]).toEqual([expr, i, true]));
  };
  new Function(...names, "__check", body)(...names.map((n) => (optax as Record<string, unknown>)[n]), check);
  return checks;
}

describe("the exported optax functions' doc comments", () => {
  test("every optax function exported by lrdecay/optax has one (and only those are found)", () => {
    const functions = Object.entries(optax)
      .filter(([, v]) => typeof v === "function" && "optaxName" in (v as object))
      .map(([k]) => k)
      .sort();
    expect(functions.length).toBe(14);
    expect(DOCS.map((d) => d.name).sort()).toEqual(functions);
  });

  test.each(DOCS.map((d) => [d.name, d] as const))("%s: optax's name and source, the arguments, an example", (name, { doc }) => {
    const optaxName = (optax as unknown as Record<string, { optaxName: string }>)[name]!.optaxName;
    expect(doc.startsWith(`optax.${optaxName}(`)).toBe(true);
    // optax's Python, as an indented code block.
    expect(/\n {4}\S/.test(doc)).toBe(true);
    expect(doc).toMatch(/\nArguments: \S/);
    const example = /```ts\n([\s\S]*?)```/.exec(doc);
    expect(example).not.toBeNull();
    expect(run(example![1]!)).toBeGreaterThanOrEqual(1);
  });
});
