import { afterEach, describe, expect, it } from "vitest";
import { publishRendered } from "../../src/publish/index.js";
import { bareRemote, git, GIT_ENV, writeFiles, type Remote } from "./git-fixture.js";

let remote: Remote | undefined;
afterEach(async () => remote?.dispose());

const BRANCH = "rendered/main";

/** A source repository whose out/ holds one manifest (and build state that is never published). */
function source(text: string): Record<string, string> {
  return {
    "stackyard.yaml": "roots: [resources]\n",
    "resources/readme.md": "sources\n",
    "out/prod/kustomization.yaml": "resources: [configmap-a.yaml]\n",
    "out/prod/configmap-a.yaml": text,
    "out/.stackyard/index.json": "{}\n",
  };
}

const publish = (root: string, attempts?: number) =>
  publishRendered({
    root,
    outDir: "out",
    branch: BRANCH,
    remote: "origin",
    env: GIT_ENV,
    ...(attempts === undefined ? {} : { attempts }),
  });

describe("publishRendered against a real bare repository", () => {
  it("commits out/ alone, naming the source commit, and creates the branch", async () => {
    remote = await bareRemote();
    const work = await remote.clone("work", source("a: 1\n"));
    const outcome = await publish(work);
    const head = await git(work, "rev-parse", "HEAD");
    expect(outcome).toMatchObject({ kind: "published", source: head, attempts: 1 });
    if (outcome.kind !== "published") throw new Error("unreachable");
    expect(outcome.parent).toBeUndefined();
    expect(await git(remote.bare, "rev-parse", `refs/heads/${BRANCH}`)).toBe(outcome.commit);
    const files = (await git(remote.bare, "ls-tree", "-r", "--name-only", BRANCH)).split("\n");
    expect(files).toEqual(["out/prod/configmap-a.yaml", "out/prod/kustomization.yaml"]);
    expect(await git(remote.bare, "log", "-1", "--format=%B", BRANCH)).toBe(
      `Render out/ from ${head.slice(0, 12)}\n\nSource-Commit: ${head}`,
    );
    // The user's branch, index and work tree are as they were.
    expect(await git(work, "status", "--porcelain")).toBe("");
    expect(await git(work, "rev-parse", "--abbrev-ref", "HEAD")).toBe("main");
  });

  it("is a no-op when the branch already holds the same files", async () => {
    remote = await bareRemote();
    const work = await remote.clone("work", source("a: 1\n"));
    const first = await publish(work);
    const again = await publish(work);
    expect(again).toMatchObject({
      kind: "unchanged",
      commit: (first as { commit: string }).commit,
    });
    expect(await git(remote.bare, "rev-list", "--count", BRANCH)).toBe("1");
  });

  it("commits on top of the published branch when out/ changed", async () => {
    remote = await bareRemote();
    const work = await remote.clone("work", source("a: 1\n"));
    const first = await publish(work);
    await writeFiles(work, { "out/prod/configmap-a.yaml": "a: 2\n" });
    const second = await publish(work);
    expect(second).toMatchObject({
      kind: "published",
      parent: (first as { commit: string }).commit,
    });
    expect(await git(remote.bare, "show", `${BRANCH}:out/prod/configmap-a.yaml`)).toBe("a: 2");
  });

  it("retries a push that raced another publish, on top of it, without forcing", async () => {
    remote = await bareRemote();
    const one = await remote.clone("one", source("a: 1\n"));
    const two = await remote.clone("two", source("b: 2\n"));
    await publish(one);
    await writeFiles(one, { "out/prod/configmap-a.yaml": "a: 3\n" });
    // Each push now waits a second inside the remote, so both publishes read the same tip.
    await remote.slowPushes(1);
    const [a, b] = await Promise.all([
      publish(one),
      new Promise((r) => setTimeout(r, 150)).then(() => publish(two)),
    ]);
    expect([a.kind, b.kind]).toEqual(["published", "published"]);
    const attempts = [a, b].map((o) => (o as { attempts: number }).attempts).sort();
    expect(attempts).toEqual([1, 2]);
    // Linear history: the three publishes, none lost.
    expect(await git(remote.bare, "rev-list", "--count", BRANCH)).toBe("3");
    const commits = (await git(remote.bare, "rev-list", BRANCH)).split("\n");
    expect(commits).toContain((a as { commit: string }).commit);
    expect(commits).toContain((b as { commit: string }).commit);
  }, 30_000);

  it("fails with git's reason when the remote cannot be reached", async () => {
    remote = await bareRemote();
    const work = await remote.clone("work", source("a: 1\n"));
    await git(work, "remote", "set-url", "origin", `${remote.dir}/missing.git`);
    const outcome = await publish(work);
    expect(outcome.kind).toBe("failed");
    expect((outcome as { reason: string }).reason).toMatch(
      /missing\.git|does not appear to be a git repository/,
    );
  });

  it("refuses the branch checked out here: it would replace the sources with out/ alone", async () => {
    remote = await bareRemote();
    const work = await remote.clone("work", source("a: 1\n"));
    const outcome = await publishRendered({
      root: work,
      outDir: "out",
      branch: "main",
      remote: "origin",
      env: GIT_ENV,
    });
    expect(outcome).toEqual({
      kind: "failed",
      reason:
        "main is the branch checked out here, and publishing would replace its files with out/ alone: give a branch of rendered manifests of its own, such as rendered/main",
    });
    expect(await git(remote.bare, "branch", "--list")).toBe("");
  });

  it("refuses a remote branch that holds commits publish did not make, and leaves it", async () => {
    remote = await bareRemote();
    const work = await remote.clone("work", source("a: 1\n"));
    await git(work, "push", "--quiet", "origin", "main:feature");
    const tip = await git(remote.bare, "rev-parse", "feature");
    const outcome = await publishRendered({
      root: work,
      outDir: "out",
      branch: "feature",
      remote: "origin",
      env: GIT_ENV,
    });
    expect(outcome.kind).toBe("failed");
    expect((outcome as { reason: string }).reason).toBe(
      `origin feature holds commits that publish did not make (its tip ${tip.slice(0, 12)} has no Source-Commit trailer), and publishing would replace its files with out/ alone: give a branch of rendered manifests of its own, such as rendered/main`,
    );
    expect(await git(remote.bare, "rev-parse", "feature")).toBe(tip);
  });

  it("refuses changes that are not committed, outside out/: the source commit would not hold them", async () => {
    remote = await bareRemote();
    const work = await remote.clone("work", source("a: 1\n"));
    for (const files of <Record<string, string>[]>[
      { "resources/readme.md": "edited\n" },
      { "resources/new.yaml": "name: new\n" },
    ]) {
      await git(work, "checkout", "--quiet", "--", ".");
      await git(work, "clean", "--quiet", "-fd", "resources");
      await writeFiles(work, files);
      const outcome = await publish(work);
      expect(outcome.kind).toBe("failed");
      expect((outcome as { reason: string }).reason).toBe(
        `1 file has changes that are not committed (${Object.keys(files)[0]}), and the published commit would name HEAD as its source: commit them first`,
      );
    }
    expect(await git(remote.bare, "branch", "--list")).toBe("");
  });
});
