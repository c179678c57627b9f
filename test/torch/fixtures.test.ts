/**
 * The integrity of test/fixtures/torch/ (written by scripts/torch-fixtures.py; format in its
 * README.md), not of any implementation: each file decodes, its lengths agree, every value where
 * real PyTorch 1.13 differs from the contract is explained by a glibc result that was not
 * correctly rounded (at that step, or before it in a recurrent schedule), and each such result is
 * checked against the decimal.js oracle, independently of the mpmath the script used.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { oracleCos, oracleLog, oraclePowIEEE } from "../keras/cosine.oracle.js";

const DIR = new URL("../fixtures/torch/", import.meta.url);
const SCRIPT = new URL("../../scripts/torch-fixtures.py", import.meta.url);
const FORMAT = "lrdecay-torch-fixtures/1";

/** One file per torch.optim.lr_scheduler class of 1.13, and one for Hugging Face's schedules. */
const FAMILIES = [
  "LambdaLR", "MultiplicativeLR", "StepLR", "MultiStepLR", "ConstantLR", "LinearLR", "ExponentialLR",
  "PolynomialLR", "CosineAnnealingLR", "CosineAnnealingWarmRestarts", "CyclicLR", "OneCycleLR", "SequentialLR",
  "ChainedScheduler", "ReduceLROnPlateau", "transformers",
];

type Miss = [number, "cos" | "log" | "sqrt" | "pow", string[], string, string];
interface Drive { kind: "step" | "epochs" | "calls" | "metrics"; count?: number; epochs_f64?: string; metrics_f64?: string; calls?: (number | null)[] }
interface Case {
  name: string;
  optimizer: { class: string; defaults: Record<string, unknown>; groups: Record<string, unknown>[] };
  scheduler: { class: string; args: Record<string, unknown>; passed: string[] };
  drive: Drive;
  recurrent: boolean;
  channels: string[];
  steps: number;
  contract_f64: string;
  real_diff: Record<string, string>;
  libm_misses: Miss[];
  state_dicts: Record<string, Record<string, unknown>>;
  raises_after?: { type: string; message: string };
  published?: { values: number[]; tolerance: number; source: string };
  summary: { values: number; identical: number };
}
interface Fixture { format: string; family: string; framework: string; generator: Record<string, unknown>; cases: Case[] }

function load(name: string): Fixture {
  return JSON.parse(readFileSync(new URL(`${name}.json`, DIR), "utf8")) as Fixture;
}

