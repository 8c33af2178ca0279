import fc from "fast-check";
import { CORE_SCHEMA, YAML11_SCHEMA, load } from "js-yaml";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { emitYaml } from "../../src/yaml/emit-yaml.js";

/** Every parser the output must survive: both YAML versions, two independent implementations. */
const PARSERS: Record<string, (text: string) => unknown> = {
  "yaml 1.1": (text) => YAML.parse(text, { version: "1.1" }),
  "yaml 1.2": (text) => YAML.parse(text, { version: "1.2" }),
  "js-yaml 1.1": (text) => load(text, { schema: YAML11_SCHEMA }),
  "js-yaml core": (text) => load(text, { schema: CORE_SCHEMA }),
};

function expectRoundTrip(value: unknown): void {
  const text = emitYaml(value);
  for (const [name, parse] of Object.entries(PARSERS)) {
    expect({ parser: name, value: parse(text) }).toEqual({ parser: name, value });
  }
}

describe("emitYaml scalars", () => {
  it.each([
    ["yes"],
    ["No"],
    ["ON"],
    ["off"],
    ["y"],
    ["N"],
    ["true"],
    ["FALSE"],
    ["null"],
    ["~"],
    ["yEs"],
  ])("quotes the YAML 1.1 word %j", (word) => {
    expect(emitYaml({ v: word })).toBe(`v: "${word}"\n`);
  });

  it.each([
    ["123"],
    ["-1"],
    ["+1"],
    ["1e3"],
    ["0x1F"],
    ["0o7"],
    ["012"],
    ["1_000"],
    [".5"],
    ["1.5"],
    ["1.2.3"],
    [".inf"],
    ["-.Inf"],
    [".NaN"],
    ["1:20"],
    ["190:20:30.15"],
    ["2001-12-14"],
    ["2001-12-14t21:59:43.10-05:00"],
  ])("quotes the number-like string %j", (s) => {
    expect(emitYaml({ v: s })).toBe(`v: "${s}"\n`);
  });

  it.each([
    ["*/5 * * * *"],
    ["&anchor"],
    ["!tag"],
    ["|pipe"],
    [">fold"],
    ["'single"],
    ["%percent"],
    ["@at"],
    ["`tick"],
    ["- dash"],
    ["-"],
    ["---"],
    ["..."],
    ["?q"],
    [":colon"],
    [",comma"],
    ["[a]"],
    ["]a"],
    ["{a}"],
    ["}a"],
    ["#hash"],
    ["a: b"],
    ["a #b"],
    ["ends:"],
    [" lead"],
    ["trail "],
    [""],
    ["<<"],
    ["="],
  ])("quotes the indicator-bearing string %j", (s) => {
    expect(emitYaml({ v: s })).toBe(`v: "${s}"\n`);
  });

  it("escapes control characters, tabs, quotes and YAML 1.1 line breaks", () => {
    expect(emitYaml({ v: 'a\tb"c\\' })).toBe('v: "a\\tb\\"c\\\\"\n');
    expect(emitYaml({ v: "\u0000\u0007\u001b\u007f" })).toBe('v: "\\0\\a\\e\\x7F"\n');
    expect(emitYaml({ v: "a\u0085b\u2028c\u2029d" })).toBe('v: "a\\Nb\\Lc\\Pd"\n');
    expect(emitYaml({ v: "\ufeffx" })).toBe('v: "\\uFEFFx"\n');
    expect(emitYaml({ v: "\ud800" })).toBe('v: "\\uD800"\n');
  });

  it.each([
    ["plain"],
    ["--flag"],
    ["-x"],
    ["a:b"],
    ["http://example.com/a#frag"],
    ["nginx:1.25.3"],
    ["100Mi"],
    ["10m"],
    ["v1.2.3"],
    ["a b c"],
    ["日本語"],
    ["😀"],
    ["yesterday"],
    ["~home"],
  ])("writes %j plain", (s) => {
    expect(emitYaml({ v: s })).toBe(`v: ${s}\n`);
  });

  it("writes numbers, booleans and null", () => {
    expect(emitYaml({ a: 1, b: -2.5, c: 1e21, d: 1e-7, z: -0, f: true, g: false, h: null })).toBe(
      "a: 1\nb: -2.5\nc: 1.0e+21\nd: 1.0e-7\nf: true\ng: false\nh: null\nz: -0\n",
    );
    expect(emitYaml({ e: 1, e1: 2, E5: 3 })).toBe('"E5": 3\n"e": 1\n"e1": 2\n');
  });

  it.each([[NaN], [Infinity], [-Infinity]])("throws on %s", (n) => {
    expect(() => emitYaml({ v: n })).toThrow(/no YAML representation/);
  });

  it("throws on values that are not plain data", () => {
    expect(() => emitYaml({ v: new Date(0) })).toThrow(/Date/);
    expect(() => emitYaml({ v: 1n })).toThrow(/bigint/);
    expect(() => emitYaml({ v: () => 1 })).toThrow(/function/);
  });
});

