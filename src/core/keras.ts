/**
 * The base of Keras' built-in schedules. A built-in declares its Keras arguments (core/args.ts)
 * and its plan (its kernels, their JS twins and parameters, and its exact value at one step);
 * everything else comes from the declaration: both constructor forms, fromConfig, getConfig,
 * toString, the properties, and (in core/serialization.ts) Keras JSON.
 *
 * ```ts
 * export class MyDecay<D extends DType = "float32"> extends KerasSchedule<D> {
 *   static readonly className = "MyDecay";
 *   static readonly args = ARGS;
 *   constructor(...args: unknown[]) { super(args); }
 *   protected override kernelPlan(dtype: DType): Plan { ... }
 * }
 * ```
 */
import { readArguments, readConfig, showArgument, type Arg } from "./args.js";
import type { Plan } from "./batch.js";
import { LearningRateSchedule } from "./schedule.js";
import type { DType } from "./types.js";
import * as check from "./validate.js";

interface KerasClass {
  readonly className: string;
  readonly args: readonly Arg[];
}

export abstract class KerasSchedule<D extends DType = "float32"> extends LearningRateSchedule<D> {
  /** The class name Keras serializes this schedule under. */
  declare static readonly className: string;
  /** Its Keras arguments, in Keras' positional order. */
  declare static readonly args: readonly Arg[];

  constructor(given: readonly unknown[]) {
    const cls = new.target as unknown as KerasClass;
    const { config, dtype } = readArguments(cls.args, cls.className, given);
    // No dtype given: float32, or the dtype deserialize was asked for when a subclass's own
    // fromConfig builds it (core/schedule.ts, withUnspecifiedDtype).
    super(dtype === undefined ? undefined : (dtype as D));
    // Instances are functions, whose own `name` is read-only: define every argument over it.
    for (const arg of cls.args) Object.defineProperty(this, arg.option, { value: config[arg.key], enumerable: true });
  }

  /** Builds the schedule from Keras' config (keys as `getConfig()` writes them). */
  static override fromConfig<S>(
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each subclass types its own options
    this: new (options: any) => S,
    config: Record<string, unknown>,
    options: { dtype?: DType } = {},
  ): S {
    const cls = this as unknown as KerasClass;
    const { dtype } = check.plainObject("options", options);
    return new this({ ...readConfig(cls.args, cls.className, config), dtype });
  }

  /** Keras' config: exactly the constructor's arguments, under Keras' names. */
  override getConfig(): Record<string, unknown> {
    const self = this as unknown as Record<string, unknown>;
    return Object.fromEntries(this.#class().args.map((a) => [a.key, Array.isArray(self[a.option]) ? [...(self[a.option] as unknown[])] : self[a.option]]));
  }

  override toString(): string {
    const config = this.getConfig();
    return `${this.#class().className}(${Object.entries(config).map(([k, v]) => `${k}=${showArgument(v)}`).join(", ")})`;
  }

  readonly #kernelPlans: Partial<Record<DType, Plan>> = {};

  /** The learning rate at `step` in the schedule's dtype, as `schedule(step)` gives it. */
  override compute(step: number): number {
    return this.#kernelPlan(this.dtype).at(check.finiteNumber("step", step));
  }

  protected override createPlan(dtype: DType): Plan {
    // A subclass that computes its own values (compute overridden) runs them in JavaScript; its
    // compute may still call this class's through super.compute.
    return this.compute === KerasSchedule.prototype.compute ? this.#kernelPlan(dtype) : super.createPlan(dtype);
  }

  #kernelPlan(dtype: DType): Plan {
    return (this.#kernelPlans[dtype] ??= this.kernelPlan(dtype));
  }

  /** This schedule's kernels, twins and parameters in `dtype`. */
  protected abstract kernelPlan(dtype: DType): Plan;

  #class(): KerasClass {
    return this.constructor as unknown as KerasClass;
  }
}

const same = (x: number) => x;

/** R(x): the value as the dtype holds it (Keras casts every argument to the learning rate's dtype). */
export function rounder(dtype: DType): (x: number) => number {
  return dtype === "float64" ? same : Math.fround;
}

/**
 * R(value) for an argument that must be > 0 (decay_steps, first_decay_steps): a positive number
 * below 2^-150 rounds to 0 in float32, where Keras' check would no longer hold, so it is refused then.
 */
export function positiveInDtype(name: string, value: number, dtype: DType): number {
  const rounded = rounder(dtype)(value);
  if (rounded === 0) throw check.argumentError(RangeError, { argument: name, value, rule: "must be > 0 in float32, where it rounds to 0" });
  return rounded;
}
