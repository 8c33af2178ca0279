/** Sprig's encoding functions: JSON, base64/base32 and hashes. */
import { createHash } from "node:crypto";
import { marshalJson, unmarshalJson } from "./go-json.js";
import type { FuncDef } from "./types.js";

function b64dec(s: string): string {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) {
    const bad = [...s].findIndex(
      (c, i) => !/[A-Za-z0-9+/=]/.test(c) || (c === "=" && i < s.length - 2),
    );
    return `illegal base64 data at input byte ${bad >= 0 ? bad : Math.floor(s.length / 4) * 4}`;
  }
  return Buffer.from(s, "base64").toString("utf8");
}

const hash = (alg: string) => (s: string) => createHash(alg).update(s, "utf8").digest("hex");

export const SPRIG_ENCODING_FUNCTIONS: Record<string, FuncDef> = {
  toJson: { params: ["any"], call: ([v]) => marshalJson(v, false) },
  toPrettyJson: { params: ["any"], call: ([v]) => marshalJson(v, true) },
  fromJson: { params: ["string"], call: ([s]) => unmarshalJson(s as string) },
  b64enc: {
    params: ["string"],
    call: ([s]) => Buffer.from(s as string, "utf8").toString("base64"),
  },
  b64dec: { params: ["string"], call: ([s]) => b64dec(s as string) },
  sha256sum: { params: ["string"], call: ([s]) => hash("sha256")(s as string) },
  sha1sum: { params: ["string"], call: ([s]) => hash("sha1")(s as string) },
};
