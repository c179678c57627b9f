// The constant region of linear memory, in f64 slots: the one layout that the AssemblyScript
// functions (which load from CONSTANTS + 8 * slot), their JS twins (which index the generated
// array) and the generator (scripts/generate-constants.mjs, which fills it from
// src/exact/constants.ts and checks its length) all read. Plain integer constants, so that this one
// file is both AssemblyScript and TypeScript. A function that needs constants adds a region here
// and fills it in src/exact/constants.ts.

// exp2 (exp2.ts): ln 2 as hi, lo; (ln 2)^k / k! for k = 2..6; then 2^(j/256) as hi, lo pairs.
export const EXP2_C1H = 0;
export const EXP2_C1L = 1;
export const EXP2_C2 = 2;
export const EXP2_C3 = 3;
export const EXP2_C4 = 4;
export const EXP2_C5 = 5;
export const EXP2_C6 = 6;
export const EXP2_PAD = 7; // 0: keeps the table's pairs 16-byte aligned
export const EXP2_TABLE = 8;
export const EXP2_TABLE_SIZE = 256;
export const EXP2_END = EXP2_TABLE + 2 * EXP2_TABLE_SIZE;

/** Slots in all. The generator fails the build unless it filled exactly this many. */
export const CONSTANTS_LENGTH = EXP2_END;
