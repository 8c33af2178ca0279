import { isMap, isScalar } from "yaml";
import { diag, type Diagnostic } from "../diagnostics/diagnostic.js";
import { didYouMean, formatChoices } from "../diagnostics/suggest.js";
import { rangeAtPath } from "../parse/node-at-path.js";
import type { ParsedDocument } from "../parse/types.js";
import type { ValidateFunction } from "./ajv.js";
import { mapAjvErrors } from "./map-ajv-errors.js";
import { envelopeSchema, RESOURCE_TYPES, VERSIONS } from "./schemas/envelopes.js";
import type { StaticSchema } from "./static-schemas.js";
import { staticValidator } from "./static-validator.js";

const validators = new Map<string, ValidateFunction>();

/** "did you mean `v1beta`?" for a near miss, and the versions the type accepts. */
function versionHint(type: string, message: string): string {
  const allowed = VERSIONS[type] ?? [];
  const written = /is "([^"]*)"/.exec(message)?.[1];
  const guess = written === undefined ? undefined : didYouMean(written, allowed);
  return `${guess ? `did you mean \`${guess}\`? ` : ""}${type} manifests use version ${formatChoices(allowed)}`;
}

function validatorFor(type: string): ValidateFunction {
  const cached = validators.get(type);
  if (cached) return cached;
  const compiled = staticValidator(envelopeSchema(type) as StaticSchema);
  validators.set(type, compiled);
  return compiled;
}

/** A document that passed its envelope schema, as plain data. */
export interface CheckedDocument {
  source: ParsedDocument;
  type: string;
  value: Record<string, unknown>;
}

/**
 * Checks one normalized document against the envelope schema of its type. Returns the plain
 * value when it is valid, and positioned diagnostics either way. A document of a known type
 * that fails its schema comes back as `unchecked`, so the references it can still be read for
 * (a runnable's stack and stackSpec) are checked in the same run (see checkUnvalidated).
 */
export function validateEnvelope(source: ParsedDocument): {
  checked?: CheckedDocument;
  unchecked?: CheckedDocument;
  diagnostics: Diagnostic[];
} {
  const root = source.doc.contents;
  const at = (path: Array<string | number>, part: "key" | "value" = "value") => ({
    file: source.file,
    range: rangeAtPath(source, path, part),
  });
  if (!isMap(root)) {
    return {
      diagnostics: [
        diag(
          "NOT_A_MANIFEST",
          "a manifest must be a mapping with name, version, type and a type section",
          at([]),
        ),
      ],
    };
  }
  const typeNode = root.get("type", true);
  const type = isScalar(typeNode) ? typeNode.value : undefined;
  if (typeof type !== "string" || !RESOURCE_TYPES.includes(type)) {
    const hint = typeof type === "string" ? didYouMean(type, RESOURCE_TYPES) : undefined;
    return {
      diagnostics: [
        diag(
          type === undefined ? "MISSING_FIELD" : "UNKNOWN_TYPE",
          type === undefined
            ? "missing required field `type`"
            : `unknown resource type ${JSON.stringify(type)}`,
          at(["type"]),
          {
            hint: hint
              ? `did you mean \`${hint}\`?`
              : `stackyard compiles: ${formatChoices(RESOURCE_TYPES)}`,
          },
        ),
      ],
    };
  }
  let value: unknown;
  try {
    value = source.doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return {
      diagnostics: [
        diag(
          "YAML_ALIAS_LIMIT",
          `the document cannot be expanded: ${(error as Error).message}`,
          at([]),
        ),
      ],
    };
  }
  const validate = validatorFor(type);
  if (validate(value)) {
    return {
      checked: { source, type, value: value as Record<string, unknown> },
      diagnostics: autoscalingProblems(source, type, value as Record<string, unknown>),
    };
  }
  const diagnostics = mapAjvErrors(validate.errors ?? [], { source, basePath: [] }).map((d) =>
    d.code === "INVALID_VALUE" && d.message.startsWith("`version`")
      ? { ...d, code: "UNSUPPORTED_VERSION" as const, hint: versionHint(type, d.message) }
      : d,
  );
  return { unchecked: { source, type, value: value as Record<string, unknown> }, diagnostics };
}

/**
 * An autoscaler whose minReplicas is above its maxReplicas: each is valid alone, so the schema
 * takes them, but the API server refuses the HorizontalPodAutoscaler made of them.
 */
function autoscalingProblems(
  source: ParsedDocument,
  type: string,
  value: Record<string, unknown>,
): Diagnostic[] {
  if (type !== "worker" && type !== "service") return [];
  const scaling = (value[type] as Record<string, unknown> | undefined)?.autoScaling as
    { minReplicas?: unknown; maxReplicas?: unknown } | undefined;
  const min = scaling?.minReplicas;
  const max = scaling?.maxReplicas;
  if (typeof min !== "number" || typeof max !== "number" || min <= max) return [];
  return [
    diag(
      "INVALID_VALUE",
      `\`autoScaling.maxReplicas\` is ${max}, below \`minReplicas\` ${min}: the cluster refuses such an autoscaler`,
      { file: source.file, range: rangeAtPath(source, [type, "autoScaling", "maxReplicas"]) },
      { hint: `set maxReplicas to ${min} or more, or minReplicas to ${max} or less` },
    ),
  ];
}
