/**
 * What a scheduler steps: PyTorch's `optimizer.param_groups`. A scheduler takes
 *  - an object shaped like a PyTorch optimizer, `{ param_groups: [{ lr, momentum?, betas? }, ...],
 *    defaults?: { lr, ... } }`: its groups are changed in place, as PyTorch changes them (`lr`,
 *    `initial_lr`, and `momentum` or `betas[0]` where the scheduler cycles momentum), so every
 *    scheduler built on it shares them (SequentialLR, ChainedScheduler);
 *  - a TensorFlow.js optimizer (anything with `learningRate` and `setLearningRate`): one group,
 *    whose lr is written back to the optimizer after every step, as lrdecay/tfjs sets it;
 *  - a number: the learning rate of a single group of a private optimizer.
 * Every scheduler built on the same object shares one Groups (a WeakMap), as PyTorch's share the
 * optimizer.
 */
import { describe } from "../core/validate.js";

/** One of PyTorch's param_groups, as far as schedulers read and write it. */
export interface ParamGroup {
  lr: number;
  initial_lr?: number;
  momentum?: number;
  betas?: [number, number] | number[];
  [key: string]: unknown;
}

/** An object shaped like a torch.optim optimizer. */
export interface TorchOptimizerLike {
  param_groups: ParamGroup[];
  defaults?: Record<string, unknown>;
}

/**
 * The part of a TF.js optimizer a scheduler uses: SGD and Momentum rebuild a cached scalar in
 * setLearningRate; Adam, Adamax, RMSProp, Adagrad and Adadelta have none and read `learningRate` on
 * every update (what lrdecay/tfjs relies on too).
 */
export interface TfjsOptimizerLike {
  learningRate: number;
  setLearningRate?(learningRate: number): void;
  getClassName?(): string;
}

/** What a scheduler's first argument may be. */
export type OptimizerLike = TorchOptimizerLike | TfjsOptimizerLike | number;

/** The groups a scheduler reads and writes, and what to tell after writing them. */
export class Groups {
  constructor(
    readonly groups: ParamGroup[],
    readonly defaults: Readonly<Record<string, unknown>>,
    /** The TF.js optimizer to update after each step, if any. */
    private readonly tfjs: TfjsOptimizerLike | null,
    /** What the caller passed (for error messages and identity). */
    readonly source: unknown,
  ) {}

  /** Writes the step's lrs into the groups (PyTorch's `param_group["lr"] = lr`). */
  setLrs(lrs: readonly number[]): void {
    for (let i = 0; i < this.groups.length && i < lrs.length; i++) this.groups[i]!.lr = lrs[i]!;
    this.sync();
  }

  /** Tells a TF.js optimizer the first group's lr (it has one group). */
  sync(): void {
    const t = this.tfjs;
    const lr = this.groups[0]!.lr;
    if (t === null || t.learningRate === lr) return;
    if (typeof t.setLearningRate === "function") t.setLearningRate(lr);
    else t.learningRate = lr;
  }

  lrs(): number[] {
    return this.groups.map((g) => g.lr);
  }
}

const shared = new WeakMap<object, Groups>();

/** What Python's type(x).__name__ would say of a value passed from JavaScript. */
function pythonType(x: unknown): string {
  if (x === null || x === undefined) return "NoneType";
  if (Array.isArray(x)) return "list";
  return ({ string: "str", boolean: "bool", bigint: "int", number: "float", function: "function", symbol: "symbol" } as Record<string, string>)[typeof x] ?? "dict";
}

function isTfjs(o: object): o is TfjsOptimizerLike {
  const t = o as Partial<TfjsOptimizerLike>;
  return "learningRate" in o && !("param_groups" in o) && (typeof t.setLearningRate === "function" || typeof t.getClassName === "function");
}

/** Checks one param group: its lr (and momentum, betas, initial_lr where present) finite numbers. */
function checkGroup(group: unknown, i: number): ParamGroup {
  const name = `optimizer.param_groups[${i}]`;
  if (group === null || typeof group !== "object" || Array.isArray(group))
    throw new TypeError(`Argument \`${name}\` must be an object with an lr. Received: ${name}=${describe(group)}`);
  const g = group as ParamGroup;
  for (const key of ["lr", "initial_lr", "momentum"] as const) {
    if (key !== "lr" && g[key] === undefined) continue;
    const v = g[key];
    if (typeof v !== "number") throw new TypeError(`Argument \`${name}.${key}\` must be a number. Received: ${name}.${key}=${describe(v)}`);
    if (!Number.isFinite(v)) throw new RangeError(`Argument \`${name}.${key}\` must be finite. Received: ${name}.${key}=${describe(v)}`);
  }
  if (g.betas !== undefined && (!Array.isArray(g.betas) || g.betas.length < 1 || g.betas.some((b) => typeof b !== "number" || !Number.isFinite(b))))
    throw new TypeError(`Argument \`${name}.betas\` must be an array of finite numbers. Received: ${name}.betas=${describe(g.betas)}`);
  return g;
}

/** The Groups of a scheduler's optimizer argument; the same Groups for the same object. */
export function groupsOf(optimizer: unknown): Groups {
  if (typeof optimizer === "number") {
    if (!Number.isFinite(optimizer)) throw new RangeError(`Argument \`optimizer\` must be finite as a learning rate. Received: optimizer=${describe(optimizer)}`);
    return new Groups([{ lr: optimizer }], { lr: optimizer }, null, optimizer);
  }
  if (optimizer instanceof Groups) return optimizer;
  // PyTorch's words, with Python's name of the type (an lrdecay optimizer is { param_groups: [{ lr }, ...] },
  // a TF.js optimizer or a learning rate).
  if (optimizer === null || typeof optimizer !== "object") throw new TypeError(`${pythonType(optimizer)} is not an Optimizer`);
  const known = shared.get(optimizer);
  if (known !== undefined) return known;
  let groups: Groups;
  if (isTfjs(optimizer)) {
    const lr = optimizer.learningRate;
    if (typeof lr !== "number" || !Number.isFinite(lr))
      throw new TypeError(`The TF.js optimizer's learningRate must be a finite number. Received: ${describe(lr)}`);
    groups = new Groups([{ lr }], { lr }, optimizer, optimizer);
  } else {
    const o = optimizer as Partial<TorchOptimizerLike>;
    if (!Array.isArray(o.param_groups) || o.param_groups.length === 0)
      throw new TypeError(`${pythonType(optimizer)} is not an Optimizer (it needs param_groups, a non-empty array of { lr })`);
    o.param_groups.forEach(checkGroup);
    const defaults = o.defaults ?? {};
    if (defaults === null || typeof defaults !== "object") throw new TypeError(`Argument \`optimizer.defaults\` must be an object. Received: ${describe(defaults)}`);
    groups = new Groups(o.param_groups, defaults, null, optimizer);
  }
  shared.set(optimizer, groups);
  return groups;
}
