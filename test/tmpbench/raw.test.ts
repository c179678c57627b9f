import { test } from "vitest";
import { readFileSync } from "node:fs";
import { instantiateSync } from "@assemblyscript/loader";
import { CONSTANTS } from "../../src/generated/constants.js";
test("raw", () => {
  for (const m of ["optax", "keras"]) {
    const ex = instantiateSync(readFileSync(`build/${m}.simd.wasm`), {}).exports as any;
    new Float64Array(ex.memory.buffer, ex.constants(), CONSTANTS.length).set(CONSTANTS);
    const n = 65536;
    const base = ex.reserve(64 * 8 + n * 20);
    const params = new Float64Array(ex.memory.buffer, base, 64);
    const out = base + 64 * 8 + n * 8;
    const hard = out + n * 8;
    let fn: (...a: number[]) => number;
    if (m === "optax") { params.set([Math.fround(0.099), Math.fround(0.001), 1e6, 1e6, 0, 1, 1]); fn = ex.polynomialSchedule32; }
    else { params.set([1e6, Math.fround(0.001), 1, Math.fround(0.099), 0]); fn = ex.polynomialDecay32; }
    for (let w = 0; w < 50; w++) fn(base, 0, w * n, out, hard, n);
    const t0 = performance.now();
    for (let r = 0; r < 15; r++) fn(base, 0, r * n, out, hard, n);
    console.log(m, ((performance.now() - t0) / 15 / n * 1e6).toFixed(2), "ms per 1e6");
  }
});
