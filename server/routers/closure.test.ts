import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditEvents } from "@/db/schema";
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

const DAY = "2026-03-03";

async function world() {
  const office = makeOffice(db, { countryIso2: "AT" });
  const kyiv = makeOffice(db, { countryIso2: "UA" });
  const worker = makeUser(db, { role: "caseworker", officeIds: [office.id] });
  const supervisor = makeUser(db, { role: "supervisor", officeIds: [office.id] });
  const otherSupervisor = makeUser(db, { role: "supervisor", officeIds: [kyiv.id] });
  const { caseCode } = registerTestCase(db, worker);
  const api = callerFor(db, worker);
  for (const purpose of ["assistance", "data_processing", "share_with_partners"] as const) {
    await api.consents.record({ code: caseCode, purpose, decision: "given", method: "written", decidedOn: DAY });
  }
  const { id: organisationId } = await callerFor(db, supervisor).organisations.create({ name: "Synthetic Legal Aid", type: "LegalService", countryIso2: "AT", services: ["legal_consular"] });
  const { id: serviceId } = await api.services.create({ code: caseCode, type: "medical", status: "needed" });
  const { id: referralId } = await api.referrals.create({
    code: caseCode,
    direction: "outgoing",
    organisationId,
    services: ["legal_consular"],
    reason: "AdditionalServicesRequired",
    referredOn: DAY,
  });
  return { office, kyiv, worker, supervisor, otherSupervisor, caseCode, organisationId, serviceId, referralId };
}

function actions(caseCode: string) {
  return db.select({ action: auditEvents.action }).from(auditEvents).where(and(eq(auditEvents.entityId, caseCode))).all().map((e) => e.action);
}

