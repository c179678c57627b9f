// The cosine kernel (cosines.ts) takes no parameters: its arguments are the steps array.
/** Slots in all. */
export const SLOTS = 0;
