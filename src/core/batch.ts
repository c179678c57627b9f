/**
 * One chunk loop for every backend and every schedule: an Engine (the Wasm kernel in wasm.ts, or
 * the JS twin here) runs a schedule's kernel on a chunk and lists the elements it could not round;
 * this loop fills those in exactly and moves the chunk into the caller's array.
 */
import { readSteps, type Steps } from "./steps.js";
import type { Backend, DType, FloatArray } from "./types.js";
import { describe } from "./validate.js";
import type { WasmModule } from "./wasm.js";

/**
 * A kernel's JS twin, with the Wasm kernels' calling convention (assembly/abi.ts) on typed arrays:
 * reads n steps (or the range start, start + 1, ... when steps is null), writes n results to out,
 * writes the indices it could not round to hard and returns their count, or -1 - i when step i is
 * not finite.
 */
export type TwinKernel = (
  params: Float64Array, steps: Float64Array | null, start: number, out: FloatArray, hard: Int32Array, n: number,
) => number;

/** How a schedule computes in one dtype. */
export interface Plan {
  /**
   * The Wasm kernel that computes a chunk (its module and export name: kernelOf in wasm.ts), or null
   * to always use the twin (a schedule of one's own).
   */
  readonly kernel: { readonly module: WasmModule; readonly name: string } | null;
  /** The kernel's JS twin. */
  readonly twin: TwinKernel;
  /** The kernel's parameter block (assembly/abi.ts). */
  readonly params: Float64Array;
  /** The exact result at one step (a number as the dtype reads it): single calls and undecided elements. */
  readonly at: (step: number) => number;
  /**
   * Fills `out` with the range start, start + 1, ... faster than any kernel can (a staircase, run by
   * run), and returns true; or returns false to leave it to the kernel. Backend "auto" only.
   */
  readonly fill?: (start: number, out: FloatArray) => boolean;
  /**
   * What the kernel's -1 - i means, for the error: the rule steps[i] broke ("finite numbers" when
   * not given; optax's schedules take int32 counts).
   */
  readonly stepRule?: string;
  /**
   * Computes the whole batch itself, instead of a kernel chunk by chunk: a schedule made of others
   * (optax's join_schedules) runs each piece's own batches on its steps. The options are checked.
   */
  readonly run?: (batch: { steps: Steps | null; start: number; out: FloatArray; backend: Backend }) => void;
}

/**
 * A kernel's parameter block, from its slot declaration (assembly/<framework>/<kernel>.params.ts,
 * imported whole: `import * as P from ".../cosineDecay.params.js"`) and a value for every slot by
 * name: the type check refuses a missing or unknown slot, so the kernel, its twin and the facade
 * cannot disagree on where a parameter is. Booleans become 0 or 1; `tail` follows the declared
 * slots (a variable-length block, as PiecewiseConstantDecay's boundaries and values).
 */
export function paramsOf<L extends { readonly SLOTS: number }>(
  layout: L, values: { readonly [K in Exclude<keyof L, "SLOTS">]: number | boolean }, tail: ArrayLike<number> = [],
): Float64Array {
  const params = new Float64Array(layout.SLOTS + tail.length);
  const slots = layout as unknown as Record<string, number>;
  for (const [key, value] of Object.entries(values as Record<string, number | boolean>)) params[slots[key]!] = +value;
  params.set(tail, layout.SLOTS);
  return params;
}

/** A batch: a plan, and the steps and output it runs on. */
export interface Job {
  readonly plan: Plan;
  readonly dtype: DType;
  /** The first step of a range (unused for steps). */
  readonly start: number;
  /** The steps, or null for the range start, start + 1, ... */
  readonly steps: Steps | null;
  readonly out: FloatArray;
}

export interface ChunkResult {
  /** Undecided elements (their indices are hard[0 .. count)), or -1 - index of a non-finite step. */
  readonly count: number;
  /** The chunk's steps as float64, or null for a range. */
  readonly steps: Float64Array | null;
  readonly out: FloatArray;
  readonly hard: Int32Array;
}

