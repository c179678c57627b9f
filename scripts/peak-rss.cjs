// Preloaded (`node -r scripts/peak-rss.cjs ...`) into a child process whose peak memory is measured:
// prints "maxrss <KiB>" to stderr at exit. On Linux it reads VmHWM from /proc/self/status, the peak
// resident size of this process's own memory since exec. getrusage's ru_maxrss
// (process.resourceUsage().maxRSS) is not that: Linux carries it over from the parent the child was
// forked from, so a CLI spawned by a test worker holding 500 MB reported 505 MiB while it never
// held more than 83 MiB itself.
const { readFileSync } = require("node:fs");

process.on("exit", () => {
  let kib = process.resourceUsage().maxRSS;
  try {
    const hwm = /^VmHWM:\s*(\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf8"));
    if (hwm) kib = Number(hwm[1]);
  } catch {
    // No /proc (not Linux): ru_maxrss, which is this process's own there.
  }
  process.stderr.write(`maxrss ${kib}\n`);
});
