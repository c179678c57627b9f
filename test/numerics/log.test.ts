// ln x, correctly rounded: the fast paths (assembly/numerics/log.ts and its twin) with the exact
// fallback (src/exact/log.ts) against the independent decimal.js oracle, the fast path's error bound
// measured, its undecided rate, and the AssemblyScript build against the twin bit for bit.
import fc from "fast-check";
import { beforeAll, describe, expect, test } from "vitest";
import { lnddForTesting, log2dd, log2Low, log32, log64 } from "../../assembly/numerics/log.twin.js";
import { wasUndecided } from "../../assembly/numerics/undecided.twin.js";
import { BINARY32, BINARY64 } from "../../src/exact/binary.js";
import { logCorrectlyRounded } from "../../src/exact/log.js";
import { exactDecimal, OracleDecimal, roundDecimalSigned, type DType } from "../oracle.js";
import { compileNumerics } from "./wasm.js";
import { hex, uniform } from "../samples.js";


/** The oracle: ln of the exact input at 90 digits, rounded to the dtype by exact comparison. */
function oracleLog(x: number, dtype: DType): number {
  if (Number.isNaN(x) || x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return Infinity;
  if (x === 1) return 0;
  return roundDecimalSigned(exactDecimal(x).ln(), dtype);
}

/** The full correctly rounded log: fast path, and the exact fallback when it cannot decide. */
function log32cr(x: number): number {
  const v = log32(x);
  return wasUndecided() ? logCorrectlyRounded(x, BINARY32) : v;
}
function log64cr(x: number): number {
  const v = log64(x);
  return wasUndecided() ? logCorrectlyRounded(x, BINARY64) : v;
}


function f32FromBits(b: number): number {
  return new Float32Array(new Uint32Array([b]).buffer)[0]!;
}


// Hard-to-round cases of logf: LLVM libc's test/src/math/logf_test.cpp, "TrickyInputs" (bit patterns).
const LOGF_HARD = [
  0x1b7679ff, 0x1e88452d, 0x3f800001, 0x3509dcf6, 0x3bf86ef0, 0x3c413d3a, 0x3ca1c99f, 0x3d13e105, 0x3f7ff1f2,
  0x3f7fffff, 0x3f800006, 0x3f800014, 0x3f80001c, 0x3f80c777, 0x3f80ce72, 0x3f80d19f, 0x3f80f7bf, 0x3f80fcfe,
  0x3f81feb4, 0x3f83d731, 0x3f90cb1d, 0x3fc55379, 0x3fd364d7, 0x41178feb, 0x4c5d65a5, 0x4e85f412, 0x500ffb03,
  0x5cd69e88, 0x5ee8984e, 0x65d890d3, 0x665e7ca6, 0x6f31a8ec, 0x79e7ec37, 0x7a17f30a,
].map(f32FromBits);

// Hard-to-round cases of log in binary64: CORE-MATH's src/binary64/log/log.wc, taken from Lefèvre's
// https://www.vinc17.net/research/testlibm/hrcases/hrcases-explog.xz (up to 64 identical bits after
// the rounding bit): its first entries, and some of those near 1.
const LOG_HARD = [
  "0x1.a6ae5142326b5p+0", "0x1.a6ba95b1520f9p+0", "0x1.a702b2ce91b3p+0", "0x1.a775c6c1d8d3ep+0", "0x1.b072ab04ee9bfp+0",
  "0x1.c877cba59d0acp+0", "0x1.bbfff9457d5c3p+0", "0x1.bdfbc244c2cfep+0", "0x1.befeb75414206p+0", "0x1.c19bdd1656c31p+0",
  "0x1.c9f6ad292698fp+0", "0x1.b188600086feep+0", "0x1.ca3665f2edf3dp+0", "0x1.d2e75daa7d786p+0", "0x1.c47c00242ae49p+0",
  "0x1.1e852e6951306p+1", "0x1.1f1f3da2014bbp+1", "0x1.21e133699fd0fp+1", "0x1.dafdb40362537p+0", "0x1.dd17c2931712fp+0",
  "0x1.000976581ce4ep+1", "0x1.2c86090791524p+1", "0x1.3fa2991e8c0c2p+1", "0x1.d99bf3e370f9p+18", "0x1.8992bd496d364p+25",
  "0x1.f9bd207cafe2fp+38", "0x1.a6004162f2b8cp+45", "0x1.f63e8a05c6055p+14", "0x1.e16cea453c8p+8", "0x1.0092086ce40eap+27",
  "0x1.0000000017ffep+0", "0x1.0000000017fffp+0", "0x1.0000000018001p+0", "0x1.0000000023f4bp+0", "0x1.000000002c0b5p+0",
  "0x1.000000002fffdp+0", "0x1.0000000030003p+0", "0x1.000000004d917p+0", "0x1.00000000526e9p+0", "0x1.000000005fffcp+0",
  "0x1.0000000060005p+0", "0x1.000000006d917p+0",
].map(hex);

describe("log: special values (C99 Annex F)", () => {
  test.each([
    [1, 0],
    [0, -Infinity],
    [-0, -Infinity],
    [-1, NaN],
    [-Infinity, NaN],
    [-1e-300, NaN],
    [Infinity, Infinity],
    [NaN, NaN],
  ])("log(%s) = %s in both dtypes, fast and exact", (x, want) => {
    for (const [fast, fmt] of [[log32, BINARY32], [log64, BINARY64]] as const) {
      expect(Object.is(fast(x), want)).toBe(true);
      expect(wasUndecided()).toBe(false);
      expect(Object.is(logCorrectlyRounded(x, fmt), want)).toBe(true);
    }
  });
});

describe("log32: float32, against the oracle", () => {
  test("random float32 values, subnormal to huge", () => {
    fc.assert(
      fc.property(fc.float({ min: 2 ** -149, max: 3.4028234663852886e38, noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(log32cr(x)).toBe(oracleLog(x, "float32"));
      }),
      { numRuns: 1500 },
    );
  });

  test("every float32 bit pattern class: near 1, subnormals, powers of two, the largest", () => {
    const xs: number[] = [];
    for (let k = 1; k <= 64; k++) {
      xs.push(f32FromBits(0x3f800000 + k), f32FromBits(0x3f800000 - k)); // 1 +- k ulp
    }
    for (let i = 5; i <= 24; i++) xs.push(Math.fround(1 + 2 ** -i), Math.fround(1 - 2 ** -i), Math.fround(1 + 3 * 2 ** -i));
    for (const b of [1, 2, 3, 0x7ff, 0x400000, 0x7fffff]) xs.push(f32FromBits(b)); // subnormals
    for (let e = -149; e <= 127; e += 7) xs.push(2 ** e);
    xs.push(f32FromBits(0x7f7fffff), f32FromBits(0x00800000), Math.fround(Math.SQRT2), Math.fround(Math.SQRT1_2));
    // Each table entry's edges: m = 1 + (k +- 1/2)/128 and their neighbours.
    for (let k = 0; k <= 128; k++) {
      const edge = Math.fround(1 + (k + 0.5) / 128);
      xs.push(edge, f32FromBits(new Uint32Array(new Float32Array([edge]).buffer)[0]! - 1));
    }
    for (const x of xs) expect(log32cr(x), `log(${x})`).toBe(oracleLog(x, "float32"));
  });

  test("hard cases of logf (LLVM libc's TrickyInputs)", () => {
    let undecided = 0;
    for (const x of LOGF_HARD) {
      const want = oracleLog(x, "float32");
      log32(x);
      if (wasUndecided()) undecided++;
      expect(log32cr(x), `logf(${x})`).toBe(want);
      expect(logCorrectlyRounded(x, BINARY32), `exact logf(${x})`).toBe(want);
    }
    console.log(`logf hard cases: ${undecided} of ${LOGF_HARD.length} left to the exact path`);
  });
});

describe("log64: float64, against the oracle", () => {
  test("random doubles, subnormal to huge", () => {
    fc.assert(
      fc.property(fc.double({ min: 5e-324, max: Number.MAX_VALUE, noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(log64cr(x)).toBe(oracleLog(x, "float64"));
      }),
      { numRuns: 1200 },
    );
  });

  test("near 1 (the result near 0, where only relative accuracy counts), subnormals, extremes", () => {
    const xs: number[] = [];
    for (let k = 1; k <= 40; k++) xs.push(1 + k * 2 ** -52, 1 - k * 2 ** -53);
    for (let i = 10; i <= 52; i += 3) xs.push(1 + 2 ** -i, 1 - 2 ** -i, 1 + 2 ** -i + 2 ** -52);
    xs.push(5e-324, 1e-320, 2.2250738585072014e-308, 2.225073858507201e-308, Number.MAX_VALUE, Math.SQRT2, Math.SQRT1_2);
    for (let e = -1074; e <= 1023; e += 61) xs.push(2 ** e, 3 * 2 ** (e - 2));
    for (const x of xs) expect(log64cr(x), `log(${x})`).toBe(oracleLog(x, "float64"));
  });

  test("hard cases of log (Lefèvre's, as CORE-MATH lists them)", () => {
    let undecided = 0;
    for (const x of LOG_HARD) {
      const want = oracleLog(x, "float64");
      log64(x);
      if (wasUndecided()) undecided++;
      expect(log64cr(x), `log(${x})`).toBe(want);
      expect(logCorrectlyRounded(x, BINARY64), `exact log(${x})`).toBe(want);
    }
    console.log(`log hard cases: ${undecided} of ${LOG_HARD.length} left to the exact path`);
    // Those of them within 2^-88 of a midpoint (about 35 or more identical bits) reach the exact path.
    expect(undecided).toBeGreaterThan(0);
  });
});

describe("the fast path's error bound (2^-94 relative, log.ts)", () => {
  const P = OracleDecimal.clone({ precision: 60 });
  function samples(): number[] {
    const xs: number[] = [];
    for (const u of uniform(11, 1500)) xs.push(0.5 + 1.5 * u); // every table entry, both halves
    for (const u of uniform(12, 300)) xs.push(1 + (u - 0.5) * 2 ** -7); // the entries with r = 1
    for (const u of uniform(13, 200)) xs.push(1 + (u - 0.5) * 2 ** -40);
    for (const u of uniform(14, 200)) xs.push(2 ** Math.floor((u - 0.5) * 2000) * (1 + u));
    xs.push(5e-324, 1 + 2 ** -52, 1 - 2 ** -53);
    return xs;
  }

  test("ln x and log2 x as double-doubles are within 2^-92 relative", () => {
    let worstLn = new P(0);
    let worstLog2 = new P(0);
    const ln2 = new P(2).ln();
    for (const x of samples()) {
      const exact = new P(exactDecimal(x).toString()).ln();
      const [h, l] = lnddForTesting(x);
      const got = new P(exactDecimal(h).toString()).plus(exactDecimal(l).toString());
      const err = got.minus(exact).abs().div(exact.abs());
      if (err.gt(worstLn)) worstLn = err;
      const h2 = log2dd(x);
      const l2 = log2Low();
      const got2 = new P(exactDecimal(h2).toString()).plus(exactDecimal(l2).toString());
      const exact2 = exact.div(ln2);
      const err2 = got2.minus(exact2).abs().div(exact2.abs());
      if (err2.gt(worstLog2)) worstLog2 = err2;
    }
    const a = worstLn.log(2).toNumber();
    const b = worstLog2.log(2).toNumber();
    console.log(`log: worst relative error of ln as a double-double 2^${a.toFixed(2)}, of log2 2^${b.toFixed(2)}`);
    expect(a).toBeLessThan(-92);
    expect(b).toBeLessThan(-92);
  });

  test("undecided rate on random inputs (and every decided result equals the exact path's)", () => {
    const n = 200_000;
    let hard32 = 0;
    let hard64 = 0;
    let i = 0;
    for (const u of uniform(99, n)) {
      const x64 = 2 ** (Math.floor(u * 64) - 32) * (1 + u);
      const x32 = Math.fround(x64);
      const v32 = log32(x32);
      if (wasUndecided()) hard32++;
      else if (i % 100 === 0) expect(v32).toBe(logCorrectlyRounded(x32, BINARY32));
      const v64 = log64(x64);
      if (wasUndecided()) hard64++;
      else if (i % 100 === 0) expect(v64).toBe(logCorrectlyRounded(x64, BINARY64));
      i++;
    }
    console.log(`log: undecided ${hard32} of ${n} float32 and ${hard64} of ${n} float64 inputs`);
    expect(hard32).toBeLessThan(n / 100_000 + 3);
    expect(hard64).toBeLessThan(3);
  });
});

describe("AssemblyScript log32/log64 against the twin, bit for bit", () => {
  let wasm: Record<string, (...args: number[]) => number>;
  beforeAll(async () => {
    wasm = await compileNumerics(
      `export { log32, log64, log2dd, log2Low } from "./numerics/log"; export { wasUndecided } from "./numerics/undecided";`,
    );
  }, 60_000);

  test("a few thousand inputs, results and undecided flags", () => {
    const xs: number[] = [0, -0, 1, -1, Infinity, -Infinity, NaN, 5e-324, Number.MAX_VALUE, ...LOG_HARD, ...LOGF_HARD];
    for (const u of uniform(5, 3000)) xs.push(2 ** Math.floor((u - 0.5) * 2100) * (1 + u), 1 + (u - 0.5) * 2 ** -6);
    for (const x of xs) {
      const x32 = Math.fround(x);
      expect(Object.is(wasm.log32!(x32), log32(x32)), `log32(${x32})`).toBe(true);
      expect(!!wasm.wasUndecided!()).toBe(wasUndecided());
      expect(Object.is(wasm.log64!(x), log64(x)), `log64(${x})`).toBe(true);
      expect(!!wasm.wasUndecided!()).toBe(wasUndecided());
      if (x > 0 && x < Infinity) {
        expect(Object.is(wasm.log2dd!(x), log2dd(x))).toBe(true);
        expect(Object.is(wasm.log2Low!(), log2Low())).toBe(true);
      }
    }
  });
});
