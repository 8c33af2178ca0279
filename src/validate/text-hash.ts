import { createHash } from "node:crypto";

/**
 * A digest of a text, for keying what was computed from it at bundle time (a snapshot, a
 * precompiled validator): equal digests mean the text is the one the bundle saw.
 */
export function textHash(text: string): string {
  return createHash("sha256").update(text).digest("base64url");
}