/** base64 of little-endian doubles, read little-endian whatever the machine. */
function decodeF64(b64: string): Float64Array {
  const bytes = Buffer.from(b64, "base64");
  if (bytes.length % 8 !== 0) throw new Error(`${bytes.length} bytes is not a whole number of doubles`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float64Array(bytes.length / 8);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat64(8 * i, true);
  return out;
}

const FRACTION_DIGITS = 13; // Python's float.hex writes the 52 fraction bits as 13 hex digits
const EXPONENT_BIAS = 1023;

/** Python's float.hex() text back to the double, bit for bit. */
export function parseHexFloat(s: string): number {
  const view = new DataView(new ArrayBuffer(8));
  const m = /^(-?)0x([01])\.([0-9a-f]+)p([+-]\d+)$/.exec(s);
  if (!m) throw new Error(`not a float.hex() string: ${s}`);
  const [, sign, lead, frac, exp] = m as unknown as [string, string, string, string, string];
  const e = Number(exp);
  let bits: bigint;
  if (lead === "0") {
    if (/^0+$/.test(frac)) bits = 0n;
    else if (e === 1 - EXPONENT_BIAS && frac.length === FRACTION_DIGITS) bits = BigInt(`0x${frac}`); // subnormal
    else throw new Error(`unexpected float.hex() string: ${s}`);
  } else {
    if (frac.length !== FRACTION_DIGITS) throw new Error(`unexpected float.hex() string: ${s}`);
    bits = (BigInt(e + EXPONENT_BIAS) << 52n) | BigInt(`0x${frac}`);
  }
  view.setBigUint64(0, bits | (sign === "-" ? 1n << 63n : 0n));
  return view.getFloat64(0);
}

function ulpDistance(a: number, b: number): bigint {
  const view = new DataView(new ArrayBuffer(16));
  view.setFloat64(0, a);
  view.setFloat64(8, b);
  const ia = view.getBigInt64(0);
  const ib = view.getBigInt64(8);
  const key = (i: bigint) => (i < 0n ? -(i & 0x7fffffffffffffffn) : i); // monotone in the value
  const d = key(ia) - key(ib);
  return d < 0n ? -d : d;
}

/** The correctly rounded result by decimal.js, for the functions the contract rounds. */
function oracle(fn: Miss[1], args: number[]): number {
  const [x, y] = args as [number, number];
  if (fn === "cos") return oracleCos(x, "float64");
  if (fn === "log") return oracleLog(x, "float64");
  if (fn === "sqrt") return Math.sqrt(x); // IEEE 754 requires sqrt correctly rounded
  if (x < 0 && Number.isInteger(y)) {
    const v = oraclePowIEEE(-x, y, "float64");
    return y % 2 === 0 ? v : -v;
  }
  return oraclePowIEEE(x, y, "float64");
}

function driveLength(d: Drive): number {
  if (d.kind === "step") return d.count!;
  if (d.kind === "calls") return d.calls!.length;
  return decodeF64(d.kind === "epochs" ? d.epochs_f64! : d.metrics_f64!).length;
}

const SCRIPT_SHA256 = createHash("sha256").update(readFileSync(SCRIPT)).digest("hex");

test("the directory holds one file per family, the errors and the README, nothing else", () => {
  const names = readdirSync(DIR).sort();
  expect(names).toEqual([...FAMILIES.map((f) => `${f}.json`), "errors.json", "README.md"].sort());
});

describe.each(FAMILIES)("%s", (family) => {
  const fx = load(family);

  test("was written by the committed scripts/torch-fixtures.py, from real torch 1.13 on glibc", () => {
    expect(fx.format).toBe(FORMAT);
    expect(fx.family).toBe(family);
    expect(fx.framework).toBe(family === "transformers" ? "transformers" : "torch");
    expect(fx.generator.script_sha256).toBe(SCRIPT_SHA256);
    expect(fx.generator.script_dirty).toBe(false);
    expect(fx.generator.script_commit).toMatch(/^[0-9a-f]{40}$/);
    expect(String(fx.generator.torch)).toMatch(/^1\.13\./);
    expect(String(fx.generator.glibc)).toMatch(/^glibc 2\./);
    expect(fx.cases.length).toBeGreaterThan(0);
    if (family !== "transformers") {
      for (const c of fx.cases) expect(c.scheduler.class).toBe(family);
    }
  });

  test.each(fx.cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const values = decodeF64(c.contract_f64);
    const width = c.channels.length;
    const groups = c.optimizer.groups.length;
    // Channels: lr of each group, then each cycled quantity of each group.
    expect(width % groups).toBe(0);
    for (let g = 0; g < groups; g++) expect(c.channels[g]).toBe(`lr[${g}]`);
    for (let i = groups; i < width; i++) expect(c.channels[i]).toMatch(new RegExp(`^(momentum|beta1)\\[${i % groups}\\]$`));
    expect(c.steps).toBe(driveLength(c.drive));
    expect(values.length).toBe((c.steps + 1) * width);
    for (const v of values) expect(Number.isFinite(v)).toBe(true);

    // The libm misses: well formed, one ulp from the correct result, and the oracle agrees.
    for (const [step, fn, argHex, glibcHex, correctHex] of c.libm_misses) {
      expect(Number.isInteger(step) && step >= 0 && step <= c.steps + 1).toBe(true);
      expect(["cos", "log", "sqrt", "pow"]).toContain(fn);
      expect(argHex.length).toBe(fn === "pow" ? 2 : 1);
      const args = argHex.map(parseHexFloat);
      const glibc = parseHexFloat(glibcHex);
      const correct = parseHexFloat(correctHex);
      expect(ulpDistance(glibc, correct)).toBe(1n);
      const exact = oracle(fn, args);
      expect([fn, args, correct]).toEqual([fn, args, exact]);
    }
    const missSteps = c.libm_misses.map((m) => m[0]);
    const firstMiss = Math.min(...missSteps);

    // Every real-vs-contract difference is a real value that differs, explained by a miss.
    const real = Float64Array.from(values);
    for (const [key, hex] of Object.entries(c.real_diff)) {
      const i = Number(key);
      expect(Number.isInteger(i) && i >= 0 && i < values.length).toBe(true);
      const r = parseHexFloat(hex);
      expect(Object.is(r, values[i])).toBe(false);
      real[i] = r;
      const step = Math.floor(i / width);
      if (c.recurrent) expect(firstMiss).toBeLessThanOrEqual(step);
      else expect(missSteps).toContain(step);
    }
    expect(c.summary).toEqual({ values: values.length, identical: values.length - Object.keys(c.real_diff).length });

    // The recorded state_dicts are of the same run: their _last_lr are real torch's values.
    for (const [stepKey, state] of Object.entries(c.state_dicts)) {
      const step = Number(stepKey);
      expect(Number.isInteger(step) && step >= 0 && step <= c.steps).toBe(true);
      const last = state._last_lr as number[] | undefined;
      if (last === undefined) continue; // 1.13's ReduceLROnPlateau has none before its first step
      expect(last).toEqual(Array.from(real.subarray(step * width, step * width + groups)));
    }

    if (c.published) {
      // Hugging Face's own test values (truncated decimals), at its tolerance, for both runs.
      expect(c.published.values.length).toBe(c.steps + 1);
      c.published.values.forEach((p, k) => {
        expect(Math.abs(values[k * width]! - p)).toBeLessThanOrEqual(c.published!.tolerance);
        expect(Math.abs(real[k * width]! - p)).toBeLessThanOrEqual(c.published!.tolerance);
      });
    }
  });
});

