import { describe, expect, it } from "vitest";
import { formatDiagnostics, type DiagnosticFormat } from "../../src/diagnostics/format.js";
import { SOURCES, fixtureDiagnostics } from "./fixture.js";
import { expectGolden } from "./golden.js";

const OPTS = { color: false, toolVersion: "1.2.3" };

describe("formatDiagnostics golden output", () => {
  const cases: Array<[string, DiagnosticFormat, boolean]> = [
    ["text.txt", "text", false],
    ["text-color.txt", "text", true],
    ["json.json", "json", false],
    ["github.txt", "github", false],
    ["sarif.json", "sarif", false],
  ];
  for (const [file, format, color] of cases) {
    it(`${format}${color ? " with colour" : ""}`, () => {
      expectGolden(
        file,
        formatDiagnostics(fixtureDiagnostics(), SOURCES, format, { ...OPTS, color }),
      );
    });
  }
});

describe("formatDiagnostics", () => {
  it("sorts before printing, whatever the input order", () => {
    const forward = fixtureDiagnostics();
    const reversed = [...forward].reverse();
    for (const format of ["text", "json", "github", "sarif"] as const) {
      expect(formatDiagnostics(reversed, SOURCES, format, OPTS)).toBe(
        formatDiagnostics(forward, SOURCES, format, OPTS),
      );
    }
  });

  it("prints nothing in text and github, and an empty list in json, when all is well", () => {
    expect(formatDiagnostics([], SOURCES, "text", OPTS)).toBe("");
    expect(formatDiagnostics([], SOURCES, "github", OPTS)).toBe("");
    expect(formatDiagnostics([], SOURCES, "json", OPTS)).toBe("[]\n");
    const sarif = JSON.parse(formatDiagnostics([], SOURCES, "sarif", OPTS));
    expect(sarif.runs[0].results).toEqual([]);
    expect(sarif.runs[0].tool.driver.rules).toEqual([]);
  });

  it("uses no escape sequences without colour and some with it", () => {
    const plain = formatDiagnostics(fixtureDiagnostics(), SOURCES, "text", OPTS);
    const coloured = formatDiagnostics(fixtureDiagnostics(), SOURCES, "text", {
      ...OPTS,
      color: true,
    });
    expect(plain).not.toContain("\x1b");
    expect(coloured).toContain("\x1b[1;31merror\x1b[0m");
    expect(coloured).toContain("\x1b[1;33mwarning\x1b[0m");
    expect(coloured.replace(/\x1b\[[0-9;]*m/g, "")).toBe(plain);
  });
});
