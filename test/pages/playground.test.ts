// The playground (examples/playground, npm run playground) in Chromium: every schedule class in the
// registry driven through the controls its declaration makes, the plotted points checked against
// the library to the bit, Keras JSON pasted and copied, curves overlaid, the exact step and values
// under the cursor, the CSV download, state in the address, and a screenshot of an overlay in
// test-results/playground.png (CosineDecay with warm-up against ExponentialDecay once CosineDecay
// is in the registry; two ExponentialDecays until then).
import { mkdirSync, readFileSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright";
import { createServer, type ViteDevServer } from "vite";
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import { formatValue } from "../../src/core/format.js";
import { SCHEDULES, toKerasJSON, type Arg, type DType, type LearningRateSchedule } from "../../src/index.js";
import { BUILDABLE, findEntry, type Entry } from "../../src/cli/catalog.js";
import * as optax from "../../src/optax/index.js";
import * as torch from "../../src/torch/index.js";
import * as hf from "../../src/transformers/index.js";
import { floatRepr } from "../../src/transformers/python.js";

interface ScheduleClass {
  readonly className: string;
  readonly args: readonly Arg[];
  fromConfig(config: Record<string, unknown>, options?: { dtype?: DType }): LearningRateSchedule<DType>;
}
const CLASSES = SCHEDULES as unknown as Record<string, ScheduleClass>;
const NAMES = Object.keys(CLASSES);

let server: ViteDevServer;
let browser: Browser;
let page: Page;
let base: string;
const pageErrors: string[] = [];
/** Every response the page got with an error status (a missing favicon.ico included). */
const failedResponses: string[] = [];

beforeAll(async () => {
  server = await createServer({ root: new URL("../../examples/playground", import.meta.url).pathname, logLevel: "silent", server: { host: "127.0.0.1", port: 0 } });
  await server.listen();
  base = server.resolvedUrls!.local[0]!;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 }, acceptDownloads: true });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(base).origin });
  page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("response", (r) => void (r.status() >= 400 && failedResponses.push(`${r.status()} ${new URL(r.url()).pathname}`)));
  await open("");
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
// Errors show in the page, in the curve they belong to; nothing is thrown, and nothing is missing.
afterEach(() => {
  expect(pageErrors).toEqual([]);
  expect(failedResponses).toEqual([]);
});

interface Shown {
  steps: number[];
  total: number;
  curves: { className: string; dtype: DType; config: Record<string, unknown> | null; values: number[] | null; error: string; label: string; color: string }[];
  cursor: { step: number } | null;
  view: [number, number] | null;
  log: boolean;
  updates: number;
  /** Whether each curve has points in the chart's data. */
  drawn: boolean[];
  differences: string[];
  presetNotes: string[];
}
const shown = () => page.evaluate(() => (window as unknown as { playground: Shown }).playground);
const card = (i: number) => page.locator("#curves .curve").nth(i);

async function open(query: string): Promise<void> {
  await page.goto(base + query);
  await page.waitForFunction(() => "playground" in window, null, { timeout: 60_000 });
}

/** Runs `action` and waits until the page has computed again. */
async function act(action: () => Promise<unknown>): Promise<void> {
  const before = (await shown()).updates;
  await action();
  await page.waitForFunction((n) => (window as unknown as { playground: Shown }).playground.updates > n, before);
}

/** The Keras config curve `i`'s controls hold, read by the class's declaration. */
async function controlsOf(i: number, cls: ScheduleClass): Promise<Record<string, unknown>> {
  const config: Record<string, unknown> = {};
  const num = (text: string) => (text.trim() === "" ? NaN : Number(text));
  for (const arg of cls.args) {
    const field = card(i).locator(`.args [data-key="${arg.key}"]`);
    const value = field.locator(".value");
    switch (arg.kind) {
      case "boolean":
        config[arg.key] = await value.isChecked();
        break;
      case "numbers": {
        const text = await value.inputValue();
        config[arg.key] = text.trim() === "" ? [] : text.split(",").map(num);
        break;
      }
      case "optionalNumber":
        config[arg.key] = (await field.locator(".none").isChecked()) ? null : num(await value.inputValue());
        break;
      case "string": {
        const text = await value.inputValue();
        config[arg.key] = text === "" && (await value.getAttribute("placeholder")) === "None" ? null : text;
        break;
      }
      default:
        config[arg.key] = num(await value.inputValue());
    }
  }
  return config;
}

