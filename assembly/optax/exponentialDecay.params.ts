// The parameter slots of optax's exponential_decay kernels (assembly/abi.ts): the one declaration
// that the kernel (exponentialDecay.ts), its twin (exponentialDecay.twin.ts) and the facade
// (src/optax/exponentialDecay.ts, through paramsOf) read. Plain integer constants, so that this file
// is both AssemblyScript and TypeScript.
//
// INIT = R(init_value); BEGIN = transition_begin (an integer >= 0); TF = R(transition_steps);
// L1 + L2 = log2 R(decay_rate) as the dtype's fixed-base power takes it (../numerics/exp2.ts; for
// float32, L1 keeps 29 significant bits); STAIRCASE (0 or 1); CLIP: 0 without end_value, 1 (the
// kernel's and twin's MAX) when decay_rate < 1, 2 (MIN) otherwise; END = R(end_value).
export const INIT = 0;
export const BEGIN = 1;
export const TF = 2;
export const L1 = 3;
export const L2 = 4;
export const STAIRCASE = 5;
export const CLIP = 6;
export const END = 7;
/** Slots in all; paramsOf fills each exactly once. */
export const SLOTS = 8;
