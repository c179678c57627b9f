// The playground: tune a schedule, see it plotted (uPlot), its Keras JSON, and how long the Wasm
// kernel and the JS twin take. Served by `npm run playground`; driven by test/pages/playground.test.ts.
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { formatValue } from "../../src/core/format.js";
import { ExponentialDecay, deserialize, ready, toKerasJSON, type DType } from "../../src/index.js";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const inputs = {
  initial: $<HTMLInputElement>("initial"),
  decaySteps: $<HTMLInputElement>("decaySteps"),
  decayRate: $<HTMLInputElement>("decayRate"),
  steps: $<HTMLInputElement>("steps"),
  dtype: $<HTMLSelectElement>("dtype"),
  staircase: $<HTMLInputElement>("staircase"),
  log: $<HTMLInputElement>("log"),
};
const POINTS = 2000; // plotted points: every step up to 2000, evenly spaced steps beyond

let plot: uPlot | null = null;
let current: { schedule: ExponentialDecay<DType>; steps: number } | null = null;

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

function median(f: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[2]!;
}

function render(): void {
  $("error").textContent = "";
  let schedule: ExponentialDecay<DType>;
  const steps = Math.floor(Number(inputs.steps.value));
  try {
    if (!(steps >= 1 && steps <= 1e8)) throw new RangeError("steps must be between 1 and 100,000,000");
    schedule = new ExponentialDecay({
      initialLearningRate: Number(inputs.initial.value),
      decaySteps: Number(inputs.decaySteps.value),
      decayRate: Number(inputs.decayRate.value),
      staircase: inputs.staircase.checked,
      dtype: inputs.dtype.value as DType,
    });
    schedule(0);
  } catch (e) {
    $("error").textContent = (e as Error).message;
    return;
  }
  current = { schedule, steps };
  const n = Math.min(steps, POINTS);
  const xs = Float64Array.from({ length: n }, (_, i) => (n === steps ? i : Math.round((i * (steps - 1)) / (n - 1))));
  const ys = schedule.evaluate(xs);
  const data: uPlot.AlignedData = [Array.from(xs), Array.from(ys)];
  const log = inputs.log.checked && ys.every((v) => v > 0);
  if (plot === null || (plot.scales.y!.distr === 3) !== log) {
    plot?.destroy();
    plot = new uPlot(
      {
        // The container's width, not the body's: measured at re-creation, the body's can be transient.
        width: Math.min(940, $("plot").clientWidth || 940),
        height: 360,
        // A log scale spans whole decades, with our ticks (decades, below).
        scales: { x: { time: false }, y: log ? { distr: 3, log: 10, range: (_u, min, max) => uPlot.rangeLog(min, max, 10, true) } : { distr: 1 } },
        axes: [
          { label: "step" },
          log
            ? {
                label: `learning rate (${schedule.dtype})`,
                size: 80,
                splits: (_u, _i, min, max) => decades(min, max),
                filter: (_u, ticks) => ticks, // decades() has thinned them already
                values: (_u, ticks) => ticks.map((t) => (t == null ? "" : t.toExponential(0))),
              }
            : { label: `learning rate (${schedule.dtype})`, size: 70 },
        ],
        series: [
          { label: "step", value: (_, v) => (v == null ? "" : v.toLocaleString("en-US")) },
          { label: "learning rate", stroke: "#1f77b4", width: 2, value: (_, v) => (v == null ? "" : String(v)) },
        ],
      },
      data,
      $("plot"),
    );
  } else {
    plot.setData(data);
  }
  $<HTMLTextAreaElement>("json").value = toKerasJSON(schedule, 2);
  // Time the whole schedule on both backends; the same bits either way.
  const wasm = median(() => schedule.range(0, steps, { backend: "wasm" }));
  const js = median(() => schedule.range(0, steps, { backend: "js" }));
  $("timing").textContent =
    `${steps.toLocaleString("en-US")} steps: Wasm kernel ${wasm.toFixed(2)} ms, JS twin ${js.toFixed(2)} ms` +
    (schedule.staircase ? " (a staircase is filled run by run on either backend)" : "");
  (window as unknown as { playground: unknown }).playground = { steps: data[0], values: data[1], config: schedule.getConfig(), dtype: schedule.dtype };
}

function load(): void {
  try {
    const s = deserialize($<HTMLTextAreaElement>("paste").value) as ExponentialDecay<DType>;
    inputs.initial.value = String(s.initialLearningRate);
    inputs.decaySteps.value = String(s.decaySteps);
    inputs.decayRate.value = String(s.decayRate);
    inputs.staircase.checked = s.staircase;
    render();
  } catch (e) {
    $("error").textContent = (e as Error).message;
  }
}

function downloadCsv(): void {
  if (current === null) return;
  const { schedule, steps } = current;
  const values = schedule.range(0, steps);
  const lines = ["step,learning_rate"];
  // Each value as the shortest decimal that reads back to the same float, as the CLI writes it.
  for (let i = 0; i < steps; i++) lines.push(`${i},${formatValue(values[i]!, schedule.dtype)}`);
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([lines.join("\n") + "\n"], { type: "text/csv" }));
  link.download = "schedule.csv";
  link.click();
  URL.revokeObjectURL(link.href);
}

$("controls").addEventListener("input", render);
$("load").addEventListener("click", load);
$("copy").addEventListener("click", () => void navigator.clipboard.writeText($<HTMLTextAreaElement>("json").value));
$("csv").addEventListener("click", downloadCsv);
await ready();
render();
