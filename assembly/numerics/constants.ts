// The constant region (layout.ts). src/core/wasm.ts writes src/generated/constants.ts into it at
// load, after checking that the sizes agree, so that both backends multiply by the same numbers.

import { CONSTANTS_LENGTH } from "./layout";

export const CONSTANTS: usize = memory.data(CONSTANTS_LENGTH * 8, 16);

/** The byte offset of slot `slot`. */
// @ts-ignore: decorator
@inline
export function at(slot: i32): usize {
  return CONSTANTS + ((<usize>slot) << 3);
}
