/**
 * Every schedule this library implements, by the class name Keras serializes it under. A new
 * schedule is its kernel and twin (assembly/schedules/), its facade (src/schedules/) and a line here.
 */
import { CosineDecay } from "../schedules/cosineDecay.js";
import { CosineDecayRestarts } from "../schedules/cosineDecayRestarts.js";
import { ExponentialDecay } from "../schedules/exponentialDecay.js";
import { InverseTimeDecay } from "../schedules/inverseTimeDecay.js";
import { PiecewiseConstantDecay } from "../schedules/piecewiseConstantDecay.js";
import { PolynomialDecay } from "../schedules/polynomialDecay.js";

export const SCHEDULES = {
  ExponentialDecay,
  InverseTimeDecay,
  PiecewiseConstantDecay,
  PolynomialDecay,
  CosineDecay,
  CosineDecayRestarts,
} as const;

export type ScheduleName = keyof typeof SCHEDULES;
