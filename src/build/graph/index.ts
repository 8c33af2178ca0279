import type { Lineage } from "../lineage.js";
import { toDot } from "./dot.js";
import type { Graph } from "./graph.js";
import { toHtml } from "./html.js";
import { toMermaid } from "./mermaid.js";
import { toSvg } from "./svg.js";

export { dagGraph, lineageGraph, workflowNames, workflowsMatching, type Graph } from "./graph.js";

/** One output format of `stackyard graph`. */
export interface GraphFormat {
  summary: string;
  render(graph: Graph, lineage: Lineage): string | Promise<string>;
}

/** Every graph format, by name. Adding a format is one module plus one line here. */
export const GRAPH_FORMATS: Readonly<Record<string, GraphFormat>> = {
  mermaid: { summary: "Mermaid flowchart (renders in GitHub Markdown)", render: toMermaid },
  dot: { summary: "Graphviz DOT", render: toDot },
  svg: { summary: "SVG drawn by Graphviz (WebAssembly)", render: toSvg },
  html: { summary: "one self-contained HTML report", render: toHtml },
};