/**
 * Curve `i` as the library computes it from the curve's controls: the same values at the plotted
 * steps (to the bit), the same config and Keras JSON; or, where the library refuses the arguments,
 * the same error shown in the curve.
 */
async function expectAsLibrary(i: number, { valid = true } = {}): Promise<LearningRateSchedule<DType> | null> {
  const p = await shown();
  const curve = p.curves[i]!;
  const cls = CLASSES[curve.className]!;
  const config = await controlsOf(i, cls);
  let s: LearningRateSchedule<DType> | null = null;
  let values: number[];
  try {
    s = cls.fromConfig(config, { dtype: curve.dtype });
    values = Array.from(s.evaluate(p.steps));
  } catch (e) {
    expect(valid, `${curve.className} ${JSON.stringify(config)}: ${(e as Error).message}`).toBe(false);
    expect(curve.error).toBe((e as Error).message);
    expect(await card(i).locator(".error").textContent()).toBe((e as Error).message);
    expect(curve.values).toBeNull();
    // The JSON of arguments the schedule takes, though it cannot compute (float32 rounding one to 0).
    expect(await card(i).locator(".json-out").inputValue()).toBe(s === null ? "" : toKerasJSON(s, 2));
    return null;
  }
  expect(curve.error).toBe("");
  expect(p.steps.at(-1)).toBe(p.view === null ? p.total - 1 : p.view[1]);
  expect(curve.values).toEqual(values);
  expect(curve.config).toEqual(s.getConfig());
  expect(await card(i).locator(".json-out").inputValue()).toBe(toKerasJSON(s, 2));
  return s;
}

/** Another value for an argument's control, of the same kind: what the test moves each one to. */
async function perturb(i: number, arg: Arg): Promise<void> {
  const field = card(i).locator(`.args [data-key="${arg.key}"]`);
  const value = field.locator(".value");
  const half = (t: string) => String(Number(t) / 2);
  switch (arg.kind) {
    case "boolean":
      await value.setChecked(!(await value.isChecked()));
      break;
    case "numbers":
      await value.fill((await value.inputValue()).split(",").map(half).join(", "));
      break;
    case "optionalNumber":
      await field.locator(".none").setChecked(!(await field.locator(".none").isChecked()));
      break;
    case "string":
      await value.fill("playground");
      break;
    default:
      await value.fill(half(await value.inputValue()));
  }
}

test.each(NAMES)("%s: its declared arguments make its controls, and the page plots what the library computes", async (name) => {
  await open("");
  const cls = CLASSES[name]!;
  if ((await shown()).curves[0]!.className !== name) await act(() => card(0).locator(".class").selectOption(name));
  // One control per declared argument, starting where the page starts it: a valid schedule.
  expect(await card(0).locator(".args [data-key]").evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.key))).toEqual(cls.args.map((a) => a.key));
  await expectAsLibrary(0);
  expect((await shown()).curves[0]!.label).toMatch(new RegExp(`^${name}\\(`));
  expect(await page.locator("#legend tbody tr").count()).toBe(1);
  expect(await card(0).locator(".timing").textContent()).toMatch(/^10,000 steps: Wasm kernel [\d.]+ ms, JS twin [\d.]+ ms$/);
  // Every control moved in turn (numbers halved, booleans and None toggled), then the dtype: the
  // page follows, or shows the library's error in the curve.
  for (const arg of cls.args) {
    await act(() => perturb(0, arg));
    await expectAsLibrary(0, { valid: false });
  }
  await act(() => card(0).locator(".dtype").selectOption("float64"));
  await expectAsLibrary(0, { valid: false });
});

test("a control the library refuses shows its error in the curve, and the other curves stay", async () => {
  await open("");
  await act(() => page.click("#add"));
  const number = NAMES.map((n) => CLASSES[n]!.args.find((a) => a.kind === "number" && a.required)).find((a) => a !== undefined)!;
  if ((await shown()).curves[0]!.className !== NAMES[0]) await act(() => card(0).locator(".class").selectOption(NAMES[0]!));
  await act(() => card(0).locator(`.args [data-key="${number.key}"] .value`).fill("not a number"));
  expect((await shown()).curves[0]!.error).toContain(number.key);
  await expectAsLibrary(0, { valid: false });
  await expectAsLibrary(1);
  expect(await page.locator("#legend tbody tr").nth(0).locator(".value").textContent()).toBe("error");
});

