import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { cases } from "@/db/schema";
import { monitoringVisits, movements, reintegrationSteps } from "@/db/schema-lifecycle";
import { addDays, todayIso } from "@/lib/workflows/desk";
import { submitForm } from "@/server/services/form-responses";
import { makeOffice } from "@/server/testing/factories";
import { registerTestCase } from "@/server/testing/registry-fixtures";
import { callerFor, makeUser } from "@/server/testing/sessions";
import { createTestDb, destroyTestDb } from "@/server/testing/test-db";

let db: Db;
beforeAll(() => {
  db = createTestDb();
});
afterAll(() => destroyTestDb(db));

const SCREENING = {
  interviewDate: "2026-03-02",
  interviewCountry: "AT",
  interviewer: "Synthetic interviewer",
  interviewLanguage: "de",
  interpreterUsed: "no",
  referralSource: "ngo",
  consentToScreening: "no",
  decision: "not_eligible",
  decisionReason: "Synthetic",
};

function caseId(code: string) {
  return db.select({ id: cases.id }).from(cases).where(eq(cases.code, code)).get()!.id;
}

async function world() {
  const office = makeOffice(db, { countryIso2: "AT" });
  const other = makeOffice(db, { countryIso2: "UA" });
  const worker = makeUser(db, { role: "caseworker", officeIds: [office.id] });
  const colleague = makeUser(db, { role: "caseworker", officeIds: [office.id] });
  const supervisor = makeUser(db, { role: "supervisor", officeIds: [office.id] });
  const otherSupervisor = makeUser(db, { role: "supervisor", officeIds: [other.id] });
  const mine = registerTestCase(db, worker).caseCode;
  const colleagues = registerTestCase(db, colleague).caseCode;
  const { id: organisationId } = await callerFor(db, supervisor).organisations.create({ name: "Synthetic Shelter", type: "NGO", countryIso2: "AT", services: ["accommodation"] });
  return { office, other, worker, colleague, supervisor, otherSupervisor, mine, colleagues, organisationId };
}

