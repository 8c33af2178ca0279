import {
  dagGraph,
  GRAPH_FORMATS,
  lineageGraph,
  workflowNames,
  workflowsMatching,
} from "../../build/graph/index.js";
import { didYouMean, formatChoices } from "../../diagnostics/suggest.js";
import type { Command } from "../command.js";
import { inspectReported } from "../inspect-reported.js";

/** `stackyard graph`: the lineage graph, or one workflow's DAG, as Mermaid, DOT, SVG or HTML. */
export const graphCommand: Command = {
  name: "graph",
  printsOutput: true,
  summary: "draw dataset lineage or a workflow's DAG",
  usage: "stackyard graph [--lineage | --dag WORKFLOW] [--format FORMAT] [options]",
  description:
    "Prints the graph on stdout. --lineage (the default) draws which jobs read and write which\n" +
    "datasets; --dag draws one workflow's jobs and their dependencies (a name in several\n" +
    "workspaces is ambiguous: name the workflow as WORKSPACE/NAME).\nFormats: " +
    `${Object.keys(GRAPH_FORMATS).join(", ")}.\nSVG and HTML are drawn by Graphviz compiled to WebAssembly: no system binary needed.`,
  options: {
    lineage: { type: "boolean", description: "draw dataset lineage (the default)" },
    dag: {
      type: "string",
      value: "WORKFLOW",
      description: "draw this workflow's DAG (its name, WORKSPACE/NAME, or resource id)",
    },
  },
  // --format picks the graph format; diagnostics are printed as text.
  outputFormats: Object.keys(GRAPH_FORMATS),
  args: { min: 0, max: 0 },
  async run(ctx) {
    const format = GRAPH_FORMATS[ctx.global.outputFormat ?? "mermaid"]!;
    const dag = typeof ctx.options.dag === "string" ? ctx.options.dag : undefined;
    if (dag !== undefined && ctx.options.lineage === true)
      return ctx.usageError("--lineage and --dag draw different graphs", "choose one");
    const { code, compiled } = await inspectReported(ctx);
    if (compiled === undefined) return code;
    const { lineage } = compiled;
    // A workflow is (workspace, name): a name in several workspaces is not one DAG.
    const matching = dag === undefined ? [] : workflowsMatching(lineage, dag);
    if (matching.length > 1)
      return ctx.usageError(
        `${matching.length} workflows are named ${dag}, in different workspaces`,
        `name one as WORKSPACE/NAME: ${matching.map((m) => `--dag ${m}`).join(", ")}`,
      );
    const graph = dag === undefined ? lineageGraph(lineage) : dagGraph(lineage, dag);
    if (graph === undefined) {
      const names = workflowNames(lineage);
      const guess = didYouMean(dag!, [...names, ...names.map((n) => n.split("/").pop()!)]);
      return ctx.usageError(
        `no workflow is named ${dag}`,
        `${guess ? `did you mean ${guess}? ` : ""}workflows: ${formatChoices(names)}`,
      );
    }
    ctx.io.stdout(await format.render(graph, lineage));
    return code;
  },
};
