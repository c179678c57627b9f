// The playground: any number of schedules ("curves"), each of any class in the registry with
// controls generated from its declared arguments, overlaid on one uPlot chart; the exact step and
// every curve's value under the cursor; Keras JSON out and in for each; how long the Wasm kernel
// and the JS twin take; a CSV download. Nothing here names a schedule or an argument: a schedule
// added to SCHEDULES appears with no change. Served by `npm run playground`; driven by
// test/pages/playground.test.ts. The state (steps, log scale, each curve's Keras JSON and dtype)
// is kept in the address, so a link reproduces the page:
//
//     ?steps=10000&log=1&curve={"class_name":"ExponentialDecay","config":{...}}&dtype=float64&curve=...
//
// (`curve` is any Keras JSON loadSchedule reads; the i-th `dtype` goes with the i-th `curve`.)
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { showArgument } from "../../src/core/args.js";
import { formatValue } from "../../src/core/format.js";
import { SCHEDULES, findSchedule, ready, toKerasJSON, type Arg, type DType, type FloatArray, type LearningRateSchedule } from "../../src/index.js";

/** What the page needs of a schedule class: its Keras name, its declared arguments, fromConfig. */
interface ScheduleClass {
  readonly className: string;
  readonly args: readonly Arg[];
  fromConfig(config: Record<string, unknown>, options?: { dtype?: DType }): LearningRateSchedule<DType>;
}
const CLASSES = SCHEDULES as unknown as Record<string, ScheduleClass>;
const NAMES = Object.keys(CLASSES);
const DTYPES: readonly DType[] = ["float32", "float64"];

/**
 * Starting values, by Keras key, for arguments that have no default (Keras requires them) and for
 * an optional number's value when it is not None. Presentation only: anything else starts at 1.
 */
const STARTING: Record<string, number | readonly number[]> = {
  initial_learning_rate: 0.1,
  decay_steps: 1000,
  first_decay_steps: 1000,
  decay_rate: 0.5,
  boundaries: [1000, 3000],
  values: [0.1, 0.01, 0.001],
  warmup_target: 0.1,
};

const POINTS = 2000; // plotted points: every step up to 2000, evenly spaced steps beyond
const MAX_STEPS = 1e8;
const MAX_CSV_ROWS = 1e7;
const PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"];

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const stepsInput = $<HTMLInputElement>("steps");
const logInput = $<HTMLInputElement>("log");

// --- Controls from declared arguments ------------------------------------------------------------

/** One argument's control: its element, and its value as the schedule takes it. */
interface Control {
  readonly arg: Arg;
  readonly el: HTMLElement;
  read(): unknown;
  write(value: unknown): void;
}

/** A number as typed: "" is no number (NaN, which the argument's check refuses by name). */
const parseNumber = (text: string): number => (text.trim() === "" ? NaN : Number(text.trim()));
const showNumber = (x: number): string => (Object.is(x, -0) ? "-0" : String(x));

/** The value an argument starts at: its default, or for a required one, the STARTING table's. */
function startingValue(arg: Arg): unknown {
  if (!arg.required) return arg.default;
  return STARTING[arg.key] ?? (arg.kind === "numbers" ? [1] : 1);
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const el = Object.assign(document.createElement(tag), props);
  el.append(...children);
  return el;
}

