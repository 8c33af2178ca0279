import type { CommentPlan } from "./split-comment.js";

/** The hidden line that marks stackyard's summary comment on a pull request. */
export const SUMMARY_MARKER = "<!-- stackyard:preview -->";

/** The hidden line that marks part `n` of a long preview. */
export function partMarker(n: number): string {
  return `<!-- stackyard:preview:part ${n} -->`;
}

/** The body of each comment to post, in order: the summary, then the parts. */
export function commentBodies(plan: CommentPlan): string[] {
  const total = plan.parts.length;
  return [
    `${SUMMARY_MARKER}\n${plan.summary}`,
    ...plan.parts.map(
      (part, i) => `${partMarker(i + 1)}\n**stackyard diff, part ${i + 1} of ${total}**\n\n${part}`,
    ),
  ];
}

/** Which of stackyard's comments a body is: 0 for the summary, n for part n, else undefined. */
export function commentSlot(body: string): number | undefined {
  const first = body.split("\n", 1)[0] ?? "";
  if (first === SUMMARY_MARKER) return 0;
  const part = /^<!-- stackyard:preview:part (\d+) -->$/.exec(first);
  return part === null ? undefined : Number(part[1]);
}
