/**
 * The elementwise passes of the torch schedulers' batches, on the torch Wasm module (or the JS
 * twins): each runs through core/batch.ts's runBatch, which decides every undecided element
 * exactly before the caller reads the chunk.
 */
import * as cosineAnnealingParams from "../../assembly/torch/cosineAnnealingLR.params.js";
import * as cosineAnnealingTwin from "../../assembly/torch/cosineAnnealingLR.twin.js";
import { jsEngine, paramsOf, type Plan, runBatch, type TwinKernel } from "../core/batch.js";
import type { Backend } from "../core/types.js";
import type { WasmModule } from "../core/wasm.js";
import { cos, PI } from "./python.js";
import { TORCH } from "./wasm.js";

/** A kernel of a module by its name, checked against the module's exports by the type check. */
function kernel<K extends string>(module: WasmModule<K>, name: K): Plan["kernel"] {
  return { module, name };
}

function run(plan: Plan, start: number, out: Float64Array, backend: Backend): void {
  const k = plan.kernel === null || backend === "js" ? null : plan.kernel.module.kernelFor(backend, out.length);
  runBatch(k ?? jsEngine, { plan, dtype: "float64", steps: null, start, out });
}

/** out[i] = math.cos(math.pi * (t0 + i) / tMax), correctly rounded, for i in [0, n). */
export function cosines(tMax: number, t0: number, n: number, out: Float64Array, backend: Backend): void {
  run(
    {
      kernel: kernel(TORCH, "cosineAnnealingLR64"),
      twin: cosineAnnealingTwin.cosineAnnealingLR64 as TwinKernel,
      params: paramsOf(cosineAnnealingParams, { T: tMax, PI }),
      at: (t) => cos((PI * t) / tMax),
    },
    t0,
    out.subarray(0, n),
    backend,
  );
}
