import { createHash } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { acquireLock, lockedDiagnostic, type LockProcess } from "../../src/emit/lock.js";
import { tempDir } from "./helpers.js";

const alive = (pid: number): LockProcess => ({ pid, hostname: "host-a", isAlive: () => true });
const allDead = (pid: number): LockProcess => ({ pid, hostname: "host-a", isAlive: () => false });

describe("acquireLock", () => {
  it("gives the lock to one build and a typed failure naming the holder to the next", async () => {
    const out = path.join(await tempDir(), "out");
    const first = await acquireLock(out, alive(100));
    expect(first.ok).toBe(true);
    const second = await acquireLock(out, alive(200));
    expect(second).toEqual({
      ok: false,
      lockPath: `${out}.lock`,
      heldBy: { pid: 100, hostname: "host-a" },
    });
    if (second.ok) return;
    expect(lockedDiagnostic(second)).toMatchObject({
      code: "OUTPUT_LOCKED",
      message: expect.stringContaining("process 100 on host-a"),
      hint: expect.stringContaining(`${out}.lock`),
    });
    if (first.ok) await first.release();
    const third = await acquireLock(out, alive(200));
    expect(third.ok).toBe(true);
    if (third.ok) await third.release();
    expect(await readdir(path.dirname(out))).toEqual([]);
  });

  it("removes the private files of builds killed while taking it, and only those", async () => {
    const out = path.join(await tempDir(), "out");
    const holder = (pid: number, hostname = "host-a") =>
      `${JSON.stringify({ pid, hostname, token: "t" })}\n`;
    await writeFile(`${out}.lock.0a1b2c3d4e5f`, holder(100)); // killed between write and link
    await writeFile(`${out}.lock.stale-0a1b2c3d4e5f`, holder(101)); // killed taking one over
    await writeFile(`${out}.lock.1a1b2c3d4e5f`, holder(300)); // alive: taking the lock now
    await writeFile(`${out}.lock.2a1b2c3d4e5f`, holder(100, "host-b")); // another host's
    await writeFile(`${out}.lock.3a1b2c3d4e5f`, ""); // not written yet, and no owner in its name
    // Private files named by their process and host (a hash of the hostname): a build killed
    // before writing one leaves it empty, and its name still tells whose it is.
    const tag = (host: string) => createHash("sha256").update(host).digest("hex").slice(0, 8);
    await writeFile(`${out}.lock.100.${tag("host-a")}.4a1b2c3d4e5f`, ""); // killed: removed
    await writeFile(`${out}.lock.300.${tag("host-a")}.5a1b2c3d4e5f`, ""); // alive: kept
    await writeFile(`${out}.lock.100.${tag("host-b")}.6a1b2c3d4e5f`, ""); // another host's: kept
    const isAlive = (pid: number) => pid === 300;
    const taken = await acquireLock(out, { pid: 200, hostname: "host-a", isAlive });
    expect(taken.ok).toBe(true);
    expect((await readdir(path.dirname(out))).sort()).toEqual([
      "out.lock",
      `out.lock.100.${tag("host-b")}.6a1b2c3d4e5f`,
      "out.lock.1a1b2c3d4e5f",
      "out.lock.2a1b2c3d4e5f",
      `out.lock.300.${tag("host-a")}.5a1b2c3d4e5f`,
      "out.lock.3a1b2c3d4e5f",
    ]);
  });

  it("takes over a lock whose process is dead on this host", async () => {
    const out = path.join(await tempDir(), "out");
    await acquireLock(out, alive(100)); // never released: the process "crashed"
    const next = await acquireLock(out, allDead(200));
    expect(next).toMatchObject({ ok: true, tookOverFrom: { pid: 100, hostname: "host-a" } });
    expect(JSON.parse(await readFile(`${out}.lock`, "utf8"))).toMatchObject({ pid: 200 });
  });

  it("never presumes a lock from another host dead", async () => {
    const out = path.join(await tempDir(), "out");
    await acquireLock(out, { pid: 100, hostname: "host-b", isAlive: () => false });
    const next = await acquireLock(out, allDead(200));
    expect(next).toMatchObject({ ok: false, heldBy: { pid: 100, hostname: "host-b" } });
  });

  it("takes over an unreadable lock file", async () => {
    const out = path.join(await tempDir(), "out");
    await writeFile(`${out}.lock`, "garbage");
    expect((await acquireLock(out, alive(1))).ok).toBe(true);
  });

  it("does not release a lock another build took over", async () => {
    const out = path.join(await tempDir(), "out");
    const first = await acquireLock(out, alive(100));
    const taker = await acquireLock(out, allDead(200));
    expect(taker.ok).toBe(true);
    if (first.ok) await first.release();
    expect(JSON.parse(await readFile(`${out}.lock`, "utf8"))).toMatchObject({ pid: 200 });
  });
});
