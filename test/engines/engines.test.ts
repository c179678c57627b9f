// The same bits in every engine: Bun (JavaScriptCore), Deno and Firefox (SpiderMonkey) compute
// every schedule of every framework (plan.ts), in both dtypes, on every backend, as arrays, ranges
// and single calls, from the built package, and must give the bytes Node gives (a NaN's sign and
// payload aside: compute.mjs). On a difference, the first differing part and element are named.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { bun, deno, firefox, node, type Engine, type Result } from "./engines.js";
import { BUILT, FRAMEWORKS, makePlan, type Plan } from "./plan.js";

const dir = mkdtempSync(join(tmpdir(), "lrdecay-engines-"));
const planFile = join(dir, "plan.json");
const reference = node(dir);
const ENGINES: Engine[] = [bun(dir), deno(dir), firefox()];

const loadDist = (entry: string): Promise<Record<string, unknown>> => import(new URL(`../../dist/${entry}`, import.meta.url).href);

let plan: Plan;
let nodeResult: Result;

beforeAll(async () => {
  plan = await makePlan(loadDist);
  writeFileSync(planFile, JSON.stringify(plan));
  nodeResult = await reference.run(planFile);
}, 240_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const float64s = (base64: string) => {
  const bytes = Buffer.from(base64, "base64");
  return new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
};

/** The step behind element `i` of a part (its id says which array or range it is). */
function stepAt(id: string, i: number): string {
  const range = /range\((-?\d+), (-?\d+)\)$/.exec(id);
  if (range) return String(BigInt(range[1]!) + BigInt(i));
  if (id.endsWith(" bigint steps")) return `${plan.bigSteps[i]}n`;
  if (id.endsWith(" steps")) return String(float64s(plan.steps)[i]);
  if (id.endsWith(" calls")) return String((id.startsWith("optax/") ? float64s(plan.counts) : float64s(plan.calls))[i]);
  if (id.endsWith(" counts")) return String(float64s(plan.counts)[i]);
  if (id.endsWith(" step()")) return `step() call ${i} (of every group in turn)`;
  return "?";
}

/** Where the bytes of one part differ: the first element that Object.is tells apart, or the text. */
function firstDifference(id: string, ours: Buffer, theirs: Buffer, engine: string): string {
  const text = (b: Buffer) => b.toString("utf8");
  const isText = (b: Buffer) => id.endsWith(" refusals") || text(b).startsWith("threw ");
  if (isText(ours) || isText(theirs)) {
    const a = text(ours).split("\n");
    const b = text(theirs).split("\n");
    const line = Math.max(...[a, b].map((lines, k) => lines.findIndex((l, i) => l !== [b, a][k]![i])));
    return `line ${line}: Node "${a[line] ?? "(none)"}", ${engine} "${b[line] ?? "(none)"}"`;
  }
  const width = id.endsWith(" calls") || / float64 /.test(id) ? 8 : 4;
  // A copy of its own: a Buffer's offset in its pool need not be a multiple of 8.
  const view = (bytes: Buffer) => (width === 8 ? new Float64Array(new Uint8Array(bytes).buffer) : new Float32Array(new Uint8Array(bytes).buffer));
  const a = view(ours);
  const b = view(theirs);
  if (a.length !== b.length) return `${a.length} values from Node, ${b.length} from ${engine}`;
  const at = (i: number) => `element ${i} (step ${stepAt(id, i)}): Node ${a[i]} (0x${bits(ours, i)}), ${engine} ${b[i]} (0x${bits(theirs, i)})`;
  const bits = (bytes: Buffer, i: number) => Buffer.from(bytes.subarray(i * width, (i + 1) * width)).reverse().toString("hex");
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return at(i);
  // Object.is tells no element apart: then only a NaN's sign or payload bits can differ.
  for (let i = 0; i < a.length; i++) if (bits(ours, i) !== bits(theirs, i)) return at(i);
  return "no byte differs";
}

describe("every engine computes Node's bytes", () => {
  test("the plan covers every registered schedule in both dtypes, and Node computes all of it", async () => {
    for (const { framework, entry, registry } of FRAMEWORKS) {
      const names = Object.keys((await loadDist(entry))[registry] as object);
      expect(names.length).toBeGreaterThan(0);
      for (const name of names)
        for (const dtype of ["float32", "float64"])
          expect(plan.cases.some((c) => c.id.startsWith(`${framework}/${name}#`) && c.dtype === dtype), `${framework}/${name} ${dtype}`).toBe(true);
    }
    // Every scheduler class of lrdecay/torch, every get_* function of lrdecay/transformers and every
    // schedule function of lrdecay/optax is built by at least one case.
    const torch = await loadDist("torch/index.js");
    const schedulers = Object.keys(torch).filter((k) => typeof torch[k] === "function" && (torch[k] as { prototype?: unknown }).prototype instanceof (torch.LRScheduler as new () => object));
    expect(schedulers.length).toBe(15);
    const hf = Object.keys(await loadDist("transformers/index.js")).filter((k) => /^get[A-Z]/.test(k));
    expect(hf.length).toBeGreaterThan(10);
    const optax = await loadDist("optax/index.js");
    const optaxFunctions = Object.keys(optax).filter((k) => /^[a-z]+[A-Z]\w*$/.test(k) && typeof optax[k] === "function" && k !== "fromJSON");
    expect(optaxFunctions.length).toBe(14);
    for (const [framework, names] of [["torch", schedulers], ["transformers", hf], ["optax", optaxFunctions]] as const)
      for (const name of names) expect(BUILT.some((b) => b.framework === framework && b.build.includes(`m.${name}(`)), `${framework}: ${name}`).toBe(true);
    // Parts that threw would compare error messages instead of values.
    expect(nodeResult.threw).toEqual([]);
    expect(nodeResult.parts.length).toBeGreaterThan(plan.cases.length * 4 * plan.ranges.length);
    console.log(`engines checked: | ${nodeResult.engine} | ${nodeResult.version} | ${nodeResult.detail} | ${reference.how} |`);
    console.log(`the plan: ${plan.cases.length} cases (schedule, arguments, dtype) and ${plan.built.length} built by a call (PyTorch, Hugging Face, optax), ${nodeResult.parts.length} parts (a case on a backend: ranges, steps, bigint steps; single calls; refusals)`);
  });

  test.each(ENGINES.map((e) => [e.name, e] as const))("%s", async (_, engine) => {
    const result = await engine.run(planFile);
    const row = `| ${result.engine} | ${result.version} | ${result.detail} | ${engine.how} |`;
    expect(result.parts.map((p) => p.id)).toEqual(nodeResult.parts.map((p) => p.id));
    const differ = nodeResult.parts.filter((p, i) => p.sha256 !== result.parts[i]!.sha256);
    const nanBits = nodeResult.parts.filter((p, i) => p.sha256 === result.parts[i]!.sha256 && p.raw !== result.parts[i]!.raw);
    if (differ.length > 0) {
      const id = differ[0]!.id;
      const [ours, theirs] = await Promise.all([reference.run(planFile, id), engine.run(planFile, id)]);
      const where = firstDifference(id, Buffer.from(ours.bytes!, "base64"), Buffer.from(theirs.bytes!, "base64"), result.engine);
      expect.fail(`${result.engine} ${result.version} differs from Node in ${differ.length} of ${nodeResult.parts.length} parts; the first: ${id}, ${where}`);
    }
    console.log(`engines checked: ${row}`);
    console.log(
      `${result.engine} ${result.version}: the same bytes as Node ${nodeResult.version} in all ${result.parts.length} parts` +
        (nanBits.length === 0 ? "" : `; NaNs with other sign or payload bits in ${nanBits.length}: ${nanBits.map((p) => p.id).join(", ")}`),
    );
  }, 600_000);
});
