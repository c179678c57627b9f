/**
 * The one module that knows Wasm exists. Each framework's kernels are a Wasm module of their own
 * (scripts/build-wasm.mjs), declared once in that framework's folder as a WasmModule (e.g.
 * src/keras/wasm.ts), so a page that imports one framework never loads another's kernels. A
 * WasmModule decodes its embedded binaries, instantiates the build that feature detection picks
 * (with the WebAssembly API itself: the modules import nothing, which scripts/build-wasm.mjs
 * checks, so AssemblyScript's loader only cost a cold start its wrapping of the exports, 0.4 ms),
 * writes the constant region into its linear memory, owns its scratch region (parameters, steps,
 * results, undecided indices), and runs a Job's kernel chunk by chunk.
 * Schedules never touch pointers: they name their kernel in a Plan (batch.ts). Where WebAssembly
 * does not exist, lrdecay imports all the same and computes on the JS twins.
 */
import { CONSTANTS } from "../generated/constants.js";
import { bytesOfBase64 } from "./base64.js";
import type { Engine, Job, Plan, Region } from "./batch.js";
import { readSteps } from "./steps.js";
import type { DType, FloatArray } from "./types.js";

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
  /** Whether the loaded builds use Wasm SIMD (chosen by feature detection). */
  readonly simd: boolean;
  /** Size of the loaded Wasm binaries in bytes, all modules together. */
  readonly bytes: number;
  /** Each loaded module's size in bytes, by framework ("keras", ...). */
  readonly modules: Readonly<Record<string, number>>;
}

/** Raised by backend "wasm" (or a named build) when that kernel has not been loaded yet. */
export class KernelNotReadyError extends Error {
  constructor(what: string) {
    super(`The Wasm kernel (${what}) is not loaded yet: await ready() first, or use backend "auto" or "js".`);
    this.name = "KernelNotReadyError";
  }
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

// Every build instantiated so far, for setConstantForTesting.
const instantiated: Kernel[] = [];

/**
 * For tests: sets one slot of the constant region, in CONSTANTS and in the linear memory of every
 * build loaded here, now or later (returns the slot's value before). Only for slots that the twins
 * read from CONSTANTS at each call, which is COS_EPS64 alone (the others are copied once at import):
 * widening cos.ts' general-path window above its error bound leaves every decided cosine correctly
 * rounded and makes the undecided ones that the tests of the exact fallback need.
 */
export function setConstantForTesting(slot: number, value: number): number {
  const before = CONSTANTS[slot]!;
  CONSTANTS[slot] = value;
  for (const kernel of instantiated) kernel.writeConstants();
  return before;
}

/** One build of one module, instantiated: the Engine that runs its kernels. */
export class Kernel implements Engine {
  readonly simd: boolean;
  readonly bytes: number;
  private readonly exports: Exports;
  private base = 0;
  private capacity = 0;
  private paramSlots = 0;
  /** Elements computed so far (what the CLI reports: whether a range took a kernel at all). */
  elements = 0;

  constructor(variant: Variant, bytes: number, exports: Exports) {
    this.simd = variant === "simd";
    this.bytes = bytes;
    this.exports = exports;
    // The build and the generated constants come from one layout (assembly/numerics/layout.ts);
    // a stale build must fail here, not compute with shifted tables.
    if (exports.constantsLength() !== CONSTANTS.length)
      throw new Error(`lrdecay's Wasm build expects ${exports.constantsLength()} constants, the generated file has ${CONSTANTS.length}: rebuild (npm run build).`);
    this.writeConstants();
    instantiated.push(this);
  }

  /** Writes the constant region (CONSTANTS) into this build's linear memory. */
  writeConstants(): void {
    new Float64Array(this.exports.memory.buffer, this.exports.constants(), CONSTANTS.length).set(CONSTANTS);
  }

  /**
   * The scratch region, grown for chunkLength elements and plan's parameters where it is smaller:
   * the addresses of its parts.
   */
  private layout(plan: Plan): { paramsAt: number; stepsAt: number; outAt: number; hardAt: number } {
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
    const stepsAt = this.base + this.paramSlots * 8;
    return { paramsAt: this.base, stepsAt, outAt: stepsAt + chunkLength * 8, hardAt: stepsAt + chunkLength * 16 };
  }

