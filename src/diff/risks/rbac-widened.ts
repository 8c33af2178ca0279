import type { DiffObject } from "../types.js";
import type { RiskRule } from "./rule.js";
import { isRecord } from "./walk.js";

const ROLE_KINDS = new Set(["Role", "ClusterRole"]);
const BINDING_KINDS = new Set(["RoleBinding", "ClusterRoleBinding"]);

/** Each (apiGroup, resource, verb) a role grants, as `verb group/resource`. */
function grants(object: DiffObject | undefined): Set<string> {
  const out = new Set<string>();
  const rules = object?.object["rules"];
  if (!Array.isArray(rules)) return out;
  for (const rule of rules.filter(isRecord)) {
    const list = (k: string): string[] =>
      Array.isArray(rule[k]) ? (rule[k] as unknown[]).map(String) : [];
    const groups = list("apiGroups").length > 0 ? list("apiGroups") : [""];
    const targets = [...list("resources"), ...list("nonResourceURLs")];
    for (const verb of list("verbs"))
      for (const g of groups)
        for (const r of targets) out.add(`${verb} ${g === "" ? "" : `${g}/`}${r}`);
  }
  return out;
}

/** Who a binding grants its role to, and the role. */
function bindingGrants(object: DiffObject | undefined): Set<string> {
  const out = new Set<string>();
  const subjects = object?.object["subjects"];
  const ref = object?.object["roleRef"];
  const role = isRecord(ref) ? `${String(ref["kind"])} ${String(ref["name"])}` : "?";
  if (!Array.isArray(subjects)) return out;
  for (const s of subjects.filter(isRecord))
    out.add(
      `${String(s["kind"])} ${s["namespace"] === undefined ? "" : `${String(s["namespace"])}/`}${String(s["name"])} → ${role}`,
    );
  return out;
}

/** New permissions on an existing role, a new cluster-wide role, or new subjects of a binding. */
export const rbacWidened: RiskRule = {
  id: "rbac-widened",
  level: "warning",
  summary: "A Role or ClusterRole grants more, or a binding grants a role to more subjects.",
  check(change) {
    const label = `${change.kind} ${change.namespace === "" ? "" : `${change.namespace}/`}${change.name}`;
    // A new namespaced Role comes with every new workflow; only wildcards make it worth a flag.
    const isNew = change.base === undefined;
    if (ROLE_KINDS.has(change.kind)) {
      const before = grants(change.base);
      const added = [...grants(change.head)].filter((g) => !before.has(g));
      const shown = isNew && change.kind === "Role" ? added.filter((g) => g.includes("*")) : added;
      return shown.length === 0 ? [] : [`${label} now grants ${list(shown)}`];
    }
    if (BINDING_KINDS.has(change.kind)) {
      const before = bindingGrants(change.base);
      const added = [...bindingGrants(change.head)].filter((g) => !before.has(g));
      const shown = isNew && change.kind === "RoleBinding" ? [] : added;
      return shown.length === 0 ? [] : [`${label} now binds ${list(shown)}`];
    }
    return [];
  },
};

/** At most five items, then how many more. */
function list(items: readonly string[]): string {
  const head = items.slice(0, 5).join(", ");
  return items.length > 5 ? `${head} and ${items.length - 5} more` : head;
}
