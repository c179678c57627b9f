// Types of scripts/measure-sizes.mjs, for test/readme.test.ts and test/package.test.ts.
export interface EntrySize {
  /** What a page imports: "lrdecay", "lrdecay/keras", ... */
  name: string;
  /** Its key in package.json "exports": ".", "./keras", ... */
  subpath: string;
  file: string;
  /** Bytes of the entry bundled with everything it imports, minified. */
  minified: number;
  /** The same, gzipped at zlib level 9. */
  gzipped: number;
  /** Peer dependencies it imports, left out of the bundle. */
  external: string[];
  /** The frameworks whose Wasm module the files it loads embed, and which builds. */
  wasm: { module: string; simd: boolean; scalar: boolean }[];
  /** The frameworks whose code (src/<framework>/, assembly/<framework>/) the entry loads. */
  code: string[];
  /** How many source modules esbuild marked in the files the entry loads (dist/, statically imported). */
  sourceModules: number;
}
export interface KernelInfo {
  simd: boolean;
  bytes: number;
  modules: Record<string, number>;
}
export interface Sizes {
  entries: EntrySize[];
  modules: { name: string; simd: number; scalar: number }[];
  /** What `await ready()` resolves with in a process that imports "lrdecay" alone. */
  ready: KernelInfo;
  tarball: { filename: string; packed: number; unpacked: number; files: number; largest: { path: string; bytes: number } };
}
export const MARKERS: RegExp;
export const READY_EXAMPLE: RegExp;
export function measureEntries(): Promise<{ entries: EntrySize[]; modules: { name: string; simd: string; scalar: string }[] }>;
export function measure(): Promise<Sizes>;
export function render(sizes: Sizes): string;
export function renderReady(info: KernelInfo): string;
export function rewrite(text: string, sizes: Sizes): string;
