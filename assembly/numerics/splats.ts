// A SIMD loop's invariant vectors (a schedule's parameters as splats), in linear memory: set once
// before the loop, loaded where used. Kept in locals instead, V8 (Node 20) spilled them and remade
// each splat inside the loop from a spilled double, two instructions a use plus the spill's store
// (measured on CosineDecay's float32 runs: a tenth of the loop's instructions; loading them instead
// made those runs 12% to 15% faster). v128 globals would not compile in the scalar build.
//
// One block per Wasm module, shared by its kernels: a kernel sets the slots it reads before its
// loop, and nothing runs between (a kernel call runs to its end).

/** The number of slots. */
const SLOTS = 16;
const SPLATS: usize = memory.data(SLOTS * 16, 16);

/** Sets slot `slot` to four copies of x. */
// @ts-ignore: decorator
@inline
export function setSplat32(slot: i32, x: f32): void {
  v128.store(SPLATS + ((<usize>slot) << 4), f32x4.splat(x));
}

/** The vector in slot `slot`. */
// @ts-ignore: decorator
@inline
export function splatAt(slot: i32): v128 {
  return v128.load(SPLATS + ((<usize>slot) << 4));
}
