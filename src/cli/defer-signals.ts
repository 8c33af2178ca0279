/** The signals a terminal, a CI runner or a process manager sends to stop a build. */
const STOPPING = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/**
 * Runs `work` (a build's write of out/, under its lock) with the stopping signals deferred:
 * a build interrupted then finishes the write and releases the lock, then dies of the signal
 * as it would have at once. Without this, Ctrl-C between two renames of a swap or a patch
 * leaves out/ missing until the next build repairs it (see recoverOutput), and a `git
 * status` in between shows every generated file deleted. A second signal stops at once.
 *
 * When the program handles the signal itself (`build --watch` stops on SIGINT), the write
 * still finishes first, and the signal is left to that handler.
 */
export async function withStopSignalsDeferred<T>(
  work: () => Promise<T>,
  notify: (line: string) => void,
): Promise<T> {
  let pending: NodeJS.Signals | undefined;
  // Signals the program already listens to (watch) are its own to handle: they only wait.
  const handled = new Set<string>(STOPPING.filter((s) => process.listenerCount(s) > 0));
  const onSignal = (signal: NodeJS.Signals): void => {
    if (handled.has(signal)) return;
    if (pending !== undefined) {
      stopListening();
      process.kill(process.pid, signal);
      return;
    }
    pending = signal;
    notify(`stackyard: ${signal}: finishing the write of out/ first (again to stop at once)`);
  };
  const stopListening = (): void => {
    for (const s of STOPPING) process.off(s, onSignal);
  };
  for (const s of STOPPING) process.on(s, onSignal);
  try {
    return await work();
  } finally {
    stopListening();
    // With no listener left, the signal's default action ends the process.
    if (pending !== undefined) process.kill(process.pid, pending);
  }
}
