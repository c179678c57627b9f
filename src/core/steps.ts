/**
 * Reading the caller's steps. Any array-like of numbers or bigints is accepted; nothing is coerced
 * silently (a string in an array is a TypeError naming its index). Shared by both backends.
 */
import { BINARY32, roundDyadic } from "../exact/binary.js";
import type { DType } from "./types.js";
import { describe } from "./validate.js";

export type Steps = ArrayLike<number> | ArrayLike<bigint>;

const MAX_SAFE = 2n ** 53n;

/** Throws a TypeError unless `steps` is an array-like whose length is a valid array length. */
export function checkSteps(steps: unknown): asserts steps is Steps {
  const length = (steps as { length?: unknown } | null)?.length;
  if (
    steps === null ||
    typeof steps !== "object" ||
    typeof length !== "number" ||
    !Number.isInteger(length) ||
    length < 0 ||
    length > 2 ** 32
  ) {
    throw new TypeError(
      `Argument \`steps\` must be an array or typed array of numbers. Received: steps=${describe(steps)}`,
    );
  }
}

type NumericTypedArray =
  | Int8Array | Uint8Array | Uint8ClampedArray | Int16Array | Uint16Array | Int32Array | Uint32Array
  | Float32Array | Float64Array;

/** A typed array whose elements Float64Array.prototype.set converts exactly and without checks. */
function isNumericTypedArray(steps: Steps): steps is NumericTypedArray {
  return ArrayBuffer.isView(steps) && !(steps instanceof BigInt64Array || steps instanceof BigUint64Array);
}

/** A bigint step as the float that `dtype` makes of it: one rounding, as Keras' cast. */
export function bigintStep(b: bigint, dtype: DType): number {
  if (dtype === "float32" && (b > MAX_SAFE || b < -MAX_SAFE)) {
    // Number(b) then fround would round twice; round the integer to float32 directly.
    const v = roundDyadic(b < 0n ? -b : b, 0, BINARY32);
    return b < 0n ? -v : v;
  }
  return Number(b);
}

/**
 * Copies steps[from .. from + dst.length) into dst as float64 values, checking every element's
 * type (finiteness is checked by the kernels, which report the index).
 */
export function readSteps(steps: Steps, from: number, dst: Float64Array, dtype: DType): void {
  if (isNumericTypedArray(steps)) {
    dst.set(steps.subarray(from, from + dst.length));
    return;
  }
  for (let i = 0; i < dst.length; i++) {
    const v: unknown = steps[from + i];
    if (typeof v === "number") dst[i] = v;
    else if (typeof v === "bigint") dst[i] = bigintStep(v, dtype);
    else
      throw new TypeError(
        `Argument \`steps\` must hold numbers or bigints. Received: steps[${from + i}]=${describe(v)}`,
      );
  }
}

