/** Plots of a schedule: in the terminal (asciichart) and as an SVG file (vega). */
import { plot as asciiPlot } from "asciichart";
import * as vega from "vega";
import type { DType, LearningRateSchedule } from "../index.js";
import { showArgument } from "../core/args.js";

/** The schedule's class and its arguments but the name: ["CosineDecay", "initial_learning_rate=0, ..."]. */
export function titleOf(schedule: LearningRateSchedule<DType>): [string, string] {
  const cls = schedule.constructor as { className?: string; name: string };
  let config: Record<string, unknown> = {};
  try {
    config = schedule.getConfig();
  } catch {
    // A schedule of one's own without getConfig: its class name only.
  }
  const args = Object.entries(config).filter(([k]) => k !== "name").map(([k, v]) => `${k}=${showArgument(v)}`);
  return [cls.className ?? cls.name, args.join(", ")];
}

/** n steps spread over [first, last] on the grid first + k * every, with their rates. */
export function sample(schedule: LearningRateSchedule<DType>, first: number, last: number, every: number, n: number) {
  const points = Math.max(2, Math.min(n, Math.floor((last - first) / every) + 1));
  const steps = Array.from({ length: points }, (_, i) => first + every * Math.round(((last - first) / every) * (i / (points - 1))));
  return { steps, values: Array.from(schedule.evaluate(steps)) };
}

/** A terminal chart as wide as the terminal, optionally on a log scale. */
export function terminalPlot(schedule: LearningRateSchedule<DType>, first: number, last: number, every: number, columns: number, log: boolean): string {
  const { steps, values: all } = sample(schedule, first, last, every, Math.max(16, columns - 14));
  // asciichart draws finite numbers only: NaN and Infinity (a restart schedule past its end, an
  // overflow) are left out, and the axis says how many.
  const values = all.filter(Number.isFinite);
  const skipped = all.length - values.length;
  const [name, args] = titleOf(schedule);
  const title = `${" ".repeat(12)}${name}(${args}), ${schedule.dtype}`;
  const note = skipped > 0 ? `; ${skipped} of ${all.length} sampled values are not finite and not drawn` : "";
  const axis = `${" ".repeat(12)}step ${steps[0]!.toLocaleString("en-US")} .. ${steps.at(-1)!.toLocaleString("en-US")}${log ? " (log scale)" : ""}${note}`;
  if (values.length === 0) return `${title}\n${" ".repeat(12)}(no finite value to draw)\n${axis}`;
  const positive = values.filter((v) => v > 0);
  const floor = positive.length > 0 ? Math.min(...positive) : 1;
  const series = log ? values.map((v) => Math.log10(Math.max(v, floor))) : values;
  const chart = asciiPlot(series, {
    height: 12,
    format: (y) => (log ? 10 ** y : y).toPrecision(3).padStart(10),
  });
  return `${title}\n${chart}\n${axis}`;
}

/** An SVG line chart with labelled axes. */
export async function svgPlot(schedule: LearningRateSchedule<DType>, first: number, last: number, every: number, log: boolean): Promise<string> {
  const { steps, values } = sample(schedule, first, last, every, 1000);
  const data = steps.map((step, i) => ({ step, rate: values[i]! })).filter((d) => Number.isFinite(d.rate) && (!log || d.rate > 0));
  // The class as title, its arguments (but the name) below.
  const [name, args] = titleOf(schedule);
  const spec: vega.Spec = {
    width: 720,
    height: 360,
    padding: 12,
    background: "white",
    title: {
      text: name,
      subtitle: args,
    },
    data: [{ name: "schedule", values: data }],
    scales: [
      { name: "x", type: "linear", domain: { data: "schedule", field: "step" }, range: "width", zero: false, nice: true },
      log
        ? { name: "y", type: "log", domain: { data: "schedule", field: "rate" }, range: "height", nice: true }
        : { name: "y", type: "linear", domain: { data: "schedule", field: "rate" }, range: "height", zero: true, nice: true },
    ],
    axes: [
      { orient: "bottom", scale: "x", title: "step", grid: true, format: ",d" },
      { orient: "left", scale: "y", title: `learning rate (${schedule.dtype})`, grid: true, format: "~g" },
    ],
    marks: [
      {
        type: "line",
        from: { data: "schedule" },
        encode: {
          enter: {
            x: { scale: "x", field: "step" },
            y: { scale: "y", field: "rate" },
            stroke: { value: "#1f77b4" },
            strokeWidth: { value: 2 },
          },
        },
      },
    ],
  };
  return new vega.View(vega.parse(spec), { renderer: "none" }).toSVG();
}
