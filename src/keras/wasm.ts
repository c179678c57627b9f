/**
 * The Wasm module of Keras' schedules: every kernel in assembly/keras/, built by
 * scripts/build-wasm.mjs. Importing a Keras schedule loads it (src/core/wasm.ts); no other
 * framework's kernels come with it.
 */
import { type Kernel, SCALAR_WASM, SIMD_WASM } from "../generated/wasm/keras.js";
import { WasmModule } from "../core/wasm.js";

export const KERAS = new WasmModule<Kernel>("keras", { scalar: SCALAR_WASM, simd: SIMD_WASM });
