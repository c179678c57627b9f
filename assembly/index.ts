// The Wasm module's entry point: its memory layout and the kernels it exports.
// src/wasm.ts is the only code that loads it.

import { CONSTANTS } from "./exp2";

export { exponentialDecay32, exponentialDecay64 } from "./exponentialDecay";

/** Where src/wasm.ts writes the constants of exp2 (src/exact.ts, exp2Constants). */
export function constants(): usize {
  return CONSTANTS;
}

// The scratch region: everything above the static data, reused by every call. Nothing else
// allocates (the runtime is the stub), so it never moves; it only grows.
const SCRATCH: usize = (__heap_base + 15) & ~15;

/** Ensures `bytes` of scratch and returns its address, or 0 if memory cannot grow that far. */
export function reserve(bytes: i32): usize {
  const end = SCRATCH + <usize>bytes;
  const have = (<usize>memory.size()) << 16;
  if (end > have) {
    const pages = <i32>((end - have + 0xffff) >> 16);
    if (memory.grow(pages) < 0) return 0;
  }
  return SCRATCH;
}
