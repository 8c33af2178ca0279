import { OWNER_LABEL, TEAM_LABEL } from "../../compile/metadata.js";
import type { Finding, Policy } from "./policy.js";

/**
 * Who to page for an object: its labels name the resource's `owner` and its `team:<name>` tag.
 * Off by default, because it asks every resource to adopt the convention first.
 */
export const ownershipLabels: Policy = {
  id: "ownership-labels",
  description:
    "Every object is labelled with an owner and a team, from the resource's `owner` and a `team:<name>` tag.",
  defaultSeverity: "off",
  check(object, ctx) {
    if (ctx.resource === undefined) return [];
    const labels = object.metadata.labels ?? {};
    const findings: Finding[] = [];
    const what = `${ctx.resource.meta.type} ${ctx.resource.meta.name}`;
    if (labels[OWNER_LABEL] === undefined)
      findings.push({
        path: ["metadata", "labels", OWNER_LABEL],
        message: `${what} names no owner, so its objects have no ${OWNER_LABEL} label`,
        hint: "add `owner: <person or group>` to the resource",
      });
    if (labels[TEAM_LABEL] === undefined)
      findings.push({
        path: ["metadata", "labels", TEAM_LABEL],
        message: `${what} has no team tag, so its objects have no ${TEAM_LABEL} label`,
        hint: "add a tag `team:<name>` to the resource's `tags`",
      });
    return findings;
  },
};
