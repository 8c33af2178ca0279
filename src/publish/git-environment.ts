/**
 * The variables publish passes to git. simple-git refuses environments that could make git
 * run other programs (EDITOR, GIT_ASKPASS, …) unless each `GIT_*` variable is allowed by
 * name, and publish needs none of them: it never opens an editor and never prompts. Credentials come from git's own configuration (a
 * credential helper, or the header actions/checkout configures), which needs HOME.
 */
const PASSED = [
  "PATH",
  "HOME",
  "USER",
  "LANG",
  "LC_ALL",
  "TMPDIR",
  "XDG_CONFIG_HOME",
  "SSH_AUTH_SOCK",
  "GIT_AUTHOR_NAME",
  "GIT_AUTHOR_EMAIL",
  "GIT_COMMITTER_NAME",
  "GIT_COMMITTER_EMAIL",
];

/** The part of `env` git may see, with prompts turned off (a publish runs unattended). */
export function gitEnvironment(
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const out: Record<string, string> = { GIT_TERMINAL_PROMPT: "0" };
  for (const name of PASSED) {
    const value = env[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** The git variables publish sets or passes on, allowed through simple-git's guard. */
export const ALLOWED_GIT_VARIABLES = [
  "GIT_AUTHOR_NAME",
  "GIT_AUTHOR_EMAIL",
  "GIT_COMMITTER_NAME",
  "GIT_COMMITTER_EMAIL",
  "GIT_INDEX_FILE",
  "GIT_TERMINAL_PROMPT",
];
