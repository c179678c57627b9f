/**
 * Reading test/fixtures/torch/transformers.json (format: its README.md) for the lrdecay/transformers
 * tests: each case's HF function called with the arguments the case passed, on the optimizer it
 * describes.
 */
import * as hf from "../../src/transformers/index.js";
import { type Case, cases, optimizerOf } from "../torch/fixtures.js";

export { decodeF64, optimizerOf, parseHexFloat, type Case } from "../torch/fixtures.js";

export interface HfCase extends Case {
  published?: { values: number[]; tolerance: number; source: string };
  summary: { values: number; identical: number };
}

export const HF_CASES = cases("transformers") as HfCase[];

/** HF's functions by their Python names. */
export const FUNCTIONS = {
  get_constant_schedule: hf.getConstantSchedule,
  get_constant_schedule_with_warmup: hf.getConstantScheduleWithWarmup,
  get_linear_schedule_with_warmup: hf.getLinearScheduleWithWarmup,
  get_cosine_schedule_with_warmup: hf.getCosineScheduleWithWarmup,
  get_cosine_with_hard_restarts_schedule_with_warmup: hf.getCosineWithHardRestartsScheduleWithWarmup,
  get_polynomial_decay_schedule_with_warmup: hf.getPolynomialDecayScheduleWithWarmup,
  get_inverse_sqrt_schedule: hf.getInverseSqrtSchedule,
  get_cosine_with_min_lr_schedule_with_warmup: hf.getCosineWithMinLrScheduleWithWarmup,
  get_cosine_with_min_lr_schedule_with_warmup_lr_rate: hf.getCosineWithMinLrScheduleWithWarmupLrRate,
  get_wsd_schedule: hf.getWsdSchedule,
} as unknown as Record<string, (optimizer: hf.OptimizerLike, options: Record<string, unknown>) => hf.LRScheduler>;

export const camel = (key: string) => key.replace(/_([a-z0-9])/g, (_, ch: string) => ch.toUpperCase());

/** The case's function called with the arguments it passed, as an options object in camelCase. */
export function build(c: Case, opt: hf.OptimizerLike): hf.LRScheduler {
  const f = FUNCTIONS[c.scheduler.class];
  if (f === undefined) throw new Error(`no function for ${c.scheduler.class}`);
  return f(opt, Object.fromEntries(c.scheduler.passed.map((key) => [camel(key), c.scheduler.args[key]])));
}

/** A fresh optimizer as the case describes it. */
export const optimizer = (c: Case) => optimizerOf(c);
