// The playground (examples/playground, npm run playground) in Chromium: it plots the library's
// values, follows its controls, reads pasted Keras JSON, downloads CSV, and leaves a screenshot in
// test-results/playground.png.
import { mkdirSync, readFileSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright";
import { createServer, type ViteDevServer } from "vite";
import { afterAll, beforeAll, expect, test } from "vitest";
import { ExponentialDecay, type DType } from "../../src/index.js";

let server: ViteDevServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await createServer({ root: new URL("../../examples/playground", import.meta.url).pathname, logLevel: "silent", server: { host: "127.0.0.1", port: 0 } });
  await server.listen();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  page = await browser.newPage({ viewport: { width: 1000, height: 900 }, acceptDownloads: true });
  await page.goto(server.resolvedUrls!.local[0]!);
  await page.waitForFunction(() => "playground" in window, null, { timeout: 60_000 });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Shown { steps: number[]; values: number[]; config: Record<string, unknown>; dtype: DType }
const shown = () => page.evaluate(() => (window as unknown as { playground: Shown }).playground);

/** The plotted points are the library's values at the plotted steps, to the bit. */
async function expectPlotted(a: number, d: number, r: number, staircase: boolean, dtype: DType, steps: number): Promise<void> {
  const p = await shown();
  const s = new ExponentialDecay({ initialLearningRate: a, decaySteps: d, decayRate: r, staircase, dtype });
  expect(p.steps.at(-1)).toBe(steps - 1);
  expect(p.values).toEqual(Array.from(s.evaluate(p.steps)));
  expect(p.config).toEqual(s.getConfig());
}

test("plots the default schedule, then follows a control", async () => {
  await expectPlotted(0.1, 1000, 0.96, false, "float32", 100000);
  await page.fill("#decayRate", "0.5");
  await page.waitForFunction(() => (window as unknown as { playground: Shown }).playground.config.decay_rate === 0.5);
  await expectPlotted(0.1, 1000, 0.5, false, "float32", 100000);
  await page.check("#staircase");
  await page.selectOption("#dtype", "float64");
  await page.check("#log");
  await page.waitForFunction(() => (window as unknown as { playground: Shown }).playground.dtype === "float64");
  await expectPlotted(0.1, 1000, 0.5, true, "float64", 100000);
  // 31 decades, down to 1.6e-31: the log axis still draws (uPlot's own ticks loop below 1e-16).
  expect((await page.locator(".u-over").boundingBox())!.width).toBeGreaterThan(500);
  expect(await page.textContent("#timing")).toMatch(/100,000 steps: Wasm kernel [\d.]+ ms, JS twin [\d.]+ ms/);
});

test("reads pasted Keras JSON and shows the schedule's own", async () => {
  await page.fill("#paste", '{"module": "keras.optimizers.schedules", "class_name": "ExponentialDecay", "config": {"initial_learning_rate": 0.05, "decay_steps": 20000, "decay_rate": 0.9, "staircase": false, "name": "lr"}, "registered_name": null}');
  await page.click("#load");
  await page.waitForFunction(() => (window as unknown as { playground: Shown }).playground.config.decay_steps === 20000);
  await expectPlotted(0.05, 20000, 0.9, false, "float64", 100000);
  expect(JSON.parse(await page.inputValue("#json")).config.initial_learning_rate).toBe(0.05);
  await page.fill("#paste", '{"class_name": "CosineDecay", "config": {}}');
  await page.click("#load");
  expect(await page.textContent("#error")).toContain("Unknown learning rate schedule");
});

test("downloads the schedule as CSV", async () => {
  await page.fill("#steps", "5000");
  await page.waitForFunction(() => (window as unknown as { playground: Shown }).playground.steps.length === 2000 && (window as unknown as { playground: Shown }).playground.steps.at(-1) === 4999);
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#csv")]);
  const [head, ...rows] = readFileSync((await download.path())!, "utf8").trimEnd().split("\n");
  expect(head).toBe("step,learning_rate");
  const s = new ExponentialDecay({ initialLearningRate: 0.05, decaySteps: 20000, decayRate: 0.9, dtype: "float64" });
  expect(rows.map((r) => Number(r.split(",")[1]))).toEqual(Array.from(s.range(0, 5000)));
});

test("hovering over the curve shows the step and its value, on a log scale", async () => {
  const box = (await page.locator(".u-over").boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.37, box.y + box.height / 2);
  // uPlot's legend follows the cursor (on the next animation frame): the step and the rate there.
  await page.waitForFunction(() => /^[\d,]+$/.test(document.querySelector(".u-legend .u-value")?.textContent ?? ""));
  const [stepText, rateText] = await page.locator(".u-legend .u-value").allTextContents();
  const step = Number(stepText!.replaceAll(",", ""));
  const s = new ExponentialDecay({ initialLearningRate: 0.05, decaySteps: 20000, decayRate: 0.9, dtype: "float64" });
  expect(step).toBeGreaterThan(1000);
  expect(Number(rateText)).toBe(s(step));
});

test("leaves a screenshot", async () => {
  await page.fill("#paste", '{"class_name": "ExponentialDecay", "config": {"initial_learning_rate": 0.1, "decay_steps": 10000, "decay_rate": 0.5, "staircase": true}}');
  await page.click("#load");
  await page.fill("#steps", "100000");
  await page.uncheck("#log");
  await page.waitForFunction(() => (window as unknown as { playground: Shown }).playground.steps.at(-1) === 99999);
  const box = (await page.locator(".u-over").boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.25, box.y + box.height / 2);
  mkdirSync(new URL("../../test-results/", import.meta.url), { recursive: true });
  await page.screenshot({ path: new URL("../../test-results/playground.png", import.meta.url).pathname, fullPage: true });
});
