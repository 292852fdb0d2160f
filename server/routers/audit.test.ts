import { TRPCError } from "@trpc/server";
import { desc } from "drizzle-orm";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { writeTransaction, type Db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { AUDIT_PAGE_SIZE } from "@/lib/schemas/admin";
import { setAuditAnchor } from "@/server/audit/anchor";
import { recordAudit } from "@/server/audit/record";
import type { SessionUser } from "@/server/auth/session-user";
import { makeOffice, type OfficeFixture } from "@/server/testing/factories";
import { callerFor, makeUser } from "@/server/testing/sessions";
import { createTestDb, destroyTestDb, execSql } from "@/server/testing/test-db";

let db: Db;
let officeA: OfficeFixture;
let officeB: OfficeFixture;
let admin: SessionUser;
let supervisorA: SessionUser;
let caseworkerB: SessionUser;

async function failure(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCError) return error.cause instanceof AppError ? error.cause.code : error.code;
    throw error;
  }
  throw new Error("expected the call to fail");
}

function record(officeId: number | null, actor: SessionUser, entityId: string) {
  writeTransaction(db, (tx) =>
    recordAudit(tx, {
      action: "case.updated",
      actorUserId: actor.id,
      entityType: "case",
      entityId,
      officeId,
      ip: "192.0.2.44",
      details: { fields: ["status", "programme"], version: 3, nested: { a: 1 } },
    }),
  );
}

beforeAll(() => {
  db = createTestDb();
  officeA = makeOffice(db, { countryIso2: "AT" });
  officeB = makeOffice(db, { countryIso2: "TH" });
  admin = makeUser(db, { role: "administrator", name: "Test Admin Person" });
  supervisorA = makeUser(db, { role: "supervisor", officeIds: [officeA.id] });
  caseworkerB = makeUser(db, { role: "caseworker", officeIds: [officeB.id] });
  for (let i = 0; i < 60; i++) record(officeA.id, supervisorA, `C-AAAA-${String(i).padStart(4, "0")}`);
  for (let i = 0; i < 5; i++) record(officeB.id, caseworkerB, `C-BBBB-${String(i).padStart(4, "0")}`);
  record(null, admin, "no-office");
});
afterAll(() => destroyTestDb(db));

describe("audit.list", () => {
  it("gives administrators every event, 50 per page, newest first, with keyset pagination", async () => {
    const api = callerFor(db, admin);
    const first = await api.audit.list({});
    expect(first.rows).toHaveLength(AUDIT_PAGE_SIZE);
    const ids = first.rows.map((r) => r.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(first.nextCursor).toBe(ids.at(-1));
    const second = await api.audit.list({ cursor: first.nextCursor ?? undefined });
    expect(second.rows.length).toBe(66 - AUDIT_PAGE_SIZE);
    expect(second.nextCursor).toBeNull();
    expect(Math.max(...second.rows.map((r) => r.id))).toBeLessThan(Math.min(...ids));
  });

  it("shows the actor's name and details as key/value lines, never a raw blob", async () => {
    const { rows } = await callerFor(db, admin).audit.list({ entity: "no-office" });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorName: "Test Admin Person", ip: "192.0.2.44", action: "case.updated" });
    expect(rows[0]?.details).toEqual([
      { key: "fields", value: "status, programme" },
      { key: "nested.a", value: "1" },
      { key: "version", value: "3" },
    ]);
  });

  it("shows a supervisor only their offices' events (and no client addresses)", async () => {
    const api = callerFor(db, supervisorA);
    const seen: number[] = [];
    let cursor: number | undefined;
    do {
      const page = await api.audit.list({ cursor });
      seen.push(...page.rows.map((r) => r.officeId ?? -1));
      expect(page.rows.every((r) => r.ip === null)).toBe(true);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(60);
    expect(new Set(seen)).toEqual(new Set([officeA.id]));
    // Filtering on another office does not widen the scope.
    expect((await api.audit.list({ officeId: officeB.id })).rows).toEqual([]);
  });

  it("filters by action, actor, office, entity (case code as typed) and date range", async () => {
    const api = callerFor(db, admin);
    expect((await api.audit.list({ actorUserId: caseworkerB.id })).rows).toHaveLength(5);
    expect((await api.audit.list({ officeId: officeB.id })).rows).toHaveLength(5);
    expect((await api.audit.list({ entity: "c bbbb 0003" })).rows.map((r) => r.entityId)).toEqual(["C-BBBB-0003"]);
    expect((await api.audit.list({ action: "user.created" })).rows).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await api.audit.list({ from: today, to: today, officeId: officeB.id })).rows).toHaveLength(5);
    expect((await api.audit.list({ to: "2000-01-01" })).rows).toEqual([]);
    expect(await failure(api.audit.list({ from: "2020-02-01", to: "2020-01-01" }))).toBe("BAD_REQUEST");
  });

  it("is refused to caseworkers and data officers", async () => {
    expect(await failure(callerFor(db, caseworkerB).audit.list({}))).toBe("FORBIDDEN");
    expect(await failure(callerFor(db, makeUser(db, { role: "data_officer" })).audit.list({}))).toBe("FORBIDDEN");
  });
});

