import { describe, expect, it } from "vitest";
import { compileMemoryRepo } from "../robustness/memory-repo.js";

const worker = (configs: string) => `name: feed
version: v1beta
type: worker
workspace: shop
worker:
  stack: container
  compute: runnable-default
  resources: {requests: {cpu: 100m, memory: 64Mi}}
  stackSpec: {image: "ghcr.io/acme/feed:1.0.0"}
  configs:
${configs}`;

describe("configs: keys, which become ConfigMap keys and file names", () => {
  it("are INVALID_NAME at the key when Kubernetes would refuse them", async () => {
    const text = worker(
      '    ../evil: conf/app.toml\n    "a b": conf/app.toml\n    app.toml: conf/app.toml\n',
    );
    const built = await compileMemoryRepo(
      new Map([
        ["resources/feed.yaml", text],
        ["resources/conf/app.toml", "x = 1\n"],
      ]),
    );
    expect(built.diagnostics.map((d) => [d.code, d.range?.start])).toEqual([
      ["INVALID_NAME", text.indexOf("../evil")],
      ["INVALID_NAME", text.indexOf('"a b"')],
    ]);
    expect(built.files).toEqual([]);
  });
});