test("reads Keras JSON pasted into a curve: a schedule, or an optimizer holding one", async () => {
  await open("");
  const schedule = { module: "keras.optimizers.schedules", class_name: "ExponentialDecay", config: { initial_learning_rate: 0.05, decay_steps: 20000, decay_rate: 0.9, staircase: false, name: "lr" }, registered_name: null };
  const optimizer = { module: "keras.optimizers", class_name: "Adam", config: { name: "adam", learning_rate: schedule, beta_1: 0.9 }, registered_name: null };
  await card(0).locator(".dtype").selectOption("float64");
  await card(0).locator(".json-in").fill(JSON.stringify(optimizer));
  await act(() => card(0).locator(".load").click());
  expect(await card(0).locator(".note").textContent()).toBe("Loaded ExponentialDecay from config.learning_rate.");
  const p = await shown();
  expect(p.curves[0]!.config).toEqual(schedule.config);
  expect(p.curves[0]!.dtype).toBe("float64");
  await expectAsLibrary(0);
  // Copy writes the curve's Keras JSON.
  await card(0).locator(".copy").click();
  expect(JSON.parse(await page.evaluate(() => navigator.clipboard.readText())).config).toEqual(schedule.config);
  // What cannot load says why, in the curve, which keeps its schedule.
  await card(0).locator(".json-in").fill('{"class_name": "NoSuchDecay", "config": {}}');
  await card(0).locator(".load").click();
  expect(await card(0).locator(".note").textContent()).toContain("Unknown learning rate schedule class_name=\"NoSuchDecay\"");
  await card(0).locator(".json-in").fill("{not json");
  await card(0).locator(".load").click();
  expect(await card(0).locator(".note").textContent()).toContain("is not valid JSON");
  expect((await shown()).curves[0]!.config).toEqual(schedule.config);
});

test("overlays curves on one chart, a legend row each, on a log scale", async () => {
  // Curve 1 as the previous test left it; Add copies it, and the copy is changed.
  await act(() => page.click("#add"));
  expect((await shown()).curves[1]!.config).toEqual((await shown()).curves[0]!.config);
  await act(() => card(1).locator('.args [data-key="decay_rate"] .value').fill("0.5"));
  await act(() => card(1).locator('.args [data-key="decay_steps"] .value').fill("1000"));
  await act(() => card(1).locator('.args [data-key="staircase"] .value').check());
  await act(() => page.fill("#steps", "100000"));
  await act(() => page.check("#log"));
  let p = await shown();
  // Down to 1.6e-31, 31 decades: the log axis still draws (uPlot's own ticks loop below 1e-16).
  expect(p.curves[1]!.values!.at(-1)).toBeLessThan(1e-30);
  expect(p.log).toBe(true);
  expect((await page.locator(".u-over").boundingBox())!.width).toBeGreaterThan(500);
  // Another class against the first, where the registry has one.
  const other = NAMES.find((n) => n !== "ExponentialDecay");
  if (other !== undefined) await act(() => card(1).locator(".class").selectOption(other));
  p = await shown();
  expect(p.curves.map((c) => c.error)).toEqual(["", ""]);
  expect(p.curves[0]!.color).not.toBe(p.curves[1]!.color);
  await expectAsLibrary(0);
  await expectAsLibrary(1);
  expect(await page.locator("#legend tbody td.name").allTextContents()).toEqual(p.curves.map((c) => c.label));
  expect(await page.locator("#curves .timing").allTextContents()).toEqual([0, 1].map(() => expect.stringMatching(/^100,000 steps: Wasm kernel [\d.]+ ms, JS twin [\d.]+ ms$/)));
});

test("under the cursor: the exact step, and every curve's value there as the library computes it", async () => {
  const box = (await page.locator(".u-over").boundingBox())!;
  for (const at of [0.37, 0.6123]) {
    await page.mouse.move(box.x + box.width * at, box.y + box.height / 2);
    await page.waitForFunction((a) => {
      const c = (window as unknown as { playground: Shown }).playground.cursor;
      return c !== null && Math.abs(c.step / 99999 - a) < 0.01;
    }, at);
    const p = await shown();
    const step = p.cursor!.step;
    expect(await page.textContent("#cursor-step")).toBe(`at step ${step.toLocaleString("en-US")}`);
    const texts = await page.locator("#legend tbody td.value").allTextContents();
    expect(texts).toEqual(p.curves.map((c) => formatValue(CLASSES[c.className]!.fromConfig(c.config!, { dtype: c.dtype })(step), c.dtype)));
  }
});

