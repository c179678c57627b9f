// The correctly rounded cosine (assembly/numerics/cos.ts, its twin cos.twin.ts, and the exact
// fallback src/exact/cos.ts): the twin's results against the exact path on a dense sample of
// float32 arguments in [0, pi_32], against the decimal.js oracle on the hard cases, the near path's
// table against the oracle, each fast path's measured error against its stated bound, and the
// AssemblyScript kernel (scalar and four-lane) against the twin, bit for bit.
import { beforeAll, describe, expect, test } from "vitest";
import {
  anchor64At, anchor64Of, ANCHOR_HALF_PI, anchorAt, anchorOf, cos32, cos64, cos64ForTesting, cos64NearForTesting, cosFar32y, cosNear32y, cosQuick32y, cosRun32,
  cosRun64, cosRun64ForTesting, cosRunShifted64ForTesting, DMAX, EPS_NEAR, NEAR, NEAR64, runAnchor, runAnchor64, runHolds64,
  ABS_FAR, ABS_R, LIMIT, REACH, reduceForTesting,
} from "../../assembly/numerics/cos.twin.js";
import { COS64_NEAR, COS64_NEAR_STRIDE, COS_EPS64, COS_FAR, COS_FAR_PIECES, COS_NEAR, COS_NEAR_SIZE } from "../../assembly/numerics/layout.js";
import { CONSTANTS } from "../../src/generated/constants.js";
import { near64Anchor, nearAnchor } from "../../src/exact/constants.js";
import { wasUndecided } from "../../assembly/numerics/undecided.twin.js";
import { BINARY32, BINARY64, decompose } from "../../src/exact/binary.js";
import { cosCorrectlyRounded, cosEnclosure, sinCorrectlyRounded } from "../../src/exact/cos.js";
import { exactDecimal, OracleDecimal, roundDecimalSigned, type DType } from "../oracle.js";
import { compileNumerics } from "./wasm.js";
import { hex, uniform } from "../samples.js";

const PI32 = Math.fround(Math.PI); // 0x1.921fb6p+1
const PI32_BITS = 0x40490fdb;

/** cos(x) correctly rounded by the decimal.js oracle (see test/exact/cos.test.ts for the precision). */
function oracleCos(x: number, dtype: DType): number {
  if (x === 0) return 1;
  return roundDecimalSigned(OracleDecimal.clone({ precision: 120 }).cos(exactDecimal(x)), dtype);
}

/** The whole pipeline as a schedule runs it: the fast path, and the exact path when undecided. */
function full32(x: number): number {
  const v = cos32(x);
  return wasUndecided() ? cosCorrectlyRounded(x, BINARY32) : v;
}
function full64(x: number): number {
  const v = cos64(x);
  return wasUndecided() ? cosCorrectlyRounded(x, BINARY64) : v;
}


const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
/** The float32 with bit pattern b. */
function fromBits32(b: number): number {
  u32[0] = b;
  return f32[0]!;
}
function bits32(x: number): number {
  f32[0] = x;
  return u32[0]!;
}
const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);
/** The double n units in the last place away from x (x > 0). */
function stepDouble(x: number, n: number): number {
  f64[0] = x;
  u64[0] = u64[0]! + BigInt(n);
  return f64[0]!;
}


/** |y - cos x| / |cos x| for y = h + l, against a 300-bit enclosure of cos x (width < 2^-290). */
function relativeError(x: number, h: number, l: number): number {
  const [d, c] = errorOf(x, h, l);
  return Math.abs(Number(d)) / Math.abs(Number(c));
}

/** |y - cos x| for y = h + l (+ l2, exactly), as relativeError measures it. */
function absoluteError(x: number, h: number, l: number, l2 = 0): number {
  return Math.abs(Number(errorOf(x, h, l, l2)[0])) * 2 ** -300;
}

/** y - cos x and cos x, both times 2^300, for y = h + l + l2 summed exactly. */
function errorOf(x: number, h: number, l: number, l2 = 0): [bigint, bigint] {
  const B = 300;
  const [lo, hi] = cosEnclosure(x, B);
  const c = (lo + hi) / 2n;
  const fixed = (v: number): bigint => {
    const [m, e] = decompose(v);
    return e + B >= 0 ? m << BigInt(e + B) : m / (1n << BigInt(-(e + B))); // y's digits below 2^-300 are irrelevant here
  };
  return [fixed(h) + fixed(l) + fixed(l2) - c, c];
}

// Hard cases for float32. CORE-MATH's cr_cosf (src/binary32/cos/cosf.c, Sibidanov 2022) lists the
// inputs its double approximation cannot round; LLVM libc's cosf (src/math/generic/cosf.cpp) has its
// own table of exceptional values (for every rounding mode). Then the float32 arguments closest to a
// multiple of pi/2 below 2^20 (the search in "the reduction's worst cases" below), where cos(x) is
// tiny and a reduction with an absolute error would be wrong.
const HARD32 = [
  // CORE-MATH cosf.c
  "0x1.4555p+51", "0x1.3170fp+63", "0x1.119ae6p+115", "0x1.96344ep+117", "0x1.24f2eep+85", "0x1.ddebdep+120",
  "0x1.ba5a98p+95", "0x1.a13cb2p+1", "0x1.417a5cp+8", "0x1.34486p+19", "0x1.48a858p+54", "0x1.f4a7f4p+106",
  "0x1.0a1f74p+58", "0x1.ea56e2p+73",
  // LLVM libc cosf.cpp (the ones not above)
  "0x1.64a032p+43", "0x1.2b9622p+67",
  // closest to k pi/2: k = 161, 322, 3, 33433, 644, 6
  "0x1.f9cbe2p+7", "0x1.f9cbe2p+8", "0x1.2d97c8p+2", "0x1.9a48dep+15", "0x1.f9cbe2p+9", "0x1.2d97c8p+3",
].map(hex);

// The hardest float32 arguments in [2^-12, pi_32], from an offline scan of all 113.8 million with
// the exact path: cos(x) lies within 2^-53.14, 2^-52.58, 2^-52.00, 2^-50.40, 2^-50.04,
// 2^-49.62, 2^-49.17, 2^-49.15, 2^-49.08, 2^-49.07, 2^-48.97, 2^-48.84 (relative) of a midpoint
// between two float32s. 2^-12 itself is one: cos(2^-12) = 1 - 2^-25 + 2^-51/3 - ...
const HARDEST32 = [
  "0x1.20ffccp-7", "0x1.000000p-12", "0x1.a8872ap-11", "0x1.1e377ap-11", "0x1.bf4e1cp-3", "0x1.544ce4p+0",
  "0x1.869c24p-9", "0x1.21497ep+1", "0x1.0c4d4ap+0", "0x1.589f80p-4", "0x1.b6781cp+0", "0x1.4b3ef8p+1",
].map(hex);

