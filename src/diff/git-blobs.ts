import { simpleGit } from "simple-git";

/**
 * The contents of many blobs in one `git cat-file --batch` process: spawning git once per
 * file costs milliseconds each, which is seconds for a repository of a few thousand manifests.
 * Returns the bytes by blob id; ids git does not know are absent.
 */
export async function readBlobs(
  root: string,
  oids: readonly string[],
): Promise<Map<string, Buffer>> {
  const unique = [...new Set(oids)];
  const blobs = new Map<string, Buffer>();
  if (unique.length === 0) return blobs;
  const input = `${unique.join("\n")}\n`;
  const git = simpleGit({ baseDir: root, input: () => input });
  const out: Buffer = await git.binaryCatFile(["--batch"]);
  let at = 0;
  while (at < out.length) {
    const eol = out.indexOf(0x0a, at);
    if (eol === -1) break;
    const header = out.subarray(at, eol).toString("utf8").split(" ");
    at = eol + 1;
    // `<oid> missing` has no body; `<oid> <type> <size>` is followed by the bytes and a newline.
    if (header[1] === "missing" || header.length < 3) continue;
    const size = Number(header[2]);
    blobs.set(header[0]!, out.subarray(at, at + size));
    at += size + 1;
  }
  return blobs;
}
