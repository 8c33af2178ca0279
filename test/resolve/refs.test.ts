import { describe, expect, it } from "vitest";
import { parseDatasetAddress } from "../../src/resolve/dataset-address.js";
import { makeStamp } from "../../src/resolve/stamp.js";
import { compareVersions, formatStackRef, parseStackRef } from "../../src/resolve/stack-ref.js";

describe("parseStackRef", () => {
  it.each([
    ["flare:7.0", { name: "flare", version: "7.0" }],
    ["soda+python:1.0", { name: "soda", flavor: "python", version: "1.0" }],
    ["beacon+rest", { name: "beacon", flavor: "rest" }],
    ["container", { name: "container" }],
    [
      "pulsar-function+lakehouse-sink:3.0",
      { name: "pulsar-function", flavor: "lakehouse-sink", version: "3.0" },
    ],
  ])("parses %s", (text, expected) => {
    expect(parseStackRef(text)).toEqual(expected);
    expect(formatStackRef(parseStackRef(text)!)).toBe(text);
  });

  it.each(["", "Flare:7.0", "flare:", "+rest", "flare::1", "a b"])("rejects %j", (text) => {
    expect(parseStackRef(text)).toBeUndefined();
  });
});

describe("compareVersions", () => {
  it("puts a pre-release (after a -) below its release, as semver does", () => {
    expect(
      ["1.0", "1.0-custom", "0.9", "1.0-rc.2", "1.0-rc.10", "1.1-beta"].sort(compareVersions),
    ).toEqual(["0.9", "1.0-custom", "1.0-rc.2", "1.0-rc.10", "1.0", "1.1-beta"]);
  });

  it("orders numerically by dot-separated parts", () => {
    expect(["2.0", "1.10", "1.2", "1.0"].sort(compareVersions)).toEqual([
      "1.0",
      "1.2",
      "1.10",
      "2.0",
    ]);
  });
});

describe("parseDatasetAddress", () => {
  it("parses every documented form", () => {
    expect(parseDatasetAddress("dataos://lakehouse:retail/city?acl=rw")).toEqual({
      address: "dataos://lakehouse:retail/city?acl=rw",
      depot: "lakehouse",
      collection: "retail",
      dataset: "city",
      acl: "rw",
    });
    expect(parseDatasetAddress("dataos://thirdparty01:none/city")).toMatchObject({
      collection: "none",
      dataset: "city",
      acl: "r",
    });
    expect(parseDatasetAddress("dataos://lakehouse01:retailsample?acl=rw")).toMatchObject({
      collection: "retailsample",
      acl: "rw",
    });
    expect(parseDatasetAddress("dataos://snowflakedepot")).toEqual({
      address: "dataos://snowflakedepot",
      depot: "snowflakedepot",
      acl: "r",
    });
  });

  it.each([
    ["s3://bucket/x", /expected dataos:\/\//],
    ["dataos://lake-house:a/b", /expected/],
    ["dataos://lake:a/b?acl=w", /acl must be r or rw/],
    ["dataos://lake:a/b?mode=r", /unknown query parameter/],
  ])("explains why %s is invalid", (text, reason) => {
    const r = parseDatasetAddress(text);
    expect("error" in r && r.error).toMatch(reason);
  });
});

describe("makeStamp", () => {
  it("is empty in none mode and a stable 4-character hash otherwise", () => {
    expect(makeStamp("none", "service", "api", "public")).toBe("");
    const a = makeStamp("hash", "service", "api", "public");
    expect(a).toMatch(/^-[0-9a-z]{4}$/);
    expect(makeStamp("hash", "service", "api", "public")).toBe(a);
    expect(makeStamp("hash", "service", "api", "other")).not.toBe(a);
  });
});
