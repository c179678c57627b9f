/**
 * HF's get_scheduler (huggingface/transformers, src/transformers/optimization.py) and its
 * SchedulerType (src/transformers/trainer_utils.py): any schedule by its name, with HF's errors for
 * a name it does not know and for a missing step count.
 */
import { describe, plainObject } from "../core/validate.js";
import type { LambdaLR, OptimizerLike, ReduceLROnPlateau } from "../torch/index.js";
import { argumentsOf, callByName, getConstantSchedule, getReduceOnPlateauSchedule, keywordOptions, type ScheduleFunctionName } from "./schedules.js";

/** HF's SchedulerType: each member's value is the name get_scheduler takes. */
export const SchedulerType = Object.freeze({
  LINEAR: "linear",
  COSINE: "cosine",
  COSINE_WITH_RESTARTS: "cosine_with_restarts",
  POLYNOMIAL: "polynomial",
  CONSTANT: "constant",
  CONSTANT_WITH_WARMUP: "constant_with_warmup",
  INVERSE_SQRT: "inverse_sqrt",
  REDUCE_ON_PLATEAU: "reduce_lr_on_plateau",
  COSINE_WITH_MIN_LR: "cosine_with_min_lr",
  COSINE_WARMUP_WITH_MIN_LR: "cosine_warmup_with_min_lr",
  WARMUP_STABLE_DECAY: "warmup_stable_decay",
} as const);

export type SchedulerTypeName = (typeof SchedulerType)[keyof typeof SchedulerType];

/** HF's TYPE_TO_SCHEDULER_FUNCTION, but for the two get_scheduler calls without a step count. */
const FUNCTION: Record<Exclude<SchedulerTypeName, "constant" | "reduce_lr_on_plateau">, ScheduleFunctionName> = {
  linear: "get_linear_schedule_with_warmup",
  cosine: "get_cosine_schedule_with_warmup",
  cosine_with_restarts: "get_cosine_with_hard_restarts_schedule_with_warmup",
  polynomial: "get_polynomial_decay_schedule_with_warmup",
  constant_with_warmup: "get_constant_schedule_with_warmup",
  inverse_sqrt: "get_inverse_sqrt_schedule",
  cosine_with_min_lr: "get_cosine_with_min_lr_schedule_with_warmup",
  cosine_warmup_with_min_lr: "get_cosine_with_min_lr_schedule_with_warmup_lr_rate",
  warmup_stable_decay: "get_wsd_schedule",
};

const VALUES = Object.values(SchedulerType) as string[];

/**
 * `SchedulerType(name)`: HF's ExplicitEnum refuses an unknown value with this message (a
 * ValueError; here a RangeError, or a TypeError for a value that is no string).
 */
function schedulerType(name: unknown): SchedulerTypeName {
  if (typeof name === "string" && VALUES.includes(name)) return name as SchedulerTypeName;
  const message = `${typeof name === "string" ? name : describe(name)} is not a valid SchedulerType, please select one of [${VALUES.map((v) => `'${v}'`).join(", ")}]`;
  throw typeof name === "string" ? new RangeError(message) : new TypeError(message);
}

/** The member as Python 3.11 and later format it in an f-string: `SchedulerType.LINEAR`. */
function member(name: SchedulerTypeName): string {
  return `SchedulerType.${Object.entries(SchedulerType).find(([, v]) => v === name)![0]}`;
}

/** getScheduler's options, after the name and the optimizer. */
export interface GetSchedulerOptions {
  numWarmupSteps?: number | null;
  numTrainingSteps?: number | null;
  /** The function's own arguments (`{ numCycles: 2 }`, or HF's names: `{ num_cycles: 2 }`), as HF's lr_scheduler_kwargs. */
  schedulerSpecificKwargs?: Record<string, unknown> | null;
}

const OPTION_KEYS = ["numWarmupSteps", "numTrainingSteps", "schedulerSpecificKwargs"];

