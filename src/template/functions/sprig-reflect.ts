/** Sprig's reflection functions (reflect.go) and reflect.DeepEqual. */
import { sprintf } from "../format/fmt.js";
import { GoStruct, kindOf } from "../values.js";
import { deepEqual } from "./deep-equal.js";
import type { FuncDef } from "./types.js";

/** fmt's %T. */
const typeOf = (v: unknown): string => sprintf("%T", [v]);

/** reflect.Value.Kind().String(); struct pointers (semver's *Version) are "ptr". */
function kindName(v: unknown): string {
  if (v instanceof GoStruct && v.typeName.startsWith("*")) return "ptr";
  return kindOf(v);
}

export const SPRIG_REFLECT_FUNCTIONS: Record<string, FuncDef> = {
  typeOf: { params: ["any"], call: ([v]) => typeOf(v) },
  typeIs: { params: ["string", "any"], call: ([t, v]) => t === typeOf(v) },
  typeIsLike: {
    params: ["string", "any"],
    call: ([t, v]) => t === typeOf(v) || "*" + (t as string) === typeOf(v),
  },
  kindOf: { params: ["any"], call: ([v]) => kindName(v) },
  kindIs: { params: ["string", "any"], call: ([t, v]) => t === kindName(v) },
  deepEqual: { params: ["any", "any"], call: ([a, b]) => deepEqual(a, b) },
};