test("the summary: how often real PyTorch 1.13 equals the contract", () => {
  const rows = FAMILIES.map((family) => {
    const cases = load(family).cases;
    const values = cases.reduce((n, c) => n + c.summary.values, 0);
    const identical = cases.reduce((n, c) => n + c.summary.identical, 0);
    const misses = cases.reduce((n, c) => n + c.libm_misses.length, 0);
    return { family, values, identical, misses };
  });
  const total = rows.reduce((n, r) => n + r.values, 0);
  const same = rows.reduce((n, r) => n + r.identical, 0);
  // Families without libm calls in their arithmetic cannot differ at all.
  for (const r of rows) if (r.misses === 0) expect(r.identical).toBe(r.values);
  expect(same).toBeLessThanOrEqual(total);
  console.log(rows.map((r) => `${r.family}: ${r.identical}/${r.values} identical, ${r.misses} libm misses`).join("\n"));
});

test("errors.json: the exceptions real torch 1.13 and Hugging Face raise, with their messages", () => {
  const e = JSON.parse(readFileSync(new URL("errors.json", DIR), "utf8")) as {
    format: string; generator: Record<string, unknown>;
    torch: { scheduler: { class: string }; raised_at: string; type: string; message: string }[];
    transformers: { function: { class: string }; raised_at: string; type: string; message: string }[];
  };
  expect(e.format).toBe(FORMAT);
  expect(e.generator.script_sha256).toBe(SCRIPT_SHA256);
  for (const x of [...e.torch, ...e.transformers]) {
    expect(["ValueError", "ZeroDivisionError", "TypeError", "KeyError"]).toContain(x.type);
    expect(x.message.length).toBeGreaterThan(0);
    expect(x.raised_at).toMatch(/^(construct|step \d+|step\(-1\))$/);
  }
  const messages = e.torch.map((x) => `${x.scheduler.class}: ${x.message}`);
  expect(messages).toContain("CosineAnnealingWarmRestarts: Expected positive integer T_0, but got -1");
  expect(e.transformers.map((x) => x.function.class)).toContain("get_wsd_schedule");
});

test("parseHexFloat reads float.hex()'s forms: normal, negative, subnormal, zero", () => {
  expect(parseHexFloat("0x1.999999999999ap-4")).toBe(0.1);
  expect(parseHexFloat("-0x1.0000000000000p+0")).toBe(-1);
  expect(parseHexFloat("0x0.0000000000001p-1022")).toBe(5e-324);
  expect(Object.is(parseHexFloat("0x0.0p+0"), 0)).toBe(true);
  expect(Object.is(parseHexFloat("-0x0.0p+0"), -0)).toBe(true);
  expect(parseHexFloat("0x1.fffffffffffffp+1023")).toBe(Number.MAX_VALUE);
});
