import fc from "fast-check";
import { dump } from "js-yaml";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { READ_DIFFERENTLY } from "../../src/parse/read-differently.js";
import { parseFast, parseRendered, UNSURE } from "../../src/render/parse-rendered.js";
import { emitYaml } from "../../src/yaml/emit-yaml.js";
import { valueDifference } from "./same-value.js";

// Many more while changing the fast path: PARSE_RENDERED_RUNS=50000 npx vitest run test/render
const RUNS = Number(process.env.PARSE_RENDERED_RUNS ?? 400);

/** Today's parser, the reference (warnings silenced: they never change the value). */
function parseSlow(text: string): unknown {
  return YAML.parse(text, { maxAliasCount: 100, logLevel: "error" });
}

/**
 * The property: the fast path either declines, or returns exactly what `yaml` returns for
 * text that `yaml` accepts. Returns which parser the text would go to.
 */
function expectSameAsYaml(text: string): "fast" | "yaml" {
  const fast = parseFast(text);
  if (fast === UNSURE) return "yaml";
  let slow: unknown;
  try {
    slow = parseSlow(text);
  } catch (error) {
    const reason = (error as Error).message.split("\n")[0];
    throw new Error(`js-yaml read text that yaml rejects (${reason}): ${JSON.stringify(text)}`);
  }
  const difference = valueDifference(fast, slow);
  if (difference !== undefined) throw new Error(`${difference} in ${JSON.stringify(text)}`);
  return "fast";
}

const TRICKY_SCALARS = [
  ...["", "~", "null", "Null", "NULL", "nULL", "nul", "true", "True", "TRUE", "tRUE", "false"],
  ...["False", "FALSE", "yes", "No", "on", "OFF", "y", "n", "-", "+", ".", "-.", "+.", "e", "E"],
  ...["0", "-0", "+0", "00", "007", "08", "0.0", "-0.0", "+0.0", "1.", "-1.", ".5", "-.5", "+.5"],
  ...["1e3", "1E3", "1e+3", "1e-3", "-1e3", ".5e3", "5.e3", "1.5e", "e3", "1e3.5", "1_000"],
  ...["0x", "0x1F", "0X1F", "0xfg", "-0x1", "+0x1", "0o", "0o17", "0o8", "-0o1", "0O17", "0b101"],
  ...[".inf", ".Inf", ".INF", "-.inf", "+.inf", ".iNf", "inf", "-inf", ".nan", ".NaN", ".NAN"],
  ...["-.nan", "+.nan", "nan", "NaN", "Infinity", "-Infinity", "1:20", "1:20:30", "190:20:30"],
  ...["2001-12-14", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5", "12:30"],
  ...["9007199254740993", "1" + "0".repeat(400), "0x" + "f".repeat(300), "1e400", "-1e400"],
  ...["4.9e-324", "1e-400", "0.1", "3.14159265358979323846", "1.0", "1.00", "100.", "0e0"],
  ...["*/5 * * * *", "a b", "a  b", "a#b", "a #b", "a: b", "a:b", "a,b", "[a]", "{a}", "@a", "`a"],
  ...["<<", "=", "!", "&", "*", "%", "|", ">", "?", "? a", "- a", "--", "---", "...", "#", "'"],
  ...['"', "\\", "\\n", "é", "日本", "😀", "\u2028", "\u0085", "\u00a0", "\ufeff", "__proto__"],
];

const numberLike = fc
  .tuple(
    fc.constantFrom("", "-", "+"),
    fc.string({ unit: fc.constantFrom(..."0123456789"), maxLength: 4 }),
    fc.constantFrom("", ".", ".0", ".50", "."),
    fc.string({ unit: fc.constantFrom(..."0123456789"), maxLength: 3 }),
    fc.constantFrom("", "e", "E", "e+", "e-", "E-"),
    fc.string({ unit: fc.constantFrom(..."0123456789"), maxLength: 3 }),
  )
  .map((parts) => parts.join(""));

const radixLike = fc
  .tuple(
    fc.constantFrom("", "-", "+"),
    fc.constantFrom("0x", "0o", "0b", "0X", "0O", "0"),
    fc.string({ unit: fc.constantFrom(..."0123456789abcdefABCDEFxo_"), maxLength: 5 }),
  )
  .map((parts) => parts.join(""));

const specialLike = fc
  .tuple(
    fc.constantFrom("", "-", "+"),
    fc.constantFrom(".", ""),
    fc.constantFrom("inf", "Inf", "INF", "iNF", "nan", "NaN", "NAN", "nAn"),
  )
  .map((parts) => parts.join(""));

/** Text that may or may not be a number, a boolean or null in some YAML schema. */
const scalarString = fc.oneof(
  { arbitrary: fc.constantFrom(...TRICKY_SCALARS), weight: 4 },
  { arbitrary: numberLike, weight: 3 },
  { arbitrary: radixLike, weight: 2 },
  { arbitrary: specialLike, weight: 1 },
  {
    arbitrary: fc.string({
      unit: fc.constantFrom(..." \n\t-:#.,'\"[]{}|>?*&!%@`\\éy01e\r", "\u2028", "\u0085"),
      maxLength: 12,
    }),
    weight: 3,
  },
  { arbitrary: fc.string({ unit: "binary", maxLength: 8 }), weight: 1 },
  {
    arbitrary: fc
      .array(fc.constantFrom(...TRICKY_SCALARS), { maxLength: 3 })
      .map((a) => a.join(" ")),
    weight: 1,
  },
);

const finiteNumber = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, 1e21, 1e-7, 2 ** 53 + 2, Number.MAX_VALUE, Number.MIN_VALUE),
);

