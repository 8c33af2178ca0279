import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/index.js";
import { formatDiagnostics } from "../../src/diagnostics/format.js";

/** [code, the text under the range, hint] of each diagnostic, for compact assertions. */
function problems(text: string): Array<[string, string, string | undefined]> {
  return parseConfig(text, "stackyard.yaml").diagnostics.map((d) => [
    d.code,
    text.slice(d.range!.start, d.range!.end),
    d.hint,
  ]);
}

describe("parseConfig", () => {
  it("points an unknown key at the key, with a did-you-mean or the allowed keys", () => {
    expect(problems("outdir: out\nsecrets:\n  mdoe: sops\nplatform: { zzz: 1 }\n")).toEqual([
      ["CONFIG_INVALID", "outdir", 'did you mean "outDir"?'],
      ["CONFIG_INVALID", "mdoe", 'did you mean "mode"?'],
      ["CONFIG_INVALID", "zzz", "allowed keys: fqdn, logLevel, env, metadataServer"],
    ]);
  });

  it("points a list or mapping used as a key at the key, where it said unknown key at 1:1", () => {
    expect(problems("roots: [resources]\n? [a]\n: 1\nplatform:\n  {b: 2}: x\n")).toEqual([
      [
        "CONFIG_INVALID",
        "[a]",
        'write the field\'s name as the key (name: …); to keep this text as a key, quote it: "[a]": …',
      ],
      [
        "CONFIG_INVALID",
        "{b: 2}",
        'write the field\'s name as the key (name: …); to keep this text as a key, quote it: "{b: 2}": …',
      ],
    ]);
    expect(parseConfig("? [a]\n: 1\n", "stackyard.yaml").diagnostics[0]!.message).toBe(
      "a mapping key must be a string, not a list ([a])",
    );
  });

  it("points a bad value at the value and names what is valid", () => {
    const text =
      "stamp: hsah\ncluster: Prod\nbuiltinStacks: yes\nplatform:\n  env:\n    bad-name: x\n    N: 3\n";
    expect(problems(text)).toEqual([
      ["CONFIG_INVALID", "hsah", 'did you mean "hash"?'],
      ["CONFIG_INVALID", "Prod", undefined],
      ["CONFIG_INVALID", "yes", "YAML 1.2 reads yes as a string: write true or false"],
      ["CONFIG_INVALID", "bad-name", undefined],
      ["CONFIG_INVALID", "3", 'quote it: "3"'],
    ]);
  });

  it("points a missing required key at the mapping that lacks it", () => {
    expect(problems("ingress:\n  gateway: { namespace: gw }\n")).toEqual([
      ["CONFIG_INVALID", "gateway", undefined],
    ]);
  });

  it("refuses paths that leave the repository, absolute paths and backslashes", () => {
    const text = "roots: [ok, ../up, /abs, 'a\\\\b']\nexclude: ['x/../../**']\noutDir: ./\n";
    expect(problems(text).map(([code, at]) => [code, at])).toEqual([
      ["PATH_OUTSIDE_REPO", "../up"],
      ["PATH_OUTSIDE_REPO", "/abs"],
      ["CONFIG_INVALID", "'a\\\\b'"],
      ["PATH_OUTSIDE_REPO", "'x/../../**'"],
      ["CONFIG_INVALID", "./"],
    ]);
  });

  it("requires a Gateway when the ingress flavour is gateway", () => {
    expect(problems("ingress: { flavor: gateway }\n")).toEqual([
      [
        "CONFIG_INVALID",
        "gateway",
        "add ingress.gateway.name: the Gateway that the HTTPRoutes attach to",
      ],
    ]);
  });

  it("reports YAML errors before anything else, and a document that is not a mapping", () => {
    expect(problems("a: 1\na: 2\n").map(([code, at]) => [code, at])).toEqual([
      ["YAML_DUPLICATE_KEY", "a"],
    ]);
    expect(problems("roots: [a\n").map(([code]) => code)).toContain("YAML_SYNTAX");
    expect(problems("- 1\n").map(([code]) => code)).toEqual(["CONFIG_INVALID"]);
  });

  it("refuses aliases that expand too far", () => {
    const lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 12; i++)
      lines.push(
        `a${i}: &a${i} [*a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}]`,
      );
    expect(problems(lines.join("\n")).map(([code]) => code)).toEqual(["YAML_ALIAS_LIMIT"]);
  });

  it("formats a broken config the way a user sees it", () => {
    const text = "outdir: out\ningress:\n  className: Nginx\n";
    const { diagnostics } = parseConfig(text, "stackyard.yaml");
    const out = formatDiagnostics(diagnostics, new Map([["stackyard.yaml", text]]), "text", {
      color: false,
      toolVersion: "0",
    });
    expect(out).toBe(
      [
        'stackyard.yaml:1:1 error CONFIG_INVALID unknown key "outdir" at the top level',
        "  1 | outdir: out",
        "    | ^^^^^^",
        '  = hint: did you mean "outDir"?',
        "",
        "stackyard.yaml:3:14 error CONFIG_INVALID ingress.className must be a Kubernetes object name " +
          "(lowercase a-z, 0-9, '-' and '.', at most 253 characters), not \"Nginx\"",
        "  3 |   className: Nginx",
        "    |              ^^^^^",
        "",
        "2 errors",
        "",
      ].join("\n"),
    );
  });
});
