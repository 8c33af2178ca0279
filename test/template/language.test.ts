import { describe, expect, it } from "vitest";
import { render, renderError } from "./render-helper.js";

describe("actions and data access", () => {
  it("prints fields, chains and missing keys as Go does", () => {
    expect(render("{{.a.b}} [{{.nope}}] [{{.a.nope.deeper}}]", "a: {b: deep}")).toBe(
      "deep [<no value>] [<no value>]",
    );
  });
  it("prints maps sorted and lists with spaces", () => {
    expect(render("{{.}}", "{b: 2, a: 1, c: [1, x, null]}")).toBe("map[a:1 b:2 c:[1 x <nil>]]");
  });
  it("keeps Argo expressions in raw strings", () => {
    expect(render("name: {{`{{workflow.name}}`}}")).toBe("name: {{workflow.name}}");
  });
  it("trims around markers and drops comments", () => {
    expect(render("a  {{- /* note */ -}}  b {{- 1 }} \n {{ 2 -}}\n c")).toBe("ab1 \n 2c");
  });
  it("evaluates number, char, string, bool constants", () => {
    expect(
      render(`{{1_000}} {{0x1F}} {{0o17}} {{0b11}} {{'a'}} {{1.5e3}} {{"a\\tb"}} {{true}}`),
    ).toBe("1000 31 15 3 97 1500 a\tb true");
  });
  it("supports variables, assignment and $", () => {
    expect(
      render(
        "{{$x := 1}}{{if true}}{{$x = 2}}{{end}}{{$x}} {{with .a}}{{$.top}}{{end}}",
        "{a: 1, top: T}",
      ),
    ).toBe("2 T");
  });
  it("runs parenthesized pipelines and field access on them", () => {
    expect(render('{{(dict "k" "v").k}} {{ "x" | printf "%s-%s" "y" }}')).toBe("v y-x");
  });
});

describe("control structures", () => {
  it("chooses if / else if / else branches by Go truthiness", () => {
    const t = "{{if .a}}A{{else if .b}}B{{else}}C{{end}}";
    expect(render(t, "{a: [], b: 0.0}")).toBe("C");
    expect(render(t, "{a: {}, b: x}")).toBe("B");
  });
  it("ranges over lists, sorted maps, with else, break and continue", () => {
    expect(render("{{range $i, $v := .l}}{{$i}}={{$v}} {{end}}", "l: [a, b]")).toBe("0=a 1=b ");
    expect(render("{{range $k, $v := .}}{{$k}}{{$v}}{{end}}", "{b: 2, a: 1, B: 3}")).toBe("B3a1b2");
    expect(render("{{range .l}}x{{else}}empty{{end}}", "l: []")).toBe("empty");
    expect(
      render(
        "{{range .l}}{{if eq . 2}}{{continue}}{{end}}{{if eq . 4}}{{break}}{{end}}{{.}}{{end}}",
        "l: [1, 2, 3, 4, 5]",
      ),
    ).toBe("13");
  });
  it("refuses to range over an int, as Go 1.19 does", () => {
    expect(renderError("{{range 3}}x{{end}}").message).toBe(
      'template: t:1:8: executing "t" at <3>: range can\'t iterate over 3',
    );
  });
  it("rebinds dot in with and falls back to else", () => {
    expect(
      render("{{with .a}}{{.b}}{{else}}none{{end}}|{{with .z}}x{{else}}none{{end}}", "a: {b: 1}"),
    ).toBe("1|none");
  });
  it("defines, calls and overrides blocks", () => {
    expect(render('{{define "x"}}[{{.}}]{{end}}{{template "x" 5}}{{block "b" .}}B{{end}}')).toBe(
      "[5]B",
    );
    expect(renderError('{{define "b"}}x{{end}}{{block "b" .}}B{{end}}').message).toBe(
      'template: t:1: template: multiple definition of template "b"',
    );
  });
});

describe("errors carry Go's wording and positions", () => {
  it("reports an unknown function at parse time", () => {
    const e = renderError("line1\n{{ nope }}");
    expect(e.kind).toBe("parse");
    expect(e.message).toBe('template: t:2: function "nope" not defined');
    expect([e.line, e.column, e.offset]).toEqual([2, 4, 9]);
  });
  it("names the data path of a failed field access", () => {
    const e = renderError(
      "x\n  {{.ApplicationSpec.StackSpec.driver}}",
      "ApplicationSpec: {StackSpec: 5}",
    );
    // Go positions a field chain at its second segment (parse.go operand → newChain).
    expect(e.message).toBe(
      'template: t:2:20: executing "t" at <.ApplicationSpec.StackSpec.driver>: can\'t evaluate field driver in type interface {}',
    );
    expect(e.dataPath).toBe(".ApplicationSpec.StackSpec.driver");
    expect([e.kind, e.line, e.column]).toEqual(["exec", 2, 21]);
  });
  it("reports incompatible comparisons and unclosed actions", () => {
    expect(renderError("{{lt 1 1.5}}").message).toBe(
      'template: t:1:2: executing "t" at <lt 1 1.5>: error calling lt: incompatible types for comparison',
    );
    expect(renderError("{{ .a ").message).toBe("template: t:1: unclosed action");
  });
  it("honours missingkey=error", () => {
    expect(renderError("{{.nope}}", "{}", { missingKey: "error" }).message).toBe(
      'template: t:1:2: executing "t" at <.nope>: map has no entry for key "nope"',
    );
  });
});