test("a selection dragged across the chart zooms in to every single step; a double-click zooms out", async () => {
  const box = (await page.locator(".u-over").boundingBox())!;
  const y = box.y + box.height / 2;
  await act(async () => {
    await page.mouse.move(box.x + box.width * 0.2, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.21, y, { steps: 4 });
    await page.mouse.up();
  });
  const p = await shown();
  const [lo, hi] = p.view!;
  expect(lo / 99999).toBeCloseTo(0.2, 2);
  expect(hi - lo).toBeLessThan(2000);
  expect(p.steps).toEqual(Array.from({ length: hi - lo + 1 }, (_, i) => lo + i));
  expect(await page.textContent("#sampling")).toContain(`Steps ${lo.toLocaleString("en-US")} to ${hi.toLocaleString("en-US")}: every step plotted`);
  await expectAsLibrary(0);
  await expectAsLibrary(1);
  await act(() => page.mouse.dblclick(box.x + box.width / 2, y));
  expect((await shown()).view).toBeNull();
  expect((await shown()).steps.at(-1)).toBe(99999);
});

test("downloads a curve as CSV", async () => {
  await act(() => page.fill("#steps", "5000"));
  const p = await shown();
  expect(p.steps.length).toBe(2000);
  expect(p.steps.at(-1)).toBe(4999);
  const [download] = await Promise.all([page.waitForEvent("download"), card(1).locator(".csv").click()]);
  const [head, ...rows] = readFileSync((await download.path())!, "utf8").trimEnd().split("\n");
  expect(head).toBe("step,learning_rate");
  const curve = p.curves[1]!;
  const s = CLASSES[curve.className]!.fromConfig(curve.config!, { dtype: curve.dtype });
  expect(rows).toEqual(Array.from(s.range(0, 5000), (v, i) => `${i},${formatValue(v, curve.dtype)}`));
});

test("keeps its state in the address, and removes curves", async () => {
  const before = await shown();
  await open(new URL(page.url()).search);
  const after = await shown();
  expect(after.total).toBe(5000);
  expect(after.curves.map((c) => [c.className, c.dtype, c.config])).toEqual(before.curves.map((c) => [c.className, c.dtype, c.config]));
  expect(await page.isChecked("#log")).toBe(true);
  await act(() => card(0).locator(".remove").click());
  expect((await shown()).curves.map((c) => c.config)).toEqual([before.curves[1]!.config]);
  expect(await card(0).locator(".remove").isDisabled()).toBe(true);
  expect(new URL(page.url()).searchParams.getAll("curve")).toHaveLength(1);
});

test("declares its icon inline, so browsers never ask the server for /favicon.ico (which it does not have)", async () => {
  await open("");
  const href = await page.locator('head link[rel="icon"]').getAttribute("href");
  expect(href).toMatch(/^data:image\/svg\+xml,/);
  // The icon is an image a browser decodes.
  const size = await page.evaluate(async (src) => {
    const image = new Image();
    image.src = src;
    await image.decode();
    return [image.naturalWidth, image.naturalHeight];
  }, href!);
  expect(size[0]).toBeGreaterThan(0);
  expect(size[1]).toBeGreaterThan(0);
  // Headless Chromium asks for no icon either way; a browser with a window asks for /favicon.ico
  // only when the page declares none, and this server answers it with a 404.
  expect((await page.request.get(new URL("/favicon.ico", base).href)).status()).toBe(404);
});

/**
 * A curve in the address that cannot load: nothing drawn for it (not its class's starting curve),
 * its error where it would be drawn, over the chart, and in its card and legend row; mended by
 * editing it.
 */
