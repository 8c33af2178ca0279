import { readFileSync } from "node:fs";
import fc from "fast-check";
import fg from "fast-glob";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { composeFast, PARSE_OPTIONS } from "../../src/parse/fast-compose.js";
import { parseYamlFile } from "../../src/parse/parse-yaml.js";
import { describeDocuments } from "./same-document.js";

// Many more while changing the composer: FAST_COMPOSE_RUNS=50000 npx vitest run test/parse
const RUNS = Number(process.env.FAST_COMPOSE_RUNS ?? 1500);

/**
 * The property: the fast composer either declines, or builds what `parseAllDocuments` builds,
 * as far as any stage can see. Returns which composer the text would go to.
 */
function expectSameAsYaml(text: string): "fast" | "yaml" {
  const fast = composeFast(text);
  if (fast === undefined) return "yaml";
  const slow = parseAllDocuments(text, PARSE_OPTIONS);
  const slowDocs = Array.isArray(slow) ? slow : [];
  expect(describeDocuments(fast), JSON.stringify(text)).toEqual(describeDocuments(slowDocs));
  return "fast";
}

const REPO_FILES = [
  "test/fixtures/cases/*/repo/**/*.{yaml,yml}",
  "resources/**/*.{yaml,yml}",
  "stacks/**/*.{yaml,yml}",
];

/** Texts of the benchmarks' synthetic repository (every kind of resource it generates). */
async function syntheticTexts(count: number): Promise<string[]> {
  // @ts-expect-error -- a plain JavaScript module of the bench harness, without types
  const bench = (await import("../../bench/lib/generate-repo.mjs")) as {
    resourceText(i: number): string;
    stackText(): string;
  };
  return [bench.stackText(), ...Array.from({ length: count }, (_, i) => bench.resourceText(i))];
}

const SCALARS = [
  ...["", "~", "null", "Null", "NULL", "true", "False", "yes", "0", "-0", "+0", "007", "0.0", "1."],
  ...["-.5", "1e3", "1E+3", ".5e3", "1_000", "0x1F", "0o17", "0o8", "0b101", ".inf", "-.Inf"],
  ...[".nan", "1:20", "2001-12-14", "9007199254740993", "1e400", "1.0", "1.50", "100.", "0e0"],
  ...["*/5 * * * *", "a b", "a  b", "a#b", "a #b", "a: b", "a:b", "a,b", "[a]", "{a}", "@a"],
  ...["<<", "=", "!", "&", "*", "%", "|", ">", "?", "? a", "- a", "--", "---", "...", "#", "'"],
  ...['"', "\\", "\\n", "é", "日本", "\u2028", "__proto__", "x\ny", "x\n\ny", " x", "x ", "\t"],
  ...["name", "image", "nginx:1.25", "dataos://lake:sales/day_1?acl=rw", "500m", "256Mi", "v1"],
];

const word = fc.oneof(
  fc.constantFrom(...SCALARS),
  fc.string({ unit: fc.constantFrom(..."ab01.-:# '\"\\\n"), minLength: 1, maxLength: 6 }),
);
const key = fc.oneof(
  {
    arbitrary: fc.constantFrom("name", "spec", "image", "a", "b", "c", "x-y", "k8s.io/n"),
    weight: 6,
  },
  { arbitrary: word, weight: 1 },
);

/** How a scalar is written: its text and whether it may sit inside a flow collection. */
const scalar = fc
  .tuple(word, fc.constantFrom("plain", "plain", "plain", "single", "double", "literal", "folded"))
  .map(([value, style]) => ({ value, style }));

type Tree =
  | { kind: "scalar"; value: string; style: string }
  | { kind: "map" | "flowMap"; entries: Array<[string, Tree]> }
  | { kind: "seq" | "flowSeq"; items: Tree[] };

