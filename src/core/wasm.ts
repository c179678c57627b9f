/**
 * The one module that knows the Wasm kernel exists: it decodes the embedded binaries, detects SIMD,
 * instantiates through @assemblyscript/loader (which supplies the `abort` import and turns an
 * AssemblyScript abort into a JS error), writes the constant region into linear memory, owns the
 * scratch region (parameters, steps, results, undecided indices), and runs a Job's kernel through
 * it chunk by chunk. Schedules never touch pointers: they name their kernel in a Plan (batch.ts).
 * Where WebAssembly does not exist, lrdecay imports all the same and computes on the JS twins.
 */
import { instantiate, instantiateSync } from "@assemblyscript/loader";
import { CONSTANTS } from "../generated/constants.js";
import { SCALAR_WASM, SIMD_WASM } from "../generated/wasm.js";
import type { Engine, Job } from "./batch.js";
import { readSteps } from "./steps.js";
import type { FloatArray } from "./types.js";

export type Variant = "simd" | "scalar";

/** Every kernel's signature (assembly/abi.ts), with pointers into linear memory. */
type KernelFn = (params: number, steps: number, start: number, out: number, hard: number, n: number) => number;

type Exports = {
  memory: WebAssembly.Memory;
  constants(): number;
  constantsLength(): number;
  reserve(bytes: number): number;
  [kernel: string]: unknown;
};

/** What `ready()` resolves to. */
export interface KernelInfo {
  /** Whether the loaded build uses Wasm SIMD (chosen by feature detection). */
  readonly simd: boolean;
  /** Size of the loaded Wasm binary in bytes. */
  readonly bytes: number;
}

/** Raised by backend "wasm" (or a named build) when that kernel has not been loaded yet. */
export class KernelNotReadyError extends Error {
  constructor(what: string) {
    super(`The Wasm kernel (${what}) is not loaded yet: await ready() first, or use backend "auto" or "js".`);
    this.name = "KernelNotReadyError";
  }
}

/**
 * The bytes of a base64 string. Node's Buffer decodes natively; atob's binary string is the
 * portable way, but walking it char by char cost Node 0.4 to 1 ms of cold start per build.
 */
function decode(base64: string): Uint8Array<ArrayBuffer> {
  const NodeBuffer = (globalThis as { Buffer?: { from(s: string, enc: "base64"): Uint8Array } }).Buffer;
  if (NodeBuffer !== undefined) {
    const b = NodeBuffer.from(base64, "base64");
    const bytes = new Uint8Array(new ArrayBuffer(b.length));
    bytes.set(b);
    return bytes;
  }
  const text = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(text.length));
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

// Each build is decoded when first needed: most processes only ever load one of them.
const sources: Record<Variant, string> = { scalar: SCALAR_WASM, simd: SIMD_WASM };
const decoded: Partial<Record<Variant, Uint8Array<ArrayBuffer>>> = {};
function binary(variant: Variant): Uint8Array<ArrayBuffer> {
  return (decoded[variant] ??= decode(sources[variant]));
}

// Elements per chunk. The scratch region holds a kernel's parameters (f64 slots, as many as the
// largest block so far, at least 64: PiecewiseConstantDecay's hold its boundaries and values), then
// a chunk's steps (f64), results (f64 at most) and undecided indices (i32): 20 bytes an element,
// 1.25 MiB for 2^16.
let chunkLength = 1 << 16;
const MIN_PARAMS = 64;

/** For tests: a smaller chunk makes chunk boundaries cheap to cross. */
export function setChunkLengthForTesting(n: number): void {
  chunkLength = n;
}

export class Kernel implements Engine {
  readonly simd: boolean;
  readonly bytes: number;
  private readonly exports: Exports;
  private base = 0;
  private capacity = 0;
  private paramSlots = 0;

  constructor(variant: Variant, exports: Exports) {
    this.simd = variant === "simd";
    this.bytes = binary(variant).length;
    this.exports = exports;
    // The build and the generated constants come from one layout (assembly/numerics/layout.ts);
    // a stale build must fail here, not compute with shifted tables.
    if (exports.constantsLength() !== CONSTANTS.length)
      throw new Error(`lrdecay's Wasm build expects ${exports.constantsLength()} constants, the generated file has ${CONSTANTS.length}: rebuild (npm run build).`);
    new Float64Array(exports.memory.buffer, exports.constants(), CONSTANTS.length).set(CONSTANTS);
  }

