// The command-line engines' side of the check (Node, Bun, Deno run this same file):
//   <engine> runner.mjs PLAN.json OUT.json [DETAIL_PART_ID]
// imports the built package from dist/ as a user would, computes the plan (compute.mjs) and writes
// the engine's name and version with the parts' digests to OUT.json.
import { readFileSync, writeFileSync } from "node:fs";
import process from "node:process";
import { compute } from "./compute.mjs";

function engine() {
  if (typeof globalThis.Bun !== "undefined")
    return { engine: "Bun", version: globalThis.Bun.version, detail: `JavaScriptCore (Bun's build, revision ${globalThis.Bun.revision.slice(0, 10)})` };
  if (typeof globalThis.Deno !== "undefined")
    return { engine: "Deno", version: globalThis.Deno.version.deno, detail: `V8 ${globalThis.Deno.version.v8}` };
  return { engine: "Node", version: process.versions.node, detail: `V8 ${process.versions.v8}` };
}

const [planFile, outFile, detail] = process.argv.slice(2);
const plan = JSON.parse(readFileSync(planFile, "utf8"));
const dist = new URL("../../dist/", import.meta.url);
const result = await compute(plan, (entry) => import(new URL(entry, dist).href), detail);
writeFileSync(outFile, JSON.stringify({ ...engine(), ...result }));
