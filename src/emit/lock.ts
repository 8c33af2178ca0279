import { createHash, randomBytes } from "node:crypto";
import { link, mkdir, readdir, readFile, rename, unlink, writeFile } from "node:fs/promises";
import { hostname as osHostname } from "node:os";
import path from "node:path";
import { diag, type Diagnostic } from "../diagnostics/diagnostic.js";

/** Who holds a build lock. */
export interface LockHolder {
  pid: number;
  hostname: string;
}

/**
 * The running process, passed in by the CLI (the only stage allowed to touch `process`).
 * `isAlive(pid)` is `process.kill(pid, 0)` succeeding or failing with EPERM.
 */
export interface LockProcess {
  pid: number;
  isAlive(pid: number): boolean;
  /** Defaults to `os.hostname()`; tests set it to simulate another machine. */
  hostname?: string;
}

/** A held lock, or who holds it (undefined when the lock file is unreadable). */
export type LockResult =
  | { ok: true; lockPath: string; release: () => Promise<void>; tookOverFrom?: LockHolder }
  | { ok: false; lockPath: string; heldBy: LockHolder | undefined };

/** How many times a stale lock is cleared before giving up to a racing build. */
const ATTEMPTS = 3;

/**
 * Takes the build lock `<outDir>.lock`, so two builds never interleave on one out dir.
 * A lock whose holder is a dead process on this host is stale and taken over; a lock from
 * another host is never presumed dead. The CLI reports a failure as OUTPUT_LOCKED.
 */
export async function acquireLock(outDir: string, proc: LockProcess): Promise<LockResult> {
  const lockPath = `${path.resolve(outDir)}.lock`;
  // The lock lives next to out/, whose parent folders a first build makes (`outDir: build/k8s`
  // in a fresh clone: git keeps no empty folders).
  await mkdir(path.dirname(lockPath), { recursive: true });
  const me = holderOf(proc);
  const text = `${JSON.stringify({ ...me, token: randomBytes(8).toString("hex") })}\n`;
  let heldBy: LockHolder | undefined;
  let tookOverFrom: LockHolder | undefined;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (await createExclusively(lockPath, text, me)) {
      await removeLeftovers(lockPath, me, proc);
      const release = () => releaseLock(lockPath, text);
      return tookOverFrom === undefined
        ? { ok: true, lockPath, release }
        : { ok: true, lockPath, release, tookOverFrom };
    }
    const seen = await readText(lockPath);
    if (seen === undefined) continue; // released meanwhile: try again
    heldBy = parseHolder(seen);
    if (heldBy !== undefined && !isStale(heldBy, me, proc)) return { ok: false, lockPath, heldBy };
    if (await removeIfUnchanged(lockPath, seen)) tookOverFrom = heldBy;
  }
  return { ok: false, lockPath, heldBy };
}

/**
 * Who holds the build lock of `outDir` now, judged as acquireLock would: "none" when there is
 * no lock or its holder is a dead process on this host; the holder when it may be writing
 * (alive here, or on another host); "unknown" when the lock file cannot be read.
 */
export async function lockHolder(
  outDir: string,
  proc: LockProcess,
): Promise<LockHolder | "none" | "unknown"> {
  const seen = await readText(`${path.resolve(outDir)}.lock`);
  if (seen === undefined) return "none";
  const holder = parseHolder(seen);
  if (holder === undefined) return "unknown";
  return isStale(holder, holderOf(proc), proc) ? "none" : holder;
}

/** The running process as a lock names its holder. */
function holderOf(proc: LockProcess): LockHolder {
  return { pid: proc.pid, hostname: proc.hostname ?? osHostname() };
}

function isStale(holder: LockHolder, me: LockHolder, proc: LockProcess): boolean {
  return holder.hostname === me.hostname && !proc.isAlive(holder.pid);
}

/**
 * Writes the lock under a private name and hard-links it into place: `link` fails if the lock
 * exists, and a lock file is never seen half-written. The private name carries its process
 * (see privateName): a build killed before the text was written leaves an empty file, which
 * only the name tells the owner of.
 */
