import { describe, expect, it } from "vitest";
import { diag } from "../../src/diagnostics/diagnostic.js";
import { formatDiagnostics } from "../../src/diagnostics/format.js";
import { escapeData, escapeProperty } from "../../src/diagnostics/formats/github.js";

describe("GitHub workflow command escaping", () => {
  it("escapes %, CR and LF in data, and also : and , in properties", () => {
    expect(escapeData("50%\r\nnext: a,b")).toBe("50%25%0D%0Anext: a,b");
    expect(escapeProperty("a:b,c%\n")).toBe("a%3Ab%2Cc%25%0A");
  });

  it("escapes a file name with separators inside the properties", () => {
    const d = diag("YAML_SYNTAX", "bad", { file: "dir,x/a:b.yaml", range: { start: 0, end: 1 } });
    const out = formatDiagnostics([d], new Map([["dir,x/a:b.yaml", "x\n"]]), "github", {
      color: false,
      toolVersion: "0",
    });
    expect(out).toBe(
      "::error file=dir%2Cx/a%3Ab.yaml,line=1,col=1,endLine=1,endColumn=2,title=YAML_SYNTAX::bad\n",
    );
  });
});
