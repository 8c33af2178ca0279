/**
 * Most dataset-address filters are plain paths (`.inputs[].dataset`, `.source.address`).
 * Those are evaluated here, exactly as jq evaluates `[(FILTER)?]`, without starting jq; any
 * other filter goes to real jq. The equivalence is property-tested against jq itself.
 */

/** One step of a plain path: a field lookup or an iteration. */
type Step = { field: string } | { iterate: true };

const STEP = /\.([A-Za-z_][A-Za-z0-9_]*)|\[\]|\.\[\]/y;

/** The steps of a plain path filter, or undefined when the filter is anything else. */
export function plainPathSteps(filter: string): Step[] | undefined {
  const text = filter.trim();
  if (text === "" || text === ".") return text === "." ? [] : undefined;
  const steps: Step[] = [];
  STEP.lastIndex = 0;
  while (STEP.lastIndex < text.length) {
    const start = STEP.lastIndex;
    const m = STEP.exec(text);
    if (m === null || m.index !== start) return undefined;
    // `[]` must follow a step (`.a[]`); a leading `[]` is not a path.
    if (m[0] === "[]" && steps.length === 0) return undefined;
    steps.push(m[1] !== undefined ? { field: m[1] } : { iterate: true });
  }
  return steps;
}

/** Raised inside the walk where jq would raise an error; `?` ends the outputs there. */
class PathError extends Error {}

/**
 * The outputs of `[(FILTER)?]` for a plain path: every value the path reaches, in jq's order,
 * up to the first error (a field of a non-object, iterating a scalar or null).
 */
export function evaluatePlainPath(steps: readonly Step[], input: unknown): unknown[] {
  const out: unknown[] = [];
  try {
    walk(steps, 0, input, out);
  } catch (error) {
    if (!(error instanceof PathError)) throw error;
  }
  return out;
}

function walk(steps: readonly Step[], i: number, value: unknown, out: unknown[]): void {
  if (i === steps.length) {
    out.push(value === undefined ? null : value);
    return;
  }
  const step = steps[i]!;
  if ("field" in step) {
    if (value === null || value === undefined) return walk(steps, i + 1, null, out);
    if (typeof value !== "object" || Array.isArray(value)) throw new PathError();
    const next = (value as Record<string, unknown>)[step.field];
    return walk(steps, i + 1, next === undefined ? null : next, out);
  }
  if (Array.isArray(value)) {
    for (const item of value) walk(steps, i + 1, item, out);
    return;
  }
  if (value !== null && typeof value === "object") {
    for (const item of Object.values(value)) walk(steps, i + 1, item, out);
    return;
  }
  throw new PathError();
}
