import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { cases, caseValues, formResponses } from "@/db/schema";
import { makeOffice } from "@/server/testing/factories";
import { registerTestCase } from "@/server/testing/registry-fixtures";
import { callerFor, makeUser } from "@/server/testing/sessions";
import { createTestDb, destroyTestDb } from "@/server/testing/test-db";

let db: Db;
beforeAll(() => {
  db = createTestDb();
});
afterAll(() => destroyTestDb(db));

/** A child trafficked within their own country for begging (synthetic answers). */
const childBegging = {
  interviewDate: "2026-03-02",
  interviewCountry: "ID",
  interviewer: "Test interviewer",
  interviewLanguage: "id",
  interpreterUsed: "no",
  referralSource: "outreach",
  consentToScreening: "yes",
  age: 12,
  unaccompanied: "yes",
  urgentHealthNeeds: "no",
  inDetention: "no",
  countryOfOrigin: "ID",
  countryOfIdentification: "ID",
  countryOfExploitation: "ID",
  crossedBorder: "no",
  actRecruitment: "yes",
  actTransportation: "yes",
  actTransfer: "no",
  actHarbouring: "yes",
  actReceipt: "unknown",
  recruiterRelationship: "Acquainted",
  purposeExploitation: "yes",
  exploitationTypes: ["ForcedBegging"],
  stillInSituation: "no",
  howLeft: "rescued",
  abuseOrExploitation: "yes",
  stranded: "no",
  decision: "victim",
};

async function rejectsWith(p: Promise<unknown>, code: TRPCError["code"]) {
  await expect(p).rejects.toSatisfy((e: unknown) => e instanceof TRPCError && e.code === code);
}

