import type { Graph } from "./graph.js";

/** Graphviz DOT text: jobs as boxes, datasets as cylinders, writes in bold. */
export function toDot(graph: Graph): string {
  const q = (s: string) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
  const lines = [
    `digraph ${q(graph.title)} {`,
    "  rankdir=LR;",
    '  node [fontname="Helvetica", fontsize=11];',
    '  edge [fontname="Helvetica", fontsize=9];',
  ];
  for (const n of graph.nodes) {
    const shape = n.kind === "dataset" ? "cylinder" : "box";
    const style =
      n.kind === "dataset"
        ? 'style=filled, fillcolor="#eef4ff"'
        : 'style="rounded,filled", fillcolor="#fff7e6"';
    lines.push(
      `  ${q(n.id)} [label=${q(n.label)}, tooltip=${q(n.detail)}, shape=${shape}, ${style}];`,
    );
  }
  for (const e of graph.edges) {
    const attrs =
      e.kind === "depends"
        ? ""
        : ` [label=${q(e.kind)}${e.kind === "write" ? ", style=bold" : ""}]`;
    lines.push(`  ${q(e.from)} -> ${q(e.to)}${attrs};`);
  }
  lines.push("}");
  return `${lines.join("\n")}\n`;
}
