// What a restored portal must show after a backup under load (backup-under-load.ts), checked the
// same way on SQLite and PostgreSQL.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { SERVER_START_MS, countsAt, npmRun, serverEnv, versionsAt, type Outcome, type Place } from "./backup-under-load";
import { startServer } from "./server-process";

const key = (entryId: string, number: number) => `${entryId}#${number}`;

export async function expectRestoredAsAcknowledged(outcome: Outcome, target: Place, cookies: { organizer: string; entrants: string[] }) {
  const { acks, backupStarted, backupEnded, manifest } = outcome;
  const before = acks.filter((a) => a.ackAt < backupStarted);
  const during = acks.filter((a) => a.ackAt > backupStarted && a.sentAt < backupEnded);
  const after = acks.filter((a) => a.sentAt > backupEnded);
  // The backup was taken under load: writes were acknowledged before it, while it ran and after it.
  expect(before.length).toBeGreaterThan(0);
  expect(during.length, "writes acknowledged while the backup ran").toBeGreaterThan(0);
  expect(after.length).toBeGreaterThan(0);

  // The restore was refused while the source's portal ran.
  expect(outcome.restoreOverRunning.code).toBe(1);
  expect(outcome.restoreOverRunning.stderr).toContain("The portal is running on this database: stop every instance of it first");

  const restored = await versionsAt(target);
  const acked = new Map(acks.map((a) => [key(a.entryId, a.number), a]));
  const present = new Map(restored.map((v) => [key(v.entryId, v.number), v]));
  // Every write acknowledged before the backup began is there, with the file that was sent.
  expect(before.filter((a) => present.get(key(a.entryId, a.number))?.sha256 !== a.sha256)).toEqual([]);
  // Nothing that was never acknowledged, and each version with the file its acknowledgement named.
  expect(restored.filter((v) => acked.get(key(v.entryId, v.number))?.sha256 !== v.sha256)).toEqual([]);
  // Nothing written after the backup ended.
  expect(after.filter((a) => present.has(key(a.entryId, a.number)))).toEqual([]);
  // A version is there only with every earlier version of its entry.
  expect(restored.filter((v) => v.number > 1 && !present.has(key(v.entryId, v.number - 1)))).toEqual([]);

  // The database holds what the manifest counted.
  expect(await countsAt(target)).toEqual(manifest.counts);
  expect(manifest.files.local.map((f) => f.sha256).sort()).toEqual([...new Set(restored.map((v) => v.sha256))].sort());

  const server = await startServer(serverEnv(target), SERVER_START_MS);
  try {
    // Every version's file, served by the restored portal, is the one the entrant sent.
    for (const v of restored) {
      const response = await fetch(`${server.url}/organize/${v.contestId}/entries/${v.entryId}/file/${v.versionId}`, {
        headers: { Cookie: cookies.organizer },
      });
      expect(response.status, `file of ${v.entryId} v${v.number}`).toBe(200);
      const sha = crypto.createHash("sha256").update(Buffer.from(await response.arrayBuffer())).digest("hex");
      expect(sha, `file of ${v.entryId} v${v.number}`).toBe(v.sha256);
    }
    // Each entrant's "my entries" lists the restored entries and none of those created after the backup.
    const titles = new Set(restored.map((v) => v.title));
    for (const [entrant, cookie] of cookies.entrants.entries()) {
      const html = await (await fetch(`${server.url}/entries`, { headers: { Cookie: cookie } })).text();
      const mine = acks.filter((a) => a.entrant === entrant && a.number === 1);
      for (const a of mine) expect(html.includes(a.title), a.title).toBe(titles.has(a.title));
    }
    expect(await server.stop()).toBe(0);
  } finally {
    await server.stop("SIGKILL");
  }
}

/** `npm run restore` of a backup with a missing file: exit 1, the reason, and a target left as it was. */
export async function expectDamagedBackupRefused(backupDir: string, target: Place, isUntouched: () => Promise<boolean>) {
  const broken = `${backupDir}-broken`;
  fs.cpSync(backupDir, broken, { recursive: true });
  const manifest = JSON.parse(fs.readFileSync(path.join(broken, "manifest.json"), "utf8")) as Outcome["manifest"];
  const victim = manifest.files.local[0]!.sha256;
  const relative = path.join("files", victim.slice(0, 2), victim.slice(2, 4), victim);
  fs.rmSync(path.join(broken, relative));
  const refused = await npmRun("restore", ["--from", broken], target);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain(`restore refused: The backup in ${broken} is incomplete or damaged, so nothing was restored: the file ${relative} is missing`);
  expect(await isUntouched()).toBe(true);
}
