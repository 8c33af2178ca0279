/**
 * "Did you mean …" for unknown keys, names and flags.
 *
 * Distance is Damerau-Levenshtein (optimal string alignment: a swap of two neighbours is one
 * edit, the most common typo) on lower-cased text, so a difference only in case always wins.
 * A candidate qualifies within max(len, 3) / 3 edits of the input — rustc's threshold: one edit
 * for short words, more for long ones — and never by replacing every character of the input.
 */
export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  if (input === "") return undefined;
  const lower = input.toLowerCase();
  const length = [...input].length;
  const limit = Math.min(Math.floor(Math.max(length, 3) / 3), length - 1);
  let best: { name: string; distance: number; exact: number } | undefined;
  for (const name of new Set(candidates)) {
    if (name === input) return undefined; // the input is valid: nothing to suggest
    const distance = editDistance(lower, name.toLowerCase());
    if (distance > limit) continue;
    // Ties go to the candidate closest in case, then to the alphabetically first.
    const exact = distance === 0 ? editDistance(input, name) : distance;
    if (best === undefined || isBetter({ name, distance, exact }, best)) {
      best = { name, distance, exact };
    }
  }
  return best?.name;
}

function isBetter(
  a: { name: string; distance: number; exact: number },
  b: { name: string; distance: number; exact: number },
): boolean {
  if (a.distance !== b.distance) return a.distance < b.distance;
  if (a.exact !== b.exact) return a.exact < b.exact;
  return a.name < b.name;
}

/** Optimal-string-alignment distance between two strings, by code point. */
export function editDistance(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  // Three rows are enough: the transposition step looks back two rows.
  let before = new Array<number>(t.length + 1).fill(0);
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const row = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
        d = Math.min(d, before[j - 2]! + 1);
      }
      row.push(d);
    }
    before = prev;
    prev = row;
  }
  return prev[t.length]!;
}

/** A readable list of choices: `a, b, c` or `a, b, c … and 12 more`; "(none)" when empty. */
export function formatChoices(candidates: Iterable<string>, max = 10): string {
  const all = [...new Set(candidates)];
  if (all.length === 0) return "(none)";
  const shown = all.slice(0, Math.max(1, max)).join(", ");
  const rest = all.length - Math.max(1, max);
  return rest > 0 ? `${shown} … and ${rest} more` : shown;
}
