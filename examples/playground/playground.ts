// The playground: any number of schedules ("curves") of any framework lrdecay computes (Keras,
// PyTorch, Hugging Face transformers, optax: the CLI's catalog, src/cli/catalog.ts), each with
// controls generated from its declared arguments, overlaid on one uPlot chart; the exact step and
// every curve's value under the cursor; each curve's JSON out and in (Keras' own for Keras, optax's
// for optax, the catalog's {"schedule": "torch.OneCycleLR", "config": {...}} otherwise); how long
// the Wasm kernel and the JS twin take; a CSV download. The intents of `lrdecay compare --intent`
// (src/cli/intents.ts) are presets: one description made into each framework's closest schedule,
// the four overlaid; beside the chart, the difference list of `lrdecay compare`
// (src/cli/differences.ts) for the curves shown. Nothing here names a schedule or an argument but
// the starting values below. Served by `npm run playground`; driven by
// test/pages/playground.test.ts. The state (steps, log scale, each curve's JSON and dtype) is kept
// in the address, so a link reproduces the page:
//
//     ?steps=10000&log=1&curve={"class_name":"ExponentialDecay","config":{...}}&dtype=float64&curve=...
//
// (`curve` is any Keras JSON loadSchedule reads, optax's JSON, or the catalog's; the i-th `dtype`
// goes with the i-th `curve`.)
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { showArgument } from "../../src/core/args.js";
import { formatValue } from "../../src/core/format.js";
import { findSchedule, ready, type DType, type FloatArray } from "../../src/index.js";
import { BUILDABLE, FRAMEWORKS, findEntry, fromCatalogJSON, type Built, type CatalogArg, type Entry } from "../../src/cli/catalog.js";
import { differences } from "../../src/cli/differences.js";
import { INTENTS, findIntent } from "../../src/cli/intents.js";

/** Keras' schedules by their names alone (as Keras' JSON names them), the others as framework.name. */
const nameOf = (entry: Entry) => (entry.framework === "keras" ? entry.name : entry.id);
const FRAMEWORK_TITLES: Record<Entry["framework"], string> = { keras: "Keras", torch: "PyTorch", transformers: "Hugging Face transformers", optax: "optax" };

/**
 * Starting values, by argument key, for arguments that have no default (the framework requires
 * them) and for an optional number's value when it is not None. Presentation only: anything else
 * starts at 1.
 */
const STARTING: Record<string, unknown> = {
  initial_learning_rate: 0.1,
  decay_steps: 1000,
  first_decay_steps: 1000,
  decay_rate: 0.5,
  boundaries: [1000, 3000],
  values: [0.1, 0.01, 0.001],
  warmup_target: 0.1,
  lr: 0.1,
  step_size: 1000,
  milestones: [1000, 3000],
  gamma: 0.9995,
  T_max: 1000,
  T_0: 1000,
  base_lr: 0.001,
  max_lr: 0.1,
  total_steps: 10000,
  num_warmup_steps: 1000,
  num_training_steps: 10000,
  num_decay_steps: 2000,
  metrics: [5, 4, 4, 4, 3, 3, 3, 3, 3, 2],
  value: 0.1,
  init_value: 0.1,
  peak_value: 0.1,
  end_value: 0.001,
  warmup_steps: 1000,
  transition_steps: 1000,
  power: 1,
  interpolate_type: "linear",
  boundaries_and_scales: { 1000: 0.5, 3000: 0.5 },
  schedulers: [
    { schedule: "torch.LinearLR", config: { start_factor: 0.01, total_iters: 1000 } },
    { schedule: "torch.CosineAnnealingLR", config: { T_max: 9000 } },
  ],
  schedules: [
    { schedule: "optax.linear_schedule", config: { init_value: 0, end_value: 0.1, transition_steps: 1000 } },
    { schedule: "optax.cosine_decay_schedule", config: { init_value: 0.1, decay_steps: 9000 } },
  ],
  cosine_kwargs: [
    { init_value: 0, peak_value: 0.1, warmup_steps: 100, decay_steps: 3000 },
    { init_value: 0, peak_value: 0.05, warmup_steps: 100, decay_steps: 3000 },
  ],
};
/** ChainedScheduler's schedulers run together, not one after the other. */
const STARTING_BY_ENTRY: Record<string, Record<string, unknown>> = {
  "torch.ChainedScheduler": {
    schedulers: [
      { schedule: "torch.ConstantLR", config: { factor: 0.5, total_iters: 1000 } },
      { schedule: "torch.ExponentialLR", config: { gamma: 0.9995 } },
    ],
  },
  "torch.SequentialLR": { milestones: [1000] },
  "torch.OneCycleLR": { total_steps: 10000 },
  "transformers.get_cosine_with_min_lr_schedule_with_warmup": { min_lr_rate: 0.1 },
  "transformers.get_cosine_with_min_lr_schedule_with_warmup_lr_rate": { min_lr_rate: 0.1 },
  "transformers.get_wsd_schedule": { num_stable_steps: 7000 },
  "optax.warmup_cosine_decay_schedule": { init_value: 0, decay_steps: 10000 },
  "optax.warmup_exponential_decay_schedule": { init_value: 0 },
  "optax.warmup_constant_schedule": { init_value: 0 },
  "optax.join_schedules": { boundaries: [1000] },
};