describe("audit.verify", () => {
  it("is for administrators only", async () => {
    expect(await failure(callerFor(db, supervisorA).audit.verify())).toBe("FORBIDDEN");
  });

  it("reports an intact chain and records that it was verified", async () => {
    const before = db.select({ id: auditEvents.id }).from(auditEvents).all().length;
    const result = await callerFor(db, admin).audit.verify();
    expect(result).toMatchObject({ ok: true, checked: before });
    const last = db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1).get();
    expect(last).toMatchObject({ action: "audit.verified", actorUserId: admin.id });
    // This test database has no anchor (only the configured database has one).
    expect(JSON.parse(last?.details ?? "{}")).toEqual({ ok: true, checked: before, anchored: false });
  });

  it("detects an edited event and names it", async () => {
    // The triggers refuse any edit; tampering means going around them.
    expect(() => execSql(db, "UPDATE audit_events SET entity_id = 'x' WHERE id = 10")).toThrow(/append-only/);
    execSql(db, "DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;");
    execSql(db, "UPDATE audit_events SET entity_id = 'C-TAMP-ERED' WHERE id = 10");
    const result = await callerFor(db, admin).audit.verify();
    expect(result).toMatchObject({ ok: false, checked: 9, brokenEventId: 10, reasonCode: "content" });
    const last = db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1).get();
    expect(JSON.parse(last?.details ?? "{}")).toMatchObject({ ok: false, brokenEventId: 10 });
  });

  it("reports deleted newest events when the trail is anchored (issue 11, item 13)", async () => {
    const anchored = createTestDb();
    const dir = mkdtempSync(path.join(os.tmpdir(), "passage-audit-verify-"));
    try {
      setAuditAnchor(anchored, { file: path.join(dir, "anchor.json"), key: randomBytes(32), intervalMs: 0 });
      const administrator = makeUser(anchored, { role: "administrator" });
      for (let i = 0; i < 4; i += 1) writeTransaction(anchored, (tx) => recordAudit(tx, { action: "office.updated" }));
      expect(await callerFor(anchored, administrator).audit.verify()).toMatchObject({ ok: true, anchored: true, checked: 4 });
      execSql(anchored, "DROP TRIGGER audit_events_no_delete; DELETE FROM audit_events WHERE id > 2;");
      // Recording this verification cannot move the anchor past the missing events: it says so.
      const consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
      const result = await callerFor(anchored, administrator).audit.verify();
      expect(consoleError).toHaveBeenCalled();
      expect(result).toMatchObject({ ok: false, checked: 2, brokenEventId: 5, reasonCode: "cut" });
    } finally {
      destroyTestDb(anchored);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
