/**
 * One chunk loop for every backend: an Engine (the Wasm kernel in wasm.ts, or the JS twin here)
 * computes a chunk and lists the elements it could not round; this loop fills those in exactly
 * and moves the chunk into the caller's array.
 */
import * as twin from "../assembly/exponentialDecay.twin.js";
import { describe } from "./validate.js";
import { readSteps, type Steps } from "./steps.js";
import type { DType, FloatArray } from "./types.js";
import type { KernelName, KernelParams } from "./wasm.js";

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
}

export interface Job {
  readonly kernel: KernelName;
  readonly dtype: DType;
  /** The first step of a range (unused for steps). */
  readonly start: number;
  /** The kernel's arguments after n: assembly/exponentialDecay.ts. */
  readonly params: KernelParams;
  /** The steps, or null for the range start, start + 1, ... */
  readonly steps: Steps | null;
  readonly out: FloatArray;
  /** The exact result at a step whose rounding the fast path left undecided. */
  readonly resolve: (step: number) => number;
}

export function runBatch(engine: Engine, job: Job): void {
  const n = job.out.length;
  for (let from = 0; from < n; from += engine.chunkLength) {
    const length = Math.min(engine.chunkLength, n - from);
    const r = engine.chunk(job, from, length);
    if (r.count < 0) {
      const i = from - 1 - r.count;
      throw new RangeError(`Argument \`steps\` must hold finite numbers. Received: steps[${i}]=${describe(job.steps![i])}`);
    }
    for (let h = 0; h < r.count; h++) {
      const i = r.hard[h]!;
      r.out[i] = job.resolve(r.steps !== null ? r.steps[i]! : job.start + from + i);
    }
    if (r.out.buffer !== job.out.buffer) job.out.set(r.out, from);
  }
}

type TwinFn = (
  steps: Float64Array | null, start: number, out: FloatArray, hard: Int32Array, n: number, ...params: KernelParams
) => number;

/** The pure-JS engine: the twins of the kernels, writing straight into the caller's array. */
class Twin implements Engine {
  readonly chunkLength = 1 << 16;
  private readonly hard = new Int32Array(this.chunkLength);
  private readonly buffer = new Float64Array(this.chunkLength);

  chunk(job: Job, from: number, length: number): ChunkResult {
    const steps = job.steps;
    let view: Float64Array | null = null;
    if (steps instanceof Float64Array) view = steps.subarray(from, from + length);
    else if (steps !== null) {
      view = this.buffer.subarray(0, length);
      readSteps(steps, from, view, job.dtype);
    }
    const out = job.out.subarray(from, from + length);
    const count = (twin[job.kernel] as TwinFn)(view, job.start + from, out, this.hard, length, ...job.params);
    return { count, steps: view, out, hard: this.hard };
  }
}

export const jsEngine: Engine = new Twin();
