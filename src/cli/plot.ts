/**
 * Plots of a schedule: in the terminal (a line chart of box-drawing characters, drawn here so that
 * a value it cannot draw leaves a gap at its own step) and as an SVG file (vega). A value is left
 * out when it is not finite, or on a log scale when it is 0 or below; both plots say how many.
 */
import * as vega from "vega";
import type { Built } from "./catalog.js";
import type { StepRange } from "./request.js";

/** What a plot needs of a schedule (catalog.ts' Built). */
type Plotted = Pick<Built, "evaluate" | "dtype" | "title">;

/** Up to n steps spread over the range (on its grid start + k * every), with their rates. */
export function sample(schedule: Plotted, range: StepRange, n: number) {
  const points = Math.max(1, Math.min(n, range.count));
  const spans = range.count - 1;
  const steps = Array.from({ length: points }, (_, i) => range.start + range.every * (points === 1 ? 0 : Math.round(spans * (i / (points - 1)))));
  return { steps, values: Array.from(schedule.evaluate(steps)) };
}

/** The sampled values a plot draws (null where it leaves one out), and what it says of the rest. */
function drawable(values: readonly number[], log: boolean): { drawn: (number | null)[]; notes: string[] } {
  const notFinite = values.filter((v) => !Number.isFinite(v)).length;
  const notPositive = log ? values.filter((v) => Number.isFinite(v) && v <= 0).length : 0;
  const of = `of ${values.length} sampled values`;
  const notes = [
    ...(notFinite > 0 ? [`${notFinite} ${of} are not finite and not drawn`] : []),
    ...(notPositive > 0 ? [`${notPositive} ${of} are 0 or below and left out of the log scale`] : []),
  ];
  return { drawn: values.map((v) => (Number.isFinite(v) && (!log || v > 0) ? v : null)), notes };
}

/** Rows of the terminal chart (13 labels, as many as fit a terminal beside the summary). */
const HEIGHT = 13;
/** Characters left of the chart: a 10-character label, a space and the axis. */
const LABEL_WIDTH = 10;

/**
 * A line chart of `series` (null: a gap), one column per value, HEIGHT rows (one for a constant
 * series), labelled by `label`. Column x draws the segment from value x to value x + 1, as
 * asciichart does; the axis marks the first value's row.
 */
export function lineChart(series: readonly (number | null)[], label: (y: number) => string): string[] {
  const ys = series.filter((y): y is number => y !== null);
  const min = Math.min(...ys);
  const max = Math.max(...ys);
  const rows = max > min ? HEIGHT : 1;
  const rowOf = (y: number) => (rows === 1 ? 0 : Math.round(((y - min) / (max - min)) * (rows - 1)));
  const width = Math.max(1, series.length - 1);
  const grid = Array.from({ length: rows }, () => Array<string>(width).fill(" "));
  const put = (row: number, x: number, c: string) => (grid[row]![x] = c);
  const at = series.map((y) => (y === null ? null : rowOf(y)));
  if (at.length === 1) put(at[0]!, 0, "─");
  for (let x = 0; x + 1 < at.length; x++) {
    const a = at[x]!;
    const b = at[x + 1]!;
    if (a === null && b === null) continue;
    if (b === null) put(a!, x, "╴");
    else if (a === null) put(b, x, "╶");
    else if (a === b) put(a, x, "─");
    else {
      put(b, x, a > b ? "╰" : "╭");
      put(a, x, a > b ? "╮" : "╯");
      for (let r = Math.min(a, b) + 1; r < Math.max(a, b); r++) put(r, x, "│");
    }
  }
  const first = at.find((r) => r !== null);
  const lines: string[] = [];
  for (let row = rows - 1; row >= 0; row--) {
    const y = rows === 1 ? min : min + ((max - min) * row) / (rows - 1);
    lines.push(`${label(y).padStart(LABEL_WIDTH)} ${row === first ? "┼" : "┤"}${grid[row]!.join("")}`);
  }
  return lines;
}

/** A terminal chart as wide as the terminal, optionally on a log scale. */
export function terminalPlot(schedule: Plotted, range: StepRange, columns: number, log: boolean): string {
  const { steps, values } = sample(schedule, range, Math.max(16, columns - 14));
  const { drawn, notes } = drawable(values, log);
  const [name, args] = schedule.title();
  const indent = " ".repeat(LABEL_WIDTH + 2);
  const title = `${indent}${name}(${args}), ${schedule.dtype}`;
  const axis = `${indent}step ${steps[0]!.toLocaleString("en-US")} .. ${steps.at(-1)!.toLocaleString("en-US")}${log ? " (log scale)" : ""}${notes.map((n) => `; ${n}`).join("")}`;
  if (drawn.every((v) => v === null)) return `${title}\n${indent}(no value to draw)\n${axis}`;
  // Labels are for reading only (3 significant digits): Math.log10 and ** are no result here.
  const series = log ? drawn.map((v) => (v === null ? null : Math.log10(v))) : drawn;
  const chart = lineChart(series, (y) => (log ? 10 ** y : y).toPrecision(3));
  return `${title}\n${chart.join("\n")}\n${axis}`;
}

