/**
 * The torch cosine kernels (assembly/torch/cosines.ts, cosineAnnealingLR.ts and their twins): the
 * run step in a held run for consecutive arguments in any period, cos64x2 pairs (SIMD) and cos64
 * elsewhere, undecided elements decided exactly. Every element against the decimal.js oracle
 * (test/keras/cosine.oracle.ts, independent of the kernels and src/exact), on every backend.
 */
import { describe, expect, test } from "vitest";
import { cosinesAt } from "../../assembly/torch/cosines.twin.js";
import { cosines, cosinesOf } from "../../src/torch/kernels.js";
import { PI } from "../../src/torch/python.js";
import { expectError } from "../expectError.js";
import { oracleCos } from "../keras/cosine.oracle.js";
import { hex } from "../samples.js";

const BACKENDS = ["js", "wasm-scalar", "wasm-simd"] as const;

/** The oracle's cos of each x (a few ms each: computed once per test, for every backend). */
const oracle = (x: Float64Array): Float64Array => x.map((v) => oracleCos(v, "float64"));

/** Indices of the elements of `got` that differ (Object.is) from `want`. */
function wrong(want: Float64Array, got: Float64Array): number[] {
  const bad: number[] = [];
  for (let i = 0; i < want.length; i++) if (!Object.is(got[i], want[i])) bad.push(i);
  return bad;
}

function cosinesOn(x: Float64Array, backend: (typeof BACKENDS)[number]): Float64Array {
  const out = new Float64Array(x.length);
  cosinesOf(x, x.length, out, backend);
  return out;
}

// Lefèvre's worst cases of cos in [0.5, pi] (CORE-MATH's src/binary64/cos/cos.wc, as
// test/numerics/cos.test.ts's HARD64 lists them): the rounding test cannot decide some.
const HARD = [
  "0x1.00147eec5cfa5p+0", "0x1.35b3a711dc35ap-1", "0x1.82cfac4cb72c4p-1", "0x1.e8f09704b7004p-1", "0x1.07d666849e8bcp-1",
  "0x1.1276f997cc563p+0", "0x1.1da2fa97dd4c7p+0", "0x1.2a15a603db15p+0", "0x1.87e58ed56fa1bp+0", "0x1.987fabccf58cfp+0",
  "0x1.020d7da1e6da3p+1", "0x1.0a12bd7cab06fp+1", "0x1.33623951255d3p+1", "0x1.5b53aab892d83p+1", "0x1.9297049310913p+1",
  "0x1.8f77721f18ffep+1", "0x1.f952fc367c3f2p-1", "0x1.8bf8eb37cdb38p+0", "0x1.650a71b404eeap+1", "0x1.69dbaabea28c6p+1",
].map(hex);

