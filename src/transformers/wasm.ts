/**
 * The Wasm module of Hugging Face's schedules: every kernel in assembly/transformers/, built by
 * scripts/build-wasm.mjs. Importing lrdecay/transformers loads it and torch's (src/torch/wasm.ts:
 * HF's schedules are torch LambdaLRs); Keras' kernels do not come with it.
 */
import { type Kernel, SCALAR_WASM, SIMD_WASM } from "../generated/wasm/transformers.js";
import { WasmModule } from "../core/wasm.js";

export const TRANSFORMERS = new WasmModule<Kernel>("transformers", { scalar: SCALAR_WASM, simd: SIMD_WASM });
