import type { Graph } from "./graph.js";

/** Mermaid flowchart text (GitHub renders it in Markdown): jobs as boxes, datasets as cylinders. */
export function toMermaid(graph: Graph): string {
  const ids = new Map(graph.nodes.map((n, i) => [n.id, `n${i}`]));
  const lines = ["flowchart LR"];
  for (const n of graph.nodes) {
    const label = JSON.stringify(n.label).slice(1, -1).replace(/"/g, "#quot;");
    lines.push(
      n.kind === "dataset" ? `  ${ids.get(n.id)}[("${label}")]` : `  ${ids.get(n.id)}["${label}"]`,
    );
  }
  for (const e of graph.edges) {
    const arrow = e.kind === "depends" ? "-->" : `-- ${e.kind} -->`;
    lines.push(`  ${ids.get(e.from)} ${arrow} ${ids.get(e.to)}`);
  }
  return `${lines.join("\n")}\n`;
}