test.each([
  ["JSON that does not parse", "{not json", "is not valid JSON"],
  ["decay_steps: 0", JSON.stringify({ class_name: "ExponentialDecay", config: { initial_learning_rate: 0.1, decay_steps: 0, decay_rate: 0.5 } }), "Argument `decay_steps` must be > 0. Received: decay_steps=0"],
])("a curve in the address with %s draws nothing, and shows why over the chart", async (_, json, message) => {
  const good = JSON.stringify({ class_name: "ExponentialDecay", config: { initial_learning_rate: 0.1, decay_steps: 100, decay_rate: 0.5 } });
  const params = new URLSearchParams({ steps: "500" });
  params.append("curve", good);
  params.append("curve", json);
  await open(`?${params}`);
  const p = await shown();
  expect(p.curves[1]!.values).toBeNull();
  expect(p.curves[1]!.error).toContain(message);
  expect(p.drawn).toEqual([true, false]);
  await expectAsLibrary(0);
  // Over the chart, where the curve would be: the curve's number and the library's message.
  const overlay = page.locator("#plot-errors li");
  expect(await overlay.count()).toBe(1);
  expect(await overlay.textContent()).toBe(`Curve 2 is not drawn: ${p.curves[1]!.error}`);
  expect(p.curves[1]!.error).toMatch(new RegExp(`^The curve in the address cannot be loaded: .*${message.replace(/[.*+?^${}()|[\]\`]/g, "\$&")}`));
  expect(await overlay.isVisible()).toBe(true);
  const chart = (await page.locator(".u-over").boundingBox())!;
  const box = (await overlay.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(chart.y);
  expect(box.y + box.height).toBeLessThanOrEqual(chart.y + chart.height);
  expect(await card(1).locator(".error").textContent()).toBe(p.curves[1]!.error);
  expect(await page.locator("#legend tbody tr").nth(1).locator(".value").textContent()).toBe("error");
  expect(await card(1).locator(".json-in").inputValue()).toBe(json);
  // The address keeps the curve that failed, to mend.
  expect(new URL(page.url()).searchParams.getAll("curve")).toEqual([good, json]);
  // Editing the curve draws what its controls say.
  await act(() => card(1).locator('.args [data-key="decay_steps"] .value').fill("300"));
  expect((await shown()).drawn).toEqual([true, true]);
  expect(await overlay.count()).toBe(0);
  await expectAsLibrary(1);
});

/**
 * The README's screenshot, loaded from the address: a cosine with warm-up against an exponential
 * decay once CosineDecay is in the registry; until then a staircase against a smooth decay.
 */
test("leaves a screenshot of two schedules overlaid", async () => {
  const exponential = { class_name: "ExponentialDecay", config: { initial_learning_rate: 0.1, decay_steps: 10000, decay_rate: 0.5, staircase: false } };
  const other =
    "CosineDecay" in SCHEDULES
      ? { class_name: "CosineDecay", config: { initial_learning_rate: 0.0, decay_steps: 40000, alpha: 0.0, warmup_target: 0.1, warmup_steps: 10000 } }
      : { class_name: "ExponentialDecay", config: { initial_learning_rate: 0.1, decay_steps: 10000, decay_rate: 0.5, staircase: true } };
  const params = new URLSearchParams({ steps: "50000" });
  for (const c of [other, exponential]) params.append("curve", JSON.stringify(c));
  await open(`?${params}`);
  const p = await shown();
  expect(p.curves.map((c) => [c.className, c.error])).toEqual([[other.class_name, ""], [exponential.class_name, ""]]);
  await expectAsLibrary(0);
  await expectAsLibrary(1);
  const box = (await page.locator(".u-over").boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
  await page.waitForFunction(() => (window as unknown as { playground: Shown }).playground.cursor !== null);
  mkdirSync(new URL("../../test-results/", import.meta.url), { recursive: true });
  await page.screenshot({ path: new URL("../../test-results/playground.png", import.meta.url).pathname, fullPage: true });
});

// --- Every framework, the intents as presets, the difference list ------------------------------

const opt = (lr: number, momentum?: number) => {
  const group = momentum === undefined ? { lr } : { lr, momentum };
  return { param_groups: [{ ...group }], defaults: { ...group } };
};
const nameOf = (e: Entry) => (e.framework === "keras" ? e.name : e.id);

test.each(BUILDABLE.filter((e) => e.framework !== "keras").map((e) => e.id))("%s: its declared arguments make its controls, and the page plots what the catalog computes", async (id) => {
  await open("?steps=2000");
  const entry = findEntry(id)!;
  await act(() => card(0).locator(".class").selectOption(id));
  expect(await card(0).locator(".args [data-key]").evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.key))).toEqual(entry.args.map((a) => a.key));
  expect(await card(0).locator(".dtype option").allTextContents()).toEqual([...entry.dtypes]);
  const p = await shown();
  const curve = p.curves[0]!;
  expect(curve.className).toBe(id);
  if (entry.args.some((a) => a.key === "metrics")) {
    // A plateau scheduler steps on its metrics: 10 of them reach step 10, not the 2000 asked.
    expect(curve.error).toMatch(/metrics/);
    return;
  }
  expect(curve.error).toBe("");
  const built = entry.build(curve.config!, curve.dtype);
  expect(curve.values).toEqual(Array.from(built.evaluate(p.steps)));
  expect(JSON.parse(await card(0).locator(".json-out").inputValue())).toEqual(JSON.parse(built.serialized()));
  expect(await card(0).locator(".timing").textContent()).toMatch(/^2,000 steps: Wasm kernel [\d.]+ ms, JS twin [\d.]+ ms$/);
});

