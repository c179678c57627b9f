// The cold start's baselines, without lrdecay, in a new Node process, timed inside it as
// bench/cold-start.child.mjs times lrdecay's first million-step range:
//   node bench/cold-start.loop.mjs loop    the loop a user would write (ExponentialDecay's formula
//                                          with Math.pow) into a new Float32Array;
//   node bench/cold-start.loop.mjs touch   the new Float32Array filled with one value: the first
//                                          touch of its 4 MB (the kernel's page faults), which
//                                          every way of producing a new array pays.
// bench/cold-start.mjs runs both beside the cold start.
const mode = process.argv[2];
if (mode !== "loop" && mode !== "touch") throw new Error("usage: node bench/cold-start.loop.mjs loop|touch");
const t0 = performance.now();
const n = 1e6;
const rates = new Float32Array(n);
if (mode === "loop") for (let i = 0; i < n; i++) rates[i] = 0.1 * Math.pow(0.96, i / 100000);
else rates.fill(0.1);
const ms = performance.now() - t0;
if (rates[0] !== Math.fround(0.1)) throw new Error("wrong range");
console.log(ms);
