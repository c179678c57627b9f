/**
 * lrdecay/optax on its own: it declares its Wasm module and no other, so a page that imports it
 * loads none of Keras' code or kernels (this file imports nothing else; test/package.test.ts checks
 * the built bundle's imports).
 */
import { expect, test } from "vitest";
import { cosineDecaySchedule, ready } from "../../src/optax/index.js";

test("ready() waits for optax's Wasm module alone", async () => {
  const info = await ready();
  expect(Object.keys(info.modules)).toEqual(["optax"]);
  expect(info.bytes).toBe(info.modules.optax);
  expect(cosineDecaySchedule(0.1, 100).range(0, 100, { backend: "wasm" })).toHaveLength(100);
});
