import fc from "fast-check";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { globEntries, walkEntries } from "../../src/discover/discover.js";

// walkEntries stands in for fast-glob when the roots and excludes are plain: both must list
// the very same entries, with the same types, over any tree.

const NAMES = ["a", "b", "out", "node_modules", ".git", ".hidden", "x.yaml", "y.yml", "z.txt"];
const ROOTS = [
  "",
  ".",
  "a",
  "a/",
  "a/b",
  "a/x.yaml",
  "out",
  "node_modules",
  ".hidden",
  "x.yaml",
  "missing",
];
const EXCLUDES = [
  "out/**",
  "a/b/**",
  "**/b/**",
  "**/x.yaml/**",
  "a/x.yaml/**",
  ".github/**",
  "**/node_modules/**",
];

type Node =
  | { kind: "file" }
  | { kind: "dir"; children: Record<string, Node> }
  | { kind: "link"; to: "file" | "dir" | "outside" | "nowhere" };

const node: fc.Memo<Node> = fc.memo((depth) =>
  depth <= 1
    ? fc.oneof(
        fc.constant<Node>({ kind: "file" }),
        fc.constantFrom<Node>(
          { kind: "link", to: "file" },
          { kind: "link", to: "dir" },
          { kind: "link", to: "outside" },
          { kind: "link", to: "nowhere" },
        ),
      )
    : fc.oneof(
        fc.constant<Node>({ kind: "file" }),
        fc
          .dictionary(fc.constantFrom(...NAMES), node(depth - 1), { maxKeys: 4 })
          .map((children): Node => ({ kind: "dir", children })),
      ),
);
const tree = fc.dictionary(fc.constantFrom(...NAMES), node(3), { minKeys: 1, maxKeys: 5 });

const base = mkdtempSync(path.join(tmpdir(), "walk-entries-"));
afterAll(() => rmSync(base, { recursive: true, force: true }));
let runs = 0;

function write(dir: string, children: Record<string, Node>, root: string): void {
  for (const [name, n] of Object.entries(children)) {
    const at = path.join(dir, name);
    if (n.kind === "file") writeFileSync(at, "kind: ConfigMap\n");
    else if (n.kind === "dir") {
      mkdirSync(at);
      write(at, n.children, root);
    } else {
      const to = {
        file: path.join(root, "target.yaml"),
        dir: path.join(root, "target-dir"),
        outside: base,
        nowhere: path.join(root, "no-such-file"),
      }[n.to];
      symlinkSync(to, at);
    }
  }
}

const listed = (entries: ReadonlyArray<Awaited<ReturnType<typeof globEntries>>[number]>) =>
  [
    ...new Set(
      entries.map(
        (e) =>
          `${e.path} ${e.dirent.isFile() ? "file" : ""}${e.dirent.isSymbolicLink() ? "link" : ""}`,
      ),
    ),
  ].sort();

describe("walkEntries", () => {
  it("lists what fast-glob lists, for plain roots and folder excludes", async () => {
    await fc.assert(
      fc.asyncProperty(
        tree,
        fc.uniqueArray(fc.constantFrom(...ROOTS), { minLength: 1, maxLength: 3 }),
        fc.uniqueArray(fc.constantFrom(...EXCLUDES), { maxLength: 3 }),
        async (children, roots, exclude) => {
          const root = path.join(base, `repo-${runs++}`);
          mkdirSync(path.join(root, "target-dir"), { recursive: true });
          writeFileSync(path.join(root, "target.yaml"), "kind: ConfigMap\n");
          write(root, children, root);
          // As discoverManifests calls them: with the roots that are folders.
          const folders = roots.filter((r) => {
            let at: Record<string, Node> = children;
            for (const segment of r.split("/").filter((p) => p !== "" && p !== ".")) {
              const n = Object.hasOwn(at, segment) ? at[segment] : undefined;
              // A link to target-dir is a folder too (an empty one) when it is the last segment.
              if (n?.kind === "link" && n.to === "dir") return r.endsWith(segment);
              if (n?.kind !== "dir") return false;
              at = n.children;
            }
            return true;
          });
          const walked = walkEntries(root, folders, exclude);
          expect(walked).toBeDefined();
          expect(listed(walked!)).toEqual(listed(await globEntries(root, folders, exclude)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("declines what it does not read as fast-glob does", () => {
    const root = path.join(base, "declines");
    mkdirSync(path.join(root, "resources"), { recursive: true });
    expect(walkEntries(root, ["resources"], ["**/*.draft.yaml"])).toBeUndefined();
    expect(walkEntries(root, ["resources"], ["out/*"])).toBeUndefined();
    expect(walkEntries(root, ["./resources"], [])).toBeUndefined();
    expect(walkEntries(root, ["res*"], [])).toBeUndefined();
    expect(walkEntries(root, ["../elsewhere"], [])).toBeUndefined();
    expect(walkEntries(root, ["resources"], ["out/**"])).toEqual([]);
  });
});