function control(arg: Arg): Control {
  const label = element("label", { className: `arg ${arg.kind}`, title: arg.doc });
  label.dataset.key = arg.key;
  label.dataset.kind = arg.kind;
  const name = element("span", { className: "key" }, arg.key);
  let c: Control;
  switch (arg.kind) {
    case "boolean": {
      const box = element("input", { type: "checkbox", className: "value" });
      label.classList.add("check");
      label.append(box, name);
      c = { arg, el: label, read: () => box.checked, write: (v) => void (box.checked = v === true) };
      break;
    }
    case "numbers": {
      // A comma-separated list; an empty item is NaN, which the check names with its index.
      const text = element("input", { type: "text", className: "value", inputMode: "decimal", placeholder: "comma-separated" });
      label.append(name, text);
      c = {
        arg,
        el: label,
        read: () => (text.value.trim() === "" ? [] : text.value.split(",").map(parseNumber)),
        write: (v) => void (text.value = Array.isArray(v) ? v.map((x) => (typeof x === "number" ? showNumber(x) : String(x))).join(", ") : ""),
      };
      break;
    }
    case "optionalNumber": {
      // A number, or None: the box checked. The number stays, so unchecking brings it back.
      const text = element("input", { type: "text", className: "value", inputMode: "decimal" });
      const none = element("input", { type: "checkbox", className: "none" });
      const sync = () => void (text.disabled = none.checked);
      none.addEventListener("input", sync);
      text.value = showNumber(Number(STARTING[arg.key] ?? 1));
      label.append(name, element("span", { className: "optional" }, text, element("label", { className: "check" }, none, "none")));
      c = {
        arg,
        el: label,
        read: () => (none.checked ? null : parseNumber(text.value)),
        write: (v) => {
          none.checked = v === null || v === undefined;
          if (typeof v === "number") text.value = showNumber(v);
          sync();
        },
      };
      break;
    }
    case "string": {
      // A string; empty is None when the argument takes None (Keras' name does).
      const text = element("input", { type: "text", className: "value" });
      let takesNull = true;
      try {
        arg.check(null);
      } catch {
        takesNull = false;
      }
      if (takesNull) text.placeholder = "None";
      label.append(name, text);
      c = { arg, el: label, read: () => (text.value === "" && takesNull ? null : text.value), write: (v) => void (text.value = v === null || v === undefined ? "" : String(v)) };
      break;
    }
    default: {
      const text = element("input", { type: "text", className: "value", inputMode: "decimal" });
      label.append(name, text);
      c = { arg, el: label, read: () => parseNumber(text.value), write: (v) => void (text.value = typeof v === "number" ? showNumber(v) : String(v ?? "")) };
    }
  }
  c.write(startingValue(arg));
  return c;
}

// --- Curves --------------------------------------------------------------------------------------

interface Curve {
  readonly root: HTMLElement;
  readonly color: string;
  cls: ScheduleClass;
  controls: Control[];
  schedule: LearningRateSchedule<DType> | null;
  /** The values at the plotted steps, null while the curve has an error. */
  values: FloatArray | null;
  error: string;
  /**
   * Why the curve's Keras JSON in the address did not load, until the curve is edited: until then
   * its controls (its class's starting values) are not what the address asked for, so nothing is drawn.
   */
  loadError: string | null;
}

const curves: Curve[] = [];
const part = <T extends HTMLElement>(curve: Curve, selector: string) => curve.root.querySelector(selector) as T;
const dtypeOf = (curve: Curve) => part<HTMLSelectElement>(curve, ".dtype").value as DType;

/** The curve's legend name: its class and every argument not at its default (not its name). */
function label(curve: Curve): string {
  const s = curve.schedule;
  if (s === null) return curve.cls.className;
  const config = s.getConfig();
  const shown = curve.cls.args.filter((a) => a.kind !== "string" && (a.required || showArgument(config[a.key]) !== showArgument(a.default)));
  return `${curve.cls.className}(${shown.map((a) => `${a.key}=${showArgument(config[a.key])}`).join(", ")})`;
}

function setClass(curve: Curve, cls: ScheduleClass): void {
  curve.cls = cls;
  part<HTMLSelectElement>(curve, ".class").value = cls.className;
  curve.controls = cls.args.map(control);
  part(curve, ".args").replaceChildren(...curve.controls.map((c) => c.el));
}

