// Runs in every engine (Node, Bun, Deno, Firefox): computes a plan (plan.ts) with the built package
// and returns, for each part (a case on a backend: a range, the steps array, bigint steps; the
// single calls; the refusals), the SHA-256 of its result's bytes. Plain JavaScript with no imports,
// so that a page loads it as it is; the engine's runner passes `load`, which imports a dist/ entry.

/** Every backend; the Wasm builds are awaited with ready() first, so that "auto" may take them. */
const BACKENDS = ["wasm-simd", "wasm-scalar", "js", "auto"];

function bytesOfBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function base64OfBytes(bytes) {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const float64s = (base64) => new Float64Array(bytesOfBase64(base64).buffer);

function decode(value) {
  if (Array.isArray(value)) return value.map(decode);
  if (value !== null && typeof value === "object") {
    if (typeof value.f64 === "string") return new Float64Array(BigUint64Array.of(BigInt("0x" + value.f64)).buffer)[0];
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decode(v)]));
  }
  return value;
}

/**
 * A copy of a Float32Array or Float64Array with every NaN as the quiet NaN 0x7fc00000 /
 * 0x7ff8000000000000. IEEE 754 leaves a NaN's sign and payload to the machine (x86 makes negative
 * NaNs, ARM positive ones), and JavaScriptCore writes its own NaN when a NaN passes through a
 * JavaScript value: engines are compared as Object.is compares, and the raw bytes reported apart.
 */
function canonicalNaNs(values) {
  const copy = values.slice();
  const words = new Uint32Array(copy.buffer);
  const f64 = copy instanceof Float64Array;
  for (let i = 0; i < copy.length; i++) {
    if (copy[i] === copy[i]) continue;
    if (f64) {
      words[2 * i] = 0; // little-endian: the low word first
      words[2 * i + 1] = 0x7ff80000;
    } else words[i] = 0x7fc00000;
  }
  return new Uint8Array(copy.buffer);
}

const bound = (x) => (typeof x === "string" ? BigInt(x) : x);
const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

/** What a refused call gives: the error's class and message (a returned value would show too). */
function outcome(call) {
  try {
    return `returned ${String(call())}`;
  } catch (e) {
    return `${e?.constructor?.name}: ${e?.message}`;
  }
}

/**
 * Computes every part of `plan`; returns the parts' digests ([{ id, sha256 }]), the ids of the
 * parts that threw, and the bytes (base64) of the part named `detail`, so that a caller can find
 * the first element where two engines differ.
 */
