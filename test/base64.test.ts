import { afterEach, describe, expect, test, vi } from "vitest";
import { bytesOfBase64, float64sOfBase64, LITTLE_ENDIAN_HOST } from "../src/core/base64.js";

/** Bytes 0..255 in a scrambled order, then a tail of each length mod 3 (base64's three paddings). */
function sampleBytes(length: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 167 + 13) & 255);
}

const base64Of = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");

describe("base64 decoding", () => {
  afterEach(() => vi.unstubAllGlobals());

  for (const where of ["Buffer", "atob"] as const)
    test(`bytesOfBase64 gives the bytes, in an ArrayBuffer of their own (${where})`, () => {
      const expected = [0, 1, 2, 3, 4, 255, 256, 257, 35_563].map(sampleBytes);
      const encoded = expected.map(base64Of);
      if (where === "atob") vi.stubGlobal("Buffer", undefined); // as in a browser without Uint8Array.fromBase64
      const decoded = encoded.map(bytesOfBase64);
      vi.unstubAllGlobals();
      decoded.forEach((bytes, i) => {
        expect(bytes.byteOffset).toBe(0);
        expect(bytes.buffer.byteLength).toBe(expected[i]!.length);
        expect(Buffer.from(bytes).equals(Buffer.from(expected[i]!)), `${expected[i]!.length} bytes`).toBe(true);
      });
    });

  test("float64sOfBase64 reads little-endian doubles bit for bit, on either kind of host", () => {
    const values = new Float64Array([0, -0, 1, -1.5, 5e-324, -5e-324, 2.2250738585072014e-308, Number.MAX_VALUE, Infinity, -Infinity, Math.PI, 0.1]);
    const bytes = Buffer.alloc(values.length * 8);
    values.forEach((x, i) => bytes.writeDoubleLE(x, 8 * i));
    const base64 = bytes.toString("base64");
    expect(LITTLE_ENDIAN_HOST).toBe(true); // x86 and ARM, as every engine the tests run
    for (const littleEndianHost of [true, false]) {
      const decoded = float64sOfBase64(base64, littleEndianHost);
      expect(decoded.length).toBe(values.length);
      for (let i = 0; i < values.length; i++) expect(Object.is(decoded[i], values[i]), `element ${i}`).toBe(true);
    }
  });

  test("float64sOfBase64 refuses bytes that are not whole doubles", () => {
    expect(() => float64sOfBase64(base64Of(sampleBytes(12)))).toThrow(RangeError);
  });
});