const { jsonValue } = fc.letrec<{ jsonValue: unknown }>((tie) => ({
  jsonValue: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    { arbitrary: scalarString, weight: 5 },
    { arbitrary: finiteNumber, weight: 2 },
    { arbitrary: fc.boolean(), weight: 1 },
    { arbitrary: fc.constant(null), weight: 1 },
    { arbitrary: fc.array(tie("jsonValue"), { maxLength: 4 }), weight: 2 },
    {
      arbitrary: fc.dictionary(scalarString, tie("jsonValue"), {
        maxKeys: 4,
        noNullPrototype: true,
      }),
      weight: 3,
    },
  ),
}));

const yamlStringifyOptions = fc.record(
  {
    indent: fc.integer({ min: 1, max: 4 }),
    indentSeq: fc.boolean(),
    lineWidth: fc.constantFrom(0, 8, 20, 80),
    minContentWidth: fc.constantFrom(0, 5, 20),
    defaultStringType: fc.constantFrom(
      "PLAIN" as const,
      "QUOTE_DOUBLE" as const,
      "QUOTE_SINGLE" as const,
      "BLOCK_LITERAL" as const,
      "BLOCK_FOLDED" as const,
    ),
    defaultKeyType: fc.constantFrom(null, "PLAIN" as const, "QUOTE_DOUBLE" as const),
    collectionStyle: fc.constantFrom("any" as const, "block" as const, "flow" as const),
    doubleQuotedAsJSON: fc.boolean(),
    doubleQuotedMinMultiLineLength: fc.constantFrom(4, 40),
    flowCollectionPadding: fc.boolean(),
    blockQuote: fc.constantFrom(true, false, "literal" as const, "folded" as const),
    nullStr: fc.constantFrom("null", "~", ""),
    trueStr: fc.constantFrom("true", "True"),
  },
  { requiredKeys: [] },
);

const jsYamlDumpOptions = fc.record(
  {
    indent: fc.integer({ min: 1, max: 4 }),
    lineWidth: fc.constantFrom(-1, 10, 40, 80),
    flowLevel: fc.constantFrom(-1, 0, 1, 2),
    quoteStyle: fc.constantFrom("single" as const, "double" as const),
    forceQuotes: fc.boolean(),
    seqNoIndent: fc.boolean(),
    flowBracketPadding: fc.boolean(),
  },
  { requiredKeys: [] },
);

/** Indents every line, as a template's `toYaml | indent N` does. */
function indent(text: string, n: number): string {
  const pad = " ".repeat(n);
  return text
    .split("\n")
    .map((line) => (line === "" ? line : pad + line))
    .join("\n");
}

/** Data printed by every YAML writer we have, alone and nested the way templates nest it. */
const printedData = fc.oneof(
  jsonValue.map((v) => emitYaml(v)),
  fc.tuple(jsonValue, fc.integer({ min: 2, max: 6 })).map(([v, n]) => {
    return `apiVersion: v1\nkind: ConfigMap\ndata:\n${indent(emitYaml(v), n)}`;
  }),
  fc.tuple(jsonValue, yamlStringifyOptions).chain(([v, options]) => {
    try {
      return fc.constant(YAML.stringify(v, options));
    } catch {
      return fc.constant(emitYaml(v));
    }
  }),
  fc.tuple(jsonValue, jsYamlDumpOptions).map(([v, options]) => dump(v, options)),
);

