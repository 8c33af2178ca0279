import { readFileSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { parse } from "yaml";
import type { ConformanceCase, MissingKey } from "./case-types.js";

const MISSING_KEYS: readonly MissingKey[] = ["default", "zero", "error"];
const CASE_FIELDS = new Set(["id", "template", "data", "missingKey", "knownDifference"]);

/** Reads every `*.yaml` case file in `dir`; ids become `<file stem>/<id>` and must be unique. */
export function loadCases(dir: string): ConformanceCase[] {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith(".yaml"))
    .sort();
  const cases = files.flatMap((name) => parseCaseFile(join(dir, name)));
  const seen = new Set<string>();
  for (const c of cases) {
    if (seen.has(c.id)) throw new Error(`duplicate conformance case id ${c.id}`);
    seen.add(c.id);
  }
  return cases;
}

/** Parses one case file: a mapping with a `cases` list. A malformed case is a suite bug: throw. */
export function parseCaseFile(path: string): ConformanceCase[] {
  const doc: unknown = parse(readFileSync(path, "utf8"));
  const list = (doc as { cases?: unknown } | null)?.cases;
  if (!Array.isArray(list)) throw new Error(`${path}: expected a mapping with a "cases" list`);
  const stem = basename(path, ".yaml");
  return list.map((entry: unknown, i) => toCase(entry, `${path} case #${i + 1}`, stem));
}

function toCase(entry: unknown, where: string, stem: string): ConformanceCase {
  if (typeof entry !== "object" || entry === null) throw new Error(`${where}: not a mapping`);
  const fields = entry as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    if (!CASE_FIELDS.has(key)) throw new Error(`${where}: unknown field "${key}"`);
  }
  const { id, template, data = "", missingKey, knownDifference } = fields;
  if (typeof id !== "string" || !/^[a-z0-9][a-z0-9.-]*$/.test(id)) {
    throw new Error(`${where}: id must be lower-case kebab text`);
  }
  if (typeof template !== "string") throw new Error(`${where} (${id}): template must be a string`);
  if (typeof data !== "string") throw new Error(`${where} (${id}): data must be YAML text`);
  const c: ConformanceCase = { id: `${stem}/${id}`, template, data };
  if (missingKey !== undefined) {
    if (!MISSING_KEYS.includes(missingKey as MissingKey)) {
      throw new Error(`${where} (${id}): missingKey must be one of ${MISSING_KEYS.join(", ")}`);
    }
    c.missingKey = missingKey as MissingKey;
  }
  if (knownDifference !== undefined) {
    if (typeof knownDifference !== "string" || knownDifference.trim() === "") {
      throw new Error(`${where} (${id}): knownDifference must give the reason`);
    }
    c.knownDifference = knownDifference;
  }
  return c;
}
