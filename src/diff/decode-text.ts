import { diag } from "../diagnostics/diagnostic.js";
import type { SourceRead } from "../discover/discover.js";

/**
 * A blob's bytes as a manifest's text, refusing what the work tree reader refuses too: binary
 * files and invalid UTF-8. A byte-order mark is dropped, as it is for files on disk.
 */
export function decodeText(rel: string, bytes: Uint8Array): SourceRead {
  if (bytes.includes(0)) {
    return {
      ok: false,
      diagnostic: diag("FILE_NOT_TEXT", `${rel} is a binary file, not YAML text`, { file: rel }),
    };
  }
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    return { ok: true, text };
  } catch {
    const diagnostic = diag(
      "FILE_NOT_TEXT",
      `${rel} is not valid UTF-8`,
      { file: rel },
      { hint: "save the file as UTF-8" },
    );
    return { ok: false, diagnostic };
  }
}
