/**
 * What an interruption must undo: partial output files, the progress bar's line. SIGINT (Ctrl-C)
 * and SIGTERM (kill, a CI timeout) are handled from the start, in every mode of every command: the
 * computation gives the event loop a turn after every chunk, so a handler runs within one chunk's
 * time.
 */
export const onInterrupt: (() => void)[] = [];

function interrupt(signal: NodeJS.Signals): void {
  for (const undo of onInterrupt.splice(0).reverse()) undo();
  process.stderr.write(`lrdecay: ${signal === "SIGINT" ? "interrupted" : "terminated"}; no partial output was kept\n`);
  process.exit(signal === "SIGINT" ? 130 : 143);
}
process.once("SIGINT", interrupt);
process.once("SIGTERM", interrupt);

/** A turn of the event loop, for a signal's handler to run. */
export const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
