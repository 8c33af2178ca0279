import { isScalar } from "yaml";
import { nodeAtPath } from "../parse/node-at-path.js";
import type { NodePath } from "../parse/types.js";
import type { RenderedRunnable } from "../render/types.js";

/** A template kind a stack config block can hold. */
export type TemplateKind =
  | "containerResourceTemplate"
  | "resourceTemplate"
  | "extraResourcesTemplate"
  | "configFileTemplate";

/** One template of a runnable's stack: its text and where it is written in the stack file. */
export interface StackTemplate {
  kind: TemplateKind;
  text: string;
  path: NodePath;
}

const BLOCKS = ["workflowJobConfig", "workerConfig", "serviceConfig"] as const;

/**
 * The templates a runnable was rendered from, each with the path of the scalar that holds its
 * text. Stacks share a template between config blocks with YAML anchors (`*container`), so the
 * path is the first block whose node holds that text, not necessarily the runnable's own.
 */
export function stackTemplates(r: RenderedRunnable): StackTemplate[] {
  const kinds: TemplateKind[] = [
    "containerResourceTemplate",
    "resourceTemplate",
    "extraResourcesTemplate",
    "configFileTemplate",
  ];
  return kinds.flatMap((kind) => {
    const text = r.templates[kind];
    if (text === undefined) return [];
    const path = pathOfText(r, kind, text);
    return path === undefined ? [] : [{ kind, text, path }];
  });
}

function pathOfText(r: RenderedRunnable, kind: TemplateKind, text: string): NodePath | undefined {
  const doc = r.stack.origin.source.doc;
  const candidates: NodePath[] = BLOCKS.flatMap((block) =>
    kind === "resourceTemplate" && block === "workflowJobConfig"
      ? [["stack", block, "resourceTemplateConfig", "resourceTemplate"]]
      : [["stack", block, kind]],
  );
  return candidates.find((path) => {
    const node = nodeAtPath(doc, path);
    return isScalar(node) && node.value === text;
  });
}

/**
 * The 1-based line and column of the first template line that sets `key` (`key:` at the
 * start of a line, or after a list dash), or undefined when the template never writes it.
 * Given the rendered `value`, a line that writes that value literally (`kind: ConfigMap`) is
 * preferred to an earlier one that sets the key to something else (another object's `kind:`).
 */
export function keyLineInTemplate(
  text: string,
  key: string,
  value?: unknown,
): { line: number; column: number } | undefined {
  const escaped = escapeRegExp(key);
  const pattern = new RegExp(`^(\\s*(?:-\\s+)?)["']?${escaped}["']?\\s*:`);
  const exact =
    typeof value === "string" && value !== ""
      ? new RegExp(
          `^(\\s*(?:-\\s+)?)["']?${escaped}["']?\\s*:\\s*["']?${escapeRegExp(value)}["']?\\s*(?:#.*)?$`,
        )
      : undefined;
  const lines = text.split("\n");
  let first: { line: number; column: number } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const m = exact?.exec(lines[i]!);
    if (m) return { line: i + 1, column: m[1]!.length + 1 };
    if (first !== undefined) continue;
    const k = pattern.exec(lines[i]!);
    if (k) {
      first = { line: i + 1, column: k[1]!.length + 1 };
      if (exact === undefined) return first;
    }
  }
  return first;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