describe("emitYaml block scalars", () => {
  it("uses clip, strip and keep chomping", () => {
    expect(emitYaml({ v: "a\nb\n" })).toBe("v: |\n  a\n  b\n");
    expect(emitYaml({ v: "a\nb" })).toBe("v: |-\n  a\n  b\n");
    expect(emitYaml({ v: "a\nb\n\n" })).toBe("v: |+\n  a\n  b\n\n");
  });

  it("adds an indentation indicator when the text starts with spaces", () => {
    expect(emitYaml({ v: "  a\nb" })).toBe("v: |2-\n    a\n  b\n");
    expect(emitYaml({ v: "\n  a\n" })).toBe("v: |2\n\n    a\n");
  });

  it("keeps tabs, trailing spaces and blank lines inside a literal block", () => {
    expect(emitYaml({ v: "\tx \n\ny  \n" })).toBe("v: |\n  \tx \n\n  y  \n");
  });

  it("falls back to double quotes when a literal block cannot hold the text", () => {
    expect(emitYaml({ v: "a\r\nb" })).toBe('v: "a\\r\\nb"\n');
    expect(emitYaml({ v: "\n" })).toBe('v: "\\n"\n');
    expect(emitYaml({ v: " \n " })).toBe('v: " \\n "\n');
  });

  it("indents literal blocks in sequences and nested maps", () => {
    expect(emitYaml({ a: ["x\ny\n", { k: "p\nq" }] })).toBe(
      "a:\n  - |\n    x\n    y\n  - k: |-\n      p\n      q\n",
    );
  });
});

describe("emitYaml structure", () => {
  it("puts apiVersion, kind, metadata first and name, namespace first in metadata", () => {
    const text = emitYaml({
      spec: { b: 1, a: 2 },
      metadata: { labels: { z: "1", a: "2" }, namespace: "ns", name: "web", annotations: {} },
      kind: "ConfigMap",
      apiVersion: "v1",
      data: { "b.txt": "x", "a.txt": "y" },
    });
    expect(text).toBe(
      [
        "apiVersion: v1",
        "kind: ConfigMap",
        "metadata:",
        "  name: web",
        "  namespace: ns",
        "  annotations: {}",
        "  labels:",
        '    a: "2"',
        '    z: "1"',
        "data:",
        '  a.txt: "y"',
        "  b.txt: x",
        "spec:",
        "  a: 2",
        "  b: 1",
        "",
      ].join("\n"),
    );
  });

  it("sorts keys by UTF-16 code unit and leaves nested metadata sorted", () => {
    expect(emitYaml({ b: 1, B: 2, é: 3, a: { metadata: { name: "x", a: 1 } } })).toBe(
      "B: 2\na:\n  metadata:\n    a: 1\n    name: x\nb: 1\né: 3\n",
    );
  });

  it("indents sequences under their key and nests sequences of sequences", () => {
    expect(emitYaml({ a: [[1, 2], [], {}, [[3]]] })).toBe(
      "a:\n  - - 1\n    - 2\n  - []\n  - {}\n  - - - 3\n",
    );
  });

  it("writes empty collections and top-level values", () => {
    expect(emitYaml({})).toBe("{}\n");
    expect(emitYaml([])).toBe("[]\n");
    expect(emitYaml("on")).toBe('"on"\n');
    expect(emitYaml("a\nb")).toBe('"a\\nb"\n');
    expect(emitYaml([{ a: 1, b: 2 }])).toBe("- a: 1\n  b: 2\n");
  });

  it("skips undefined values like JSON does", () => {
    expect(emitYaml({ a: undefined, b: { c: undefined } })).toBe("b: {}\n");
  });

  it("quotes keys that would not read back as the same string", () => {
    expect(emitYaml({ on: 1, "1": 2, "a: b": 3, "": 4, "k\nl": 5 })).toBe(
      '"": 4\n"1": 2\n"a: b": 3\n"k\\nl": 5\n"on": 1\n',
    );
  });

  it("uses explicit keys beyond the 1024-character implicit-key limit", () => {
    const key = "k".repeat(1100);
    const value = { [key]: { a: [1, 2] }, short: "x" };
    expect(emitYaml(value)).toBe(`? ${key}\n: a:\n    - 1\n    - 2\nshort: x\n`);
    expectRoundTrip(value);
  });
});

