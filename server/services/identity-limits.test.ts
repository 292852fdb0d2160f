import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { env } from "@/server/env";
import { makeOffice } from "@/server/testing/factories";
import { registerTestCase } from "@/server/testing/registry-fixtures";
import { callerFor, makeUser } from "@/server/testing/sessions";
import { createTestDb, destroyTestDb } from "@/server/testing/test-db";

let db: Db;
beforeAll(() => {
  db = createTestDb();
});
afterAll(() => destroyTestDb(db));
afterEach(() => {
  vi.useRealTimers();
});

const refusals = (userId: number) =>
  db.select().from(auditEvents).where(and(eq(auditEvents.action, "identity.reveal_refused"), eq(auditEvents.actorUserId, userId))).all();

/** Issue 11 item 6: identity reveals are limited per user per hour, counted in the database. */
describe("identity reveal limit", () => {
  it("refuses the (limit+1)th reveal in an hour with RATE_LIMITED, audits it, and shows it to the office's supervisors", async () => {
    const office = makeOffice(db);
    const elsewhere = makeOffice(db);
    const worker = makeUser(db, { role: "caseworker", officeIds: [office.id] });
    const { caseCode } = registerTestCase(db, worker);
    const api = callerFor(db, worker);
    const limit = env.PASSAGE_REVEALS_PER_HOUR;
    expect(limit).toBe(60);
    for (let i = 0; i < limit; i++) expect((await api.cases.revealIdentity({ code: caseCode })).familyName).toBe("Testfamily");

    const refused = await api.cases.revealIdentity({ code: caseCode }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(TRPCError);
    expect((refused as TRPCError).code).toBe("TOO_MANY_REQUESTS");
    expect(JSON.stringify(refused)).not.toContain("Testfamily");

    // The refusal is committed (not rolled back with the error), with the case's office.
    const [event] = refusals(worker.id);
    expect(event).toMatchObject({ entityType: "case", entityId: caseCode, officeId: office.id });
    expect(JSON.parse(event!.details)).toMatchObject({ limit, revealsInLastHour: limit });
    const revealed = db.select().from(auditEvents).where(and(eq(auditEvents.action, "identity.revealed"), eq(auditEvents.actorUserId, worker.id))).all();
    expect(revealed).toHaveLength(limit);

    const supervisor = makeUser(db, { role: "supervisor", officeIds: [office.id] });
    const { alerts } = await callerFor(db, supervisor).revealLimits.alerts();
    expect(alerts).toEqual([expect.objectContaining({ userId: worker.id, userName: worker.name, officeId: office.id, refusals: 1 })]);
    const other = makeUser(db, { role: "supervisor", officeIds: [elsewhere.id] });
    expect((await callerFor(db, other).revealLimits.alerts()).alerts).toEqual([]);
  });

  it("counts per user, and frees reveals as the hour slides on", async () => {
    const office = makeOffice(db);
    const worker = makeUser(db, { role: "caseworker", officeIds: [office.id] });
    const colleague = makeUser(db, { role: "caseworker", officeIds: [office.id] });
    const { caseCode } = registerTestCase(db, worker);
    const { caseCode: colleagueCase } = registerTestCase(db, colleague);
    const { revealIdentity } = await import("./reveal-identity");
    const start = Date.now();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(start);
    for (let i = 0; i < 3; i++) revealIdentity(db, worker, caseCode, null, 3);
    expect(() => revealIdentity(db, worker, caseCode, null, 3)).toThrow(expect.objectContaining({ code: "RATE_LIMITED" }));
    // Another user's count is their own.
    expect(revealIdentity(db, colleague, colleagueCase, null, 3).familyName).toBe("Testfamily");
    // An hour after the first reveals, they no longer count.
    vi.setSystemTime(start + 60 * 60_000 + 1);
    expect(revealIdentity(db, worker, caseCode, null, 3).familyName).toBe("Testfamily");
  });
});