function addCurve(): Curve {
  const root = (($<HTMLTemplateElement>("curve").content.cloneNode(true) as DocumentFragment).firstElementChild as HTMLElement);
  const color = PALETTE.find((p) => !curves.some((c) => c.color === p)) ?? PALETTE[curves.length % PALETTE.length]!;
  const curve: Curve = { root, color, cls: CLASSES[NAMES[0]!]!, controls: [], schedule: null, values: null, error: "", loadError: null };
  const select = part<HTMLSelectElement>(curve, ".class");
  select.append(...NAMES.map((n) => element("option", { value: n }, n)));
  part(curve, ".swatch").style.background = color;
  root.style.borderTopColor = color;
  setClass(curve, curve.cls);
  select.addEventListener("change", () => {
    setClass(curve, CLASSES[select.value]!);
    part(curve, ".note").textContent = "";
    curve.loadError = null;
    update([curve]);
  });
  part(curve, ".dtype").addEventListener("change", () => update([curve]));
  part(curve, ".args").addEventListener("input", () => {
    curve.loadError = null;
    update([curve]);
  });
  part(curve, ".args").addEventListener("submit", (e) => e.preventDefault());
  part(curve, ".remove").addEventListener("click", () => {
    curves.splice(curves.indexOf(curve), 1);
    root.remove();
    update([]);
  });
  part(curve, ".load").addEventListener("click", () => {
    if (!paste(curve, part<HTMLTextAreaElement>(curve, ".json-in").value)) return;
    curve.loadError = null;
    update([curve]);
  });
  part(curve, ".copy").addEventListener("click", () => {
    const out = part<HTMLTextAreaElement>(curve, ".json-out");
    // Without the clipboard (an insecure origin, a refusal), the text is selected to copy by hand.
    Promise.resolve(navigator.clipboard?.writeText(out.value)).catch(() => out.select());
    if (navigator.clipboard === undefined) out.select();
  });
  part(curve, ".csv").addEventListener("click", () => downloadCsv(curve));
  curves.push(curve);
  $("curves").append(root);
  return curve;
}

/**
 * Keras JSON into a curve: any JSON loadSchedule reads (a schedule, an optimizer, a model). What
 * was found, or why nothing was, shows in the curve's note; the curve keeps its schedule on failure.
 */
function paste(curve: Curve, json: string): boolean {
  const note = part(curve, ".note");
  try {
    const { schedule, where } = findSchedule(json, { dtype: dtypeOf(curve) });
    const className = schedule.toJSON().class_name;
    setClass(curve, CLASSES[className]!);
    const config = schedule.getConfig();
    for (const c of curve.controls) c.write(config[c.arg.key]);
    note.textContent = `Loaded ${className} from ${where}.`;
    note.classList.remove("failed");
    return true;
  } catch (e) {
    note.textContent = (e as Error).message;
    note.classList.add("failed");
    return false;
  }
}

// --- Computing and drawing -----------------------------------------------------------------------

let steps = 0;
let xs = new Float64Array(0);
let plot: uPlot | null = null;
let plotKey = "";
let cursorStep: number | null = null;
/** The zoomed range of steps, [lo, hi], or null for all of them. */
let view: [number, number] | null = null;
let updates = 0;

function median(f: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[2]!;
}

/** A curve's schedule from its controls, its values at the plotted steps, and (if asked) its timing. */
function compute(curve: Curve, retime: boolean): void {
  const config = Object.fromEntries(curve.controls.map((c) => [c.arg.key, c.read()]));
  const timing = part(curve, ".timing");
  const json = part<HTMLTextAreaElement>(curve, ".json-out");
  json.value = "";
  if (curve.loadError !== null) {
    curve.schedule = null;
    curve.values = null;
    curve.error = `The curve in the address cannot be loaded: ${curve.loadError}`;
    timing.textContent = "";
    part(curve, ".error").textContent = curve.error;
    return;
  }
  try {
    const schedule = curve.cls.fromConfig(config, { dtype: dtypeOf(curve) });
    // Its JSON even if computing fails below (a float32 rounding an argument to an invalid value).
    json.value = toKerasJSON(schedule, 2);
    const values = schedule.evaluate(xs);
    curve.schedule = schedule;
    curve.values = values;
    curve.error = "";
    if (retime) {
      // The whole schedule on both backends: the same bits either way.
      const wasm = median(() => schedule.range(0, steps, { backend: "wasm" }));
      const js = median(() => schedule.range(0, steps, { backend: "js" }));
      timing.textContent = `${steps.toLocaleString("en-US")} steps: Wasm kernel ${wasm.toFixed(2)} ms, JS twin ${js.toFixed(2)} ms`;
    }
  } catch (e) {
    curve.schedule = null;
    curve.values = null;
    curve.error = (e as Error).message;
    timing.textContent = "";
  }
  part(curve, ".error").textContent = curve.error;
}

