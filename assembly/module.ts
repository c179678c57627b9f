// What every Wasm module exports besides its kernels: where the constant region goes, and the
// scratch memory. Each framework's module (assembly/generated/<framework>.ts, written by
// scripts/build-wasm.mjs) exports this file and every kernel of its folder; src/core/wasm.ts is
// the only code that loads them.

import { CONSTANTS } from "./numerics/constants";
import { CONSTANTS_LENGTH } from "./numerics/layout";

/** Where src/core/wasm.ts writes the constant region (numerics/layout.ts). */
export function constants(): usize {
  return CONSTANTS;
}

/** The constant region's length in f64 slots, which the loader checks against what it writes. */
export function constantsLength(): i32 {
  return CONSTANTS_LENGTH;
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
