/**
 * The calls that build a catalog schedule (catalog.ts), as text to copy: in Python, the
 * framework's own call, runnable as it is (imports, and for torch and HF the optimizer it steps);
 * in JavaScript, lrdecay's. Each writes the required arguments and those not at their defaults.
 * Numbers are written so that they read back to the same double: Python's repr for its floats
 * (0.0, 1e-07), JavaScript's own shortest form in JavaScript.
 */
import type { DType } from "../index.js";
import { floatRepr } from "../transformers/python.js";
import { findEntry, shownArgs, type CatalogArg, type CatalogJSON, type Entry } from "./catalog.js";

/** What a call is made of. */
export interface CallParts {
  readonly entry: Entry;
  /** Every argument of the framework's call by its name (nested schedules as CatalogJSON). */
  readonly config: Record<string, unknown>;
  /** The config as CatalogJSON holds it (with the optimizer's lr, and a plateau's metrics). */
  readonly json: Record<string, unknown>;
  /** torch and HF: the optimizer's lr, and its momentum (null: none). */
  readonly optimizer?: { readonly lr: number; readonly momentum: number | null };
}

const MODULE: Record<Entry["framework"], string> = { keras: "lrdecay", torch: "lrdecay/torch", transformers: "lrdecay/transformers", optax: "lrdecay/optax" };