describe("closure", () => {
  it("a caseworker requests with a reason; a supervisor returns it with a comment, then approves a new request", async () => {
    const w = await world();
    const api = callerFor(db, w.worker);
    const sup = callerFor(db, w.supervisor);
    expect((await api.closure.forCase({ code: w.caseCode })).canRequest).toBe(true);
    // "other" needs a comment.
    await rejectsWith(api.closure.request({ code: w.caseCode, reason: "other" }), "BAD_REQUEST");
    const { id } = await api.closure.request({ code: w.caseCode, reason: "assistance_completed", comment: "Synthetic: all services delivered" });
    await rejectsWith(api.closure.request({ code: w.caseCode, reason: "lost_contact" }), "PRECONDITION_FAILED", "INVALID_STATE");
    const requested = await api.closure.forCase({ code: w.caseCode });
    expect(requested).toMatchObject({ state: "closure_requested", canRequest: false, canReview: false, pending: { id, reason: "assistance_completed", ownRequest: true } });
    expect(requested.history[0]!.comment).toBe("Synthetic: all services delivered");

    // A caseworker cannot approve; a supervisor of another office cannot see it.
    await rejectsWith(api.closure.review({ id, action: "approve" }), "FORBIDDEN");
    await rejectsWith(callerFor(db, w.otherSupervisor).closure.review({ id, action: "approve" }), "NOT_FOUND");
    expect(await callerFor(db, w.otherSupervisor).closure.queue()).toEqual([]);
    expect((await sup.closure.queue()).find((q) => q.id === id)).toMatchObject({ caseCode: w.caseCode, reason: "assistance_completed", ownRequest: false });
    expect((await sup.closure.forCase({ code: w.caseCode })).canReview).toBe(true);

    // Returning needs a comment.
    await rejectsWith(sup.closure.review({ id, action: "return" }), "BAD_REQUEST");
    await sup.closure.review({ id, action: "return", comment: "Synthetic: the legal referral is still open" });
    const returned = await api.closure.forCase({ code: w.caseCode });
    expect(returned).toMatchObject({ state: "open", canRequest: true, pending: null });
    expect(returned.history[0]).toMatchObject({ status: "returned", comment: "Synthetic: the legal referral is still open" });

    const { id: second } = await api.closure.request({ code: w.caseCode, reason: "assistance_completed" });
    await sup.closure.review({ id: second, action: "approve" });
    const closed = await api.closure.forCase({ code: w.caseCode });
    expect(closed).toMatchObject({ state: "closed", caseStatus: "Closed", canRequest: false, canReopen: false });
    expect((await sup.closure.forCase({ code: w.caseCode })).canReopen).toBe(true);
    expect(actions(w.caseCode)).toEqual(expect.arrayContaining(["closure.requested", "closure.returned", "closure.approved"]));
  });

  it("a closed case is read-only everywhere: forms, notes, consent, services, referrals, transfers, case facts", async () => {
    const w = await world();
    const api = callerFor(db, w.worker);
    const sup = callerFor(db, w.supervisor);
    const { id } = await api.closure.request({ code: w.caseCode, reason: "lost_contact" });
    await sup.closure.review({ id, action: "approve" });
    const closed = (p: Promise<unknown>) => rejectsWith(p, "PRECONDITION_FAILED", "INVALID_STATE");

    for (const caller of [api, sup]) {
      await closed(caller.forms.saveDraft({ caseCode: w.caseCode, formId: "screening", answers: { interviewDate: DAY }, baseUpdatedAt: null }));
      await closed(caller.forms.submit({ caseCode: w.caseCode, formId: "screening", answers: {} }));
      await closed(caller.cases.addNote({ code: w.caseCode, body: "Synthetic" }));
      await closed(caller.cases.update({ code: w.caseCode, version: 2, programme: "avrr", status: "Active", registeredOn: "2026-03-01", categories: [] }));
      await closed(caller.consents.record({ code: w.caseCode, purpose: "share_with_partners", decision: "withdrawn", method: "oral", decidedOn: DAY }));
      await closed(caller.services.create({ code: w.caseCode, type: "cash", status: "needed" }));
      await closed(caller.services.update({ id: w.serviceId, version: 1, status: "provided", provider: "self", funding: "project", startedOn: DAY }));
      await closed(caller.referrals.create({ code: w.caseCode, direction: "incoming", organisationId: w.organisationId, services: ["legal_consular"], reason: "Other", referredOn: DAY }));
      await closed(caller.referrals.updateStatus({ id: w.referralId, version: 1, status: "accepted", on: DAY }));
      await closed(caller.transfers.request({ code: w.caseCode, toOfficeId: w.kyiv.id }));
      await closed(caller.closure.request({ code: w.caseCode, reason: "assistance_completed" }));
    }
    await closed(sup.cases.assign({ code: w.caseCode, version: 2, ownerId: w.worker.id, assigneeIds: [] }));
    // Reading still works, and the UI is told.
    expect((await api.forms.get({ caseCode: w.caseCode, formId: "screening" })).writable).toBe(false);
    const referrals = await api.referrals.forCase({ code: w.caseCode });
    expect(referrals).toMatchObject({ caseClosed: true, canWrite: false });
    expect(referrals.referrals[0]!.next).toEqual([]);
  });

  it("a supervisor reopens with a reason; the case takes data again; caseworkers cannot reopen", async () => {
    const w = await world();
    const api = callerFor(db, w.worker);
    const sup = callerFor(db, w.supervisor);
    const { id } = await api.closure.request({ code: w.caseCode, reason: "transferred" });
    await sup.closure.review({ id, action: "approve" });
    expect((await api.cases.get({ code: w.caseCode })).status).toBe("ClosedReferred");

    await rejectsWith(api.closure.reopen({ code: w.caseCode, reason: "Synthetic" }), "FORBIDDEN");
    await rejectsWith(callerFor(db, w.otherSupervisor).closure.reopen({ code: w.caseCode, reason: "Synthetic" }), "NOT_FOUND");
    await rejectsWith(sup.closure.reopen({ code: w.caseCode, reason: "  " }), "BAD_REQUEST");
    await sup.closure.reopen({ code: w.caseCode, reason: "Synthetic: the person came back" });
    const reopened = await api.closure.forCase({ code: w.caseCode });
    expect(reopened).toMatchObject({ state: "open", caseStatus: "Active", canRequest: true });
    expect(reopened.history[0]).toMatchObject({ kind: "reopening", comment: "Synthetic: the person came back" });
    await api.cases.addNote({ code: w.caseCode, body: "Synthetic note after reopening" });
    await rejectsWith(sup.closure.reopen({ code: w.caseCode, reason: "again" }), "PRECONDITION_FAILED", "INVALID_STATE");
    expect(actions(w.caseCode)).toContain("case.reopened");
  });

  it("a supervisor never approves their own request", async () => {
    const w = await world();
    const sup = callerFor(db, w.supervisor);
    const { id } = await sup.closure.request({ code: w.caseCode, reason: "deceased" });
    expect((await sup.closure.forCase({ code: w.caseCode })).canReview).toBe(false);
    await rejectsWith(sup.closure.review({ id, action: "approve" }), "FORBIDDEN");
    const colleague = makeUser(db, { role: "supervisor", officeIds: [w.office.id] });
    await callerFor(db, colleague).closure.review({ id, action: "approve" });
    expect((await sup.cases.get({ code: w.caseCode })).status).toBe("Closed");
  });
});
