// Browsers cannot compile these modules synchronously: load both kernel builds before any test
// asks for backend "wasm-simd" or "wasm-scalar".
import { ready } from "../../src/index.js";

await Promise.all([ready(), ready("wasm-simd"), ready("wasm-scalar")]);
