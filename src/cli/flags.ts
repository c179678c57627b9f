/**
 * The schedule flags of the lrdecay command, made from the schedules' declared arguments
 * (src/core/args.ts): one flag per Keras argument, in kebab case (--decay-steps); lists
 * comma-separated (--boundaries 1000,5000); booleans as --staircase / --no-staircase; a number
 * that Keras allows to be None as --warmup-target none. Commander keeps each flag's text; it is
 * read by the kind the schedule declares once the schedule is known (from --schedule or --config).
 */
import { InvalidArgumentError, Option, type Command } from "commander";
import { SCHEDULES, type Arg, type ScheduleName } from "../index.js";
import { showArgument } from "../core/args.js";

export const NAMES = Object.keys(SCHEDULES) as ScheduleName[];
export const DEFAULT_SCHEDULE: ScheduleName = "ExponentialDecay";

export const argsOf = (name: ScheduleName) => SCHEDULES[name].args as readonly Arg[];

/** Every schedule's arguments by flag name; an argument that several schedules share appears once. */
export function allFlags(): Map<string, Arg> {
  const flags = new Map<string, Arg>();
  for (const name of NAMES) for (const arg of argsOf(name)) if (!flags.has(arg.flag)) flags.set(arg.flag, arg);
  return flags;
}

/** The --schedule the command line names (before Commander parses it), for its help and flags. */
export function scheduleInArgv(argv: readonly string[]): ScheduleName | undefined {
  let name: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") break;
    if (a === "--schedule") name = argv[i + 1];
    else if (a.startsWith("--schedule=")) name = a.slice("--schedule=".length);
  }
  return name !== undefined && (NAMES as string[]).includes(name) ? name as ScheduleName : undefined;
}

const placeholder = (arg: Arg) => (arg.kind === "numbers" ? "<list>" : arg.kind === "string" ? "<text>" : "<x>");

/** "(default: 0.0001)", "(required)", "(default: none)" */
function defaultText(arg: Arg): string {
  if (arg.required) return "(required)";
  if (arg.kind === "optionalNumber" && arg.default === null) return "(default: none; a number turns it on)";
  if (arg.kind === "boolean") return `(default: ${arg.default ? `on; --no-${arg.flag} turns it off` : `off; --no-${arg.flag} turns off what --config set`})`;
  return `(default: ${showArgument(arg.default)})`;
}

/**
 * Adds one option per schedule argument. The arguments of `shown` appear in --help with their
 * defaults; every other schedule's flags are hidden, but accepted, so that a flag of the wrong
 * schedule gets a message saying whose it is.
 */
export function addScheduleFlags(cli: Command, shown: ScheduleName | undefined): Command {
  const visible = new Set(shown === undefined ? [] : argsOf(shown).map((a) => a.flag));
  const ordered = [...(shown === undefined ? [] : argsOf(shown)), ...allFlags().values()];
  const added = new Set<string>();
  for (const arg of ordered) {
    if (added.has(arg.flag)) continue;
    added.add(arg.flag);
    const hidden = !visible.has(arg.flag);
    const doc = `${arg.doc}${arg.kind === "numbers" ? ", comma-separated" : arg.kind === "optionalNumber" ? ", or none" : ""}${/\(default/.test(arg.doc) ? "" : ` ${defaultText(arg)}`}`;
    if (arg.kind === "boolean") {
      cli.addOption(new Option(`--${arg.flag}`, doc).hideHelp(hidden));
      cli.addOption(new Option(`--no-${arg.flag}`, `not --${arg.flag}`).hideHelp());
    } else {
      cli.addOption(new Option(`--${arg.flag} ${placeholder(arg)}`, doc).hideHelp(hidden));
    }
  }
  return cli;
}

/** The help text's list of schedules and their flags. */
export function schedulesHelp(): string {
  const lines = NAMES.map((name) => {
    const flags = argsOf(name)
      .filter((a) => a.key !== "name")
      .map((a) => {
        const flag = a.kind === "boolean" ? `--${a.flag}` : `--${a.flag} ${placeholder(a).slice(1, -1).toUpperCase()}`;
        return a.required ? flag : `[${flag}]`;
      });
    return `  ${name}${name === DEFAULT_SCHEDULE ? " (the default)" : ""}\n      ${flags.join(" ")}`;
  });
  return `\nSchedules (--schedule NAME; lrdecay --schedule NAME --help lists its flags with their defaults):\n${lines.join("\n")}\n`;
}

/** A flag's text read as the argument's kind says; the error names the flag. */
function read(arg: Arg, text: string): unknown {
  const fail = (what: string) => new InvalidArgumentError(`--${arg.flag} must be ${what}, got "${text}"`);
  const num = (s: string) => {
    const x = Number(s);
    if (s.trim() === "" || !Number.isFinite(x)) throw fail(arg.kind === "numbers" ? "a comma-separated list of finite numbers" : arg.kind === "optionalNumber" ? "a finite number or none" : "a finite number");
    return x;
  };
  switch (arg.kind) {
    case "number":
      return num(text);
    case "optionalNumber":
      return /^(none|null)$/i.test(text.trim()) ? null : num(text);
    case "numbers":
      return text.trim() === "" ? [] : text.split(",").map(num);
    case "string":
      return text;
    case "boolean":
      return text;
  }
}

/** The config values the command line gives for `schedule`; a flag of another schedule is refused. */
export function configFromFlags(schedule: ScheduleName, given: Record<string, unknown>): Record<string, unknown> {
  const own = argsOf(schedule);
  const config: Record<string, unknown> = {};
  for (const flagArg of allFlags().values()) {
    const value = given[flagArg.option];
    if (value === undefined) continue;
    const arg = own.find((a) => a.key === flagArg.key);
    if (arg === undefined)
      throw new InvalidArgumentError(`--${flagArg.flag} is not an argument of ${schedule} (its flags: ${own.map((a) => `--${a.flag}`).join(", ")})`);
    config[arg.key] = typeof value === "string" ? read(arg, value) : value;
  }
  return config;
}
