// A Web Worker that computes a schedule with the library and posts the results back.
import { ExponentialDecay, ready } from "../../src/index.js";

self.onmessage = async (event: MessageEvent<{ dtype: "float32" | "float64"; start: number }>) => {
  await ready();
  const { dtype, start } = event.data;
  const s = new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 997, decayRate: 0.9, dtype });
  const range = s.range(start, start + 300000);
  const values = s.evaluate(Float64Array.from({ length: 100000 }, (_, i) => ((i * 7919) % 1000003) + i / 13));
  (self as unknown as Worker).postMessage({ range, values }, [range.buffer, values.buffer]);
};
