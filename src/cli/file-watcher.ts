import { readdirSync, statSync, watch, type Dirent, type FSWatcher } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";

/** A running watch; close() stops it. */
export interface TreeWatcher {
  close(): void;
  /** "events" (fs.watch) or "polling". */
  mode: "events" | "polling";
}

/** What to watch: a root folder, which repository-relative paths matter, and how. */
export interface WatchOptions {
  root: string;
  /** True for repository-relative POSIX paths whose changes should trigger a rebuild. */
  relevant(rel: string): boolean;
  /** True for folders (repository-relative) never watched or entered. */
  skipDir(rel: string): boolean;
  poll: boolean;
  pollMs?: number;
}

/**
 * Calls `onChange` with the relevant paths that changed. Uses fs.watch — recursive on macOS and
 * Windows, one watch per folder elsewhere (see watchFolders) — and falls back to polling (also
 * on request: network mounts and some container file systems deliver no events).
 */
export function watchTree(opts: WatchOptions, onChange: (paths: string[]) => void): TreeWatcher {
  if (!opts.poll) {
    try {
      return process.platform === "darwin" || process.platform === "win32"
        ? watchEvents(opts, onChange)
        : watchFolders(opts, onChange);
    } catch {
      // ERR_FEATURE_UNAVAILABLE_ON_PLATFORM and friends: polling always works.
    }
  }
  return watchPolling(opts, onChange);
}

/**
 * A non-recursive fs.watch on every folder of the tree (but `skipDir`'s), and on each folder
 * made later. Node 20's recursive watch on Linux watches files one by one, and a file replaced
 * by a rename — how `sed -i`, vim and most editors save — was never heard from again; a
 * folder's watch hears of every name written, renamed or removed in it. The files already in
 * a folder made later are reported as it is found.
 */
function watchFolders(opts: WatchOptions, onChange: (paths: string[]) => void): TreeWatcher {
  const watchers = new Map<string, FSWatcher>();
  let closed = false;
  const stop = (rel: string) => {
    for (const [dir, w] of watchers)
      if (dir === rel || dir.startsWith(`${rel}/`)) {
        w.close();
        watchers.delete(dir);
      }
  };
  /** Watches `rel` and the folders below it; the relevant files found in new folders, listed. */
  const add = (rel: string, found: string[] | undefined): void => {
    if (closed || watchers.has(rel) || opts.skipDir(rel)) return;
    let entries: Dirent[];
    let watcher: FSWatcher;
    try {
      entries = readdirSync(path.join(opts.root, rel), { withFileTypes: true });
      // A folder can go between the listing and the watch (a build's staging folder did).
      watcher = watch(path.join(opts.root, rel), (_event, name) => {
        if (name === null) return;
        const child = rel === "" ? name.toString() : `${rel}/${name.toString()}`;
        const isDir = isFolder(path.join(opts.root, child));
        const changed = opts.relevant(child) ? [child] : [];
        if (isDir) add(child, changed);
        else if (watchers.has(child)) stop(child); // a folder removed or renamed away
        if (changed.length > 0) onChange(changed);
      });
    } catch (error) {
      // The root not watchable: watchTree falls back to polling.
      if (rel === "") throw error;
      return; // gone already, or not a folder
    }
    watcher.on("error", () => stop(rel));
    watchers.set(rel, watcher);
    for (const entry of entries) {
      const child = rel === "" ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) add(child, found);
      else if (found !== undefined && opts.relevant(child)) found.push(child);
    }
  };
  add("", undefined);
  return {
    close: () => {
      closed = true;
      for (const w of watchers.values()) w.close();
      watchers.clear();
    },
    mode: "events",
  };
}

/** Whether a path is a folder now; false when it is gone or its parent is no longer a folder. */
function isFolder(absolute: string): boolean {
  try {
    return statSync(absolute, { throwIfNoEntry: false })?.isDirectory() === true;
  } catch {
    return false;
  }
}

function watchEvents(opts: WatchOptions, onChange: (paths: string[]) => void): TreeWatcher {
  const watcher: FSWatcher = watch(opts.root, { recursive: true }, (_event, name) => {
    if (name === null) return;
    const rel = name.toString().split(path.sep).join("/");
    if (opts.relevant(rel)) onChange([rel]);
  });
  // A folder that disappears under the watcher is not worth a crash; the next save resumes.
  watcher.on("error", () => undefined);
  return { close: () => watcher.close(), mode: "events" };
}

function watchPolling(opts: WatchOptions, onChange: (paths: string[]) => void): TreeWatcher {
  let previous: Map<string, string> | undefined;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = async () => {
    const current = await snapshot(opts);
    if (stopped) return;
    if (previous !== undefined) {
      const changed = [...new Set([...previous.keys(), ...current.keys()])].filter(
        (p) => previous!.get(p) !== current.get(p),
      );
      if (changed.length > 0) onChange(changed.sort());
    }
    previous = current;
    timer = setTimeout(() => void tick(), opts.pollMs ?? 500);
  };
  void tick();
  return {
    close: () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
    },
    mode: "polling",
  };
}

/** Every relevant file with its modification time and size. */
async function snapshot(opts: WatchOptions): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (rel: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(path.join(opts.root, rel), { withFileTypes: true });
    } catch {
      return; // removed while walking
    }
    for (const entry of entries) {
      const child = rel === "" ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!opts.skipDir(child)) await walk(child);
      } else if (opts.relevant(child)) {
        try {
          const s = await stat(path.join(opts.root, child));
          out.set(child, `${s.mtimeMs}:${s.size}`);
        } catch {
          // removed between readdir and stat: it shows as deleted next time
        }
      }
    }
  };
  await walk("");
  return out;
}