const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    { arbitrary: scalar.map((s) => ({ kind: "scalar" as const, ...s })), weight: 5 },
    {
      arbitrary: fc
        .array(fc.tuple(key, tie("tree")), { minLength: 1, maxLength: 4 })
        .map((entries) => ({ kind: "map" as const, entries })),
      weight: 2,
    },
    {
      arbitrary: fc
        .array(tie("tree"), { minLength: 1, maxLength: 3 })
        .map((items) => ({ kind: "seq" as const, items })),
      weight: 2,
    },
    {
      arbitrary: fc
        .array(fc.tuple(key, tie("tree")), { maxLength: 3 })
        .map((entries) => ({ kind: "flowMap" as const, entries })),
      weight: 1,
    },
    {
      arbitrary: fc
        .array(tie("tree"), { maxLength: 3 })
        .map((items) => ({ kind: "flowSeq" as const, items })),
      weight: 1,
    },
  ),
}));

/** Random layout choices (spaces, comments, blank lines, indentation) drawn while writing. */
type Layout = () => number;

const TRAILS = ["", "", "", " ", "  # note", " #x", "\t# tab"];
const GAPS = ["", "", "", "", "\n", "\n\n", "# full line\n", "  # indented\n", "\n# a\n\n"];

function quoted(value: string, style: string): string {
  if (style === "single") return `'${value.replace(/'/g, "''")}'`;
  return JSON.stringify(value);
}

function writeScalar(t: { value: string; style: string }, indent: number, pick: Layout): string {
  if (t.style === "plain" || t.style === "single" || t.style === "double") {
    return t.style === "plain" ? t.value : quoted(t.value, t.style);
  }
  const pad = " ".repeat(indent + 2);
  const chomp = ["", "-", "+"][pick() % 3];
  const body = t.value.split("\n").map((line) => (line === "" ? "" : pad + line));
  const tail = ["", "\n", "\n  \n"][pick() % 3];
  return `${t.style === "literal" ? "|" : ">"}${chomp}\n${body.join("\n")}${tail}`;
}

/** A flow collection, its items on one line or spread over several below `indent`. */
function writeFlow(t: Tree, indent: number, pick: Layout): string {
  const inner = `\n${" ".repeat(indent + 2)}`;
  const sp = [" ", "", "  ", inner, ` ${inner}`][pick() % 5]!;
  const end = ["", "", " ", inner, `,${inner}`, ","][pick() % 6]!;
  switch (t.kind) {
    case "scalar":
      return t.style === "literal" || t.style === "folded"
        ? quoted(t.value, "double")
        : writeScalar(t, 0, pick);
    case "flowSeq":
    case "seq":
      return `[${t.items.map((i) => writeFlow(i, indent + 2, pick)).join(`,${sp}`)}${end}]`;
    default: {
      const entries = t.entries.map(([k, v]) => `${k}: ${writeFlow(v, indent + 2, pick)}`);
      return `{${entries.join(`,${sp}`)}${end}}`;
    }
  }
}

/** A node written after `key:` or `- ` at some indentation, ending with a line break. */
function writeValue(t: Tree, indent: number, pick: Layout): string {
  const trail = TRAILS[pick() % TRAILS.length];
  if (t.kind === "scalar") {
    const text = writeScalar(t, indent, pick);
    return t.style === "literal" || t.style === "folded" ? ` ${text}` : ` ${text}${trail}\n`;
  }
  if (t.kind === "flowMap" || t.kind === "flowSeq")
    return ` ${writeFlow(t, indent, pick)}${trail}\n`;
  const child = t.kind === "seq" && pick() % 2 === 0 ? indent : indent + 2;
  return `\n${writeBlock(t, child, pick)}`;
}

function writeBlock(t: Tree, indent: number, pick: Layout): string {
  const pad = " ".repeat(indent);
  const gap = (): string => GAPS[pick() % GAPS.length]!;
  if (t.kind === "map") {
    return t.entries
      .map(
        ([k, v], i) =>
          `${i > 0 ? gap() : ""}${pad}${k}${pick() % 9 === 0 ? " " : ""}:${writeValue(v, indent, pick)}`,
      )
      .join("");
  }
  if (t.kind === "seq") {
    return t.items
      .map((item, i) => `${i > 0 ? gap() : ""}${pad}-${writeValue(item, indent, pick)}`)
      .join("");
  }
  return `${pad}${writeValue(t, indent, pick).trimStart()}`;
}

