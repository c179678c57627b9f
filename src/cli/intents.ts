/**
 * "The same intent" in every framework: one description (a peak, a warm-up, a length...) made into
 * the closest schedule each framework has, as the catalog's JSON (catalog.ts), with a note wherever
 * a framework cannot say it exactly. Shared by `lrdecay compare --intent` and the playground's
 * presets. The parameterisations follow docs/frameworks' side-by-side measurement (FRAMEWORKS.md
 * section 5): optax's decay_steps counts the warm-up, Keras' does not, torch splits the intent over
 * two schedulers joined by SequentialLR, HF counts num_training_steps from 0.
 */
import type { CatalogJSON, Framework } from "./catalog.js";

/** What an intent is told. */
export interface IntentParams {
  /** The peak learning rate (the initial one for decays without a warm-up). */
  readonly peak: number;
  /** Steps of linear warm-up from 0 to the peak. */
  readonly warmup: number;
  /** The training length: the step at which the schedule has reached its end. */
  readonly steps: number;
  /** step-decay: steps between two decays. */
  readonly stepSize: number;
  /** step-decay: the factor per decay; exponential: the factor per step. */
  readonly gamma: number;
}

/** One framework's schedule for an intent, or why it has none. */
export type IntentPart =
  | { readonly framework: Framework; readonly schedule: CatalogJSON; readonly note?: string }
  | { readonly framework: Framework; readonly schedule?: undefined; readonly note: string };

export interface Intent {
  readonly name: string;
  /** The intent in words, from its parameters. */
  describe(p: IntentParams): string;
  /** The parameters it reads (beyond --peak and --steps), for help texts and refusals. */
  readonly uses: readonly ("warmup" | "stepSize" | "gamma")[];
  /** The four frameworks' schedules, in the issue's order: HF, torch, optax, Keras. */
  parts(p: IntentParams): IntentPart[];
  /** Steps worth a row of the table, besides the first, the second and the last compared. */
  landmarks(p: IntentParams): number[];
}

/** torch's LinearLR refuses start_factor 0 (PyTorch: "Starting multiplicative factor expected to be greater than 0"). */
export const TORCH_START_FACTOR = 0.01;

const torchWarmupNote = (p: IntentParams) =>
  `torch's LinearLR cannot start from 0 (start_factor must be > 0): its warm-up starts at ${TORCH_START_FACTOR} x ${p.peak} at step 0`;

/** torch's warm-up then `decay`, joined at the end of the warm-up (or `decay` alone without one). */
function torchWithWarmup(p: IntentParams, decay: CatalogJSON): CatalogJSON {
  if (p.warmup === 0) return { schedule: decay.schedule, config: { lr: p.peak, ...decay.config } };
  return {
    schedule: "torch.SequentialLR",
    config: {
      lr: p.peak,
      schedulers: [{ schedule: "torch.LinearLR", config: { start_factor: TORCH_START_FACTOR, end_factor: 1, total_iters: p.warmup } }, decay],
      milestones: [p.warmup],
    },
  };
}

const hf = (name: string, config: Record<string, unknown>): CatalogJSON => ({ schedule: `transformers.${name}`, config });
const noHf = (what: string, instead: string) => ({ framework: "transformers" as const, note: `transformers has no ${what} schedule (its get_* functions; ${instead})` });

const warmupWords = (p: IntentParams) => (p.warmup > 0 ? `linear warm-up over ${p.warmup} steps to ${p.peak}, then ` : `from ${p.peak}, `);

