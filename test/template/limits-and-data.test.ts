import { describe, expect, it } from "vitest";
import {
  GoFloat,
  Int64,
  fromTemplateValue,
  parseTemplate,
  renderTemplate,
  templateValueFromYaml,
  toTemplateValue,
} from "../../src/template/index.js";
import { evalTemplateFile } from "../../src/template/eval-command.js";
import { render, renderError } from "./render-helper.js";

describe("safety limits", () => {
  it("stops infinite template recursion with a limit error", () => {
    const e = renderError('{{define "r"}}{{template "r" .}}{{end}}{{template "r" .}}');
    expect(e.kind).toBe("limit");
  });
  it("stops recursive include and tpl", () => {
    expect(renderError('{{define "r"}}{{include "r" .}}{{end}}{{include "r" .}}').kind).toBe(
      "limit",
    );
    expect(renderError("{{tpl .t .}}", "t: '{{tpl .t .}}'").kind).toBe("limit");
  });
  it("stops huge repeat, until and seq before allocating", () => {
    const started = Date.now();
    expect(renderError('{{repeat 1000000000 "abcdefgh"}}').kind).toBe("limit");
    expect(renderError("{{until 100000000000}}").kind).toBe("limit");
    expect(renderError("{{seq 100000000000}}").kind).toBe("limit");
    expect(renderError('{{"x" | indent 100000000000}}').kind).toBe("limit");
    expect(Date.now() - started).toBeLessThan(5000);
  });
  it("stops output growth and range iteration at the configured limits", () => {
    const big = renderError('{{range until 100000}}{{repeat 1000 "x"}}{{end}}', "{}", {
      limits: { maxOutputBytes: 1_000_000 },
    });
    expect([big.kind, big.message]).toEqual([
      "limit",
      expect.stringContaining("output is larger than 1000000 bytes"),
    ]);
    expect(
      renderError("{{range until 50}}{{range until 50}}.{{end}}{{end}}", "{}", {
        limits: { maxRangeIterations: 1000 },
      }).kind,
    ).toBe("limit");
    expect(
      renderError("{{range until 1000}}{{.}}{{end}}", "{}", { limits: { maxSteps: 500 } }).kind,
    ).toBe("limit");
  });
});

describe("the int/float data model", () => {
  it("keeps YAML ints and floats distinct as yaml.v2 does", () => {
    const v = templateValueFromYaml(
      "i: 1\nf: 1.0\ne: 1e3\nh: 0x10\nb: yes\nt: 2024-01-02\nz: ~\n",
    ) as Map<string, unknown>;
    expect(v.get("i")).toBe(1);
    expect(v.get("f")).toEqual(new GoFloat(1));
    expect(v.get("e")).toEqual(new GoFloat(1000));
    expect([v.get("h"), v.get("b"), v.get("t"), v.get("z")]).toEqual([
      16,
      true,
      "2024-01-02",
      null,
    ]);
    expect(render('{{printf "%T %T %v %v" .i .f .i .f}}', "i: 1\nf: 1.0")).toBe("int float64 1 1");
  });
  it("converts plain JavaScript both ways", () => {
    const v = toTemplateValue({ a: 1, b: 1.5, c: [true, null], d: { e: "x" } });
    expect(renderTemplate('{{printf "%T %T" .a .b}} {{.c}} {{.d.e}}', v)).toBe(
      "int float64 [true <nil>] x",
    );
    expect(
      fromTemplateValue(
        new Map<string, unknown>([
          ["a", new GoFloat(2)],
          ["b", new Int64(3n)],
          ["c", [1]],
        ]),
      ),
    ).toEqual({ a: 2, b: 3, c: [1] });
    expect(renderTemplate("{{.a}}", { a: { b: 1 } })).toBe("map[b:1]");
  });
  it("formats floats like Go's %v and printf", () => {
    expect(
      render("{{.a}} {{.b}} {{.c}} {{.d}}", "{a: 1000000.0, b: 123456.0, c: 0.00001, d: 2.50}"),
    ).toBe("1e+06 123456 1e-05 2.5");
    expect(
      render(
        '{{printf "%5.1f|%-6d|%06.2f|%e|%g|%x|%X|%o|%q|%c|%U|%+d|%t|%5s|%-5s|%.2s" 2.25 42 3.14159 1234.5678 0.000012 255 255 8 "a\\"b" 65 9731 5 true "ab" "ab" "abc"}}',
      ),
    ).toBe(
      '  2.2|42    |003.14|1.234568e+03|1.2e-05|ff|FF|10|"a\\"b"|A|U+2603|+5|true|   ab|ab   |ab',
    );
    expect(render('{{printf "%d %s" "x"}} {{printf "%d" 1 2}} {{printf "%!"}}')).toBe(
      "%!d(string=x) %!s(MISSING) 1%!(EXTRA int=2) %!!(MISSING)",
    );
  });
  it("caches parsed templates by content", () => {
    expect(parseTemplate("{{.a}}", "n")).toBe(parseTemplate("{{.a}}", "n"));
    expect(parseTemplate("{{.a}}", "n")).not.toBe(parseTemplate("{{.b}}", "n"));
  });
});

describe("stackyard template eval", () => {
  it("renders with JSON or YAML data", () => {
    expect(evalTemplateFile("{{.a}}-{{.b}}", "t.tpl", '{"a": 1, "b": 2.5}', "json")).toEqual({
      ok: true,
      output: "1-2.5",
    });
    expect(evalTemplateFile("{{.a}}", "t.tpl", "a: x", "yaml")).toEqual({ ok: true, output: "x" });
  });
  it("reports FILE:LINE:COL for template and data errors", () => {
    const r = evalTemplateFile("ok\n{{ .a.b }}", "s.tpl", "a: 1", "yaml");
    expect(r).toEqual({
      ok: false,
      message:
        's.tpl:2:6: template: s.tpl:2:5: executing "s.tpl" at <.a.b>: can\'t evaluate field b in type interface {}',
    });
    expect(evalTemplateFile("{{.}}", "s.tpl", "{bad", "json").ok).toBe(false);
  });
});
