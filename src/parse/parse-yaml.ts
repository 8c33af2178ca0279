import { parseAllDocuments, isAlias, isMap, isPair, isScalar, isSeq, type Node } from "yaml";
import { diag, type Diagnostic } from "../diagnostics/diagnostic.js";
import { collectionKey } from "../yaml/collection-key.js";
import { composeFast, PARSE_OPTIONS } from "./fast-compose.js";
import { deepNestingOffset } from "./prescan-nesting.js";
import type { ParsedDocument } from "./types.js";

/** Limits that keep hostile YAML (alias bombs, deep nesting) from exhausting the process. */
export interface ParseLimits {
  maxAliasCount: number;
  maxDepth: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = { maxAliasCount: 100, maxDepth: 64 };

/**
 * Parses every YAML document of one file, keeping node ranges.
 * Syntax errors, duplicate keys and documents that are too deep become diagnostics;
 * documents with errors are dropped so later stages never see half-parsed input.
 */
export function parseYamlFile(
  file: string,
  text: string,
  limits: ParseLimits = DEFAULT_PARSE_LIMITS,
): { docs: ParsedDocument[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const docs: ParsedDocument[] = [];
  const tooDeep = deepNestingOffset(text, limits.maxDepth);
  if (tooDeep !== undefined) {
    const message = `the document is nested more than ${limits.maxDepth} levels deep`;
    return {
      docs,
      diagnostics: [
        diag("YAML_TOO_DEEP", message, { file, range: { start: tooDeep, end: tooDeep + 1 } }),
      ],
    };
  }
  // The fast composer builds the same documents for the common shapes; `yaml` does the rest,
  // including every file with an error, so diagnostics stay its own.
  const parsed = composeFast(text) ?? parseAllDocuments(text, PARSE_OPTIONS);
  const list = Array.isArray(parsed) ? parsed : [];
  if (!Array.isArray(parsed)) {
    // An empty stream parses to an EmptyStream: nothing to report, nothing to compile.
    return { docs, diagnostics };
  }
  list.forEach((doc, index) => {
    const before = diagnostics.length;
    for (const error of doc.errors) {
      const [start, end] = error.pos;
      const range = { start, end: Math.max(end, start + 1) };
      diagnostics.push(
        // yaml composes collections recursively: nesting deep enough to overflow its stack is
        // reported as RESOURCE_EXHAUSTION ("Maximum call stack size exceeded").
        error.code === "RESOURCE_EXHAUSTION"
          ? diag(
              "YAML_TOO_DEEP",
              `the document is nested too deeply to parse (at most ${limits.maxDepth} levels are allowed)`,
              { file, range },
            )
          : diag(
              error.code === "DUPLICATE_KEY" ? "YAML_DUPLICATE_KEY" : "YAML_SYNTAX",
              firstLine(error.message),
              { file, range },
            ),
      );
    }
    if (diagnostics.length > before) return;
    const collectionKeys: Node[] = [];
    const problem = checkShape(doc.contents, limits, collectionKeys);
    if (problem !== undefined) {
      diagnostics.push(diag(problem.code, problem.message, { file, range: problem.range }));
      return;
    }
    if (collectionKeys.length > 0) {
      const inOrder = collectionKeys.sort((a, b) => (a.range?.[0] ?? 0) - (b.range?.[0] ?? 0));
      diagnostics.push(...inOrder.map((key) => collectionKey(file, text, key)));
      return;
    }
    if (isEmptyDocument(doc.contents)) return; // "---" alone, or a trailing one, holds nothing
    docs.push({ file, index, doc, text });
  });
  return { docs, diagnostics };
}

function firstLine(message: string): string {
  const line = message.split("\n")[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, "");
}

type ShapeProblem = {
  code: "YAML_TOO_DEEP" | "YAML_ALIAS_LIMIT";
  message: string;
  range: { start: number; end: number };
};

/**
 * Walks the node tree once: rejects nesting beyond the limit and more aliases than allowed.
 * Aliases are legal YAML, but a handful of them can expand exponentially (a "billion laughs").
 * Keys that are lists or mappings are added to `collectionKeys`.
 */
function checkShape(
  root: unknown,
  limits: ParseLimits,
  collectionKeys: Node[],
): ShapeProblem | undefined {
  let aliases = 0;
  const stack: Array<{ node: unknown; depth: number }> = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (node === null || node === undefined) continue;
    const range = rangeOf(node);
    if (depth > limits.maxDepth) {
      return {
        code: "YAML_TOO_DEEP",
        message: `the document is nested more than ${limits.maxDepth} levels deep`,
        range,
      };
    }
    if (isAlias(node)) {
      aliases += 1;
      if (aliases > limits.maxAliasCount) {
        return {
          code: "YAML_ALIAS_LIMIT",
          message: `the document uses more than ${limits.maxAliasCount} aliases`,
          range,
        };
      }
      continue;
    }
    if (isMap(node) || isSeq(node)) {
      for (const item of node.items) stack.push({ node: item, depth: depth + 1 });
    } else if (isPair(node)) {
      if (isMap(node.key) || isSeq(node.key)) collectionKeys.push(node.key);
      stack.push({ node: node.key, depth }, { node: node.value, depth });
    }
  }
  return undefined;
}

function rangeOf(node: unknown): { start: number; end: number } {
  const r = (node as Node).range;
  return r ? { start: r[0], end: Math.max(r[1], r[0] + 1) } : { start: 0, end: 1 };
}

/**
 * A document with nothing in it: `yaml` gives an empty document (a `---` with nothing after it,
 * as a file that ends with one has) a null Scalar with no source text. `null` or `~` written
 * out is a value, and not a manifest (NOT_A_MANIFEST).
 */
function isEmptyDocument(contents: unknown): boolean {
  return (
    contents === null ||
    (isScalar(contents) && contents.value === null && (contents.source ?? "") === "")
  );
}
