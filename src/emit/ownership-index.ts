import { readFile } from "node:fs/promises";
import path from "node:path";
import { diag, type Diagnostic } from "../diagnostics/diagnostic.js";
import { sha256Hex } from "../validate/text-hash.js";
import type { IndexEntry, ObjectSource, OutputFile, OutputIndex } from "./types.js";

/** Where the index lives, relative to the out dir. */
export const INDEX_PATH = ".stackyard/index.json";

/** Bumped whenever the index's shape changes; other versions are never trusted. */
export const INDEX_FORMAT_VERSION = 1;

/** The index of the files of one build: paths sorted, each with its content hash and source. */
export function buildIndex(
  files: readonly OutputFile[],
  compilerVersion: string,
  /** Files whose entries are already known (kept from the previous index). */
  kept: readonly IndexEntry[] = [],
): OutputIndex {
  const entries = files.map((file) => {
    const entry: IndexEntry = { path: file.path, sha256: sha256(file.content) };
    if (file.source !== undefined) {
      const { resourceId, file: sourceFile, line } = file.source;
      entry.source = { resourceId, file: sourceFile, line };
    }
    return entry;
  });
  entries.push(...kept);
  entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { formatVersion: INDEX_FORMAT_VERSION, compilerVersion, files: entries };
}

/**
 * The file of an index built by buildIndex, as stackyard writes it: stable JSON, 2-space
 * indent, trailing newline.
 */
export function indexFileOf(index: OutputIndex): OutputFile {
  return { path: INDEX_PATH, content: `${JSON.stringify(index, null, 2)}\n`, owned: true };
}

/**
 * True when the file of `index` (indexFileOf) cannot have the bytes of the file `onDisk` was
 * parsed from, because a version or an entry differs: its bytes then need no reading to tell.
 * False says nothing: equal entries may still be written otherwise on disk.
 */
export function indexDiffers(onDisk: OutputIndex, index: OutputIndex): boolean {
  if (
    onDisk.formatVersion !== index.formatVersion ||
    onDisk.compilerVersion !== index.compilerVersion ||
    onDisk.files.length !== index.files.length
  )
    return true;
  for (let i = 0; i < index.files.length; i++) {
    const a = onDisk.files[i]!;
    const b = index.files[i]!;
    if (a.path !== b.path || a.sha256 !== b.sha256) return true;
    if ((a.source === undefined) !== (b.source === undefined)) return true;
    if (
      a.source !== undefined &&
      (a.source.resourceId !== b.source!.resourceId ||
        a.source.file !== b.source!.file ||
        a.source.line !== b.source!.line)
    )
      return true;
  }
  return false;
}

/** The previous build's index, or none (with a warning when it exists but cannot be trusted). */
export interface PreviousIndex {
  index: OutputIndex | undefined;
  warnings: Diagnostic[];
}

/**
 * Reads `out/.stackyard/index.json`. A missing index is a first build; an unreadable,
 * malformed or unknown-version index is treated as missing and reported, because trusting it
 * could prune hand-written files.
 */
export async function readIndex(outDir: string): Promise<PreviousIndex> {
  let text: string;
  try {
    text = await readFile(path.join(outDir, INDEX_PATH), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT")
      return { index: undefined, warnings: [] };
    return untrusted(outDir, `it cannot be read (${(error as Error).message})`);
  }
  const parsed = parseIndex(text);
  return typeof parsed === "string" ? untrusted(outDir, parsed) : { index: parsed, warnings: [] };
}

/** Validates an index's text; returns the index or the reason it is not trusted. */
export function parseIndex(text: string): OutputIndex | string {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return "it is not valid JSON";
  }
  if (!isRecord(data)) return "it is not a JSON object";
  if (data.formatVersion !== INDEX_FORMAT_VERSION) {
    return `its format version ${JSON.stringify(data.formatVersion)} is not ${INDEX_FORMAT_VERSION}`;
  }
  if (typeof data.compilerVersion !== "string") return "compilerVersion is missing";
  if (!Array.isArray(data.files)) return "files is not a list";
  const files = data.files as unknown[];
  for (const entry of files) {
    if (!isIndexEntry(entry)) return `an entry is malformed: ${JSON.stringify(entry)}`;
  }
  // stackyard writes the paths sorted, so strictly increasing proves them distinct without a
  // set of 80,000 paths; an index sorted otherwise (edited by hand) is checked with one.
  const entries = files as IndexEntry[];
  if (entries.every((e, i) => i === 0 || entries[i - 1]!.path < e.path))
    return data as unknown as OutputIndex;
  const seen = new Set<string>();
  for (const entry of entries) {
    if (seen.has(entry.path)) return `${entry.path} is listed twice`;
    seen.add(entry.path);
  }
  return data as unknown as OutputIndex;
}

function isIndexEntry(entry: unknown): entry is IndexEntry {
  if (!isRecord(entry) || typeof entry.path !== "string" || !isSafeRelativePath(entry.path)) {
    return false;
  }
  if (typeof entry.sha256 !== "string" || !isHexDigest(entry.sha256)) return false;
  return entry.source === undefined || isSource(entry.source);
}

function isSource(source: unknown): source is ObjectSource {
  return (
    isRecord(source) &&
    typeof source.resourceId === "string" &&
    typeof source.file === "string" &&
    Number.isInteger(source.line)
  );
}

/** A relative POSIX path that stays inside its root: no `..`, `.`, empty or absolute parts. */
export function isSafeRelativePath(p: string): boolean {
  if (p === "" || p.includes("\\") || p.includes("\0")) return false;
  // Part by part without splitting: an index holds tens of thousands of paths.
  for (let start = 0; start <= p.length;) {
    let end = p.indexOf("/", start);
    if (end === -1) end = p.length;
    const length = end - start;
    if (length === 0) return false;
    if (
      p.charCodeAt(start) === 46 /* . */ &&
      (length === 1 || (length === 2 && p.charCodeAt(start + 1) === 46))
    )
      return false;
    start = end + 1;
  }
  return true;
}

/** 1 for the char codes of lowercase hex digits, 0 for every other UTF-16 code unit. */
const HEX_DIGIT = new Uint8Array(65536);
for (const c of "0123456789abcdef") HEX_DIGIT[c.charCodeAt(0)] = 1;

/** 64 lowercase hex digits (by table and without branches: an index holds 80,000 of them). */
function isHexDigest(s: string): boolean {
  if (s.length !== 64) return false;
  let all = 1;
  for (let i = 0; i < 64; i++) all &= HEX_DIGIT[s.charCodeAt(i)]!;
  return all === 1;
}

function untrusted(outDir: string, reason: string): PreviousIndex {
  const where = path.join(path.basename(outDir), INDEX_PATH);
  const message = `The ownership index ${where} is ignored because ${reason}; no file is pruned.`;
  const hint =
    "Files at paths stackyard generates are rewritten; other stale files stay until you delete " +
    "them. The next build writes a fresh index.";
  // No dedicated code exists yet for an untrusted index; FILE_UNREADABLE is the closest.
  return {
    index: undefined,
    warnings: [diag("FILE_UNREADABLE", message, {}, { hint, severity: "warning" })],
  };
}

/** Hex sha256 of a file's UTF-8 content. */
export function sha256(content: string | Buffer): string {
  return sha256Hex(content);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
