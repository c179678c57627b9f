/**
 * The elementwise passes of the torch schedulers' batches, on the torch Wasm module (or the JS
 * twins): each runs through core/batch.ts's runBatch, which decides every undecided element
 * exactly before the caller reads the chunk.
 */
import * as cosineAnnealingParams from "../../assembly/torch/cosineAnnealingLR.params.js";
import * as cosineAnnealingTwin from "../../assembly/torch/cosineAnnealingLR.twin.js";
import * as runParams from "../../assembly/torch/cosineAnnealingRun.params.js";
import * as cosinesTwin from "../../assembly/torch/cosines.twin.js";
import * as powersParams from "../../assembly/torch/powers.params.js";
import * as powersTwin from "../../assembly/torch/powers.twin.js";
import * as warmRestartsParams from "../../assembly/torch/warmRestarts.params.js";
import * as warmRestartsTwin from "../../assembly/torch/warmRestarts.twin.js";
import { jsEngine, paramsOf, type Plan, runBatch, type TwinKernel } from "../core/batch.js";
import type { Backend } from "../core/types.js";
import type { WasmModule } from "../core/wasm.js";
import { cos, cosUndecided, mod, PI, pow } from "./python.js";
import { CHUNK } from "./track.js";
import { TORCH } from "./wasm.js";

/** A kernel of a module by its name, checked against the module's exports by the type check. */
function kernel<K extends string>(module: WasmModule<K>, name: K): Plan["kernel"] {
  return { module, name };
}

/**
 * Runs a float64 Plan (core/batch.ts: a kernel of a framework's Wasm module, its twin, its
 * parameters, its exact `at`) over the range start, start + 1, ... (or over `steps`) into out, on
 * the backend asked for, every undecided element decided exactly: what a LambdaBatch's fill calls
 * with its own plan (LambdaLR's extension point, for Hugging Face's schedules).
 */
export function runPlan(plan: Plan, start: number, out: Float64Array, backend: Backend, steps: Float64Array | null = null): void {
  const k = plan.kernel === null || backend === "js" ? null : plan.kernel.module.kernelFor(backend, out.length);
  runBatch(k ?? jsEngine, { plan, dtype: "float64", steps, start, out });
}

/**
 * Runs a Plan whose kernel carries a chain (a recursion's lr) in parameter slot `slot`: chunk by
 * chunk, each starting from the last element of the one before (`lr` for the first), so that no
 * chunk of the engine starts from a stale slot. Returns the last element. No element of such a
 * kernel is undecided (only IEEE operations): `plan.at` is never called.
 */
export function runChain(plan: Plan, slot: number, lr: number, start: number, out: Float64Array, backend: Backend): number {
  const k = plan.kernel === null || backend === "js" ? null : plan.kernel.module.kernelFor(backend, out.length);
  const engine = k ?? jsEngine;
  const params = plan.params;
  for (let from = 0; from < out.length; from += engine.chunkLength) {
    const view = out.subarray(from, Math.min(out.length, from + engine.chunkLength));
    params[slot] = lr;
    runBatch(engine, { plan, dtype: "float64", steps: null, start: start + from, out: view });
    lr = view[view.length - 1]!;
  }
  return lr;
}

const NO_PARAMS = new Float64Array(0);

/** out[i] = math.cos(x[i]), correctly rounded, for i in [0, n). */
export function cosinesOf(x: Float64Array, n: number, out: Float64Array, backend: Backend): void {
  runPlan(
    { kernel: kernel(TORCH, "cosines64"), twin: cosinesTwin.cosines64 as TwinKernel, params: NO_PARAMS, at: cos },
    0,
    out.subarray(0, n),
    backend,
    x.subarray(0, n),
  );
}

/** out[i] = x[i] ** y (C's pow), correctly rounded, for i in [0, n). */
export function powersOf(x: Float64Array, y: number, n: number, out: Float64Array, backend: Backend): void {
  runPlan(
    { kernel: kernel(TORCH, "powers64"), twin: powersTwin.powers64 as TwinKernel, params: paramsOf(powersParams, { Y: y }), at: (b) => pow(b, y) },
    0,
    out.subarray(0, n),
    backend,
    x.subarray(0, n),
  );
}

