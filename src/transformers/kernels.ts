/**
 * The kernels of lrdecay/transformers (assembly/transformers/, with their JS twins) as pieces of a
 * phase plan (phases.ts): each names its kernel and fills its parameter slots by name, so the type
 * check refuses a kernel the Wasm build or the twin lacks and a slot left unfilled. What each
 * kernel computes is in its file; which HF lambda uses which piece is in schedules.ts.
 */
import * as algebraicSlots from "../../assembly/transformers/algebraic.params.js";
import * as algebraic from "../../assembly/transformers/algebraic.twin.js";
import * as cosineSlots from "../../assembly/transformers/cosine.params.js";
import * as cosines from "../../assembly/transformers/cosine.twin.js";
import * as polynomialSlots from "../../assembly/transformers/polynomial.params.js";
import * as polynomials from "../../assembly/transformers/polynomial.twin.js";
import { paramsOf, type Plan, type TwinKernel } from "../core/batch.js";
import type { Kernel } from "../generated/wasm/transformers.js";
import { PI } from "../torch/python.js";
import { TRANSFORMERS } from "./wasm.js";

/**
 * A kernel with its twin and parameters (a Plan but for the exact value at one step), and where
 * in them the SCALE slot is: every kernel writes SCALE times its piece (1 here).
 */
export type Piece = Omit<Plan, "at"> & { readonly scaleSlot: number };

// Every kernel of the Wasm module has its twin (the type check says so).
const twins = { ...algebraic, ...cosines, ...polynomials } satisfies Record<Kernel, unknown>;

function piece(name: Kernel, params: Float64Array, scaleSlot: number): Piece {
  return { kernel: { module: TRANSFORMERS, name }, twin: twins[name] as TwinKernel, params, scaleSlot };
}

/** The progress p = ((t - t0) + shift) / den of algebraic.ts and cosine.ts, and HF's min ratio m. */
export interface Progress {
  readonly t0: number;
  readonly shift: number;
  readonly den: number;
  /** HF's `factor * (1 - m) + m`; 0 where HF has none. */
  readonly m?: number;
}

type Algebraic = "rise64" | "fall64" | "sqrtRise64" | "sqrtFall64" | "linear64" | "rateRise64" | "inverseSqrt64";

/** An algebraic.ts kernel: only IEEE operations. */
export function algebraicPiece(name: Algebraic, p: Progress): Piece {
  const m = p.m ?? 0;
  return piece(name, paramsOf(algebraicSlots, { T0: p.t0, SHIFT: p.shift, DEN: p.den, ONE_M: 1 - m, M: m, SCALE: 1 }), algebraicSlots.SCALE);
}

/** A cosine.ts kernel; `arg` multiplies p inside the cosine (num_cycles for restarts64). */
export function cosinePiece(name: "cosineFall64" | "cosineRise64" | "restarts64", p: Progress, arg: number): Piece {
  const m = p.m ?? 0;
  return piece(name, paramsOf(cosineSlots, { T0: p.t0, SHIFT: p.shift, DEN: p.den, ARG: arg, PI, ONE_M: 1 - m, M: m, SCALE: 1 }), cosineSlots.SCALE);
}

/** polynomial.ts's kernel. */
export function polynomialPiece(s: { w: number; decaySteps: number; power: number; lrRange: number; lrEnd: number; lrInit: number }): Piece {
  return piece(
    "polynomial64",
    paramsOf(polynomialSlots, { W: s.w, DECAY_STEPS: s.decaySteps, POWER: s.power, RANGE: s.lrRange, END: s.lrEnd, INIT: s.lrInit, SCALE: 1 }),
    polynomialSlots.SCALE,
  );
}
