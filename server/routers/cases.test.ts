import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditEvents, identities } from "@/db/schema";
import { desc, eq } from "drizzle-orm";
import { makeOffice } from "@/server/testing/factories";
import { registrationInput, registerTestCase } from "@/server/testing/registry-fixtures";
import { callerFor, makeUser } from "@/server/testing/sessions";
import { createTestDb, destroyTestDb } from "@/server/testing/test-db";

let db: Db;
beforeAll(() => {
  db = createTestDb();
});
afterAll(() => destroyTestDb(db));

async function expectCode(promise: Promise<unknown>, code: TRPCError["code"]) {
  await expect(promise).rejects.toSatisfy((e: unknown) => e instanceof TRPCError && e.code === code);
}

describe("cases router", () => {
  it("registers a person and a case, storing identity only as ciphertext", async () => {
    const office = makeOffice(db, { countryIso2: "AT" });
    const worker = makeUser(db, { role: "caseworker", officeIds: [office.id] });
    const api = callerFor(db, worker);
    const { caseCode, personCode } = await api.cases.register(registrationInput(worker));
    expect(caseCode).toMatch(/^C-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(personCode).toMatch(/^P-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

    const vault = db.select().from(identities).all();
    const stored = Buffer.concat(vault.map((v) => v.ciphertext)).toString("latin1");
    expect(stored).not.toContain("Testfamily");
    const whole = db.$client.serialize().toString("latin1");
    expect(whole).not.toContain("Testfamily");
    expect(whole).not.toContain("TST000001");

    const detail = await api.cases.get({ code: caseCode });
    expect(detail).toMatchObject({ code: caseCode, personCode, sex: "Feminine", citizenship: "UA", countryOfIdentification: "AT" });
    expect(JSON.stringify(detail)).not.toContain("Testfamily");

    const list = await api.cases.list({});
    expect(list.rows.map((r) => r.code)).toContain(caseCode);
    const byPerson = await api.cases.list({ search: personCode.toLowerCase() });
    expect(byPerson.rows.map((r) => r.code)).toEqual([caseCode]);
  });

  it("reveals identity only on request, and audits it", async () => {
    const office = makeOffice(db);
    const worker = makeUser(db, { role: "caseworker", officeIds: [office.id] });
    const { caseCode } = registerTestCase(db, worker);
    const identity = await callerFor(db, worker).cases.revealIdentity({ code: caseCode });
    expect(identity.familyName).toBe("Testfamily");
    const last = db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1).get();
    expect(last).toMatchObject({ action: "identity.revealed", actorUserId: worker.id, entityId: caseCode });
    expect(last?.details).not.toContain("Testfamily");
  });

  it("hides cases of other offices and of other caseworkers as NOT_FOUND", async () => {
    const a = makeOffice(db);
    const b = makeOffice(db);
    const owner = makeUser(db, { role: "caseworker", officeIds: [a.id] });
    const colleague = makeUser(db, { role: "caseworker", officeIds: [a.id] });
    const stranger = makeUser(db, { role: "caseworker", officeIds: [b.id] });
    const supervisorA = makeUser(db, { role: "supervisor", officeIds: [a.id] });
    const supervisorB = makeUser(db, { role: "supervisor", officeIds: [b.id] });
    const { caseCode } = registerTestCase(db, owner);

    await expectCode(callerFor(db, stranger).cases.get({ code: caseCode }), "NOT_FOUND");
    await expectCode(callerFor(db, stranger).cases.revealIdentity({ code: caseCode }), "NOT_FOUND");
    await expectCode(callerFor(db, colleague).cases.get({ code: caseCode }), "NOT_FOUND");
    await expectCode(callerFor(db, supervisorB).cases.get({ code: caseCode }), "NOT_FOUND");
    expect((await callerFor(db, supervisorA).cases.get({ code: caseCode })).code).toBe(caseCode);
    expect((await callerFor(db, stranger).cases.list({})).rows.map((r) => r.code)).not.toContain(caseCode);

    // Assignment opens the case to the colleague.
    const detail = await callerFor(db, supervisorA).cases.get({ code: caseCode });
    await callerFor(db, supervisorA).cases.assign({ code: caseCode, version: detail.version, ownerId: owner.id, assigneeIds: [colleague.id] });
    expect((await callerFor(db, colleague).cases.get({ code: caseCode })).code).toBe(caseCode);
  });

  it("refuses a stale update and keeps the newer data", async () => {
    const office = makeOffice(db);
    const worker = makeUser(db, { role: "caseworker", officeIds: [office.id] });
    const { caseCode } = registerTestCase(db, worker);
    const api = callerFor(db, worker);
    const base = { code: caseCode, status: "Active" as const, registeredOn: "2026-03-01", categories: [] };
    await api.cases.update({ ...base, version: 1, programme: "avrr" });
    await expectCode(api.cases.update({ ...base, version: 1, programme: "para" }), "CONFLICT");
    expect((await api.cases.get({ code: caseCode })).programme).toBe("avrr");
  });

  it("warns of probable duplicates of the office with codes and offices only, and links a new case to the person", async () => {
    // Across offices a match says only that it exists and linking is a request: person-links.test.ts.
    const a = makeOffice(db, { countryIso2: "AT" });
    const first = makeUser(db, { role: "caseworker", officeIds: [a.id] });
    const second = makeUser(db, { role: "caseworker", officeIds: [a.id] });
    const { personCode } = registerTestCase(db, first, {
      identity: { familyName: "Dupfamilia", givenName: "Dupgiven", birthDate: "1991-01-02", aliases: [], documents: [], nextOfKin: [] },
    });
    const matches = await callerFor(db, second).persons.probableDuplicates({ familyName: " dupfamília ", givenName: "DUPGIVEN", birthDate: "1991-01-02" });
    expect(matches).toEqual({ matches: [{ personCode, officeCode: a.code, officeName: expect.any(String), match: "strong", caseCount: 1 }], elsewhere: null });
    expect(JSON.stringify(matches)).not.toMatch(/dup/i);

    const linked = await callerFor(db, second).cases.register({ ...registrationInput(second), linkPersonCode: personCode });
    expect(linked.personCode).toBe(personCode);
    const detail = await callerFor(db, second).cases.get({ code: linked.caseCode });
    expect(detail.otherCases).toHaveLength(1);
    // The identity is the person's: the colleague can reveal it for their case.
    expect((await callerFor(db, second).cases.revealIdentity({ code: linked.caseCode })).familyName).toBe("Dupfamilia");
    const event = db.select().from(auditEvents).where(eq(auditEvents.entityId, linked.caseCode)).get();
    expect(event?.action).toBe("case.linked");
  });

  it("encrypts notes and audits their reading", async () => {
    const office = makeOffice(db);
    const worker = makeUser(db, { role: "caseworker", officeIds: [office.id] });
    const { caseCode } = registerTestCase(db, worker);
    const api = callerFor(db, worker);
    await api.cases.addNote({ code: caseCode, body: "Synthetic note about shelter placement" });
    expect(db.$client.serialize().toString("latin1")).not.toContain("Synthetic note");
    const notes = await api.cases.notes({ code: caseCode });
    expect(notes.map((n) => n.body)).toEqual(["Synthetic note about shelter placement"]);
    const last = db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1).get();
    expect(last).toMatchObject({ action: "notes.read", entityId: caseCode });
  });
});