/** out[i] = math.cos(math.pi * (t0 + i) / tMax), correctly rounded, for i in [0, n). */
export function cosines(tMax: number, t0: number, n: number, out: Float64Array, backend: Backend): void {
  runPlan(
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

/**
 * CosineAnnealingLR's Track.run (track.ts): the lr after steps from .. from + n - 1, starting from
 * `lr`, into out[t - first] where t >= first (out null: none), returning the last; `add` is the
 * restart's operand. The run kernel (assembly/torch/cosineAnnealingLR.ts' cosineAnnealingRun64)
 * scans a chunk from its cosines in the pass that computes the next chunk's, which keeps the scan's
 * chain of dependent operations in the shadow of the cosines' independent ones; the next chunk's
 * undecided cosines are decided here, between the calls, before the scan reads them. The same
 * operations as the fill and the scan (ops.ts), so the same bits. `pre` and `post` multiply the lr
 * before and after each step: ExponentialLR's gamma chained before or after it (ChainedScheduler),
 * PyTorch's two steps in its order; 1 leaves every bit as it is.
 */
export function cosineAnnealingRun(
  tMax: number, eta: number, add: number, from: number, n: number, lr: number, out: Float64Array | null, first: number, backend: Backend,
  pre = 1, post = 1,
): number {
  if (n <= 0) return lr;
  // pre = post = 1: the kernel without the products (the same bits: x * 1 is x).
  const scaled = pre !== 1 || post !== 1;
  const name = scaled ? "cosineAnnealingRunScaled64" : "cosineAnnealingRun64";
  const plan: Plan = {
    kernel: kernel(TORCH, name),
    twin: (scaled ? cosineAnnealingTwin.cosineAnnealingRunScaled64 : cosineAnnealingTwin.cosineAnnealingRun64) as TwinKernel,
    // The lr and 1 + the cosine of the step before `from`, carried from call to call by the kernel.
    params: paramsOf(runParams, {
      T: tMax, PI, ETA: eta, ADD: add, PERIOD: Math.min(2 * tMax, 2 ** 30), RESTART: -1, LR: lr, DEN: 1 + cos((PI * (from - 1)) / tMax), COS_N: 0, HALF: 0,
      PRE: pre, POST: post,
    }),
    // Only the kernel's undecided cosines come here: straight to the exact path.
    at: (t) => cosUndecided((PI * t) / tMax),
  };
  const engine = (backend === "js" ? null : TORCH.kernelFor(backend, n)) ?? jsEngine;
  // Chunks of m steps: the steps region holds a chunk's cosines in its first m elements, the next
  // chunk's arguments from m on (and a chunk of CHUNK keeps both, and out, in the processor's cache).
  const m = Math.min(engine.chunkLength >> 1, CHUNK);
  const r = engine.region(plan);
  r.params.set(plan.params);
  r.params[runParams.HALF] = m;
  /** Runs the kernel on the chunk at s of `length` steps, and decides the next chunk's undecided cosines. */
  const call = (s: number, length: number, next: number): void => {
    r.params[runParams.COS_N] = next;
    const restart = mod(tMax + 1 - s, 2 * tMax);
    r.params[runParams.RESTART] = restart < length ? restart : -1;
    const count = r.call(s, length);
    if (count < 0) throw new Error(`${name}: a non-finite argument at step ${s + length - 1 - count}`);
    for (let h = 0; h < count; h++) r.steps[r.hard[h]!] = plan.at(s + length + r.hard[h]!);
  };
  call(from, 0, Math.min(m, n));
  for (let s = from; s < from + n; s += m) {
    const length = Math.min(m, from + n - s);
    call(s, length, Math.min(m, from + n - s - length));
    if (out === null) continue;
    const skip = Math.min(length, Math.max(0, first - s));
    if (skip < length) out.set(r.out.subarray(skip, length), s + skip - first);
  }
  return r.params[runParams.LR]!;
}

/**
 * CosineAnnealingWarmRestarts in one cycle: out[i] = eta + ((base - eta) * (1 + math.cos(math.pi *
 * (tCur + i) / tI))) / 2, for T_cur = tCur + i below tI; `at(T_cur)` is the exact value, for the
 * elements whose cosine the kernel leaves undecided.
 */
export function warmRestarts(tI: number, tCur: number, base: number, eta: number, out: Float64Array, backend: Backend, at: (tCur: number) => number): void {
  runPlan(
    {
      kernel: kernel(TORCH, "warmRestarts64"),
      twin: warmRestartsTwin.warmRestarts64 as TwinKernel,
      params: paramsOf(warmRestartsParams, { TI: tI, PI, BASE: base, ETA: eta }),
      at,
    },
    tCur,
    out,
    backend,
  );
}

const scratches: Float64Array[] = [];

/**
 * Scratch array `k` of at least n elements, shared by the fills (each fill uses its arrays before
 * it returns, and fills do not nest).
 */
export function scratch(k: number, n: number): Float64Array {
  let a = scratches[k];
  if (a === undefined || a.length < n) a = scratches[k] = new Float64Array(Math.max(n, 4096));
  return a;
}