/** Recompute `changed` curves (all of them when the steps change), then redraw. */
function update(changed: readonly Curve[]): void {
  $("error").textContent = "";
  const n = Math.floor(Number(stepsInput.value));
  if (!(n >= 1 && n <= MAX_STEPS)) {
    $("error").textContent = `steps must be between 1 and ${MAX_STEPS.toLocaleString("en-US")}`;
    return;
  }
  if (n !== steps) {
    steps = n;
    view = null;
    sample();
    changed = curves;
  }
  for (const curve of changed) compute(curve, true);
  refresh();
}

/**
 * Zoom to the steps lo to hi (a selection dragged on the chart), or back to all of them (null):
 * the plotted steps are sampled again there, down to every single step.
 */
function zoom(range: [number, number] | null): void {
  view = range;
  sample();
  for (const curve of curves) compute(curve, false);
  refresh();
}

/** The plotted steps: every step of the view (all steps, or the zoomed range) up to POINTS, evenly spaced beyond. */
function sample(): void {
  const [lo, hi] = view ?? [0, steps - 1];
  const count = hi - lo + 1;
  const m = Math.min(count, POINTS);
  xs = Float64Array.from({ length: m }, (_, i) => lo + (m === count ? i : Math.round((i * (count - 1)) / (m - 1))));
  const every = m === count ? "every step" : `${m.toLocaleString("en-US")} of ${count.toLocaleString("en-US")} steps (one in about ${Math.round((count - 1) / (m - 1))})`;
  $("sampling").textContent =
    view === null
      ? `${every} plotted. Drag across the chart to zoom in.`
      : `Steps ${lo.toLocaleString("en-US")} to ${hi.toLocaleString("en-US")}: ${every} plotted. Double-click the chart to see them all.`;
}

/** Everything drawn from the curves: the chart, the legend, the address, the test's view. */
function refresh(): void {
  updates++;
  curves.forEach((c, i) => {
    part(c, ".title").textContent = `Curve ${i + 1}`;
    part<HTMLButtonElement>(c, ".remove").disabled = curves.length === 1;
  });
  $<HTMLButtonElement>("add").disabled = curves.length >= PALETTE.length;
  draw();
  plotErrors();
  legend();
  saveState();
  expose();
}

