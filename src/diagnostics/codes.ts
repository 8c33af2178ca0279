/**
 * The closed set of diagnostic codes. Each code has a default severity and a one-line summary
 * that the troubleshooting docs are generated from. Add a code here before using it.
 */
export const DIAGNOSTIC_CODES = {
  // Reading and parsing files
  FILE_UNREADABLE: { severity: "error", summary: "A file could not be read." },
  FILE_TOO_LARGE: { severity: "error", summary: "A file is larger than the configured limit." },
  FILE_NOT_TEXT: { severity: "error", summary: "A file is binary or not valid UTF-8." },
  PATH_OUTSIDE_REPO: { severity: "error", summary: "A path points outside the repository." },
  YAML_SYNTAX: { severity: "error", summary: "The YAML cannot be parsed." },
  YAML_DUPLICATE_KEY: { severity: "error", summary: "A mapping has the same key twice." },
  YAML_ALIAS_LIMIT: { severity: "error", summary: "YAML aliases expand beyond the allowed size." },
  YAML_TOO_DEEP: { severity: "error", summary: "A YAML document is nested too deeply." },
  NOT_A_MANIFEST: { severity: "error", summary: "A YAML document is not a manifest mapping." },
  // The common meta section and the type sections
  MISSING_FIELD: { severity: "error", summary: "A required field is missing." },
  UNKNOWN_FIELD: { severity: "error", summary: "A field is not part of the manifest format." },
  WRONG_TYPE: { severity: "error", summary: "A field has the wrong type." },
  INVALID_VALUE: { severity: "error", summary: "A field has a value outside the allowed set." },
  INVALID_NAME: { severity: "error", summary: "A name breaks the naming rules." },
  UNKNOWN_TYPE: { severity: "error", summary: "The resource type is unknown or unsupported." },
  UNSUPPORTED_VERSION: {
    severity: "error",
    summary: "The manifest version does not fit the type.",
  },
  DEPRECATED_SPELLING: {
    severity: "warning",
    summary: "A deprecated key or a documented typo was accepted.",
  },
  DUPLICATE_RESOURCE: {
    severity: "error",
    summary: "Two resources share type, workspace and name.",
  },
  // Stacks
  INVALID_STACK_REF: {
    severity: "error",
    summary: "A stack reference is not name[+flavor][:version].",
  },
  UNKNOWN_STACK: { severity: "error", summary: "No stack has that name." },
  UNKNOWN_STACK_FLAVOR: { severity: "error", summary: "The stack has no such flavor." },
  UNKNOWN_STACK_VERSION: { severity: "error", summary: "The stack has no such version." },
  STACK_CONFLICT: {
    severity: "error",
    summary: "Two stacks share name, flavor and version (or one shadows a built-in).",
  },
  STACK_ORCHESTRATOR_UNSUPPORTED: {
    severity: "error",
    summary: "The stack has no config for the orchestrator that uses it.",
  },
  STACK_SCHEMA_INVALID: {
    severity: "error",
    summary: "A stack's stackSpec JSON Schema is broken.",
  },
  STACKSPEC_INVALID: { severity: "error", summary: "stackSpec does not match the stack's schema." },
  // References between resources
  UNKNOWN_COMPUTE: { severity: "error", summary: "The named compute does not exist." },
  COMPUTE_NOT_RUNNABLE: { severity: "warning", summary: "The compute's purpose is not runnable." },
  UNKNOWN_VOLUME: { severity: "error", summary: "The named volume does not exist." },
  UNKNOWN_SECRET: { severity: "error", summary: "The named secret does not exist." },
  UNKNOWN_DEPOT: {
    severity: "error",
    summary: "A dataset address names a depot that does not exist.",
  },
  UNKNOWN_DATABASE: { severity: "error", summary: "The named database does not exist." },
  INVALID_DATASET_ADDRESS: { severity: "error", summary: "A dataset address is malformed." },
  JQ_FILTER_FAILED: { severity: "error", summary: "A stack's jq filter failed on a stackSpec." },
  INCLUDE_NOT_FOUND: {
    severity: "error",
    summary: "A dag[].file or configs: file does not exist.",
  },
  // Workflows
  DAG_CYCLE: { severity: "error", summary: "Workflow jobs depend on each other in a cycle." },
  DAG_SELF_DEPENDENCY: { severity: "error", summary: "A workflow job depends on itself." },
  UNKNOWN_DEPENDENCY: {
    severity: "error",
    summary: "A workflow job depends on a job that does not exist.",
  },
  DUPLICATE_JOB: { severity: "error", summary: "Two jobs of one workflow share a name." },
  INVALID_CRON: { severity: "error", summary: "A schedule's cron expression is invalid." },
  INVALID_TIMEZONE: { severity: "error", summary: "A schedule's timezone is not an IANA name." },
  FIELD_APPROXIMATED: {
    severity: "warning",
    summary: "A field has no exact Kubernetes equivalent and is approximated or ignored.",
  },
  // Secrets
  PLAINTEXT_SECRET: {
    severity: "error",
    summary: "A secret value is in plain text in the repository.",
  },
  // Templates
  TEMPLATE_PARSE: { severity: "error", summary: "A stack template does not parse." },
  TEMPLATE_EXEC: { severity: "error", summary: "A stack template failed while rendering." },
  TEMPLATE_OUTPUT_INVALID: {
    severity: "error",
    summary: "A stack template rendered something that is not the expected YAML.",
  },
  TEMPLATE_NAMESPACE_REPLACED: {
    severity: "warning",
    summary:
      "A stack template put an object in a namespace other than the resource's workspace; the workspace replaces it.",
  },
  // Governance: policies and output validation
  POLICY_VIOLATION: { severity: "error", summary: "An emitted object breaks a governance policy." },
  POLICY_WAIVED: {
    severity: "info",
    summary: "A resource waives a policy (the waiver and its reason are reported).",
  },
  OUTPUT_SCHEMA_INVALID: {
    severity: "error",
    summary: "An emitted object does not match its Kubernetes or CRD schema.",
  },
  // Output
  OUTPUT_CONFLICT: {
    severity: "error",
    summary: "Two objects would be written to the same file, or share a kind, name and namespace.",
  },
  OUTPUT_STALE: {
    severity: "error",
    summary: "out/ differs from what the repository compiles to.",
  },
  OUTPUT_LOCKED: { severity: "error", summary: "Another build holds the out/ lock." },
  OUTPUT_INTERRUPTED: {
    severity: "warning",
    summary: "A write of out/ was stopped part way, and left out/ missing or files next to it.",
  },
  CACHE_NOT_SAVED: {
    severity: "warning",
    summary:
      "out/ was written, but the build cache could not be saved: the next build compiles all.",
  },
  MANIFEST_IN_OUT_DIR: {
    severity: "warning",
    summary: "A stackyard manifest is inside outDir, which builds never read.",
  },
  NAME_TRUNCATED: { severity: "info", summary: "An object name was shortened with a stable hash." },
  // Configuration and usage
  CONFIG_INVALID: { severity: "error", summary: "stackyard.yaml is invalid." },
  NO_MANIFESTS: {
    severity: "warning",
    summary: "No manifests were found under the configured roots.",
  },
  PATH_NOT_VALIDATED: {
    severity: "warning",
    summary:
      "A path given to validate is not a manifest that a build reads, so it was not checked.",
  },
  INTERNAL_ERROR: { severity: "error", summary: "stackyard hit a bug. Please report it." },
} as const satisfies Record<string, { severity: "error" | "warning" | "info"; summary: string }>;

/** A diagnostic code: one of the keys of DIAGNOSTIC_CODES. */
export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
