/**
 * YAML text → template data model, resolving scalars the way Go's yaml.v2 does when it
 * decodes into interface{} (ints stay int, `1.0` is float64, yes/no/on/off are booleans,
 * timestamps stay strings), with map keys turned into strings by fmt.Sprint as the oracle does.
 */
import {
  Alias,
  Document,
  Scalar,
  YAMLMap,
  YAMLSeq,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parseDocument,
} from "yaml";
import { sprint } from "../format/fmt.js";
import { INT64_MAX, Uint64, goFloat, goInt } from "../values.js";
import { resolvePlain } from "./resolve.js";

const TAG = "tag:yaml.org,2002:";

function scalarValue(node: Scalar): unknown {
  const text = String(node.value ?? "");
  const tag = node.tag;
  if (tag === TAG + "str" || tag === "!") return text;
  if (tag === TAG + "binary")
    return Buffer.from(text.replace(/\s+/g, ""), "base64").toString("latin1");
  const plain = node.type === "PLAIN" || node.type === undefined;
  if (!plain && (tag === undefined || tag === null)) return text;
  const [resolved, value] = resolvePlain(text);
  if (tag === TAG + "float" && resolved === "int") return goFloat(Number(value));
  if (
    tag !== undefined &&
    tag !== null &&
    tag.startsWith(TAG) &&
    tag !== TAG + resolved &&
    !(resolved === "str")
  ) {
    throw new Error(`cannot decode !!${resolved} \`${text}\` as a !!${tag.slice(TAG.length)}`);
  }
  switch (resolved) {
    case "bool":
    case "null":
      return value;
    case "int":
      // yaml.v2 yields uint64 above the int64 range.
      return (value as bigint) > INT64_MAX ? new Uint64(value as bigint) : goInt(value as bigint);
    case "float":
      return goFloat(value as number);
    default:
      return text;
  }
}

/**
 * What one decode has done, for yaml.v2's guard against alias bombs ("billion laughs"): the
 * nodes decoded, and those decoded through an alias.
 */
interface Count {
  nodes: number;
  aliased: number;
  aliasDepth: number;
}

/**
 * yaml.v2's allowed share of nodes decoded through aliases: 99% of a small document, falling
 * to 10% from 4,000,000 nodes on (its decode.go, allowedAliasRatio).
 */
function allowedAliasRatio(nodes: number): number {
  if (nodes <= 400_000) return 0.99;
  if (nodes >= 4_000_000) return 0.1;
  return 0.99 - 0.89 * ((nodes - 400_000) / 3_600_000);
}

function convert(node: unknown, doc: Document, depth: number, count: Count): unknown {
  if (depth > 1000) throw new Error("yaml: exceeded max depth of 1000");
  if (node === null || node === undefined) return null;
  count.nodes++;
  if (count.aliasDepth > 0) count.aliased++;
  if (
    count.aliased > 100 &&
    count.nodes > 1000 &&
    count.aliased / count.nodes > allowedAliasRatio(count.nodes)
  )
    throw new Error("yaml: document contains excessive aliasing");
  if (isAlias(node)) {
    count.aliasDepth++;
    try {
      return convert((node as Alias).resolve(doc), doc, depth + 1, count);
    } finally {
      count.aliasDepth--;
    }
  }
  if (isScalar(node)) return scalarValue(node);
  if (isSeq(node)) return (node as YAMLSeq).items.map((x) => convert(x, doc, depth + 1, count));
  if (isMap(node)) return convertMap(node as YAMLMap, doc, depth, count);
  return null;
}

function keyString(k: unknown): string {
  return typeof k === "string" ? k : sprint([k ?? null]);
}

function convertMap(
  node: YAMLMap,
  doc: Document,
  depth: number,
  count: Count,
): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const merged: Map<string, unknown>[] = [];
  for (const pair of node.items) {
    const keyNode = pair.key;
    if (isScalar(keyNode) && keyNode.type === "PLAIN" && keyNode.value === "<<") {
      const v = convert(pair.value, doc, depth + 1, count);
      for (const m of Array.isArray(v) ? v : [v]) {
        if (!(m instanceof Map))
          throw new Error("yaml: map merge requires map or sequence of maps as the value");
        merged.push(m);
      }
      continue;
    }
    out.set(
      keyString(convert(keyNode, doc, depth + 1, count)),
      convert(pair.value, doc, depth + 1, count),
    );
  }
  for (const m of merged) for (const [k, v] of m) if (!out.has(k)) out.set(k, v);
  return out;
}

/** Parses one YAML document into the data model; throws Error on invalid YAML. */
export function decodeYaml(text: string): unknown {
  const doc = parseDocument(text, {
    schema: "failsafe",
    uniqueKeys: false,
    version: "1.1",
    logLevel: "error",
  });
  if (doc.errors.length > 0) throw new Error(`yaml: ${doc.errors[0]!.message}`);
  return convert(doc.contents, doc, 0, { nodes: 0, aliased: 0, aliasDepth: 0 });
}
