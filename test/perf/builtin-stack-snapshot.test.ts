import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  BUILTIN_PREFIX,
  builtinStacksDir,
  loadBuiltinStacks,
  parseBuiltinFile,
  type BuiltinStackSnapshot,
} from "../../src/build/builtin-stacks.js";
import { builtinStacksSnapshotSource } from "../../src/build/snapshot-builtin-stacks.js";
import { parseYamlFile } from "../../src/parse/parse-yaml.js";
import { normalizeDocument } from "../../src/normalize/normalize.js";
import { buildStackRegistry, lookupStack } from "../../src/resolve/stack-registry.js";
import { textHash } from "../../src/validate/text-hash.js";
import { toResource } from "../../src/validate/to-resource.js";
import type { StackResource } from "../../src/validate/types.js";
import { validateEnvelope } from "../../src/validate/validate-envelope.js";

/** The generated module, evaluated the way CommonJS would load it (as the bundle ships it). */
function generatedSnapshot(): BuiltinStackSnapshot {
  const module = { exports: {} as { BUILTIN_STACK_SNAPSHOT?: BuiltinStackSnapshot } };
  new Function("module", "exports", builtinStacksSnapshotSource("cjs"))(module, module.exports);
  return module.exports.BUILTIN_STACK_SNAPSHOT!;
}

const dir = builtinStacksDir();
const files = readdirSync(dir)
  .filter((n) => /\.ya?ml$/.test(n))
  .sort();
const snapshot = generatedSnapshot();

/** What a build sees of a stack, its parse tree reduced to the file, path and document. */
function view(stack: StackResource) {
  const { source, path: at } = stack.origin;
  return {
    id: stack.id,
    meta: stack.meta,
    spec: stack.spec,
    builtin: stack.builtin,
    origin: { file: source.file, path: at, doc: source.doc.toJS(), text: source.doc.toString() },
  };
}

/** A repository stack with the identity of bento:3.0, the way load-repo reads it. */
function shadowingStack(): StackResource {
  const text = [
    "name: my-bento",
    "version: v1alpha",
    "type: stack",
    "stack:",
    "  name: bento",
    '  version: "3.0"',
    "  reconciler: stackManager",
    "  dataOsAddressJqFilters: []",
    "  command: [bento]",
    "  arguments: []",
    "  environmentVars: {}",
    "",
  ].join("\n");
  const doc = parseYamlFile("stacks/bento.yaml", text).docs[0]!;
  normalizeDocument(doc);
  const checked = validateEnvelope(doc).checked!;
  return toResource(checked, "public") as StackResource;
}

describe("the built-in stack snapshot", () => {
  it("covers every file in stacks/, keyed by the hash of its text", () => {
    expect([...snapshot.keys()]).toEqual(files);
    for (const name of files)
      expect(snapshot.get(name)!.hash).toBe(textHash(readFileSync(path.join(dir, name), "utf8")));
  });

  it("agrees with the full parse of every file: name, version, flavor, aliases and all", () => {
    for (const name of files) {
      const text = readFileSync(path.join(dir, name), "utf8");
      const parsed = parseBuiltinFile(BUILTIN_PREFIX + name, text);
      expect(parsed.diagnostics).toEqual([]);
      const known = snapshot.get(name)!.stacks;
      expect(known).toStrictEqual(parsed.stacks.map(({ id, meta, spec }) => ({ id, meta, spec })));
      expect(known.length).toBeGreaterThan(0);
    }
  });

  it("loads the same stacks, sources and diagnostics as parsing every file", async () => {
    const fast = await loadBuiltinStacks(undefined, snapshot);
    const full = await loadBuiltinStacks(undefined, new Map());
    expect(fast.sources).toEqual(full.sources);
    expect(fast.diagnostics).toEqual(full.diagnostics);
    expect(fast.stacks.map(view)).toStrictEqual(full.stacks.map(view));
    expect(Object.keys(fast.stacks[0]!)).toEqual(Object.keys(full.stacks[0]!));
  });

  it("is what a load uses when the text matches, and ignored when it does not", async () => {
    const name = "bento-3.0.yaml";
    const entry = snapshot.get(name)!;
    const marked = (hash: string): BuiltinStackSnapshot =>
      new Map([
        [
          name,
          {
            hash,
            stacks: entry.stacks.map((s) => ({ ...s, spec: { ...s.spec, summary: "marked" } })),
          },
        ],
      ]);
    const bento = (stacks: StackResource[]) => stacks.find((s) => s.spec.name === "bento")!;
    expect(
      bento((await loadBuiltinStacks(undefined, marked(entry.hash))).stacks).spec.summary,
    ).toBe("marked");
    expect(
      bento((await loadBuiltinStacks(undefined, marked("stale"))).stacks).spec.summary,
    ).not.toBe("marked");
  });

  it("resolves aliases and reports a repository stack shadowing a built-in at its lines", async () => {
    const fast = await loadBuiltinStacks(undefined, snapshot);
    const full = await loadBuiltinStacks(undefined, new Map());
    const at = { file: "x.yaml", range: { start: 0, end: 0 } };
    const results = [fast, full].map(({ stacks }) => {
      const { registry, diagnostics } = buildStackRegistry([...stacks, shadowingStack()]);
      const alias = lookupStack(registry, "benthos-worker:3.0", at);
      return { diagnostics, alias: "stack" in alias ? view(alias.stack) : alias };
    });
    expect(results[0]).toStrictEqual(results[1]);
    const [conflict] = results[0]!.diagnostics;
    expect(conflict?.code).toBe("STACK_CONFLICT");
    expect(conflict?.related?.[0]?.file).toBe(`${BUILTIN_PREFIX}bento-3.0.yaml`);
    expect(conflict?.related?.[0]?.range?.start).toBeGreaterThan(0);
  });
});
