import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { RepoFs } from "../discover/repo-fs.js";
import type { StackyardConfig } from "../config/types.js";
import { buildStackRegistry, stackKey } from "../resolve/stack-registry.js";
import type { StackResource } from "../validate/types.js";
import { loadRepo } from "./load-repo.js";

/** One stack as `stackyard stacks` lists it. */
export interface StackSummary {
  ref: string;
  name: string;
  flavor?: string;
  version: string;
  aliases: string[];
  image?: string;
  orchestrators: Array<"workflow" | "worker" | "service">;
  builtin: boolean;
  summary?: string;
  file: string;
  /** The stackSpec JSON Schema (parsed), when the stack has one and it is valid JSON. */
  schema?: unknown;
}

/** Every available stack, built-in and the repository's own, sorted by reference. */
export async function listStacks(
  fs: RepoFs,
  config: StackyardConfig,
): Promise<{ stacks: StackSummary[]; diagnostics: Diagnostic[]; sources: Map<string, string> }> {
  const loaded = await loadRepo(fs, config);
  const stacks = loaded.resources.filter((r): r is StackResource => r.meta.type === "stack");
  const { registry, diagnostics } = buildStackRegistry(stacks);
  const all = [
    ...loaded.diagnostics.filter(
      (d) => d.file === undefined || stacks.some((s) => s.origin.source.file === d.file),
    ),
    ...diagnostics,
  ];
  const summaries = registry.all
    .map(summarize)
    .sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
  return { stacks: summaries, diagnostics: all, sources: loaded.sources };
}

function summarize(stack: StackResource): StackSummary {
  const s = stack.spec;
  const out: StackSummary = {
    ref: stackKey(stack),
    name: s.name,
    version: s.version,
    aliases: s.aliases ?? [],
    orchestrators: [
      ...(s.workflowJobConfig ? (["workflow"] as const) : []),
      ...(s.workerConfig ? (["worker"] as const) : []),
      ...(s.serviceConfig ? (["service"] as const) : []),
    ],
    builtin: stack.builtin,
    file: stack.origin.source.file,
  };
  if (s.flavor) out.flavor = s.flavor;
  if (s.summary) out.summary = s.summary;
  if (s.image)
    out.image = `${[s.image.registry, s.image.repository, s.image.image].filter(Boolean).join("/")}:${s.image.tag ?? "latest"}`;
  if (s.jsonSchema) {
    try {
      out.schema = JSON.parse(s.jsonSchema);
    } catch {
      // reported by the build as STACK_SCHEMA_INVALID
    }
  }
  return out;
}
