import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { findStacksDir } from "../build/stacks-dir.js";

/**
 * The running compiler's identity, which keys the build cache: its version, the bytes of the
 * bundle's entry, the names of its chunks (esbuild names each by a hash of its content) and
 * the built-in stacks. Any change to the code or to a built-in stack is a new identity, even
 * when the version in package.json stays the same, as it does between releases.
 */
export function compilerIdentity(version: string, entryUrl: string): string {
  const entry = fileURLToPath(entryUrl);
  const hash = createHash("sha256").update(version).update("\0").update(readFileSync(entry));
  const chunks = path.join(path.dirname(entry), "chunks");
  if (existsSync(chunks)) hash.update(readdirSync(chunks).sort().join("\0"));
  const stacks = findStacksDir(path.dirname(entry));
  if (stacks !== undefined) {
    for (const name of readdirSync(stacks).sort()) {
      if (!name.endsWith(".yaml") && !name.endsWith(".yml")) continue;
      hash
        .update("\0")
        .update(name)
        .update("\0")
        .update(readFileSync(path.join(stacks, name)));
    }
  }
  return `${version}+${hash.digest("hex").slice(0, 32)}`;
}
