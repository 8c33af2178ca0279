import { CONFIG_FILE_NAME, type StackyardConfig } from "../config/types.js";
import { diag, type Diagnostic, type Severity } from "../diagnostics/diagnostic.js";
import { didYouMean, formatChoices } from "../diagnostics/suggest.js";
import { CHECK_CODES } from "./codes.js";
import { POLICIES, type Policy } from "./policies/index.js";

/** The severity of a policy in a workspace: the workspace's setting, the repo's, or the default. */
export function policySeverity(
  policy: Policy,
  workspace: string,
  config: StackyardConfig,
): Severity | "off" {
  const { severity, workspaces } = config.policies;
  return workspaces[workspace]?.[policy.id] ?? severity[policy.id] ?? policy.defaultSeverity;
}

/**
 * stackyard.yaml names policies by id; an id no policy has is a typo worth an error, at its key
 * (see PoliciesConfig.at).
 */
export function checkPolicyIds(config: StackyardConfig): Diagnostic[] {
  const { severity, workspaces, at } = config.policies;
  const named = [
    ...Object.keys(severity).map((id) => ({ id, where: `policies.severity.${id}` })),
    ...Object.entries(workspaces).flatMap(([ws, levels]) =>
      Object.keys(levels).map((id) => ({ id, where: `policies.workspaces.${ws}.${id}` })),
    ),
  ];
  return named
    .filter(({ id }) => POLICIES[id] === undefined)
    .map(({ id, where }) => {
      const guess = didYouMean(id, Object.keys(POLICIES));
      return diag(
        CHECK_CODES.config,
        `${where}: there is no policy "${id}"`,
        at?.[where] ?? { file: CONFIG_FILE_NAME },
        {
          hint:
            guess === undefined
              ? `policies: ${formatChoices(Object.keys(POLICIES))}`
              : `did you mean "${guess}"?`,
        },
      );
    });
}
