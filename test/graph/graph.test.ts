import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { dagGraph, GRAPH_FORMATS, lineageGraph } from "../../src/build/graph/index.js";
import type { Lineage } from "../../src/build/lineage.js";

/** The golden lineage of a multi-job workflow across three depots. */
const lineage = JSON.parse(
  readFileSync(
    path.join(
      import.meta.dirname,
      "../fixtures/cases/lineage-multi-job-across-depots/expected/out/lineage.json",
    ),
    "utf8",
  ),
) as Lineage;

/**
 * A small XML reader: checks that tags nest and close (the document is well-formed) and returns
 * the elements with their attributes and text, which is all the assertions below need.
 */
function parseXml(
  text: string,
): Array<{ name: string; attrs: Record<string, string>; text: string }> {
  const body = text
    .replace(/<\?xml[^>]*\?>/, "")
    .replace(/<!DOCTYPE[^>]*>/, "")
    .replace(/<!--[\s\S]*?-->/g, "");
  const stack: Array<{ name: string; attrs: Record<string, string>; text: string }> = [];
  const elements: typeof stack = [];
  for (const m of body.matchAll(
    /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"]*")*)\s*(\/?)>|([^<]+)/g,
  )) {
    if (m[5] !== undefined) {
      if (stack.length > 0) stack[stack.length - 1]!.text += m[5];
      else if (m[5].trim() !== "") throw new Error(`text outside the root: ${m[5]}`);
      continue;
    }
    const [, closing, name, attrText, selfClosing] = m;
    if (closing) {
      const open = stack.pop();
      if (open?.name !== name) throw new Error(`</${name}> closes <${open?.name}>`);
      continue;
    }
    const attrs = Object.fromEntries(
      [...attrText!.matchAll(/([\w:.-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!]),
    );
    const element = { name: name!, attrs, text: "" };
    elements.push(element);
    if (!selfClosing) stack.push(element);
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  return elements;
}

const unescape = (s: string) =>
  s
    .replace(/&#45;/g, "-")
    .replace(/&gt;/g, ">")
    .replace(/&lt;/g, "<")
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .trim();

describe("stackyard graph", () => {
  const graph = lineageGraph(lineage);

  it("draws every job and dataset of the lineage, reads into jobs and writes out of them", () => {
    expect(graph.nodes.filter((n) => n.kind === "job")).toHaveLength(4);
    expect(graph.nodes.filter((n) => n.kind === "dataset")).toHaveLength(6);
    expect(graph.edges).toContainEqual({
      from: "dataos://events:clicks",
      to: "workflow:v1:customer-360:analytics/extract-events",
      kind: "read",
    });
    expect(graph.edges).toContainEqual({
      from: "workflow:v1:customer-360:analytics/join",
      to: "dataos://lakehouse:gold/customer_360",
      kind: "write",
    });
  });

  it("draws a workflow's DAG by name or resource id, and nothing for an unknown workflow", () => {
    const dag = dagGraph(lineage, "customer-360")!;
    expect(dag.nodes.map((n) => n.label)).toEqual(["extract-crm", "extract-events", "join"]);
    expect(dag.edges.map((e) => `${e.from.split("/")[1]}→${e.to.split("/")[1]}`).sort()).toEqual([
      "extract-crm→join",
      "extract-events→join",
    ]);
    expect(dagGraph(lineage, "workflow:v1:customer-360:analytics")?.nodes).toHaveLength(3);
    expect(dagGraph(lineage, "nope")).toBeUndefined();
  });

  it("renders Mermaid with cylinders for datasets", async () => {
    const text = await GRAPH_FORMATS.mermaid!.render(graph, lineage);
    expect(text.split("\n")[0]).toBe("flowchart LR");
    expect(text).toContain('[("dataos://lakehouse:gold/customer_360")]');
    expect(text).toMatch(/n\d+ -- write --> n\d+/);
  });

  it("renders DOT that Graphviz reads, and SVG (Graphviz in WebAssembly) that parses as XML with every node", async () => {
    const dot = await GRAPH_FORMATS.dot!.render(graph, lineage);
    expect(dot).toMatch(/^digraph "lineage" \{/);
    const svg = await GRAPH_FORMATS.svg!.render(graph, lineage);
    const elements = parseXml(svg);
    expect(elements[0]!.name).toBe("svg");
    const titles = elements
      .filter((e) => e.name === "g" && e.attrs.class === "node")
      .map((g) => {
        const index = elements.indexOf(g);
        return unescape(elements.slice(index + 1).find((e) => e.name === "title")!.text);
      });
    expect(titles.sort()).toEqual(graph.nodes.map((n) => n.id).sort());
  });

  it("renders one self-contained HTML file: inline SVG, tables with source lines, no scripts or links", async () => {
    const html = await GRAPH_FORMATS.html!.render(graph, lineage);
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).toContain("<svg");
    expect(html).toContain("pipeline.yaml:29");
    expect(html).not.toMatch(/<script|<link|src="http/);
  });

  it("is deterministic", async () => {
    for (const format of Object.values(GRAPH_FORMATS)) {
      expect(await format.render(graph, lineage)).toBe(
        await format.render(lineageGraph(lineage), lineage),
      );
    }
  });
});