// Hard cases for float64: CORE-MATH's src/binary64/cos/cos.wc lists Lefèvre's worst cases of cos
// (https://www.vinc17.net/research/testlibm/, 46 to 54 identical bits after the round bit, for all
// rounding modes) in [0, pi] and beyond; every 30th of those in [0.5, 4) and every 600th of the
// smaller ones. Then the double closest to a multiple of pi/2 below 2^20 (29 pi/2, 2^-60.49 away),
// the worst case over all doubles (0x1.6ac5b262ca1ffp+851, 2^-61; Muller, Elementary Functions,
// ch. 11) and cos.wc's non-regression input.
const HARD64 = [
  "0x1.00147eec5cfa5p+0", "0x1.35b3a711dc35ap-1", "0x1.82cfac4cb72c4p-1", "0x1.e8f09704b7004p-1",
  "0x1.07d666849e8bcp-1", "0x1.09d9697059c58p-1", "0x1.124a076fcac2bp-1", "0x1.1ce08aabd08fap-1",
  "0x1.26962af82fdb6p-1", "0x1.2c4a70736a815p-1", "0x1.3449271a7da7ep-1", "0x1.3b7f13bcb133bp-1",
  "0x1.45b4af76f864dp-1", "0x1.4ec2651012986p-1", "0x1.59c4ce812c51dp-1", "0x1.5e95f0fbefc54p-1",
  "0x1.68818f36e8069p-1", "0x1.6d3e760553cccp-1", "0x1.77a5aea648081p-1", "0x1.8176f96b77e1cp-1",
  "0x1.88194fba064d1p-1", "0x1.91765f1104984p-1", "0x1.9b940221b6c6dp-1", "0x1.a48078b5c8f6bp-1",
  "0x1.a8bdc188577e4p-1", "0x1.b1074bcfae4acp-1", "0x1.ba057fbc2c545p-1", "0x1.c2d0cae1b3b62p-1",
  "0x1.c74d51f6a06b6p-1", "0x1.cf1e16ab7f316p-1", "0x1.d6abbe26128d3p-1", "0x1.df5d2e7c8841dp-1",
  "0x1.e924782932c3ap-1", "0x1.f3b25c87903c2p-1", "0x1.01b53909525ap+0", "0x1.0a68e655445bcp+0",
  "0x1.1276f997cc563p+0", "0x1.1da2fa97dd4c7p+0", "0x1.2a15a603db15p+0", "0x1.319543a6e12ap+0",
  "0x1.3b5f8412e5d71p+0", "0x1.4402288e151abp+0", "0x1.4f7cd4aaf0159p+0", "0x1.556a17161c989p+0",
  "0x1.5e20372ffeb62p+0", "0x1.65e1d3b61c8e9p+0", "0x1.6ee54009da22cp+0", "0x1.78400af71dc24p+0",
  "0x1.80d2e5941fcf2p+0", "0x1.87e58ed56fa1bp+0", "0x1.987fabccf58cfp+0", "0x1.a137725013f8cp+0",
  "0x1.a6d79145e7a27p+0", "0x1.afaacf057c852p+0", "0x1.b59b1a8164f2dp+0", "0x1.ba98f7726d46ep+0",
  "0x1.bff72aef42098p+0", "0x1.c696e89ca294dp+0", "0x1.ce393b0954bbcp+0", "0x1.d3c61eb051a34p+0",
  "0x1.dd79f4e6ac4abp+0", "0x1.e60aa5fa988c3p+0", "0x1.ecb98da1db46ep+0", "0x1.f5347ee0014f5p+0",
  "0x1.fba12b01224aap+0", "0x1.020d7da1e6da3p+1", "0x1.0a12bd7cab06fp+1", "0x1.11cd100ee02e8p+1",
  "0x1.199c56c01a38dp+1", "0x1.241b5537c6447p+1", "0x1.2cf5c9458e3bcp+1", "0x1.33623951255d3p+1",
  "0x1.3a590657ab133p+1", "0x1.4209478cb4e5ep+1", "0x1.47a43f444145dp+1", "0x1.4e46951c3deb4p+1",
  "0x1.5440ace209ba3p+1", "0x1.5b53aab892d83p+1", "0x1.9297049310913p+1", "0x1.98c529ade88a9p+1",
  "0x1.9fe6d459619d6p+1", "0x1.a6d63bcddf1ap+1", "0x1.ae8abfe6bb4b2p+1", "0x1.b5ef728b511cbp+1",
  "0x1.baca25b3acc57p+1", "0x1.c50b73e8a9de8p+1", "0x1.cef6b1bffdbedp+1", "0x1.d555bc298155ap+1",
  "0x1.dcba69ce7254fp+1", "0x1.e617f6b24ba0ep+1", "0x1.f952fc367c3f2p-1", "0x1.8bf8eb37cdb38p+0",
  "0x1.5db2ee7af2b15p+1", "0x1.650a71b404eeap+1", "0x1.69dbaabea28c6p+1", "0x1.740a5c0992d0fp+1",
  "0x1.7b521e06c46bp+1", "0x1.8304491f4dc2cp+1", "0x1.8bd742b45c7b7p+1", "0x1.8f77721f18ffep+1",
  "0x1.f0b91dda825e6p+1", "0x1.f85e60f723293p+1", "0x1.fef0aa513503fp+1", "0x1.0009effd4bedap-12",
  "0x1.60345fbde0494p-15", "0x1.cd2b958a64f97p-19", "0x1.6a09e667f3d0ep-27",
  "0x1.3988e14092176p-26", "0x1.deeea11683f5p-26", "0x1.7fffffffffffbp-25",
  "0x1.1e3779b97f4a9p-24", "0x1.c000000000003p-24", "0x1.617398f2aaa4fp-23",
  "0x1.feffbfdfebf35p-23", "0x1.a2c2943e286abp-22", "0x1.42fc6ef0a7d34p-21",
  "0x1.dd062bf7ecf7fp-21", "0x1.836c1897e4d9ap-20", "0x1.20ab5b3ea8237p-19",
  "0x1.c2b0c9ee4a088p-19", "0x1.658ccc9227592p-18", "0x1.06746b054e55fp-17",
  "0x1.a345491681561p-17", "0x1.3fd9f0efe4209p-16", "0x1.0a98440f288cap-15",
  "0x1.b223e81a6323ap-15", "0x1.5467aaee5f4d7p-14", "0x1.fbcc74d6a6d72p-14",
  "0x1.9924611fb6cf8p-13", "0x1.3036a1d4ff58dp-12", "0x1.d5f57d84dba8p-12",
  "0x1.79376d037af47p-11", "0x1.1d62baa79feb8p-10", "0x1.be78e63eea8e7p-10", "0x1.5bb8b007c62ap-9",
  "0x1.f9ff23d89ac31p-9", "0x1.9ed67ffa63d29p-8", "0x1.3bbb5d1bbb513p-7", "0x1.d6cd593ce08c1p-7",
  "0x1.792c64a19fbddp-6", "0x1.1d744a497afd5p-5", "0x1.d2b6f10ad1191p-5", "0x1.642b0a18c278ep-4",
  "0x1.039cb7a8b6594p-3", "0x1.9f38509b5f291p-3", "0x1.41a76eadffddbp-2", "0x1.e8f5398479388p-2",
  "0x1.a4cf9980bf956p+2", "0x1.936e96e44e62fp+3", "0x1.421a8264342e9p+4", "0x1.17b369a9b0c36p+5",
  "0x1.da30051782fa2p+2", "0x1.1bee7df4f49dfp+5", "0x1.b9c8f77db91bfp+5", "0x1.522cc5ea61b64p+6",
  "0x1.df0cfcfacc356p+6", "0x1.72e40abff8ae3p+7", "0x1.fab0d7daf941cp+7", "0x1.98aaf4a0d97a1p+8",
  "0x1.2ce7999e12abbp+9", "0x1.ca980f6ad8b5bp+9", "0x1.eccf76cba0c7bp+10", "0x1.49c350a5f044bp+10",
  "0x1.3d3ebeecbe13cp+461", "0x1.9abf499df9d6cp+898",  "0x1.6c6cbc45dc8dep+5", "0x1.6c6cbc45dc8dep+6", "0x1.6ac5b262ca1ffp+851", "0x1.3f06778c3c6a1p+104",
  // The double closest to a multiple of pi/2 in [2^20, 2^31), the far reduction's range: 2^-59.03
  // from 9206271 pi/2 (the next below 2^23: 2^-54.14 from 1081409 pi/2).
  "0x1.b951f1572eba5p+23", "0x1.9eb7148f354d6p+20",
].map(hex);

