import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { cases } from "@/db/schema";
import { referrals } from "@/db/schema-lifecycle";
import { caseListParams, caseListQueryFromParams } from "@/lib/schemas/case-list";
import type { SessionUser } from "@/server/auth/session-user";
import { makeOffice } from "@/server/testing/factories";
import { registrationInput, registerTestCase } from "@/server/testing/registry-fixtures";
import { callerFor, makeUser } from "@/server/testing/sessions";
import { createTestDb, destroyTestDb } from "@/server/testing/test-db";

let db: Db;
let supervisor: SessionUser;
let workerA: SessionUser;
let workerB: SessionUser;
let otherOfficeCode: string;
/** Registration dates deliberately out of registration order (the old list sorted by id). */
const DATES = ["2025-06-01", "2023-02-10", "2025-01-15", "2024-07-30", "2025-03-03", "2023-11-20", "2024-01-05"];
const codes: string[] = [];

beforeAll(() => {
  db = createTestDb();
  const office = makeOffice(db, { countryIso2: "AT" });
  const other = makeOffice(db, { countryIso2: "UA" });
  supervisor = makeUser(db, { role: "supervisor", officeIds: [office.id], name: "Synthetic Supervisor" });
  workerA = makeUser(db, { role: "caseworker", officeIds: [office.id], name: "Aaron Synthetic" });
  workerB = makeUser(db, { role: "caseworker", officeIds: [office.id], name: "Zelda Synthetic" });
  const stranger = makeUser(db, { role: "caseworker", officeIds: [other.id] });
  DATES.forEach((registeredOn, i) => {
    const owner = i % 2 === 0 ? workerA : workerB;
    const base = registrationInput(owner);
    const { caseCode } = registerTestCase(db, owner, { registeredOn, identity: { ...base.identity, familyName: `Testlist${i}` } });
    codes.push(caseCode);
  });
  otherOfficeCode = registerTestCase(db, stranger, { registeredOn: "2020-01-01" }).caseCode;
});
afterAll(() => destroyTestDb(db));

describe("case list", () => {
  it("sorts the whole list by registration date, oldest first, across pages, with the total count", async () => {
    const api = callerFor(db, supervisor);
    const first = await api.cases.list({ sort: "registered", dir: "asc", limit: 4 });
    const second = await api.cases.list({ sort: "registered", dir: "asc", limit: 4, page: 2 });
    expect(first).toMatchObject({ total: 7, pageCount: 2, sort: "registered", dir: "asc", page: 1 });
    expect(second.rows).toHaveLength(3);
    const seen = [...first.rows, ...second.rows].map((r) => r.registeredOn);
    expect(seen).toEqual([...DATES].sort());
    // Another office's case is in no page and in no count.
    expect([...first.rows, ...second.rows].map((r) => r.code)).not.toContain(otherOfficeCode);
    // Newest first is the default, and the exact reverse.
    const newest = await api.cases.list({ limit: 10 });
    expect(newest).toMatchObject({ sort: "registered", dir: "desc" });
    expect(newest.rows.map((r) => r.registeredOn)).toEqual([...DATES].sort().reverse());
  });

  it("sorts by owner, status, programme and next due date; filters by owner, status, programme and category", async () => {
    const api = callerFor(db, supervisor);
    const byOwner = await api.cases.list({ sort: "owner", limit: 10 });
    expect(byOwner.rows.map((r) => r.ownerName)).toEqual([...Array(4).fill("Aaron Synthetic"), ...Array(3).fill("Zelda Synthetic")]);
    const byOwnerDesc = await api.cases.list({ sort: "owner", dir: "desc", limit: 10 });
    expect(byOwnerDesc.rows[0]!.ownerName).toBe("Zelda Synthetic");

    // One case follows up, one has no programme: status in lifecycle order, empty programme last.
    db.update(cases).set({ status: "FollowUp" }).where(eq(cases.code, codes[1]!)).run();
    db.update(cases).set({ programme: null }).where(eq(cases.code, codes[2]!)).run();
    db.update(cases).set({ programme: "avrr" }).where(eq(cases.code, codes[3]!)).run();
    const byStatus = await api.cases.list({ sort: "status", limit: 10 });
    expect(byStatus.rows.at(-1)!.code).toBe(codes[1]);
    const byProgramme = await api.cases.list({ sort: "programme", limit: 10 });
    expect(byProgramme.rows[0]!.code).toBe(codes[3]);
    expect(byProgramme.rows.at(-1)!.code).toBe(codes[2]);
    expect((await api.cases.list({ sort: "programme", dir: "desc", limit: 10 })).rows.at(-1)!.code).toBe(codes[2]);

    // Next due: the earliest of what is due for the case; cases with nothing due come last.
    const { id: orgId } = await api.organisations.create({ name: "Synthetic Partner", type: "NGO", countryIso2: "AT", services: ["accommodation"] });
    const referral = (code: string, dueOn: string) => {
      const row = db.select({ id: cases.id }).from(cases).where(eq(cases.code, code)).get()!;
      db.insert(referrals)
        .values({ caseId: row.id, direction: "outgoing", organisationId: orgId, services: "accommodation", reason: "AdditionalServicesRequired", referredOn: "2026-01-01", dueOn, status: "pending", includesIdentity: false, consentOverride: false, createdBy: supervisor.id, updatedAt: Date.now() })
        .run();
    };
    referral(codes[5]!, "2026-05-01");
    referral(codes[4]!, "2026-04-01");
    referral(codes[4]!, "2026-09-01");
    const byDue = await api.cases.list({ sort: "next_due", limit: 10 });
    expect(byDue.rows.slice(0, 2).map((r) => [r.code, r.nextDueOn])).toEqual([
      [codes[4], "2026-04-01"],
      [codes[5], "2026-05-01"],
    ]);
    expect(byDue.rows.at(-1)!.nextDueOn).toBeNull();

    const mine = await api.cases.list({ ownerId: workerB.id, limit: 10 });
    expect(mine.total).toBe(3);
    expect(new Set(mine.rows.map((r) => r.ownerName))).toEqual(new Set(["Zelda Synthetic"]));
    expect((await api.cases.list({ status: "FollowUp" })).rows.map((r) => r.code)).toEqual([codes[1]]);
    expect((await api.cases.list({ programme: "avrr" })).total).toBe(1);
    expect((await api.cases.list({ category: "victim" })).total).toBe(0);
    expect(byOwner.owners.map((o) => o.name)).toEqual(["Aaron Synthetic", "Zelda Synthetic"]);
  });

  it("a caseworker's list and owner filter hold only their own cases", async () => {
    const list = await callerFor(db, workerA).cases.list({ sort: "registered", dir: "asc" });
    expect(list.total).toBe(4);
    expect(list.owners.map((o) => o.name)).toEqual(["Aaron Synthetic"]);
  });

  it("the URL holds the query: each parameter checked on its own, defaults left out", () => {
    const query = caseListQueryFromParams({ sort: "owner", dir: "desc", page: "2", status: "Nonsense", ownerId: "x", programme: "avrr" });
    expect(query).toMatchObject({ sort: "owner", dir: "desc", page: 2, programme: "avrr" });
    expect(query.status).toBeUndefined();
    expect(query.ownerId).toBeUndefined();
    expect(caseListParams(query).toString()).toBe("programme=avrr&sort=owner&dir=desc&page=2");
    expect(caseListParams(caseListQueryFromParams({})).toString()).toBe("");
    expect(caseListParams(caseListQueryFromParams({ sort: "registered", dir: "asc" })).toString()).toBe("sort=registered&dir=asc");
  });
});
