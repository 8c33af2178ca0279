import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { nodeAtPath } from "../parse/node-at-path.js";
import type { NodePath } from "../parse/types.js";
import { parseTemplate, TemplateError } from "../template/index.js";
import type { StackResource, StackTemplates } from "../validate/types.js";
import { templateErrorDiagnostic } from "./template-diagnostic.js";
import {
  CONFIG_BLOCKS,
  pathOfTemplateText,
  templatePathIn,
  type TemplateKind,
} from "./template-location.js";

const KINDS = [
  "configFileTemplate",
  "containerResourceTemplate",
  "resourceTemplate",
  "extraResourcesTemplate",
] as const;

/**
 * The parse errors of a stack's templates, each once, at its line in the stack file: whether
 * or not a resource uses the stack, and however many do (rendering then skips a template that
 * does not parse without a word: see renderRunnable). A template several config blocks share
 * (a YAML anchor) is parsed once. A built-in stack's templates are known to parse (the tests
 * render every one), so they are not parsed here: a build pays only for the user's stacks,
 * and parses each template once, since rendering finds it in the parse cache.
 */
export function stackTemplateErrors(stack: StackResource): Diagnostic[] {
  if (stack.builtin) return [];
  const found: Diagnostic[] = [];
  const parsed = new Set<string>();
  for (const block of CONFIG_BLOCKS) {
    const templates: StackTemplates | undefined = stack.spec[block];
    if (templates === undefined) continue;
    for (const kind of KINDS) {
      const text = templates[kind];
      if (text === undefined) continue;
      const key = `${kind}\0${text}`;
      if (parsed.has(key)) continue;
      parsed.add(key);
      try {
        // The name and functions are rendering's, so that it finds this parse in the cache.
        parseTemplate(text, kind);
      } catch (error) {
        if (!(error instanceof TemplateError)) throw error;
        found.push(templateErrorDiagnostic(error, stack.origin.source, pathOf(stack, kind, text)));
      }
    }
  }
  return found;
}

/**
 * Where a template's text is written: the first config block whose scalar holds it, else the
 * first that has the key, else the first block's.
 */
function pathOf(stack: StackResource, kind: TemplateKind, text: string): NodePath {
  const { source, path } = stack.origin;
  const paths = CONFIG_BLOCKS.map((block) => [...path, ...templatePathIn(block, kind)]);
  return (
    pathOfTemplateText(source, kind, text, path) ??
    paths.find((p) => nodeAtPath(source.doc, p) !== undefined) ??
    paths[0]!
  );
}
