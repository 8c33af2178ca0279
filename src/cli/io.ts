/** Everything the CLI takes from the process, so commands can run against any streams. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Whether stderr is a terminal: colour is on by default only there. */
  stderrIsTty: boolean;
  /** Whether stdout is a terminal (commands that print reports, like diff, colour them then). */
  stdoutIsTty?: boolean;
}
