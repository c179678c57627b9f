/**
 * lrdecay/optax: optax's learning-rate schedules (optax.schedules), optax's operations in order as
 * JAX runs them (float32 without x64, float64 with it), with every rounding decided exactly. Each
 * function takes optax's positional arguments or an options object in camelCase, and returns a
 * schedule: `s(count)`, `s.evaluate(counts)`, `s.range(start, stop)` on the Wasm kernels of
 * assembly/optax/. Importing it loads no Keras code or kernels.
 */
import * as check from "../core/validate.js";
import type { DType } from "../core/types.js";
import { FUNCTIONS, type OptaxSchedule } from "./schedule.js";

export { constantSchedule, type ConstantScheduleOptions } from "./constantSchedule.js";
export { cosineDecaySchedule, type CosineDecayScheduleOptions } from "./cosineDecaySchedule.js";
export { exponentialDecay, type ExponentialDecayOptions } from "./exponentialDecay.js";
export {
  joinSchedules, sgdrSchedule, warmupCosineDecaySchedule, warmupExponentialDecaySchedule,
  type WarmupCosineDecayScheduleOptions, type WarmupExponentialDecayScheduleOptions,
} from "./joinSchedules.js";
export { piecewiseConstantSchedule, type PiecewiseConstantScheduleOptions, type ScalesInput } from "./piecewiseConstantSchedule.js";
export {
  cosineOnecycleSchedule, linearOnecycleSchedule, piecewiseInterpolateSchedule,
  type CosineOnecycleScheduleOptions, type LinearOnecycleScheduleOptions, type PiecewiseInterpolateScheduleOptions,
} from "./piecewiseInterpolateSchedule.js";
export {
  linearSchedule, polynomialSchedule, warmupConstantSchedule,
  type LinearScheduleOptions, type PolynomialScheduleOptions, type WarmupConstantScheduleOptions,
} from "./polynomialSchedule.js";
export { OptaxSchedule, type OptaxFunction } from "./schedule.js";
export { KernelNotReadyError, ready, type KernelInfo } from "../core/wasm.js";
export type { ArrayFor, Backend, BatchOptions, DType, FloatArray } from "../core/types.js";

/** A schedule's JSON is a few hundred characters; anything past 1 MiB is not one. */
const MAX_JSON_LENGTH = 1 << 20;

const camel = (key: string) => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * The schedule that toJSON() (or JSON.stringify) wrote: `{ module: "optax", class_name:
 * "cosine_decay_schedule", config: {...} }`, as an object or a JSON string. The config is checked
 * as the function's arguments are; join_schedules' schedules are read the same way.
 */
export function fromJSON<D extends DType = "float32">(json: unknown, options: { dtype?: D } = {}): OptaxSchedule<D> {
  let value = json;
  if (typeof json === "string") {
    if (json.length > MAX_JSON_LENGTH)
      throw new RangeError(`Argument \`json\` must be at most ${MAX_JSON_LENGTH} characters. Received: ${json.length} characters`);
    try {
      value = JSON.parse(json);
    } catch (e) {
      throw new TypeError(`Argument \`json\` is not valid JSON: ${(e as Error).message}`);
    }
  }
  const wrapper = check.plainObject("json", value);
  if (wrapper.module !== "optax")
    throw new TypeError(`Argument \`json\` must be an optax schedule's JSON ({ module: "optax", ... }). Received: module=${check.describe(wrapper.module)}`);
  const name = wrapper.class_name;
  const make = typeof name === "string" ? FUNCTIONS.get(name) : undefined;
  if (make === undefined)
    throw new TypeError(`Argument \`json\` names no optax schedule function: class_name=${check.describe(name)}. Known: ${[...FUNCTIONS.keys()].join(", ")}`);
  const config = check.plainObject("config", wrapper.config);
  const given: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(config)) {
    if (key === "schedules" && Array.isArray(v)) given[camel(key)] = v.map((s) => fromJSON(s, options));
    else if (key === "cosine_kwargs" && Array.isArray(v))
      given[camel(key)] = v.map((o, i) => Object.fromEntries(Object.entries(check.plainObject(`cosine_kwargs[${i}]`, o)).map(([k, x]) => [camel(k), x])));
    else given[camel(key)] = v;
  }
  const { dtype } = check.plainObject("options", options);
  if (dtype !== undefined) given.dtype = dtype;
  return make([given]) as OptaxSchedule<D>;
}
