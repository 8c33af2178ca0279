import type { NodePath } from "../parse/types.js";
import { pathOfTemplateText, type TemplateKind } from "../render/template-location.js";
import type { RenderedRunnable } from "../render/types.js";

export type { TemplateKind };

/** One template of a runnable's stack: its text and where it is written in the stack file. */
export interface StackTemplate {
  kind: TemplateKind;
  text: string;
  path: NodePath;
}

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
    const path = pathOfTemplateText(r.stack.origin.source, kind, text);
    return path === undefined ? [] : [{ kind, text, path }];
  });
}

/**
 * A step into a template's output: a key, or a list item (its index and the length of the
 * rendered list, and its `name` when it has one).
 */
export type TemplateStep = string | { index: number; count: number; name?: string };

interface TemplateLine {
  /** 0-based line number in the template. */
  n: number;
  indent: number;
  dash: boolean;
  /** The column (0-based) where the line's key, or its item's content, starts. */
  keyCol: number;
  key?: string;
  /** The value written after `key:` on the same line. */
  value?: string;
  /** A line of template actions only (`{{- range . }}`, `{{ toYaml . | indent 4 }}`). */
  action: boolean;
}

/**
 * The 1-based line and column of the template line that writes the value at `steps` of the
 * template's output, reading the template's text as the YAML it renders: keys by name at their
 * indentation, list items by their literal `name:`, else by position when every item of the
 * list is written out (as many as were rendered, no action among them). Where a step is not
 * written literally (a `toYaml` output, a flow mapping), the walk stops at the line that writes
 * its parent; undefined when not even the first key is written.
 */
export function pathLineInTemplate(
  text: string,
  steps: readonly TemplateStep[],
): { line: number; column: number } | undefined {
  const lines = classifyLines(text);
  let scope = lines;
  let found: TemplateLine | undefined;
  for (const step of steps) {
    const next = typeof step === "string" ? keyIn(scope, step) : itemIn(scope, step);
    if (next === undefined) break;
    found = next.line;
    scope = next.scope;
  }
  return found === undefined ? undefined : { line: found.n + 1, column: found.keyCol + 1 };
}

function classifyLines(text: string): TemplateLine[] {
  const out: TemplateLine[] = [];
  text.split("\n").forEach((raw, n) => {
    const trimmed = raw.trim();
    if (trimmed === "" || trimmed.startsWith("#")) return;
    const indent = raw.length - raw.trimStart().length;
    if (trimmed.startsWith("{{") && trimmed.replace(/\{\{[\s\S]*?\}\}/g, "").trim() === "") {
      out.push({ n, indent, dash: false, keyCol: indent, action: true });
      return;
    }
    const dash = /^-(\s+|$)/.exec(trimmed);
    const keyCol = indent + (dash === null ? 0 : dash[0].length);
    const rest = raw.slice(keyCol);
    const key = /^(["']?)([^"'{}[\]#:,]+?)\1\s*:(?:\s+(.*))?$/.exec(rest);
    const line: TemplateLine = { n, indent, dash: dash !== null, keyCol, action: false };
    if (key !== null) {
      line.key = key[2]!.trim();
      if (key[3] !== undefined) line.value = key[3].trim();
    }
    out.push(line);
  });
  return out;
}

/** The lines below `lines[i]` that are deeper than `col` (a dash at `col` too when `dashes`). */
function below(lines: readonly TemplateLine[], i: number, col: number, dashes: boolean) {
  let j = i + 1;
  while (j < lines.length) {
    const l = lines[j]!;
    if (l.indent > col || (dashes && l.dash && l.indent === col)) j++;
    else break;
  }
  return lines.slice(i + 1, j);
}

function keyIn(scope: readonly TemplateLine[], key: string) {
  const content = scope.filter((l) => !l.action);
  if (content.length === 0) return undefined;
  const col = Math.min(...content.map((l) => l.keyCol));
  const i = scope.findIndex((l) => !l.action && l.keyCol === col && l.key === key);
  if (i < 0) return undefined;
  const line = scope[i]!;
  // A list may be written at its key's indentation (`env:` then `- name: …` below it).
  return { line, scope: below(scope, i, line.keyCol, line.value === undefined) };
}

function itemIn(scope: readonly TemplateLine[], step: Exclude<TemplateStep, string>) {
  const content = scope.filter((l) => !l.action);
  if (content.length === 0) return undefined;
  const col = Math.min(...content.map((l) => l.indent));
  const items = scope.flatMap((l, i) => (l.dash && !l.action && l.indent === col ? [i] : []));
  const itemScope = (i: number) => [scope[i]!, ...below(scope, i, col, false)];
  const named =
    step.name === undefined
      ? undefined
      : items.find((i) =>
          itemScope(i).some(
            (l) =>
              l.key === "name" &&
              l.keyCol === col + (scope[i]!.keyCol - scope[i]!.indent) &&
              unquote(l.value) === step.name,
          ),
        );
  // By position only when the items are all written out: an action could add or drop one.
  const positional =
    items.length === step.count && !scope.some((l) => l.action) ? items[step.index] : undefined;
  const i = named ?? positional;
  if (i === undefined) return undefined;
  return { line: scope[i]!, scope: itemScope(i) };
}

function unquote(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const m = /^(["'])(.*)\1$/.exec(value);
  return m === null ? value : m[2];
}
