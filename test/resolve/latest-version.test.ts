// A reference without a version gets the highest release, not a release candidate, as
// `helm install` without `--devel` does.
import { describe, expect, it } from "vitest";
import { latestVersion } from "../../src/resolve/stack-ref.js";
import { compileMemoryRepo } from "../robustness/memory-repo.js";

const STACK = (version: string, tag: string) => `name: echo-${tag}
version: v1alpha
type: stack
stack:
  name: echo
  version: "${version}"
  image: {registry: ghcr.io, repository: acme, image: echo, tag: ${tag}}
  workerConfig: {}
`;

const WORKER = (stack: string) => `name: tool
version: v1beta
type: worker
workspace: shop
worker:
  stack: ${stack}
  compute: runnable-default
  resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {cpu: 500m, memory: 256Mi}}
  stackSpec: {}
`;

async function imageOf(stack: string, versions: Array<[string, string]>): Promise<string> {
  const files = new Map(versions.map(([v, tag]) => [`stacks/echo-${tag}.yaml`, STACK(v, tag)]));
  files.set("resources/tool.yaml", WORKER(stack));
  const compiled = await compileMemoryRepo(files);
  expect(compiled.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const deployment = compiled.files.find((f) => f.path.includes("/deployment-"))!;
  return /image: (\S+)/.exec(deployment.content)![1]!;
}

describe("a stack reference without a version", () => {
  it("gets the highest release, not a newer pre-release", async () => {
    const versions: Array<[string, string]> = [
      ["1.2", "v12"],
      ["1.10", "v110"],
      ["2.0-rc1", "v2rc"],
    ];
    expect(await imageOf("echo", versions)).toBe("ghcr.io/acme/echo:v110");
    // Asked for by name, the pre-release is there.
    expect(await imageOf("echo:2.0-rc1", versions)).toBe("ghcr.io/acme/echo:v2rc");
  });

  it("gets the highest pre-release when there is no release", async () => {
    const versions: Array<[string, string]> = [
      ["2.0-rc1", "rc1"],
      ["2.0-rc2", "rc2"],
    ];
    expect(await imageOf("echo", versions)).toBe("ghcr.io/acme/echo:rc2");
  });

  it("latestVersion picks from sorted versions", () => {
    expect(latestVersion(["1.0", "1.1", "2.0-beta"])).toBe("1.1");
    expect(latestVersion(["1.0-a", "1.0-b"])).toBe("1.0-b");
    expect(latestVersion([])).toBeUndefined();
  });
});
