/** Every schedule this library implements, by the class name Keras serializes it under. */
import { ExponentialDecay } from "./exponentialDecay.js";

export const SCHEDULES = {
  ExponentialDecay,
} as const;
