import { sha256Bytes } from "../validate/text-hash.js";

/**
 * The DataOS-style stamp: empty, or "-" and 4 stable base-36 characters. Never random.
 * `workflow` is a job's workflow: DataOS stamps every deployment anew, so two workflows' jobs
 * of one name never share object names; this hash keeps them apart the same way.
 */
export function makeStamp(
  mode: "none" | "hash",
  type: string,
  name: string,
  workspace: string,
  workflow?: string,
): string {
  if (mode === "none") return "";
  const of = workflow === undefined ? "" : `\0${workflow}`;
  const digest = sha256Bytes(`${type}\0${name}\0${workspace}${of}`);
  return `-${(digest.readUInt32BE(0) % 36 ** 4).toString(36).padStart(4, "0")}`;
}
