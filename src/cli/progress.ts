/**
 * The progress bar of a long computation (the main command's range, compare's schedules): on
 * stderr, only when stderr is a terminal and the work spans more than one chunk, and removed by an
 * interruption (signals.ts) as well as at the end.
 */
import cliProgress from "cli-progress";
import { onInterrupt } from "./signals.js";

export interface Progress {
  update(done: number): void;
  /** Stops the bar and forgets its interruption hook; idempotent. */
  stop(): void;
}

const NONE: Progress = { update() {}, stop() {} };

/** A bar over `total` units named `unit`, or a no-op where no bar belongs. */
export function progress(total: number, chunk: number, unit: string): Progress {
  if (!process.stderr.isTTY || total <= chunk) return NONE;
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: `{bar} {percentage}% | {value}/{total} ${unit} | {eta_formatted}` },
    cliProgress.Presets.shades_classic,
  );
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    const i = onInterrupt.indexOf(stop);
    if (i >= 0) onInterrupt.splice(i, 1);
    bar.stop();
  };
  bar.start(total, 0);
  onInterrupt.push(stop);
  return { update: (done) => bar.update(done), stop };
}