export async function compute(plan, load, detail) {
  const main = await load("index.js");
  await Promise.all([main.ready(), main.ready("wasm-simd"), main.ready("wasm-scalar")]);
  const steps = float64s(plan.steps);
  // An array of bigints, not a BigInt64Array: the steps go beyond 64 bits.
  const bigSteps = plan.bigSteps.map((s) => BigInt(s));
  const calls = float64s(plan.calls);
  const parts = [];
  const threw = [];
  let detailBytes;
  const digest = async (bytes) => hex(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)));
  // `raw`, the bytes as computed; `bytes`, the same with every NaN written as one pattern.
  const part = async (id, raw, bytes = raw) => {
    parts.push({ id, sha256: await digest(bytes), raw: await digest(raw) });
    if (id === detail) detailBytes = base64OfBytes(raw);
  };
  // A part that throws is recorded as its error, so that an engine that throws where Node computes differs.
  const values = (id, call) => {
    try {
      return call();
    } catch (e) {
      threw.push(id);
      return new TextEncoder().encode(`threw ${e?.constructor?.name}: ${e?.message}`);
    }
  };
  const array = async (id, call) => {
    const out = values(id, call);
    if (out instanceof Uint8Array) return part(id, out);
    return part(id, new Uint8Array(out.buffer, out.byteOffset, out.byteLength), canonicalNaNs(out));
  };
  for (const c of plan.cases) {
    const Schedule = (await load(c.entry))[c.registry][c.name];
    const s = new Schedule({ ...decode(c.options), dtype: c.dtype });
    for (const backend of BACKENDS) {
      for (const [start, stop] of plan.ranges)
        await array(`${c.id} ${backend} range(${start}, ${stop})`, () => s.range(bound(start), bound(stop), { backend }));
      await array(`${c.id} ${backend} steps`, () => s.evaluate(steps, { backend }));
      await array(`${c.id} ${backend} bigint steps`, () => s.evaluate(bigSteps, { backend }));
    }
    await array(`${c.id} calls`, () => Float64Array.from(calls, (x) => s(x)));
    const refusals = BACKENDS.flatMap((backend) => [
      outcome(() => s.evaluate([1, 2, NaN], { backend })),
      outcome(() => s.evaluate([0, -Infinity], { backend })),
      outcome(() => s.evaluate([0, "1"], { backend })),
      outcome(() => s.range(0.5, 3, { backend })),
      outcome(() => s.range(2 ** 53, 2 ** 53 + 2, { backend })),
    ]);
    refusals.push(outcome(() => s(NaN)), outcome(() => s("1")));
    await part(`${c.id} refusals`, new TextEncoder().encode(refusals.join("\n")));
  }
  // The metric ReduceLROnPlateau is stepped with: it falls, stalls and jumps, so the scheduler
  // reduces at some steps and not others (+ - * / only: every engine computes the same metrics).
  const longest = Math.max(STEPPED, ...plan.schedulerRanges.map(([, stop]) => stop));
  const metrics = Float64Array.from({ length: longest }, (_, i) => 1 / (1 + (i % 977)) + ((i * 7919) % 13) / 1000);
  for (const c of plan.built) {
    const m = await load(c.entry);
    // Each entry registers its own Wasm module on import: ready() now waits for it too.
    await Promise.all([m.ready(), m.ready("wasm-simd"), m.ready("wasm-scalar")]);
    // The case's call as a user writes it (plan.ts' BUILT), built afresh for each part.
    const make = new Function("m", "dtype", `return (${c.build});`);
    if (c.kind === "scheduler") await schedulerParts(c, () => make(m, c.dtype), plan.schedulerRanges, metrics, array, part);
    else await optaxParts(c, make(m, c.dtype), plan, array, part);
  }
  return { parts, threw, bytes: detailBytes };
}

/** An optax schedule: its ranges and counts on every backend, single calls, refusals. */
async function optaxParts(c, s, plan, array, part) {
  const counts = float64s(plan.counts);
  for (const backend of BACKENDS) {
    for (const [start, stop] of plan.countRanges) await array(`${c.id} ${backend} range(${start}, ${stop})`, () => s.range(start, stop, { backend }));
    await array(`${c.id} ${backend} counts`, () => s.evaluate(counts, { backend }));
  }
  await array(`${c.id} calls`, () => Float64Array.from(counts.subarray(0, 600), (x) => s(x)));
  const refusals = BACKENDS.flatMap((backend) => [
    outcome(() => s.evaluate([1, 2.5], { backend })),
    outcome(() => s.evaluate([0, NaN], { backend })),
    outcome(() => s.range(0.5, 3, { backend })),
  ]);
  refusals.push(outcome(() => s(NaN)), outcome(() => s("1")));
  await part(`${c.id} refusals`, new TextEncoder().encode(refusals.join("\n")));
}

/** Steps a scheduler is stepped through one step() at a time, recording getLastLr() of every group. */
const STEPPED = 3000;

/** A PyTorch-style scheduler: its ranges on every backend, its step() sequence, its refusals. */
async function schedulerParts(c, make, ranges, metrics, array, part) {
  const withMetrics = (options) => (c.metrics ? { ...options, metrics } : options);
  for (const backend of BACKENDS)
    for (const [start, stop] of ranges) await array(`${c.id} ${backend} range(${start}, ${stop})`, () => make().range(start, stop, withMetrics({ backend })));
  await array(`${c.id} step()`, () => {
    const s = make();
    const groups = s.getLastLr().length;
    const out = new Float64Array(STEPPED * groups);
    for (let i = 0; i < STEPPED; i++) {
      out.set(s.getLastLr(), i * groups);
      if (c.metrics) s.step(metrics[i]);
      else s.step();
    }
    return out;
  });
  const refusals = [
    outcome(() => make().range(-1, 3, withMetrics({}))),
    outcome(() => make().range(0.5, 3, withMetrics({}))),
    outcome(() => make().range(3, 2, withMetrics({}))),
    outcome(() => make().range(0, 3, withMetrics({ backend: "gpu" }))),
  ];
  await part(`${c.id} refusals`, new TextEncoder().encode(refusals.join("\n")));
}