describe("cos32 (twin) and the exact path", () => {
  test("a dense sample of [0, pi_32]: every decided result is the exact path's; the undecided rate", () => {
    // Every 4001st float32 bit pattern from +0 to pi_32 (269,566 arguments across every binade,
    // subnormals to pi), then 100,001 arguments evenly spaced in value (i pi_32 / 100000, rounded):
    // 369,567 in all, each against the BigInt exact path.
    const xs: number[] = [];
    for (let b = 0; b <= PI32_BITS; b += 4001) xs.push(fromBits32(b));
    for (let i = 0; i <= 100000; i++) xs.push(Math.fround((i * PI32) / 100000));
    let undecided = 0;
    let wrong = 0;
    for (const x of xs) {
      const v = cos32(x);
      if (wasUndecided()) {
        undecided++;
        continue;
      }
      const e = cosCorrectlyRounded(x, BINARY32);
      if (!Object.is(v, e)) wrong++;
      // cos is even, and the fast path says so exactly.
      if (!Object.is(cos32(-x), v) || wasUndecided()) wrong++;
    }
    console.log(`cos32 dense sample: ${xs.length} float32 arguments in [0, pi_32], ${undecided} undecided`);
    expect(xs.length).toBe(369567);
    expect(wrong).toBe(0);
    // Within 2^-48 of a midpoint, spacing 2^-24 at best: about 1 in 8 million.
    expect(undecided).toBeLessThanOrEqual(2);
  });

  test("every float32 in [2^-12, pi_32]: the fast path's undecided ones, resolved by the exact path", () => {
    // 113,840,092 arguments through the fast path (a few seconds); the undecided ones go to the
    // exact path. The decided ones rest on the error bound, measured below.
    let undecided = 0;
    let n = 0;
    const found: number[] = [];
    for (let b = bits32(2 ** -12); b <= PI32_BITS; b++) {
      const x = fromBits32(b);
      cos32(x);
      n++;
      if (wasUndecided()) {
        undecided++;
        found.push(x);
        expect(Number.isFinite(cosCorrectlyRounded(x, BINARY32))).toBe(true);
      }
    }
    console.log(`cos32: ${undecided} of ${n} float32 arguments in [2^-12, pi_32] undecided: ${found.map((x) => x.toPrecision(9)).join(", ")}`);
    expect(n).toBe(113840092);
    // The window (64 units of y's last place around a midpoint, 2^-22 of all patterns) leaves
    // about 27 by chance, plus those truly near a midpoint, HARDEST32's first 12 among them.
    expect(undecided).toBeGreaterThanOrEqual(12);
    expect(undecided).toBeLessThanOrEqual(80);
    for (const x of HARDEST32) expect(found).toContain(x);
  });

  test("near pi/2, pi, 3pi/2: relative accuracy where cos is near 0, and -1 at pi_32", () => {
    // cos(pi_32 / 2) is -4.37e-8 in float32, Keras' halfway value; pi_32 / 2 is exact.
    expect(full32(PI32 / 2)).toBe(-4.371138828673793e-8);
    expect(full32(PI32)).toBe(-1);
    expect(full32(-PI32)).toBe(-1);
    const xs: number[] = [];
    for (const centre of [PI32 / 2, PI32, Math.fround((3 * PI32) / 2), Math.fround(2 * PI32), Math.fround(2.5 * PI32)]) {
      for (let d = -12; d <= 12; d++) xs.push(fromBits32(bits32(centre) + d));
    }
    for (const x of xs) {
      expect(full32(x), `cos(${x})`).toBe(oracleCos(x, "float32"));
      expect(full32(-x), `cos(${-x})`).toBe(oracleCos(x, "float32"));
    }
  });

  test("tiny, negative and huge arguments against the oracle", () => {
    const xs = [
      2 ** -149, 2 ** -126, 1e-30, 2 ** -13, 2 ** -12, fromBits32(bits32(2 ** -12) + 1), 3e-4, 1e-3,
      -0.5, -1, -3, -100, -12345.678,
      1e6, 2 ** 20, fromBits32(bits32(2 ** 20) - 1), 1e7, 1e30, 2 ** 100, 3.4028234663852886e38, -3.4028234663852886e38,
    ].map(Math.fround);
    for (const x of xs) expect(full32(x), `cos(${x})`).toBe(oracleCos(x, "float32"));
    expect(full32(0)).toBe(1);
    expect(full32(-0)).toBe(1);
    expect(cos32(0)).toBe(1);
    expect(wasUndecided()).toBe(false);
    expect(cos32(NaN)).toBeNaN();
    expect(cos32(Infinity)).toBeNaN();
    expect(cos32(-Infinity)).toBeNaN();
    expect(wasUndecided()).toBe(false);
  });

  test("the hard cases of CORE-MATH and LLVM libc, of [2^-12, pi_32], and the reduction's worst cases", () => {
    for (const x of [...HARD32, ...HARDEST32]) {
      expect(Math.fround(x)).toBe(x);
      expect(full32(x), `cos(${x})`).toBe(oracleCos(x, "float32"));
      expect(full32(-x), `cos(${-x})`).toBe(oracleCos(x, "float32"));
    }
    // The first five lie within 2^-50 of a midpoint: a rounding test whose window is 2^-47
    // relative at least must leave them undecided.
    for (const x of HARDEST32.slice(0, 5)) {
      cos32(x);
      expect(wasUndecided(), `cos(${x})`).toBe(true);
    }
  });

  test("the reduction's worst cases below 2^20 are the ones cos.ts states", () => {
    // Every multiple k pi/2 below 2^20 (k < 667,544) is within 2^-27.83 of a float32 only at
    // k = 161, and within 2^-60.49 of a double only at k = 29: the nearest float to each
    // multiple, from pi at 200 bits. Here: the two minima, checked with the oracle's pi.
    const D = OracleDecimal.clone({ precision: 60 });
    const halfPi = D.acos(-1).div(2);
    const distance = (x: number, k: number): number => exactDecimal(x).minus(halfPi.times(k)).abs().log(2).toNumber();
    expect(distance(hex("0x1.f9cbe2p+7"), 161)).toBeCloseTo(-27.83, 2);
    expect(distance(hex("0x1.6c6cbc45dc8dep+5"), 29)).toBeCloseTo(-60.49, 2);
    // In [2^20, 2^31) (cos64's far reduction): 2^-59.03, at k = 9206271 (an exhaustive search of
    // every k there, 128-bit fixed point, outside this repository).
    expect(distance(hex("0x1.b951f1572eba5p+23"), 9206271)).toBeCloseTo(-59.03, 2);
  });

  test("the fast paths' errors: accurate near step and far path below 2^-49 (stated 2^-49.9 and 2^-51), inside the window's 2^-47", () => {
    let worstNear = 0;
    let worstFar = 0;
    let n = 0;
    const xs: number[] = [];
    for (let b = 0x3c000000; b <= PI32_BITS; b += 2017) xs.push(fromBits32(b)); // [2^-7, pi_32]
    // Both sides of pi/2, where the near path's bound is reached (the float32 below pi/2).
    for (let d = -3000; d <= 3000; d++) xs.push(fromBits32(bits32(PI32 / 2) + d));
    for (const u of uniform(5, 3000)) xs.push(Math.fround(u * 2 ** 20)); // the whole reduction range
    for (const x of [...xs, ...HARD32.filter((x) => x < 2 ** 20)]) {
      const near = Math.abs(x) < NEAR;
      const e = relativeError(x, near ? cosNear32y(x) : cosFar32y(x), 0);
      if (near) worstNear = Math.max(worstNear, e);
      else worstFar = Math.max(worstFar, e);
      n++;
    }
    console.log(`cos32: worst relative error 2^${Math.log2(worstNear).toFixed(2)} (near, accurate step), 2^${Math.log2(worstFar).toFixed(2)} (far) over ${n} arguments`);
    expect(Math.log2(worstNear)).toBeLessThan(-49);
    expect(Math.log2(worstFar)).toBeLessThan(-49);
  });

  test("the quick step's error: below 2^-36 (stated 2^-36.5), inside its window's 2^-34", () => {
    let worst = 0;
    let n = 0;
    for (let b = 0x3b000000; b <= PI32_BITS; b += 4099) {
      const x = fromBits32(b);
      worst = Math.max(worst, relativeError(x, cosQuick32y(x), 0));
      n++;
    }
    for (let d = -2000; d <= 2000; d++) {
      const x = fromBits32(bits32(PI32 / 2) + d);
      worst = Math.max(worst, relativeError(x, cosQuick32y(x), 0));
      n++;
    }
    console.log(`cos32 quick step: worst relative error 2^${Math.log2(worst).toFixed(2)} over ${n} arguments`);
    expect(Math.log2(worst)).toBeLessThan(-36);
  });

  test("cosRun32 (a range's run, its anchor's constants in the caller's hands) is the quick step: f32(y) or NaN, never a wrong cos32", () => {
    const anchor = new Float64Array(5);
    const run = (x: number): number => {
      runAnchor(anchorOf(x), anchor);
      return cosRun32(x, anchor[0]!, anchor[1]!, anchor[2]!, anchor[3]!, anchor[4]!);
    };
    // Every 997th float32 of [0, pi_32], then a range's arguments: f32(pi_32 * f32(k / 2^20)).
    const xs: number[] = [];
    for (let b = 0; fromBits32(b) < PI32; b += 997) xs.push(fromBits32(b));
    const ranged = xs.length;
    for (let k = 0; k < 2 ** 20; k++) xs.push(Math.fround(PI32 * Math.fround(k / 2 ** 20)));
    let n = 0;
    let left = 0;
    const wrong: number[] = [];
    for (const x of xs) {
      const v = run(x);
      const c = cos32(x);
      const undecided = wasUndecided();
      n++;
      if (Number.isNaN(v)) {
        if (n > ranged) left++;
        continue;
      }
      // A value is the quick step's y rounded, and cos32's; cos32 undecided leaves NaN here too.
      if (undecided || !Object.is(v, Math.fround(cosQuick32y(x))) || !Object.is(v, c)) wrong.push(x);
    }
    expect(wrong).toEqual([]);
    for (const x of HARDEST32) {
      if (!(x >= 0 && x < NEAR)) continue;
      const v = run(x);
      cos32(x);
      if (wasUndecided()) expect([x, v]).toEqual([x, NaN]);
    }
    const rate = left / (n - ranged);
    console.log(`cosRun32: ${n} arguments; of a range's ${n - ranged}, ${left} left to cos32 (1 in ${Math.round(1 / rate)})`);
    // The quick window leaves about 1 argument in 512 of a range's (cos.ts).
    expect(rate).toBeGreaterThan(1 / 2048);
    expect(rate).toBeLessThan(1 / 128);
  });

  test("the near path's table: 513 anchors, cos and sin of each against the oracle, d exact and within its bound", () => {
    expect(COS_NEAR_SIZE).toBe(513);
    expect(COS_NEAR % 2).toBe(0); // 16-byte aligned pairs
    const D = OracleDecimal.clone({ precision: 60 });
    for (let j = 0; j < COS_NEAR_SIZE; j++) {
      const a = anchorAt(j);
      expect(a).toBe(nearAnchor(j)); // the generator's anchor is the kernels'
      expect(Math.abs(a - (j * Math.PI) / 512)).toBeLessThan(2 ** -22);
      const x = exactDecimal(a);
      expect(CONSTANTS[COS_NEAR + 2 * j], `cos(A_${j})`).toBe(j === 0 ? 1 : roundDecimalSigned(D.cos(x), "float64"));
      expect(CONSTANTS[COS_NEAR + 2 * j + 1], `sin(A_${j})`).toBe(j === 0 ? 0 : roundDecimalSigned(D.sin(x), "float64"));
    }
    // Every 997th float32 below NEAR (1.08 million): its anchor is the nearest, and d = a - A is
    // exact (A + d and a - d give back a and A).
    let worst = 0;
    let bad = 0;
    let n = 0;
    for (let b = 0; fromBits32(b) < NEAR; b += 997) {
      const a = fromBits32(b);
      const j = anchorOf(a);
      const A = anchorAt(j);
      const d = a - A;
      if (!(j >= 0 && j <= 512) || A + d !== a || a - d !== A) bad++;
      worst = Math.max(worst, Math.abs(d));
      n++;
    }
    expect(n).toBeGreaterThan(1_000_000);
    expect(bad).toBe(0);
    expect(worst).toBeLessThan(0.003069);
    expect(anchorOf(PI32)).toBe(512);
  });
});