async function createExclusively(lockPath: string, text: string, me: LockHolder): Promise<boolean> {
  const temp = privateName(lockPath, me);
  await writeFile(temp, text, { flag: "wx" });
  try {
    await link(temp, lockPath);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    await unlink(temp);
  }
}

/**
 * `<lock>.<pid>.<host>.<hex>`: a private file of the process `pid` on the host whose hostname
 * hashes to `host`.
 */
function privateName(lockPath: string, me: LockHolder): string {
  return `${lockPath}.${me.pid}.${hostTag(me.hostname)}.${randomBytes(6).toString("hex")}`;
}

function hostTag(hostname: string): string {
  return createHash("sha256").update(hostname).digest("hex").slice(0, 8);
}

/**
 * Removes the private files (`<lock>.<pid>.<host>.<hex>`, `<lock>.stale-<hex>`, and the
 * `<lock>.<hex>` of earlier versions) of builds killed while they took a lock. One whose
 * process is dead on this host is debris: told by its name, or else by the lock text it holds.
 * Any other (a live build's, one from another host, one whose owner cannot be told) is left
 * alone.
 */
async function removeLeftovers(lockPath: string, me: LockHolder, proc: LockProcess) {
  const prefix = `${path.basename(lockPath)}.`;
  let names: string[];
  try {
    names = await readdir(path.dirname(lockPath));
  } catch {
    return; // the lock is held all the same; the debris waits for the next build
  }
  const mine = new RegExp(`^(\\d+)\\.${hostTag(me.hostname)}\\.[0-9a-f]{12}$`);
  for (const name of names.filter((n) => n.startsWith(prefix))) {
    const file = path.join(path.dirname(lockPath), name);
    const pid = mine.exec(name.slice(prefix.length))?.[1];
    const holder =
      pid !== undefined
        ? { pid: Number(pid), hostname: me.hostname }
        : parseHolder((await readText(file).catch(() => undefined)) ?? "");
    if (holder !== undefined && isStale(holder, me, proc)) await unlink(file).catch(() => {});
  }
}

/**
 * Removes a stale lock only if it is still the one judged stale: it is moved aside first (so
 * no other build's fresh lock is deleted by mistake), and put back if it turns out to be new.
 */
async function removeIfUnchanged(lockPath: string, staleText: string): Promise<boolean> {
  const aside = `${lockPath}.stale-${randomBytes(6).toString("hex")}`;
  try {
    await rename(lockPath, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
  if ((await readText(aside)) === staleText) {
    await unlink(aside);
    return true;
  }
  try {
    await link(aside, lockPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  await unlink(aside);
  return false;
}

/** Deletes the lock if it is still ours (a takeover by another build is left alone). */
async function releaseLock(lockPath: string, text: string): Promise<void> {
  if ((await readText(lockPath)) === text) await unlink(lockPath);
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const data = JSON.parse(text) as Partial<LockHolder>;
    if (Number.isInteger(data.pid) && typeof data.hostname === "string") {
      return { pid: data.pid as number, hostname: data.hostname };
    }
  } catch {
    // Not ours to understand: handled below as unreadable.
  }
  return undefined;
}

async function readText(p: string): Promise<string | undefined> {
  try {
    return await readFile(p, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** The OUTPUT_LOCKED diagnostic for a lock that could not be taken. */
export function lockedDiagnostic(failure: Extract<LockResult, { ok: false }>): Diagnostic {
  const holder =
    failure.heldBy === undefined
      ? "a process whose lock file cannot be read"
      : `process ${failure.heldBy.pid} on ${failure.heldBy.hostname}`;
  return diag(
    "OUTPUT_LOCKED",
    `Another stackyard build (${holder}) is writing this out dir.`,
    {},
    {
      hint: `Wait for it to finish. If no build is running, delete ${failure.lockPath}.`,
    },
  );
}
