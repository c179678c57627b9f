// The parameter slots of the power kernel (powers.ts): the exponent; the bases are the steps array.
export const Y = 0;
/** Slots in all; paramsOf fills each exactly once. */
export const SLOTS = 1;
