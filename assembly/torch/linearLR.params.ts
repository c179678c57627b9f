// The parameter slots of the LinearLR kernel (assembly/abi.ts), read by the kernel (linearLR.ts),
// its twin (linearLR.twin.ts) and src/torch/multiplicative.ts through paramsOf. Plain integer
// constants, so that this file is both AssemblyScript and TypeScript.
//
// TS: total_iters * start_factor (rounded, as PyTorch's every step computes it); D: end_factor -
// start_factor; LR: the lr before the chunk's first step (the chain carried from chunk to chunk).
export const TS = 0;
export const D = 1;
export const LR = 2;
/** Slots in all; paramsOf fills each exactly once. */
export const SLOTS = 3;
