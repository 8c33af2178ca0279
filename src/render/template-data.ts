import { isMap, isScalar, isSeq, isAlias, type Node } from "yaml";
import { goFloat } from "../template/values.js";

/**
 * Converts a YAML node into template data the way Go's yaml.v2 decodes it: integers stay
 * integers and `1.0` stays a float64, which a plain JavaScript number cannot tell apart.
 * Falls back to the plain value for anything that is not a node (defaults added by stackyard).
 */
export function templateDataFromNode(node: unknown, fallback: unknown): unknown {
  if (node === undefined || node === null) return fallback;
  if (isAlias(node)) return fallback;
  if (isScalar(node)) {
    const { value } = node;
    if (typeof value === "number" && isFloatSource(node.source)) return goFloat(value);
    return value instanceof Date ? (node.source ?? value.toISOString()) : value;
  }
  if (isSeq(node)) {
    const items = Array.isArray(fallback) ? fallback : [];
    return node.items.map((item, i) => templateDataFromNode(item as Node, items[i]));
  }
  if (isMap(node)) {
    const plain = (fallback ?? {}) as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      out[key] = templateDataFromNode(pair.value as Node, plain[key]);
    }
    return out;
  }
  return fallback;
}

function isFloatSource(source: unknown): boolean {
  return typeof source === "string" && /[.eE]|inf|nan/i.test(source) && !/^0x/i.test(source);
}