const DTYPES: readonly DType[] = ["float32", "float64"];
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
  readonly arg: CatalogArg;
  readonly el: HTMLElement;
  read(): unknown;
  write(value: unknown): void;
}

/** A number as typed: "" is no number (NaN, which the argument's check refuses by name). */
const parseNumber = (text: string): number => (text.trim() === "" ? NaN : Number(text.trim()));
const showNumber = (x: number): string => (Object.is(x, -0) ? "-0" : String(x));

/** The value an argument starts at: its default, or for a required one, the STARTING tables'. */
function startingValue(entry: Entry, arg: CatalogArg): unknown {
  if (!arg.required && !(arg.key in (STARTING_BY_ENTRY[entry.id] ?? {}))) return arg.default;
  return STARTING_BY_ENTRY[entry.id]?.[arg.key] ?? STARTING[arg.key] ?? (arg.kind === "numbers" ? [1] : 1);
}

/** Whether the argument's own check takes `value`. */
function accepts(arg: CatalogArg, value: unknown): boolean {
  try {
    arg.check(value);
    return true;
  } catch {
    return false;
  }
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const el = Object.assign(document.createElement(tag), props);
  el.append(...children);
  return el;
}

function control(entry: Entry, arg: CatalogArg): Control {
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
        read: () => {
          const list = text.value.trim() === "" ? [] : text.value.split(",").map(parseNumber);
          // PyTorch's float-or-list arguments (max_lr, one per param group): one number is the float, as on the command line.
          return list.length === 1 && accepts(arg, list[0]) ? list[0] : list;
        },
        write: (v) =>
          void (text.value = Array.isArray(v) ? v.map((x) => (typeof x === "number" ? showNumber(x) : String(x))).join(", ") : typeof v === "number" ? showNumber(v) : ""),
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
    case "schedules":
    case "objects":
    case "numberMap": {
      // Nested schedules, sgdr's dicts, optax's {step: scale}: JSON, read as the framework's JSON reader reads it.
      const text = element("textarea", { className: "value", rows: 3 });
      label.append(name, text);
      c = {
        arg,
        el: label,
        read: () => {
          try {
            return JSON.parse(text.value) as unknown;
          } catch {
            return text.value; // not JSON: the schedule's check names the argument
          }
        },
        write: (v) => void (text.value = v === null || v === undefined ? "null" : JSON.stringify(v)),
      };
      break;
    }
    default: {
      const text = element("input", { type: "text", className: "value", inputMode: "decimal" });
      label.append(name, text);
      c = { arg, el: label, read: () => parseNumber(text.value), write: (v) => void (text.value = typeof v === "number" ? showNumber(v) : String(v ?? "")) };
    }
  }
  c.write(startingValue(entry, arg));
  return c;
}

// --- Curves --------------------------------------------------------------------------------------

