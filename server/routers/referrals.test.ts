import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { referrals } from "@/db/schema-lifecycle";
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
  const other = makeOffice(db, { countryIso2: "UA" });
  const worker = makeUser(db, { role: "caseworker", officeIds: [office.id] });
  const colleague = makeUser(db, { role: "caseworker", officeIds: [office.id] });
  const supervisor = makeUser(db, { role: "supervisor", officeIds: [office.id] });
  const otherSupervisor = makeUser(db, { role: "supervisor", officeIds: [other.id] });
  const { caseCode } = registerTestCase(db, worker);
  const { id: shelterId } = await callerFor(db, supervisor).organisations.create({
    name: "Synthetic Shelter",
    type: "NGO",
    countryIso2: "AT",
    services: ["accommodation"],
  });
  return { office, other, worker, colleague, supervisor, otherSupervisor, caseCode, shelterId };
}

const outgoing = (code: string, organisationId: number, extra: Record<string, unknown> = {}) => ({
  code,
  direction: "outgoing" as const,
  organisationId,
  services: ["accommodation" as const],
  reason: "AdditionalServicesRequired",
  referredOn: DAY,
  dueOn: "2026-03-10",
  ...extra,
});

function auditOf(caseCode: string, action: string) {
  return db
    .select({ details: auditEvents.details, officeId: auditEvents.officeId })
    .from(auditEvents)
    .where(and(eq(auditEvents.entityId, caseCode), eq(auditEvents.action, action)))
    .all();
}

