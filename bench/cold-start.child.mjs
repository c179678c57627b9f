// One cold start, timed inside this new process: bench/cold-start.mjs runs it. A file rather than
// `node -e`, as a user's program is: Node has then set up its module loader before the program's
// first line (with -e, the first import of a file pays that too, 3.5 ms, which is Node's, not
// lrdecay's). Argument: the URL of the entry point to import (default: this package's dist/).
const url = process.argv[2] ?? new URL("../dist/index.js", import.meta.url).href;
const t0 = performance.now();
const { ExponentialDecay, ready } = await import(url);
await ready();
const rates = new ExponentialDecay(0.1, 100000, 0.96).range(0, 1e6);
const ms = performance.now() - t0;
if (rates.length !== 1e6 || rates[0] !== Math.fround(0.1)) throw new Error("wrong range");
console.log(ms);
