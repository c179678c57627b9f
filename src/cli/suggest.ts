/**
 * "Did you mean" for an unknown flag, over every flag the command knows: its own options and every
 * schedule's (Commander's own suggestion sees only the options shown in --help, and by edit
 * distance alone it offers --start for --stairs). A flag the typed word begins, or that begins
 * the typed word, counts as nearly equal, so abbreviations and truncations find their flag.
 */

/** Optimal string alignment distance (Damerau-Levenshtein without repeated edits of a substring). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  return d[a.length]![b.length]!;
}

/** Comparing only a prefix costs half an edit: a whole-word match of equal distance wins. */
const PREFIX_COST = 0.5;
/** At most this many edits, and at most one per three characters of the typed word. */
const MAX_EDITS = 3;

/** How far the typed word (without dashes) is from a flag (without dashes). */
function distance(word: string, flag: string): number {
  let d = editDistance(word, flag);
  if (flag.length > word.length) d = Math.min(d, editDistance(word, flag.slice(0, word.length)) + PREFIX_COST);
  if (word.length > flag.length) d = Math.min(d, editDistance(word.slice(0, flag.length), flag) + PREFIX_COST);
  return d;
}

/**
 * The flags nearest `typed` ("--stairs") among `groups`, searched in order: the first group with a
 * near flag gives the answer (the schedule's own flags and the command's options before other
 * schedules'). Returns the group's index and its nearest flags, sorted, or undefined.
 */
export function nearestFlags(typed: string, groups: readonly (readonly string[])[]): { group: number; flags: string[] } | undefined {
  const word = typed.replace(/^-+/, "").split("=")[0]!;
  if (word === "") return undefined;
  const limit = Math.min(MAX_EDITS, Math.max(1, Math.floor(word.length / 3)));
  for (const [group, flags] of groups.entries()) {
    let best = Infinity;
    let nearest: string[] = [];
    for (const flag of new Set(flags)) {
      const d = distance(word, flag.replace(/^-+/, ""));
      if (d > limit || d > best) continue;
      if (d < best) nearest = [];
      best = d;
      nearest.push(flag);
    }
    if (nearest.length > 0) return { group, flags: nearest.sort() };
  }
  return undefined;
}
