import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "@/db/client";
import { verifyAuditTrail } from "@/server/audit/record";
import { readAnchor } from "@/server/audit/anchor";
import { vaultKeys } from "@/server/crypto/keys";
import { env } from "@/server/env";
import { makeOffice } from "@/server/testing/factories";
import { registerTestCase } from "@/server/testing/registry-fixtures";
import { callerFor, makeUser } from "@/server/testing/sessions";
import { createTestDb, destroyTestDb } from "@/server/testing/test-db";
import { backupDatabase, BackupError, restoreDatabase, verifyBackup } from "./backup";

/**
 * Issue 11, item 10: backup and restore built in. A backup made while another process writes is one
 * consistent snapshot; restore checks it before replacing anything and refuses what it should.
 */

let db: Db;
let dir: string;
let caseCode: string;
const key = randomBytes(32);

/** Another process writing offices into `file` in small transactions until `stop` exists. */
function concurrentWriter(file: string, stop: string): Promise<{ written: number; child: Promise<number> }> {
  const script = `
    const Database = require("better-sqlite3");
    const fs = require("fs");
    const db = new Database(${JSON.stringify(file)});
    db.pragma("journal_mode = WAL"); db.pragma("busy_timeout = 8000");
    const insert = db.prepare("INSERT INTO offices (code, name, country_iso2, region) VALUES (?, 'Synthetic writer office', 'AT', 'other')");
    let n = 0;
    process.stdout.write("started\\n");
    while (!fs.existsSync(${JSON.stringify(stop)}) && n < 200000) {
      db.transaction(() => { for (let i = 0; i < 5; i++) insert.run("W-" + process.pid + "-" + (n++)); }).immediate();
    }
    process.stdout.write("written " + n + "\\n");
  `;
  const child = spawn(process.execPath, ["-e", script], { cwd: process.cwd(), stdio: ["ignore", "pipe", "inherit"] });
  let output = "";
  return new Promise((resolve, reject) => {
    const exited = new Promise<number>((done) => child.on("exit", (code) => done(code ?? 1)));
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("started")) resolve({ written: 0, child: exited });
    });
    child.on("error", reject);
  });
}

beforeAll(() => {
  db = createTestDb();
  dir = mkdtempSync(path.join(os.tmpdir(), "passage-backup-"));
  const office = makeOffice(db);
  const worker = makeUser(db, { role: "caseworker", officeIds: [office.id] });
  caseCode = registerTestCase(db, worker).caseCode;
  for (let i = 0; i < 3; i += 1) registerTestCase(db, worker);
});

afterAll(() => {
  destroyTestDb(db);
  rmSync(dir, { recursive: true, force: true });
});

const countOffices = (c: Database.Database) => c.prepare("SELECT count(*) FROM offices").pluck().get() as number;

