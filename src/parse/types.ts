import type { Document } from "yaml";

/** One YAML document of a source file, with the node tree that keeps every source range. */
export interface ParsedDocument {
  /** Repository-relative POSIX path. */
  file: string;
  /** Zero-based index of the document within its file. */
  index: number;
  doc: Document.Parsed;
  /** The whole file's text (shared by the file's documents). */
  text: string;
}

/** A path into a YAML document: mapping keys and sequence indexes. */
export type NodePath = ReadonlyArray<string | number>;
