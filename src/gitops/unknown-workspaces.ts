import type { ClusterConfig } from "../config/cluster-types.js";
import { diag, type Diagnostic } from "../diagnostics/diagnostic.js";
import { didYouMean, formatChoices } from "../diagnostics/suggest.js";

/**
 * A warning at each name of a cluster's `workspaces:` that no resource is in: a typo, most
 * often, which would leave the cluster without those objects and say nothing. A warning, not
 * an error: a cluster may be set up for a workspace before its first resource is written, as
 * Argo CD and Flux sync an empty folder without complaint. `workspaces` are those the
 * repository's workspace-level resources are in.
 */
export function unknownWorkspaces(
  cluster: ClusterConfig,
  workspaces: ReadonlySet<string>,
): Diagnostic[] {
  const known = [...workspaces].sort();
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const { name, file, range } of cluster.workspacesAt ?? []) {
    if (workspaces.has(name) || seen.has(name)) continue;
    seen.add(name);
    const guess = didYouMean(name, known);
    const choices = `the workspaces with resources are ${formatChoices(known)}`;
    out.push(
      diag(
        "CONFIG_INVALID",
        `cluster ${cluster.name} runs workspace ${name}, which no resource is in`,
        { file, range },
        {
          severity: "warning",
          hint:
            guess === undefined
              ? `${choices}; until a resource is in ${name}, the cluster gets nothing of it`
              : `did you mean ${guess}? ${choices}`,
        },
      ),
    );
  }
  return out;
}
