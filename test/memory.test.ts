// Memory and concurrency: many batch calls leave Wasm memory flat after warm-up and stay
// exact; requests too large fail with a RangeError and the library keeps working; worker threads
// compute the same bits at the same time.
import { Worker } from "node:worker_threads";
import { afterAll, describe, expect, test } from "vitest";
import { ExponentialDecay, type Backend, type DType } from "../src/index.js";
import { setChunkLengthForTesting } from "../src/core/wasm.js";
import { KERAS } from "../src/keras/wasm.js";

function sameBits(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

describe("10,000 batch calls", () => {
  test("of sizes 0 to 1e7: Wasm memory stops growing after warm-up and every result is exact", () => {
    let seed = 42;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const special = [0, 1, 2, 3, 4, 5, 7, 31, 32, 33, 65521, 65535, 65536, 65537, 131071, 131072, 131073, 100003];
    const big = [1_000_000, 3_000_017, 10_000_000];
    const kernels = [KERAS.kernelFor("wasm-simd", 1)!, KERAS.kernelFor("wasm-scalar", 1)!];
    const schedules = [0.96, 0.5, 1e-3].flatMap((rate) =>
      (["float32", "float64"] as DType[]).map((dtype) => new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 777, decayRate: rate, dtype })),
    );
    let peak = 0;
    let afterWarmUp = 0;
    let elements = 0;
    for (let call = 0; call < 10_000; call++) {
      const r = random();
      const n = call % 2500 === 1 ? big[((call / 2500) | 0) % big.length]! : r < 0.7 ? Math.floor(random() * 300) : r < 0.9 ? special[Math.floor(random() * special.length)]! : Math.floor(random() * 1e5);
      const s = schedules[call % schedules.length]!;
      const backend: Backend = (["wasm-simd", "wasm-scalar", "js"] as Backend[])[call % 3]!;
      const reference: Backend = backend === "js" ? "wasm-simd" : "js";
      const start = Math.floor(random() * 2e6) - 1e6;
      let result: ArrayLike<number>;
      let expected: ArrayLike<number>;
      if (call % 2 === 0) {
        result = s.range(start, start + n, { backend });
        expected = s.range(start, start + n, { backend: reference });
      } else {
        const steps = new Float64Array(n).map(() => start + Math.floor(random() * 1e6) + (random() < 0.3 ? random() : 0));
        result = s.evaluate(steps, { backend });
        expected = s.evaluate(steps, { backend: reference });
      }
      if (!sameBits(result, expected)) throw new Error(`call ${call}: ${backend} and ${reference} differ for n=${n}`);
      elements += n;
      const memory = kernels.reduce((sum, k) => sum + k.memoryBytes, 0);
      peak = Math.max(peak, memory);
      if (call === 100) afterWarmUp = memory;
      if (call > 100) expect(memory).toBe(afterWarmUp);
    }
    console.log(`10,000 calls, ${elements.toLocaleString("en-US")} elements: Wasm memory peak ${(peak / 2 ** 20).toFixed(2)} MiB (both kernels), flat after warm-up`);
    expect(peak).toBeLessThan(4 * 2 ** 20);
  });
});

describe("requests too large", () => {
  afterAll(() => setChunkLengthForTesting(1 << 16));

  test("an output array that cannot be allocated is a RangeError, and the library keeps working", () => {
    const s = new ExponentialDecay(0.1, 1000, 0.96);
    expect(() => s.range(0, 2 ** 53)).toThrow(RangeError);
    expect(() => s.range(0, 2 ** 53)).toThrow("Cannot allocate a float32 array of 9007199254740992 elements");
    expect(() => s.evaluate({ length: 2 ** 32 + 1 } as never)).toThrow(TypeError);
    expect(s.range(0, 5)).toEqual(new Float32Array([s(0), s(1), s(2), s(3), s(4)]));
  });

  test("Wasm memory that cannot grow is a RangeError, and the kernel keeps working", () => {
    const s = new ExponentialDecay(0.1, 1000, 0.96);
    // A scratch region of 2^28 elements needs 5 GiB, beyond 32-bit Wasm's 4 GiB.
    setChunkLengthForTesting(1 << 28);
    expect(() => s.range(0, 10, { backend: "wasm-simd" })).toThrow(RangeError);
    expect(() => s.range(0, 10, { backend: "wasm-simd" })).toThrow("Cannot grow Wasm memory");
    setChunkLengthForTesting(1 << 16);
    expect(s.range(0, 100_000, { backend: "wasm-simd" })).toEqual(s.range(0, 100_000, { backend: "js" }));
  });
});

describe("worker threads", () => {
  test("four workers compute at the same time the bits the main thread computes", async () => {
    // The built package, as an application's workers would load it (npm test builds it first).
    const url = new URL("../dist/index.js", import.meta.url).href;
    const code = `
      const { parentPort, workerData } = require("node:worker_threads");
      import(${JSON.stringify(url)}).then(async ({ ExponentialDecay, ready }) => {
        await ready();
        const s = new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 997, decayRate: 0.9, dtype: workerData.dtype });
        const range = s.range(workerData.start, workerData.start + 300000);
        const steps = new Float64Array(100000).map((_, i) => (i * 7919) % 1000003 + i / 13);
        const values = s.evaluate(steps);
        parentPort.postMessage({ range, values }, [range.buffer, values.buffer]);
      });`;
    const jobs = [0, 1, 2, 3].map((w) => ({ dtype: (w % 2 ? "float64" : "float32") as DType, start: w * 123457 }));
    const results = await Promise.all(
      jobs.map(
        (workerData) =>
          new Promise<{ range: Float32Array | Float64Array; values: Float32Array | Float64Array }>((resolve, reject) => {
            const worker = new Worker(code, { eval: true, workerData });
            worker.once("message", (m) => {
              resolve(m);
              void worker.terminate();
            });
            worker.once("error", reject);
          }),
      ),
    );
    results.forEach(({ range, values }, w) => {
      const { dtype, start } = jobs[w]!;
      const s = new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 997, decayRate: 0.9, dtype });
      expect(sameBits(range, s.range(start, start + 300000))).toBe(true);
      expect(sameBits(values, s.evaluate(new Float64Array(100000).map((_, i) => (i * 7919) % 1000003 + i / 13)))).toBe(true);
    });
  });
});
