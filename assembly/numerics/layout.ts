// The constant region of linear memory, in f64 slots: the one layout that the AssemblyScript
// functions (which load from CONSTANTS + 8 * slot), their JS twins (which index the generated
// array) and the generator (scripts/generate-constants.mjs, which fills it from
// src/exact/constants.ts and checks its length) all read. Plain integer constants, so that this one
// file is both AssemblyScript and TypeScript. A function that needs constants adds a region here
// and fills it in src/exact/constants.ts.

// exp2 (exp2.ts): ln 2 as hi, lo; (ln 2)^k / k! for k = 2..6; then 2^(j/256) as hi, lo pairs;
// then, for the accurate split (expSplitAccurate), the low parts of (ln 2)^k / k! for k = 2..4 and
// (ln 2)^k / k! for k = 7..10 (and a pad: the regions after keep their slots' parity).
export const EXP2_C1H = 0;
export const EXP2_C1L = 1;
export const EXP2_C2 = 2;
export const EXP2_C3 = 3;
export const EXP2_C4 = 4;
export const EXP2_C5 = 5;
export const EXP2_C6 = 6;
export const EXP2_PAD = 7; // 0: keeps the table's pairs 16-byte aligned
export const EXP2_TABLE = 8;
export const EXP2_TABLE_SIZE = 256;
export const EXP2_C2L = EXP2_TABLE + 2 * EXP2_TABLE_SIZE; // C2L, C3L, C4L in consecutive slots
export const EXP2_C7 = EXP2_C2L + 3; // C7..C10 in consecutive slots
export const EXP2_END = EXP2_C7 + 5;

// log (log.ts): ln 2 as hi (42 bits, so that e * hi is exact), lo; log2(e) as hi, lo; the series
// coefficients 1/3 and 1/5 as hi, lo and (-1)^(k+1)/k for k = 6..12; then for k = 0..128 the entry
// r_k (21 bits), -log2(r_k) as hi, lo and -ln(r_k) as hi, lo.
export const LOG_LN2H = EXP2_END;
export const LOG_LN2L = LOG_LN2H + 1;
export const LOG_LOG2EH = LOG_LN2H + 2;
export const LOG_LOG2EL = LOG_LN2H + 3;
export const LOG_C3H = LOG_LN2H + 4;
export const LOG_C3L = LOG_LN2H + 5;
export const LOG_C5H = LOG_LN2H + 6;
export const LOG_C5L = LOG_LN2H + 7;
export const LOG_C6 = LOG_LN2H + 8; // C6..C12 in consecutive slots
export const LOG_TABLE = LOG_C6 + 7;
export const LOG_TABLE_SIZE = 129;
export const LOG_TABLE_STRIDE = 5;
export const LOG_HALF_FROM = 53; // entries k >= 53 serve m / 2: m >= 1 + 52.5/128 > sqrt(2)
export const LOG_R_BITS = 20; // r_k is a multiple of 2^-20
export const LOG_END = LOG_TABLE + LOG_TABLE_STRIDE * LOG_TABLE_SIZE;

// cos (cos.ts): 2/pi; pi/2 = P1 + P2 + P3 + P4, where P1..P3 have 33 significant bits (so that
// k * Pi is exact for k < 2^20) and P4 is the rest rounded; then the Taylor coefficients
// (-1)^floor(n/2) / n! of cos and sin for n = 0..27 as hi, lo pairs (slot COS_TAYLOR + 2n, + 2n + 1).
export const COS_TWO_OVER_PI = LOG_END;
export const COS_PIO2_1 = COS_TWO_OVER_PI + 1;
export const COS_PIO2_2 = COS_TWO_OVER_PI + 2;
export const COS_PIO2_3 = COS_TWO_OVER_PI + 3;
export const COS_PIO2_4 = COS_TWO_OVER_PI + 4;
export const COS_TAYLOR = COS_TWO_OVER_PI + 5;
export const COS_TAYLOR_SIZE = 28;
// Then the float64 general path's rounding window, EPS64 (cos.ts), a slot that also aligns the
// table after it; in the constant region rather than in the code, so that tests can widen it
// (src/core/wasm.ts, setConstantForTesting) and reach the exact fallback.
// Then the near path's table (cos.ts): for j = 0..512, with the anchor A_j = f32(j (pi/512)) (pi the
// double Math.PI), cos(A_j) and sin(A_j) rounded to doubles (slots COS_NEAR + 2j, + 2j + 1: 16-byte
// aligned pairs).
export const COS_EPS64 = COS_TAYLOR + 2 * COS_TAYLOR_SIZE;
export const COS_NEAR = COS_EPS64 + 1;
export const COS_NEAR_STEPS = 512; // anchors per pi
export const COS_NEAR_SIZE = COS_NEAR_STEPS + 1;
export const COS_END = COS_NEAR + 2 * COS_NEAR_SIZE;

// pow (pow.ts), its own block at the end. float32: the series of log2(1 + u) = C1H u + C1L u +
// u^2 (C2 + C3 u + ... + C8 u^6), with C1H = log2(e) cut to 16 significant bits (so that C1H u is
// exact for the u of a float32 base) and C1L the rest rounded, Cn = (-1)^(n+1) / (n ln 2) rounded.
// float64: 256 / ln 2 rounded; ln 2 / 256 as H (34 significant bits, so that k H is exact for
// |k| < 2^19) and L, the rest rounded.
export const POW_L2_C1H = COS_END;
export const POW_L2_C1L = POW_L2_C1H + 1;
export const POW_L2_C2 = POW_L2_C1H + 2; // C2..C8 in consecutive slots
export const POW_L2_DEGREE = 8;
export const POW_INV_LN2_256 = POW_L2_C2 + POW_L2_DEGREE - 1;
export const POW_LN2_256H = POW_INV_LN2_256 + 1;
export const POW_LN2_256L = POW_INV_LN2_256 + 2;
export const POW_END = POW_LN2_256L + 1;

// cos64's near path (cos.ts), a block of its own: for j = 0..COS_NEAR_STEPS, with the anchor
// B_j = fl(j (pi/512)) (pi the double Math.PI, so that B_256 is Math.PI / 2 and B_512 Math.PI),
// cos(B_j) and sin(B_j) as double-doubles: slots COS64_NEAR + 4j .. 4j + 3 hold cos hi, cos lo,
// sin hi, sin lo. A pad slot (0) when needed keeps the pairs 16-byte aligned for the vector loads.
export const COS64_START = POW_END;
export const COS64_NEAR = COS64_START + (COS64_START & 1);
export const COS64_NEAR_STRIDE = 4;
export const COS64_END = COS64_NEAR + COS64_NEAR_STRIDE * COS_NEAR_SIZE;

// cos64's far reduction (cos.ts), for LIMIT <= |x| < REACH: pi/2 = F1 + F2 + F3 + F4 + F5, where
// F1..F4 have 22 significant bits (so that k * Fi is exact for k < 2^31) and F5 is the rest rounded.
export const COS_FAR = COS64_END;
export const COS_FAR_PIECES = 5;
export const COS_FAR_END = COS_FAR + COS_FAR_PIECES;

/** Slots in all. The generator fails the build unless it filled exactly this many. */
export const CONSTANTS_LENGTH = COS_FAR_END;
