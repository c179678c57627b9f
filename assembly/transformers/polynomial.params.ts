// The parameter slots of the polynomial kernel (polynomial.ts): the one declaration that the
// kernel, its twin (polynomial.twin.ts) and src/transformers/kernels.ts (through paramsOf) read.
// Plain integer constants, so that this file is both AssemblyScript and TypeScript.
//
// HF's num_warmup_steps, decay_steps = num_training_steps - num_warmup_steps, power,
// lr_range = lr_init - lr_end (rounded once), lr_end and lr_init.
export const W = 0;
export const DECAY_STEPS = 1;
export const POWER = 2;
export const RANGE = 3;
export const END = 4;
export const INIT = 5;
// LambdaLR's base_lr * lmbda(t): group 0's base lr in a range (1 for the factors alone).
export const SCALE = 6;
/** Slots in all; paramsOf fills each exactly once. */
export const SLOTS = 7;
