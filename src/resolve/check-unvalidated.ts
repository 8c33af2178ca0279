import type { Diagnostic, SourceRange } from "../diagnostics/diagnostic.js";
import { rangeAtPath } from "../parse/node-at-path.js";
import type { NodePath } from "../parse/types.js";
import type { Resource } from "../validate/types.js";
import type { CheckedDocument } from "../validate/validate-envelope.js";
import { indexResources, resolveCompute, resolveStack } from "./resolve-runnables.js";
import type { StackRegistry } from "./stack-registry.js";
import type { Orchestrator } from "./types.js";

/**
 * A Workflow, Worker or Service document that did not become a resource (its envelope has
 * errors, or its DAG could not be expanded), with the ranges of the errors found in it so far.
 */
export interface UnvalidatedDocument {
  doc: CheckedDocument;
  errors: SourceRange[];
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * What can still be checked of runnables that did not validate: each spec's stack reference,
 * its stackSpec against that stack's schema, and its compute, as resolveRunnables checks them.
 * One run then reports every mistake of a manifest: a typo in `service:` does not hide an
 * unknown stack or a stackSpec that its stack refuses until the typo is fixed. A field that
 * already has an error inside it (`stack: 5`, a stackSpec that is a list) is left alone, so no
 * mistake is reported twice.
 */
export function checkUnvalidated(
  docs: readonly UnvalidatedDocument[],
  registry: StackRegistry,
  resources: readonly Resource[],
): Diagnostic[] {
  if (docs.length === 0) return [];
  const index = indexResources(resources);
  const diagnostics: Diagnostic[] = [];
  for (const { doc, errors } of docs) {
    const orchestrator = doc.type as Orchestrator;
    const source = doc.source;
    const clean = (path: NodePath): boolean => {
      const field = rangeAtPath(source, path);
      return !errors.some((e) => e.start >= field.start && e.end <= field.end);
    };
    for (const { spec, path } of runnableSpecs(doc)) {
      if (typeof spec.stack === "string" && clean([...path, "stack"])) {
        // The envelope takes any mapping (none is `{}`); anything else is an error of its own.
        const stackSpec = spec.stackSpec ?? {};
        if (isObj(stackSpec) && (spec.stackSpec === undefined || clean([...path, "stackSpec"])))
          resolveStack(registry, orchestrator, spec.stack, stackSpec, source, path, diagnostics);
      }
      if (typeof spec.compute === "string" && clean([...path, "compute"])) {
        const at = { file: source.file, range: rangeAtPath(source, [...path, "compute"]) };
        resolveCompute(index, spec.compute, at, diagnostics);
      }
    }
  }
  return diagnostics;
}

/** The specs of a runnable document that are mappings, and their paths in it. */
function runnableSpecs(doc: CheckedDocument): Array<{ spec: Obj; path: NodePath }> {
  const section = doc.value[doc.type];
  if (doc.type === "worker" || doc.type === "service")
    return isObj(section) ? [{ spec: section, path: [doc.type] }] : [];
  if (doc.type !== "workflow" || !isObj(section) || !Array.isArray(section.dag)) return [];
  return section.dag.flatMap((entry: unknown, i) =>
    isObj(entry) && isObj(entry.spec)
      ? [{ spec: entry.spec, path: ["workflow", "dag", i, "spec"] }]
      : [],
  );
}
