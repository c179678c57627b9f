/**
 * The schedule flags of the lrdecay command, made from the schedules' declared arguments
 * (src/core/args.ts): one flag per Keras argument, in kebab case (--decay-steps); lists
 * comma-separated (--boundaries 1000,5000); booleans as --staircase / --no-staircase.
 */
import { InvalidArgumentError, Option, type Command } from "commander";
import { SCHEDULES, type Arg, type ScheduleName } from "../index.js";

export function number(value: string): number {
  const x = Number(value);
  if (value.trim() === "" || !Number.isFinite(x)) throw new InvalidArgumentError(`must be a finite number, got "${value}"`);
  return x;
}

const numbers = (value: string): number[] => value.split(",").map((v) => number(v));

/** Every schedule's arguments by flag name; an argument that several schedules share appears once. */
export function allFlags(): Map<string, Arg> {
  const flags = new Map<string, Arg>();
  for (const cls of Object.values(SCHEDULES)) for (const arg of cls.args) if (!flags.has(arg.flag)) flags.set(arg.flag, arg);
  return flags;
}

/** Adds one option per schedule argument to the command. */
export function addScheduleFlags(cli: Command): Command {
  for (const [flag, arg] of allFlags()) {
    if (arg.kind === "boolean") {
      cli.option(`--${flag}`, arg.doc);
      cli.addOption(new Option(`--no-${flag}`, `not --${flag}`).hideHelp());
    } else if (arg.kind === "numbers") cli.option(`--${flag} <list>`, `${arg.doc} (comma-separated)`, numbers);
    else if (arg.kind === "string") cli.option(`--${flag} <text>`, arg.doc);
    else cli.option(`--${flag} <x>`, arg.doc, number);
  }
  return cli;
}

/** The flag of a schedule argument, by its Keras name. */
export function flagOf(key: string): string | undefined {
  for (const arg of allFlags().values()) if (arg.key === key) return `--${arg.flag}`;
  return undefined;
}

/** The config values the command line gives for `schedule`; a flag of another schedule is refused. */
export function configFromFlags(schedule: ScheduleName, given: Record<string, unknown>): Record<string, unknown> {
  const own = SCHEDULES[schedule].args as readonly Arg[];
  const config: Record<string, unknown> = {};
  for (const arg of allFlags().values()) {
    const value = given[arg.option];
    if (value === undefined) continue;
    if (!own.some((a) => a.key === arg.key))
      throw new InvalidArgumentError(`--${arg.flag} is not an argument of ${schedule} (its flags: ${own.map((a) => `--${a.flag}`).join(", ")})`);
    config[arg.key] = value;
  }
  return config;
}
