import { describe, expect, it } from "vitest";
import { normalizeDocument } from "../../src/normalize/normalize.js";
import { rangeAtPath } from "../../src/parse/node-at-path.js";
import { parseYamlFile } from "../../src/parse/parse-yaml.js";
import { templateRange } from "../../src/render/template-location.js";

const at = (text: string, needle: string) => text.indexOf(needle);

describe("parseYamlFile", () => {
  it("parses multi-document files and keeps ranges", () => {
    const text = "name: a\ntype: volume\n---\nname: b\ntype: volume\n";
    const { docs, diagnostics } = parseYamlFile("f.yaml", text);
    expect(diagnostics).toEqual([]);
    expect(docs).toHaveLength(2);
    expect(rangeAtPath(docs[1]!, ["name"]).start).toBe(at(text, "b\ntype"));
  });

  it("skips empty documents: a trailing ---, two in a row, one with a comment only", () => {
    for (const text of [
      "name: a\ntype: volume\n---\n",
      "name: a\ntype: volume\n---\n---\n",
      "---\nname: a\ntype: volume\n---\n# nothing more\n",
      "name: a\ntype: volume\n---\n...\n",
    ]) {
      const { docs, diagnostics } = parseYamlFile("f.yaml", text);
      expect(diagnostics, JSON.stringify(text)).toEqual([]);
      expect(docs.map((d) => d.doc.toJS())).toEqual([{ name: "a", type: "volume" }]);
    }
    // `null` written out is a value (and not a manifest, which a later stage says).
    expect(parseYamlFile("f.yaml", "null\n").docs).toHaveLength(1);
  });

  it("reports syntax errors and duplicate keys with positions, and drops those documents", () => {
    const text = "name: a\nname: b\n---\nkey: [unclosed\n";
    const { docs, diagnostics } = parseYamlFile("f.yaml", text);
    expect(docs).toHaveLength(0);
    expect(diagnostics.map((d) => d.code)).toEqual(["YAML_DUPLICATE_KEY", "YAML_SYNTAX"]);
    expect(diagnostics[0]!.range!.start).toBe(at(text, "name: b"));
  });

  it("reports a list or mapping used as a key at the key, and drops that document", () => {
    const text =
      "name: a\n? [x, y]\n: 1\nvolume:\n  {k: 1}: v\n  ? p: 1\n    q: 2\n  : w\n---\nname: b\ntype: volume\n";
    const { docs, diagnostics } = parseYamlFile("f.yaml", text);
    expect(docs.map((d) => d.doc.toJS())).toEqual([{ name: "b", type: "volume" }]);
    expect(
      diagnostics.map((d) => [d.code, d.message, text.slice(d.range!.start, d.range!.end)]),
    ).toEqual([
      ["WRONG_TYPE", "a mapping key must be a string, not a list ([x, y])", "[x, y]"],
      ["WRONG_TYPE", "a mapping key must be a string, not a mapping ({k: 1})", "{k: 1}"],
      ["WRONG_TYPE", "a mapping key must be a string, not a mapping (p: 1 q: 2)", "p: 1\n    q: 2"],
    ]);
    expect(diagnostics[0]!.hint).toContain('"[x, y]": …');
  });

  it("rejects documents nested too deeply and alias bombs", () => {
    const deep = "a: " + "[".repeat(80) + "]".repeat(80) + "\n";
    expect(parseYamlFile("d.yaml", deep).diagnostics[0]!.code).toBe("YAML_TOO_DEEP");
    const bomb = [
      "a: &a [x, x, x, x, x, x, x, x, x]",
      ...Array.from(
        { length: 12 },
        (_, i) =>
          `${"b" + i}: &b${i} [${Array(10)
            .fill(i === 0 ? "*a" : `*b${i - 1}`)
            .join(", ")}]`,
      ),
    ].join("\n");
    expect(parseYamlFile("b.yaml", bomb).diagnostics[0]!.code).toBe("YAML_ALIAS_LIMIT");
  });

  it("points a missing field at the mapping that lacks it", () => {
    const text = "name: a\nworker:\n  stack: x\n";
    const { docs } = parseYamlFile("f.yaml", text);
    expect(rangeAtPath(docs[0]!, ["worker", "compute"]).start).toBe(at(text, "worker"));
  });
});

describe("normalizeDocument", () => {
  it("renames aliases in place, warning with the canonical spelling", () => {
    const text =
      "name: w\ntype: worker\nworker:\n  autoscaling: {enabled: true}\n  container: {image: x}\n";
    const { docs } = parseYamlFile("w.yaml", text);
    const diagnostics = normalizeDocument(docs[0]!);
    expect(diagnostics.map((d) => [d.code, d.hint])).toEqual([
      ["DEPRECATED_SPELLING", "write `autoScaling` instead of `autoscaling`"],
      ["DEPRECATED_SPELLING", "write `stackSpec` instead of `container`"],
    ]);
    expect(docs[0]!.doc.toJS().worker).toEqual({
      autoScaling: { enabled: true },
      stackSpec: { image: "x" },
    });
    // The renamed key keeps its source position.
    expect(rangeAtPath(docs[0]!, ["worker", "stackSpec"], "key").start).toBe(at(text, "container"));
  });

  it("refuses an alias next to its canonical key", () => {
    const { docs } = parseYamlFile(
      "w.yaml",
      "name: w\ntype: service\nservice:\n  resource: {}\n  resources: {}\n",
    );
    expect(normalizeDocument(docs[0]!).map((d) => d.code)).toEqual(["YAML_DUPLICATE_KEY"]);
  });

  it("moves retry from a job's spec to its dag entry and hoists stack jq filters", () => {
    const wf = parseYamlFile(
      "wf.yaml",
      "type: workflow\nworkflow:\n  dag:\n    - name: a\n      spec:\n        stack: x\n        retry: {count: 1}\n",
    ).docs[0]!;
    expect(normalizeDocument(wf)).toEqual([]);
    expect(wf.doc.toJS().workflow.dag[0]).toEqual({
      name: "a",
      spec: { stack: "x" },
      retry: { count: 1 },
    });
    const st = parseYamlFile(
      "s.yaml",
      "type: stack\ndataOsAddressJqFilters: [.a]\nstack:\n  name: s\n",
    ).docs[0]!;
    expect(normalizeDocument(st).map((d) => d.code)).toEqual(["DEPRECATED_SPELLING"]);
    expect(st.doc.toJS().stack).toEqual({ name: "s", dataOsAddressJqFilters: [".a"] });
  });
});

describe("templateRange", () => {
  it("maps a template line and column into the block scalar of the stack file", () => {
    const text =
      "stack:\n  workerConfig:\n    configFileTemplate: |\n      a: 1\n      b: {{ .X }}\n";
    const { docs } = parseYamlFile("s.yaml", text);
    const r = templateRange(docs[0]!, ["stack", "workerConfig", "configFileTemplate"], 2, 4);
    expect(text.slice(r.start, r.start + 6)).toBe("{{ .X ");
  });
});
