import type { GoOutcome } from "./case-types.js";
import type { EngineOutcome } from "./engine-outcome.js";

/** How strictly error messages are compared; outputs and error classes are always exact. */
export type MessagePolicy = "exact" | "class-only";

// The oracle's refused Sprig functions fail at execution with this wording (see main.go).
const REFUSED_MARKER = "is refused: stackyard templates must be deterministic";

/**
 * Compares the engine's outcome with Go's; returns what differs, or undefined when they agree.
 * Success must give identical output. A failure must be of the same class: Go's parse errors are
 * the engine's `parse`; Go's exec errors are `exec`, or `refused` when Go called a refused
 * function.
 */
export function compareOutcome(
  go: GoOutcome,
  engine: EngineOutcome,
  messages: MessagePolicy,
): string | undefined {
  if (go.ok) {
    if (!engine.ok) return `Go rendered ${show(go.output)}, engine threw ${describe(engine)}`;
    if (engine.output !== go.output) {
      return `output differs:\n  go:     ${show(go.output)}\n  engine: ${show(engine.output)}`;
    }
    return undefined;
  }
  if (engine.ok)
    return `Go failed (${go.errorKind}: ${go.error}), engine rendered ${show(engine.output)}`;
  const allowed = allowedKinds(go);
  if (!allowed.includes(engine.kind)) {
    return `error class differs: Go ${go.errorKind} (${go.error}), engine ${describe(engine)}`;
  }
  if (messages === "exact" && engine.kind !== "refused" && engine.message !== go.error) {
    return `error message differs:\n  go:     ${go.error}\n  engine: ${engine.message}`;
  }
  return undefined;
}

function allowedKinds(go: GoOutcome): readonly string[] {
  if (go.errorKind === "parse") return ["parse"];
  if (go.errorKind === "data") return ["data"];
  return go.error?.includes(REFUSED_MARKER) ? ["refused"] : ["exec"];
}

function describe(engine: Extract<EngineOutcome, { ok: false }>): string {
  return `${engine.kind}: ${engine.message}`;
}

function show(text: string | undefined): string {
  return JSON.stringify(text ?? "");
}
