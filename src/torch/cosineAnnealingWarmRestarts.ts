/**
 * PyTorch's CosineAnnealingWarmRestarts (SGDR), as current PyTorch computes it:
 *
 *     get_lr:  eta_min + (base_lr - eta_min) * (1 + math.cos(math.pi * T_cur / T_i)) / 2
 *     step():  T_cur = T_cur + 1; if T_cur >= T_i: T_cur = T_cur % T_i; T_i = T_i * T_mult
 *     step(epoch):
 *       if epoch >= T_0:
 *         if T_mult == 1: T_cur = epoch % T_0
 *         else: n = int(math.log((epoch / T_0 * (T_mult - 1) + 1), T_mult))
 *               T_cur = epoch - T_0 * (T_mult ** n - 1) / (T_mult - 1); T_i = T_0 * T_mult ** n
 *       else: T_i = T_0; T_cur = epoch
 *       last_epoch = math.floor(epoch)
 *
 * `math.log(x, T_mult)` is log(x) / log(T_mult), each correctly rounded: at exact powers the
 * quotient can fall below the integer (math.log(243, 3) < 5), so `step(epoch)` then gives eta_min
 * where `step()` restarts, as PyTorch does. No deprecation warning for `step(epoch)`: this class
 * documents it (fractional epochs, `epoch + i / iters`).
 *
 * ```ts
 * const s = new CosineAnnealingWarmRestarts(0.1, { T0: 10, TMult: 2 });
 * s.step(3.5);                                // fractional epochs, as PyTorch's docstring
 * s.range(0, 1000);                           // the step() trajectory: restarts at 10, 30, 70, ...
 * ```
 *
 * Arguments: `T_0` (a positive integer; option `T0`), `T_mult` = 1 (an integer >= 1; `TMult`),
 * `eta_min` = 0.0 (`etaMin`), `last_epoch`. Resuming past the first cycle takes T_cur % T_i
 * (current PyTorch), not 1.13's T_cur - T_i.
 */
import type { Backend } from "../core/types.js";
import { describe, finiteNumber } from "../core/validate.js";
import * as arg from "./args.js";
import { cosinesOf, scratch, warmRestarts } from "./kernels.js";
import { before, type Op, type Ops, OP_SET, set } from "./ops.js";
import type { OptimizerLike } from "./optimizer.js";
import { cos, intPow, logBase, mod, PI } from "./python.js";
import { LRScheduler } from "./scheduler.js";
import { opTrack, type Track } from "./track.js";

function positiveT0(name: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v <= 0)
    throw (typeof v === "number" ? RangeError : TypeError)(`Expected positive integer T_0, but got ${describe(v)}`);
  return v;
}

function tMult(name: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 1)
    throw (typeof v === "number" ? RangeError : TypeError)(`Expected integer T_mult >= 1, but got ${describe(v)}`);
  return v;
}

/** The longest first cycle whose values a batch keeps (8 MiB), when T_mult is 1. */
const PERIOD_LIMIT = 1 << 20;

export class CosineAnnealingWarmRestarts extends LRScheduler {
  static override readonly className = "CosineAnnealingWarmRestarts";
  static override readonly args = [
    arg.int("T_0", { option: "T0", check: positiveT0, doc: "steps until the first restart" }),
    arg.int("T_mult", { default: 1, option: "TMult", check: tMult, doc: "the factor of each cycle's length" }),
    arg.float("eta_min", { default: 0.0, option: "etaMin", doc: "the lowest lr" }),
    arg.lastEpochArg(),
  ];
  readonly T0: number;
  TMult: number;
  etaMin: number;
  /** PyTorch's T_i: the current cycle's length. */
  Ti: number;
  /** PyTorch's T_cur: epochs since the last restart (fractional after a fractional step(epoch)). */
  Tcur: number;

  constructor(optimizer: OptimizerLike, options: { T0: number; TMult?: number; etaMin?: number; lastEpoch?: number });
  constructor(optimizer: OptimizerLike, T0: number, TMult?: number, etaMin?: number, lastEpoch?: number);
  constructor(optimizer: OptimizerLike, ...args: unknown[]) {
    super(optimizer, args);
    this.T0 = this.config.T_0 as number;
    this.Ti = this.T0;
    this.TMult = this.config.T_mult as number;
    this.etaMin = this.config.eta_min as number;
    this.Tcur = this.config.last_epoch as number;
    this.begin(this.config.last_epoch as number);
  }

