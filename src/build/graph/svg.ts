import { toDot } from "./dot.js";
import type { Graph } from "./graph.js";

/**
 * SVG through Graphviz compiled to WebAssembly (@viz-js/viz): no system binary. Loaded on first
 * use, because most commands never draw.
 */
export async function toSvg(graph: Graph): Promise<string> {
  const { instance } = await import("@viz-js/viz");
  const viz = await instance();
  const result = viz.render(toDot(graph), { format: "svg" });
  if (result.status !== "success") {
    throw new Error(
      `Graphviz failed on stackyard's own DOT: ${result.errors.map((e) => e.message).join("; ")}`,
    );
  }
  return result.output;
}