export const INTENTS: readonly Intent[] = [
  {
    name: "warmup-cosine",
    describe: (p) => `${warmupWords(p)}cosine to 0 at step ${p.steps}`,
    uses: ["warmup"],
    parts: (p) => [
      { framework: "transformers", schedule: hf("get_cosine_schedule_with_warmup", { lr: p.peak, num_warmup_steps: p.warmup, num_training_steps: p.steps }) },
      {
        framework: "torch",
        schedule: torchWithWarmup(p, { schedule: "torch.CosineAnnealingLR", config: { T_max: p.steps - p.warmup } }),
        ...(p.warmup > 0 ? { note: torchWarmupNote(p) } : {}),
      },
      {
        framework: "optax",
        schedule: { schedule: "optax.warmup_cosine_decay_schedule", config: { init_value: 0, peak_value: p.peak, warmup_steps: p.warmup, decay_steps: p.steps } },
        note: "optax's decay_steps counts the warm-up",
      },
      {
        framework: "keras",
        schedule: { schedule: "keras.CosineDecay", config: p.warmup > 0 ? { initial_learning_rate: 0, decay_steps: p.steps - p.warmup, warmup_target: p.peak, warmup_steps: p.warmup } : { initial_learning_rate: p.peak, decay_steps: p.steps } },
        note: "Keras' decay_steps does not count the warm-up",
      },
    ],
    landmarks: (p) => [p.warmup - 1, p.warmup, p.warmup + Math.floor((p.steps - p.warmup) / 2), p.steps - 1, p.steps, p.steps + Math.ceil(p.steps / 10)],
  },
  {
    name: "warmup-linear",
    describe: (p) => `${warmupWords(p)}linear to 0 at step ${p.steps}`,
    uses: ["warmup"],
    parts: (p) => [
      { framework: "transformers", schedule: hf("get_linear_schedule_with_warmup", { lr: p.peak, num_warmup_steps: p.warmup, num_training_steps: p.steps }) },
      {
        framework: "torch",
        schedule: torchWithWarmup(p, { schedule: "torch.LinearLR", config: { start_factor: 1, end_factor: 0, total_iters: p.steps - p.warmup } }),
        ...(p.warmup > 0 ? { note: torchWarmupNote(p) } : {}),
      },
      {
        framework: "optax",
        schedule:
          p.warmup > 0
            ? {
                schedule: "optax.join_schedules",
                config: {
                  schedules: [
                    { schedule: "optax.linear_schedule", config: { init_value: 0, end_value: p.peak, transition_steps: p.warmup } },
                    { schedule: "optax.linear_schedule", config: { init_value: p.peak, end_value: 0, transition_steps: p.steps - p.warmup } },
                  ],
                  boundaries: [p.warmup],
                },
              }
            : { schedule: "optax.linear_schedule", config: { init_value: p.peak, end_value: 0, transition_steps: p.steps } },
        ...(p.warmup > 0 ? { note: "optax has no single function for it: join_schedules of two linear_schedules" } : {}),
      },
      {
        framework: "keras",
        schedule: { schedule: "keras.PolynomialDecay", config: { initial_learning_rate: p.peak, decay_steps: p.steps, end_learning_rate: 0, power: 1 } },
        ...(p.warmup > 0 ? { note: `Keras has no linear warm-up but CosineDecay's: PolynomialDecay decays from ${p.peak} at step 0, without the warm-up` } : {}),
      },
    ],
    landmarks: (p) => [p.warmup - 1, p.warmup, p.warmup + Math.floor((p.steps - p.warmup) / 2), p.steps - 1, p.steps, p.steps + Math.ceil(p.steps / 10)],
  },
  {
    name: "step-decay",
    describe: (p) => `from ${p.peak}, times ${p.gamma} every ${p.stepSize} steps`,
    uses: ["stepSize", "gamma"],
    parts: (p) => [
      noHf("step decay", "torch's StepLR is what it would take"),
      { framework: "torch", schedule: { schedule: "torch.StepLR", config: { lr: p.peak, step_size: p.stepSize, gamma: p.gamma } } },
      { framework: "optax", schedule: { schedule: "optax.exponential_decay", config: { init_value: p.peak, transition_steps: p.stepSize, decay_rate: p.gamma, staircase: true } } },
      { framework: "keras", schedule: { schedule: "keras.ExponentialDecay", config: { initial_learning_rate: p.peak, decay_steps: p.stepSize, decay_rate: p.gamma, staircase: true } } },
    ],
    landmarks: (p) => [p.stepSize - 1, p.stepSize, 2 * p.stepSize, p.steps - 1],
  },
  {
    name: "exponential",
    describe: (p) => `from ${p.peak}, times ${p.gamma} every step`,
    uses: ["gamma"],
    parts: (p) => [
      noHf("exponential", "torch's ExponentialLR is what it would take"),
      { framework: "torch", schedule: { schedule: "torch.ExponentialLR", config: { lr: p.peak, gamma: p.gamma } }, note: "torch multiplies by gamma at each step (a product of roundings)" },
      { framework: "optax", schedule: { schedule: "optax.exponential_decay", config: { init_value: p.peak, transition_steps: 1, decay_rate: p.gamma } }, note: "optax raises decay_rate to the step (a power)" },
      { framework: "keras", schedule: { schedule: "keras.ExponentialDecay", config: { initial_learning_rate: p.peak, decay_steps: 1, decay_rate: p.gamma } }, note: "Keras raises decay_rate to the step (a power)" },
    ],
    landmarks: (p) => [1, 2, 10, Math.floor(p.steps / 2), p.steps - 1],
  },
  {
    name: "one-cycle",
    describe: (p) => `one cycle to ${p.peak} over ${p.steps} steps (cosine, 30% rising, from peak / 25 to peak / 25 / 10^4: PyTorch's and optax's defaults)`,
    uses: [],
    parts: (p) => [
      noHf("one-cycle", "torch's OneCycleLR is what it would take"),
      { framework: "torch", schedule: { schedule: "torch.OneCycleLR", config: { max_lr: p.peak, total_steps: p.steps } }, note: `OneCycleLR reaches its end at step ${p.steps - 1} and raises PyTorch's ValueError past step ${p.steps}` },
      { framework: "optax", schedule: { schedule: "optax.cosine_onecycle_schedule", config: { transition_steps: p.steps, peak_value: p.peak } }, note: `optax's cycle ends at step ${p.steps}` },
      { framework: "keras", note: "Keras has no one-cycle schedule" },
    ],
    landmarks: (p) => [Math.floor(0.3 * p.steps) - 1, Math.floor(0.3 * p.steps), p.steps - 1, p.steps],
  },
];

export const INTENT_NAMES = INTENTS.map((i) => i.name);

export function findIntent(name: string): Intent | undefined {
  return INTENTS.find((i) => i.name === name);
}
