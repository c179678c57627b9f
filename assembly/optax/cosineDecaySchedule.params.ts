// The parameter slots of optax's cosine_decay_schedule kernels (assembly/abi.ts): the one
// declaration that the kernel (cosineDecaySchedule.ts), its twin (cosineDecaySchedule.twin.ts) and
// the facade (src/optax/cosineDecaySchedule.ts, through paramsOf) read. Plain integer constants, so
// that this file is both AssemblyScript and TypeScript.
//
// INIT = R(init_value); DF = R(decay_steps) (optax turns it into a Python float first); PI = R(pi);
// A = R(1 - alpha), the difference taken in float64 first (Python's); ALPHA = R(alpha); EXPONENT;
// MODE, how jnp.power takes EXPONENT (shared/power.ts: an integer is a Python int, integer_pow; a
// float is lax.pow, correctly rounded).
export const INIT = 0;
export const DF = 1;
export const PI = 2;
export const A = 3;
export const ALPHA = 4;
export const EXPONENT = 5;
export const MODE = 6;
/** Slots in all; paramsOf fills each exactly once. */
export const SLOTS = 7;