const document = fc
  .tuple(
    fc.array(tree, { minLength: 1, maxLength: 3 }),
    fc.infiniteStream(fc.nat({ max: 1000 })),
    fc.constantFrom("", "# leading comment\n", "\n", "---\n", "# c\n---\n"),
    fc.constantFrom("", "\n", "\n\n", "# trailing\n", "---\n"),
  )
  .map(([trees, stream, head, tail]) => {
    const it = stream[Symbol.iterator]();
    const pick: Layout = () => it.next().value as number;
    const docs = trees.map((t) =>
      writeBlock(t.kind === "scalar" ? { kind: "map", entries: [["k", t]] } : t, 0, pick),
    );
    return head + docs.join("---\n") + tail;
  });

describe("composeFast", () => {
  it("builds what parseAllDocuments builds, for generated manifests", () => {
    const taken = { fast: 0, fastWithCommentLines: 0, yaml: 0 };
    fc.assert(
      fc.property(document, (text) => {
        const by = expectSameAsYaml(text);
        taken[by] += 1;
        if (by === "fast" && /\n *#/.test(text.trimStart())) taken.fastWithCommentLines += 1;
      }),
      { numRuns: RUNS },
    );
    // The property says nothing if every text went to `yaml`. Most generated texts are invalid
    // or hold a construct the composer declines; enough of them are not.
    expect(taken.fast).toBeGreaterThan(RUNS / 20);
    expect(taken.fastWithCommentLines).toBeGreaterThan(RUNS / 100);
  });

  it("builds what parseAllDocuments builds, for every YAML file of the fixtures and samples", async () => {
    const texts = [
      ...fg.sync(REPO_FILES, { absolute: true }).map((file) => readFileSync(file, "utf8")),
      ...(await syntheticTexts(100)),
    ];
    let fast = 0;
    for (const text of texts) if (expectSameAsYaml(text) === "fast") fast += 1;
    expect(fast).toBeGreaterThan(texts.length / 2);
  });

  it("builds what parseAllDocuments builds, for fixtures with comment and blank lines added", () => {
    const texts = fg.sync(REPO_FILES).map((file) => readFileSync(file, "utf8"));
    const insertion = fc.tuple(
      fc.nat(),
      fc.nat({ max: 10 }),
      fc.constantFrom("# note", "#", "", "# a: b", "#  - x"),
    );
    const taken = { fast: 0, yaml: 0 };
    fc.assert(
      fc.property(
        fc.constantFrom(...texts),
        fc.array(insertion, { minLength: 1, maxLength: 4 }),
        (text, insertions) => {
          const lines = text.split("\n");
          for (const [at, indent, line] of insertions) {
            lines.splice(at % (lines.length + 1), 0, " ".repeat(indent) + line);
          }
          taken[expectSameAsYaml(lines.join("\n"))] += 1;
        },
      ),
      { numRuns: RUNS },
    );
    expect(taken.fast).toBeGreaterThan(RUNS / 5);
  });

  it("builds what parseAllDocuments builds, for layouts manifests use", () => {
    const layouts = [
      "a:\n  value on the next line\nb: 1\n",
      "a: plain text\n  that goes on\nb: 'quoted\n  too'\nc: \"and\n\n  double\"\n",
      "- a\n-  b\n-   - c\n    - d\n- e: 1\n  f: 2\n",
      "a:   spaced   \nb:\t1\n",
      "list:\n- x\n- y\nnext: z",
      "a: [x, {b: c, d: [1, 2.50, -0x1A, 0o7, .inf, ~, true]}, 'q']\n",
      "a: [\n  x,\n  y,\n  ]\nb: {\n  c: d,\n  }\n",
      "a: |-\n  line 1\n\n  line 3\n\nb: >\n  folded\n  text\n",
      "---\na: 1\n---\nb: 2\n",
      "a: 2001-12-14\nb: 1e3\nc: 0.10\nd: '3'\ne: 1_000\n",
      "'quoted key': 1\n\"double key\": 2\n",
    ];
    for (const text of layouts) expect(expectSameAsYaml(text), JSON.stringify(text)).toBe("fast");
  });

  it("builds what parseAllDocuments builds, or declines, for edge cases", () => {
    const edges = [
      "k".repeat(1100) + ": v\n",
      '"' + "k".repeat(1100) + '": v\n',
      "a: [x,\ny]\n",
      "a: {b: c,\nd: e}\n",
      "a:\tb\n",
      "a: b\n c: d\n",
      "a:\n  - b\n  c: d\n",
      "a: 'x'y\n",
      'a: "x" y\n',
      "- a\nb: c\n",
      "a: b: c\n",
      "a: [b]: c\n",
      "a: x\n\tb: y\n",
      "a: -\n",
      "a: @x\n",
      "a: `x\n",
      "[a, b]: c\n",
      "a: [b, c] d\n",
      "a: {b: c} # x\n  d: e\n",
      "a:\n  b: 1\n   c: 2\n",
      "a: !x 1\n",
      "a: 'x\n# c\n  y'\n",
      "a: x\n  # c\n  y\n",
      "a:\n- b\n - c\n",
      "a: |\n x\n  y\n z\n",
      "a: >\n\n  x\n",
      "a: |\n  x\n # c\n",
      "a: 1\n...\n",
      "a: {b: 1, b: 2}\n",
      "a: [1, 2,, 3]\n",
      "a: {b}\n",
      "a: {b: }\n",
      'a: {"b":1}\n',
      "a: {b:1}\n",
      "a: [b:1]\n",
      "a: [b: 1]\n",
      "a: x #c\n  y\n",
      "a:      \n  b: 1\n",
      "a: # c\n  b: 1\n",
      "a:  # c\n  - b\n",
      "- # c\n  a: 1\n",
      "-\n  a: 1\n",
      "- a: 1\n  # c\n  b: 2\n",
    ];
    for (const text of edges) expectSameAsYaml(text);
    // js-yaml takes keys of any length; `yaml` reports KEY_OVER_1024_CHARS.
    expect(composeFast(`${"k".repeat(1100)}: v\n`)).toBeUndefined();
  });

  it("keeps comment lines that only come before a key or an item", () => {
    const text =
      "# head\nspec:\n  # the list\n  list:\n  - a\n  # before b\n  - b\n# top\nnext: 1\n";
    expect(expectSameAsYaml(text)).toBe("fast");
  });

  it("declines what it cannot reproduce exactly", () => {
    const declined = [
      "a: &x 1\nb: *x\n",
      "a: !!str 1\n",
      "<<: {a: 1}\n",
      "a: 1\na: 2\n",
      "1: a\n",
      "? a\n: b\n",
      "a:\n",
      "%YAML 1.2\n---\na: 1\n",
      "a: 1\n---\n",
      "a: [1, 2\n",
      "a:\n  b: 1\n  # stays with b's mapping\nc: 2\n",
      "a: x\n  # indented under a value\n",
      "a: |+\n  kept\n\n",
      "plain scalar\n",
      "{a: 1}\n",
      "",
    ];
    for (const text of declined) expect(composeFast(text), JSON.stringify(text)).toBeUndefined();
  });
});

describe("parseYamlFile", () => {
  it("gives the same documents and diagnostics on the fast path as yaml alone", () => {
    const text = "# a manifest\nname: x\nspec: {cpu: 1.50}\n---\nname: y\nlist:\n- |\n  text\n";
    const { docs, diagnostics } = parseYamlFile("a.yaml", text);
    expect(diagnostics).toEqual([]);
    expect(docs.map((d) => d.index)).toEqual([0, 1]);
    const slow = parseAllDocuments(text, PARSE_OPTIONS);
    expect(describeDocuments(docs.map((d) => d.doc))).toEqual(
      describeDocuments(Array.isArray(slow) ? slow : []),
    );
  });
});