  /** Runs one chunk; the returned views live in Wasm memory and stay valid until the next call. */
  chunk(job: Job, from: number, length: number) {
    const { steps, plan } = job;
    // The kernel's name is checked against the build's exports by the type check (kernelOf).
    const kernel = this.exports[plan.kernel!.name] as KernelFn;
    const { paramsAt, stepsAt, outAt, hardAt } = this.layout(plan);
    // Views are made from memory.buffer on every chunk: a grown memory detaches the old buffer.
    const buffer = this.exports.memory.buffer;
    new Float64Array(buffer, paramsAt, plan.params.length).set(plan.params);
    let stepsView: Float64Array | null = null;
    if (steps !== null) {
      stepsView = new Float64Array(buffer, stepsAt, length);
      readSteps(steps, from, stepsView, job.dtype);
    }
    const count = kernel(paramsAt, steps === null ? 0 : stepsAt, job.start + from, outAt, hardAt, length);
    this.elements += length;
    const out: FloatArray = job.dtype === "float64" ? new Float64Array(buffer, outAt, length) : new Float32Array(buffer, outAt, length);
    return { count, steps: stepsView, out, hard: new Int32Array(buffer, hardAt, Math.max(count, 0)) };
  }

  /** batch.ts' Region: views of this scratch region, and the plan's kernel on it. */
  region(plan: Plan): Region {
    const kernel = this.exports[plan.kernel!.name] as KernelFn;
    const { paramsAt, stepsAt, outAt, hardAt } = this.layout(plan);
    const buffer = this.exports.memory.buffer;
    return {
      params: new Float64Array(buffer, paramsAt, plan.params.length),
      steps: new Float64Array(buffer, stepsAt, chunkLength),
      out: new Float64Array(buffer, outAt, chunkLength),
      hard: new Int32Array(buffer, hardAt, chunkLength),
      call: (start, n) => {
        this.elements += n;
        return kernel(paramsAt, stepsAt, start, outAt, hardAt, n);
      },
    };
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
/** Whether this runtime has WebAssembly at all (some locked-down pages and runtimes do not). */
const hasWasm = typeof WebAssembly === "object" && WebAssembly !== null && typeof WebAssembly.validate === "function";
// SIMD detection on a module of 30 bytes (one function returning i8x16.splat(0): wasm-feature-detect's
// test), not on a kernel's build: validating a whole build cost a cold start its decoding.
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);
const simdSupported = hasWasm && WebAssembly.validate(SIMD_PROBE);
const preferred: Variant = simdSupported ? "simd" : "scalar";
type WasmBackend = "wasm" | "wasm-simd" | "wasm-scalar";

/** What the modules import: nothing (scripts/build-wasm.mjs refuses a build that imports anything). */
const NO_IMPORTS: WebAssembly.Imports = {};

/** Every module declared so far (each framework's, as its schedules are imported): what ready() waits for. */
const modules: WasmModule[] = [];

/**
 * One framework's kernels: a Wasm module in two builds (SIMD and scalar), loaded on its own. `K` is
 * the names of the kernels it exports (src/generated/wasm/<name>.ts), so that a facade cannot name
 * one it lacks.
 */
export class WasmModule<K extends string = string> {
  private readonly sources: Record<Variant, string>;
  private readonly decoded: Partial<Record<Variant, Uint8Array<ArrayBuffer>>> = {};
  private readonly kernels: Partial<Record<Variant, Kernel>> = {};
  private readonly loading: Partial<Record<Variant, Promise<Kernel>>> = {};
  private active: Kernel | null = null;
  declare readonly kernelNames: K;

  constructor(readonly name: string, builds: { scalar: string; simd: string }) {
    this.sources = builds;
    modules.push(this);
    // Node compiles synchronously, so the kernel is there from the first call. Browsers refuse
    // synchronous compilation of modules over 4 KB on the main thread: there it loads in the background.
    if (!hasWasm) {
      // Nothing to load: backend "auto" computes on the JS twin, and ready() says why it cannot.
    } else if (isNode) {
      try {
        this.active = this.load(preferred);
      } catch {
        // Leave it to ready(), which reports the error to whoever awaits it.
      }
    } else {
      this.ready("wasm").catch(() => {});
    }
  }

  // Each build is decoded when first needed: most processes only ever load one of them.
  private binary(variant: Variant): Uint8Array<ArrayBuffer> {
    return (this.decoded[variant] ??= bytesOfBase64(this.sources[variant]));
  }

  private load(variant: Variant): Kernel {
    return (this.kernels[variant] ??= this.kernel(variant, new WebAssembly.Instance(new WebAssembly.Module(this.binary(variant)), NO_IMPORTS).exports as Exports));
  }

  private kernel(variant: Variant, exports: Exports): Kernel {
    return new Kernel(variant, this.binary(variant).length, exports);
  }

  private loadAsync(variant: Variant): Promise<Kernel> {
    return (this.loading[variant] ??= (async () => {
      const k = this.kernels[variant] ?? this.kernel(variant, (await WebAssembly.instantiate(this.binary(variant), NO_IMPORTS)).instance.exports as Exports);
      return (this.kernels[variant] = k);
    })());
  }

