/**
 * Keras' PiecewiseConstantDecay:
 *
 *     values[0]   while step <= boundaries[0]
 *     values[i]   while boundaries[i-1] < step <= boundaries[i]
 *     values[-1]  after the last boundary
 *
 * Steps and boundaries are compared as the exact numbers given; the result is 0 + R(values[i]) in
 * the dtype, as Keras 3 sums it (so -0 gives +0) (docs/NUMERICS.md).
 *
 * ```ts
 * const schedule = new PiecewiseConstantDecay([100000, 110000], [1.0, 0.5, 0.1]);
 * schedule(100000);                            // 1: the switch comes after the boundary
 * schedule(100001);                            // 0.5
 * schedule.range(0, 1_000_000);                // filled run by run, at TypedArray.fill's speed
 * ```
 *
 * Kernel: assembly/keras/piecewiseConstantDecay.ts; its JS twin beside it.
 */
import * as P from "../../assembly/keras/piecewiseConstantDecay.params.js";
import * as twins from "../../assembly/keras/piecewiseConstantDecay.twin.js";
import * as arg from "../core/args.js";
import { showArgument, type ConfigOf, type OptionsOf, type PropertiesOf } from "../core/args.js";
import { paramsOf, type Plan } from "../core/batch.js";
import { KerasSchedule, rounder } from "../core/keras.js";
import type { DType } from "../core/types.js";
import * as check from "../core/validate.js";
import { kernelOf } from "../core/wasm.js";
import { KERAS } from "./wasm.js";

const ARGS = [
  arg.numbers("boundaries", { check: boundaries, doc: "the steps after which the value changes, non-decreasing" }),
  // Keras holds the values as Python floats: written as 1.0, or Keras would compute in int32.
  arg.numbers("values", { float: true, doc: "the value before the first boundary, between each two, and after the last" }),
  arg.name("PiecewiseConstant"),
] as const;

/** The config Keras writes for a PiecewiseConstantDecay (`get_config()`). */
export type PiecewiseConstantDecayConfig = ConfigOf<typeof ARGS>;
/** The constructor's options object: Keras' arguments in camelCase, and this library's dtype. */
export type PiecewiseConstantDecayOptions<D extends DType = DType> = OptionsOf<typeof ARGS, D>;

/**
 * boundaries: finite numbers, at least one (Keras 3 reads boundaries[0] at every step: an empty list
 * builds but fails at its first call), and non-decreasing: between two decreasing boundaries Keras 3
 * adds two values together (NUMERICS.md, Inputs). Equal boundaries are fine: the value between them
 * never applies.
 */
function boundaries(name: string, value: unknown): readonly number[] {
  const list = check.finiteNumbers(name, value);
  if (list.length === 0)
    throw check.argumentError(RangeError, { argument: name, value: list, rule: `must hold at least one boundary (Keras reads ${name}[0] at every step)` }, `Argument \`${name}\` must hold at least one boundary (Keras reads ${name}[0] at every step). Received: ${name}=[]`);
  for (let i = 1; i < list.length; i++)
    if (list[i]! < list[i - 1]!)
      throw check.argumentError(
        RangeError,
        { argument: name, index: i, value: list[i], rule: "must be non-decreasing (Keras would add two values together between them)" },
        `Argument \`${name}\` must be non-decreasing (Keras would add two values together between them). ` +
          `Received: ${name}[${i - 1}]=${check.describe(list[i - 1])}, ${name}[${i}]=${check.describe(list[i])}`,
      );
  return list;
}

export interface PiecewiseConstantDecay<D extends DType = "float32"> extends PropertiesOf<typeof ARGS> {}

export class PiecewiseConstantDecay<D extends DType = "float32"> extends KerasSchedule<D> {
  static override readonly className = "PiecewiseConstantDecay";
  static override readonly args = ARGS;

  constructor(options: PiecewiseConstantDecayOptions<D>);
  /** The lists may be arrays or typed arrays of numbers; the schedule keeps frozen copies. */
  constructor(boundaries: ArrayLike<number>, values: ArrayLike<number>, name?: string | null);
  constructor(...args: unknown[]) {
    super(args);
    // Keras' check, across two arguments: the base constructor has defined both.
    const b = this.boundaries;
    const v = this.values;
    if (b.length !== v.length - 1)
      throw check.argumentError(
        RangeError,
        { argument: "values", value: v, rule: "must have one more element than boundaries" },
        "The length of boundaries should be 1 less than the length of values. " +
          `Received: boundaries=${showArgument(b)} of length ${b.length}, and values=${showArgument(v)} of length ${v.length}.`,
      );
  }

  protected kernelPlan(dtype: DType): Plan {
    const round = rounder(dtype);
    // Keras 3 computes 0 + value: + 0 turns a -0 into +0.
    const values = this.values.map((x, i) => {
      const v = round(x) + 0;
      if (!Number.isFinite(v))
        throw check.argumentError(
          RangeError,
          { argument: "values", index: i, value: x, rule: "must be finite in float32" },
          `Argument \`values\` must be finite in float32, where values[${i}]=${x} rounds to ${v}.`,
        );
      return v;
    });
    const n = this.boundaries.length;
    const params = paramsOf(P, { COUNT: n }, [...this.boundaries, ...values]);
    const twin = dtype === "float64" ? twins.piecewiseConstantDecay64 : twins.piecewiseConstantDecay32;
    const noHard = new Int32Array(0);
    return {
      ...kernelOf(KERAS, twins, "piecewiseConstantDecay", dtype),
      params,
      at: (step) => values[twins.index(params, P.SLOTS, n, step)]!,
      // The twin's range path is already run by run with TypedArray.fill: the whole range at once.
      fill: (start, out) => (twin(params, null, start, out as never, noHard, out.length), true),
    };
  }
}
