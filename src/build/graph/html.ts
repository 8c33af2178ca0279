import type { Lineage } from "../lineage.js";
import type { Graph } from "./graph.js";
import { toSvg } from "./svg.js";

/** One self-contained HTML file for reviewers: the drawn graph plus jobs, datasets and edges with their source lines. No scripts, no external assets. */
export async function toHtml(graph: Graph, lineage: Lineage): Promise<string> {
  const svg = (await toSvg(graph)).replace(/^<\?xml[^>]*>\s*(<!DOCTYPE[^>]*>\s*)?/, "");
  const jobIds = new Set(graph.nodes.filter((n) => n.kind === "job").map((n) => n.id));
  const jobs = lineage.jobs.filter((j) => jobIds.has(j.id));
  const edges = lineage.edges.filter((e) => jobIds.has(e.job));
  const rows = (cells: string[][]) =>
    cells.map((c) => `<tr>${c.map((x) => `<td>${escape(x)}</td>`).join("")}</tr>`).join("\n");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>stackyard ${escape(graph.title)}</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 2rem; color: #1f2328; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 2rem; }
.graph { overflow: auto; border: 1px solid #d0d7de; padding: 1rem; }
table { border-collapse: collapse; } td, th { border: 1px solid #d0d7de; padding: 0.3rem 0.6rem; text-align: left; }
th { background: #f6f8fa; } code { font-size: 12px; }
</style>
</head>
<body>
<h1>stackyard ${escape(graph.title)}</h1>
<div class="graph">
${svg}
</div>
<h2>Jobs</h2>
<table>
<tr><th>job</th><th>stack</th><th>source</th><th>depends on</th></tr>
${rows(jobs.map((j) => [j.id, j.stack, `${j.file}:${j.line}`, j.dependsOn.join(", ")]))}
</table>
<h2>Reads and writes</h2>
<table>
<tr><th>job</th><th>access</th><th>dataset</th><th>declared by</th><th>source</th></tr>
${rows(edges.map((e) => [e.job, e.access, e.dataset, e.declaredBy, `${e.file}:${e.line}`]))}
</table>
</body>
</html>
`;
}

function escape(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}
