/** A value somewhere inside an object, with a readable path to it. */
export interface Found {
  /** `spec.template.spec.containers[web].image`: list items are named by their `name`. */
  path: string;
  key: string;
  value: unknown;
}

/**
 * Every keyed value of an object, depth first, in document order. List items are named by their
 * `name` field when they have one, so a path survives reordering and reads like the YAML.
 */
export function walk(value: unknown, path = ""): Found[] {
  const found: Found[] = [];
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      const name = isRecord(item) && typeof item["name"] === "string" ? item["name"] : String(i);
      found.push(...walk(item, `${path}[${name}]`));
    });
  } else if (isRecord(value)) {
    for (const [key, child] of Object.entries(value)) {
      const at = path === "" ? key : `${path}.${key}`;
      found.push({ path: at, key, value: child }, ...walk(child, at));
    }
  }
  return found;
}

/** A value at a dotted path of plain keys (`spec.replicas`), or undefined. */
export function valueAt(object: unknown, dotted: string): unknown {
  let at: unknown = object;
  for (const key of dotted.split(".")) at = isRecord(at) ? at[key] : undefined;
  return at;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
