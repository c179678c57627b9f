// Per schedule of every framework: a config by the framework's names, and the same schedule from
// the library's own API called directly (written out by hand, by lrdecay's option names). Used by
// test/catalog.test.ts and test/cliFrameworks.test.ts.
import * as keras from "../src/index.js";
import * as optax from "../src/optax/index.js";
import * as torch from "../src/torch/index.js";
import * as hf from "../src/transformers/index.js";

const opt = (lr: number, momentum?: number) => {
  const group = momentum === undefined ? { lr } : { lr, momentum };
  return { param_groups: [{ ...group }], defaults: { ...group } };
};
export const METRICS = Array.from({ length: 40 }, (_, i) => [5, 4, 4, 4, 4, 3, 3, 3, 3, 3, 3, 2][i % 12]!);

export type Direct = { range(start: number, stop: number): ArrayLike<number> };
/** Per schedule: a config by the framework's names, and the same schedule from the library's own API. */
export const SAMPLES: Record<string, [Record<string, unknown>, () => Direct]> = {
  "keras.ExponentialDecay": [{ initial_learning_rate: 0.1, decay_steps: 7, decay_rate: 0.5, staircase: true }, () => new keras.ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 7, decayRate: 0.5, staircase: true })],
  "keras.InverseTimeDecay": [{ initial_learning_rate: 0.1, decay_steps: 5, decay_rate: 0.3 }, () => new keras.InverseTimeDecay({ initialLearningRate: 0.1, decaySteps: 5, decayRate: 0.3 })],
  "keras.PiecewiseConstantDecay": [{ boundaries: [5, 20], values: [0.1, 0.01, 0.001] }, () => new keras.PiecewiseConstantDecay({ boundaries: [5, 20], values: [0.1, 0.01, 0.001] })],
  "keras.PolynomialDecay": [{ initial_learning_rate: 0.1, decay_steps: 9, power: 2, cycle: true }, () => new keras.PolynomialDecay({ initialLearningRate: 0.1, decaySteps: 9, power: 2, cycle: true })],
  "keras.CosineDecay": [{ initial_learning_rate: 0, decay_steps: 90, warmup_target: 0.1, warmup_steps: 10 }, () => new keras.CosineDecay({ initialLearningRate: 0, decaySteps: 90, warmupTarget: 0.1, warmupSteps: 10 })],
  "keras.CosineDecayRestarts": [{ initial_learning_rate: 0.1, first_decay_steps: 6, t_mul: 1.5, m_mul: 0.8, alpha: 0.05 }, () => new keras.CosineDecayRestarts({ initialLearningRate: 0.1, firstDecaySteps: 6, tMul: 1.5, mMul: 0.8, alpha: 0.05 })],
  "torch.StepLR": [{ lr: 0.1, step_size: 4, gamma: 0.5 }, () => new torch.StepLR(opt(0.1), { stepSize: 4, gamma: 0.5 })],
  "torch.MultiStepLR": [{ lr: 0.1, milestones: [3, 9], gamma: 0.2 }, () => new torch.MultiStepLR(opt(0.1), { milestones: [3, 9], gamma: 0.2 })],
  "torch.ConstantLR": [{ lr: 0.1, factor: 0.25, total_iters: 6 }, () => new torch.ConstantLR(opt(0.1), { factor: 0.25, totalIters: 6 })],
  "torch.LinearLR": [{ lr: 0.1, start_factor: 0.01, total_iters: 10 }, () => new torch.LinearLR(opt(0.1), { startFactor: 0.01, totalIters: 10 })],
  "torch.ExponentialLR": [{ lr: 0.1, gamma: 0.9 }, () => new torch.ExponentialLR(opt(0.1), { gamma: 0.9 })],
  "torch.PolynomialLR": [{ lr: 0.1, total_iters: 12, power: 2 }, () => new torch.PolynomialLR(opt(0.1), { totalIters: 12, power: 2 })],
  "torch.CosineAnnealingLR": [{ lr: 0.1, T_max: 10, eta_min: 0.001 }, () => new torch.CosineAnnealingLR(opt(0.1), { tMax: 10, etaMin: 0.001 })],
  "torch.CosineAnnealingWarmRestarts": [{ lr: 0.1, T_0: 5, T_mult: 2 }, () => new torch.CosineAnnealingWarmRestarts(opt(0.1), { T0: 5, TMult: 2 })],
  "torch.CyclicLR": [{ base_lr: 0.01, max_lr: 0.1, step_size_up: 4 }, () => new torch.CyclicLR(opt(0.001, 0.9), { baseLr: 0.01, maxLr: 0.1, stepSizeUp: 4 })],
  "torch.OneCycleLR": [{ max_lr: 0.1, total_steps: 50 }, () => new torch.OneCycleLR(opt(0.001, 0.9), { maxLr: 0.1, totalSteps: 50 })],
  "torch.SequentialLR": [
    { lr: 0.1, schedulers: [{ schedule: "torch.LinearLR", config: { start_factor: 0.01, total_iters: 10 } }, { class_name: "CosineAnnealingLR", config: { T_max: 20 } }], milestones: [10] },
    () => {
      const o = opt(0.1);
      return new torch.SequentialLR(o, { schedulers: [new torch.LinearLR(o, { startFactor: 0.01, totalIters: 10 }), new torch.CosineAnnealingLR(o, { tMax: 20 })], milestones: [10] });
    },
  ],
  "torch.ChainedScheduler": [
    { lr: 0.1, schedulers: [{ schedule: "torch.ConstantLR", config: { factor: 0.5, total_iters: 3 } }, { schedule: "torch.ExponentialLR", config: { gamma: 0.9 } }] },
    () => {
      const o = opt(0.1);
      return new torch.ChainedScheduler([new torch.ConstantLR(o, { factor: 0.5, totalIters: 3 }), new torch.ExponentialLR(o, { gamma: 0.9 })]);
    },
  ],
  "torch.ReduceLROnPlateau": [
    { lr: 0.1, patience: 1, factor: 0.5, metrics: METRICS },
    () => {
      const s = new torch.ReduceLROnPlateau(opt(0.1), { patience: 1, factor: 0.5 });
      return { range: (a: number, b: number) => s.range(a, b, { metrics: METRICS }) };
    },
  ],
  "transformers.get_constant_schedule": [{ lr: 0.1 }, () => hf.getConstantSchedule(opt(0.1))],
  "transformers.get_constant_schedule_with_warmup": [{ lr: 0.1, num_warmup_steps: 5 }, () => hf.getConstantScheduleWithWarmup(opt(0.1), { numWarmupSteps: 5 })],
  "transformers.get_linear_schedule_with_warmup": [{ lr: 0.1, num_warmup_steps: 5, num_training_steps: 20 }, () => hf.getLinearScheduleWithWarmup(opt(0.1), { numWarmupSteps: 5, numTrainingSteps: 20 })],
  "transformers.get_cosine_schedule_with_warmup": [{ lr: 0.1, num_warmup_steps: 10, num_training_steps: 100 }, () => hf.getCosineScheduleWithWarmup(opt(0.1), { numWarmupSteps: 10, numTrainingSteps: 100 })],
  "transformers.get_cosine_with_hard_restarts_schedule_with_warmup": [{ lr: 0.1, num_warmup_steps: 3, num_training_steps: 30, num_cycles: 3 }, () => hf.getCosineWithHardRestartsScheduleWithWarmup(opt(0.1), { numWarmupSteps: 3, numTrainingSteps: 30, numCycles: 3 })],
  "transformers.get_polynomial_decay_schedule_with_warmup": [{ lr: 0.1, num_warmup_steps: 3, num_training_steps: 30, lr_end: 0.001, power: 2 }, () => hf.getPolynomialDecayScheduleWithWarmup(opt(0.1), { numWarmupSteps: 3, numTrainingSteps: 30, lrEnd: 0.001, power: 2 })],
  "transformers.get_inverse_sqrt_schedule": [{ lr: 0.1, num_warmup_steps: 4 }, () => hf.getInverseSqrtSchedule(opt(0.1), { numWarmupSteps: 4 })],
  "transformers.get_cosine_with_min_lr_schedule_with_warmup": [{ lr: 0.1, num_warmup_steps: 3, num_training_steps: 30, min_lr_rate: 0.1 }, () => hf.getCosineWithMinLrScheduleWithWarmup(opt(0.1), { numWarmupSteps: 3, numTrainingSteps: 30, minLrRate: 0.1 })],
  "transformers.get_cosine_with_min_lr_schedule_with_warmup_lr_rate": [
    { lr: 0.1, num_warmup_steps: 3, num_training_steps: 30, min_lr: 0.001, warmup_lr_rate: 0.2 },
    () => hf.getCosineWithMinLrScheduleWithWarmupLrRate(opt(0.1), { numWarmupSteps: 3, numTrainingSteps: 30, minLr: 0.001, warmupLrRate: 0.2 }),
  ],
  "transformers.get_wsd_schedule": [{ lr: 0.1, num_warmup_steps: 3, num_decay_steps: 5, num_stable_steps: 10, decay_type: "linear" }, () => hf.getWsdSchedule(opt(0.1), { numWarmupSteps: 3, numDecaySteps: 5, numStableSteps: 10, decayType: "linear" })],
  "transformers.get_reduce_on_plateau_schedule": [
    { lr: 0.1, patience: 1, factor: 0.5, metrics: METRICS },
    () => {
      const s = hf.getReduceOnPlateauSchedule(opt(0.1), { patience: 1, factor: 0.5 });
      return { range: (a: number, b: number) => s.range(a, b, { metrics: METRICS }) };
    },
  ],
  "optax.constant_schedule": [{ value: 0.1 }, () => optax.constantSchedule({ value: 0.1 })],
  "optax.cosine_decay_schedule": [{ init_value: 0.1, decay_steps: 20, alpha: 0.1, exponent: 2 }, () => optax.cosineDecaySchedule({ initValue: 0.1, decaySteps: 20, alpha: 0.1, exponent: 2 })],
  "optax.exponential_decay": [{ init_value: 0.1, transition_steps: 3, decay_rate: 0.5, transition_begin: 2, staircase: true, end_value: 0.01 }, () => optax.exponentialDecay({ initValue: 0.1, transitionSteps: 3, decayRate: 0.5, transitionBegin: 2, staircase: true, endValue: 0.01 })],
  "optax.join_schedules": [
    { schedules: [{ schedule: "optax.linear_schedule", config: { init_value: 0, end_value: 0.1, transition_steps: 10 } }, { module: "optax", class_name: "constant_schedule", config: { value: 0.05 } }], boundaries: [10] },
    () => optax.joinSchedules({ schedules: [optax.linearSchedule({ initValue: 0, endValue: 0.1, transitionSteps: 10 }), optax.constantSchedule({ value: 0.05 })], boundaries: [10] }),
  ],
  "optax.sgdr_schedule": [
    { cosine_kwargs: [{ init_value: 0, peak_value: 0.1, warmup_steps: 2, decay_steps: 10 }, { init_value: 0, peak_value: 0.05, warmup_steps: 2, decay_steps: 8 }] },
    () => optax.sgdrSchedule({ cosineKwargs: [{ initValue: 0, peakValue: 0.1, warmupSteps: 2, decaySteps: 10 }, { initValue: 0, peakValue: 0.05, warmupSteps: 2, decaySteps: 8 }] }),
  ],
  "optax.warmup_cosine_decay_schedule": [{ init_value: 0, peak_value: 0.1, warmup_steps: 10, decay_steps: 100 }, () => optax.warmupCosineDecaySchedule({ initValue: 0, peakValue: 0.1, warmupSteps: 10, decaySteps: 100 })],
  "optax.warmup_exponential_decay_schedule": [
    { init_value: 0, peak_value: 0.1, warmup_steps: 4, transition_steps: 3, decay_rate: 0.7 },
    () => optax.warmupExponentialDecaySchedule({ initValue: 0, peakValue: 0.1, warmupSteps: 4, transitionSteps: 3, decayRate: 0.7 }),
  ],
  "optax.piecewise_constant_schedule": [{ init_value: 0.1, boundaries_and_scales: { 3: 0.5, 9: 0.1 } }, () => optax.piecewiseConstantSchedule({ initValue: 0.1, boundariesAndScales: { 3: 0.5, 9: 0.1 } })],
  "optax.cosine_onecycle_schedule": [{ transition_steps: 30, peak_value: 0.1 }, () => optax.cosineOnecycleSchedule({ transitionSteps: 30, peakValue: 0.1 })],
  "optax.linear_onecycle_schedule": [{ transition_steps: 30, peak_value: 0.1 }, () => optax.linearOnecycleSchedule({ transitionSteps: 30, peakValue: 0.1 })],
  "optax.piecewise_interpolate_schedule": [
    { interpolate_type: "cosine", init_value: 0.1, boundaries_and_scales: { 5: 0.5, 15: 0.2 } },
    () => optax.piecewiseInterpolateSchedule({ interpolateType: "cosine", initValue: 0.1, boundariesAndScales: { 5: 0.5, 15: 0.2 } }),
  ],
  "optax.linear_schedule": [{ init_value: 0.1, end_value: 0.001, transition_steps: 20, transition_begin: 3 }, () => optax.linearSchedule({ initValue: 0.1, endValue: 0.001, transitionSteps: 20, transitionBegin: 3 })],
  "optax.polynomial_schedule": [{ init_value: 0.1, end_value: 0.001, power: 3, transition_steps: 20 }, () => optax.polynomialSchedule({ initValue: 0.1, endValue: 0.001, power: 3, transitionSteps: 20 })],
  "optax.warmup_constant_schedule": [{ init_value: 0, peak_value: 0.1, warmup_steps: 6 }, () => optax.warmupConstantSchedule({ initValue: 0, peakValue: 0.1, warmupSteps: 6 })],
};