describe("cosinesOf: sorted arguments take the run step", () => {
  test("a sweep of [-0.01, 3.16] by 2^-9 crosses every anchor; every element is the oracle's, on every backend", () => {
    const x = Float64Array.from({ length: 1623 }, (_, i) => -0.01 + i / 512);
    const want = oracle(x);
    for (const backend of BACKENDS) expect(wrong(want, cosinesOn(x, backend))).toEqual([]);
  });

  test("past pi, the worst cases amid neighbours in their run of a later period: undecided ones decided exactly", () => {
    // Lefèvre's worst cases of cos in [pi, 2^11) (CORE-MATH's cos.wc, as test/numerics/cos.test.ts's
    // HARD64 lists them), each between 3 doubles below and 3 above.
    const far = [
      "0x1.f0b91dda825e6p+1", "0x1.f85e60f723293p+1", "0x1.fef0aa513503fp+1", "0x1.a4cf9980bf956p+2", "0x1.da30051782fa2p+2",
      "0x1.936e96e44e62fp+3", "0x1.421a8264342e9p+4", "0x1.17b369a9b0c36p+5", "0x1.1bee7df4f49dfp+5", "0x1.b9c8f77db91bfp+5",
      "0x1.522cc5ea61b64p+6", "0x1.df0cfcfacc356p+6", "0x1.72e40abff8ae3p+7", "0x1.fab0d7daf941cp+7", "0x1.98aaf4a0d97a1p+8",
      "0x1.2ce7999e12abbp+9", "0x1.ca980f6ad8b5bp+9", "0x1.49c350a5f044bp+10", "0x1.eccf76cba0c7bp+10",
    ].map(hex);
    const x = Float64Array.from(far.flatMap((h) => [-3, -2, -1, 0, 1, 2, 3].map((k) => h + k * 2 ** -52 * 2 ** Math.floor(Math.log2(h)))));
    const want = oracle(x);
    const hard = new Int32Array(x.length);
    const count = cosinesAt(x, new Float64Array(x.length), hard, x.length);
    expect(count).toBeGreaterThan(0);
    for (const i of hard.subarray(0, count)) expect(far).toContain(x[i]);
    for (const backend of BACKENDS) expect(wrong(want, cosinesOn(x, backend))).toEqual([]);
  });

  test("the worst cases amid neighbours at their anchor (so pairs take the run step): undecided ones decided exactly", () => {
    // Each worst case between 3 doubles below and 3 above it, in order: runs of 7 at one anchor,
    // the worst case at even and odd indices alike (7 is odd).
    const x = Float64Array.from(HARD.sort((a, b) => a - b).flatMap((h) => [-3, -2, -1, 0, 1, 2, 3].map((k) => h + k * 2 ** -52 * 2 ** Math.floor(Math.log2(h)))));
    const want = oracle(x);
    const hard = new Int32Array(x.length);
    const count = cosinesAt(x, new Float64Array(x.length), hard, x.length);
    // The run step leaves some worst cases to the exact path: the hard list is exercised.
    expect(count).toBeGreaterThan(0);
    for (const i of hard.subarray(0, count)) expect(HARD).toContain(x[i]);
    for (const backend of BACKENDS) expect(wrong(want, cosinesOn(x, backend))).toEqual([]);
  });

  test("past pi and negative arguments, sorted and not (cos64x2 pairs, cos64), around 2 pi, 3 pi, 1e5", () => {
    const around = (c: number) => Array.from({ length: 41 }, (_, k) => c + (k - 20) * 1e-4);
    const x = Float64Array.from([...around(2 * Math.PI), ...around(3 * Math.PI), ...around(-1), ...around(1e5), 3.2, 0.5, 7, -0.001, 3.144, 3.1446, 1.5707963267948966]);
    const want = oracle(x);
    for (const backend of BACKENDS) expect(wrong(want, cosinesOn(x, backend))).toEqual([]);
  });

  test("runs held downward (across 6 pi and across 0) and upward across 2^20 (a run from below LIMIT reaches past it)", () => {
    const sweep = (from: number, step: number, n: number) => Array.from({ length: n }, (_, k) => from + k * step);
    for (const x of [sweep(6 * Math.PI + 0.01, -1e-4, 201), sweep(0.005, -5e-5, 201), sweep(2 ** 20 - 0.005, 5e-5, 201)]) {
      const xs = Float64Array.from(x);
      const want = oracle(xs);
      for (const backend of BACKENDS) expect([x[0], wrong(want, cosinesOn(xs, backend))]).toEqual([x[0], []]);
    }
  });

  test("past 2^20, cos64's far reduction (vector bodies and cos64), and past 2^31, the exact path: CosineAnnealingLR's pi t / 2 around t = 667,545 and beyond", () => {
    // Arguments pi/2 apart (no run holds): pairs and groups of four with far lanes, beside near ones,
    // the double closest to a multiple of pi/2 there, and arguments past REACH (2^31).
    const x: number[] = [];
    for (const t0 of [667_530, 10_000_000, 1_367_000_000]) for (let t = t0; t < t0 + 40; t++) x.push((PI * t) / 2);
    x.push(3.2, 0.5, hex("0x1.b951f1572eba5p+23"), 7, 2 ** 20, 2 ** 31 - 0.5, 2 ** 31, -(2 ** 31) - 2, 1e10, -1.5e6, 4, 2e6, 0.25);
    const xs = Float64Array.from(x);
    const want = oracle(xs);
    for (const backend of BACKENDS) expect([backend, wrong(want, cosinesOn(xs, backend))]).toEqual([backend, []]);
  });

  test("a non-finite argument, at an even or an odd index, is named whatever the path", () => {
    for (const backend of BACKENDS)
      for (const [i, v] of [[4, NaN], [5, Infinity], [0, -Infinity]] as const) {
        const x = Float64Array.from({ length: 9 }, (_, k) => 1 + k * 1e-5);
        x[i] = v;
        expectError(() => cosinesOn(x, backend), RangeError, `Argument \`steps\` must hold finite numbers. Received: steps[${i}]=${v}`);
      }
  });
});

