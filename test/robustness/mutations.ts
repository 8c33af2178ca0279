import fc from "fast-check";
import { parseAllDocuments, stringify } from "yaml";

/** A place in a parsed manifest: the keys and indexes from the document root. */
type Path = Array<string | number>;

/** Odd values a user (or a bad merge) could leave anywhere in a manifest. */
const GARBAGE: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -1,
    1e309,
    3.5,
    "",
    "~",
    "yes",
    "NaN",
    "[",
    "{{",
    "dataos://",
    "../..",
    "\u0000",
    "ｆｅｅｄ",
  ),
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.array(fc.oneof(fc.string({ maxLength: 4 }), fc.integer()), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.string({ maxLength: 4 }), fc.integer()), {
    maxKeys: 3,
  }),
);

/** One edit of a manifest's data; `pick` chooses among the paths that exist. */
export type DataMutation =
  | { kind: "delete"; pick: number }
  | { kind: "rename"; pick: number; to: string }
  | { kind: "replace"; pick: number; value: unknown }
  | { kind: "insert"; pick: number; key: string; value: unknown };

/** One edit of a manifest's text. */
export type TextMutation = { kind: "splice"; at: number; remove: number; insert: string };

export const DATA_MUTATION: fc.Arbitrary<DataMutation> = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant("rename" as const),
    pick: fc.nat(),
    to: fc.oneof(
      fc.string({ maxLength: 10 }),
      fc.constantFrom("stackSpec", "container", "autoScaling", "autoscaling", "name", "type"),
    ),
  }),
  fc.record({ kind: fc.constant("replace" as const), pick: fc.nat(), value: GARBAGE }),
  fc.record({
    kind: fc.constant("insert" as const),
    pick: fc.nat(),
    key: fc.string({ maxLength: 10 }),
    value: GARBAGE,
  }),
);

export const TEXT_MUTATION: fc.Arbitrary<TextMutation> = fc.record({
  kind: fc.constant("splice" as const),
  at: fc.nat(),
  remove: fc.nat({ max: 8 }),
  insert: fc.oneof(
    fc.string({ maxLength: 8 }),
    fc.constantFrom(
      ":",
      "- ",
      "\n  ",
      "\t",
      "&a ",
      "*a",
      "!!binary ",
      "? ",
      "\r\n",
      "\uFEFF",
      "---\n",
    ),
  ),
});

/** Applies data mutations to every document of a manifest file and writes it back as YAML. */
export function mutateData(text: string, mutations: readonly DataMutation[]): string {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs)) return text;
  const values = docs.map((d) => d.toJS() as unknown);
  let root: unknown = values;
  for (const m of mutations) root = applyData(root, m);
  return (root as unknown[]).map((v) => stringify(v)).join("---\n");
}

/** Applies text mutations to a manifest file. */
export function mutateText(text: string, mutations: readonly TextMutation[]): string {
  let out = text;
  for (const m of mutations) {
    const at = out.length === 0 ? 0 : m.at % (out.length + 1);
    out = out.slice(0, at) + m.insert + out.slice(at + m.remove);
  }
  return out;
}

function applyData(root: unknown, m: DataMutation): unknown {
  const paths = allPaths(root, []).filter((p) => p.length > 1); // never the list of documents itself
  const path = paths[m.pick % Math.max(1, paths.length)];
  if (path === undefined) return root;
  const parent = valueAt(root, path.slice(0, -1)) as Record<string | number, unknown>;
  const key = path[path.length - 1]!;
  switch (m.kind) {
    case "delete":
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
      break;
    case "rename":
      if (!Array.isArray(parent)) {
        parent[m.to] = parent[key];
        if (m.to !== key) delete parent[key];
      }
      break;
    case "replace":
      parent[key] = m.value;
      break;
    case "insert": {
      const target = parent[key];
      if (isMap(target)) target[m.key] = m.value;
      else if (Array.isArray(target)) target.push(m.value);
      else parent[key] = { [m.key]: m.value };
      break;
    }
  }
  return root;
}

function allPaths(value: unknown, at: Path): Path[] {
  const children: Array<[string | number, unknown]> = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : isMap(value)
      ? Object.entries(value)
      : [];
  return [at, ...children.flatMap(([k, v]) => allPaths(v, [...at, k]))];
}

function valueAt(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], root);
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