function draw(): void {
  const plotted = curves.filter((c) => c.values !== null);
  const positive = plotted.every((c) => c.values!.every((v) => v > 0));
  const log = logInput.checked && positive && plotted.length > 0;
  $("notice").textContent = logInput.checked && !log ? "The log scale needs every value to be positive: shown linear." : "";
  // NaN is no point to uPlot: a gap.
  const data: uPlot.AlignedData = [
    Array.from(xs),
    ...curves.map((c) => (c.values === null ? Array.from(xs, () => null) : Array.from(c.values, (v) => (Number.isFinite(v) ? v : null)))),
  ];
  const key = `${log}|${curves.map((c) => c.color).join()}`;
  if (plot !== null && key === plotKey) {
    plot.setData(data);
    return;
  }
  plot?.destroy();
  plotKey = key;
  plot = new uPlot(
    {
      // The container's width, not the body's: measured at re-creation, the body's can be transient.
      width: Math.min(940, $("plot").clientWidth || 940),
      height: 360,
      legend: { show: false }, // the table below the chart is the legend, with exact values
      // A log scale spans whole decades, with our ticks (decades, below).
      scales: { x: { time: false }, y: log ? { distr: 3, log: 10, range: (_u, min, max) => uPlot.rangeLog(min, max, 10, true) } : { distr: 1 } },
      axes: [
        { label: "step" },
        log
          ? {
              label: "learning rate",
              size: 80,
              splits: (_u, _i, min, max) => decades(min, max),
              filter: (_u, ticks) => ticks, // decades() has thinned them already
              values: (_u, ticks) => ticks.map((t) => (t == null ? "" : t.toExponential(0))),
            }
          : { label: "learning rate", size: 70 },
      ],
      series: [{ label: "step" }, ...curves.map((c, i) => ({ label: `Curve ${i + 1}`, stroke: c.color, width: 2 }))],
      cursor: {
        // The cursor snaps to a whole step, the one the readout shows, between plotted points too.
        move: (u, left, top) => {
          if (!(left >= 0)) return [left, top];
          return [u.valToPos(stepAt(u, left), "x"), top];
        },
        points: { show: false },
        y: false, // the height under the cursor is no value of any curve
        // A selection zooms, sampling the range again (zoom), rather than stretching the points.
        drag: { x: true, y: false, setScale: false },
      },
      hooks: {
        setSelect: [
          (u) => {
            const { left, width } = u.select;
            u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
            const lo = stepAt(u, left);
            const hi = stepAt(u, left + width);
            if (width > 2 && hi > lo) zoom([lo, hi]);
          },
        ],
        setCursor: [
          (u) => {
            const left = u.cursor.left ?? -1;
            if (left >= 0) {
              cursorStep = stepAt(u, left);
              legend();
              expose();
            }
          },
        ],
      },
    },
    data,
    $("plot"),
  );
  plot.over.addEventListener("dblclick", () => view !== null && zoom(null));
}

/** Each curve that cannot be drawn, and why, over the chart where it would be. */
function plotErrors(): void {
  $("plot-errors").replaceChildren(
    ...curves.flatMap((c, i) => (c.values === null ? [element("li", {}, `Curve ${i + 1} is not drawn: ${c.error}`)] : [])),
  );
}

/** The whole step at a cursor position, within the steps shown. */
function stepAt(u: uPlot, left: number): number {
  return Math.min(steps - 1, Math.max(0, Math.round(u.posToVal(left, "x"))));
}

/**
 * Ticks at powers of ten, at most about nine of them. uPlot's own log ticks round to 16 decimals
 * and never end below 1e-16, where a decayed schedule often goes (found by the playground test).
 */
function decades(min: number, max: number): number[] {
  const low = Math.floor(Math.log10(min));
  const high = Math.ceil(Math.log10(max));
  const stride = Math.max(1, Math.ceil((high - low) / 8));
  const ticks: number[] = [];
  for (let e = low; e <= high; e += stride) ticks.push(Number(`1e${e}`));
  return ticks;
}

/** Each curve's value at the cursor's step, as the schedule computes it there. */
function valueAt(curve: Curve, step: number): string {
  if (curve.schedule === null) return "error";
  try {
    return formatValue(curve.schedule(step), dtypeOf(curve));
  } catch (e) {
    return (e as Error).message;
  }
}

/** The legend: a row per curve (its color, name and dtype) with its value at the cursor's step. */
function legend(): void {
  const step = cursorStep !== null && cursorStep < steps ? cursorStep : null;
  $("cursor-step").textContent = step === null ? "move the cursor over the chart" : `at step ${step.toLocaleString("en-US")}`;
  $("legend").querySelector("tbody")!.replaceChildren(
    ...curves.map((c) => {
      const swatch = element("span", { className: "swatch" });
      swatch.style.background = c.color;
      const value = element("td", { className: c.schedule === null ? "value failed" : "value" }, step === null ? "" : valueAt(c, step));
      if (step === null && c.schedule === null) value.textContent = "error";
      return element("tr", {}, element("td", {}, swatch), element("td", { className: "name" }, label(c)), element("td", {}, dtypeOf(c)), value);
    }),
  );
}

