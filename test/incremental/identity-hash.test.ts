import { describe, expect, it } from "vitest";
import { identityHash } from "../../src/build/units.js";

describe("identityHash", () => {
  it("is stable and short", () => {
    const id = "\0ConfigMap\0team-07\0ingest-workflow";
    expect(identityHash(id)).toBe(identityHash(`${id}`));
    expect(identityHash(id).length).toBeLessThan(id.length);
    expect(identityHash(id)).toMatch(/^[0-9a-z]+\.[0-9a-z]+$/);
  });

  it("tells apart the identities of a 10,000-resource repository's kinds of objects", () => {
    const kinds = ["ConfigMap", "Secret", "ServiceAccount", "Deployment", "Service", "Ingress"];
    const ids: string[] = [];
    for (let ws = 0; ws < 20; ws++)
      for (let i = 0; i < 2500; i++)
        for (const kind of kinds) {
          const group =
            kind === "Deployment" ? "apps" : kind === "Ingress" ? "networking.k8s.io" : "";
          ids.push(`${group}\0${kind}\0team-${ws}\0resource-${i}-${kind.toLowerCase()}`);
        }
    const hashes = new Set(ids.map(identityHash));
    expect(hashes.size).toBe(ids.length);
    // Names that differ in one character, or by a swap, differ.
    expect(identityHash("\0ConfigMap\0ns\0ab")).not.toBe(identityHash("\0ConfigMap\0ns\0ba"));
    expect(identityHash("\0Secret\0a\0b")).not.toBe(identityHash("\0Secret\0ab\0"));
  });
});
