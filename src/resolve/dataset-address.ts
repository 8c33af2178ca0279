import type { DatasetAddress } from "./types.js";

const UDL =
  /^dataos:\/\/([a-z][a-z0-9]*)(?::([A-Za-z0-9_.\-]+)(?:\/([A-Za-z0-9_.\-/]+))?)?(?:\?(.*))?$/;

/**
 * Parses `dataos://depot[:collection[/dataset]][?acl=r|rw]`. Returns a reason instead when the
 * address does not have that shape.
 */
export function parseDatasetAddress(text: string): DatasetAddress | { error: string } {
  const m = UDL.exec(text);
  if (!m) {
    return {
      error:
        "expected dataos://depot[:collection[/dataset]][?acl=r|rw] (depot names are lower-case letters and digits)",
    };
  }
  let acl: "r" | "rw" = "r";
  for (const part of (m[4] ?? "").split("&").filter(Boolean)) {
    const [k, v] = part.split("=");
    if (k !== "acl")
      return { error: `unknown query parameter ${JSON.stringify(k)}; only acl=r|rw is allowed` };
    if (v !== "r" && v !== "rw") return { error: `acl must be r or rw, not ${JSON.stringify(v)}` };
    acl = v;
  }
  const address: DatasetAddress = { address: text, depot: m[1]!, acl };
  if (m[2] !== undefined) address.collection = m[2];
  if (m[3] !== undefined) address.dataset = m[3];
  return address;
}