describe("referrals", () => {
  it("after a withdrawal of consent to assistance no new referral is recorded, in either direction, not even by a supervisor", async () => {
    const w = await world();
    const api = callerFor(db, w.worker);
    for (const purpose of ["assistance", "data_processing", "share_with_partners"] as const) {
      await api.consents.record({ code: w.caseCode, purpose, decision: "given", method: "written", decidedOn: DAY });
    }
    await api.consents.record({ code: w.caseCode, purpose: "assistance", decision: "withdrawn", method: "oral", decidedOn: DAY });
    await rejectsWith(api.referrals.create(outgoing(w.caseCode, w.shelterId)), "PRECONDITION_FAILED", "CONSENT_REQUIRED");
    await rejectsWith(api.referrals.create(outgoing(w.caseCode, w.shelterId, { direction: "incoming" })), "PRECONDITION_FAILED", "CONSENT_REQUIRED");
    const sup = callerFor(db, w.supervisor);
    await rejectsWith(sup.referrals.create(outgoing(w.caseCode, w.shelterId, { overrideReason: "Synthetic reason" })), "PRECONDITION_FAILED", "CONSENT_REQUIRED");
    expect(db.select().from(referrals).all().filter((r) => r.organisationId === w.shelterId)).toEqual([]);
    // The section says so truthfully: sharing was consented to, but nothing new can be entered.
    const view = await api.referrals.forCase({ code: w.caseCode });
    expect(view.consentToShare).toBe("given");
    expect(view.entryBlocks).toEqual({ outgoing: "withdrawn", incoming: "withdrawn" });
  });

  it("a withdrawn consent to share cannot be overridden; a missing one can, by a supervisor", async () => {
    const w = await world();
    const api = callerFor(db, w.worker);
    await api.consents.record({ code: w.caseCode, purpose: "share_with_partners", decision: "given", method: "written", decidedOn: DAY });
    await api.consents.record({ code: w.caseCode, purpose: "share_with_partners", decision: "withdrawn", method: "oral", decidedOn: DAY });
    const sup = callerFor(db, w.supervisor);
    await rejectsWith(sup.referrals.create(outgoing(w.caseCode, w.shelterId, { overrideReason: "Synthetic reason" })), "PRECONDITION_FAILED", "CONSENT_REQUIRED");
    // An incoming referral shares nothing: it stays possible.
    await api.referrals.create(outgoing(w.caseCode, w.shelterId, { direction: "incoming" }));
    expect((await api.referrals.forCase({ code: w.caseCode })).entryBlocks).toEqual({ outgoing: "withdrawn", incoming: null });
  });

  it("an outgoing referral needs consent to share; a caseworker is refused without it", async () => {
    const w = await world();
    const api = callerFor(db, w.worker);
    await rejectsWith(api.referrals.create(outgoing(w.caseCode, w.shelterId)), "PRECONDITION_FAILED", "CONSENT_REQUIRED");
    // Refused consent is no better, and a caseworker's "reason" does not override anything.
    await api.consents.record({ code: w.caseCode, purpose: "share_with_partners", decision: "refused", method: "oral", decidedOn: DAY });
    await rejectsWith(api.referrals.create(outgoing(w.caseCode, w.shelterId, { overrideReason: "Synthetic reason" })), "PRECONDITION_FAILED", "CONSENT_REQUIRED");
    expect(db.select().from(referrals).all().filter((r) => r.organisationId === w.shelterId)).toEqual([]);

    // With consent the caseworker refers; the referral is pending, no override.
    await api.consents.record({ code: w.caseCode, purpose: "share_with_partners", decision: "given", method: "written", decidedOn: DAY });
    const made = await api.referrals.create(outgoing(w.caseCode, w.shelterId, { message: "Synthetic message to the shelter" }));
    expect(made.consentOverride).toBe(false);
    const list = await api.referrals.forCase({ code: w.caseCode });
    expect(list.consentToShare).toBe("given");
    expect(list.canOverride).toBe(false);
    expect(list.referrals).toHaveLength(1);
    expect(list.referrals[0]).toMatchObject({ status: "pending", services: ["accommodation"], message: "Synthetic message to the shelter", consentOverride: false, next: ["accepted", "declined", "cancelled"] });
    // The message is encrypted at rest.
    const row = db.select().from(referrals).where(eq(referrals.id, made.id)).get()!;
    expect(row.messageCiphertext?.toString("utf8")).not.toContain("Synthetic message");
    expect(auditOf(w.caseCode, "referral.created")).toHaveLength(1);
    expect(auditOf(w.caseCode, "referral.consent_overridden")).toHaveLength(0);
  });

  it("a supervisor of the office may override the missing consent with a reason, audited", async () => {
    const w = await world();
    const sup = callerFor(db, w.supervisor);
    expect((await sup.referrals.forCase({ code: w.caseCode })).canOverride).toBe(true);
    // No reason: refused, naming the field.
    await expect(sup.referrals.create(outgoing(w.caseCode, w.shelterId))).rejects.toSatisfy(
      (e: unknown) => e instanceof TRPCError && (e.cause as { fieldErrors?: Record<string, string> }).fieldErrors?.overrideReason === "referrals.validation.overrideReasonRequired",
    );
    const made = await sup.referrals.create(outgoing(w.caseCode, w.shelterId, { overrideReason: "Synthetic urgent protection need" }));
    expect(made.consentOverride).toBe(true);
    const [listed] = (await sup.referrals.forCase({ code: w.caseCode })).referrals;
    expect(listed).toMatchObject({ consentOverride: true, overrideReason: "Synthetic urgent protection need" });
    const overridden = auditOf(w.caseCode, "referral.consent_overridden");
    expect(overridden).toHaveLength(1);
    expect(overridden[0]!.officeId).toBe(w.office.id);
    // The reason is not in the audit trail (narrative text stays encrypted).
    expect(overridden[0]!.details).not.toContain("Synthetic urgent");
    expect(auditOf(w.caseCode, "referral.created")[0]!.details).toContain('"consentOverride":true');

    // A supervisor of another office cannot even see the case.
    await rejectsWith(callerFor(db, w.otherSupervisor).referrals.create(outgoing(w.caseCode, w.shelterId, { overrideReason: "x" })), "NOT_FOUND");
  });

  it("incoming referrals need no consent to share", async () => {
    const w = await world();
    const { id } = await callerFor(db, w.worker).referrals.create({ ...outgoing(w.caseCode, w.shelterId), direction: "incoming", reason: "MigrationOrChangeOfLocation" });
    expect(id).toBeGreaterThan(0);
  });

  it("statuses follow the referral machine; declining needs a reason; overdue is flagged", async () => {
    const w = await world();
    const api = callerFor(db, w.worker);
    const { id } = await api.referrals.create({ ...outgoing(w.caseCode, w.shelterId, { dueOn: "2026-03-04" }), direction: "incoming" });
    let [r] = (await api.referrals.forCase({ code: w.caseCode })).referrals;
    // Past its due date and still pending.
    expect(r!.overdue).toBe(true);

    await rejectsWith(api.referrals.updateStatus({ id, version: 1, status: "completed", on: DAY }), "PRECONDITION_FAILED", "INVALID_STATE");
    await rejectsWith(api.referrals.updateStatus({ id, version: 1, status: "declined", on: DAY }), "BAD_REQUEST");
    await rejectsWith(api.referrals.updateStatus({ id, version: 1, status: "accepted", on: "2026-03-01" }), "BAD_REQUEST", "VALIDATION");
    await api.referrals.updateStatus({ id, version: 1, status: "accepted", on: DAY });
    [r] = (await api.referrals.forCase({ code: w.caseCode })).referrals;
    expect(r).toMatchObject({ status: "accepted", respondedOn: DAY, overdue: false, version: 2, next: ["completed", "cancelled"] });
    // A stale version is refused.
    await rejectsWith(api.referrals.updateStatus({ id, version: 1, status: "completed", on: DAY }), "CONFLICT", "STALE_VERSION");
    await api.referrals.updateStatus({ id, version: 2, status: "completed", on: DAY });
    [r] = (await api.referrals.forCase({ code: w.caseCode })).referrals;
    expect(r).toMatchObject({ status: "completed", completedOn: DAY, next: [] });
    await rejectsWith(api.referrals.updateStatus({ id, version: 3, status: "cancelled", on: DAY }), "PRECONDITION_FAILED", "INVALID_STATE");

    const { id: second } = await api.referrals.create({ ...outgoing(w.caseCode, w.shelterId), direction: "incoming" });
    await api.referrals.updateStatus({ id: second, version: 1, status: "declined", on: DAY, declineReason: "Synthetic: no places" });
    const declined = (await api.referrals.forCase({ code: w.caseCode })).referrals.find((x) => x.id === second);
    expect(declined).toMatchObject({ status: "declined", declineReason: "Synthetic: no places" });
    expect(auditOf(w.caseCode, "referral.status_changed").map((e) => JSON.parse(e.details) as { to: string }).map((d) => d.to)).toEqual(["accepted", "completed", "declined"]);
  });

  it("a caseworker cannot act on a colleague's case; an inactive organisation is refused", async () => {
    const w = await world();
    await rejectsWith(callerFor(db, w.colleague).referrals.forCase({ code: w.caseCode }), "NOT_FOUND");
    await rejectsWith(callerFor(db, w.colleague).referrals.create({ ...outgoing(w.caseCode, w.shelterId), direction: "incoming" }), "NOT_FOUND");
    await callerFor(db, w.supervisor).organisations.update({ id: w.shelterId, version: 1, name: "Synthetic Shelter", type: "NGO", countryIso2: "AT", services: [], active: false });
    await rejectsWith(callerFor(db, w.worker).referrals.create({ ...outgoing(w.caseCode, w.shelterId), direction: "incoming" }), "BAD_REQUEST", "VALIDATION");
  });
});