  private value(baseLr: number, Tcur: number, Ti: number): number {
    return this.etaMin + ((baseLr - this.etaMin) * (1 + cos((PI * Tcur) / Ti))) / 2;
  }

  protected computeLr(): number[] {
    return this.baseLrs.map((b) => this.value(b, this.Tcur, this.Ti));
  }

  protected override checkEpoch(epoch: unknown): number {
    const e = finiteNumber("epoch", epoch);
    if (e < 0) throw new RangeError(`Expected non-negative epoch, but got ${e}`);
    return e;
  }

  /** PyTorch's step of this class (it does not count steps, and `step(epoch)` does not warn). */
  override step(epoch?: number | null): void {
    let e: number;
    if ((epoch === undefined || epoch === null) && this.lastEpoch < 0) epoch = 0;
    if (epoch === undefined || epoch === null) {
      e = this.lastEpoch + 1;
      this.Tcur = this.Tcur + 1;
      if (this.Tcur >= this.Ti) {
        this.Tcur = mod(this.Tcur, this.Ti);
        this.Ti = this.Ti * this.TMult;
      }
    } else {
      e = this.checkEpoch(epoch);
      if (e >= this.T0) {
        if (this.TMult === 1) this.Tcur = mod(e, this.T0);
        else {
          const n = Math.trunc(logBase((e / this.T0) * (this.TMult - 1) + 1, this.TMult));
          const p = intPow(this.TMult, n); // Python's int ** int, exact: p <= epoch (T_mult - 1) / T_0 + 1
          this.Tcur = e - (this.T0 * (p - 1)) / (this.TMult - 1);
          this.Ti = this.T0 * p;
        }
      } else {
        this.Ti = this.T0;
        this.Tcur = e;
      }
    }
    this.lastEpoch = Math.floor(e);
    this.groups.setLrs(this.computeLr());
    this.lastLr = this.groups.lrs();
  }