/** An SVG line chart with labelled axes. */
export async function svgPlot(schedule: Plotted, range: StepRange, log: boolean): Promise<string> {
  const { steps, values } = sample(schedule, range, 1000);
  const { drawn, notes } = drawable(values, log);
  // A line breaks where a value is left out; a value with no drawn neighbour (a single step, or
  // one between gaps) gets a dot, or it would not show.
  const data = steps.map((step, i) => ({
    step,
    rate: drawn[i],
    alone: drawn[i] !== null && (drawn[i - 1] ?? null) === null && (drawn[i + 1] ?? null) === null,
  }));
  const [name, args] = schedule.title();
  // A single step: a domain around it (a zero-width domain places nothing).
  const xDomain = range.count === 1 ? [range.start - 1, range.start + 1] : [range.start, range.last];
  const spec: vega.Spec = {
    width: 720,
    height: 360,
    padding: 12,
    background: "white",
    title: {
      text: name,
      subtitle: [args, ...notes],
    },
    data: [
      { name: "schedule", values: data },
      { name: "drawn", source: "schedule", transform: [{ type: "filter", expr: "datum.rate !== null" }] },
      { name: "alone", source: "schedule", transform: [{ type: "filter", expr: "datum.alone" }] },
    ],
    scales: [
      { name: "x", type: "linear", domain: xDomain, range: "width", zero: false, nice: true },
      log
        ? { name: "y", type: "log", domain: { data: "drawn", field: "rate" }, range: "height", nice: true }
        : { name: "y", type: "linear", domain: { data: "drawn", field: "rate" }, range: "height", zero: true, nice: true },
    ],
    axes: [
      { orient: "bottom", scale: "x", title: "step", grid: true, format: ",d", tickMinStep: 1 },
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
            defined: { signal: "datum.rate !== null" },
            stroke: { value: "#1f77b4" },
            strokeWidth: { value: 2 },
          },
        },
      },
      {
        type: "symbol",
        from: { data: "alone" },
        encode: {
          enter: {
            x: { scale: "x", field: "step" },
            y: { scale: "y", field: "rate" },
            size: { value: 36 },
            fill: { value: "#1f77b4" },
          },
        },
      },
    ],
  };
  return new vega.View(vega.parse(spec), { renderer: "none" }).toSVG();
}

/** Colours of overlaid curves (vega's category10, in order). */
const COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

/** Several schedules' curves on one SVG chart, a legend naming each (lrdecay compare --svg). */
export async function overlaySvg(curves: readonly { label: string; schedule: Plotted }[], range: StepRange, log: boolean): Promise<string> {
  const notes: string[] = [];
  const data = curves.flatMap(({ label, schedule }) => {
    const { steps, values } = sample(schedule, range, 1000);
    const { drawn, notes: own } = drawable(values, log);
    notes.push(...own.map((n) => `${label}: ${n}`));
    return steps.map((step, i) => ({ step, rate: drawn[i], series: `${label} (${schedule.dtype})` }));
  });
  const xDomain = range.count === 1 ? [range.start - 1, range.start + 1] : [range.start, range.last];
  const spec: vega.Spec = {
    width: 720,
    height: 360,
    padding: 12,
    background: "white",
    title: { text: `${curves.length} schedules compared`, subtitle: notes },
    data: [
      { name: "curves", values: data },
      { name: "drawn", source: "curves", transform: [{ type: "filter", expr: "datum.rate !== null" }] },
    ],
    scales: [
      { name: "x", type: "linear", domain: xDomain, range: "width", zero: false, nice: true },
      log
        ? { name: "y", type: "log", domain: { data: "drawn", field: "rate" }, range: "height", nice: true }
        : { name: "y", type: "linear", domain: { data: "drawn", field: "rate" }, range: "height", zero: true, nice: true },
      { name: "colour", type: "ordinal", domain: curves.map((c) => `${c.label} (${c.schedule.dtype})`), range: COLOURS },
    ],
    axes: [
      { orient: "bottom", scale: "x", title: "step", grid: true, format: ",d", tickMinStep: 1 },
      { orient: "left", scale: "y", title: "learning rate", grid: true, format: "~g" },
    ],
    // Labels in full (vega cuts them at 160 px): they name the schedules.
    legends: [{ stroke: "colour", orient: "top-right", symbolType: "stroke", labelLimit: 600 }],
    marks: [
      {
        type: "group",
        from: { facet: { name: "series", data: "curves", groupby: "series" } },
        marks: [
          {
            type: "line",
            from: { data: "series" },
            encode: {
              enter: {
                x: { scale: "x", field: "step" },
                y: { scale: "y", field: "rate" },
                defined: { signal: "datum.rate !== null" },
                stroke: { scale: "colour", field: "series" },
                strokeWidth: { value: 2 },
              },
            },
          },
        ],
      },
    ],
  };
  return new vega.View(vega.parse(spec), { renderer: "none" }).toSVG();
}
