/**
 * The Wasm module of PyTorch's schedulers: every kernel in assembly/torch/, built by
 * scripts/build-wasm.mjs. Importing lrdecay/torch loads it (src/core/wasm.ts); Keras' kernels do
 * not come with it.
 */
import { type Kernel, SCALAR_WASM, SIMD_WASM } from "../generated/wasm/torch.js";
import { WasmModule } from "../core/wasm.js";

export const TORCH = new WasmModule<Kernel>("torch", { scalar: SCALAR_WASM, simd: SIMD_WASM });
