import { createHash } from "node:crypto";

/** The DataOS-style stamp: empty, or "-" and 4 stable base-36 characters. Never random. */
export function makeStamp(
  mode: "none" | "hash",
  type: string,
  name: string,
  workspace: string,
): string {
  if (mode === "none") return "";
  const digest = createHash("sha256").update(`${type}\0${name}\0${workspace}`).digest();
  return `-${(digest.readUInt32BE(0) % 36 ** 4).toString(36).padStart(4, "0")}`;
}
