import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Tests mirror src/ and assembly/; browser/ and pages/ run in Chromium (vitest.browser.config.ts).
    include: ["test/**/*.test.ts"],
    exclude: ["test/browser/**", "test/pages/**", "**/node_modules/**"],
    // Property tests run many cases through the exact BigInt path; give them room on a busy machine.
    testTimeout: 60_000,
  },
});
