/**
 * Every schedule this library implements, by the class name Keras serializes it under. A new
 * schedule is its kernel and twin (assembly/schedules/), its facade (src/schedules/) and a line here.
 */
import { ExponentialDecay } from "../schedules/exponentialDecay.js";
import { InverseTimeDecay } from "../schedules/inverseTimeDecay.js";
import { PiecewiseConstantDecay } from "../schedules/piecewiseConstantDecay.js";
import { PolynomialDecay } from "../schedules/polynomialDecay.js";

export const SCHEDULES = {
  ExponentialDecay,
  InverseTimeDecay,
  PiecewiseConstantDecay,
  PolynomialDecay,
} as const;

export type ScheduleName = keyof typeof SCHEDULES;
