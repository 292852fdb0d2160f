import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditEvents, cases, caseValues } from "@/db/schema";
import { monitoringVisits } from "@/db/schema-lifecycle";
import { makeOffice } from "@/server/testing/factories";
import { registerTestCase } from "@/server/testing/registry-fixtures";
import { callerFor, makeUser } from "@/server/testing/sessions";
import { createTestDb, destroyTestDb } from "@/server/testing/test-db";

let db: Db;
beforeAll(() => {
  db = createTestDb();
});
afterAll(() => destroyTestDb(db));

async function rejectsWith(p: Promise<unknown>, code: TRPCError["code"], appCode?: string) {
  await expect(p).rejects.toSatisfy(
    (e: unknown) => e instanceof TRPCError && e.code === code && (!appCode || (e.cause as { code?: string } | undefined)?.code === appCode),
  );
}


function world() {
  const vienna = makeOffice(db, { countryIso2: "AT" });
  const kyiv = makeOffice(db, { countryIso2: "UA" });
  const third = makeOffice(db, { countryIso2: "ID" });
  const worker = makeUser(db, { role: "caseworker", officeIds: [vienna.id] });
  const supervisor = makeUser(db, { role: "supervisor", officeIds: [vienna.id] });
  const kyivWorker = makeUser(db, { role: "caseworker", officeIds: [kyiv.id] });
  const kyivSupervisor = makeUser(db, { role: "supervisor", officeIds: [kyiv.id] });
  const thirdSupervisor = makeUser(db, { role: "supervisor", officeIds: [third.id] });
  const { caseCode, personCode } = registerTestCase(db, worker, { programme: "avrr" });
  // The screening's core variables (as an approved determination would write them).
  const origin = db.select({ id: cases.id }).from(cases).where(eq(cases.code, caseCode)).get()!;
  db.update(cases).set({ catVictim: true, traffickingStatus: "ActualVictimOfTrafficking", traffickingType: "international", countryOfExploitation: "AT" }).where(eq(cases.id, origin.id)).run();
  db.insert(caseValues).values({ caseId: origin.id, kind: "exploitation", value: "ForcedLabour" }).run();
  return { vienna, kyiv, third, worker, supervisor, kyivWorker, kyivSupervisor, thirdSupervisor, caseCode, personCode };
}