describe("cos64 (twin) and the exact path", () => {
  test("a sample of doubles: every decided result is the exact path's; the undecided rate", () => {
    const xs: number[] = [];
    for (const u of uniform(41, 16000)) xs.push(u * PI32);
    for (const u of uniform(42, 4000)) xs.push((u - 0.5) * 2 ** 21);
    for (const u of uniform(43, 2000)) xs.push(2 ** (-40 * u));
    let undecided = 0;
    let wrong = 0;
    for (const x of xs) {
      const v = cos64(x);
      if (wasUndecided()) {
        undecided++;
        continue;
      }
      if (!Object.is(v, cosCorrectlyRounded(x, BINARY64))) wrong++;
    }
    console.log(`cos64 sample: ${xs.length} doubles, ${undecided} undecided`);
    expect(wrong).toBe(0);
    // The near path leaves about 1 in 1,200 (within 2^-64 of a midpoint), the general path about 1
    // in 2^26 of those (2^-90).
    expect(undecided).toBeLessThan(xs.length / 1000);
  });

  test("Lefèvre's worst cases (CORE-MATH cos.wc) and the reduction's worst cases, against the oracle", () => {
    let undecided = 0;
    for (const x of HARD64) {
      const v = cos64(x);
      if (wasUndecided()) undecided++;
      else expect(v, `cos(${x}) fast`).toBe(oracleCos(x, "float64"));
      expect(full64(x), `cos(${x})`).toBe(oracleCos(x, "float64"));
    }
    // Those close to a midpoint (round bit 1, then 46+ zeros or ones, so within 2^-99 of it) must
    // be undecided: the general path's window is 2^-90. The others (close to a float) need not be.
    console.log(`cos64: ${undecided} of ${HARD64.length} worst cases left to the exact path`);
    expect(undecided).toBeGreaterThan(HARD64.length / 4);
  });

  test("near pi/2, pi, 3pi/2, tiny, negative and huge arguments against the oracle", () => {
    expect(full64(Math.PI)).toBe(-1);
    expect(full64(Math.PI / 2)).toBe(6.123233995736766e-17);
    const xs: number[] = [];
    for (const centre of [Math.PI / 2, Math.PI, (3 * Math.PI) / 2, 2 * Math.PI, 2.5 * Math.PI]) {
      for (let d = -6; d <= 6; d++) xs.push(stepDouble(centre, d));
    }
    xs.push(5e-324, 2 ** -1022, 1e-300, 2 ** -27, 2 ** -26, 2 ** -26 * (1 + 2 ** -52), 1e-5);
    xs.push(-0.5, -1, -3, -100, -12345.678, 2 ** 20, stepDouble(2 ** 20, -1), 1e30, 2 ** 100, 3.4028234663852886e38, 1e300, Number.MAX_VALUE);
    for (const x of xs) {
      expect(full64(x), `cos(${x})`).toBe(oracleCos(x, "float64"));
      expect(full64(-x), `cos(${-x})`).toBe(full64(x));
    }
    expect(cos64(-0)).toBe(1);
    expect(wasUndecided()).toBe(false);
    expect(cos64(NaN)).toBeNaN();
    expect(cos64(-Infinity)).toBeNaN();
    expect(wasUndecided()).toBe(false);
  });

  test("the far reduction, 2^20 <= |x| < 2^31 (five pieces of pi/2): its pieces, its error inside its stated bound, every decided result the oracle's", () => {
    const D = OracleDecimal.clone({ precision: 90 });
    const halfPi = D.acos(-1).div(2);
    expect([LIMIT, REACH, ABS_FAR]).toEqual([2 ** 20, 2 ** 31, 2 ** -104]);
    // F1..F4 have 22 significant bits (k F_i exact for k < 2^31), and the five sum to pi/2 within 2^-140.
    const pieces = Array.from({ length: COS_FAR_PIECES }, (_, i) => CONSTANTS[COS_FAR + i]!);
    for (const f of pieces.slice(0, -1)) {
      let [m] = decompose(Math.abs(f));
      while (m % 2n === 0n) m /= 2n;
      expect(m.toString(2).length, `${f}`).toBeLessThanOrEqual(22);
    }
    const sum = pieces.reduce((t, f) => t.plus(exactDecimal(f)), new D(0));
    expect(sum.minus(halfPi).abs().lt(D.pow(2, -140))).toBe(true);
    // Random doubles over the range, the doubles next to multiples of pi/2 there, its ends.
    const xs = [2 ** 20, stepDouble(2 ** 31, -1), hex("0x1.b951f1572eba5p+23"), hex("0x1.9eb7148f354d6p+20")];
    for (const u of uniform(91, 2000)) xs.push(2 ** (20 + 11 * u));
    for (const u of uniform(92, 300)) {
      const x = nearestMultiple(Math.floor(667545 + u * (1367130000 - 667545)));
      for (let d = -2; d <= 2; d++) xs.push(stepDouble(x, d));
    }
    // The reduction: |rh + rl - r| <= 2^-103 |r| + 2^-106.5 (cos.ts), r = |x| - k pi/2.
    let worst = 0;
    for (const x of xs) {
      const [k, rh, rl, abs] = reduceForTesting(x);
      expect(abs).toBe(ABS_FAR);
      expect(Math.abs(rh + rl)).toBeLessThan(Math.PI / 4 + 2 ** -21.9);
      const r = exactDecimal(x).minus(halfPi.times(k));
      const err = exactDecimal(rh).plus(exactDecimal(rl)).minus(r).abs();
      const bound = r.abs().times(D.pow(2, -103)).plus(D.pow(2, -106.5));
      worst = Math.max(worst, err.div(bound).toNumber());
    }
    console.log(`far reduction: ${xs.length} arguments, worst error ${worst.toFixed(4)} of its stated bound`);
    expect(worst).toBeLessThan(1);
    // Every decided cos64 is the oracle's; the undecided ones are rare, and the exact path takes them.
    let undecided = 0;
    for (const x of [...xs, ...xs.slice(0, 500).map((v) => -v)]) {
      const v = cos64(x);
      if (wasUndecided()) undecided++;
      else expect([x, v]).toEqual([x, oracleCos(x, "float64")]);
    }
    console.log(`cos64 far: ${xs.length + 500} arguments against decimal.js, ${undecided} left to the exact path`);
    expect(undecided).toBeLessThan(xs.length / 100);
    // 2^31 and beyond: undecided, for the exact path.
    cos64(2 ** 31);
    expect(wasUndecided()).toBe(true);
    expect(full64(2 ** 31)).toBe(oracleCos(2 ** 31, "float64"));
  }, 120_000);

  test("the general path's error: inside its stated bound (2^-99 relative, plus the reduction's absolute term), which EPS64 = 2^-90 keeps a factor 500 inside", () => {
    // Random arguments and the hard ones: next to multiples of pi/2 the reduction's absolute error
    // (ABS_R, ABS_FAR beyond LIMIT) is the larger part, relative to a tiny cos x.
    let worst = 0;
    let worstOfBound = 0;
    const xs: number[] = [];
    for (const u of uniform(51, 5000)) xs.push(u * 4);
    for (const u of uniform(52, 1500)) xs.push(u * 2 ** 20);
    for (const u of uniform(54, 1000)) xs.push(2 ** (20 + 11 * u)); // the far reduction
    for (const u of uniform(53, 500)) xs.push(2 ** (-30 * u));
    const random = xs.length;
    xs.push(...HARD64.filter((x) => x < 2 ** 20));
    xs.forEach((x, i) => {
      const [h, l] = cos64ForTesting(x);
      wasUndecided();
      const [d, c] = errorOf(x, h, l);
      const error = Math.abs(Number(d)) * 2 ** -300;
      const cos = Math.abs(Number(c)) * 2 ** -300;
      const bound = 2 ** -99 * cos + (Math.abs(x) < LIMIT ? ABS_R : ABS_FAR);
      worstOfBound = Math.max(worstOfBound, error / bound);
      if (i < random) worst = Math.max(worst, error / cos);
    });
    console.log(`cos64 general path: worst relative error 2^${Math.log2(worst).toFixed(2)} over ${random} random arguments; worst error ${worstOfBound.toFixed(3)} of the stated bound over ${xs.length} with the hard ones`);
    expect(worstOfBound).toBeLessThan(1);
    expect(Math.log2(worst)).toBeLessThan(-99);
    expect(Math.log2(CONSTANTS[COS_EPS64]!)).toBe(-90);
  });
});

// float64's near path (cos.ts): anchors B_j = j pi/512, j = 0..512, and the arguments the tests
// below take: random doubles across the fast range, both sides of every anchor's edge (directly
// below NEAR64, and after the reduction by pi/2), and the doubles next to multiples of pi/2.
const HALF_PI = OracleDecimal.clone({ precision: 80 }).acos(-1).div(2);
/** The double nearest k pi/2 (decimal.js' toNumber rounds to nearest). */
const nearestMultiple = (k: number): number => HALF_PI.times(k).toNumber();
/** Doubles around each anchor's edges: the midpoints (B_j + B_j+1) / 2, and 3 ulps either side. */
function anchorEdges(): number[] {
  const xs: number[] = [];
  for (let j = 0; j < 512; j++) {
    const m = (anchor64At(j) + anchor64At(j + 1)) / 2;
    for (let u = -3; u <= 3; u++) xs.push(stepDouble(m, u));
  }
  return xs;
}
/** The same edges after k pi/2 for k = 2..5 and a few large k, on both sides of the multiple. */
function reducedEdges(): number[] {
  const xs: number[] = [];
  let i = 0;
  for (const k of [2, 3, 4, 5, 1001, 65537, 400001, 667000]) {
    for (let j = 0; j <= 128; j += k < 10 ? 1 : 4) {
      const r = (anchor64At(j) + anchor64At(j + 1)) / 2;
      const base = HALF_PI.times(k);
      for (const sign of [1, -1]) {
        const x = base.plus(sign * r).toNumber();
        xs.push(stepDouble(x, (i++ % 3) - 1));
      }
    }
  }
  return xs;
}
/** The doubles next to k pi/2 for k = 1..200 and 300 random k below 2^20 2/pi, and the closest of all. */
function nextToMultiples(): number[] {
  const ks: number[] = [];
  for (let k = 1; k <= 200; k++) ks.push(k);
  for (const u of uniform(81, 300)) ks.push(201 + Math.floor(u * 667000));
  const xs: number[] = [];
  for (const k of ks) {
    const x = nearestMultiple(k);
    if (x >= 2 ** 20) continue;
    for (let u = -2; u <= 2; u++) xs.push(stepDouble(x, u));
  }
  xs.push(hex("0x1.6c6cbc45dc8dep+5"));
  return xs;
}
const full64Oracle = (x: number): number => oracleCos(x, "float64");

