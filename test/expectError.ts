import { expect } from "vitest";

/**
 * The error `run` throws has this class and exactly this message (lrdecay's errors may carry data
 * besides: core/validate.ts' argumentError; vitest's toThrow(new Error(...)) would compare that too).
 */
export function expectError(run: () => unknown, Type: ErrorConstructor | TypeErrorConstructor | RangeErrorConstructor, message: string): void {
  let thrown: unknown;
  try {
    run();
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(Type);
  expect((thrown as Error).message).toBe(message);
}
