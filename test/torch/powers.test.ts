/**
 * The torch power kernel (assembly/torch/powers.ts and its twin): PolynomialLR's bases ** power,
 * the SIMD build in pairs (powv64x2), undecided or out-of-domain pairs element by element. Every
 * element against the decimal.js oracle (test/keras/cosine.oracle.ts), on every backend.
 */
import { describe, expect, test } from "vitest";
import { powersOf } from "../../src/torch/kernels.js";
import { expectError } from "../expectError.js";
import { oraclePowIEEE } from "../keras/cosine.oracle.js";

const BACKENDS = ["js", "wasm-scalar", "wasm-simd"] as const;

function powersOn(x: Float64Array, y: number, backend: (typeof BACKENDS)[number]): Float64Array {
  const out = new Float64Array(x.length);
  powersOf(x, y, x.length, out, backend);
  return out;
}

/** Indices where the backends' results differ (Object.is) from the oracle's x ** y. */
function check(x: Float64Array, y: number): void {
  const want = x.map((v) => oraclePowIEEE(v, y, "float64"));
  for (const backend of BACKENDS) {
    const got = powersOn(x, y, backend);
    expect([backend, [...got.keys()].filter((i) => !Object.is(got[i], want[i]))]).toEqual([backend, []]);
  }
}

describe("powersOf", () => {
  test("PolynomialLR's bases (T = 997, odd and even counts) to 0.9, 3.7 and -0.25", () => {
    const T = 997;
    for (const y of [0.9, 3.7, -0.25]) {
      const x = Float64Array.from({ length: T - 1 }, (_, i) => (1.0 - (i + 1) / T) / (1.0 - i / T));
      check(x, y);
      check(x.subarray(0, 301), y);
    }
  });

  test("bases out of the pair's domain (0, subnormal, 1, large) beside ordinary ones, at even and odd indices", () => {
    const x = Float64Array.from([0.5, 0, 0.75, 5e-324, 2.2250738585072014e-308, 1, 0.3, 0, 1e300, 0.999999]);
    check(x, 0.9);
    check(x.subarray(1), 2.5);
  });

  test("a non-finite base, at an even or an odd index, is named", () => {
    for (const backend of BACKENDS)
      for (const [i, v] of [[4, NaN], [5, Infinity], [0, -Infinity]] as const) {
        const x = Float64Array.from({ length: 9 }, (_, k) => 0.5 + k * 1e-3);
        x[i] = v;
        expectError(() => powersOn(x, 0.9, backend), RangeError, `Argument \`steps\` must hold finite numbers. Received: steps[${i}]=${v}`);
      }
  });
});
