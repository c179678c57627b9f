/**
 * Compiles AssemblyScript numerics into a Wasm module for a test, so that a function of
 * assembly/numerics/ is checked against its JS twin bit for bit without going through a schedule.
 * `source` is an AssemblyScript module placed at assembly/__test__.ts (import from "./numerics/...");
 * the module gets the constant region written in, as src/core/wasm.ts does for the real build.
 */
import asc from "assemblyscript/asc";
import { readFileSync } from "node:fs";
import { CONSTANTS } from "../../src/generated/constants.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const ENTRY = "assembly/__test__.ts";

export async function compileNumerics(source: string, options: { simd?: boolean } = {}): Promise<Record<string, (...args: number[]) => number>> {
  let binary: Uint8Array | null = null;
  const stderr: string[] = [];
  const entry = `${source}\nimport { CONSTANTS as __CONSTANTS } from "./numerics/constants";\nexport function __constants(): usize { return __CONSTANTS; }\n`;
  const { error } = await asc.main(
    [ENTRY, "--outFile", "out.wasm", "--runtime", "stub", "--optimizeLevel", "3", "--noAssert", "--baseDir", ROOT, ...(options.simd === false ? [] : ["--enable", "simd"])],
    {
      readFile: (name, baseDir) => {
        if (name === ENTRY || name.endsWith("__test__.ts")) return entry;
        try {
          return readFileSync(`${baseDir}/${name}`, "utf8");
        } catch {
          return null;
        }
      },
      writeFile: (name, contents) => {
        if (name.endsWith(".wasm")) binary = contents as Uint8Array;
      },
      listFiles: () => [],
      stderr: { write: (s: string | Uint8Array) => (stderr.push(String(s)), true) } as never,
    },
  );
  if (error || binary === null) throw new Error(`asc failed: ${error?.message ?? ""}\n${stderr.join("")}`);
  const { instance } = await WebAssembly.instantiate(binary, { env: { abort: () => { throw new Error("abort"); } } });
  const exports = instance.exports as Record<string, unknown> & { memory: WebAssembly.Memory; __constants(): number };
  new Float64Array(exports.memory.buffer, exports.__constants(), CONSTANTS.length).set(CONSTANTS);
  return exports as never;
}