describe("screening: drafts, submission, determination and approval", () => {
  it("runs the whole journey and sets the core variables on approval", async () => {
    const office = makeOffice(db, { countryIso2: "ID" });
    const worker = makeUser(db, { role: "caseworker", officeIds: [office.id] });
    const supervisor = makeUser(db, { role: "supervisor", officeIds: [office.id] });
    const { caseCode } = registerTestCase(db, worker);
    const api = callerFor(db, worker);

    const { updatedAt } = await api.forms.saveDraft({ caseCode, formId: "screening", answers: { interviewDate: "2026-03-02", age: 12 }, baseUpdatedAt: null });
    // A second tab still holding "no draft" cannot overwrite it.
    await rejectsWith(api.forms.saveDraft({ caseCode, formId: "screening", answers: {}, baseUpdatedAt: null }), "CONFLICT");
    const resumed = await api.forms.get({ caseCode, formId: "screening" });
    expect(resumed.draft?.answers).toEqual({ interviewDate: "2026-03-02", age: 12 });
    // Stored encrypted.
    const raw = db.select().from(formResponses).all();
    expect(Buffer.concat(raw.map((r) => r.ciphertext)).toString("latin1")).not.toContain("2026-03-02");

    // Incomplete submission lists what is missing and keeps the draft.
    await expect(api.forms.submit({ caseCode, formId: "screening", answers: { interviewDate: "2026-03-02" } })).rejects.toSatisfy(
      (e: unknown) => e instanceof TRPCError && e.code === "BAD_REQUEST",
    );
    await api.forms.saveDraft({ caseCode, formId: "screening", answers: childBegging, baseUpdatedAt: updatedAt });
    expect((await api.forms.submit({ caseCode, formId: "screening", answers: childBegging })).revision).toBe(1);

    // The caseworker cannot approve; the supervisor returns it with a comment.
    const [pending] = await callerFor(db, supervisor).determinations.queue();
    expect(pending).toMatchObject({ caseCode, computed: "victim", decision: "victim" });
    await rejectsWith(api.determinations.review({ id: pending!.id, action: "approve" }), "FORBIDDEN");
    await rejectsWith(callerFor(db, supervisor).determinations.review({ id: pending!.id, action: "return" }), "BAD_REQUEST");
    await callerFor(db, supervisor).determinations.review({ id: pending!.id, action: "return", comment: "Please confirm the age." });
    const history = await api.determinations.forCase({ code: caseCode });
    expect(history[0]).toMatchObject({ status: "returned", comment: "Please confirm the age." });

    // Correction: a second revision, both kept.
    expect((await api.forms.submit({ caseCode, formId: "screening", answers: { ...childBegging, age: 13 } })).revision).toBe(2);
    const state = await api.forms.get({ caseCode, formId: "screening" });
    expect(state.revisions.map((r) => r.revision)).toEqual([2, 1]);
    expect(state.latest?.answers.age).toBe(13);

    const [next] = await callerFor(db, supervisor).determinations.queue();
    await callerFor(db, supervisor).determinations.review({ id: next!.id, action: "approve" });
    const row = db.select().from(cases).where(eq(cases.code, caseCode)).get();
    expect(row).toMatchObject({
      traffickingStatus: "ActualVictimOfTrafficking",
      catVictim: true,
      catUnaccompaniedChild: true,
      catMainPopulation: false,
      traffickingType: "internal",
      countryOfExploitation: "ID",
      recruiterRelationship: "Acquainted",
    });
    const values = db.select().from(caseValues).where(eq(caseValues.caseId, row!.id)).all();
    expect(values.map((v) => `${v.kind}:${v.value}`)).toEqual(["exploitation:ForcedBegging"]);
    await rejectsWith(callerFor(db, supervisor).determinations.review({ id: next!.id, action: "approve" }), "PRECONDITION_FAILED");
  });

  it("requires a reason when the decision differs from the computed one", async () => {
    const office = makeOffice(db);
    const worker = makeUser(db, { role: "caseworker", officeIds: [office.id] });
    const { caseCode } = registerTestCase(db, worker);
    const answers = { ...childBegging, decision: "vulnerable_eligible" };
    await expect(callerFor(db, worker).forms.submit({ caseCode, formId: "screening", answers })).rejects.toSatisfy(
      (e: unknown) => e instanceof TRPCError && JSON.stringify((e.cause as { fieldErrors?: unknown }).fieldErrors).includes("decisionReason"),
    );
    await callerFor(db, worker).forms.submit({ caseCode, formId: "screening", answers: { ...answers, decisionReason: "Synthetic reason" } });
  });

  it("a supervisor cannot approve their own determination, nor another office's", async () => {
    const a = makeOffice(db);
    const b = makeOffice(db);
    const supervisorA = makeUser(db, { role: "supervisor", officeIds: [a.id] });
    const supervisorB = makeUser(db, { role: "supervisor", officeIds: [b.id] });
    const { caseCode } = registerTestCase(db, supervisorA);
    await callerFor(db, supervisorA).forms.submit({ caseCode, formId: "screening", answers: childBegging });
    const [own] = await callerFor(db, supervisorA).determinations.queue();
    expect(own?.ownSubmission).toBe(true);
    await rejectsWith(callerFor(db, supervisorA).determinations.review({ id: own!.id, action: "approve" }), "FORBIDDEN");
    await rejectsWith(callerFor(db, supervisorB).determinations.review({ id: own!.id, action: "approve" }), "NOT_FOUND");
    expect(await callerFor(db, supervisorB).determinations.queue()).toEqual([]);
  });

  it("without consent keeps only the interview section", async () => {
    const office = makeOffice(db);
    const worker = makeUser(db, { role: "caseworker", officeIds: [office.id] });
    const { caseCode } = registerTestCase(db, worker);
    const api = callerFor(db, worker);
    await api.forms.submit({
      caseCode,
      formId: "screening",
      answers: { ...childBegging, consentToScreening: "no", decision: "not_eligible", decisionReason: "No consent given" },
    });
    const state = await api.forms.get({ caseCode, formId: "screening" });
    expect(state.latest?.answers.age).toBeUndefined();
    expect(state.latest?.answers.exploitationTypes).toBeUndefined();
    expect(state.latest?.answers.referralSource).toBe("outreach");
  });
});