describe("cos64's near path (float64): anchors, the near step, the run step", () => {
  test("the table: 513 anchors B_j = j pi/512 (B_256 = pi/2, B_512 = pi), cos and sin of each as double-doubles against the oracle", () => {
    expect(COS64_NEAR % 2).toBe(0); // 16-byte aligned pairs
    expect(anchor64At(256)).toBe(Math.PI / 2);
    expect(anchor64At(512)).toBe(Math.PI);
    const D = OracleDecimal.clone({ precision: 80 });
    const pi = D.acos(-1);
    for (let j = 0; j < COS_NEAR_SIZE; j++) {
      const b = anchor64At(j);
      expect(b).toBe(near64Anchor(j)); // the generator's anchor is the kernels'
      expect(exactDecimal(b).minus(pi.times(j).div(512)).abs().lt(D.pow(2, -50.7))).toBe(true);
      const at = COS64_NEAR + COS64_NEAR_STRIDE * j;
      const x = exactDecimal(b);
      for (const [hi, lo, exact] of [[CONSTANTS[at]!, CONSTANTS[at + 1]!, D.cos(x)], [CONSTANTS[at + 2]!, CONSTANTS[at + 3]!, D.sin(x)]] as const) {
        expect(hi).toBe(exact.isZero() ? 0 : roundDecimalSigned(exact, "float64"));
        expect(lo).toBe(exact.isZero() ? 0 : roundDecimalSigned(exact.minus(exactDecimal(hi)), "float64"));
        if (!exact.isZero()) expect(exactDecimal(hi).plus(exactDecimal(lo)).minus(exact).abs().div(exact.abs()).lt(D.pow(2, -105))).toBe(true);
      }
    }
  });

  test("the anchor of every argument below NEAR64 (and so of every reduced one, |rh| <= pi/4 + 2^-32): d = a - B_j exact and within DMAX", () => {
    const xs = anchorEdges();
    for (const u of uniform(82, 20000)) xs.push(u * NEAR64);
    for (let u = -3; u <= 3; u++) xs.push(stepDouble(Math.PI / 4 + 2 ** -32, u), stepDouble(NEAR64, u - 4));
    let bad = 0;
    for (const a of xs) {
      const j = anchor64Of(a);
      const b = anchor64At(j);
      const d = a - b;
      if (!(j >= 0 && j <= 512 && Math.abs(d) <= DMAX && b + d === a && a - d === b)) bad++;
    }
    expect(bad).toBe(0);
    expect(anchor64Of(Math.PI)).toBe(512);
    expect(anchor64Of(Math.fround(NEAR64))).toBeLessThanOrEqual(512);
  });

  test("random doubles across the fast range and both sides of every anchor edge, against the decimal.js oracle", () => {
    const xs: number[] = [...anchorEdges(), ...reducedEdges()];
    for (const u of uniform(83, 1000)) xs.push(u * Math.PI);
    for (const u of uniform(84, 1000)) xs.push(NEAR64 + u * (2 ** 20 - NEAR64));
    for (const u of uniform(85, 300)) xs.push(-(2 ** (-60 * u)));
    let undecided = 0;
    for (const x of xs) {
      const v = cos64(x);
      if (wasUndecided()) undecided++;
      else expect([x, v]).toEqual([x, full64Oracle(x)]);
    }
    console.log(`cos64 near path: ${xs.length} arguments against decimal.js (anchor edges, reduced edges, random), ${undecided} left to the exact path`);
    expect(xs.length).toBeGreaterThan(7000);
  }, 120_000);

  test("next to multiples of pi/2, where cos x is near 0 (cancellation), against the decimal.js oracle", () => {
    const xs = nextToMultiples();
    for (const x of xs) {
      expect([x, full64(x)]).toEqual([x, full64Oracle(x)]);
      expect(full64(-x)).toBe(full64(x));
    }
    expect(xs.length).toBeGreaterThan(2400);
  }, 120_000);

  test("the near step's error: below its stated 2^-66 relative (measured worst printed), 4 times inside EPS_NEAR = 2^-64", () => {
    const groups: Record<string, number[]> = { direct: [], reduced: [], "next to k pi/2": nextToMultiples(), edges: [...anchorEdges(), ...reducedEdges()] };
    for (const u of uniform(86, 6000)) groups.direct!.push(u * NEAR64);
    for (let d = -2000; d <= 2000; d++) groups.direct!.push(stepDouble(Math.PI / 2, d * 101));
    for (const u of uniform(87, 4000)) groups.reduced!.push(NEAR64 + u * (2 ** 20 - NEAR64));
    groups.reduced!.push(...HARD64.filter((x) => x >= NEAR64 && x < 2 ** 20));
    groups.far = HARD64.filter((x) => x >= 2 ** 20 && x < 2 ** 31);
    for (const u of uniform(93, 2000)) groups.far.push(2 ** (20 + 11 * u));
    let worst = 0;
    for (const [name, xs] of Object.entries(groups)) {
      let w = 0;
      for (const x of xs) w = Math.max(w, relativeError(x, ...cos64NearForTesting(x)));
      console.log(`cos64 near step: worst relative error 2^${Math.log2(w).toFixed(2)} over ${xs.length} arguments (${name})`);
      worst = Math.max(worst, w);
    }
    expect(Math.log2(worst)).toBeLessThan(-66);
    expect(Math.log2(EPS_NEAR)).toBe(-64);
  }, 120_000);

  test("the near step's undecided rate (printed): about 1 argument in 1,200 goes on to the general path", () => {
    let left = 0;
    const n = 200000;
    for (const u of uniform(88, n)) {
      const [h, l] = cos64NearForTesting(u * Math.PI);
      const err = Math.abs(h) * EPS_NEAR + 2 ** -128;
      if (h + (l - err) !== h + (l + err)) left++;
    }
    let general = 0;
    for (const u of uniform(88, n)) {
      cos64(u * Math.PI);
      if (wasUndecided()) general++;
    }
    console.log(`cos64: of ${n} random arguments in [0, pi], ${left} left by the near step (1 in ${Math.round(n / left)}), ${general} by the general path to the exact one`);
    expect(left).toBeGreaterThan(n / 4000);
    expect(left).toBeLessThan(n / 400);
    expect(general).toBeLessThanOrEqual(left);
  });

  test("the run step (a range's anchor known beforehand): its error inside its stated absolute bound, its results cos64's", () => {
    // Every anchor but the one at pi/2, each at 40 arguments spread over its run (its edges too).
    const anchor = new Float64Array(12);
    let worstRatio = 0;
    let decided = 0;
    let left = 0;
    const wrong: number[] = [];
    for (let j = 0; j <= 512; j++) {
      if (j === ANCHOR_HALF_PI) continue;
      runAnchor64(j, anchor);
      const b = anchor64At(j);
      const c = Math.abs(CONSTANTS[COS64_NEAR + COS64_NEAR_STRIDE * j]!);
      const s = Math.abs(CONSTANTS[COS64_NEAR + COS64_NEAR_STRIDE * j + 2]!);
      const xs: number[] = [];
      for (const u of uniform(1000 + j, 24)) xs.push(b + (2 * u - 1) * DMAX);
      for (const x of [b - DMAX, b + DMAX, stepDouble(b, 1), b]) xs.push(x);
      for (const x of xs) {
        // The run step's domain: the arguments whose anchor is j (a kernel's anchors64Of(t)).
        if (anchor64Of(x) !== j) continue;
        const [h, l, pl] = cosRun64ForTesting(x, j);
        const d = Math.abs(x - b);
        // The stated bound: 2^-67.8 |P| + 2^-68.8 |Q d| + 2^-89 |Q|, with P = cos B_j, Q = -sin B_j.
        const bound = 2 ** -67.8 * c + 2 ** -68.8 * s * d + 2 ** -89 * s;
        worstRatio = Math.max(worstRatio, absoluteError(x, h, l, pl) / bound);
        const v = cosRun64(x, anchor[0]!, anchor[1]!, anchor[2]!, anchor[3]!, anchor[4]!, anchor[5]!, anchor[6]!, anchor[7]!, anchor[8]!, anchor[9]!, anchor[10]!, anchor[11]!);
        if (Number.isNaN(v)) left++;
        else {
          decided++;
          if (!Object.is(v, full64(x))) wrong.push(x);
        }
      }
    }
    // Lefèvre's worst cases below NEAR64 at their own anchor's run step: those it decides must be
    // the oracle's (a window narrower than the step's error would round some of them wrongly).
    let hardDecided = 0;
    for (const x of HARD64.filter((v) => v < NEAR64)) {
      const j = anchor64Of(x);
      if (j === ANCHOR_HALF_PI) continue;
      runAnchor64(j, anchor);
      const v = cosRun64(x, anchor[0]!, anchor[1]!, anchor[2]!, anchor[3]!, anchor[4]!, anchor[5]!, anchor[6]!, anchor[7]!, anchor[8]!, anchor[9]!, anchor[10]!, anchor[11]!);
      if (Number.isNaN(v)) continue;
      hardDecided++;
      expect([x, v]).toEqual([x, oracleCos(x, "float64")]);
    }
    console.log(`cos64 run step: ${decided} decided, ${left} left to cos64; worst error ${worstRatio.toFixed(3)} of its stated bound; ${hardDecided} of Lefèvre's worst cases decided`);
    expect(wrong).toEqual([]);
    expect(worstRatio).toBeLessThan(1);
    expect(decided).toBeGreaterThan(12000);
  }, 120_000);

  test("the run step in any period (runHolds64: a = s (x - M), the anchor moved by mu): x - M exact, |a - B_j| <= DMAX, its error inside its stated bound, its results cos64's", () => {
    const run = new Float64Array(16);
    const ref = new Float64Array(12);
    // Period 0 (M = 0): the constants are sameAnchor64's (equal as numbers: at B_0, where S = 0,
    // some zeros differ in sign, which no sum with a nonzero changes).
    let period0 = 0;
    for (let j = 0; j <= 512; j++) {
      const b = anchor64At(j);
      if (j === ANCHOR_HALF_PI) {
        expect(runHolds64(b, b, run)).toBe(false);
        continue;
      }
      if (!runHolds64(b, b, run) || run[14] !== 0) continue;
      runAnchor64(j, ref);
      expect([j, ...run.subarray(0, 12)].map((v) => v + 0)).toEqual([j, ...ref].map((v) => v + 0));
      period0++;
    }
    expect(period0).toBeGreaterThan(500);
    // Periods from the first to the last below LIMIT (m = 166886), every 4th anchor and the edges,
    // both signs, each at spread arguments and its run's own edges.
    const H = Math.PI / 1024;
    let worstRatio = 0;
    let decided = 0;
    let left = 0;
    const wrong: number[] = [];
    const bad: string[] = [];
    const js = [0, 1, 2, 255, 257, 510, 511, 512];
    for (let j = 3; j < 510; j += 4) if (j !== ANCHOR_HALF_PI) js.push(j);
    for (const m of [1, 2, 3, 5, 16, 159, 15915, 166886]) {
      for (const j of js)
        for (const s of [1, -1]) {
          const center = 2 * m * Math.PI + s * anchor64At(j);
          // A run starts only below LIMIT (2^20), where cos64 itself gives up (it may reach past it).
          if (center >= 2 ** 20) {
            if (runHolds64(center, center, run)) bad.push(`a run at ${center} >= LIMIT`);
            continue;
          }
          if (!runHolds64(center, center, run)) {
            bad.push(`no run at m ${m} j ${j} s ${s}`);
            continue;
          }
          const [lo, hi, M, sign] = [run[12]!, run[13]!, run[14]!, run[15]!];
          const c = Math.abs(CONSTANTS[COS64_NEAR + COS64_NEAR_STRIDE * j]!);
          const sn = Math.abs(CONSTANTS[COS64_NEAR + COS64_NEAR_STRIDE * j + 2]!);
          // The run's constants against the oracle, with m' the run's own period (3 pi is held as
          // period 2's, s = -1): P' = Ph + Pl within 2^-100 + 2^-86.5 |S| of cos(B_j + dl), dl =
          // -s (2 m' pi - M) (mu's error, 2^-86.5, moves it by |S| times that), and Q' = Qh1 + Qr
          // within 2^-100 + 2^-86.5 |C| + 2^-80 |S| of -sin(B_j + dl) (Qr is rounded, as in period
          // 0: the run step's budget takes it); the bounds within 2^-32 of
          // 2 m' pi + s B_j -+ pi/1024; ERR the period-0 run's plus SHIFT_ERR (2^-80). The constants
          // hold Pl - ERR and Pl + ERR (slots 2 and 11), so Pl and ERR are their mean and half their
          // difference, to within their roundings (2^-106 |P|).
          const plOf = (a: Float64Array) => exactDecimal(a[2]!).plus(exactDecimal(a[11]!)).div(2);
          const errOf = (a: Float64Array) => exactDecimal(a[11]!).minus(exactDecimal(a[2]!)).div(2);
          const D = OracleDecimal.clone({ precision: 60 });
          const mRun = Math.round(M / (2 * Math.PI));
          const dl = D.acos(-1).times(2 * mRun).minus(exactDecimal(M)).times(-sign);
          const at = exactDecimal(anchor64At(j)).plus(dl);
          const pErr = exactDecimal(run[1]!).plus(plOf(run)).minus(D.cos(at)).abs().toNumber();
          const qErr = exactDecimal(run[3]!).plus(exactDecimal(run[4]!)).plus(D.sin(at)).abs().toNumber();
          if (!(pErr <= 2 ** -100 + 2 ** -86.5 * sn && qErr <= 2 ** -100 + 2 ** -86.5 * c + 2 ** -80 * sn)) bad.push(`P' or Q' off by ${pErr}, ${qErr} at m ${m} j ${j} s ${s}`);
          const edge = (sgn: number) => D.acos(-1).times(2 * mRun).plus(exactDecimal(sign * anchor64At(j))).plus(D.acos(-1).div(1024).times(sgn));
          const loErr = exactDecimal(lo).minus(edge(-1)).abs().toNumber();
          const hiErr = exactDecimal(hi).minus(edge(1)).abs().toNumber();
          if (!(loErr <= 2 ** -32 && hiErr <= 2 ** -32)) bad.push(`run bounds off by ${loErr}, ${hiErr} at m ${m} j ${j} s ${s}`);
          runAnchor64(j, ref);
          const extra = errOf(run).minus(errOf(ref)).div(2 ** -80).toNumber();
          if (!(extra > 0.999 && extra < 1.001)) bad.push(`ERR - period 0's ERR = ${extra} 2^-80 at m ${m} j ${j} s ${s}`);
          const xs = [lo, hi, center];
          for (const u of uniform(7000 + j + 600 * (s + 1) + m, 6)) xs.push(center + (2 * u - 1) * H);
          const b = run[0]!;
          for (const x of xs) {
            if (!(x >= lo && x <= hi)) continue;
            // x - M exact (TwoSum's error is 0), and a within DMAX of the anchor.
            const a0 = x - M;
            const bb = a0 - x;
            if ((x - (a0 - bb)) + (-M - bb) !== 0) bad.push(`x - M inexact at ${x}`);
            const a = sign * a0;
            if (!(Math.abs(a - b) <= DMAX)) bad.push(`|a - B| > DMAX at ${x}`);
            const v = cosRun64(a, run[0]!, run[1]!, run[2]!, run[3]!, run[4]!, run[5]!, run[6]!, run[7]!, run[8]!, run[9]!, run[10]!, run[11]!);
            const [h, l, pl] = cosRunShifted64ForTesting(x) ?? [NaN, NaN, NaN];
            if (Number.isNaN(h)) continue;
            // The run step's bound (above) with P', Q' for P, Q, and mu's 2^-86.5.
            const bound = 2 ** -67.8 * c + 2 ** -68.8 * sn * Math.abs(a - b) + 2 ** -89 * sn + 2 ** -86.5;
            worstRatio = Math.max(worstRatio, absoluteError(x, h, l, pl) / bound);
            if (Number.isNaN(v)) left++;
            else {
              decided++;
              if (!Object.is(v, full64(x))) wrong.push(x);
            }
          }
        }
      // The next double past a run's edge is not in it.
      const center = 2 * m * Math.PI + anchor64At(100);
      runHolds64(center, center, run);
      expect(runHolds64(center, stepDouble(run[13]!, 1), run)).toBe(false);
      expect(runHolds64(center, stepDouble(run[12]!, -1), run)).toBe(false);
    }
    // Lefèvre's worst cases past pi, in their own run: those it decides must be the oracle's.
    let hardDecided = 0;
    for (const x of HARD64.filter((v) => v >= Math.PI && v < 2 ** 20)) {
      if (!runHolds64(x, x, run)) continue;
      const v = cosRun64(run[15]! * (x - run[14]!), run[0]!, run[1]!, run[2]!, run[3]!, run[4]!, run[5]!, run[6]!, run[7]!, run[8]!, run[9]!, run[10]!, run[11]!);
      if (Number.isNaN(v)) continue;
      hardDecided++;
      expect([x, v]).toEqual([x, oracleCos(x, "float64")]);
    }
    console.log(`cos64 run step in any period: ${decided} decided, ${left} left to cos64; worst error ${worstRatio.toFixed(3)} of its stated bound; ${hardDecided} of Lefèvre's worst cases past pi decided`);
    expect(bad).toEqual([]);
    expect(wrong).toEqual([]);
    expect(worstRatio).toBeLessThan(1);
    expect(decided).toBeGreaterThan(10000);
    expect(hardDecided).toBeGreaterThan(5);
  }, 240_000);

  test("runHolds64's early refusal (RUN_REACH = STEP64 (1 + 2^-13)): a run's arguments lie within STEP64 + 2^-31 of its first", () => {
    // The bound the refusal relies on, measured over x0 from every part of [0, 2^20): each run's
    // [LO, HI] against the x0 that set it up, at run edges (a run's first argument near LO or HI)
    // and at random.
    const run = new Float64Array(16);
    const step = anchor64At(1);
    const bound = step + 2 ** -31;
    let worst = 0, held = 0;
    const bad: number[] = [];
    const xs: number[] = [];
    for (const u of uniform(12345, 20000)) xs.push(u * 2 ** 20);
    for (let m = 0; m < 166886; m += 997) for (const j of [1, 100, 255, 257, 511]) for (const d of [-0.5, 0.4999, 0.5]) xs.push(2 * m * Math.PI + (j + d) * step);
    for (const x0 of xs) {
      if (!runHolds64(x0, x0, run)) continue;
      held++;
      const lo = run[12]!, hi = run[13]!;
      worst = Math.max(worst, hi - x0, x0 - lo);
      // Both ends of the run are in x0's run: the refusal leaves them to the bounds.
      if (!runHolds64(x0, lo, run) || !runHolds64(x0, hi, run)) bad.push(x0);
    }
    expect(bad).toEqual([]);
    expect(held).toBeGreaterThan(20000);
    expect(worst).toBeLessThanOrEqual(bound);
    expect(runHolds64(1, 1 + step * (1 + 2 ** -12), run)).toBe(false);
  });
});