test("a PyTorch and an optax schedule from the page's controls: the frameworks' APIs' values", async () => {
  await open("?steps=10000");
  await act(() => card(0).locator(".class").selectOption("torch.OneCycleLR"));
  let p = await shown();
  expect(p.curves[0]!.values).toEqual(Array.from(new torch.OneCycleLR(opt(0.001, 0.9), { maxLr: 0.1, totalSteps: 10000 }).evaluate(p.steps)));
  await act(() => card(0).locator(".class").selectOption("optax.exponential_decay"));
  // float64 stays from torch (optax computes in it too, as JAX with x64); float32 is JAX without.
  expect((await shown()).curves[0]!.dtype).toBe("float64");
  await act(() => card(0).locator(".dtype").selectOption("float32"));
  await act(() => card(0).locator('.args [data-key="staircase"] .value').check());
  p = await shown();
  expect(p.curves[0]!.dtype).toBe("float32");
  expect(p.curves[0]!.values).toEqual(Array.from(optax.exponentialDecay({ initValue: 0.1, transitionSteps: 1000, decayRate: 0.5, staircase: true }).evaluate(p.steps)));
  // The catalog's JSON pasted: a torch scheduler, with its optimizer's lr.
  await card(0).locator(".json-in").fill(JSON.stringify({ schedule: "torch.StepLR", config: { lr: 0.2, step_size: 300, gamma: 0.5 } }));
  await act(() => card(0).locator(".load").click());
  expect(await card(0).locator(".note").textContent()).toBe("Loaded torch.StepLR from the JSON itself.");
  p = await shown();
  expect(p.curves[0]!.values).toEqual(Array.from(new torch.StepLR(opt(0.2), { stepSize: 300, gamma: 0.5 }).evaluate(p.steps)));
  expect(new URL(page.url()).searchParams.getAll("curve")).toEqual([JSON.stringify({ schedule: "torch.StepLR", config: { lr: 0.2, step_size: 300, gamma: 0.5 } })]);
});

