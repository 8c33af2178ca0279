import { isScalar, Scalar } from "yaml";
import type { SourceRange } from "../diagnostics/diagnostic.js";
import { nodeAtPath, rangeAtPath } from "../parse/node-at-path.js";
import type { NodePath, ParsedDocument } from "../parse/types.js";

/** A template kind a stack's config block can hold. */
export type TemplateKind =
  | "configFileTemplate"
  | "containerResourceTemplate"
  | "resourceTemplate"
  | "extraResourcesTemplate";

/** A stack's config blocks, one per orchestrator: workflow, worker, service. */
export const CONFIG_BLOCKS = ["workflowJobConfig", "workerConfig", "serviceConfig"] as const;

/**
 * Where a template of `kind` is written in a config block of a stack manifest (a workflow job's
 * resourceTemplate is under `resourceTemplateConfig`).
 */
export function templatePathIn(
  block: (typeof CONFIG_BLOCKS)[number],
  kind: TemplateKind,
): NodePath {
  return kind === "resourceTemplate" && block === "workflowJobConfig"
    ? ["stack", block, "resourceTemplateConfig", kind]
    : ["stack", block, kind];
}

/**
 * The path (below `prefix`, the stack's own) of the first config block whose scalar holds
 * `text` as its template of `kind`. Stacks share a template between blocks with YAML anchors
 * (`*container`), so it need not be the block of the runnable rendering it.
 */
export function pathOfTemplateText(
  source: ParsedDocument,
  kind: TemplateKind,
  text: string,
  prefix: NodePath = [],
): NodePath | undefined {
  return CONFIG_BLOCKS.map((block) => [...prefix, ...templatePathIn(block, kind)]).find((path) => {
    const node = nodeAtPath(source.doc, path);
    return isScalar(node) && node.value === text;
  });
}

/**
 * Maps a 1-based line and column inside a template to a range in the file that embeds it.
 * A template is usually a YAML block scalar (`|`): its line L is the L-th line after the
 * header, shifted right by the block's indentation. Other scalar styles map to the scalar.
 * The range is `width` characters long, cut at the end of the line (and at least one).
 */
export function templateRange(
  source: ParsedDocument,
  path: NodePath,
  line: number,
  column: number,
  /** How many characters of the line to underline (kept on the line). */
  width = 1,
): SourceRange {
  const node = nodeAtPath(source.doc, path);
  const fallback = rangeAtPath(source, path);
  if (!isScalar(node) || !node.range) return fallback;
  if (node.type !== Scalar.BLOCK_LITERAL && node.type !== Scalar.BLOCK_FOLDED) return fallback;
  const text = source.text;
  const headerEnd = text.indexOf("\n", node.range[0]);
  if (headerEnd === -1) return fallback;
  const indent = blockIndent(text, headerEnd + 1, node.range[1]);
  let offset = headerEnd + 1;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf("\n", offset);
    if (nl === -1 || nl >= node.range[1]) return fallback;
    offset = nl + 1;
  }
  const lineEnd = text.indexOf("\n", offset);
  const start = Math.min(offset + indent + column - 1, lineEnd === -1 ? text.length : lineEnd);
  return {
    start,
    end: Math.max(start + 1, Math.min(lineEnd === -1 ? text.length : lineEnd, start + width)),
  };
}

/** The indentation of a block scalar's content: that of its first non-blank line. */
function blockIndent(text: string, from: number, to: number): number {
  let offset = from;
  while (offset < to) {
    const nl = text.indexOf("\n", offset);
    const end = nl === -1 ? text.length : nl;
    const line = text.slice(offset, end);
    if (line.trim() !== "") return line.length - line.trimStart().length;
    offset = end + 1;
  }
  return 0;
}

/**
 * The 1-based line and column of the first template line that sets `key` (`key:` at the
 * start of a line, or after a list dash), or undefined when the template never writes it.
 * Given the rendered `value`, a line that writes that value literally (`kind: ConfigMap`, see
 * literalKeyLine) is preferred to an earlier one that sets the key to something else (another
 * object's `kind:`).
 */
export function keyLineInTemplate(
  text: string,
  key: string,
  value?: unknown,
): { line: number; column: number } | undefined {
  const literal =
    typeof value === "string" && value !== "" ? literalKeyLine(text, key, value) : undefined;
  return (
    literal ?? firstLine(text, new RegExp(`^(\\s*(?:-\\s+)?)["']?${escapeRegExp(key)}["']?\\s*:`))
  );
}

/**
 * The 1-based line and column of the first template line that writes `key: value` literally
 * (key and value each as is or quoted, a comment after), or undefined.
 */
export function literalKeyLine(
  text: string,
  key: string,
  value: string,
): { line: number; column: number } | undefined {
  return firstLine(
    text,
    new RegExp(
      `^(\\s*(?:-\\s+)?)["']?${escapeRegExp(key)}["']?\\s*:\\s*["']?${escapeRegExp(value)}["']?\\s*(?:#.*)?$`,
    ),
  );
}

/** The first line `pattern` matches: its number and the column after the match's first group. */
function firstLine(text: string, pattern: RegExp): { line: number; column: number } | undefined {
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const m = pattern.exec(lines[i]!);
    if (m) return { line: i + 1, column: m[1]!.length + 1 };
  }
  return undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
