import { diag, type Diagnostic } from "../diagnostics/diagnostic.js";
import { CHECK_CODES } from "./codes.js";
import { schemaProblems } from "./k8s/validate-object.js";
import { originOf, reportedAt, valueAt, type ObjectProvenance } from "./provenance.js";

/**
 * Validates one emitted object against its Kubernetes or CRD schema. Schema violations are
 * errors; unknown fields are errors under --strict (CI) and warnings otherwise; a kind without
 * a schema is a warning under --strict only.
 */
export function validateOutput(p: ObjectProvenance, strict: boolean): Diagnostic[] {
  const { object } = p.emit;
  const kind = `${object.apiVersion} ${object.kind}`;
  return schemaProblems(object).flatMap((problem) => {
    if (problem.kind === "no-schema" && !strict) return [];
    const origin = originOf(p, problem.path, valueAt(object, problem.path));
    // A built-in stack's line is a note: the diagnostic is at the resource's `stack:`.
    const { at, builtin } = reportedAt(p, problem.path, origin);
    const related = builtin === undefined ? [] : [builtin];
    const field = problem.path.join(".");
    if (problem.kind === "no-schema") {
      return [
        diag(CHECK_CODES.schema, `${object.kind} ${object.metadata.name}: ${problem.message}`, at, {
          severity: "warning",
          related,
        }),
      ];
    }
    if (problem.kind === "unknown-field") {
      return [
        diag(
          CHECK_CODES.unknownField,
          `${object.kind} ${object.metadata.name}: ${field} is not a field of ${kind}`,
          at,
          {
            severity: strict ? "error" : "warning",
            related,
            hint: `Kubernetes would drop or reject it; check the spelling against \`kubectl explain ${object.kind.toLowerCase()}.${field.replace(/\.\d+/g, "")}\``,
          },
        ),
      ];
    }
    return [
      diag(
        CHECK_CODES.schema,
        `${object.kind} ${object.metadata.name}: ${field === "" ? "the object" : field} ${problem.message} (${kind} schema)`,
        at,
        { related },
      ),
    ];
  });
}
