/** What to do about a failure of the machine rather than of stackyard, by its error code. */
const ENVIRONMENT_HINTS: Readonly<Record<string, string>> = {
  EACCES: "check the permissions of that path: stackyard reads or writes there",
  EPERM: "check the permissions of that path: stackyard reads or writes there",
  EROFS: "that file system is read-only: stackyard writes there",
  ENOSPC: "the disk is full: free some space and run the command again",
  EDQUOT: "the disk quota is used up: free some space and run the command again",
  ENOTDIR: "a file stands where that path needs a folder: move it, or choose another path",
  EEXIST: "something is already at that path where a folder or a new file is needed",
  EMFILE: "too many files are open: raise the limit (ulimit -n) and run the command again",
  ENFILE: "the system has too many files open: run the command again when it has fewer",
};

/**
 * The message for an error of the machine (a file that may not be written, a full disk), told
 * as what it is, not as a bug to report: `stackyard: <the system's message>` and a hint. The
 * command's own guarantees hold (a failed build leaves out/ as it was). Undefined for any
 * other error.
 */
function environmentErrorText(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as NodeJS.ErrnoException).code;
  const hint = code === undefined ? undefined : ENVIRONMENT_HINTS[code];
  if (hint === undefined) return undefined;
  return `stackyard: ${error.message.split("\n")[0]}\nhint: ${hint}\n`;
}

/**
 * The one line a user sees when stackyard has a bug. A stack trace helps only the maintainers
 * and frightens everyone else, so it is shown only with STACKYARD_DEBUG=1. An error of the
 * machine (see environmentErrorText) is told as such instead.
 */
export function internalErrorText(
  error: unknown,
  env: Readonly<Record<string, string | undefined>>,
): string {
  const environment = environmentErrorText(error);
  if (environment !== undefined) return environment;
  const message = error instanceof Error ? error.message : String(error);
  const line = `internal error: ${message.split("\n")[0] || "unknown failure"} (please report)\n`;
  if (env["STACKYARD_DEBUG"] !== "1") return line;
  const stack = error instanceof Error && error.stack !== undefined ? `${error.stack}\n` : "";
  return line + stack;
}