/**
 * HF's get_scheduler: the schedule called `name` (a SchedulerType value, e.g. "cosine"), as HF
 * builds it:
 *   - "constant": getConstantSchedule(optimizer); the rest is ignored;
 *   - "reduce_lr_on_plateau": getReduceOnPlateauSchedule(optimizer, schedulerSpecificKwargs);
 *   - every other needs numWarmupSteps (a TypeError with HF's message if missing);
 *   - "constant_with_warmup" and "inverse_sqrt" take numWarmupSteps alone: HF ignores the
 *     schedulerSpecificKwargs there (so a `timescale` in them has no effect, as in HF);
 *   - "warmup_stable_decay" takes numTrainingSteps if given (or num_stable_steps in the kwargs);
 *   - the rest need numTrainingSteps too, and take the kwargs.
 * An unknown name is a RangeError with HF's message.
 *
 * ```ts
 * const s = getScheduler("cosine", { param_groups: [{ lr: 3e-4 }] }, { numWarmupSteps: 500, numTrainingSteps: 10_000 });
 * getScheduler("cosine_with_min_lr", opt, 100, 1000, { min_lr: 1e-5 });   // HF's positional form
 * ```
 */
export function getScheduler(name: "reduce_lr_on_plateau", optimizer: OptimizerLike, options?: GetSchedulerOptions): ReduceLROnPlateau;
export function getScheduler(name: "reduce_lr_on_plateau", optimizer: OptimizerLike, numWarmupSteps?: number | null, numTrainingSteps?: number | null, schedulerSpecificKwargs?: Record<string, unknown> | null): ReduceLROnPlateau;
export function getScheduler(name: Exclude<SchedulerTypeName, "reduce_lr_on_plateau">, optimizer: OptimizerLike, options?: GetSchedulerOptions): LambdaLR;
export function getScheduler(
  name: Exclude<SchedulerTypeName, "reduce_lr_on_plateau">, optimizer: OptimizerLike, numWarmupSteps?: number | null, numTrainingSteps?: number | null, schedulerSpecificKwargs?: Record<string, unknown> | null,
): LambdaLR;
export function getScheduler(name: string, optimizer: OptimizerLike, options?: GetSchedulerOptions): LambdaLR | ReduceLROnPlateau;
export function getScheduler(name: string, optimizer: OptimizerLike, numWarmupSteps?: number | null, numTrainingSteps?: number | null, schedulerSpecificKwargs?: Record<string, unknown> | null): LambdaLR | ReduceLROnPlateau;
export function getScheduler(name: string, optimizer: OptimizerLike, ...rest: unknown[]): LambdaLR | ReduceLROnPlateau {
  const type = schedulerType(name);
  const { warmup, training, kwargs } = readRest(rest);
  if (type === "constant") return getConstantSchedule(optimizer);
  if (type === "reduce_lr_on_plateau") return getReduceOnPlateauSchedule(optimizer, kwargs ?? {});
  if (warmup === null) throw new TypeError(`${member(type)} requires \`num_warmup_steps\`, please provide that argument.`);
  const fn = FUNCTION[type];
  if (type === "constant_with_warmup" || type === "inverse_sqrt") return callByName(fn, optimizer, { numWarmupSteps: warmup });
  const options = keywordOptions(argumentsOf(fn), kwargs ?? {}, fn);
  for (const key of ["numWarmupSteps", "numTrainingSteps"])
    if (Object.hasOwn(options, key)) throw new TypeError(`${fn}() got multiple values for keyword argument '${argumentsOf(fn).find((a) => a.option === key)!.key}'`);
  if (type !== "warmup_stable_decay" && training === null) throw new TypeError(`${member(type)} requires \`num_training_steps\`, please provide that argument.`);
  return callByName(fn, optimizer, { numWarmupSteps: warmup, numTrainingSteps: training, ...options });
}

/** getScheduler's arguments after the optimizer: HF's positional ones, or the options object. */
function readRest(rest: unknown[]): { warmup: unknown; training: unknown; kwargs: unknown } {
  const first = rest[0];
  const isOptions = rest.length === 1 && typeof first === "object" && first !== null && Object.getPrototypeOf(first) === Object.prototype;
  if (isOptions) {
    const o = plainObject("options", first);
    for (const key of Object.keys(o)) if (!OPTION_KEYS.includes(key)) throw new TypeError(`getScheduler() got an unexpected option \`${key}\`. Known: ${OPTION_KEYS.join(", ")}`);
    rest = [o.numWarmupSteps, o.numTrainingSteps, o.schedulerSpecificKwargs];
  } else if (rest.length > 3) {
    throw new TypeError(`getScheduler() takes at most 5 arguments (name, optimizer, num_warmup_steps, num_training_steps, scheduler_specific_kwargs). Received: ${rest.length + 2}`);
  }
  const none = (v: unknown) => (v === undefined ? null : v);
  return { warmup: none(rest[0]), training: none(rest[1]), kwargs: none(rest[2]) };
}
