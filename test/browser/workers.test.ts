// In Chromium: four Web Workers compute at the same time the bits the page computes.
import { expect, test } from "vitest";
import { ExponentialDecay, type DType } from "../../src/index.js";

test("four Web Workers compute the page's bits at the same time", async () => {
  const jobs = [0, 1, 2, 3].map((w) => ({ dtype: (w % 2 ? "float64" : "float32") as DType, start: w * 123457 }));
  const results = await Promise.all(
    jobs.map(
      (job) =>
        new Promise<{ range: Float32Array | Float64Array; values: Float32Array | Float64Array }>((resolve, reject) => {
          const worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
          worker.onmessage = (e) => {
            resolve(e.data);
            worker.terminate();
          };
          worker.onerror = (e) => reject(new Error(e.message));
          worker.postMessage(job);
        }),
    ),
  );
  results.forEach(({ range, values }, w) => {
    const { dtype, start } = jobs[w]!;
    const s = new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 997, decayRate: 0.9, dtype });
    expect(range).toEqual(s.range(start, start + 300000));
    expect(values).toEqual(s.evaluate(Float64Array.from({ length: 100000 }, (_, i) => ((i * 7919) % 1000003) + i / 13)));
  });
});
