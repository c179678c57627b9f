// The parameter block of the fused sgdr_schedule kernels (cosineDecaySchedule.ts's sgdrSchedule32/64:
// optax's join of warmup_cosine_decay_schedules at the restarts, evaluated per count; one cycle is a
// warmup_cosine_decay_schedule): a head, then
// one block of CYCLE slots per cycle, each warmupCosineDecaySchedule.params.ts' slots (read by the
// same helpers, at the block's address) and the cycle's START (its restart: 0 for the first, then
// the cumulative decay_steps). The facade (src/optax/joinSchedules.ts) and the twin read it too.
//
// CYCLES = the number of cycles; LANES = 1 when every cycle has the same EXPONENT and MODE and that
// MODE is not GENERAL (the lanes then take one power for all), else 0 (element by element).
export const CYCLES = 0;
export const LANES = 1;
/** Where the first cycle's block starts. */
export const HEAD = 2;
/** A cycle's restart, after its warmupCosineDecaySchedule.params.ts slots (0 .. 10). */
export const START = 11;
/** Slots per cycle. */
export const CYCLE = 12;
