// A Vite app that imports lrdecay like any package: no Wasm plugin, no configuration.
import { ExponentialDecay, ready } from "lrdecay";

const schedule = new ExponentialDecay(0.1, 100000, 0.96);
const kernel = await ready();
const values = schedule.range(0, 1_000_000);
document.getElementById("out").textContent = JSON.stringify({
  simd: kernel.simd,
  length: values.length,
  at: [0, 1, 123456, 999999].map((k) => values[k]),
  staircase: new ExponentialDecay(0.1, 3, 0.96, true)(100),
});
