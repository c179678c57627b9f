// The parameter slots of the CosineDecayRestarts kernels (assembly/abi.ts): the one declaration that
// the kernel (cosineDecayRestarts.ts), its twin (cosineDecayRestarts.twin.ts) and the facade (src/keras/cosineDecayRestarts.ts,
// through paramsOf in src/core/batch.ts) read.
// Plain integer constants, so that this file is both AssemblyScript and TypeScript.
//
// Each as the dtype holds it: a; fd; geometric (T != 1, as 0 or 1); 1 - T;
// log(T) (correctly rounded); log2 T as pow32/pow64 take it (two slots); log2 M likewise;
// alpha; 1 - alpha; pi_R; then the restart table: the number N of restart indices it holds (0 ..
// N - 1; 0 for none) and the fraction cf below which it holds them.
//
// The table follows the slots (the block's tail); cosineDecayRestarts.table.ts lays it out.
export const A = 0;
export const FD = 1;
export const GEOMETRIC = 2;
export const OMT = 3;
export const LOG_T = 4;
export const T1 = 5;
export const T2 = 6;
export const M1 = 7;
export const M2 = 8;
export const ALPHA = 9;
export const OMA = 10;
export const PI = 11;
export const TABLE = 12;
export const TABLE_LIMIT = 13;
/** Slots in all; paramsOf fills each exactly once. The table starts at slot SLOTS. */
export const SLOTS = 14;