interface Curve {
  readonly root: HTMLElement;
  readonly color: string;
  entry: Entry;
  controls: Control[];
  schedule: Built | null;
  /** The values at the plotted steps, null while the curve has an error. */
  values: FloatArray | null;
  error: string;
  /**
   * Why the curve's JSON in the address did not load, until the curve is edited: until then its
   * controls (its schedule's starting values) are not what the address asked for, so nothing is drawn.
   */
  loadError: string | null;
}

const curves: Curve[] = [];
const part = <T extends HTMLElement>(curve: Curve, selector: string) => curve.root.querySelector(selector) as T;
const dtypeOf = (curve: Curve) => part<HTMLSelectElement>(curve, ".dtype").value as DType;

/** The curve's legend name: its schedule and every argument not at its default (not Keras' name). */
function label(curve: Curve): string {
  const s = curve.schedule;
  const entry = curve.entry;
  if (s === null) return nameOf(entry);
  if (entry.framework !== "keras") return `${entry.id}(${s.title()[1]})`;
  const config = s.config;
  const shown = entry.args.filter((a) => a.kind !== "string" && (a.required || showArgument(config[a.key]) !== showArgument(a.default)));
  return `${entry.name}(${shown.map((a) => `${a.key}=${showArgument(config[a.key])}`).join(", ")})`;
}

/** The curve's schedule becomes `entry`, its controls that schedule's, its dtypes those of its framework. */
function setEntry(curve: Curve, entry: Entry): void {
  curve.entry = entry;
  part<HTMLSelectElement>(curve, ".class").value = nameOf(entry);
  const dtype = part<HTMLSelectElement>(curve, ".dtype");
  const was = dtype.value as DType;
  dtype.replaceChildren(...entry.dtypes.map((d) => element("option", { value: d }, d)));
  dtype.value = entry.dtypes.includes(was) ? was : entry.dtypes[0]!;
  curve.controls = entry.args.map((a) => control(entry, a));
  part(curve, ".args").replaceChildren(...curve.controls.map((c) => c.el));
}

/** The schedule select: every schedule a config builds, grouped by framework. */
function scheduleOptions(): HTMLOptGroupElement[] {
  return FRAMEWORKS.map((f) =>
    element("optgroup", { label: FRAMEWORK_TITLES[f] }, ...BUILDABLE.filter((e) => e.framework === f).map((e) => element("option", { value: nameOf(e) }, nameOf(e)))),
  );
}

