// The parameter slots of the OneCycleLR cosine kernel (assembly/abi.ts), read by the kernel
// (oneCycleLR.ts), its twin (oneCycleLR.twin.ts) and src/torch/cyclic.ts through paramsOf. Plain
// integer constants, so that this file is both AssemblyScript and TypeScript.
//
// START: the phase's start step (the previous phase's end_step, 0.0 for the first); SPAN:
// end_step - START; PI: Python's math.pi; FROM, TO: the phase's start and end lr.
export const START = 0;
export const SPAN = 1;
export const PI = 2;
export const FROM = 3;
export const TO = 4;
/** Slots in all; paramsOf fills each exactly once. */
export const SLOTS = 5;
