/** The float format of a computation: "float32" as Keras with a plain-number learning rate. */
export type DType = "float32" | "float64";

/**
 * Who computes a batch. Every backend returns the same bits, so this only changes speed.
 * - "auto": the Wasm kernel once it is loaded (SIMD where supported), the JS twin before that and
 *   for tiny batches.
 * - "wasm": the loaded Wasm kernel; an error before `ready()` has resolved.
 * - "wasm-simd", "wasm-scalar": one build of the kernel, for benchmarks and tests.
 * - "js": the pure-JavaScript twin of the kernel.
 */
export type Backend = "auto" | "wasm" | "wasm-simd" | "wasm-scalar" | "js";

export type FloatArray = Float32Array | Float64Array;

/** Options of the batch methods; none of them is part of the Keras config. */
export interface BatchOptions {
  /** Defaults to the schedule's dtype. */
  dtype?: DType;
  /** Defaults to "auto". */
  backend?: Backend;
  /** An array to fill instead of allocating one: a Float32Array or Float64Array as dtype says. */
  out?: FloatArray;
}

/** The array type of a dtype's results: Float32Array for "float32", Float64Array for "float64". */
export type ArrayFor<D extends DType> = [D] extends ["float32"] ? Float32Array : [D] extends ["float64"] ? Float64Array : FloatArray;
