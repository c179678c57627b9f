// The CLI's fast float32 formatter (src/cli/shortest.ts) against an exact, independent shortest
// decimal (test/shortestExact.ts, BigInt), and against the library's formatValue, which it must
// equal: the shortest decimal that reads back to the same float32.
import { spawnSync } from "node:child_process";
import { describe, expect, test } from "vitest";
import { formatValue } from "../src/core/format.js";
import { emitInteger, emitValue, shortestFloat32 } from "../src/cli/shortest.js";
import { FLOAT32, FLOAT64, shortestExact } from "./shortestExact.js";

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const fromBits = (bits: number) => ((u32[0] = bits >>> 0), f32[0]!);

function expectAllEqual(values: Iterable<number>): number {
  let n = 0;
  for (const x of values) {
    n++;
    const fast = shortestFloat32(x);
    if (fast !== formatValue(x, "float32")) expect([x, u32[0], fast]).toEqual([x, u32[0], formatValue(x, "float32")]);
  }
  return n;
}

describe("shortestFloat32 equals formatValue", () => {
  test("on 2 million random bit patterns (every exponent, both signs, NaNs and infinities)", () => {
    let seed = 20240601;
    const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0);
    function* values() {
      for (let i = 0; i < 2_000_000; i++) yield fromBits(random() ^ (random() << 7));
    }
    expect(expectAllEqual(values())).toBe(2_000_000);
  }, 600_000);

  test("on learning-rate-like values: 1e-12 to 10, uniformly in log scale", () => {
    let seed = 7;
    const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    function* values() {
      for (let i = 0; i < 1_000_000; i++) yield Math.fround(10 ** (-12 + 13 * random()));
    }
    expectAllEqual(values());
  }, 600_000);

  test("on every power of two, and 40 neighbours of each (the narrow interval below them)", () => {
    function* values() {
      for (let e = 0; e < 255; e++)
        for (let d = -20; d <= 20; d++) {
          const bits = (e << 23) + d;
          if (bits >= 0 && bits < 0x7f800000) yield fromBits(bits), yield -fromBits(bits);
        }
    }
    expectAllEqual(values());
  });

  test("around every power of ten and every short decimal (ties at the digit counts)", () => {
    function* values() {
      for (let e = -45; e <= 38; e++)
        for (const m of [1, 1.5, 2, 2.5, 3.125, 5, 7.5, 9.5, 9.99, 9.999999, 1.0000001, 1.2345678]) {
          const x = Math.fround(m * 10 ** e);
          if (!Number.isFinite(x) || x === 0) continue;
          f32[0] = x;
          const bits = u32[0]!;
          for (let d = -30; d <= 30; d++) yield fromBits(bits + d);
        }
      // Exact short decimals (0.375, 0.0625, ...) and integers, where a digit count hits a tie.
      for (let i = 1; i < 4096; i++) for (const e of [-20, -10, -4, -1, 0, 1, 3]) yield Math.fround(i * 2 ** e);
      for (let i = 16777200; i < 16777300; i++) yield Math.fround(i);
      yield 0, -0, Infinity, -Infinity, NaN, 3.4028234663852886e38, 1.401298464324817e-45, 1.1754943508222875e-38;
    }
    expectAllEqual(values());
  });

  test("emitValue writes the same characters, for float64 as String() does", () => {
    const out = new Uint8Array(64);
    for (const x of [0.1, -2.5e-7, 1e21, 123456789, 1.401298464324817e-45, 0.000001, 1e-7]) {
      expect(Buffer.from(out.subarray(0, emitValue(out, 0, Math.fround(x), true))).toString()).toBe(formatValue(Math.fround(x), "float32"));
      expect(Buffer.from(out.subarray(0, emitValue(out, 0, x, false))).toString()).toBe(String(x));
    }
    for (const n of [0, 7, -1, 2 ** 31, -(2 ** 53), 2 ** 53, 1234567890123])
      expect(Buffer.from(out.subarray(0, emitInteger(out, 0, n))).toString()).toBe(String(n));
  });
});

