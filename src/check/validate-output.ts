import { diag, type Diagnostic } from "../diagnostics/diagnostic.js";
import { CHECK_CODES } from "./codes.js";
import { unknownCoreKind } from "./k8s/core-kind.js";
import { schemaProblems } from "./k8s/validate-object.js";
import { isImageReference } from "./policies/image-reference.js";
import { containerImages } from "./policies/images.js";
import { originOf, reportedAt, valueAt, type ObjectProvenance } from "./provenance.js";
import { cronProblem } from "../validate/cron.js";
import type { WorkflowResource } from "../validate/types.js";

/**
 * Validates one emitted object against its Kubernetes or CRD schema. Schema violations are
 * errors; unknown fields are errors under --strict (CI) and warnings otherwise; a kind without
 * a schema is a warning under --strict only, and an error in a group kube-apiserver serves
 * itself (`v1`, `apps/v1`…), where no CRD can add a kind: `ConfigMapp` is a typo.
 */
export function validateOutput(p: ObjectProvenance, strict: boolean): Diagnostic[] {
  return [...schemaDiagnostics(p, strict), ...imageDiagnostics(p)];
}

/**
 * Images no container runtime can pull (`<image>` left from a scaffold, a space, upper case in
 * the path): the schemas take any string, and the pod would fail with InvalidImageName.
 */
function imageDiagnostics(p: ObjectProvenance): Diagnostic[] {
  const { object } = p.emit;
  return containerImages(object).flatMap(({ path, value, container }) => {
    if (isImageReference(value)) return [];
    const { at, builtin } = reportedAt(p, path, originOf(p, path, value));
    return [
      diag(
        CHECK_CODES.value,
        `image ${JSON.stringify(value)} of container ${container} (${object.kind} ${object.metadata.name}) is not an image reference: the pod would fail with InvalidImageName`,
        at,
        {
          hint: "write [registry/]repository[:tag][@digest] in lower case, e.g. ghcr.io/acme/app:1.4.2",
          ...(builtin === undefined ? {} : { related: [builtin] }),
        },
      ),
    ];
  });
}

function schemaDiagnostics(p: ObjectProvenance, strict: boolean): Diagnostic[] {
  const { object } = p.emit;
  const kind = `${object.apiVersion} ${object.kind}`;
  return schemaProblems(object).flatMap((problem) => {
    // A kind without a schema is a warning under --strict only, unless no cluster can serve it.
    const unknownKind =
      problem.kind === "no-schema" && unknownCoreKind(object.apiVersion, object.kind);
    if (problem.kind === "no-schema" && !strict && !unknownKind) return [];
    if (isReportedCron(p, problem.path)) return [];
    // An unknown kind is reported at the line that wrote `kind:`.
    const path = unknownKind ? ["kind"] : problem.path;
    const origin = originOf(p, path, valueAt(object, path));
    // A built-in stack's line is a note: the diagnostic is at the resource's `stack:`.
    const { at, builtin } = reportedAt(p, path, origin);
    const related = builtin === undefined ? [] : [builtin];
    const field = problem.path.join(".");
    if (problem.kind === "no-schema") {
      if (unknownKind) {
        return [
          diag(
            CHECK_CODES.schema,
            `${object.kind} ${object.metadata.name}: ${unknownKind.message}`,
            at,
            {
              related,
              hint: unknownKind.hint,
            },
          ),
        ];
      }
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
            hint: `Kubernetes would drop or reject it; check the spelling against ${fieldsOf(object, problem.path)}`,
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

/**
 * A CronWorkflow schedule that is the workflow's own `schedule.cron` and that cronProblem
 * refuses: the validate stage reported it as INVALID_CRON at the value, with what is wrong,
 * where the CRD's pattern error could only point at the resource's name and quote the regex.
 */
function isReportedCron(p: ObjectProvenance, path: ReadonlyArray<string | number>): boolean {
  const { object } = p.emit;
  if (object.kind !== "CronWorkflow" || path.length !== 3) return false;
  if (path[0] !== "spec" || path[1] !== "schedules" || p.resource?.meta.type !== "workflow")
    return false;
  const cron = (p.resource as WorkflowResource).spec.schedule?.cron;
  const value = valueAt(object, path);
  return typeof value === "string" && value === cron && cronProblem(value) !== undefined;
}

/**
 * Where the fields around an unknown one are listed. `kubectl explain` answers for the parent
 * of the unknown field (the field itself does not exist), for a built-in kind; a custom
 * resource's CRD may be absent, or publish no schema (Argo Workflows' do not), so its
 * schema is named instead of a command that can fail.
 */
function fieldsOf(
  object: { apiVersion: string; kind: string },
  path: ReadonlyArray<string | number>,
): string {
  const group = object.apiVersion.includes("/") ? object.apiVersion.split("/")[0]! : "";
  const builtin = !group.includes(".") || group.endsWith(".k8s.io");
  if (!builtin) return `the ${object.apiVersion} ${object.kind} schema (its CRD)`;
  const parent = path.slice(0, -1).filter((p): p is string => typeof p === "string");
  const target = [object.kind.toLowerCase(), ...parent].join(".");
  return `\`kubectl explain ${target} --api-version=${object.apiVersion}\``;
}
