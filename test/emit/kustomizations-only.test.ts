import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KUSTOMIZATION_FILE, kustomizationFiles } from "../../src/emit/layout/kustomizations.js";

const SEGMENT = fc.constantFrom("default", "prod", "shop", "public", "a", "b", "worker-x");
const FILE = fc.constantFrom("a.yaml", "b.yaml", "namespace-shop.yaml", "z.yaml");

/** Object paths as planOutput makes them: at least one folder, then a file name. */
const PATHS = fc.uniqueArray(
  fc
    .tuple(fc.array(SEGMENT, { minLength: 1, maxLength: 4 }), FILE)
    .map(([folders, name]) => [...folders, name].join("/")),
  { minLength: 1, maxLength: 30 },
);

const folderOf = (kustomizationPath: string) =>
  kustomizationPath.slice(0, -`/${KUSTOMIZATION_FILE}`.length);

/** Every folder of the tree (each ancestor folder of every object path). */
function foldersOf(paths: readonly string[]): string[] {
  const folders = new Set<string>();
  for (const p of paths) {
    const parts = p.split("/").slice(0, -1);
    for (let i = 1; i <= parts.length; i++) folders.add(parts.slice(0, i).join("/"));
  }
  return [...folders];
}

describe("kustomizationFiles(paths, only)", () => {
  it("is exactly the full set's kustomizations of the folders asked for, in the same order", () => {
    fc.assert(
      fc.property(
        PATHS.chain((paths) =>
          fc.tuple(
            fc.constant(paths),
            fc.subarray(foldersOf(paths)),
            // Folders that are not in the tree (or are files, or the out root) give nothing.
            fc.subarray(["nowhere", "default/nowhere", "", "default/a.yaml", "a/b/c/d/e/f"]),
          ),
        ),
        ([paths, inTree, notInTree]) => {
          const only = new Set([...inTree, ...notInTree]);
          const full = kustomizationFiles(paths);
          const some = kustomizationFiles(paths, only);
          expect(some).toEqual(full.filter((f) => only.has(folderOf(f.path))));
          expect(some.map((f) => folderOf(f.path)).sort()).toEqual([...inTree].sort());
        },
      ),
      { numRuns: 300 },
    );
  });

  it("lists what the plain rule gives: each folder's files, then its sub-folders, each sorted", () => {
    /** The rule written the plain way, by splitting every path into its parts. */
    function plain(paths: readonly string[]): Map<string, string[]> {
      const folders = new Map<string, { files: string[]; folders: Set<string> }>();
      const at = (f: string) =>
        folders.get(f) ?? folders.set(f, { files: [], folders: new Set() }).get(f)!;
      for (const p of paths) {
        const parts = p.split("/");
        const name = parts.pop()!;
        at(parts.join("/")).files.push(name);
        for (let depth = parts.length - 1; depth >= 1; depth--)
          at(parts.slice(0, depth).join("/")).folders.add(parts[depth]!);
      }
      return new Map(
        [...folders].map(([f, c]) => [f, [...c.files.sort(), ...[...c.folders].sort()]]),
      );
    }
    fc.assert(
      fc.property(PATHS, (paths) => {
        const expected = plain(paths);
        const made = kustomizationFiles(paths);
        expect(made.map((f) => folderOf(f.path))).toEqual([...expected.keys()]);
        for (const f of made) {
          const listed = expected
            .get(folderOf(f.path))!
            .map((r) => `  - ${r}\n`)
            .join("");
          const head = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n";
          expect(f.content).toBe(`${head}resources:\n${listed}`);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("gives every folder without `only`, and nothing for an empty `only`", () => {
    fc.assert(
      fc.property(PATHS, (paths) => {
        const full = kustomizationFiles(paths);
        expect(full.map((f) => folderOf(f.path)).sort()).toEqual(foldersOf(paths).sort());
        expect(kustomizationFiles(paths, new Set())).toEqual([]);
      }),
    );
  });

  it("lists a folder's files and sub-folders even when only that folder is asked for", () => {
    const paths = [
      "default/shop/worker-a/deployment.yaml",
      "default/shop/namespace-shop.yaml",
      "default/public/namespace-public.yaml",
    ];
    const [shop] = kustomizationFiles(paths, new Set(["default/shop"]));
    expect(shop?.path).toBe("default/shop/kustomization.yaml");
    expect(shop?.content).toContain("- namespace-shop.yaml\n  - worker-a\n");
    expect(kustomizationFiles(paths, new Set(["default/nowhere", "shop"]))).toEqual([]);
  });
});
