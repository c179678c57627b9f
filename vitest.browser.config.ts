// npm run test:browser: the library's tests that need no Node API, in headless Chromium (Debian's,
// /usr/bin/chromium: nothing downloads a browser), through Vitest's browser mode and Playwright.
import { playwright } from "@vitest/browser-playwright";
import { defineConfig } from "vitest/config";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  test: {
    testTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: "chromium",
          include: [
            "test/browser/*.test.ts",
            // Everything that needs no Node API: the numerics' oracle tests compile AssemblyScript with
            // Node's file system, and the CLI and package tests run processes.
            "test/{parity,serialization,hardening,fuzz,wasm,custom,types}.test.ts",
            "test/exact/*.test.ts",
            "test/keras/*.test.ts",
          ],
          setupFiles: ["test/browser/setup.ts"],
          globalSetup: ["test/browser/global-setup.ts"],
          browser: {
      enabled: true,
      headless: true,
      screenshotFailures: false,
      provider: playwright({
        launchOptions: {
          executablePath: chromium,
          // As root, without a GPU, and without the background traffic a closed network refuses.
          args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        },
      }),
      instances: [{ browser: "chromium" }],
          },
        },
      },
      // Pages (no bundler, a Vite build) driven from Node with Playwright.
      { extends: true, test: { name: "pages", include: ["test/pages/*.test.ts"], environment: "node" } },
    ],
  },
});