/** A Python string literal (repr's single quotes). */
const pyString = (s: string) => `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;

function pyValue(v: unknown, float: boolean, names: Set<string>): string {
  if (v === null || v === undefined) return "None";
  if (typeof v === "boolean") return v ? "True" : "False";
  if (typeof v === "string") return pyString(v);
  if (typeof v === "number") return float ? floatRepr(v) : String(v + 0);
  if (Array.isArray(v)) return `[${v.map((x) => pyValue(x, float, names)).join(", ")}]`;
  const o = v as Record<string, unknown>;
  if (typeof o.schedule === "string") return pyExpression(o as unknown as CatalogJSON, names);
  // A {step: scale} map (optax's boundaries_and_scales): int keys, float values.
  return `{${Object.entries(o).map(([k, x]) => `${k}: ${pyValue(x, true, names)}`).join(", ")}}`;
}

function jsValue(v: unknown, names: Set<string>): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number") return Object.is(v, -0) ? "-0" : String(v);
  if (typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `[${v.map((x) => jsValue(x, names)).join(", ")}]`;
  const o = v as Record<string, unknown>;
  if (typeof o.schedule === "string") return jsExpression(o as unknown as CatalogJSON, names);
  return `{ ${Object.entries(o).map(([k, x]) => `${/^(0|[1-9]\d*)$/.test(k) ? k : JSON.stringify(k)}: ${jsValue(x, names)}`).join(", ")} }`;
}

/**
 * optax's sgdr_schedule takes a list of warmup_cosine_decay_schedule's keyword arguments (the only
 * argument of kind "objects"): each dict is written by that function's declaration.
 */
function objectArgs(): readonly CatalogArg[] {
  return findEntry("optax.warmup_cosine_decay_schedule")!.args;
}

function pyArgs(args: readonly CatalogArg[], config: Record<string, unknown>, names: Set<string>): string[] {
  return shownArgs(args, config).map((a) => {
    const v = config[a.key];
    if (a.kind === "objects" && Array.isArray(v))
      return `${a.key}=[${v.map((o: Record<string, unknown>) => `{${shownArgs(objectArgs(), o).map((x) => `${pyString(x.key)}: ${pyValue(o[x.key], x.float, names)}`).join(", ")}}`).join(", ")}]`;
    return `${a.key}=${pyValue(v, a.float, names)}`;
  });
}

function jsOptions(args: readonly CatalogArg[], config: Record<string, unknown>, names: Set<string>, extra: string[] = []): string {
  const items = shownArgs(args, config).map((a) => {
    const v = config[a.key];
    if (a.kind === "objects" && Array.isArray(v))
      return `${a.option}: [${v.map((o: Record<string, unknown>) => `{ ${shownArgs(objectArgs(), o).map((x) => `${x.option}: ${jsValue(o[x.key], names)}`).join(", ")} }`).join(", ")}]`;
    return `${a.option}: ${jsValue(v, names)}`;
  });
  const all = [...items, ...extra];
  return all.length === 0 ? "" : `{ ${all.join(", ")} }`;
}

/** The arguments of the Python call, `key=value`: the required ones and those not at their defaults. */
export function pythonArgs(entry: Entry, config: Record<string, unknown>): string[] {
  return pyArgs(entry.args, config, new Set());
}

/** The Python expression that builds `item`; the names it needs imported go into `names`. */
function pyExpression(item: CatalogJSON, names: Set<string>): string {
  const entry = findEntry(item.schedule)!;
  const args = pyArgs(entry.args, item.config, names);
  switch (entry.framework) {
    case "optax":
      return `optax.${entry.name}(${args.join(", ")})`;
    case "keras":
      names.add(entry.name);
      return `${entry.name}(${args.join(", ")})`;
    default:
      names.add(entry.name);
      return `${entry.name}(${[...optimizerFirst(entry), ...args].join(", ")})`;
  }
}

/** The JavaScript expression that builds `item` with lrdecay; the names it imports go into `names`. */
function jsExpression(item: CatalogJSON, names: Set<string>, dtype?: DType): string {
  const entry = findEntry(item.schedule)!;
  names.add(entry.jsName);
  const options = jsOptions(entry.args, item.config, names, dtype === undefined || dtype === entry.dtypes[0] ? [] : [`dtype: ${JSON.stringify(dtype)}`]);
  switch (entry.framework) {
    case "keras":
      return `new ${entry.name}(${options || "{}"})`;
    case "optax":
      return `${entry.jsName}(${options || "{}"})`;
    case "torch":
      return `new ${entry.name}(${[...optimizerFirst(entry), ...(options ? [options] : [])].join(", ")})`;
    case "transformers":
      return `${entry.jsName}(${["optimizer", ...(options ? [options] : [])].join(", ")})`;
  }
}

/** A scheduler's leading optimizer argument: ChainedScheduler has none (its schedulers carry it). */
const optimizerFirst = (entry: Entry) => (entry.name === "ChainedScheduler" ? [] : ["optimizer"]);

const sorted = (names: Set<string>) => [...names].sort();

/** The Python that builds the schedule, as lines. */
export function pythonCall(parts: CallParts, dtype: DType): string {
  const { entry } = parts;
  const names = new Set<string>();
  const expression = pyExpression({ schedule: entry.id, config: parts.config }, names);
  switch (entry.framework) {
    case "keras":
      return [
        `from keras.optimizers.schedules import ${sorted(names).join(", ")}`,
        ...(dtype === "float64" ? ["# lrdecay's float64: this schedule computing in float64 (a float64 initial_learning_rate)"] : []),
        `schedule = ${expression}`,
      ].join("\n");
    case "optax":
      return [
        ...(dtype === "float64" ? ["import jax", `jax.config.update("jax_enable_x64", True)`] : []),
        "import optax",
        `schedule = ${expression}`,
      ].join("\n");
    default: {
      const { lr, momentum } = parts.optimizer!;
      const from = entry.framework === "torch" ? "torch.optim.lr_scheduler" : "transformers";
      const metrics = parts.config.metrics as readonly number[] | undefined;
      return [
        "import torch",
        `from ${from} import ${sorted(names).join(", ")}`,
        `optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=${floatRepr(lr)}${momentum === null ? "" : `, momentum=${floatRepr(momentum)}`})`,
        `scheduler = ${expression}`,
        ...(metrics === undefined ? [] : [`for metric in ${pyValue(metrics, true, names)}:  # after each epoch`, "    scheduler.step(metric)"]),
      ].join("\n");
    }
  }
}

/** The JavaScript that builds the schedule with lrdecay, as lines. */
export function jsCall(parts: CallParts, dtype: DType): string {
  const { entry } = parts;
  const names = new Set<string>();
  const expression = jsExpression({ schedule: entry.id, config: parts.config }, names, dtype);
  const head = `import { ${sorted(names).join(", ")} } from "${MODULE[entry.framework]}";`;
  if (entry.framework === "keras" || entry.framework === "optax") return [head, `const schedule = ${expression};`].join("\n");
  const { lr, momentum } = parts.optimizer!;
  const group = `{ lr: ${jsValue(lr, names)}${momentum === null ? "" : `, momentum: ${jsValue(momentum, names)}`} }`;
  const metrics = parts.config.metrics as readonly number[] | undefined;
  return [
    head,
    `const optimizer = { param_groups: [${group}], defaults: ${group} };`,
    `const scheduler = ${expression};`,
    ...(metrics === undefined ? [] : [`scheduler.range(0, ${metrics.length + 1}, { metrics: ${jsValue(metrics, names)} });   // the lr after each metric`]),
  ].join("\n");
}
