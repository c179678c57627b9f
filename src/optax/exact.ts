/**
 * The correctly rounded functions as a schedule's exact value takes them: the fast path of
 * assembly/numerics/ (the kernels' twins), and where it cannot decide, the BigInt Ziv loops of
 * src/exact/. Used for single counts and for the elements a kernel left undecided.
 */
import { cos32, cos64 } from "../../assembly/numerics/cos.twin.js";
import { pow32, pow64 } from "../../assembly/numerics/exp2.twin.js";
import { powv32, powv64 } from "../../assembly/numerics/pow.twin.js";
import { wasUndecided } from "../../assembly/numerics/undecided.twin.js";
import type { DType } from "../core/types.js";
import { BINARY32, BINARY64 } from "../exact/binary.js";
import { cosCorrectlyRounded } from "../exact/cos.js";
import { powCorrectlyRounded, powSignedCorrectlyRounded } from "../exact/pow.js";

/** R(x): x as the dtype holds it (JAX converts each Python number once). */
export function rounder(dtype: DType): (x: number) => number {
  return dtype === "float64" ? (x) => x : Math.fround;
}

/** cos(x), correctly rounded to the dtype. */
export function exactCos(dtype: DType): (x: number) => number {
  return dtype === "float64"
    ? (x) => {
        const v = cos64(x);
        return wasUndecided() ? cosCorrectlyRounded(x, BINARY64) : v;
      }
    : (x) => {
        const v = cos32(x);
        return wasUndecided() ? cosCorrectlyRounded(x, BINARY32) : v;
      };
}

/** pow(x, y) with a varying base, correctly rounded to the dtype. */
export function exactPow(dtype: DType): (x: number, y: number) => number {
  return dtype === "float64"
    ? (x, y) => {
        const v = powv64(x, y);
        return wasUndecided() ? powSignedCorrectlyRounded(x, y, BINARY64) : v;
      }
    : (x, y) => {
        const v = powv32(x, y);
        return wasUndecided() ? powSignedCorrectlyRounded(x, y, BINARY32) : v;
      };
}

/** r^p for a fixed base r >= 0 (log2 r given as l1 + l2 to the fast path), correctly rounded to the dtype. */
export function exactFixedPow(r: number, dtype: DType): (p: number, l1: number, l2: number) => number {
  return dtype === "float64"
    ? (p, l1, l2) => {
        const v = pow64(p, l1, l2);
        return wasUndecided() ? powCorrectlyRounded(r, p, BINARY64) : v;
      }
    : (p, l1, l2) => {
        const v = pow32(p, l1, l2);
        return wasUndecided() ? powCorrectlyRounded(r, p, BINARY32) : v;
      };
}
