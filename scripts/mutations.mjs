// Breaks the numerics and the Keras kernels on purpose, one mutation at a time, and records which
// tests catch each: a test that has never failed against a broken version has not shown it can
// fail. For each mutation below: apply one textual edit (its `find` must occur exactly once),
// rebuild the Wasm modules if the file is compiled into them (`npm run build:wasm`; the twins are
// TypeScript that the tests import directly), run the test files that cover the file, record the
// files and tests that failed, then restore the file (and rebuild). Nothing here is committed or
// run by `npm test`.
//
//   node scripts/mutations.mjs                 every mutation (about 2 minutes each on a loaded machine)
//   node scripts/mutations.mjs exp2 pd-tail    only the mutations whose id is one of these or starts
//                                              with one, in the order given (an exact id matches only
//                                              itself: pd-tail is not pd-tail2)
//   node scripts/mutations.mjs --check         only check that every `find` occurs exactly once (lists
//                                              every one that does not)
//   node scripts/mutations.mjs --out FILE      also write the results (Markdown: a table, then the
//                                              tests that failed) to FILE, rewritten after each mutation
//
// Refuses to touch a file with uncommitted changes, and restores it on Ctrl-C.
import { execFile, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

const root = new URL("..", import.meta.url).pathname;

// The test files that cover each source file, and the schedules that execute it: the oracle test
// (test/keras/backends.oracle.test.ts, the slowest by far) runs only those schedules' tests, since
// the others never reach the mutated code.
const ORACLE_TEST = "test/keras/backends.oracle.test.ts";
const ALWAYS = ["test/parity.test.ts"];
const COVERING = {
  "numerics/exp2": {
    tests: ["test/numerics/exp2.test.ts", "test/numerics/pow.test.ts", "test/keras/exponentialDecay.test.ts", "test/keras/exponentialDecay.parity.test.ts", "test/keras/polynomialDecay.test.ts", "test/keras/cosineDecayRestarts.test.ts"],
    schedules: ["ExponentialDecay", "PolynomialDecay", "CosineDecayRestarts"],
  },
  "numerics/pow": { tests: ["test/numerics/pow.test.ts", "test/keras/polynomialDecay.test.ts"], schedules: ["PolynomialDecay"] },
  "numerics/log": {
    tests: ["test/numerics/log.test.ts", "test/numerics/pow.test.ts", "test/keras/polynomialDecay.test.ts", "test/keras/cosineDecayRestarts.test.ts"],
    schedules: ["PolynomialDecay", "CosineDecayRestarts"],
  },
  "numerics/cos": {
    tests: ["test/numerics/cos.test.ts", "test/keras/cosineDecay.test.ts", "test/keras/cosineDecayRestarts.test.ts"],
    schedules: ["CosineDecay", "CosineDecayRestarts"],
  },
  "keras/exponentialDecay": { tests: ["test/keras/exponentialDecay.test.ts", "test/keras/exponentialDecay.parity.test.ts"], schedules: ["ExponentialDecay"] },
  "keras/inverseTimeDecay": { tests: ["test/keras/inverseTimeDecay.test.ts"], schedules: ["InverseTimeDecay"] },
  "keras/piecewiseConstantDecay": { tests: ["test/keras/piecewiseConstantDecay.test.ts"], schedules: ["PiecewiseConstantDecay"] },
  "keras/polynomialDecay": { tests: ["test/keras/polynomialDecay.test.ts"], schedules: ["PolynomialDecay"] },
  "keras/cosineDecay": { tests: ["test/keras/cosineDecay.test.ts"], schedules: ["CosineDecay"] },
  "keras/cosineDecayRestarts": { tests: ["test/keras/cosineDecayRestarts.test.ts"], schedules: ["CosineDecayRestarts"] },
};

const N = "assembly/numerics/";
const K = "assembly/keras/";

/** [id, file, find, replace, what the mutation does] */
const MUTATIONS = [
  // exp2.ts: r^p = 2^(p log2 r), the fixed-base power.
  ["exp2-tabl", `${N}exp2.ts`, "me + tabl + tabh * sl", "me + tabh * sl", "expSplit drops the table entry's low part: every float64 power off by up to 2^-53"],
  ["exp2-c2", `${N}exp2.ts`, "f * (load<f64>(at(EXP2_C2)) + f * (load<f64>(at(EXP2_C3))", "f * (load<f64>(at(EXP2_C3)) + f * (load<f64>(at(EXP2_C3))", "exp2y (float32 scalar power): a wrong constant, the cubic coefficient for the quadratic"],
  ["exp2-subnormal", `${N}exp2.ts`, "if (n < -1021) return undecided();", "if (n < -1023) return undecided();", "round64 decides subnormal float64 results as if normal (a wrong rounding)"],
  ["exp2-simd-slot", `${N}exp2.ts`, "1, load<f64>(e1, 8));", "1, load<f64>(e0, 8));", "pow64x2: lane 1 reads lane 0's table low part (a wrong slot)"],
  ["exp2-simd-normal", `${N}exp2.ts`, "i32x4.gt_s(n, i32x4.splat(-1022))", "i32x4.gt_s(n, i32x4.splat(-1024))", "pow64x2 accepts subnormal results (a wrong bound)"],
  ["exp2-simd-tl", `${N}exp2.ts`, "const tl = v128.and(f64x2.mul(p, ll), inside);", "const tl = f64x2.splat(0);", "pow32yv (SIMD float32 power: pow32y2 and powv32x4) drops p * ll, the low part of t"],
  ["exp2-twin-tabl", `${N}exp2.twin.ts`, "me + tabl + tabh * sl", "me + tabh * sl", "twin: expSplit drops the table entry's low part"],
  ["exp2-twin-c2", `${N}exp2.twin.ts`, "const q = f * (C1H + f * (C2 + f * (C3", "const q = f * (C1H + f * (C3 + f * (C3", "twin: exp2y, the cubic coefficient for the quadratic"],
  ["exp2-twin-subnormal", `${N}exp2.twin.ts`, "if (n < -1021) return undecided();", "if (n < -1023) return undecided();", "twin: round64 decides subnormal results as if normal"],
  // pow.ts: x^y with a varying base.
  ["pow-low64", `${N}pow.ts`, "lnH - lh, th) + y * lnL;", "lnH - lh, th);", "powv64 drops y times ln's low part: t off by 2^-53 relative"],
  ["pow-low32", `${N}pow.ts`, "const ll = (l - lh) + le;", "const ll = l - lh;", "powv32 drops log2's low part le (visible only for large |t|)"],
  ["pow-odd", `${N}pow.ts`, "Math.floor(h) != h;", "Math.floor(h) == h;", "isOddInteger swapped: the sign of a negative base's power"],
  ["pow-v64x2-ex7", `${N}pow.ts`, "ep = f64x2.add(f64x2.splat(EX6), f64x2.mul(f, f64x2.splat(EX7)));", "ep = f64x2.add(f64x2.splat(EX6), f64x2.mul(f, f64x2.splat(EX6)));", "powv64x2: e^f's coefficient 1/7! made 1/6! (a wrong constant, 2^-76 of z: below the rounding test's width)"],
  ["pow-v64x2-ln4", `${N}pow.ts`, "p = f64x2.add(f64x2.splat(LN4), f64x2.mul(uh, p));", "p = f64x2.add(f64x2.splat(LN5), f64x2.mul(uh, p));", "powv64x2: ln's coefficient -1/4 made 1/5 (a wrong constant, 2^-33 of ln x)"],
  ["pow-v64x2-width", `${N}pow.ts`, "const w = f64x2.add(f64x2.splat(EPS_BASE), f64x2.mul(f64x2.abs(th), f64x2.splat(EPS_SLOPE)));", "const w = f64x2.splat(EPS_BASE);", "powv64x2: the rounding test's width drops its |t| term (under the error where |t| is large)"],
  ["pow-v64x2-test", `${N}pow.ts`, "if (i64x2.bitmask(f64x2.eq(zlo, zhi)) != 3 || (i32x4.bitmask(normal) & 3) != 3) {", "if ((i32x4.bitmask(normal) & 3) != 3) {", "powv64x2: no rounding test (every lane decided, midpoints and hard cases too)"],
  ["pow-v32x4-c8", `${N}pow.ts`, "let q = f64x2.add(f64x2.splat(load<f64>(c, 40)), f64x2.mul(u, f64x2.splat(load<f64>(c, 48))));", "let q = f64x2.add(f64x2.splat(load<f64>(c, 40)), f64x2.mul(u, f64x2.splat(load<f64>(c, 40))));", "powv32x4: log2's last series coefficient made the one before (a wrong constant, about 2^-66 of log2 x)"],
  ["pow-v32x4-c3", `${N}pow.ts`, "q = f64x2.add(f64x2.splat(load<f64>(c, 8)), f64x2.mul(u, q));", "q = f64x2.add(f64x2.splat(load<f64>(c, 16)), f64x2.mul(u, q));", "powv32x4: log2's u^3 coefficient made the u^4 one (a wrong constant, 2^-26 of log2 x)"],
  ["pow-v32x4-test", `${N}pow.ts`, "if (i32x4.bitmask(f32x4.eq(lo, hi)) != 15) undecided();", "", "powv32x4: no rounding test (every lane decided: float32 midpoints too)"],
  ["pow-v32x4-eps", `${N}pow.ts`, "const down = f64x2.splat(1.0 - EPS_Y);\n  const up = f64x2.splat(1.0 + EPS_Y);", "const down = f64x2.splat(1.0 - EPS_Y / 256.0);\n  const up = f64x2.splat(1.0 + EPS_Y / 256.0);", "powv32x4: the rounding test's window 2^-56, under y's error 2^-50.3"],
  ["pow-twin-low64", `${N}pow.twin.ts`, "lnH - lh, th) + y * lnL;", "lnH - lh, th);", "twin: powv64 drops y times ln's low part"],
  ["pow-twin-low32", `${N}pow.twin.ts`, "const ll = (l - lh) + le;", "const ll = l - lh;", "twin: powv32 drops log2's low part le"],
  ["pow-twin-odd", `${N}pow.twin.ts`, "Math.floor(h) !== h;", "Math.floor(h) === h;", "twin: isOddInteger swapped"],
  // log.ts: ln x, and the log2 that pow shares.
  ["log-c4", `${N}log.ts`, "const C4: f64 = -0.25;", "const C4: f64 = -0.2;", "the series' coefficient -1/4 made -1/5 (a wrong constant; log2dd shares it)"],
  ["log-half", `${N}log.ts`, "if (k >= LOG_HALF_FROM) {", "if (k > LOG_HALF_FROM) {", "the reduction's m > sqrt 2 test off by one table entry"],
  ["log-subnormal", `${N}log.ts`, "e = <i32>(bits >> 52) - 1023 - 64;", "e = <i32>(bits >> 52) - 1023 - 63;", "a subnormal's exponent off by one"],
  ["log-ln2l", `${N}log.ts`, "const rest = e2 + e1 + ce * load<f64>(at(LOG_LN2L)) + load<f64>(entry, 32) + pl;", "const rest = e2 + e1 + load<f64>(entry, 32) + pl;", "lndd drops e' times ln 2's low part"],
  ["log-twin-c4", `${N}log.twin.ts`, "const C4 = -0.25;", "const C4 = -0.2;", "twin: the coefficient -1/4 made -1/5"],
  ["log-twin-half", `${N}log.twin.ts`, "if (k >= LOG_HALF_FROM) {", "if (k > LOG_HALF_FROM) {", "twin: the reduction's test off by one entry"],
  ["log-twin-ln2l", `${N}log.twin.ts`, "ce * LN2L + ", "", "twin: lndd drops e' times ln 2's low part"],
  // cos.ts
  ["cos-k", `${N}cos.ts`, "const K: f32 = 162.9746551513672;", "const K: f32 = 162.0;", "the near path's 512/pi made 162 (a wrong constant: anchors too far)"],
  ["cos-quick-only", `${N}cos.ts`, "return round32(accurate(d, load<f64>(p), load<f64>(p, 8)));", "return <f64><f32>y;", "cosNear32 rounds the quick step where it should take the accurate one"],
  ["cos-quick-window", `${N}cos.ts`, "const QUICK_WINDOW: i32 = 1 << 19;", "const QUICK_WINDOW: i32 = 1 << 14;", "the quick step's window 2^-39 under its error 2^-36.5 (a wrong rounding test)"],
  ["cos64-reduction", `${N}cos.ts`, "const low = (e1 + e2) - k * load<f64>(at(COS_PIO2_4));", "const low = -k * load<f64>(at(COS_PIO2_4));", "cos64 drops the reduction's TwoSum errors"],
  ["cos64x2-far-reduction", `${N}cos.ts`, "const low = f64x2.sub(f64x2.add(f64x2.add(e1, e2), e3), f64x2.mul(k, f64x2.splat(load<f64>(at(COS_FAR + 4)))));", "const low = f64x2.sub(f64x2.add(e1, e2), f64x2.mul(k, f64x2.splat(load<f64>(at(COS_FAR + 4)))));", "cos64x2's far reduction drops its third TwoSum's error"],
  ["cos64-far-reduction", `${N}cos.ts`, "const low = ((e1 + e2) + e3) - k * load<f64>(at(COS_FAR + 4));", "const low = (e1 + e2) - k * load<f64>(at(COS_FAR + 4));", "cos64's far reduction drops its third TwoSum's error"],
  ["cos-far-quadrant", `${N}cos.ts`, "const z = r * r;\n  const q = <i32>k & 3;", "const z = r * r;\n  const q = (<i32>k + 2) & 3;", "the far path (|x| >= 3.144) takes the wrong quadrant"],
  ["cos-simd-slot", `${N}cos.ts`, "v128.shuffle<f32>(a, a, 2, 3, 0, 1)), v128.load(ANCHORS, 48));", "v128.shuffle<f32>(a, a, 2, 3, 0, 1)), v128.load(ANCHORS));", "cos32x4: lanes 2 and 3 take lanes 0 and 1's anchors (a wrong slot)"],
  ["cos-twin-k", `${N}cos.twin.ts`, "const K = Math.fround(162.9746551513672);", "const K = Math.fround(162.0);", "twin: 512/pi made 162"],
  ["cos-twin-quick-only", `${N}cos.twin.ts`, "return round32(accurate(d, nearC, nearS));", "return Math.fround(y);", "twin: cosNear32 rounds the quick step where it should take the accurate one"],
  ["cos-twin-far-quadrant", `${N}cos.twin.ts`, "const z = r * r;\n  const q = k & 3;", "const z = r * r;\n  const q = (k + 2) & 3;", "twin: the far path's wrong quadrant"],
  ["cos-twin-run-window", `${N}cos.twin.ts`, "return nearMidpoint(y, QUICK_WINDOW) ? NaN : Math.fround(y);", "return Math.fround(y);", "twin: cosRun32 (a range's runs) rounds every quick step, never falls back"],
  ["cos64-m6", `${N}cos.ts`, "const m = z * (C2 + z * (C4 + z * M6));", "const m = z * (C2 + z * (C4 + z * T7));", "cos64's near step: cos d's z^3 coefficient -1/720 made -1/5040 (a wrong constant, 2^-60 of cos x)"],
  ["cos64x2-m6", `${N}cos.ts`, "f64x2.mul(z, f64x2.splat(M6))", "f64x2.mul(z, f64x2.splat(T7))", "cos64x2: cos d's z^3 coefficient -1/720 made -1/5040 (a wrong constant, 2^-60 of cos x)"],
  ["cos64x2-eps", `${N}cos.ts`, "f64x2.mul(f64x2.abs(h), f64x2.splat(EPS_NEAR))", "f64x2.mul(f64x2.abs(h), f64x2.splat(EPS_NEAR / 256.0))", "cos64x2: the rounding test's window 2^-72, under the near step's error (measured 2^-68.4)"],
  ["cos64x2-sign", `${N}cos.ts`, "const flip = v128.xor(i64x2.shl(i64x2.add(q, i64x2.splat(1)), 62), v128.and(i64x2.shl(q, 63), below));", "const flip = i64x2.shl(i64x2.add(q, i64x2.splat(1)), 62);", "cos64x2: forgets sin r's sign for a negative r (reduced, k odd)"],
  ["cos-run64-t7", `${N}cos.ts`, "store<f64>(RUN64, qh * T7, 80);", "store<f64>(RUN64, qh * S5, 80);", "run step (cosRun64x2, cosRun64): G7 = Qh T7 made Qh S5 (a wrong constant, up to 2^-65 of |Q|)"],
  ["cos-run64-err", `${N}cos.ts`, "store<f64>(RUN64, EPS_NEAR * (Math.abs(ph) + DMAX * Math.abs(qh)) + extra, 88);", "store<f64>(RUN64, (EPS_NEAR / 1024.0) * (Math.abs(ph) + DMAX * Math.abs(qh)) + extra, 88);", "run step: ERR / 1024 (2^-74 |P|), under the step's error bound 2^-67.8 |P|"],
  ["cos-run64x2-test", `${N}cos.ts`, "  if (v128.any_true(f64x2.ne(lo, f64x2.add(h, f64x2.add(l, err))))) undecidedLanes = true;\n  return lo;\n}", "  return lo;\n}", "cosRun64x2: no rounding test, every lane of a run decided"],
  ["cos-run64-test", `${N}cos.ts`, "load<f64>(RUN64, 16)) + w);\n  const lo = h + (l - err);\n  return lo == h + (l + err) ? lo : NaN;", "load<f64>(RUN64, 16)) + w);\n  const lo = h + (l - err);\n  return lo;", "cosRun64 (scalar build): no rounding test, every run step decided"],
  ["cos-twin-near64-m6", `${N}cos.twin.ts`, "const m = z * (N2 + z * (N4 + z * M6));", "const m = z * (N2 + z * (N4 + z * T7));", "twin: cos64's near step, -1/720 made -1/5040"],
  ["cos-twin-near64-eps", `${N}cos.twin.ts`, "const err = Math.abs(h) * EPS_NEAR + abs;", "const err = Math.abs(h) * (EPS_NEAR / 256) + abs;", "twin: cos64's near step, window 2^-72 under its error"],
  ["cos-twin-run64-t7", `${N}cos.twin.ts`, "into[10] = qh * T7;", "into[10] = qh * N5;", "twin: run step's G7 = Qh T7 made Qh S5"],
  ["cos-twin-run64-err", `${N}cos.twin.ts`, "into[11] = EPS_NEAR * (Math.abs(ph) + DMAX * Math.abs(qh)) + extra;", "into[11] = (EPS_NEAR / 1024) * (Math.abs(ph) + DMAX * Math.abs(qh)) + extra;", "twin: run step's ERR / 1024"],
  ["cos-twin-run64-test", `${N}cos.twin.ts`, "lastNear[1] = l;\n  const lo = h + (l - err);\n  return lo === h + (l + err) ? lo : NaN;", "lastNear[1] = l;\n  const lo = h + (l - err);\n  return lo;", "twin: cosRun64, no rounding test"],
  // Keras kernels and twins.
  ["xd-exact32", `${K}exponentialDecay.ts`, "const EXACT32: f64 = 16777216.0;", "const EXACT32: f64 = 33554432.0;", "float32 geometric range path taken up to 2^25, where steps are not exact"],
  ["xd-simd-slot", `${K}exponentialDecay.ts`, "const y1 = geometricPower2(s1, vAnchor, j + 2, vd, vrd, vc);", "const y1 = geometricPower2(s1, vAnchor, j + 1, vd, vrd, vc);", "SIMD geometric32: the second pair reads the wrong table slot"],
  ["xd-stairs-end", `${K}exponentialDecay.ts`, "for (let i = 0; i < n; i++) {\n    const step = start + <f64>i;\n    const p = wide ? p64(step, d, true)", "for (let i = 0; i < n - 1; i++) {\n    const step = start + <f64>i;\n    const p = wide ? p64(step, d, true)", "the staircase loop ends one step short (an off-by-one run end)"],
  ["xd-geo64-dekker", `${K}exponentialDecay.ts`, "const ce = c * ((pd - s) + twoProductErrorSplit(ph, p - ph, dh, dl, pd));", "const ce = c * (pd - s);", "geometric64's scalar loop drops the exact error of p d"],
  ["xd-twin-rescan", `${K}exponentialDecay.twin.ts`, "if (undecided) for (let j = 0; j < len; j++)", "if (false) for (let j = 0; j < len; j++)", "twin: geometric32 never rescans a block with an undecided rounding"],
  ["xd-twin-p32", `${K}exponentialDecay.twin.ts`, "const p = Math.fround(Math.fround(step) / d);", "const p = Math.fround(step / d);", "twin: p32 skips Keras' cast of the step to float32"],
  ["itd-exact", `${K}inverseTimeDecay.ts`, "const exact = !steps && Math.abs(start) <= EXACT32 && Math.abs(start + <f64>n) <= EXACT32;", "const exact = !steps && Math.abs(start) <= 2.0 * EXACT32 && Math.abs(start + <f64>n) <= 2.0 * EXACT32;", "SIMD float32 ranges count steps in float32 up to 2^25"],
  ["itd-round", `${K}inverseTimeDecay.ts`, "return <f64><f32>(a / <f64><f32>(1.0 + <f64><f32>(r * p)));", "return <f64><f32>(a / <f64><f32>(1.0 + r * p));", "one32 skips the rounding of r p (a wrong rounding)"],
  ["itd-trunc", `${K}inverseTimeDecay.ts`, "if (staircase) p = f32x4.floor(p);", "if (staircase) p = f32x4.trunc(p);", "SIMD float32 staircase truncates (differs from floor below 0)"],
  ["itd-twin-p32", `${K}inverseTimeDecay.twin.ts`, "const p = Math.fround(Math.fround(step) / d);", "const p = Math.fround(step / d);", "twin: p32 skips the step's cast to float32"],
  ["itd-twin-round", `${K}inverseTimeDecay.twin.ts`, "Math.fround(a / Math.fround(1.0 + Math.fround(r * p)))", "Math.fround(a / Math.fround(1.0 + r * p))", "twin: fromP32 skips the rounding of r p"],
  ["pcd-run-end", `${K}piecewiseConstantDecay.ts`, "Math.floor(load<f64>(b + ((<usize>k) << 3))) - start + 1.0", "Math.floor(load<f64>(b + ((<usize>k) << 3))) - start", "a range's run ends one step early"],
  ["pcd-index", `${K}piecewiseConstantDecay.ts`, "return base + <i32>(load<f64>(b + ((<usize>base) << 3)) < s);", "return base + <i32>(load<f64>(b + ((<usize>base) << 3)) <= s);", "a step equal to a boundary takes the next value"],
  ["pcd-advance", `${K}piecewiseConstantDecay.ts`, "load<f64>(b + ((<usize>k) << 3)) < start + <f64>i) k++;", "load<f64>(b + ((<usize>k) << 3)) <= start + <f64>i) k++;", "a range moves past a boundary equal to the next step"],
  ["pcd-twin-run-end", `${K}piecewiseConstantDecay.twin.ts`, "Math.floor(b[from + k]!) - start + 1.0", "Math.floor(b[from + k]!) - start", "twin (and the fill): a run ends one step early"],
  ["pcd-twin-index", `${K}piecewiseConstantDecay.twin.ts`, "return base + (b[from + base]! < s ? 1 : 0);", "return base + (b[from + base]! <= s ? 1 : 0);", "twin: a step equal to a boundary takes the next value"],
  ["pd-tail", `${K}polynomialDecay.ts`, "const tail = Math.ceil(d) - start;", "const tail = Math.floor(d) - start;", "the constant tail starts at floor(d), one step early for a fractional d"],
  ["pd-simd-cycle", `${K}polynomialDecay.ts`, "dd = f32x4.mul(vd, select4(one, f32x4.ceil(f32x4.div(s, vd)), f32x4.eq(s, zero)));", "dd = f32x4.mul(vd, select4(one, f32x4.floor(f32x4.div(s, vd)), f32x4.eq(s, zero)));", "SIMD float32 cycle: floor for ceil"],
  ["pd-simd64-zero", `${K}polynomialDecay.ts`, "dd = f64x2.mul(vd, select4(one, f64x2.ceil(f64x2.div(s, vd)), f64x2.eq(s, zero)));", "dd = f64x2.mul(vd, f64x2.ceil(f64x2.div(s, vd)));", "SIMD float64 cycle forgets step 0's 1"],
  ["pd-round32", `${K}polynomialDecay.ts`, "Math.ceil(<f64><f32>(s / d))", "Math.ceil(s / d)", "base32 (cycle) skips the rounding of s / d before ceil"],
  ["pd-twin-tail", `${K}polynomialDecay.twin.ts`, "const from = Math.ceil(d) - start;", "const from = Math.floor(d) - start;", "twin: the constant tail one step early"],
  ["pd-twin-round32", `${K}polynomialDecay.twin.ts`, "Math.ceil(Math.fround(s / d))", "Math.ceil(s / d)", "twin (and single calls): base32 skips the rounding of s / d before ceil"],
  ["cd-run-end", `${K}cosineDecay.ts`, "    if (inRun(params, start, mid, warmup, j, wide)) lo = mid;\n    else hi = mid;\n  }\n  return hi;", "    if (inRun(params, start, mid, warmup, j, wide)) lo = mid;\n    else hi = mid;\n  }\n  return min(n, hi + 1);", "a cosine anchor's run ends one step late (float32 and float64 ranges)"],
  ["cd-run64-end", `${K}cosineDecay.ts`, "const end = i + ((run - i) & ~1);", "const end = i + ((run - i + 1) & ~1);", "float64 SIMD ranges: a run of odd length takes its next step at its anchor too (one step late)"],
  // Dropping the test that both lanes share lane 0's anchor before holding it (j0 == lane 1's)
  // changes no result: the run step is then taken only where both lanes equal the held anchor, so
  // lane 0's anchor is held and the pair takes cos64x2 (it was run: no test failed; equivalent).
  // Taking the run step where only one lane is at the held anchor does change results:
  ["cd-run64-pair", `${K}cosineDecay.ts`, "const c = i64x2.bitmask(f64x2.eq(at, held)) == 3 ? cosRun64x2(t) : cos64x2(t);", "const c = i64x2.bitmask(f64x2.eq(at, held)) != 0 ? cosRun64x2(t) : cos64x2(t);", "float64 SIMD pairs: a pair with one lane at the held anchor takes the run step in both"],
  ["cd-warm-simd", `${K}cosineDecay.ts`, "      warm = f32x4.lt(sw, vws);", "      warm = f32x4.le(sw, vws);", "SIMD: the warm-up's last step is warm-up's end, not the decay's start"],
  ["cd-warm-one", `${K}cosineDecay.ts`, "if (sw < ws) return r(", "if (sw <= ws) return r(", "one(): the same, element by element (float64 and the scalar float32)"],
  ["cd-small", `${K}cosineDecay.ts`, "const small = Math.abs(start) + <f64>end < 2147483648.0;", "const small = Math.abs(start) + <f64>end < 4294967296.0;", "runOf converts steps up to 2^32 through i32 (they wrap past 2^31)"],
  ["cd-twin-exact", `${K}cosineDecay.twin.ts`, "const exact = Math.abs(start) + end <= 16777216;", "const exact = Math.abs(start) + end <= 33554432;", "twin: runs take unrounded steps up to 2^25"],
  ["cd-twin-run64-end", `${K}cosineDecay.twin.ts`, "const stop = runOf64(params, start, out, i, run, runJ, warmup);", "const stop = runOf64(params, start, out, i, Math.min(n, run + 1), runJ, warmup);", "twin: a float64 run takes one step past its end at its anchor"],
  ["cd-twin-warm", `${K}cosineDecay.twin.ts`, "if (sw < ws) {\n        out[i] = Math.fround(", "if (sw <= ws) {\n        out[i] = Math.fround(", "twin: the warm-up's last step"],
  ["cdr-block-end", `${K}cosineDecayRestarts.ts`, "const i1 = indexOf(fraction(start + <f64>(end - 1), params, wide), params, wide);", "const i1 = indexOf(fraction(start + <f64>(end - 2), params, wide), params, wide);", "a block's restart test reads its second-last step (an off-by-one block end)"],
  ["cdr-shared", `${K}cosineDecayRestarts.ts`, "if (i0 != i1) {", "if (i0 != i0) {", "every block (with a decided first index) shares its first step's restart index"],
  // tableIndex's last comparison (E[base] <= cf) is true only for base = N - 1 within the table (the
  // loop counts the entries before the last that end at or below cf), and the last entry ends at
  // TABLE_LIMIT or Infinity, which inTable excludes: making it "<", or comparing one entry on in the
  // loop, changes no result (the first was run: no test failed; both by enumerating every position
  // in tables of 2 to 512 entries). Halving n instead of subtracting does.
  ["cdr-table-halving", `${K}cosineDecayRestarts.ts`, "    n -= half;", "    n = half;", "restart table: the binary search halves its range (n = half for n - half): odd counts skip entries"],
  ["cdr-table-limit", `${K}cosineDecayRestarts.ts`, "return cf >= 0 && cf < param(params, TABLE_LIMIT);", "return cf >= 0 && cf <= param(params, TABLE_LIMIT);", "restart table: a fraction equal to the table's limit (the first it does not hold) read from it"],
  ["cdr-run64", `${K}cosineDecayRestarts.ts`, "if (j != heldAnchor) {\n    sameAnchor64(j);", "if (heldAnchor < 0) {\n    sameAnchor64(j);", "scalar build, float64 blocks: the run step keeps the block's first anchor for every later one"],
  ["cdr-table-slot", `${K}cosineDecayRestarts.table.ts`, "export const T_HALF_M = 3;", "export const T_HALF_M = 2;", "restart table: 0.5 M^k read from the period's slot (kernel and twin alike)"],
  ["cdr-simd-slot", `${K}cosineDecayRestarts.ts`, "const vperiod = f32x4.splat(<f32>period);", "const vperiod = f32x4.splat(<f32>(period + sumR));", "SIMD block: the period's length read wrong"],
  ["cdr-round", `${K}cosineDecayRestarts.ts`, "const c = r(r(cf - sumR, wide) / period, wide);", "const c = r((cf - sumR) / period, wide);", "decayed skips the rounding of cf - sumR"],
  ["cdr-twin-block-end", `${K}cosineDecayRestarts.twin.ts`, "const i1 = indexOf32(fraction32(start + (end - 1), p), p);", "const i1 = indexOf32(fraction32(start + (end - 2), p), p);", "twin: float32 block end off by one"],
  ["cdr-twin-run64", `${K}cosineDecayRestarts.twin.ts`, "if (k !== held) {", "if (held < 0) {", "twin: float64 blocks keep the block's first anchor for every later one"],
  ["cdr-twin-table-halving", `${K}cosineDecayRestarts.twin.ts`, "    n -= half;", "    n = half;", "twin: the restart table's binary search halves its range"],
  ["cdr-twin-restart-round", `${K}cosineDecayRestarts.twin.ts`, "return Math.floor(Math.fround(log32(u) / p[LOG_T]!));", "return Math.floor(log32(u) / p[LOG_T]!);", "twin (and single calls): the float32 restart index skips the quotient's rounding"],
];

function covering(file) {
  // The restart table's layout (cosineDecayRestarts.table.ts) is read by the kernel and its twin.
  const key = file.replace(/^assembly\//, "").replace(/(\.twin|\.table)?\.ts$/, "");
  const c = COVERING[key];
  if (c === undefined) throw new Error(`no covering tests listed for ${file}`);
  return c;
}

/** 1-based line of the first character of `find` in `text`. */
const lineOf = (text, find) => text.slice(0, text.indexOf(find)).split("\n").length;

const compiled = (file) => !file.endsWith(".twin.ts");

// Asynchronous, so that Ctrl-C's handler below runs at once (a synchronous loop would hold it);
// the child running, if any, is ended by its pid there.
let child = null;
function spawnChild(command, args, hangMs = Infinity) {
  // A process group of its own, so that its children (npx runs vitest, which runs workers) end with it.
  const promise = run(command, args, { cwd: root, maxBuffer: 1 << 26, detached: true });
  child = promise.child;
  // A mutation can make a kernel loop forever (a run that never advances): vitest's own timeout
  // cannot interrupt a synchronous Wasm call, so the whole group is ended from here.
  const state = { hung: false };
  const timer = Number.isFinite(hangMs) ? setTimeout(() => {
    state.hung = true;
    try {
      process.kill(-promise.child.pid, "SIGKILL");
    } catch {
      // It ended on its own.
    }
  }, hangMs) : null;
  const finished = promise.finally(() => {
    if (timer) clearTimeout(timer);
    child = null;
  });
  finished.state = state;
  return finished;
}

/** A vitest run that takes longer than this has hung (the slowest covering run takes ~5 min loaded). */
const HANG_MS = 20 * 60_000;

async function buildWasm() {
  await spawnChild("npm", ["run", "--silent", "build:wasm"]);
}

/** Runs vitest on `files` (with a test name filter, or none); returns { failedFiles, failedTests }. */
async function runTests(files, filter) {
  const dir = mkdtempSync(join(tmpdir(), "lrdecay-mutation-"));
  const report = join(dir, "report.json");
  try {
    const named = filter === undefined ? [] : ["-t", filter];
    // vitest exits non-zero when a test fails: that is the report to read, not an error.
    const running = spawnChild("npx", ["vitest", "run", ...files, ...named, "--reporter=json", `--outputFile=${report}`], HANG_MS);
    const hung = await running.then(() => false, () => running.state.hung);
    // A test that never finishes fails CI (its time limit) as surely as one that fails: caught.
    if (hung) return { failedFiles: [`${files.join(", ")} (hung: killed after ${HANG_MS / 60_000} min)`], failedTests: [] };
    if (!existsSync(report)) throw new Error("vitest wrote no report");
    const json = JSON.parse(readFileSync(report, "utf8"));
    const failedTests = [];
    const failedFiles = [];
    for (const f of json.testResults) {
      const name = f.name.slice(root.length);
      const failed = f.assertionResults.filter((a) => a.status === "failed").map((a) => a.fullName);
      if (failed.length > 0 || f.status === "failed") failedFiles.push(name);
      for (const t of failed) failedTests.push(`${name} > ${t}`);
    }
    return { failedFiles, failedTests };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const args = process.argv.slice(2);
const check = args.includes("--check");
const outAt = args.indexOf("--out");
const out = outAt >= 0 ? args[outAt + 1] : null;
const prefixes = args.filter((a, i) => !a.startsWith("--") && (outAt < 0 || i !== outAt + 1));
const ids = new Set(MUTATIONS.map(([id]) => id));
const chosen =
  prefixes.length === 0
    ? MUTATIONS
    : [...new Set(prefixes.flatMap((p) => MUTATIONS.filter(([id]) => (ids.has(p) ? id === p : id.startsWith(p)))))];
const unmatched = prefixes.filter((p) => !MUTATIONS.some(([id]) => id.startsWith(p)));
if (unmatched.length > 0) throw new Error(`no mutation's id starts with ${unmatched.join(", ")}`);

// Every stale mutation, not only the first: a change to the code usually stales several at once.
const stale = [];
for (const [id, file, find, replace] of chosen) {
  if (!existsSync(join(root, file))) {
    stale.push(`${id}: ${file} does not exist`);
    continue;
  }
  const text = readFileSync(join(root, file), "utf8");
  const count = text.split(find).length - 1;
  if (count !== 1) stale.push(`${id}: \`${find}\` occurs ${count} times in ${file}`);
  if (find === replace) stale.push(`${id}: the replacement is the original`);
  try {
    covering(file);
  } catch (e) {
    stale.push(`${id}: ${e.message}`);
  }
}
if (stale.length > 0) {
  console.error(`${stale.length} of ${chosen.length} mutations cannot be applied:\n${stale.join("\n")}`);
  process.exit(1);
}
if (check) {
  console.log(`${chosen.length} mutations: every find occurs exactly once.`);
  process.exit(0);
}
for (const file of new Set(chosen.map((m) => m[1]))) {
  const dirty = spawnSync("git", ["diff", "--quiet", "HEAD", "--", file], { cwd: root }).status !== 0;
  if (dirty) throw new Error(`${file} has uncommitted changes: commit or stash them first (this script restores files to their text before the mutation)`);
}

// The Wasm build is stale after a compiled file is restored, until the next build: rebuilt before
// any test runs on it, and at the end.
let wasmStale = false;
let restore = null;
process.on("SIGINT", async () => {
  // The file first: the child's group may be gone already (kill then throws ESRCH).
  if (restore) restore();
  if (child) {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // It ended on its own.
    }
  }
  if (wasmStale) await buildWasm();
  process.exit(130);
});

const rows = [];
const table = () =>
  [
    "| mutation | where | what | caught by |",
    "|---|---|---|---|",
    ...rows.map((r) => `| ${r.id} | ${r.at} | ${r.what} | ${r.caught ? r.files.map((f) => f.replace(/^test\//, "")).join(", ") : "**survived**"} |`),
  ].join("\n");
const summary = () => `${rows.filter((r) => r.caught).length} of ${rows.length} caught (${chosen.length} chosen).`;
const details = () =>
  rows
    .filter((r) => r.caught)
    .map((r) => `${r.id}:\n${r.tests.length > 0 ? r.tests.map((t) => `- ${t}`).join("\n") : `- ${r.files.join(", ")}`}`)
    .join("\n\n");

for (const [id, file, find, replace, what] of chosen) {
  const path = join(root, file);
  const original = readFileSync(path, "utf8");
  const line = lineOf(original, find);
  restore = () => {
    writeFileSync(path, original);
    wasmStale ||= compiled(file);
    restore = null;
  };
  const started = Date.now();
  let result;
  try {
    writeFileSync(path, original.replace(find, replace));
    if (compiled(file) || wasmStale) {
      await buildWasm();
      wasmStale = false;
    }
    const { tests, schedules } = covering(file);
    const oracle = await runTests([ORACLE_TEST], `\\b(${schedules.join("|")})\\b`);
    const others = await runTests([...ALWAYS, ...tests]);
    result = { failedFiles: [...oracle.failedFiles, ...others.failedFiles], failedTests: [...oracle.failedTests, ...others.failedTests] };
  } catch (e) {
    result = { failedFiles: [`(the mutation did not build or run: ${String(e.message).split("\n")[0]})`], failedTests: [] };
  } finally {
    restore?.();
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  const caught = result.failedFiles.length > 0;
  rows.push({ id, at: `${file}:${line}`, what, caught, files: result.failedFiles, tests: result.failedTests });
  console.log(`${caught ? "caught  " : "SURVIVED"} ${id} (${file}:${line}, ${seconds} s): ${caught ? result.failedFiles.join(", ") : "no test failed"}`);
  for (const t of result.failedTests) console.log(`           ${t}`);
  // After each mutation, so that an interrupted run keeps what it found.
  if (out) writeFileSync(out, `${table()}\n\n${summary()}\n\n${details()}\n`);
}

if (wasmStale) await buildWasm();

console.log(`\n${table()}\n\n${summary()}`);