describe("the AssemblyScript kernel against the twin", () => {
  let wasm: Record<string, (...args: number[]) => number>;
  beforeAll(async () => {
    wasm = await compileNumerics(`
      export { cos32, cos64 } from "./numerics/cos";
      export { wasUndecided } from "./numerics/undecided";
      import { anchorOf, anchorsOf, anchorAt, cos32x4, cosRun32x4, cosNear32y, laneAnchors, lanesUndecided, quick2, sameAnchor } from "./numerics/cos";
      import { at } from "./numerics/constants";
      import { COS_NEAR } from "./numerics/layout";
      export { cosNear32y };
      // The vector quick step's y in one lane, for x >= 0 below NEAR.
      export function quickY(x: f64): f64 {
        const j = anchorOf(x);
        const p = at(COS_NEAR + 2 * j);
        const c = load<f64>(p);
        const s = load<f64>(p, 8);
        const y = quick2(f64x2.splat(x - anchorAt(j)), f64x2.splat(c), f64x2.splat(s), f64x2.splat(c * 0.5), f64x2.splat(s * (1.0 / 6.0)));
        return f64x2.extract_lane(y, 0);
      }
      let lastUndecided: bool = false;
      export function undecided4(): bool { return lastUndecided; }
      // cos32x4 on (a, b, c, d) with each lane's anchor (mode 0) or one shared anchor (mode 1,
      // when the four share it); the result's lane k.
      export function four(a: f32, b: f32, c: f32, d: f32, mode: i32, k: i32): f32 {
        const x = f32x4(a, b, c, d);
        const j = anchorsOf(f32x4.abs(x));
        if (mode == 1) sameAnchor(i32x4.extract_lane(j, 0));
        else laneAnchors(j);
        const v = cos32x4(x);
        lastUndecided = lanesUndecided();
        return k == 0 ? f32x4.extract_lane(v, 0) : k == 1 ? f32x4.extract_lane(v, 1) : k == 2 ? f32x4.extract_lane(v, 2) : f32x4.extract_lane(v, 3);
      }
      import { cos64x2, cosRun64, cosRun64x2, sameAnchor64 } from "./numerics/cos";
      // cos64x2 on (a, b), each lane at its own anchor; the result's lane k.
      export function pair64(a: f64, b: f64, k: i32): f64 {
        const v = cos64x2(f64x2(a, b));
        lastUndecided = lanesUndecided();
        return k == 0 ? f64x2.extract_lane(v, 0) : f64x2.extract_lane(v, 1);
      }
      import { cos64x2x2, secondPair } from "./numerics/cos";
      // cos64x2x2 on the pairs (a, b) and (c, d); the result's lane k of the four.
      export function quad64(a: f64, b: f64, c: f64, d: f64, k: i32): f64 {
        const v = cos64x2x2(f64x2(a, b), f64x2(c, d));
        lastUndecided = lanesUndecided();
        const w = secondPair();
        return k == 0 ? f64x2.extract_lane(v, 0) : k == 1 ? f64x2.extract_lane(v, 1) : k == 2 ? f64x2.extract_lane(w, 0) : f64x2.extract_lane(w, 1);
      }
      // cosRun64x2 at anchor j; lane k.
      export function runPair64(a: f64, b: f64, j: i32, k: i32): f64 {
        sameAnchor64(j);
        const v = cosRun64x2(f64x2(a, b));
        lastUndecided = lanesUndecided();
        return k == 0 ? f64x2.extract_lane(v, 0) : f64x2.extract_lane(v, 1);
      }
      // cosRun64 (the scalar build's run step) at anchor j.
      export function run64(x: f64, j: i32): f64 {
        sameAnchor64(j);
        return cosRun64(x);
      }
      import { runHi64, runHolds64, runLo64, runShift64, runSign64 } from "./numerics/cos";
      // runHolds64(a, b): -1 if b is not in a's run; else the run step on (a, b) there, lane k
      // (k = 2: the scalar build's cosRun64 on b; k = 3..6: the run's lo, hi, M, s).
      export function shiftedRun64(a: f64, b: f64, k: i32): f64 {
        if (!runHolds64(a, b)) return -1;
        if (k >= 3) return k == 3 ? runLo64() : k == 4 ? runHi64() : k == 5 ? runShift64() : runSign64();
        if (k == 2) return cosRun64(runSign64() * (b - runShift64()));
        const v = cosRun64x2(f64x2.mul(f64x2.splat(runSign64()), f64x2.sub(f64x2(a, b), f64x2.splat(runShift64()))));
        lastUndecided = lanesUndecided();
        return k == 0 ? f64x2.extract_lane(v, 0) : f64x2.extract_lane(v, 1);
      }
      // cosRun32x4 at the anchor of a, for lanes that share it.
      export function run(a: f32, b: f32, c: f32, d: f32, k: i32): f32 {
        sameAnchor(anchorOf(<f64>a));
        const v = cosRun32x4(f32x4(a, b, c, d));
        lastUndecided = lanesUndecided();
        return k == 0 ? f32x4.extract_lane(v, 0) : k == 1 ? f32x4.extract_lane(v, 1) : k == 2 ? f32x4.extract_lane(v, 2) : f32x4.extract_lane(v, 3);
      }
    `);
  }, 60_000);

  test("bit for bit, undecided flags included, on float32 and float64 arguments", () => {
    const xs32: number[] = [];
    for (let b = 0; b <= PI32_BITS; b += 400009) xs32.push(fromBits32(b)); // 2,696 patterns
    for (const u of uniform(61, 1000)) xs32.push(Math.fround((u - 0.5) * 2 ** 22));
    xs32.push(...HARD32, ...HARDEST32, PI32 / 2, PI32, -PI32, NEAR, -NEAR, fromBits32(bits32(NEAR) - 1), 0, -0, NaN, Infinity, -Infinity, 2 ** 20, 3.4028234663852886e38);
    const xs64: number[] = [];
    for (const u of uniform(62, 2500)) xs64.push(u * 4);
    for (const u of uniform(63, 1000)) xs64.push((u - 0.5) * 2 ** 22);
    for (const u of uniform(64, 300)) xs64.push(2 ** (-60 * u));
    xs64.push(...HARD64, Math.PI / 2, Math.PI, 0, -0, NaN, Infinity, -Infinity, 5e-324, Number.MAX_VALUE);
    let undecided = 0;
    let mismatches = 0;
    for (const [xs, name] of [[xs32, "cos32"], [xs64, "cos64"]] as const) {
      const twin = name === "cos32" ? cos32 : cos64;
      for (const x of xs) {
        const a = wasm[name]!(x);
        const au = wasm.wasUndecided!() !== 0;
        const b = twin(x);
        const bu = wasUndecided();
        if (au) undecided++;
        if (au !== bu || (!au && !Object.is(a, b))) {
          mismatches++;
          if (mismatches < 5) console.log(`${name}(${x}): wasm ${a} ${au}, twin ${b} ${bu}`);
        }
      }
    }
    console.log(`wasm vs twin: ${xs32.length + xs64.length} arguments, ${undecided} undecided in both`);
    expect(mismatches).toBe(0);
    expect(xs32.length + xs64.length).toBeGreaterThan(7000);
  });

  test("cos32x4 (four SIMD lanes, each lane's anchor or a shared one) is cos32 in each lane, undecided lanes included", () => {
    // Quadruples of nearby arguments (a shared anchor, or two), of scattered ones (four anchors),
    // and of the hardest: a lane the quick step leaves goes to the accurate step, and a lane that
    // one leaves flags the four.
    const quads: number[][] = [];
    for (let b = 0; b <= bits32(NEAR) - 4; b += 1000003) quads.push([0, 1, 2, 3].map((k) => fromBits32(b + k)));
    for (const u of uniform(71, 1500)) {
      const x = Math.fround(u * 3.14);
      quads.push([x, Math.fround(x + 1e-4), Math.fround(x + 2e-4), Math.fround(x + 3e-3)]);
    }
    for (const x of [...HARDEST32, PI32 / 2, PI32]) quads.push([x, -x, fromBits32(bits32(x) + 1), fromBits32(bits32(x) - 1)]);
    for (let i = 0; i + 3 < HARDEST32.length; i++) quads.push(HARDEST32.slice(i, i + 4));
    let mismatches = 0;
    let flagged = 0;
    let shared = 0;
    for (const q of quads) {
      const js = q.map((x) => {
        const v = cos32(x);
        return wasUndecided() ? null : v;
      });
      const anyUndecided = js.some((v) => v === null);
      const modes = q.every((x) => anchorOf(Math.abs(x)) === anchorOf(Math.abs(q[0]!))) ? [0, 1] : [0];
      if (modes.length === 2) shared++;
      for (const mode of modes) {
        for (let k = 0; k < 4; k++) {
          const v = wasm.four!(q[0]!, q[1]!, q[2]!, q[3]!, mode, k);
          const u = wasm.undecided4!() !== 0;
          if (u !== anyUndecided || (!u && !Object.is(v, js[k]))) mismatches++;
          if (u) flagged++;
        }
      }
    }
    console.log(`cos32x4: ${quads.length} quadruples (${shared} sharing an anchor), ${flagged / 4} flagged undecided`);
    expect(mismatches).toBe(0);
    expect(flagged).toBeGreaterThan(0);
  });

  test("the near path's y, quick and accurate steps, is the twin's bit for bit", () => {
    let n = 0;
    let mismatches = 0;
    for (let b = 0; fromBits32(b) < NEAR; b += 9973) {
      const x = fromBits32(b);
      if (!Object.is(wasm.quickY!(x), cosQuick32y(x)) || !Object.is(wasm.cosNear32y!(x), cosNear32y(x))) mismatches++;
      n++;
    }
    expect(n).toBeGreaterThan(100_000);
    expect(mismatches).toBe(0);
  });

  test("cosRun32x4 (a run's shared anchor) is cos32 in each lane, undecided lanes included", () => {
    // Quadruples of neighbouring float32s that share an anchor, over (0, pi_32), then around the
    // hardest arguments: the quick step leaves about 1 lane in 512 to the accurate step, and a lane
    // the accurate step leaves flags the four.
    const quads: number[][] = [];
    for (let b = bits32(2 ** -8); fromBits32(b + 3) < PI32; b += 7919) quads.push([0, 1, 2, 3].map((k) => fromBits32(b + k)));
    for (const x of HARDEST32) for (let k = 0; k < 4; k++) quads.push([0, 1, 2, 3].map((i) => fromBits32(bits32(x) + i - k)));
    let decided = 0;
    let flagged = 0;
    let mismatches = 0;
    for (const q of quads) {
      if (!q.every((x) => anchorOf(x) === anchorOf(q[0]!))) continue;
      const js = q.map((x) => {
        const v = cos32(x);
        return wasUndecided() ? null : v;
      });
      const anyUndecided = js.some((v) => v === null);
      for (let k = 0; k < 4; k++) {
        const v = wasm.run!(q[0]!, q[1]!, q[2]!, q[3]!, k);
        const u = wasm.undecided4!() !== 0;
        if (u !== anyUndecided || (!u && !Object.is(v, js[k]))) mismatches++;
        if (u) flagged++;
        else decided++;
      }
    }
    console.log(`cosRun32x4: ${decided} lanes decided, ${flagged / 4} quadruples flagged undecided`);
    expect(mismatches).toBe(0);
    expect(decided).toBeGreaterThan(30000);
    expect(flagged).toBeGreaterThan(0);
  });

  test("cos64 (float64 near path, general path, exact flags) is the twin's bit for bit at anchor edges, reduced edges, next to multiples of pi/2 and over the far reduction's range", () => {
    const xs = [...anchorEdges(), ...reducedEdges(), ...nextToMultiples()];
    for (const u of uniform(89, 3000)) xs.push((u - 0.5) * 2 ** 21);
    for (const u of uniform(90, 3000)) xs.push(2 ** (20 + 11 * u)); // the far reduction
    xs.push(hex("0x1.b951f1572eba5p+23"), stepDouble(2 ** 31, -1), 2 ** 31);
    let mismatches = 0;
    let undecided = 0;
    for (const x of [...xs, ...xs.map((v) => -v)]) {
      const a = wasm.cos64!(x);
      const au = wasm.wasUndecided!() !== 0;
      const b = cos64(x);
      const bu = wasUndecided();
      if (au) undecided++;
      if (au !== bu || (!au && !Object.is(a, b))) mismatches++;
    }
    console.log(`cos64 wasm vs twin: ${2 * xs.length} arguments, ${undecided} undecided in both`);
    expect(mismatches).toBe(0);
  });

  /** The vector cosines' arguments: anchors' edges, reduced ones, near multiples of pi/2, random. */
  function vectorArguments(seed: number, count: number): number[] {
    const xs = [...anchorEdges(), ...reducedEdges(), ...nextToMultiples()];
    for (const u of uniform(seed, count)) xs.push(u * NEAR64);
    for (const u of uniform(seed + 1, count)) xs.push(u * 2 ** 20);
    // The far reduction's range, one argument in 16 (a body with one takes it for every lane).
    for (const u of uniform(seed + 2, count / 16)) xs.splice(Math.floor(u * xs.length), 0, 2 ** (20 + 11 * u));
    for (let d = -50; d <= 50; d++) xs.push(stepDouble(Math.PI / 2, d));
    return xs;
  }
  /** cos64's near step on x where its rounding test decides, else NaN (`far`: the far reduction's). */
  const nearOf = (x: number, far = false): number => {
    const [h, l] = cos64NearForTesting(x, far);
    const err = Math.abs(h) * EPS_NEAR + (far ? ABS_FAR : 2 ** -128);
    return h + (l - err) === h + (l + err) ? h + (l - err) : NaN;
  };
  /** Whether a vector body with these arguments takes the far reduction. */
  const wide = (xs: number[]): boolean => xs.some((x) => Math.abs(x) >= LIMIT);

  test("cos64x2 (two lanes, each at its own anchor, reduced beyond NEAR64) is the near step in each lane: decided lanes cos64's, a lane it leaves flags the pair", () => {
    const xs = vectorArguments(90, 4000);
    let mismatches = 0;
    let flagged = 0;
    let far = 0;
    for (let i = 0; i + 1 < xs.length; i++) {
      const pair = [xs[i]!, i % 3 === 0 ? -xs[i + 1]! : xs[i + 1]!];
      if (wide(pair)) far++;
      const want = pair.map((x) => nearOf(x, wide(pair)));
      const anyLeft = want.some(Number.isNaN);
      for (let k = 0; k < 2; k++) {
        const v = wasm.pair64!(pair[0]!, pair[1]!, k);
        const u = wasm.undecided4!() !== 0;
        if (u) flagged++;
        if (u !== anyLeft || (!u && (!Object.is(v, want[k]) || !Object.is(v, cos64(pair[k]!))))) mismatches++;
      }
    }
    console.log(`cos64x2: ${xs.length - 1} pairs, ${flagged / 2} flagged, ${far} far`);
    expect(mismatches).toBe(0);
    expect(flagged).toBeGreaterThan(0);
    expect(far).toBeGreaterThan(400);
  });

  test("cos64x2x2 (two pairs in one body) is cos64x2 on each pair: decided lanes cos64's, a lane either pair leaves flags the four", () => {
    const xs = vectorArguments(92, 3000);
    let mismatches = 0;
    let flagged = 0;
    let mixed = 0;
    let far = 0;
    for (let i = 0; i + 3 < xs.length; i++) {
      // Four in a row, signs mixed; every fifth group takes a direct pair (below NEAR64) beside a
      // reduced one, which takes the body's reduction branch for both.
      const four = [xs[i]!, -xs[i + 1]!, i % 2 === 0 ? xs[i + 2]! : -xs[i + 2]!, xs[i + 3]!];
      if (i % 5 === 0) {
        four[0] = xs[i]! % 3 || 0.5;
        four[1] = -(xs[i + 1]! % 3 || 0.25);
        four[2] = 4 + (xs[i + 2]! % 3);
      }
      if (four.slice(0, 2).every((x) => Math.abs(x) < NEAR64) !== four.slice(2).every((x) => Math.abs(x) < NEAR64)) mixed++;
      if (wide(four)) far++;
      const want = four.map((x) => nearOf(x, wide(four)));
      const anyLeft = want.some(Number.isNaN);
      for (let k = 0; k < 4; k++) {
        const v = wasm.quad64!(four[0]!, four[1]!, four[2]!, four[3]!, k);
        const u = wasm.undecided4!() !== 0;
        if (u) flagged++;
        if (u !== anyLeft || (!u && (!Object.is(v, want[k]) || !Object.is(v, cos64(four[k]!))))) mismatches++;
      }
    }
    console.log(`cos64x2x2: ${xs.length - 3} groups of four, ${flagged / 4} flagged, ${mixed} with one pair direct and one reduced, ${far} far`);
    expect(mismatches).toBe(0);
    expect(flagged).toBeGreaterThan(0);
    expect(mixed).toBeGreaterThan(2000);
    expect(far).toBeGreaterThan(400);
  });

  test("the run step (cosRun64x2, and cosRun64 of the scalar build) is the twin's cosRun64 bit for bit at every anchor, undecided lanes included", () => {
    const anchor = new Float64Array(12);
    let mismatches = 0;
    let flagged = 0;
    let n = 0;
    for (let j = 0; j <= 512; j++) {
      if (j === ANCHOR_HALF_PI) continue;
      runAnchor64(j, anchor);
      const twin = (x: number) => cosRun64(x, anchor[0]!, anchor[1]!, anchor[2]!, anchor[3]!, anchor[4]!, anchor[5]!, anchor[6]!, anchor[7]!, anchor[8]!, anchor[9]!, anchor[10]!, anchor[11]!);
      const xs: number[] = [];
      for (const u of uniform(2000 + j, 60)) xs.push(anchor64At(j) + (2 * u - 1) * DMAX);
      const run = xs.filter((x) => anchor64Of(x) === j);
      for (let i = 0; i + 1 < run.length; i += 2) {
        const want = [twin(run[i]!), twin(run[i + 1]!)];
        const anyLeft = want.some(Number.isNaN);
        for (let k = 0; k < 2; k++) {
          const v = wasm.runPair64!(run[i]!, run[i + 1]!, j, k);
          const u = wasm.undecided4!() !== 0;
          if (u) flagged++;
          if (u !== anyLeft || (!u && !Object.is(v, want[k]))) mismatches++;
          if (!Object.is(wasm.run64!(run[i + k]!, j), want[k])) mismatches++;
          n++;
        }
      }
    }
    console.log(`cosRun64x2 and cosRun64: ${n} lanes over 512 anchors, ${flagged / 2} pairs flagged`);
    expect(mismatches).toBe(0);
    expect(n).toBeGreaterThan(12000);
  });

  test("the run step in any period (runHolds64, then cosRun64x2 and cosRun64 of s (x - M)) is the twin's bit for bit, the run's bounds and undecided lanes included", () => {
    const run = new Float64Array(16);
    let mismatches = 0;
    let flagged = 0;
    let n = 0;
    let refused = 0;
    for (const m of [0, 1, 2, 7, 159, 15915, 166880]) {
      for (const u of uniform(3000 + m, 600)) {
        // A pair at a point of period m and one up to an anchor width on (in the run, or not).
        const a = Math.max(0, 2 * m * Math.PI + (2 * u - 1) * Math.PI);
        const b = a + ((u * 1e4 - Math.floor(u * 1e4)) * Math.PI) / 512;
        const held = runHolds64(a, b, run);
        if (!held) {
          refused++;
          if (wasm.shiftedRun64!(a, b, 0) !== -1) mismatches++;
          continue;
        }
        for (let k = 3; k <= 6; k++) if (!Object.is(wasm.shiftedRun64!(a, b, k), run[9 + k])) mismatches++;
        const twin = (x: number) => cosRun64(run[15]! * (x - run[14]!), run[0]!, run[1]!, run[2]!, run[3]!, run[4]!, run[5]!, run[6]!, run[7]!, run[8]!, run[9]!, run[10]!, run[11]!);
        // a may lie just outside its own run (its anchor by rounding): the pair is then cos64x2's
        // in a kernel, and not asked of the run step here.
        if (!(a >= run[12]! && a <= run[13]!)) continue;
        const want = [twin(a), twin(b)];
        const anyLeft = want.some(Number.isNaN);
        for (let k = 0; k < 2; k++) {
          const v = wasm.shiftedRun64!(a, b, k);
          const undecided = wasm.undecided4!() !== 0;
          if (undecided) flagged++;
          if (undecided !== anyLeft || (!undecided && !Object.is(v, want[k]))) mismatches++;
          n++;
        }
        if (!Object.is(wasm.shiftedRun64!(a, b, 2), want[1])) mismatches++;
      }
    }
    console.log(`runHolds64 in 7 periods: ${n} lanes held, ${refused} pairs refused, ${flagged / 2} pairs flagged`);
    expect(mismatches).toBe(0);
    expect(n).toBeGreaterThan(2000);
    expect(refused).toBeGreaterThan(100);
  });
});