const blockHeader = fc.constantFrom(
  ...["|", "|-", "|+", ">", ">-", ">+", "|2", "|1-", "|+1", ">2", "|-3", "| # c", "|0", "|x"],
);
const blockLine = fc
  .tuple(
    fc.constantFrom("", " ", "  ", "   ", "\t"),
    fc.string({ unit: fc.constantFrom(..."ab #:-\t'\"|>"), maxLength: 6 }),
    fc.constantFrom("", " ", "  "),
  )
  .map((parts) => parts.join(""));

/** A block scalar under a key, possibly followed by a sibling key. */
const blockScalarText = fc
  .tuple(
    blockHeader,
    fc.array(blockLine, { maxLength: 6 }),
    fc.integer({ min: 1, max: 4 }),
    fc.constantFrom("", "\nnext: x", "\n# comment", "\n\n", "\n"),
  )
  .map(([header, lines, n, tail]) => `key: ${header}\n${indent(lines.join("\n"), n)}${tail}`);

const quoted = fc.oneof(
  fc
    .string({ unit: fc.constantFrom(..."ab '#:\n\t\\", "''"), maxLength: 8 })
    .map((s) => `'${s.replace(/'(?!')/g, "''")}'`),
  fc
    .array(
      fc.constantFrom(
        ...["a", " ", "\\n", "\\t", "\\\\", '\\"', "\\x41", "\\u00e9", "\\U0001F600", "\\N"],
        ...["\\_", "\\L", "\\P", "\\0", "\\e", "\\/", "\\ ", "\\\n", "\n", "\n\n", "\\q", "#"],
      ),
      { maxLength: 6 },
    )
    .map((parts) => `"${parts.join("")}"`),
);

const flowCollection = fc.oneof(
  fc.constantFrom(
    ...["[]", "{}", "[a, b]", "[a, [b, c]]", "{a: 1, b: [2]}", "[a: 1]", "{a, b: c}", "[, a]"],
    ...["{a: 1,}", "[a,]", "[ 'x' , \"y\" ]", "{? a : b}", "[a #c\n, b]", "{a: {b: {c: d}}}"],
    ...["[1, -0, .5, 0x1F, ~, null, TRUE, 1e3, .nan]", "{1: a}", "{null: a}", "[[[]]]", "{:a}"],
  ),
);

const valueToken = fc.oneof(
  { arbitrary: scalarString.filter((s) => !s.includes("\n")), weight: 4 },
  { arbitrary: quoted, weight: 2 },
  { arbitrary: flowCollection, weight: 1 },
);

/** A line of block YAML: indentation, maybe a dash, maybe a key, maybe a value and a comment. */
const yamlLine = fc
  .tuple(
    fc.constantFrom("", "", "  ", "  ", "    ", " ", "\t", "   "),
    fc.constantFrom("", "", "- ", "- - ", "-"),
    fc.option(fc.oneof(fc.constantFrom("a", "b", "key", "a b", "1", "x.y"), quoted), {
      nil: undefined,
    }),
    fc.constantFrom(": ", ":", ":  "),
    fc.option(valueToken, { nil: undefined }),
    fc.constantFrom("", "", " # c", "#c", "  #"),
  )
  .map(([pad, dash, key, colon, value, comment]) => {
    const pair = key === undefined ? (value ?? "") : `${key}${colon}${value ?? ""}`;
    return `${pad}${dash}${pair}${comment}`;
  });

const lineBasedText = fc
  .tuple(
    fc.array(fc.oneof(yamlLine, yamlLine, blockScalarText), { minLength: 1, maxLength: 6 }),
    fc.constantFrom("\n", "\n", "\r\n"),
    fc.constantFrom("", "\n", "\n\n", "\n...\n", "\n---\n"),
    fc.constantFrom("", "", "---\n", "--- ", "# head\n", "\ufeff"),
  )
  .map(([lines, eol, end, start]) => start + lines.join(eol) + end);

const randomText = fc.string({
  unit: fc.constantFrom(..."ab1 \n-:#,[]{}'\"|>?*&!%.~\t", "  ", "\n  ", ": ", "- "),
  maxLength: 24,
});

const params = { numRuns: RUNS };