export interface Engine {
  readonly chunkLength: number;
  /** Computes job's elements [from, from + length). */
  chunk(job: Job, from: number, length: number): ChunkResult;
  /**
   * The scratch region, for a float64 kernel that keeps state in it from one call to the next (a
   * pipelined chain: src/torch/kernels.ts' cosineAnnealingRun). The views stay valid until another
   * chunk or region of this engine is asked for.
   */
  region(plan: Plan): Region;
}

/**
 * A float64 kernel's scratch region, held across calls: `params` (plan.params' slots, which the
 * caller sets and the kernel may write), `steps` and `out` of chunkLength elements each and `hard`.
 * call() runs the plan's kernel on them: (params, steps, start, out, hard, n), the count returned.
 */
export interface Region {
  readonly params: Float64Array;
  readonly steps: Float64Array;
  readonly out: Float64Array;
  readonly hard: Int32Array;
  call(start: number, n: number): number;
}

/**
 * Runs a plan's batch on the engine the backend names: its own run if it has one, its run-by-run
 * fill for a range on backend "auto" where it has one, else its kernel (or twin) chunk by chunk.
 */
export function execute(plan: Plan, backend: Backend, job: Omit<Job, "plan">): void {
  if (plan.run !== undefined) return plan.run({ steps: job.steps, start: job.start, out: job.out, backend });
  // A run-by-run fill is the "auto" backend's; a named backend always runs its own kernel.
  if (job.steps === null && backend === "auto" && plan.fill?.(job.start, job.out)) return;
  const kernel = plan.kernel === null || backend === "js" ? null : plan.kernel.module.kernelFor(backend, job.out.length);
  runBatch(kernel ?? jsEngine, { plan, ...job });
}

export function runBatch(engine: Engine, job: Job): void {
  const n = job.out.length;
  for (let from = 0; from < n; from += engine.chunkLength) {
    const length = Math.min(engine.chunkLength, n - from);
    const r = engine.chunk(job, from, length);
    if (r.count < 0) {
      const i = from - 1 - r.count;
      const value = job.steps === null ? job.start + i : job.steps[i];
      throw new RangeError(`Argument \`steps\` must hold ${job.plan.stepRule ?? "finite numbers"}. Received: steps[${i}]=${describe(value)}`);
    }
    for (let h = 0; h < r.count; h++) {
      const i = r.hard[h]!;
      r.out[i] = job.plan.at(r.steps !== null ? r.steps[i]! : job.start + from + i);
    }
    if (r.out.buffer !== job.out.buffer) job.out.set(r.out, from);
  }
}

/** The pure-JS engine: the twins of the kernels, writing straight into the caller's array. */
class Twin implements Engine {
  readonly chunkLength = 1 << 16;
  private readonly hard = new Int32Array(this.chunkLength);
  private readonly buffer = new Float64Array(this.chunkLength);
  private own: { steps: Float64Array; out: Float64Array } | null = null;

  region(plan: Plan): Region {
    // The twin's params are the plan's own array; steps and out are made once.
    const own = (this.own ??= { steps: new Float64Array(this.chunkLength), out: new Float64Array(this.chunkLength) });
    const { params, twin } = plan;
    return { params, ...own, hard: this.hard, call: (start, n) => twin(params, own.steps, start, own.out, this.hard, n) };
  }

  chunk(job: Job, from: number, length: number): ChunkResult {
    const steps = job.steps;
    let view: Float64Array | null = null;
    if (steps instanceof Float64Array) view = steps.subarray(from, from + length);
    else if (steps !== null) {
      view = this.buffer.subarray(0, length);
      readSteps(steps, from, view, job.dtype);
    }
    const out = job.out.subarray(from, from + length);
    const count = job.plan.twin(job.plan.params, view, job.start + from, out, this.hard, length);
    return { count, steps: view, out, hard: this.hard };
  }
}

export const jsEngine: Engine = new Twin();
