import { describe, expect, it } from "vitest";
import { isImageReference } from "../../src/check/policies/image-reference.js";
import { compileMemoryRepo } from "../robustness/memory-repo.js";

const DIGEST = `sha256:${"0123456789abcdef".repeat(4)}`;

describe("isImageReference", () => {
  it.each([
    "nginx",
    "nginx:1.25",
    "library/nginx:1.25-alpine",
    "ghcr.io/acme/app:1.4.2",
    "localhost:5000/team/app",
    "registry.example.com:5000/a/b/c:v1.0_rc.1",
    `ghcr.io/acme/app@${DIGEST}`,
    `ghcr.io/acme/app:1.4.2@${DIGEST}`,
    "a__b/c--d/e.f",
    "[::1]:5000/app:1",
  ])("takes %s", (image) => expect(isImageReference(image)).toBe(true));

  it.each([
    "<image>",
    "",
    "Nginx",
    "ghcr.io/acme/App:1",
    "nginx:",
    "nginx:1:2",
    "nginx 1.25",
    "-nginx",
    "nginx/",
    `nginx:${"x".repeat(129)}`,
    "nginx@sha256:abc",
    `${"a".repeat(256)}:1`,
  ])("refuses %j", (image) => expect(isImageReference(image)).toBe(false));
});

function service(stackSpec: string, extra = ""): Map<string, string> {
  return new Map([
    [
      "resources/a.yaml",
      `name: alpha
version: v1
type: service
service:
  stack: container
  compute: runnable-default
${extra}  stackSpec: ${stackSpec}
`,
    ],
  ]);
}

/** `code line` of each diagnostic. */
async function found(files: Map<string, string>): Promise<string[]> {
  const built = await compileMemoryRepo(files);
  expect(built.files).toEqual([]);
  const text = files.get("resources/a.yaml")!;
  return built.diagnostics.map(
    (d) => `${d.code} ${text.slice(0, d.range?.start ?? 0).split("\n").length}`,
  );
}

describe("values the cluster would refuse at run time", () => {
  it("an image that is not a reference (a scaffold's <image>) is one INVALID_VALUE at the value, not a tag policy's finding", async () => {
    const files = service(`{image: "<image>"}`);
    expect(await found(files)).toEqual(["INVALID_VALUE 7"]);
    const built = await compileMemoryRepo(files);
    expect(built.diagnostics[0]!.message).toContain("not an image reference");
  });

  it("a cpu or memory that is not a Kubernetes quantity is one INVALID_VALUE at the resource's value", async () => {
    const files = service(
      `{image: "nginx:1.25"}`,
      "  resources:\n    requests: {cpu: lots, memory: 1Gi}\n    limits: {cpu: 2, memory: 1.5Gi}\n",
    );
    expect(await found(files)).toEqual(["INVALID_VALUE 8"]);
    const built = await compileMemoryRepo(files);
    expect(built.diagnostics[0]!.message).toContain("not a Kubernetes quantity");
    expect(built.diagnostics[0]!.hint).toContain("500m");
  });

  it("takes quantities Kubernetes takes", async () => {
    for (const cpu of ["500m", "0.5", "2", "1e0", ".5", "+1", "100n"]) {
      const files = service(
        `{image: "nginx:1.25"}`,
        `  resources:\n    requests: {cpu: "${cpu}", memory: 256Mi}\n    limits: {cpu: "${cpu}", memory: 1Gi}\n`,
      );
      const built = await compileMemoryRepo(files);
      expect(built.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    }
  });
});
