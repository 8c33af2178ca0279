import { describe, expect, test } from "vitest";
import { DETAILS_MARKER } from "../../src/diff/index.js";
import { commentBodies, reconcile, splitComment } from "../../src/preview/index.js";
import { topLevelBlocks } from "../../src/preview/markdown-blocks.js";

const details = (n: number, lines: number) =>
  `<details><summary>object ${n}</summary>\n\n\`\`\`diff\n${Array.from({ length: lines }, (_, i) => `+line ${i}`).join("\n")}\n\`\`\`\n\n</details>`;

describe("topLevelBlocks", () => {
  test("never cuts inside a fence or a <details>, and loses nothing", () => {
    const text = [
      "# title",
      "",
      details(1, 3),
      "",
      "````md",
      "```",
      "",
      "inner",
      "````",
      "",
      "end",
    ].join("\n");
    const blocks = topLevelBlocks(text);
    expect(blocks.join("\n")).toBe(text);
    expect(blocks.some((b) => b.includes("<details>") && b.includes("</details>"))).toBe(true);
    expect(
      blocks.some(
        (b) => b.includes("````md") && b.includes("inner") && b.trimEnd().endsWith("````"),
      ),
    ).toBe(true);
  });
});

describe("splitComment", () => {
  test("a report that fits is one comment", () => {
    expect(splitComment("short\n")).toEqual({ summary: "short\n", parts: [] });
  });

  test("a long report becomes the summary plus parts within the limit, blocks whole", () => {
    const body = Array.from({ length: 30 }, (_, i) => details(i, 40)).join("\n\n");
    const plan = splitComment(`summary line\n\n${DETAILS_MARKER}\n\n${body}\n`, 5_000);
    expect(plan.summary).toContain("summary line");
    expect(plan.summary).toContain(`continues in ${plan.parts.length} parts`);
    expect(plan.parts.length).toBeGreaterThanOrEqual(3);
    for (const part of plan.parts) {
      expect(part.length).toBeLessThanOrEqual(5_000);
      expect(part.match(/<details>/g)?.length).toBe(part.match(/<\/details>/g)?.length);
    }
    expect(plan.parts.join("\n").match(/<details>/g)).toHaveLength(30);
  });

  test("one block larger than a comment is shortened and closed, never left open", () => {
    const plan = splitComment(`s\n${DETAILS_MARKER}\n${details(1, 3_000)}\n`, 5_000);
    expect(plan.parts).toHaveLength(1);
    const part = plan.parts[0]!;
    expect(part.length).toBeLessThanOrEqual(5_000);
    expect(part).toContain("```\n\n</details>\n… cut here");
  });
});

describe("reconcile", () => {
  const wanted = commentBodies({ summary: "s", parts: ["p1", "p2"] });
  test("creates what is missing, updates what differs, keeps the rest, ignores other comments", () => {
    const existing = [
      { id: 1, body: "a reviewer" },
      { id: 2, body: wanted[0]! },
      { id: 3, body: "<!-- stackyard:preview:part 1 -->\nold" },
    ];
    expect(reconcile(existing, wanted)).toEqual([
      { op: "update", slot: 1, id: 3, body: wanted[1] },
      { op: "create", slot: 2, body: wanted[2] },
    ]);
  });
  test("deletes parts a shorter report no longer needs, and duplicates", () => {
    const existing = [
      { id: 2, body: wanted[0]! },
      { id: 4, body: wanted[0]! },
      { id: 5, body: wanted[1]! },
      { id: 6, body: wanted[2]! },
    ];
    expect(reconcile(existing, [wanted[0]!])).toEqual([
      { op: "delete", slot: 0, id: 4 },
      { op: "delete", slot: 1, id: 5 },
      { op: "delete", slot: 2, id: 6 },
    ]);
  });
});