describe("transfers between offices", () => {
  it("origin requests, the receiving supervisor accepts: a new case for the same person, linked on both sides", async () => {
    const w = world();
    const api = callerFor(db, w.worker);
    const destinations = await api.transfers.destinations({ code: w.caseCode });
    expect(destinations.map((o) => o.id)).toContain(w.kyiv.id);
    expect(destinations.map((o) => o.id)).not.toContain(w.vienna.id);
    await rejectsWith(api.transfers.request({ code: w.caseCode, toOfficeId: w.vienna.id }), "BAD_REQUEST", "VALIDATION");

    const { id } = await api.transfers.request({ code: w.caseCode, toOfficeId: w.kyiv.id, message: "Synthetic: returns next month" });
    // Only one pending transfer at a time.
    await rejectsWith(api.transfers.request({ code: w.caseCode, toOfficeId: w.third.id }), "PRECONDITION_FAILED", "INVALID_STATE");
    const before = await api.transfers.forCase({ code: w.caseCode });
    expect(before.canRequest).toBe(false);
    expect(before.outgoing[0]).toMatchObject({ status: "pending", toOfficeCode: w.kyiv.code, message: "Synthetic: returns next month", canCancel: true, newCaseCode: null });

    // The receiving supervisor sees it with the summary, no identity; other supervisors do not.
    expect(await callerFor(db, w.thirdSupervisor).transfers.incoming()).toEqual([]);
    expect(await callerFor(db, w.supervisor).transfers.incoming()).toEqual([]);
    const [incoming] = await callerFor(db, w.kyivSupervisor).transfers.incoming();
    expect(incoming).toMatchObject({ id, fromCaseCode: w.caseCode, message: "Synthetic: returns next month" });
    expect(incoming!.summary).toMatchObject({ sex: "Feminine", citizenship: "UA", programme: "avrr", catVictim: true, traffickingStatus: "ActualVictimOfTrafficking", exploitation: ["ForcedLabour"] });
    const payload = JSON.stringify(incoming);
    for (const secret of ["Testfamily", "Testgiven", "TST000001", "Synthetic street"]) expect(payload).not.toContain(secret);
    expect(incoming!.staff.map((s) => s.id)).toEqual(expect.arrayContaining([w.kyivWorker.id, w.kyivSupervisor.id]));

    // Neither the origin office nor a third office can decide; a caseworker cannot.
    await rejectsWith(callerFor(db, w.supervisor).transfers.decide({ id, action: "accept" }), "NOT_FOUND");
    await rejectsWith(callerFor(db, w.thirdSupervisor).transfers.decide({ id, action: "accept" }), "NOT_FOUND");
    await rejectsWith(callerFor(db, w.kyivWorker).transfers.decide({ id, action: "accept" }), "FORBIDDEN");

    const decided = await callerFor(db, w.kyivSupervisor).transfers.decide({ id, action: "accept", ownerId: w.kyivWorker.id });
    expect(decided.status).toBe("accepted");
    const newCode = decided.newCaseCode!;

    // The new case belongs to the receiving office, owned by the chosen caseworker, for the same person.
    const kyivApi = callerFor(db, w.kyivWorker);
    const created = await kyivApi.cases.get({ code: newCode });
    expect(created).toMatchObject({ personCode: w.personCode, officeId: w.kyiv.id, ownerId: w.kyivWorker.id, status: "Active", programme: "avrr", catVictim: true, traffickingStatus: "ActualVictimOfTrafficking" });
    expect(created.otherCases.map((o) => o.code)).toContain(w.caseCode);
    const newId = db.select({ id: cases.id }).from(cases).where(eq(cases.code, newCode)).get()!.id;
    expect(db.select({ value: caseValues.value }).from(caseValues).where(eq(caseValues.caseId, newId)).all()).toEqual([{ value: "ForcedLabour" }]);

    // Both sides see the link.
    const originView = await api.transfers.forCase({ code: w.caseCode });
    expect(originView.outgoing[0]).toMatchObject({ status: "accepted", newCaseCode: newCode, canCancel: false });
    const receivingView = await kyivApi.transfers.forCase({ code: newCode });
    expect(receivingView.incoming).toMatchObject({ fromCaseCode: w.caseCode, fromOfficeCode: w.vienna.code });
    expect(receivingView.incoming!.summary.traffickingStatus).toBe("ActualVictimOfTrafficking");

    // The receiving office cannot open the origin case itself: not its data, not its notes, not its forms.
    await rejectsWith(kyivApi.cases.get({ code: w.caseCode }), "NOT_FOUND");
    await rejectsWith(kyivApi.cases.revealIdentity({ code: w.caseCode }), "NOT_FOUND");
    await rejectsWith(kyivApi.cases.notes({ code: w.caseCode }), "NOT_FOUND");
    await rejectsWith(kyivApi.forms.get({ caseCode: w.caseCode, formId: "screening" }), "NOT_FOUND");
    await rejectsWith(callerFor(db, w.kyivSupervisor).cases.get({ code: w.caseCode }), "NOT_FOUND");
    // ...nor the origin office the new one.
    await rejectsWith(callerFor(db, w.supervisor).cases.get({ code: newCode }), "NOT_FOUND");

    // Audited on both offices.
    const events = db.select({ action: auditEvents.action, entityId: auditEvents.entityId, officeId: auditEvents.officeId }).from(auditEvents).where(
      and(eq(auditEvents.actorUserId, w.kyivSupervisor.id)),
    ).all();
    expect(events).toEqual(
      expect.arrayContaining([
        { action: "transfer.accepted", entityId: w.caseCode, officeId: w.vienna.id },
        { action: "case.transferred_in", entityId: newCode, officeId: w.kyiv.id },
      ]),
    );

    // Deciding twice is refused; transferring again to the same office too.
    await rejectsWith(callerFor(db, w.kyivSupervisor).transfers.decide({ id, action: "decline", reason: "x" }), "PRECONDITION_FAILED", "INVALID_STATE");
    await rejectsWith(api.transfers.request({ code: w.caseCode, toOfficeId: w.kyiv.id }), "PRECONDITION_FAILED", "INVALID_STATE");
  });

  it("declining needs a reason, which the origin sees; a pending transfer can be cancelled by its side", async () => {
    const w = world();
    const api = callerFor(db, w.worker);
    const { id } = await api.transfers.request({ code: w.caseCode, toOfficeId: w.kyiv.id });
    const kyivSup = callerFor(db, w.kyivSupervisor);
    await rejectsWith(kyivSup.transfers.decide({ id, action: "decline" }), "BAD_REQUEST");
    await kyivSup.transfers.decide({ id, action: "decline", reason: "Synthetic: not our area" });
    const view = await api.transfers.forCase({ code: w.caseCode });
    expect(view.outgoing[0]).toMatchObject({ status: "declined", declineReason: "Synthetic: not our area" });
    expect(view.canRequest).toBe(true);

    const { id: second } = await api.transfers.request({ code: w.caseCode, toOfficeId: w.third.id });
    await rejectsWith(kyivSup.transfers.cancel({ id: second }), "NOT_FOUND");
    await api.transfers.cancel({ id: second });
    expect((await api.transfers.forCase({ code: w.caseCode })).outgoing[0]!.status).toBe("cancelled");
    expect(await callerFor(db, w.thirdSupervisor).transfers.incoming()).toEqual([]);
  });

  it("nobody accepts their own request, and the owner must work in the receiving office", async () => {
    const w = world();
    const both = makeUser(db, { role: "supervisor", officeIds: [w.vienna.id, w.kyiv.id] });
    const { id } = await callerFor(db, both).transfers.request({ code: w.caseCode, toOfficeId: w.kyiv.id });
    await rejectsWith(callerFor(db, both).transfers.decide({ id, action: "accept" }), "FORBIDDEN");
    await rejectsWith(callerFor(db, w.kyivSupervisor).transfers.decide({ id, action: "accept", ownerId: w.worker.id }), "BAD_REQUEST", "VALIDATION");
  });

  it("a person who has already returned gets the monitoring visits on the receiving case", async () => {
    const w = world();
    db.update(cases).set({ returnCountry: "UA", returnedOn: "2026-02-10" }).where(eq(cases.code, w.caseCode)).run();
    const { id } = await callerFor(db, w.worker).transfers.request({ code: w.caseCode, toOfficeId: w.kyiv.id });
    const { newCaseCode } = await callerFor(db, w.kyivSupervisor).transfers.decide({ id, action: "accept" });
    const newId = db.select({ id: cases.id }).from(cases).where(eq(cases.code, newCaseCode!)).get()!.id;
    const visits = db.select({ months: monitoringVisits.months, dueOn: monitoringVisits.dueOn }).from(monitoringVisits).where(eq(monitoringVisits.caseId, newId)).all();
    expect(visits.sort((a, b) => a.months - b.months)).toEqual([
      { months: 3, dueOn: "2026-05-10" },
      { months: 6, dueOn: "2026-08-10" },
      { months: 12, dueOn: "2027-02-10" },
    ]);
    expect((await callerFor(db, w.kyivSupervisor).cases.get({ code: newCaseCode! })).returnedOn).toBe("2026-02-10");
  });

  it("a closed case cannot be transferred", async () => {
    const w = world();
    const { id } = await callerFor(db, w.worker).closure.request({ code: w.caseCode, reason: "assistance_completed" });
    await callerFor(db, w.supervisor).closure.review({ id, action: "approve" });
    await rejectsWith(callerFor(db, w.worker).transfers.request({ code: w.caseCode, toOfficeId: w.kyiv.id }), "PRECONDITION_FAILED", "INVALID_STATE");
    expect((await callerFor(db, w.worker).transfers.forCase({ code: w.caseCode })).canRequest).toBe(false);
  });
});
