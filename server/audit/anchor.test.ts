import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { writeTransaction, type Db } from "@/db/client";
import { createTestDb, destroyTestDb, execSql } from "@/server/testing/test-db";
import { checkAnchor, flushAuditAnchors, readAnchor, setAuditAnchor, type AnchorConfig } from "./anchor";
import { recordAudit, verifyAuditTrail } from "./record";

/**
 * Issue 11, item 13: deleting the newest audit events passed audit:verify. With the anchor kept
 * outside the database, the same deletion fails verification.
 */

let db: Db;
let dir: string;
let config: AnchorConfig;

beforeEach(() => {
  db = createTestDb();
  dir = mkdtempSync(path.join(os.tmpdir(), "passage-anchor-"));
  // Every commit anchored at once (the throttle has its own test below).
  config = { file: path.join(dir, "audit-anchor.json"), key: randomBytes(32), intervalMs: 0 };
  setAuditAnchor(db, config);
});

afterEach(() => {
  destroyTestDb(db);
  rmSync(dir, { recursive: true, force: true });
});

const append = (n: number) => {
  for (let i = 0; i < n; i += 1) writeTransaction(db, (tx) => recordAudit(tx, { action: "office.updated", details: { changed: ["name"] } }));
};

const anchoredSeq = () => {
  const read = readAnchor(config);
  return read.status === "ok" ? read.anchor.seq : null;
};

describe("audit anchor", () => {
  it("follows the head after every commit, never after a rollback", () => {
    append(3);
    expect(anchoredSeq()).toBe(3);
    expect(() =>
      writeTransaction(db, (tx) => {
        recordAudit(tx, { action: "office.updated" });
        throw new Error("synthetic failure");
      }),
    ).toThrow("synthetic failure");
    expect(anchoredSeq()).toBe(3);
    // Several events in one transaction: the anchor names the last.
    writeTransaction(db, (tx) => {
      recordAudit(tx, { action: "office.updated" });
      recordAudit(tx, { action: "office.updated" });
    });
    expect(anchoredSeq()).toBe(5);
    expect(verifyAuditTrail(db)).toMatchObject({ ok: true, checked: 5, anchor: { status: "ok", seq: 5 } });
  });

  it("makes audit:verify fail when the newest events are deleted (append-only trigger dropped)", () => {
    append(6);
    expect(verifyAuditTrail(db).ok).toBe(true);
    execSql(db, "DROP TRIGGER audit_events_no_delete; DELETE FROM audit_events WHERE id > 4;");
    const result = verifyAuditTrail(db);
    // The chain of what is left is intact: only the anchor shows the cut.
    expect(result).toMatchObject({ ok: false, checked: 4, brokenEventId: 6, anchor: { status: "cut", anchoredSeq: 6, lastSeq: 4 } });
  });

  it("fails when the tail was cut and new events appended in its place, and never moves over that evidence", () => {
    append(5);
    execSql(db, "DROP TRIGGER audit_events_no_delete; DELETE FROM audit_events WHERE id > 2;");
    const consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
    append(5); // ids 3..7 again, a different chain from event 3 on
    expect(consoleError).toHaveBeenCalled();
    expect(anchoredSeq()).toBe(5);
    expect(checkAnchor(db, config)).toEqual({ status: "mismatch", anchoredSeq: 5 });
    expect(verifyAuditTrail(db).ok).toBe(false);
  });

  it("refuses an anchor that was edited, or one made with another key", () => {
    append(2);
    const body = JSON.parse(readFileSync(config.file, "utf8")) as Record<string, unknown>;
    writeFileSync(config.file, JSON.stringify({ ...body, seq: 1 }));
    expect(checkAnchor(db, config)).toEqual({ status: "invalid" });
    writeFileSync(config.file, JSON.stringify(body));
    expect(checkAnchor(db, config).status).toBe("ok");
    expect(checkAnchor(db, { ...config, key: randomBytes(32) })).toEqual({ status: "invalid" });
  });

  it("reports a missing anchor for a trail that has events, and writes it private to the server's user", () => {
    append(1);
    expect(statSync(config.file).mode & 0o777).toBe(0o600);
    rmSync(config.file);
    expect(verifyAuditTrail(db)).toMatchObject({ ok: false, anchor: { status: "missing" } });
  });

  it("is off for a database that is not the configured one (test databases, copies)", () => {
    const other = createTestDb();
    try {
      writeTransaction(other, (tx) => recordAudit(tx, { action: "office.updated" }));
      expect(verifyAuditTrail(other)).toMatchObject({ ok: true, anchor: { status: "off" } });
    } finally {
      destroyTestDb(other);
    }
  });

  it("writes at most once per interval, the newest head at the end of it (or when flushed)", () => {
    setAuditAnchor(db, { ...config, intervalMs: 60_000 });
    append(1);
    expect(anchoredSeq()).toBe(1);
    append(3);
    expect(anchoredSeq()).toBe(1);
    flushAuditAnchors();
    expect(anchoredSeq()).toBe(4);
  });
});
