// The parameter slots of the PiecewiseConstantDecay kernels (assembly/abi.ts): the one declaration that
// the kernel (piecewiseConstantDecay.ts), its twin (piecewiseConstantDecay.twin.ts) and the facade (src/keras/piecewiseConstantDecay.ts,
// through paramsOf in src/core/batch.ts) read.
// Plain integer constants, so that this file is both AssemblyScript and TypeScript.
//
// The block: N (the number of boundaries, at least 1), then the N boundaries, then the N + 1
// values as the dtype holds them.
export const COUNT = 0;
/** Slots in all; paramsOf fills each exactly once. The boundaries start at slot SLOTS. */
export const SLOTS = 1;
