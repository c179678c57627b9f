/**
 * The Wasm module of optax's schedules: every kernel in assembly/optax/, built by
 * scripts/build-wasm.mjs. Importing an optax schedule loads it (src/core/wasm.ts); Keras' kernels
 * do not come with it.
 */
import { type Kernel, SCALAR_WASM, SIMD_WASM } from "../generated/wasm/optax.js";
import { WasmModule } from "../core/wasm.js";

export const OPTAX = new WasmModule<Kernel>("optax", { scalar: SCALAR_WASM, simd: SIMD_WASM });
