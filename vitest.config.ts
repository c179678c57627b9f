import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/*.test.ts"],
    // Property tests run many cases through the exact BigInt path; give them room on a busy machine.
    testTimeout: 60_000,
  },
});
