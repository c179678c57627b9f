// The parameter slots of optax's polynomial_schedule kernels (assembly/abi.ts): the one declaration
// that the kernel (polynomialSchedule.ts), its twin (polynomialSchedule.twin.ts) and the facade
// (src/optax/polynomialSchedule.ts, through paramsOf) read. Plain integer constants, so that this file
// is both AssemblyScript and TypeScript.
//
// IE = R(init_value - end_value), the difference taken in float64 first (Python's, before JAX sees
// it); E = R(end_value); T = transition_steps (an integer > 0); TF = R(T), as the division converts it;
// BEGIN = transition_begin (an integer >= 0); POWER; MODE, how jnp.power takes POWER (shared/power.ts:
// an integer is a Python int, integer_pow; a float is lax.pow, correctly rounded).
export const IE = 0;
export const E = 1;
export const T = 2;
export const TF = 3;
export const BEGIN = 4;
export const POWER = 5;
export const MODE = 6;
/** Slots in all; paramsOf fills each exactly once. */
export const SLOTS = 7;