function addCurve(): Curve {
  const root = (($<HTMLTemplateElement>("curve").content.cloneNode(true) as DocumentFragment).firstElementChild as HTMLElement);
  const color = PALETTE.find((p) => !curves.some((c) => c.color === p)) ?? PALETTE[curves.length % PALETTE.length]!;
  const curve: Curve = { root, color, entry: BUILDABLE[0]!, controls: [], schedule: null, values: null, error: "", loadError: null };
  const select = part<HTMLSelectElement>(curve, ".class");
  select.append(...scheduleOptions());
  part(curve, ".swatch").style.background = color;
  root.style.borderTopColor = color;
  setEntry(curve, curve.entry);
  select.addEventListener("change", () => {
    setEntry(curve, findEntry(select.value)!);
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

/** A pasted JSON read: the catalog's ({"schedule": ...}), optax's ({"module": "optax", ...}), or any Keras JSON. */
function readPasted(json: string, dtype: DType): { entry: Entry; config: Record<string, unknown>; where: string } {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    value = undefined;
  }
  const o = value as Record<string, unknown> | undefined;
  if (o !== null && typeof o === "object" && !Array.isArray(o) && (typeof o.schedule === "string" || o.module === "optax")) {
    const catalogJSON = typeof o.schedule === "string" ? o : { schedule: `optax.${String(o.class_name)}`, config: o.config };
    const entry = findEntry(String(catalogJSON.schedule));
    const d = entry?.dtypes.includes(dtype) ? dtype : entry?.dtypes[0];
    const built = fromCatalogJSON({ ...catalogJSON, ...(d === undefined ? {} : { dtype: d }) });
    return { entry: built.entry, config: built.config as Record<string, unknown>, where: "the JSON itself" };
  }
  const { schedule, where } = findSchedule(json, { dtype });
  const entry = findEntry(schedule.toJSON().class_name)!;
  return { entry, config: schedule.getConfig(), where };
}

/**
 * JSON into a curve: any JSON loadSchedule reads (a schedule, an optimizer, a model), optax's, or
 * the catalog's. What was found, or why nothing was, shows in the curve's note; the curve keeps its
 * schedule on failure.
 */
function paste(curve: Curve, json: string): boolean {
  const note = part(curve, ".note");
  try {
    const { entry, config, where } = readPasted(json, dtypeOf(curve));
    setEntry(curve, entry);
    for (const c of curve.controls) c.write(config[c.arg.key]);
    note.textContent = `Loaded ${nameOf(entry)} from ${where}.`;
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
    // Keras' checks of the dtype's roundings come at the first value (a decay_steps that float32
    // rounds to 0): its JSON shows even so, as the library can write it.
    const schedule = curve.entry.build(config, dtypeOf(curve));
    json.value = schedule.serialized(2);
    const values = schedule.evaluate(xs);
    curve.schedule = schedule;
    curve.values = values;
    curve.error = "";
    if (retime) {
      // The whole schedule on both backends: the same bits either way.
      const wasm = median(() => schedule.rangeOn("wasm", 0, steps));
      const js = median(() => schedule.rangeOn("js", 0, steps));
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
  differenceList();
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
    return formatValue(curve.schedule.at(step), dtypeOf(curve));
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
  link.download = `${curve.entry.name}.csv`;
  link.click();
  URL.revokeObjectURL(link.href);
}

// --- The same intent, and where curves differ ----------------------------------------------------

/** Above this many steps, the difference list is of the plotted steps only (a page's memory). */
const MAX_DIFFERENCE_STEPS = 1e6;
let differenceLines: string[] = [];
let presetNotes: string[] = [];

/** A curve's name in the difference list. */
const curveName = (c: Curve, i: number) => `Curve ${i + 1} (${nameOf(c.entry)})`;

/** lrdecay compare's words for the curves drawn: each one's start, peak and end, each pair's differences. */
function differenceList(): void {
  const drawn = curves.map((c, i) => [c, i] as const).filter(([c]) => c.schedule !== null);
  const all = steps <= MAX_DIFFERENCE_STEPS && view === null;
  let lines: { shapes: string[]; pairs: string[] } = { shapes: [], pairs: [] };
  let over = "";
  if (drawn.length > 0) {
    try {
      const values = drawn.map(([c]) => (all ? c.schedule!.range(0, steps) : c.values!));
      // The plotted steps are evenly spaced only when every one is plotted (a zoom, or few steps).
      const every = all || xs.length < 2 ? 1 : xs[1]! - xs[0]!;
      const evenly = all || xs.every((x, i) => i === 0 || x - xs[i - 1]! === every);
      if (evenly) {
        lines = differences(drawn.map(([c, i]) => curveName(c, i)), values, all ? 0 : xs[0]!, every);
        over = all
          ? `Over steps 0 to ${(steps - 1).toLocaleString("en-US")}, compared as float64 (a float32 value widens exactly).`
          : `Over the ${xs.length.toLocaleString("en-US")} plotted steps ${xs[0]!.toLocaleString("en-US")} to ${xs.at(-1)!.toLocaleString("en-US")}, compared as float64.`;
      } else over = `Over ${MAX_DIFFERENCE_STEPS.toLocaleString("en-US")} steps the list needs a zoom to every step (drag across the chart), or lrdecay compare.`;
    } catch (e) {
      over = (e as Error).message;
    }
  }
  differenceLines = [...lines.shapes, ...lines.pairs];
  $("differences-over").textContent = over;
  $("shapes").replaceChildren(...lines.shapes.map((l) => element("li", {}, l)));
  $("pairs").replaceChildren(...lines.pairs.map((l) => element("li", {}, l)));
}

/** The preset's description, from its inputs. */
function presetParams() {
  const number = (id: string) => Number($<HTMLInputElement>(id).value.trim() === "" ? NaN : $<HTMLInputElement>(id).value);
  return { peak: number("peak"), warmup: number("warmup"), steps: number("training"), stepSize: number("step-size"), gamma: number("gamma") };
}

/** An intent preset: its closest schedule in each framework, one curve each, over its length and half as much again. */
function applyPreset(): void {
  const intent = findIntent($<HTMLSelectElement>("intent").value);
  if (intent === undefined) return;
  const p = presetParams();
  if (!(p.peak > 0) || !(Number.isInteger(p.steps) && p.steps >= 1) || !(Number.isInteger(p.warmup) && p.warmup >= 0 && p.warmup < p.steps) || !(Number.isInteger(p.stepSize) && p.stepSize >= 1) || !Number.isFinite(p.gamma)) {
    $("error").textContent = "The intent needs a peak above 0, training steps of 1 or more, a warm-up below them, a step size of 1 or more and a finite gamma.";
    return;
  }
  const parts = intent.parts({ ...p, warmup: intent.uses.includes("warmup") ? p.warmup : 0 });
  const made = parts.filter((x) => x.schedule !== undefined);
  presetNotes = parts.flatMap((x) => (x.note === undefined ? [] : [`${x.framework}: ${x.schedule === undefined ? "none. " : ""}${x.note}`]));
  $("preset-notes").replaceChildren(...presetNotes.map((n) => element("li", {}, n)));
  for (const c of curves.splice(0)) c.root.remove();
  for (const x of made) {
    const curve = addCurve();
    setEntry(curve, findEntry(x.schedule!.schedule)!);
    for (const c of curve.controls) if (x.schedule!.config[c.arg.key] !== undefined) c.write(x.schedule!.config[c.arg.key]);
  }
  // Past its end by half its length, as lrdecay compare --intent does, but where a schedule stops.
  const last = Math.min(p.steps - 1 + Math.ceil(p.steps / 2), ...made.map((x) => fromCatalogJSON(x.schedule!).steps.last));
  stepsInput.value = String(last + 1);
  steps = 0; // every curve again
  update([]);
}

// --- The address and the test's view -------------------------------------------------------------

/** The page's state in the address (history.replaceState), while every curve is valid. */
function saveState(): void {
  if (curves.some((c) => c.schedule === null)) return;
  const params = new URLSearchParams({ steps: String(steps) });
  if (logInput.checked) params.set("log", "1");
  for (const c of curves) {
    // Keras' JSON for Keras, as before the other frameworks came; the catalog's for the others.
    const json = c.entry.framework === "keras" ? { class_name: c.entry.name, config: c.schedule!.config } : { schedule: c.entry.id, config: c.schedule!.config };
    params.append("curve", JSON.stringify(json));
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
  /** The difference list, as shown; the intent preset's notes. */
  differences: string[];
  presetNotes: string[];
}

/** What the page shows, for test/pages/playground.test.ts. */
function expose(): void {
  const shown: Shown = {
    steps: Array.from(xs),
    total: steps,
    curves: curves.map((c) => ({
      className: nameOf(c.entry),
      dtype: dtypeOf(c),
      config: (c.schedule?.config as Record<string, unknown> | undefined) ?? null,
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
    differences: differenceLines,
    presetNotes,
  };
  (window as unknown as { playground: Shown }).playground = shown;
}

$<HTMLSelectElement>("intent").append(...INTENTS.map((i) => element("option", { value: i.name }, i.name)));
$("apply").addEventListener("click", applyPreset);
$("preset").addEventListener("submit", (e) => e.preventDefault());
$("controls").addEventListener("input", () => update([]));
$("controls").addEventListener("submit", (e) => e.preventDefault());
$("add").addEventListener("click", () => {
  const last = curves.at(-1)!;
  const curve = addCurve();
  // A copy of the last curve, to change one thing and compare.
  part<HTMLSelectElement>(curve, ".dtype").value = dtypeOf(last);
  setEntry(curve, last.entry);
  curve.controls.forEach((c, i) => c.write(last.controls[i]!.read()));
  update([curve]);
});
await ready();
loadState();
update([]);