  protected track(backend: Backend): Track {
    const base = this.born[0]!.initial_lr ?? this.born[0]!.lr;
    const start = this.config.last_epoch as number;
    // The state after the constructor's step: step(0) afresh, or one step() from T_cur = last_epoch.
    let Tcur = 0;
    let Ti = this.T0;
    if (start >= 0) {
      Tcur = start + 1;
      if (Tcur >= Ti) {
        Tcur = mod(Tcur, Ti);
        Ti = Ti * this.TMult;
      }
    }
    const initialOp: Op = set(this.value(base, Tcur, Ti));
    let period: Float64Array | undefined;
    // With T_i growing (or a first cycle too long for the table), each cycle's values in one kernel
    // pass straight into out: within a cycle T_cur counts up by one from where it is to T_i - 1.
    const cycles = this.TMult !== 1 || this.T0 > PERIOD_LIMIT;
    return opTrack(this.born[0]!.lr, start + 1, {
      initialOp,
      // PyTorch's _update_lr(0) runs get_lr on the state the constructor left.
      milestoneOp: () => initialOp,
      run: !cycles
        ? (from: number, n: number, lr: number, out: Float64Array | null, first: number) => {
            // T_i stays T_0 and T_cur < T_0 before every step, so step k of these has T_cur =
            // (Tcur + 1 + k) % T_0: the values repeat with period T_0 (fill's, from the same table).
            // One period straight into out, then copies of what is written, doubling.
            const values = (period ??= this.period(base, backend));
            const T = this.T0;
            const skip = before(from, n, out, first);
            if (skip < n) {
              const v = out!.subarray(from + skip - first, from + n - first);
              const phase = (Tcur + 1 + skip) % T;
              const one = Math.min(v.length, T);
              const head = Math.min(one, T - phase);
              v.set(values.subarray(phase, phase + head));
              if (head < one) v.set(values.subarray(0, one - head), head);
              for (let done = one; done < v.length; done *= 2) v.copyWithin(done, 0, Math.min(done, v.length - done));
            }
            Tcur = (Tcur + n) % T;
            return n === 0 ? lr : values[Tcur]!;
          }
        : (from: number, n: number, lr: number, out: Float64Array | null, first: number) => {
            // Steps k = 0 .. n - 1 (last_epoch from + k); the first `skip` only move the state.
            // step(): T_cur + 1, and at T_i, T_cur % T_i (0: T_cur < T_i before every step) and
            // T_i * T_mult, so a cycle's steps have T_cur, T_cur + 1, ... up to T_i - 1.
            const skip = before(from, n, out, first);
            for (let k = 0; k < n; ) {
              if (Tcur + 1 >= Ti) {
                Tcur = mod(Tcur + 1, Ti);
                Ti = Ti * this.TMult;
              } else Tcur = Tcur + 1;
              const m = Math.min(n - k, Ti - Tcur);
              const k0 = Math.max(k, skip);
              if (k0 < k + m) {
                const T = Ti;
                const j = from + k0 - first;
                warmRestarts(T, Tcur + (k0 - k), base, this.etaMin, out!.subarray(j, j + (k + m - k0)), backend, (c) => this.value(base, c, T));
              }
              Tcur = Tcur + (m - 1);
              k += m;
            }
            if (n === 0) return lr;
            return skip < n ? out![from + n - 1 - first]! : this.value(base, Tcur, Ti);
          },
      fill: (_t0: number, n: number, ops: Ops) => {
        if (this.TMult === 1 && this.T0 <= PERIOD_LIMIT) {
          // T_i stays T_0: every step's value is one of the T_0 values of the first cycle (the same
          // operations on the same T_cur and T_i), computed once.
          const values = (period ??= this.period(base, backend));
          const a = ops.a;
          for (let i = 0; i < n; i++) {
            Tcur = Tcur + 1;
            if (Tcur >= Ti) Tcur = mod(Tcur, Ti);
            a[i] = values[Tcur]!;
          }
          ops.single = OP_SET;
          return;
        }
        // The cosines' arguments in JS (T_cur and T_i are a scan of integers), the cosines on the
        // kernel, then Python's arithmetic around them.
        const x = scratch(0, n);
        for (let i = 0; i < n; i++) {
          Tcur = Tcur + 1;
          if (Tcur >= Ti) {
            Tcur = mod(Tcur, Ti);
            Ti = Ti * this.TMult;
          }
          x[i] = (PI * Tcur) / Ti;
        }
        const c = scratch(1, n);
        cosinesOf(x, n, c, backend);
        const eta = this.etaMin, a = ops.a;
        for (let i = 0; i < n; i++) a[i] = eta + ((base - eta) * (1 + c[i]!)) / 2;
        ops.single = OP_SET;
      },
    });
  }

  /** The values at T_cur = 0 .. T_0 - 1 with T_i = T_0, in Python's operations, the cosines on the kernel. */
  private period(base: number, backend: Backend): Float64Array {
    const T = this.T0;
    const x = new Float64Array(T);
    for (let k = 0; k < T; k++) x[k] = (PI * k) / T;
    const c = new Float64Array(T);
    cosinesOf(x, T, c, backend);
    const eta = this.etaMin;
    for (let k = 0; k < T; k++) c[k] = eta + ((base - eta) * (1 + c[k]!)) / 2;
    return c;
  }

  protected override attributes() {
    return { T_0: this.T0, T_i: this.Ti, T_mult: this.TMult, eta_min: this.etaMin, T_cur: this.Tcur };
  }

  protected override loadAttributes(s: Record<string, unknown>): string[] {
    if (Object.hasOwn(s, "T_0")) (this as { T0: number }).T0 = positiveT0("T_0", s.T_0);
    if (Object.hasOwn(s, "T_i")) this.Ti = finiteNumber("T_i", s.T_i);
    if (Object.hasOwn(s, "T_mult")) this.TMult = tMult("T_mult", s.T_mult);
    if (Object.hasOwn(s, "eta_min")) this.etaMin = finiteNumber("eta_min", s.eta_min);
    if (Object.hasOwn(s, "T_cur")) this.Tcur = finiteNumber("T_cur", s.T_cur);
    return ["T_0", "T_i", "T_mult", "eta_min", "T_cur"];
  }
}

