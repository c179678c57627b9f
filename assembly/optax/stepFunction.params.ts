// The parameter slots of the step-function kernels (assembly/abi.ts), which carry optax's
// piecewise_constant_schedule and constant_schedule (and the constant schedules optax returns for a
// transition_steps <= 0 or a decay_rate of 0): the one declaration that the kernel
// (stepFunction.ts), its twin and the facades read. Plain integer constants, so that this file is
// both AssemblyScript and TypeScript.
//
// COUNT breakpoints; the tail, after the SLOTS: the breakpoints (increasing integers), then the
// COUNT + 1 values, each as the dtype holds it: values[k] for the counts with k breakpoints at or
// below them.
export const COUNT = 0;
/** Slots in all before the tail; paramsOf fills each exactly once. */
export const SLOTS = 1;
