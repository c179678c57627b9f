/**
 * Reading test/fixtures/torch/ (format: its README.md) for the lrdecay/torch tests: the cases,
 * their Python lambdas as JavaScript, the optimizer and scheduler each describes, and the drive.
 */
import { readFileSync } from "node:fs";
import * as torch from "../../src/torch/index.js";
import { oraclePowIEEE } from "../keras/cosine.oracle.js";

const DIR = new URL("../fixtures/torch/", import.meta.url);

export interface Sub { class: string; args: Record<string, unknown>; passed: string[] }
export interface Case {
  name: string;
  optimizer: { class: string; defaults: Record<string, unknown>; groups: Record<string, unknown>[] };
  scheduler: Sub;
  drive: { kind: "step" | "epochs" | "calls" | "metrics"; count?: number; epochs_f64?: string; metrics_f64?: string; calls?: (number | null)[] };
  recurrent: boolean;
  channels: string[];
  steps: number;
  contract_f64: string;
  real_diff: Record<string, string>;
  libm_misses: [number, string, string[], string, string][];
  state_dicts: Record<string, Record<string, unknown>>;
}

/** Python's float.hex() text back to the double, bit for bit (normal numbers and zeros). */
export function parseHexFloat(text: string): number {
  const m = /^(-?)0x([01])\.([0-9a-f]{13})p([+-]\d+)$/.exec(text);
  if (!m) throw new Error(`unexpected float.hex() string: ${text}`);
  const view = new DataView(new ArrayBuffer(8));
  const e = m[2] === "0" ? 0n : BigInt(Number(m[4]) + 1023);
  view.setBigUint64(0, (m[1] === "-" ? 1n << 63n : 0n) | (e << 52n) | BigInt(`0x${m[3]}`));
  return view.getFloat64(0);
}

export function decodeF64(b64: string): Float64Array {
  const bytes = Buffer.from(b64, "base64");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Float64Array.from({ length: bytes.length / 8 }, (_, i) => view.getFloat64(8 * i, true));
}

export function cases(family: string): Case[] {
  return (JSON.parse(readFileSync(new URL(`${family}.json`, DIR), "utf8")) as { cases: Case[] }).cases;
}

/**
 * The fixtures' Python lambdas as JavaScript: `**` through the decimal.js oracle (correctly
 * rounded, as the contract's), `//` on small non-negative ints as Math.floor of an exact quotient.
 */
const powCache = new Map<string, number>();
/** The oracle's power, remembered: the same lambdas run over the same epochs in many tests. */
const pow = (x: number, y: number) => {
  const key = `${x},${y}`;
  let v = powCache.get(key);
  if (v === undefined) powCache.set(key, (v = oraclePowIEEE(x, y, "float64")));
  return v;
};
export const LAMBDAS: Record<string, (e: number) => number> = {
  "lambda e: 0.95 ** e": (e) => pow(0.95, e),
  "lambda e: 1 / (1 + e)": (e) => 1 / (1 + e),
  "lambda e: 0.5 ** (e / 1000)": (e) => pow(0.5, e / 1000),
  "lambda e: e // 30": (e) => Math.floor(e / 30),
  "lambda e: 0.95": () => 0.95,
  "lambda e: 0.999": () => 0.999,
  "lambda e: 1.0": () => 1.0,
  "lambda e: 1 - 1 / (e + 100)": (e) => 1 - 1 / (e + 100),
  "lambda x: 0.5 ** x": (x) => pow(0.5, x),
  "lambda x: 1 / (1 + 0.001 * x)": (x) => 1 / (1 + 0.001 * x),
};

function value(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(value);
  if (v !== null && typeof v === "object" && "lambda" in v) {
    const f = LAMBDAS[(v as { lambda: string }).lambda];
    if (f === undefined) throw new Error(`no JS for ${(v as { lambda: string }).lambda}`);
    return f;
  }
  return v;
}

/** What torch.optim's classes put in `defaults` beyond what a case passes (momentum 0, Adam's betas). */
export const CLASS_DEFAULTS: Record<string, Record<string, unknown>> = { SGD: { momentum: 0 }, Adam: { betas: [0.9, 0.999] }, Adagrad: {} };

export function optimizerOf(c: { optimizer: Case["optimizer"] }) {
  const d = { ...CLASS_DEFAULTS[c.optimizer.class], ...c.optimizer.defaults };
  return {
    param_groups: c.optimizer.groups.map((g) => {
      const merged = { ...d, ...g } as Record<string, unknown>;
      if (Array.isArray(merged.betas)) merged.betas = [...(merged.betas as number[])];
      return merged as { lr: number };
    }),
    defaults: { ...d },
  };
}

type Ctor = { args: readonly { key: string; option: string }[]; new (...a: unknown[]): torch.LRScheduler };

/** The scheduler a fixture describes, on `opt`: its passed arguments as an options object. */
export function build(sub: Sub, opt: object): torch.LRScheduler {
  if (sub.class === "ChainedScheduler") {
    const children = (sub.args.schedulers as Sub[]).map((s) => build(s, opt));
    return new torch.ChainedScheduler(children);
  }
  const C = (torch as unknown as Record<string, Ctor>)[sub.class]!;
  const options: Record<string, unknown> = {};
  for (const key of sub.passed) {
    const a = C.args.find((x) => x.key === key)!;
    options[a.option] = key === "schedulers" ? (sub.args[key] as Sub[]).map((s) => build(s, opt)) : value(sub.args[key]);
  }
  return new C(opt, options);
}

/** Every channel after construction and after each call of the drive, row-major. */
export function drive(c: Case, s: torch.LRScheduler, opt: ReturnType<typeof optimizerOf>, feed?: (row: number) => void): Float64Array {
  const rows: number[] = [];
  const read = () => {
    for (const ch of c.channels) {
      const m = /^(\w+)\[(\d)\]$/.exec(ch)!;
      const g = Number(m[2]);
      const group = opt.param_groups[g] as Record<string, unknown>;
      rows.push(m[1] === "lr" ? s.getLastLr()[g]! : m[1] === "momentum" ? (group.momentum as number) : (group.betas as number[])[0]!);
    }
  };
  read();
  const d = c.drive;
  const calls: (() => void)[] =
    d.kind === "step" ? Array.from({ length: d.count! }, () => () => s.step())
    : d.kind === "epochs" ? [...decodeF64(d.epochs_f64!)].map((e) => () => s.step(e))
    : d.kind === "calls" ? d.calls!.map((e) => () => s.step(e))
    : [...decodeF64(d.metrics_f64!)].map((m) => () => (s as torch.ReduceLROnPlateau).step(m));
  calls.forEach((call, i) => {
    feed?.(i);
    call();
    read();
  });
  return Float64Array.from(rows);
}

/** The case where current PyTorch (followed here) and 1.13 (the fixtures) differ: resume.test.ts. */
export const MAIN_DIFFERS = "LinearLR then MultiplicativeLR(0.999) at 50 (no closed form: 1.13 leaves lr at the milestone)";
