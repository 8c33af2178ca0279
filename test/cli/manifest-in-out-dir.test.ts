import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeTempDir, removeDir } from "../robustness/temp-repo.js";
import { requireBundle, runStackyard } from "./run-stackyard.js";

requireBundle();

const worker = (name: string) => `name: ${name}
version: v1beta
type: worker
workspace: shop
worker:
  stack: container
  compute: runnable-default
  stackSpec:
    image: ghcr.io/acme/feed:2.0.0
`;

let repo: string;
beforeEach(async () => {
  repo = await makeTempDir("out-dir-manifest");
  await mkdir(path.join(repo, "resources"));
  await writeFile(path.join(repo, "resources/feed.yaml"), worker("feed"));
});
afterEach(async () => {
  await removeDir(repo);
});

const build = (...args: string[]) => runStackyard(["build", ...args], { cwd: repo });
const put = async (rel: string, text: string) => {
  await mkdir(path.dirname(path.join(repo, rel)), { recursive: true });
  await writeFile(path.join(repo, rel), text);
};

describe("a stackyard manifest inside outDir, which no build reads", () => {
  it("is a warning at its type: on a full, a no-op and an incremental build", async () => {
    await put("stackyard.yaml", "roots: [resources]\noutDir: resources/gen\n");
    expect((await build()).code).toBe(0);
    await put("resources/gen/b.yaml", worker("lost"));
    const expected = [
      "resources/gen/b.yaml:3:1 warning MANIFEST_IN_OUT_DIR resources/gen/b.yaml is a stackyard manifest inside outDir (resources/gen/), which builds never read: its resources are not built",
      "  3 | type: worker",
      "    | ^^^^^^^^^^^^",
      "  = hint: move it under a root, out of resources/gen/: outDir holds only what stackyard writes; or set outDir: in stackyard.yaml to a folder outside resources/",
    ].join("\n");
    const noop = await build();
    expect(noop.code).toBe(0);
    expect(noop.stderr).toMatch(/0 written/);
    expect(noop.stderr).toContain(expected);
    const feed = path.join(repo, "resources/feed.yaml");
    await writeFile(feed, (await readFile(feed, "utf8")).replace("2.0.0", "2.0.1"));
    const incremental = await build();
    expect(incremental.stderr).toMatch(/1 recompiled/);
    expect(incremental.stderr).toContain(expected);
    const full = await build("--no-cache");
    expect(full.stderr).toContain(expected);
    // Gone, nothing is said.
    await rm(path.join(repo, "resources/gen/b.yaml"));
    expect((await build()).stderr).not.toContain("MANIFEST_IN_OUT_DIR");
  }, 60_000);

  it("deeper in out/ is found by a full build; in the default config's out/ too", async () => {
    expect((await build()).code).toBe(0);
    await put("out/shop/b.yaml", worker("lost"));
    const full = await build("--no-cache");
    expect(full.stderr).toContain(
      "out/shop/b.yaml:3:1 warning MANIFEST_IN_OUT_DIR out/shop/b.yaml is a stackyard manifest inside outDir (out/)",
    );
    expect(full.stderr).toContain(
      "hint: move it under a root, out of out/: outDir holds only what stackyard writes\n",
    );
  }, 60_000);

  it("is not said of Kubernetes objects, nor of files outside the roots", async () => {
    await put("stackyard.yaml", "roots: [resources]\n");
    await put("out/b.yaml", worker("outside-roots"));
    await put("resources/gen/.keep", "");
    expect((await build()).stderr).not.toContain("MANIFEST_IN_OUT_DIR");
    await put("stackyard.yaml", "roots: [.]\n");
    await put(
      "out/extra.yaml",
      "apiVersion: v1\nkind: Secret\nmetadata: {name: x}\ntype: Opaque\n",
    );
    await rm(path.join(repo, "out/b.yaml"));
    const run = await build();
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toContain("MANIFEST_IN_OUT_DIR");
  }, 60_000);
});
