/**
 * What the fused kernels' tests (warmupCosine.test.ts, sgdr.test.ts) share: counts interleaved from
 * both ends of a list, so that one group of lanes holds counts of different pieces and cycles, and
 * the check of an array schedule against the oracle on every backend at every length from 1 to 9
 * (the lanes' tails) and over the whole list (across the chunk ends the tests set).
 */
import { expect } from "vitest";
import type { DType } from "../../src/core/types.js";
import type { OptaxSchedule } from "../../src/optax/index.js";
import type { Count } from "./oracle.js";

export const BACKENDS = ["js", "wasm-scalar", "wasm-simd", "auto"] as const;

/** all[0], all[n - 1], all[1], all[n - 2], ...; odd in number (one dropped if need be). */
export function interleaved(all: readonly number[]): number[] {
  const mixed: number[] = [];
  for (let i = 0, j = all.length - 1; i <= j; i++, j--) mixed.push(all[i]!, ...(i < j ? [all[j]!] : []));
  return mixed.length % 2 === 1 ? mixed : mixed.slice(1);
}

/** Every backend's evaluate() on slices of 1 to 9 counts and on all of them: each value the oracle's bits. */
export function expectArrays(s: OptaxSchedule<DType>, want: Count, counts: readonly number[]): void {
  const lists = [...Array.from({ length: 9 }, (_, n) => counts.slice(n, 2 * n + 1)), counts];
  for (const backend of BACKENDS)
    for (const list of lists) {
      const got = s.evaluate(list, { backend });
      list.forEach((t, i) => {
        if (!Object.is(got[i], want(t))) expect([backend, t, got[i]]).toEqual([backend, t, want(t)]);
      });
    }
}
