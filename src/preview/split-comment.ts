import { DETAILS_MARKER } from "../diff/index.js";
import { openConstructs, topLevelBlocks } from "./markdown-blocks.js";

/** GitHub refuses a comment body longer than this many characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** Room kept in every body for the hidden marker and the part heading. */
const ENVELOPE = 400;

/** What to post: the summary comment and, when the report is too long for one, its parts. */
export interface CommentPlan {
  summary: string;
  parts: string[];
}

/**
 * Fits a Markdown report into comments. A report that fits is one comment. A longer one is a
 * summary (everything before the details marker) plus numbered parts holding the details,
 * cut only between top-level blocks, so no code block or `<details>` is ever split.
 */
export function splitComment(markdown: string, limit = GITHUB_COMMENT_LIMIT): CommentPlan {
  const budget = limit - ENVELOPE;
  if (markdown.length <= budget) return { summary: markdown, parts: [] };
  const at = markdown.indexOf(DETAILS_MARKER);
  const head = at === -1 ? "" : markdown.slice(0, at);
  const details = at === -1 ? markdown : markdown.slice(at + DETAILS_MARKER.length);
  const parts = pack(topLevelBlocks(details.replace(/^\n+/, "")), budget);
  const summary = fitted(head.trimEnd(), budget);
  return {
    summary: `${summary}\n\nThe diff is too long for one comment: it continues in ${parts.length} parts below.\n`,
    parts,
  };
}

/** Packs blocks into as few texts as possible, each at most `budget` characters. */
function pack(blocks: readonly string[], budget: number): string[] {
  const parts: string[] = [];
  let current = "";
  for (const raw of blocks) {
    const block = fitted(raw, budget);
    const joined = current === "" ? block : `${current}\n${block}`;
    if (joined.length <= budget) {
      current = joined;
      continue;
    }
    if (current.trim() !== "") parts.push(`${current.trim()}\n`);
    current = block;
  }
  if (current.trim() !== "") parts.push(`${current.trim()}\n`);
  return parts;
}

/**
 * A block that alone exceeds the budget (one enormous object) is cut at a line, then every
 * fence and `<details>` left open is closed, with a note: shortened, never broken.
 */
function fitted(block: string, budget: number): string {
  if (block.length <= budget) return block;
  const note =
    "\n… cut here: this block is longer than a comment can hold; the job summary has all of it.";
  const lines = block.split("\n");
  let kept = "";
  for (const line of lines) {
    const next = kept === "" ? line : `${kept}\n${line}`;
    if (next.length + 200 + note.length > budget) break;
    kept = next;
  }
  const open = openConstructs(kept);
  const closing = [open.fence ?? "", ...Array.from({ length: open.details }, () => "\n</details>")]
    .filter(Boolean)
    .join("\n");
  return `${kept}\n${closing}${note}`;
}
