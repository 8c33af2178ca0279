/**
 * Sprig's must* variants. Where the plain function panics on bad input (most list functions),
 * the template reports the panic exactly as it reports the must variant's error, so the two
 * share one definition. Where the plain function swallows the error (toJson, fromJson), the
 * must variant returns it.
 */
import { marshalJsonOrError, unmarshalJsonOrError } from "./go-json.js";
import { SPRIG_DICT_FUNCTIONS } from "./sprig-dicts.js";
import { SPRIG_EXTRA_FUNCTIONS } from "./sprig-extras.js";
import { SPRIG_LIST_FUNCTIONS } from "./sprig-lists.js";
import type { FuncDef } from "./types.js";

/** The plain function behind a must variant that behaves identically. */
function same(table: Record<string, FuncDef>, name: string): FuncDef {
  const def = table[name];
  if (def === undefined) throw new Error(`no function ${name} to derive must${name} from`);
  return def;
}

const LIST_TWINS = [
  "append",
  "push",
  "prepend",
  "first",
  "last",
  "rest",
  "initial",
  "reverse",
  "uniq",
  "without",
  "has",
  "compact",
  "slice",
  "chunk",
] as const;

const mustName = (name: string): string => "must" + name[0]!.toUpperCase() + name.slice(1);

export const SPRIG_MUST_FUNCTIONS: Record<string, FuncDef> = {
  ...Object.fromEntries(LIST_TWINS.map((n) => [mustName(n), same(SPRIG_LIST_FUNCTIONS, n)])),
  mustMerge: same(SPRIG_DICT_FUNCTIONS, "merge"),
  mustMergeOverwrite: same(SPRIG_DICT_FUNCTIONS, "mergeOverwrite"),
  mustDeepCopy: same(SPRIG_EXTRA_FUNCTIONS, "deepCopy"),
  mustToRawJson: same(SPRIG_EXTRA_FUNCTIONS, "toRawJson"),
  mustToJson: { params: ["any"], call: ([v]) => marshalJsonOrError(v, false) },
  mustToPrettyJson: { params: ["any"], call: ([v]) => marshalJsonOrError(v, true) },
  mustFromJson: { params: ["string"], call: ([s]) => unmarshalJsonOrError(s as string) },
};
