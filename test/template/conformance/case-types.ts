/** How Go's text/template treats a missing map key (`Option("missingkey=…")`). */
export type MissingKey = "default" | "zero" | "error";

/** One conformance case: a template, its data as YAML text, and how to execute it. */
export interface ConformanceCase {
  /** `<case file stem>/<id in the file>`, unique across the suite. */
  id: string;
  template: string;
  /** YAML text, decoded by Go's yaml.v2 and by the engine's `templateValueFromYaml`. */
  data: string;
  missingKey?: MissingKey;
  /** Set when the engine is known and accepted to differ from Go: reported, never hidden. */
  knownDifference?: string;
}

/** What the Go oracle did with a case. */
export interface GoOutcome {
  ok: boolean;
  output?: string;
  error?: string;
  /** `parse`: Parse failed; `exec`: Execute failed; `data`: the case's YAML is invalid. */
  errorKind?: "parse" | "exec" | "data";
}

/** A Go outcome as recorded in expected.json, tied to the exact case input it came from. */
export interface RecordedOutcome extends GoOutcome {
  /** sha256 of the case's template, data and missingKey: a changed case means a stale record. */
  input: string;
}