  /** Loads this module's build for `backend` (see ready()) and resolves with it. */
  ready(backend: WasmBackend): Promise<Kernel> {
    if (!hasWasm) return Promise.reject(new KernelNotReadyError("WebAssembly does not exist here; backend \"auto\" computes on the JS twin"));
    if (backend === "wasm-simd" && !simdSupported) return Promise.reject(new KernelNotReadyError("simd: not supported here"));
    const variant: Variant = backend === "wasm" ? preferred : backend === "wasm-simd" ? "simd" : "scalar";
    return this.loadAsync(variant).then((k) => {
      if (backend === "wasm") this.active ??= k;
      return k;
    });
  }

  /** Elements its kernels (both builds) have computed so far. */
  get elements(): number {
    return (this.kernels.simd?.elements ?? 0) + (this.kernels.scalar?.elements ?? 0);
  }

  /** The kernel for a backend, or null for the JS twin. */
  kernelFor(backend: "auto" | WasmBackend, length: number): Kernel | null {
    switch (backend) {
      case "auto":
        // Below a few dozen elements the call into Wasm costs more than it saves.
        return length >= 32 ? this.active : null;
      case "wasm":
        if (this.active === null) throw new KernelNotReadyError(`${this.name}, ${preferred}`);
        return this.active;
      default: {
        const variant: Variant = backend === "wasm-simd" ? "simd" : "scalar";
        if (!hasWasm) throw new KernelNotReadyError(`${variant}: WebAssembly does not exist here`);
        if (variant === "simd" && !simdSupported) throw new KernelNotReadyError("simd: not supported here");
        const k = this.kernels[variant] ?? (isNode ? this.load(variant) : undefined);
        if (k === undefined) throw new KernelNotReadyError(`${this.name}, ${variant}`);
        return k;
      }
    }
  }
}

/** A kernel's two builds by name: `${name}32` and `${name}64`, in its Wasm module and in its twin module. */
export function kernelOf<K extends string, N extends string, T extends Record<`${N}32` | `${N}64`, unknown>>(
  module: WasmModule<K>, twins: T, name: N & (`${N}32` extends K ? (`${N}64` extends K ? unknown : never) : never), dtype: DType,
): Pick<Plan, "kernel" | "twin"> {
  const kernel = `${name}${dtype === "float32" ? "32" : "64"}` as const;
  return { kernel: { module, name: kernel }, twin: twins[kernel] as Plan["twin"] };
}

/** Elements every kernel of every module has computed so far (the CLI's report of where a range ran). */
export function kernelElements(): number {
  return modules.reduce((n, m) => n + m.elements, 0);
}

/**
 * Resolves once the Wasm kernels are usable, with whether they use SIMD. Waits for the module of
 * every framework whose schedules have been imported, and loads each once however often it is
 * called. `backend` names what to wait for: "wasm" (the default) is the build chosen by feature
 * detection, which backend "auto" then uses; "wasm-simd" and "wasm-scalar" load that build (in
 * browsers, where they cannot load synchronously). Rejects if WebAssembly cannot run here, or with
 * KernelNotReadyError for "wasm-simd" where SIMD is not supported.
 */
export function ready(backend: WasmBackend = "wasm"): Promise<KernelInfo> {
  if (backend !== "wasm" && backend !== "wasm-simd" && backend !== "wasm-scalar")
    return Promise.reject(new TypeError(`Argument \`backend\` must be "wasm", "wasm-simd" or "wasm-scalar". Received: backend=${String(backend)}`));
  if (!hasWasm) return Promise.reject(new KernelNotReadyError("WebAssembly does not exist here; backend \"auto\" computes on the JS twin"));
  if (backend === "wasm-simd" && !simdSupported) return Promise.reject(new KernelNotReadyError("simd: not supported here"));
  // One promise per backend while no new module has been declared: ready() === ready().
  const cached = readyPromises[backend];
  if (cached !== undefined && cached.count === modules.length) return cached.promise;
  const all = [...modules];
  const promise = Promise.all(all.map((m) => m.ready(backend))).then((kernels) => ({
    simd: backend === "wasm" ? simdSupported : backend === "wasm-simd",
    bytes: kernels.reduce((n, k) => n + k.bytes, 0),
    modules: Object.fromEntries(kernels.map((k, i) => [all[i]!.name, k.bytes])),
  }));
  readyPromises[backend] = { count: all.length, promise };
  return promise;
}

const readyPromises: Partial<Record<WasmBackend, { count: number; promise: Promise<KernelInfo> }>> = {};