function downloadCsv(curve: Curve): void {
  const schedule = curve.schedule;
  if (schedule === null) return;
  if (steps > MAX_CSV_ROWS) {
    part(curve, ".error").textContent = `A CSV of more than ${MAX_CSV_ROWS.toLocaleString("en-US")} steps is too large for a page; the CLI writes any number.`;
    return;
  }
  const values = schedule.range(0, steps);
  const lines = ["step,learning_rate"];
  // Each value as the shortest decimal that reads back to the same float, as the CLI writes it.
  for (let i = 0; i < steps; i++) lines.push(`${i},${formatValue(values[i]!, schedule.dtype)}`);
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([lines.join("\n") + "\n"], { type: "text/csv" }));
  link.download = `${curve.cls.className}.csv`;
  link.click();
  URL.revokeObjectURL(link.href);
}

// --- The address and the test's view -------------------------------------------------------------

/** The page's state in the address (history.replaceState), while every curve is valid. */
function saveState(): void {
  if (curves.some((c) => c.schedule === null)) return;
  const params = new URLSearchParams({ steps: String(steps) });
  if (logInput.checked) params.set("log", "1");
  for (const c of curves) {
    const { class_name, config } = c.schedule!.toJSON();
    params.append("curve", JSON.stringify({ class_name, config }));
    params.append("dtype", dtypeOf(c));
  }
  history.replaceState(null, "", `?${params}`);
}

/** The state in the address at load: steps, log scale, curves. A curve that fails shows why. */
function loadState(): void {
  const params = new URLSearchParams(location.search);
  if (params.has("steps")) stepsInput.value = params.get("steps")!;
  logInput.checked = params.get("log") === "1";
  const dtypes = params.getAll("dtype");
  params.getAll("curve").slice(0, PALETTE.length).forEach((json, i) => {
    const curve = addCurve();
    const dtype = dtypes[i];
    if (dtype !== undefined && (DTYPES as readonly string[]).includes(dtype)) part<HTMLSelectElement>(curve, ".dtype").value = dtype;
    // A failure shows in the curve (with the JSON, to mend) and over the chart; the curve draws
    // nothing until it is edited.
    if (paste(curve, json)) part(curve, ".note").textContent = "";
    else {
      part<HTMLTextAreaElement>(curve, ".json-in").value = json;
      curve.loadError = part(curve, ".note").textContent;
    }
  });
  if (curves.length === 0) addCurve();
}

interface Shown {
  steps: number[];
  total: number;
  curves: { className: string; dtype: DType; config: Record<string, unknown> | null; values: number[] | null; error: string; label: string; color: string }[];
  cursor: { step: number } | null;
  view: [number, number] | null;
  log: boolean;
  /** How many times the page has computed (update), for the test to wait on. */
  updates: number;
  /** Whether each curve has points in the chart's data. */
  drawn: boolean[];
}

/** What the page shows, for test/pages/playground.test.ts. */
function expose(): void {
  const shown: Shown = {
    steps: Array.from(xs),
    total: steps,
    curves: curves.map((c) => ({
      className: c.cls.className,
      dtype: dtypeOf(c),
      config: c.schedule?.getConfig() ?? null,
      values: c.values === null ? null : Array.from(c.values),
      error: c.error,
      label: label(c),
      color: c.color,
    })),
    cursor: cursorStep === null ? null : { step: cursorStep },
    view,
    log: plot?.scales.y?.distr === 3,
    updates,
    drawn: curves.map((_, i) => (plot?.data[i + 1] ?? []).some((v) => v !== null && v !== undefined)),
  };
  (window as unknown as { playground: Shown }).playground = shown;
}

$("controls").addEventListener("input", () => update([]));
$("controls").addEventListener("submit", (e) => e.preventDefault());
$("add").addEventListener("click", () => {
  const last = curves.at(-1)!;
  const curve = addCurve();
  // A copy of the last curve, to change one thing and compare.
  part<HTMLSelectElement>(curve, ".dtype").value = dtypeOf(last);
  setClass(curve, last.cls);
  curve.controls.forEach((c, i) => c.write(last.controls[i]!.read()));
  update([curve]);
});
await ready();
loadState();
update([]);
