/**
 * The one line a user sees when stackyard has a bug. A stack trace helps only the maintainers
 * and frightens everyone else, so it is shown only with STACKYARD_DEBUG=1.
 */
export function internalErrorText(
  error: unknown,
  env: Readonly<Record<string, string | undefined>>,
): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = `internal error: ${message.split("\n")[0] || "unknown failure"} (please report)\n`;
  if (env["STACKYARD_DEBUG"] !== "1") return line;
  const stack = error instanceof Error && error.stack !== undefined ? `${error.stack}\n` : "";
  return line + stack;
}
