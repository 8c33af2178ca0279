/** The one table of template functions: Go built-ins, Sprig, Helm, DataOS, refused. */
import { DATAOS_FUNCTIONS } from "./dataos.js";
import { GO_BUILTINS } from "./go-builtins.js";
import { HELM_FUNCTIONS } from "./helm.js";
import { REFUSED_FUNCTIONS_TABLE } from "./refused.js";
import { SPRIG_DEFAULT_FUNCTIONS } from "./sprig-defaults.js";
import { SPRIG_DICT_FUNCTIONS } from "./sprig-dicts.js";
import { SPRIG_ENCODING_FUNCTIONS } from "./sprig-encoding.js";
import { SPRIG_EXTRA_FUNCTIONS } from "./sprig-extras.js";
import { SPRIG_LIST_FUNCTIONS } from "./sprig-lists.js";
import { SPRIG_MUST_FUNCTIONS } from "./sprig-must.js";
import { SPRIG_NUMBER_FUNCTIONS } from "./sprig-numbers.js";
import { SPRIG_REFLECT_FUNCTIONS } from "./sprig-reflect.js";
import { SPRIG_REGEX_FUNCTIONS } from "./sprig-regex.js";
import { SPRIG_SEMVER_FUNCTIONS } from "./sprig-semver.js";
import { SPRIG_STRING_FUNCTIONS } from "./sprig-strings.js";
import { SPRIG_URL_FUNCTIONS } from "./sprig-url.js";
import { SPRIG_WORD_FUNCTIONS } from "./sprig-words.js";
import type { FuncDef } from "./types.js";

/** Later tables override earlier ones, as Go's FuncMap entries override the built-ins (`slice`). */
export const FUNCTION_TABLE: ReadonlyMap<string, FuncDef> = new Map(
  Object.entries({
    ...GO_BUILTINS,
    ...SPRIG_STRING_FUNCTIONS,
    ...SPRIG_WORD_FUNCTIONS,
    ...SPRIG_LIST_FUNCTIONS,
    ...SPRIG_DICT_FUNCTIONS,
    ...SPRIG_DEFAULT_FUNCTIONS,
    ...SPRIG_NUMBER_FUNCTIONS,
    ...SPRIG_ENCODING_FUNCTIONS,
    ...SPRIG_REGEX_FUNCTIONS,
    ...SPRIG_SEMVER_FUNCTIONS,
    ...SPRIG_EXTRA_FUNCTIONS,
    ...SPRIG_REFLECT_FUNCTIONS,
    ...SPRIG_URL_FUNCTIONS,
    ...SPRIG_MUST_FUNCTIONS,
    ...HELM_FUNCTIONS,
    ...DATAOS_FUNCTIONS,
    ...REFUSED_FUNCTIONS_TABLE,
  }),
);
