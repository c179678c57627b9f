import { describe, expect, test } from "vitest";
import { ExponentialDecay, KernelNotReadyError, ready } from "../src/index.js";
import { KERAS } from "../src/keras/wasm.js";

describe("the Wasm kernel", () => {
  test("ready() resolves with the build in use: SIMD where supported (Node 20 supports it)", async () => {
    const info = await ready();
    expect(info.simd).toBe(true);
    expect(info.bytes).toBeGreaterThan(1000);
    // A budget against accidental bloat: ExponentialDecay and the numerics fitted 16 KiB; the five
    // other schedules bring their kernels, and the cosine ones link in cos and log in both dtypes;
    // the varying-base power's four- and two-lane forms (PolynomialDecay's general powers) add 6 KiB,
    // float64's vector cosine and CosineDecayRestarts' table loops about 9 KiB.
    expect(info.bytes).toBeLessThan(56 * 1024);
  });

  test("ready() loads once however often it is called", async () => {
    const all = await Promise.all(Array.from({ length: 20 }, () => ready()));
    expect(new Set(all).size).toBe(1);
    expect(ready()).toBe(ready());
  });

  test("backend 'wasm' answers once ready, with the same bits as 'js'", async () => {
    await ready();
    const s = new ExponentialDecay(0.1, 1000, 0.96);
    expect(s.range(0, 5000, { backend: "wasm" })).toEqual(s.range(0, 5000, { backend: "js" }));
  });

  test("ready('wasm-scalar') and ready('wasm-simd') load those builds; an unknown backend is a TypeError", async () => {
    const scalar = await ready("wasm-scalar");
    expect(scalar).toEqual({ simd: false, bytes: expect.any(Number), modules: { keras: scalar.bytes } });
    expect(await ready("wasm-simd")).toEqual({ simd: true, bytes: (await ready()).bytes, modules: { keras: (await ready()).bytes } });
    await expect(ready("gpu" as never)).rejects.toThrow(TypeError);
  });

  test("the not-ready error names the remedy", () => {
    const e = new KernelNotReadyError("simd");
    expect(e).toBeInstanceOf(Error);
    expect(e.message).toBe('The Wasm kernel (simd) is not loaded yet: await ready() first, or use backend "auto" or "js".');
  });

  test("scratch memory is reused: batches of any size leave Wasm memory at one chunk's worth", () => {
    const s = new ExponentialDecay(0.1, 1000, 0.96);
    for (const backend of ["wasm-simd", "wasm-scalar"] as const) {
      const kernel = KERAS.kernelFor(backend, 1)!;
      const expected = s.range(0, 300_000, { backend: "js", dtype: "float64" });
      s.range(0, 300_000, { backend, dtype: "float64" });
      const after = kernel.memoryBytes;
      expect(after).toBeLessThan(2 * 1024 * 1024); // 1.25 MiB of scratch plus the constants
      for (const n of [1, 2, 65535, 65536, 65537, 300_000]) {
        expect(s.range(0, n, { backend, dtype: "float64" })).toEqual(expected.subarray(0, n));
        expect(s.evaluate(new Int32Array(n).map((_, i) => i), { backend, dtype: "float64" })).toEqual(expected.subarray(0, n));
      }
      expect(kernel.memoryBytes).toBe(after);
    }
  });
});

