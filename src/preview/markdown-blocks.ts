/**
 * Cuts Markdown into blocks at blank lines that sit at the top level: outside every fenced code
 * block and every `<details>` element. Joining the blocks with "\n" gives the text back, and
 * no block ever starts or ends inside a fence or a `<details>`.
 */
export function topLevelBlocks(markdown: string): string[] {
  const blocks: string[] = [];
  let current: string[] = [];
  let fence: { char: string; length: number } | undefined;
  let depth = 0;
  for (const line of markdown.split("\n")) {
    if (fence === undefined && depth === 0 && line.trim() === "" && current.length > 0) {
      blocks.push(current.join("\n"));
      current = [];
    }
    current.push(line);
    const marker = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
    if (fence !== undefined) {
      if (
        marker !== null &&
        marker[1]![0] === fence.char &&
        marker[1]!.length >= fence.length &&
        marker[2]!.trim() === ""
      )
        fence = undefined;
      continue;
    }
    if (marker !== null) {
      fence = { char: marker[1]![0]!, length: marker[1]!.length };
      continue;
    }
    depth = Math.max(0, depth + count(line, /<details[\s>]/gi) - count(line, /<\/details>/gi));
  }
  if (current.length > 0) blocks.push(current.join("\n"));
  return blocks;
}

/** The fences and `<details>` still open at the end of a text, innermost last. */
export function openConstructs(markdown: string): { fence?: string; details: number } {
  let fence: string | undefined;
  let details = 0;
  for (const line of markdown.split("\n")) {
    const marker = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
    if (fence !== undefined) {
      if (
        marker !== null &&
        marker[1]![0] === fence[0] &&
        marker[1]!.length >= fence.length &&
        marker[2]!.trim() === ""
      )
        fence = undefined;
      continue;
    }
    if (marker !== null) {
      fence = marker[1]!;
      continue;
    }
    details = Math.max(0, details + count(line, /<details[\s>]/gi) - count(line, /<\/details>/gi));
  }
  return fence === undefined ? { details } : { fence, details };
}

function count(line: string, re: RegExp): number {
  return [...line.matchAll(re)].length;
}