describe("cosines: CosineAnnealingLR's cos(pi * t / T_max) over a range", () => {
  test("T_max 1000, t from -1 over two periods (past pi, every anchor), on every backend", () => {
    const n = 4003;
    const x = Float64Array.from({ length: n }, (_, i) => (PI * (i - 1)) / 1000);
    const want = oracle(x);
    for (const backend of BACKENDS) {
      const out = new Float64Array(n);
      cosines(1000, -1, n, out, backend);
      expect(wrong(want, out)).toEqual([]);
    }
  });

  test("runs in later periods (a = s (x - M)): across 2 m pi, (2 m + 1) pi and the anchors at pi/2, for m = 1, 3, 50", () => {
    const tMax = 100003;
    for (const m of [1, 3, 50])
      for (const c of [2 * m, 2 * m + 1, 2 * m + 0.5, 2 * m + 1.5]) {
        // 121 steps centred on t = c T_max: pi t / T_max crosses c pi there.
        const t0 = Math.round(c * tMax) - 60;
        const x = Float64Array.from({ length: 121 }, (_, i) => (PI * (t0 + i)) / tMax);
        const want = oracle(x);
        for (const backend of BACKENDS) {
          const out = new Float64Array(121);
          cosines(tMax, t0, 121, out, backend);
          expect([m, c, wrong(want, out)]).toEqual([m, c, []]);
        }
      }
  });

  test("T_max 2047 to 2049 (runs of about four steps, the SIMD build's gate for runs: the pairs on either side of it), from odd starts", () => {
    // cosines.ts looks for a run only where a pair's arguments are at most RUN_SPAN / 4 apart, and
    // pi / 2048 is that: the rounded differences fall on either side, so both paths interleave.
    for (const [tMax, t0, n] of [[2047, 5, 2501], [2048, 1, 2501], [2049, 4097, 1201]] as const) {
      const x = Float64Array.from({ length: n }, (_, i) => (PI * (t0 + i)) / tMax);
      const want = oracle(x);
      for (const backend of BACKENDS) {
        const out = new Float64Array(n);
        cosines(tMax, t0, n, out, backend);
        expect([tMax, wrong(want, out)]).toEqual([tMax, []]);
      }
    }
  });

  test("T_max 7 and 3 (a new anchor at every step) and a large T_max (runs of thousands), from odd starts", () => {
    for (const [tMax, t0, n] of [[7, 3, 101], [3, 0, 31], [2000003, 999, 1501]] as const) {
      const x = Float64Array.from({ length: n }, (_, i) => (PI * (t0 + i)) / tMax);
      const want = oracle(x);
      for (const backend of BACKENDS) {
        const out = new Float64Array(n);
        cosines(tMax, t0, n, out, backend);
        expect(wrong(want, out)).toEqual([]);
      }
    }
  });
});
