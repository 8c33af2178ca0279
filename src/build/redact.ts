import { isMap, isScalar, type Node } from "yaml";
import type { ParsedDocument } from "../parse/types.js";

/**
 * Masks the values under `secret.data` / `instance-secret.data` in a file's text, keeping every
 * offset: diagnostics quote source lines, and a secret value must never reach a log.
 */
export function redactSecretValues(text: string, docs: readonly ParsedDocument[]): string {
  let out = text;
  for (const { doc } of docs) {
    const root = doc.contents;
    if (!isMap(root)) continue;
    const type = root.get("type") as unknown;
    if (type !== "secret" && type !== "instance-secret") continue;
    const section = root.get(type, true);
    const data = isMap(section) ? section.get("data", true) : undefined;
    if (!isMap(data)) continue;
    for (const pair of data.items) {
      const value = pair.value as Node | null;
      if (!isScalar(value) || !value.range) continue;
      const [start, end] = value.range;
      out = out.slice(0, start) + out.slice(start, end).replace(/[^\r\n]/g, "*") + out.slice(end);
    }
  }
  return out;
}