describe("the caseworker's desk", () => {
  it("shows what is due on the user's cases: referrals, travel, steps, visits, returned determinations", async () => {
    const w = await world();
    const today = todayIso();
    const api = callerFor(db, w.worker);
    const referral = (code: string, dueOn: string | null) =>
      callerFor(db, code === w.mine ? w.worker : w.colleague).referrals.create({
        code,
        direction: "incoming",
        organisationId: w.organisationId,
        services: ["accommodation"],
        reason: "Other",
        referredOn: addDays(today, -10),
        dueOn,
      });
    const { id: overdue } = await referral(w.mine, addDays(today, -1));
    const { id: awaiting } = await referral(w.mine, addDays(today, 20));
    const { id: answered } = await referral(w.mine, addDays(today, -1));
    await api.referrals.updateStatus({ id: answered, version: 1, status: "accepted", on: today });
    const { id: colleagueReferral } = await referral(w.colleagues, addDays(today, 1));

    const id = caseId(w.mine);
    const now = Date.now();
    db.insert(movements)
      .values([
        { caseId: id, status: "planned", fromCountry: "AT", toCountry: "UA", departureOn: addDays(today, 3), createdBy: w.worker.id, updatedAt: now },
        { caseId: id, status: "planned", fromCountry: "AT", toCountry: "UA", departureOn: addDays(today, 40), createdBy: w.worker.id, updatedAt: now },
        { caseId: id, status: "cancelled", fromCountry: "AT", toCountry: "UA", departureOn: addDays(today, 2), createdBy: w.worker.id, updatedAt: now },
      ])
      .run();
    db.insert(reintegrationSteps)
      .values([
        { caseId: id, type: "counselling", status: "planned", plannedOn: addDays(today, -2), createdBy: w.worker.id, updatedAt: now },
        { caseId: id, type: "education", status: "done", plannedOn: addDays(today, 1), createdBy: w.worker.id, updatedAt: now },
      ])
      .run();
    db.insert(monitoringVisits)
      .values([
        { caseId: id, months: 3, dueOn: today, status: "scheduled", updatedAt: now },
        { caseId: id, months: 6, dueOn: addDays(today, 90), status: "scheduled", updatedAt: now },
      ])
      .run();
    submitForm(db, w.worker, { caseCode: w.mine, formId: "screening", answers: SCREENING });
    const [pending] = await callerFor(db, w.supervisor).determinations.queue();
    await callerFor(db, w.supervisor).determinations.review({ id: pending!.id, action: "return", comment: "Synthetic: check the dates" });

    const desk = await api.desk.get({ days: 14 });
    expect(desk.scope).toBe("own");
    expect(desk.approvals).toBeNull();
    expect(desk.referrals.map((r) => [r.id, r.overdue])).toEqual([
      [overdue, true],
      [awaiting, false],
    ]);
    expect(desk.travel.map((t) => [t.departureOn, t.timing])).toEqual([[addDays(today, 3), "coming"]]);
    expect(desk.steps.map((s) => [s.type, s.timing])).toEqual([["counselling", "late"]]);
    expect(desk.visits.map((v) => [v.months, v.timing])).toEqual([[3, "today"]]);
    expect(desk.returned.determinations.map((d) => d.caseCode)).toEqual([w.mine]);
    // Nothing of the colleague's case.
    expect(desk.referrals.map((r) => r.id)).not.toContain(colleagueReferral);

    // The supervisor sees the office's items, the other office's supervisor nothing.
    const office = await callerFor(db, w.supervisor).desk.get({});
    expect(office.scope).toBe("office");
    expect(office.referrals.map((r) => r.id)).toEqual(expect.arrayContaining([overdue, awaiting, colleagueReferral]));
    const elsewhere = await callerFor(db, w.otherSupervisor).desk.get({});
    expect(elsewhere.referrals).toEqual([]);
    expect(elsewhere.travel).toEqual([]);

    // A returned determination leaves the desk once resubmitted.
    submitForm(db, w.worker, { caseCode: w.mine, formId: "screening", answers: SCREENING });
    expect((await api.desk.get({})).returned.determinations).toEqual([]);
  });

  it("supervisors get the approvals waiting: determinations, closures, transfers", async () => {
    const w = await world();
    const api = callerFor(db, w.worker);
    submitForm(db, w.worker, { caseCode: w.mine, formId: "screening", answers: SCREENING });
    const { id: closureId } = await callerFor(db, w.colleague).closure.request({ code: w.colleagues, reason: "lost_contact" });
    const kyivWorker = makeUser(db, { role: "caseworker", officeIds: [w.other.id] });
    const { caseCode: kyivCase } = registerTestCase(db, kyivWorker);
    const { id: realTransfer } = await callerFor(db, kyivWorker).transfers.request({ code: kyivCase, toOfficeId: w.office.id });

    const desk = await callerFor(db, w.supervisor).desk.get({});
    expect(desk.approvals!.determinations.map((d) => d.caseCode)).toEqual([w.mine]);
    expect(desk.approvals!.closures.map((c) => c.id)).toEqual([closureId]);
    expect(desk.approvals!.transfers.map((t) => t.id)).toEqual([realTransfer]);
    expect((await api.desk.get({})).approvals).toBeNull();

    // Closed cases leave the desk.
    await callerFor(db, w.supervisor).closure.review({ id: closureId, action: "approve" });
    expect((await callerFor(db, w.supervisor).desk.get({})).approvals!.closures).toEqual([]);
  });

  it("data officers and administrators have no desk", async () => {
    for (const role of ["data_officer", "administrator"] as const) {
      await expect(callerFor(db, makeUser(db, { role })).desk.get({})).rejects.toSatisfy((e: unknown) => e instanceof TRPCError && e.code === "FORBIDDEN");
    }
  });
});