/** A decimal's digits and exponent, trailing zeros dropped: "1.25e-7" -> 125, -9. */
function digitsOf(text: string): { c: bigint; t: number } {
  const m = /^-?(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(text);
  if (m === null) throw new Error(`not a decimal: ${text}`);
  let c = BigInt(m[1]! + (m[2] ?? ""));
  let t = Number(m[3] ?? 0) - (m[2] ?? "").length;
  while (c !== 0n && c % 10n === 0n) (c /= 10n), t++;
  return { c, t };
}

function exact(x: number, format: typeof FLOAT32): { c: bigint; t: number } {
  let { c, t } = shortestExact(Math.abs(x), format);
  while (c % 10n === 0n) (c /= 10n), t++;
  return { c, t };
}

/** Every text of `write` has the digits of the exact shortest decimal; returns how many were checked. */
function expectShortest(values: Iterable<number>, format: typeof FLOAT32, write: (x: number) => string): number {
  let n = 0;
  for (const x of values) {
    n++;
    const text = write(x);
    const got = digitsOf(text);
    const want = exact(x, format);
    if (got.c !== want.c || got.t !== want.t) expect([x, text]).toEqual([x, `${want.c}e${want.t}`]);
    if (text.startsWith("-") !== x < 0) expect([x, text]).toEqual([x, "the sign"]);
  }
  return n;
}

const float32Powers = () => Array.from({ length: 277 }, (_, i) => 2 ** (i - 149)).flatMap((x) => [x, -x]);
const float64Powers = () => Array.from({ length: 2098 }, (_, i) => 2 ** (i - 1074)).flatMap((x) => [x, -x]);
const toText = (write: (out: Uint8Array, pos: number) => number) => {
  const out = new Uint8Array(64);
  return Buffer.from(out.subarray(0, write(out, 0))).toString();
};

describe("the shortest decimal, against an exact one (BigInt, numpy's and Ryu's definition)", () => {
  test("float32: every power of two (2^-96, 2^87, 2^90 take 8 digits, not 9), by shortestFloat32, emitValue and formatValue", () => {
    expect(shortestFloat32(2 ** -96)).toBe("1.2621775e-29");
    expect(shortestFloat32(2 ** 87)).toBe("1.5474251e+26");
    expect(shortestFloat32(2 ** 90)).toBe("1.2379401e+27");
    expect(expectShortest(float32Powers(), FLOAT32, shortestFloat32)).toBe(554);
    expectShortest(float32Powers(), FLOAT32, (x) => toText((out, pos) => emitValue(out, pos, x, true)));
    expectShortest(float32Powers(), FLOAT32, (x) => formatValue(x, "float32"));
  });

  test("float64: every power of two, as the CLI writes float64 values", () => {
    expect(expectShortest(float64Powers(), FLOAT64, (x) => toText((out, pos) => emitValue(out, pos, x, false)))).toBe(4196);
  });

  test("float32: 100,000 random finite bit patterns; float64: 20,000", () => {
    let seed = 99;
    const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0);
    const f64 = new Float64Array(1);
    const words = new Uint32Array(f64.buffer);
    function* float32s() {
      for (let n = 0; n < 100_000; ) {
        const x = fromBits(random() ^ (random() << 7));
        if (Number.isFinite(x) && x !== 0) n++, yield x;
      }
    }
    function* float64s() {
      for (let n = 0; n < 20_000; ) {
        words[0] = random() ^ (random() << 9);
        words[1] = random() ^ (random() << 5);
        const x = f64[0]!;
        if (Number.isFinite(x) && x !== 0) n++, yield x;
      }
    }
    expect(expectShortest(float32s(), FLOAT32, shortestFloat32)).toBe(100_000);
    expect(expectShortest(float64s(), FLOAT64, (x) => toText((out, pos) => emitValue(out, pos, x, false)))).toBe(20_000);
  }, 600_000);

  test("integers above 2^31 keep their last digit (48 + x would round above 2^53)", () => {
    const out = new Uint8Array(32);
    for (const n of [2 ** 53 - 1, 2 ** 53 - 3, -(2 ** 53 - 1), 2 ** 52 + 1, 4294967297, 1e15 + 7])
      expect(Buffer.from(out.subarray(0, emitInteger(out, 0, n))).toString()).toBe(String(n));
  });
});

test("the same decimals as numpy's repr of float32: every power of two, a tie, 50,000 random values", () => {
  const python = ["python3", "/usr/bin/python3"].find((p) => spawnSync(p, ["-c", "import numpy"]).status === 0);
  // .ci/run installs Debian's python3-numpy where the python3 on PATH has no numpy.
  expect(python, "a python3 with numpy (apt-get install python3-numpy)").toBeDefined();
  let seed = 5;
  const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0);
  const values = [...float32Powers().filter((x) => x > 0), 1211405.25];
  while (values.length < 50_000 + 278) {
    const x = fromBits(random() ^ (random() << 7));
    if (Number.isFinite(x) && x !== 0) values.push(x);
  }
  const bits = values.map((x) => (fromBits(0), (f32[0] = x), u32[0]!));
  // numpy's repr of each float32 (numpy 2 writes np.float32(...)), one a line.
  const script = "import sys, numpy as np\nfor b in sys.stdin.read().split():\n  r = repr(np.array([int(b)], dtype=np.uint32).view(np.float32)[0])\n  print(r[11:-1] if r.startswith('np.float32(') else r)";
  const r = spawnSync(python!, ["-c", script], { input: bits.join(" "), encoding: "utf8", maxBuffer: 1 << 26 });
  expect(r.status, r.stderr).toBe(0);
  const numpy = r.stdout.trimEnd().split("\n");
  expect(numpy).toHaveLength(values.length);
  for (const [i, x] of values.entries()) {
    const ours = digitsOf(shortestFloat32(x));
    const theirs = digitsOf(numpy[i]!);
    if (ours.c !== theirs.c || ours.t !== theirs.t) expect([x, shortestFloat32(x)]).toEqual([x, numpy[i]]);
  }
});