const ADVERSARIAL_STRINGS = [
  ...["yes", "No", "ON", "off", "y", "N", "true", "False", "null", "NULL", "~", ""],
  ...["1e3", "0x1F", "0o7", "012", "1_000", ".5", "+1", "-1", ".inf", "-.Inf", ".NaN", "1.2.3"],
  ...["1:20", "8080:80", "2001-12-14", "2001-12-14 21:59:43.10 -5", "*/5 * * * *", "* * * * *"],
  ...["- x", "-", "---", "...", "--flag", "? x", ": x", "a: b", "a #b", "#c", "&a", "*a", "!t"],
  ...["|", "> x", "'q'", '"q"', "%x", "@x", "`x", "<<", "=", "a:", " lead", "trail ", "\t"],
  ...["a\tb", "l1\nl2", "\n", "\n\n", "x\n", "x\n\n", "  x\ny", "\n  x", " \n", "x\r\ny", "é"],
  ...["\u0085", "\u2028", "\ufeff", "日本", "😀", "\u0000", "\u007f", "\ud800", "x\n  ", "\tx\n"],
];

const adversarialString = fc.oneof(
  fc.constantFrom(...ADVERSARIAL_STRINGS),
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.string({
    unit: fc.constantFrom(..." \n\t-:#y1.e|'\"*\ré0xo_", "on", "no", "\u2028"),
    maxLength: 10,
  }),
  fc.array(fc.constantFrom(...ADVERSARIAL_STRINGS), { maxLength: 3 }).map((a) => a.join("")),
);

const scalar = fc.oneof(
  { arbitrary: adversarialString, weight: 6 },
  { arbitrary: fc.integer(), weight: 1 },
  { arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }), weight: 1 },
  { arbitrary: fc.boolean(), weight: 1 },
  { arbitrary: fc.constant(null), weight: 1 },
);

const { tree } = fc.letrec<{ tree: unknown }>((tie) => ({
  tree: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    scalar,
    fc.array(tie("tree"), { maxLength: 4 }),
    fc.dictionary(adversarialString, tie("tree"), { maxKeys: 5, noNullPrototype: true }),
  ),
}));

describe("emitYaml round trip", () => {
  it("reads back identically under YAML 1.1 and 1.2 parsers (property)", () => {
    fc.assert(
      fc.property(tree, (value) => {
        expectRoundTrip(value);
      }),
      { numRuns: 3000 },
    );
  });

  it("is idempotent through a parse (property)", () => {
    fc.assert(
      fc.property(tree, (value) => {
        const text = emitYaml(value);
        expect(emitYaml(YAML.parse(text))).toBe(text);
      }),
      { numRuns: 500 },
    );
  });
});