test("the warm-up cosine preset overlays the four frameworks, and the difference list says where they differ", async () => {
  await open("");
  await page.selectOption("#intent", "warmup-cosine");
  await page.fill("#peak", "0.1");
  await page.fill("#warmup", "10");
  await page.fill("#training", "100");
  await act(() => page.click("#apply"));
  const p = await shown();
  expect(p.total).toBe(150);
  expect(p.curves.map((c) => [c.className, c.dtype, c.error])).toEqual([
    ["transformers.get_cosine_schedule_with_warmup", "float64", ""],
    ["torch.SequentialLR", "float64", ""],
    ["optax.warmup_cosine_decay_schedule", "float32", ""],
    ["CosineDecay", "float32", ""],
  ]);
  expect(p.drawn).toEqual([true, true, true, true]);
  expect(p.steps).toEqual(Array.from({ length: 150 }, (_, i) => i));
  // Issue 21's table, steps 0, 1 and 110, as plotted.
  const at = (step: number) => p.curves.map((c) => floatRepr(c.values![step]!));
  expect(at(0)).toEqual(["0.0", "0.001", "0.0", "0.0"]);
  expect(at(1)).toEqual(["0.010000000000000002", "0.010899999999999998", "0.01000000536441803", "0.010000000707805157"]);
  expect(at(110)).toEqual(["0.003015368960704579", "0.003015368960704578", "0.0", "0.0"]);
  // Each curve against its framework's API called directly.
  const o = opt(0.1);
  expect(p.curves[1]!.values).toEqual(Array.from(new torch.SequentialLR(o, { schedulers: [new torch.LinearLR(o, { startFactor: 0.01, totalIters: 10 }), new torch.CosineAnnealingLR(o, { tMax: 90 })], milestones: [10] }).range(0, 150)));
  expect(p.curves[0]!.values).toEqual(Array.from(hf.getCosineScheduleWithWarmup(opt(0.1), { numWarmupSteps: 10, numTrainingSteps: 100 }).range(0, 150)));
  expect(p.presetNotes).toContain("torch: torch's LinearLR cannot start from 0 (start_factor must be > 0): its warm-up starts at 0.01 x 0.1 at step 0");
  expect(await page.locator("#preset-notes li").allTextContents()).toEqual(p.presetNotes);
  // The difference list: lrdecay compare's words, the same figures as the CLI's (test/compare.test.ts).
  const list = await page.locator("#differences li").allTextContents();
  expect(list).toEqual(p.differences);
  expect(await page.textContent("#differences-over")).toBe("Over steps 0 to 149, compared as float64 (a float32 value widens exactly).");
  expect(list).toContain("Curve 1 (transformers.get_cosine_schedule_with_warmup): starts at 0.0 (step 0); peaks at 0.1 at step 10; reaches its lowest, 0.0, at step 100, then rises again (does not clamp): 0.05695865504800327 at step 149, the last compared");
  expect(list).toContain("Curve 4 (CosineDecay): starts at 0.0 (step 0); peaks at 0.10000000149011612 at step 10; reaches its end value 0.0 at step 100 and holds it to step 149 (clamps)");
  expect(list.find((l) => l.startsWith("Curve 3 (optax.warmup_cosine_decay_schedule) and Curve 4 (CosineDecay): "))).toMatch(/^[^:]+: bit-identical at 128 of 150 steps, first differ at step 1; largest absolute difference 1\.12e-8 at step 73/);
  expect(list.find((l) => l.startsWith("Curve 1 (transformers.get_cosine_schedule_with_warmup) and Curve 2 (torch.SequentialLR): "))).toContain("largest absolute difference 0.001 at step 0 (0.0 vs 0.001)");
  // Beside the chart when the window is wide enough.
  await page.setViewportSize({ width: 1400, height: 900 });
  const chart = (await page.locator("#chart").boundingBox())!;
  const beside = (await page.locator("#differences").boundingBox())!;
  expect(beside.x).toBeGreaterThanOrEqual(chart.x + chart.width);
  expect(beside.y).toBeLessThan(chart.y + chart.height);
  await page.screenshot({ path: new URL("../../test-results/playground-intent.png", import.meta.url).pathname, fullPage: true });
  await page.setViewportSize({ width: 1000, height: 900 });
});

test("the one-cycle preset: torch and optax, and why HF and Keras have none", async () => {
  await open("");
  await page.selectOption("#intent", "one-cycle");
  await page.fill("#training", "100");
  await act(() => page.click("#apply"));
  const p = await shown();
  // Compared to step 100, past which PyTorch's OneCycleLR raises.
  expect(p.total).toBe(101);
  expect(p.curves.map((c) => c.className)).toEqual(["torch.OneCycleLR", "optax.cosine_onecycle_schedule"]);
  expect(p.presetNotes).toContain("transformers: none. transformers has no one-cycle schedule (its get_* functions; torch's OneCycleLR is what it would take)");
  expect(p.presetNotes).toContain("keras: none. Keras has no one-cycle schedule");
  expect(p.differences).toContain("Curve 1 (torch.OneCycleLR): starts at 0.0040000000000000036 (step 0); peaks at 0.1 at step 29; reaches its lowest, 4e-07, at step 99, then rises again (does not clamp): 5.074647154757325e-05 at step 100, the last compared");
  expect(p.curves[1]!.values).toEqual(Array.from(optax.cosineOnecycleSchedule({ transitionSteps: 100, peakValue: 0.1 }).range(0, 101)));
});
