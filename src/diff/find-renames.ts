import type { DiffObject } from "./types.js";

/** How alike two objects must be (0…1) to be shown as one renamed object. */
const RENAME_SIMILARITY = 0.75;

/** Past this many pairs of one kind, a change is a fan-out, not a rename: skip the search. */
const MAX_PAIRS_PER_KIND = 40_000;

/** A removed and an added object that are the same object under a new name. */
export interface RenamePair {
  removed: DiffObject;
  added: DiffObject;
  similarity: number;
}

/**
 * Pairs removed and added objects of the same cluster and kind whose YAML is mostly the same,
 * best matches first. Each object joins at most one pair; ties go to the earlier key, so the
 * result does not depend on the order of the inputs.
 */
export function findRenames(
  removed: readonly DiffObject[],
  added: readonly DiffObject[],
): RenamePair[] {
  const candidates: RenamePair[] = [];
  const addedByGroup = groupBy(added);
  for (const [group, olds] of groupBy(removed)) {
    const news = addedByGroup.get(group) ?? [];
    if (olds.length * news.length > MAX_PAIRS_PER_KIND) continue;
    const oldLines = olds.map(namelessLines);
    const newLines = news.map(namelessLines);
    olds.forEach((o, i) =>
      news.forEach((n, j) => {
        const similarity = dice(oldLines[i]!, newLines[j]!);
        if (similarity >= RENAME_SIMILARITY) candidates.push({ removed: o, added: n, similarity });
      }),
    );
  }
  candidates.sort(
    (a, b) =>
      b.similarity - a.similarity ||
      cmp(a.removed.key, b.removed.key) ||
      cmp(a.added.key, b.added.key),
  );
  const taken = new Set<string>();
  const pairs: RenamePair[] = [];
  for (const c of candidates) {
    if (taken.has(c.removed.key) || taken.has(c.added.key)) continue;
    taken.add(c.removed.key).add(c.added.key);
    pairs.push(c);
  }
  return pairs;
}

function groupBy(objects: readonly DiffObject[]): Map<string, DiffObject[]> {
  const groups = new Map<string, DiffObject[]>();
  for (const o of objects) {
    const k = `${o.cluster}\0${o.kind}`;
    groups.set(k, [...(groups.get(k) ?? []), o]);
  }
  return groups;
}

/**
 * The object's YAML as a bag of lines, with its own name and its instance label blanked out:
 * a renamed resource repeats its name in labels, ids and selectors, and those lines should
 * count as the same on both sides.
 */
function namelessLines(object: DiffObject): Map<string, number> {
  const metadata = object.object["metadata"] as { labels?: Record<string, unknown> } | undefined;
  const instance = metadata?.labels?.["app.kubernetes.io/instance"];
  const names = [object.name, typeof instance === "string" ? instance : ""]
    .filter((n) => n.length >= 3)
    .sort((a, b) => b.length - a.length);
  let text = object.text;
  for (const name of names) text = text.split(name).join("\u0000");
  return lineCounts(text);
}

/** How many times each (trimmed) line occurs. */
function lineCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of text.split("\n")) {
    const t = line.trim();
    if (t !== "") counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return counts;
}

/** Sørensen–Dice over two bags of lines: 1 for the same lines, 0 for none in common. */
function dice(a: Map<string, number>, b: Map<string, number>): number {
  let shared = 0;
  let total = 0;
  for (const n of a.values()) total += n;
  for (const [line, n] of b) {
    total += n;
    shared += Math.min(n, a.get(line) ?? 0);
  }
  return total === 0 ? 1 : (2 * shared) / total;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