  /** Runs one chunk; the returned views live in Wasm memory and stay valid until the next call. */
  chunk(job: Job, from: number, length: number) {
    const { steps, plan } = job;
    const kernel = this.exports[plan.kernel!] as KernelFn | undefined;
    if (typeof kernel !== "function") throw new Error(`lrdecay internal error: the Wasm build has no kernel ${plan.kernel}.`);
    if (this.capacity < chunkLength || this.paramSlots < plan.params.length) {
      const slots = Math.max(MIN_PARAMS, plan.params.length + (plan.params.length & 1)); // keep steps 16-byte aligned
      const bytes = slots * 8 + chunkLength * 20;
      // Checked here: reserve takes an i32, which would wrap a larger request into a smaller one
      // and let the kernel write past the end of memory (a trap). 32-bit Wasm stops at 4 GiB.
      const base = bytes < 2 ** 31 ? this.exports.reserve(bytes) : 0;
      if (base === 0) throw new RangeError(`Cannot grow Wasm memory by ${bytes} bytes for the scratch region.`);
      this.base = base;
      this.capacity = chunkLength;
      this.paramSlots = slots;
    }
    // Views are made from memory.buffer on every chunk: a grown memory detaches the old buffer.
    const buffer = this.exports.memory.buffer;
    const paramsAt = this.base;
    new Float64Array(buffer, paramsAt, plan.params.length).set(plan.params);
    const stepsAt = this.base + this.paramSlots * 8;
    const outAt = stepsAt + chunkLength * 8;
    const hardAt = stepsAt + chunkLength * 16;
    let stepsView: Float64Array | null = null;
    if (steps !== null) {
      stepsView = new Float64Array(buffer, stepsAt, length);
      readSteps(steps, from, stepsView, job.dtype);
    }
    const count = kernel(paramsAt, steps === null ? 0 : stepsAt, job.start + from, outAt, hardAt, length);
    const out: FloatArray = job.dtype === "float64" ? new Float64Array(buffer, outAt, length) : new Float32Array(buffer, outAt, length);
    return { count, steps: stepsView, out, hard: new Int32Array(buffer, hardAt, Math.max(count, 0)) };
  }

  get chunkLength(): number {
    return chunkLength;
  }

  /** Current size of the kernel's linear memory, in bytes. */
  get memoryBytes(): number {
    return this.exports.memory.buffer.byteLength;
  }
}

const isNode = typeof process !== "undefined" && typeof process.versions?.node === "string";
const kernels: Partial<Record<Variant, Kernel>> = {};
/** Whether this runtime has WebAssembly at all (some locked-down pages and runtimes do not). */
const hasWasm = typeof WebAssembly === "object" && WebAssembly !== null && typeof WebAssembly.validate === "function";
const simdSupported = hasWasm && WebAssembly.validate(binary("simd"));
const preferred: Variant = simdSupported ? "simd" : "scalar";
let active: Kernel | null = null;

function load(variant: Variant): Kernel {
  let k = kernels[variant];
  if (k === undefined) {
    k = new Kernel(variant, instantiateSync<Exports>(binary(variant), {}).exports as unknown as Exports);
    kernels[variant] = k;
  }
  return k;
}

const loading: Partial<Record<Variant, Promise<Kernel>>> = {};
const readyPromises: Partial<Record<string, Promise<KernelInfo>>> = {};

function loadAsync(variant: Variant): Promise<Kernel> {
  loading[variant] ??= (async () => {
    const k = kernels[variant] ?? new Kernel(variant, (await instantiate<Exports>(binary(variant), {})).exports as unknown as Exports);
    kernels[variant] = k;
    return k;
  })();
  return loading[variant]!;
}

/**
 * Resolves once the Wasm kernel is usable, with whether it uses SIMD. Loads it once however often
 * it is called. `backend` names what to wait for: "wasm" (the default) is the build chosen by
 * feature detection, which backend "auto" then uses; "wasm-simd" and "wasm-scalar" load that build
 * (in browsers, where they cannot load synchronously). Rejects if WebAssembly cannot run here, or
 * with KernelNotReadyError for "wasm-simd" where SIMD is not supported.
 */
export function ready(backend: "wasm" | "wasm-simd" | "wasm-scalar" = "wasm"): Promise<KernelInfo> {
  if (backend !== "wasm" && backend !== "wasm-simd" && backend !== "wasm-scalar")
    return Promise.reject(new TypeError(`Argument \`backend\` must be "wasm", "wasm-simd" or "wasm-scalar". Received: backend=${String(backend)}`));
  if (!hasWasm) return Promise.reject(new KernelNotReadyError("WebAssembly does not exist here; backend \"auto\" computes on the JS twin"));
  if (backend === "wasm-simd" && !simdSupported) return Promise.reject(new KernelNotReadyError("simd: not supported here"));
  const variant: Variant = backend === "wasm" ? preferred : backend === "wasm-simd" ? "simd" : "scalar";
  readyPromises[backend] ??= loadAsync(variant).then((k) => {
    if (backend === "wasm") active ??= k;
    return { simd: k.simd, bytes: k.bytes };
  });
  return readyPromises[backend]!;
}

// Node compiles synchronously, so the kernel is there from the first call. Browsers refuse
// synchronous compilation of modules over 4 KB on the main thread: there it loads in the background.
if (!hasWasm) {
  // Nothing to load: backend "auto" computes on the JS twin, and ready() says why it cannot.
} else if (isNode) {
  try {
    active = load(preferred);
  } catch {
    // Leave it to ready(), which reports the error to whoever awaits it.
  }
} else {
  ready().catch(() => {});
}

/** The kernel for a backend, or null for the JS twin. */
export function kernelFor(backend: "auto" | "wasm" | "wasm-simd" | "wasm-scalar", length: number): Kernel | null {
  switch (backend) {
    case "auto":
      // Below a few dozen elements the call into Wasm costs more than it saves.
      return length >= 32 ? active : null;
    case "wasm":
      if (active === null) throw new KernelNotReadyError(preferred);
      return active;
    default: {
      const variant: Variant = backend === "wasm-simd" ? "simd" : "scalar";
      if (!hasWasm) throw new KernelNotReadyError(`${variant}: WebAssembly does not exist here`);
      if (variant === "simd" && !simdSupported) throw new KernelNotReadyError("simd: not supported here");
      const k = kernels[variant] ?? (isNode ? load(variant) : undefined);
      if (k === undefined) throw new KernelNotReadyError(variant);
      return k;
    }
  }
}