describe("backup and restore", () => {
  it("backs up under concurrent writes from another process, and the restored copy verifies", async () => {
    const stop = path.join(dir, "stop");
    const writer = await concurrentWriter(db.$client.name, stop);
    const before = countOffices(db.$client);
    const backup = path.join(dir, "concurrent.db");
    const manifest = await backupDatabase(db, backup, { key });
    writeFileSync(stop, "");
    expect(await writer.child).toBe(0);
    const after = countOffices(db.$client);
    expect(after).toBeGreaterThan(before);

    // A snapshot somewhere in the middle of the writes, consistent with its own manifest.
    const copied = manifest.tables.offices!;
    expect(copied).toBeGreaterThanOrEqual(before);
    expect(copied).toBeLessThanOrEqual(after);
    expect(statSync(backup).mode & 0o777).toBe(0o600);
    expect(verifyBackup(backup, { key })).toEqual(manifest);

    const target = path.join(dir, "restored.db");
    const anchorFile = path.join(dir, "restored.anchor.json");
    const result = restoreDatabase(backup, target, { key, anchor: { file: anchorFile, key } });
    expect(result.anchored).toBe(true);
    const restored = openDatabase(target);
    try {
      expect(countOffices(restored.$client)).toBe(copied);
      expect(restored.$client.prepare("PRAGMA integrity_check").pluck().get()).toBe("ok");
      // The restore is the first event after the backup's head, and the chain holds.
      const trail = verifyAuditTrail(restored);
      expect(trail).toMatchObject({ ok: true, checked: manifest.auditHead!.seq + 1 });
      expect(restored.$client.prepare("SELECT action FROM audit_events ORDER BY id DESC LIMIT 1").pluck().get()).toBe("database.restored");
      expect(readAnchor({ file: anchorFile, key })).toMatchObject({ status: "ok", anchor: { seq: manifest.auditHead!.seq + 1 } });
      // Identities come back readable with the same keys (the backup had ciphertext only).
      const user = makeUser(restored, { role: "supervisor", officeIds: [restored.$client.prepare("SELECT office_id FROM cases WHERE code = ?").pluck().get(caseCode) as number] });
      expect((await callerFor(restored, user).cases.revealIdentity({ code: caseCode })).familyName).toBe("Testfamily");
    } finally {
      restored.$client.close();
    }
  });

  it("holds ciphertext only: no key and no identity in clear in the backup file", async () => {
    const backup = path.join(dir, "plain.db");
    await backupDatabase(db, backup, { key });
    const bytes = readFileSync(backup);
    for (const [, k] of vaultKeys().keys) expect(bytes.includes(k)).toBe(false);
    expect(bytes.includes(env.PASSAGE_BLIND_INDEX_KEY)).toBe(false);
    expect(bytes.includes(key)).toBe(false);
    for (const needle of ["Testfamily", "TST000001", "Synthetic street"]) expect(bytes.includes(Buffer.from(needle))).toBe(false);
  });

  it("refuses to replace a database that holds data without force, and replaces it with force", async () => {
    const backup = path.join(dir, "force.db");
    await backupDatabase(db, backup, { key });
    const target = path.join(dir, "busy-target.db");
    const other = openDatabase(target);
    other.$client.exec("CREATE TABLE offices (id INTEGER PRIMARY KEY); INSERT INTO offices VALUES (1);");
    other.$client.close();
    expect(() => restoreDatabase(backup, target, { key, anchor: null })).toThrow(/already holds data/);
    const unchanged = new Database(target, { readonly: true });
    expect(countOffices(unchanged)).toBe(1);
    unchanged.close();
    restoreDatabase(backup, target, { key, anchor: null, force: true });
    const restored = new Database(target, { readonly: true });
    expect(countOffices(restored)).toBe(countOffices(db.$client));
    restored.close();
  });

  it("refuses a target another process has open (the server must be stopped)", async () => {
    const backup = path.join(dir, "in-use.db");
    await backupDatabase(db, backup, { key });
    const target = path.join(dir, "open-target.db");
    const holder = openDatabase(target);
    holder.$client.exec("CREATE TABLE t (x)");
    try {
      expect(() => restoreDatabase(backup, target, { key, anchor: null, force: true })).toThrow(/open in another process/);
    } finally {
      holder.$client.close();
    }
  });

  it("refuses a backup whose content or manifest was changed, or that another installation signed", async () => {
    const backup = path.join(dir, "tampered.db");
    await backupDatabase(db, backup, { key });
    expect(() => verifyBackup(backup, { key: randomBytes(32) })).toThrow(/signature does not hold/);

    const edit = (sql: string) => {
      const copy = path.join(dir, `edit-${randomBytes(3).toString("hex")}.db`);
      writeFileSync(copy, readFileSync(backup));
      const c = new Database(copy);
      c.exec(sql);
      c.close();
      return copy;
    };
    expect(() => verifyBackup(edit("DELETE FROM offices WHERE id = (SELECT max(id) FROM offices)"), { key })).toThrow(/row counts differ/);
    expect(() => verifyBackup(edit("DROP TRIGGER audit_events_no_delete; DELETE FROM audit_events WHERE id = (SELECT max(id) FROM audit_events)"), { key })).toThrow(
      /does not end where its manifest says/,
    );
    expect(() => verifyBackup(edit("DROP TRIGGER audit_events_no_update; UPDATE audit_events SET ip = '203.0.113.9' WHERE id = 1"), { key })).toThrow(/audit chain is broken/);
    expect(() => verifyBackup(edit("UPDATE passage_backup_manifest SET manifest = replace(manifest, '\"offices\":', '\"offices\":1')"), { key })).toThrow(
      /signature does not hold/,
    );
    expect(() => verifyBackup(edit("DROP TABLE passage_backup_manifest"), { key })).toThrow(/not a Passage backup/);
    const notSqlite = path.join(dir, "not-sqlite.db");
    writeFileSync(notSqlite, "synthetic text, not a database");
    expect(() => verifyBackup(notSqlite, { key })).toThrow(BackupError);
  });

  it("never overwrites an existing file with a backup", async () => {
    const backup = path.join(dir, "exists.db");
    writeFileSync(backup, "");
    await expect(backupDatabase(db, backup, { key })).rejects.toThrow(/exists already/);
  });
});
