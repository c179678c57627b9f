/**
 * Every schedule this library implements, by the class name Keras serializes it under. A new
 * schedule is its kernel, slots and twin (assembly/keras/), its facade (src/keras/) and a line here.
 */
import { CosineDecay } from "../keras/cosineDecay.js";
import { CosineDecayRestarts } from "../keras/cosineDecayRestarts.js";
import { ExponentialDecay } from "../keras/exponentialDecay.js";
import { InverseTimeDecay } from "../keras/inverseTimeDecay.js";
import { PiecewiseConstantDecay } from "../keras/piecewiseConstantDecay.js";
import { PolynomialDecay } from "../keras/polynomialDecay.js";

export const SCHEDULES = {
  ExponentialDecay,
  InverseTimeDecay,
  PiecewiseConstantDecay,
  PolynomialDecay,
  CosineDecay,
  CosineDecayRestarts,
} as const;

export type ScheduleName = keyof typeof SCHEDULES;