describe("parseFast against yaml.parse", () => {
  it("reads printed data exactly as yaml does", () => {
    fc.assert(
      fc.property(printedData, (text) => void expectSameAsYaml(text)),
      params,
    );
  });

  it("takes every document our emitter writes but for the few kinds it leaves to yaml", () => {
    fc.assert(
      fc.property(jsonValue, (value) => {
        const text = emitYaml(value);
        const special =
          /(^|\n) *(- )*"?(__proto__|<<)"?:/.test(text) || READ_DIFFERENTLY.test(text);
        expect(expectSameAsYaml(text)).toBe(special ? "yaml" : "fast");
      }),
      params,
    );
  });

  it("agrees on block scalars, quoted scalars, flow collections and comments", () => {
    fc.assert(
      fc.property(lineBasedText, (text) => void expectSameAsYaml(text)),
      params,
    );
  });

  it("never accepts what yaml rejects in random text", () => {
    fc.assert(
      fc.property(randomText, (text) => void expectSameAsYaml(text)),
      params,
    );
  });

  it("resolves every scalar form the way yaml's core schema does", () => {
    fc.assert(
      fc.property(scalarString, (s) => {
        expectSameAsYaml(`v: ${s}`);
        expectSameAsYaml(`- ${s}\n`);
        expectSameAsYaml(`[${s}]`);
      }),
      params,
    );
    for (const s of TRICKY_SCALARS) expectSameAsYaml(`v: ${s}\n`);
  });
});

describe("parseFast", () => {
  it("resolves core-schema scalars to yaml's numbers, booleans and nulls", () => {
    const text =
      "- 0x1F\n- 0o17\n- -0\n- +12\n- 012\n- .5\n- 1.\n- 1e3\n- -.inf\n- .NaN\n" +
      "- ~\n- Null\n-\n- TRUE\n- yes\n- 1_000\n- 0b1\n- 0X1F\n- nULL\n";
    expect(parseFast(text)).toEqual([
      31,
      15,
      -0,
      12,
      12,
      0.5,
      1,
      1000,
      -Infinity,
      NaN,
      null,
      null,
      null,
      true,
      "yes",
      "1_000",
      "0b1",
      "0X1F",
      "nULL",
    ]);
    expect(Object.is((parseFast("- -0\n") as number[])[0], -0)).toBe(true);
  });

  it.each([
    ["an empty text", ""],
    ["a comment alone", "# nothing\n"],
    ["an alias", "a: &x 1\nb: *x\n"],
    ["an anchor alone", "a: &x 1\n"],
    ["an explicit tag", "a: !!str 1\n"],
    ["a local tag", "a: !local 1\n"],
    ["a %YAML directive", "%YAML 1.1\n---\na: yes\n"],
    ["two documents", "a: 1\n---\nb: 2\n"],
    ["a duplicate key", "a: 1\na: 2\n"],
    ["a merge key", "<<: {a: 1}\nb: 2\n"],
    ["a __proto__ key", "__proto__: {a: 1}\n"],
    ["a number key", "1: a\n"],
    ["a null key", ": a\n"],
    ["a collection key", "? [a]\n: b\n"],
    ["a syntax error", "a: [1\n"],
  ])("leaves %s to yaml", (_, text) => {
    expect(parseFast(text)).toBe(UNSURE);
  });

  it("reads cron schedules, which contain `*` but no alias", () => {
    expect(parseFast('schedule: "*/5 * * * *"\nb: a*b\n')).toEqual({
      schedule: "*/5 * * * *",
      b: "a*b",
    });
  });
});

describe("parseRendered", () => {
  it("returns yaml's value where the fast path declines", () => {
    expect(parseRendered("")).toBeNull();
    expect(parseRendered("1: a\n")).toEqual({ "1": "a" });
    expect(parseRendered("a: &x [1]\nb: *x\n")).toEqual({ a: [1], b: [1] });
  });

  it("throws yaml's error for text that is not YAML", () => {
    for (const text of ["a: [1\n", "a: 1\na: 2\n", "a: b\n---\nc: d\n", "- a\nb: c\n"]) {
      let expected = "";
      try {
        parseSlow(text);
      } catch (error) {
        expected = (error as Error).message;
      }
      expect(expected).not.toBe("");
      expect(() => parseRendered(text)).toThrow(expected);
    }
  });

  it("keeps yaml's alias limit against alias bombs", () => {
    const bomb =
      "a: &a [x, x, x, x, x, x, x, x, x, x]\n" +
      Array.from({ length: 6 }, (_, i) => {
        const prev = String.fromCharCode(97 + i);
        const next = String.fromCharCode(98 + i);
        return `${next}: &${next} [${Array(10).fill(`*${prev}`).join(", ")}]`;
      }).join("\n");
    expect(() => parseRendered(bomb)).toThrow(/alias/i);
  });
});
