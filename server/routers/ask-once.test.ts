import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { sampleScreeningAnswers } from "@/lib/forms/screening/fixtures";
import { makeOffice } from "@/server/testing/factories";
import { registerTestCase } from "@/server/testing/registry-fixtures";
import { callerFor, makeUser } from "@/server/testing/sessions";
import { createTestDb, destroyTestDb } from "@/server/testing/test-db";

let db: Db;
beforeAll(() => {
  db = createTestDb();
});
afterAll(() => destroyTestDb(db));

const DAY = "2026-03-03";

const screening = sampleScreeningAnswers();

function world() {
  const office = makeOffice(db, { countryIso2: "AT" });
  const worker = makeUser(db, { role: "caseworker", officeIds: [office.id] });
  const supervisor = makeUser(db, { role: "supervisor", officeIds: [office.id] });
  // Registration: born 1990-04-12, registered 2026-03-01 (35), Ukrainian, identified in Austria.
  const { caseCode } = registerTestCase(db, worker, { countryOfIdentification: "AT" });
  return { office, worker, supervisor, caseCode };
}

async function approvedScreening(w: ReturnType<typeof world>) {
  const api = callerFor(db, w.worker);
  await api.forms.submit({ caseCode: w.caseCode, formId: "screening", answers: screening });
  const sup = callerFor(db, w.supervisor);
  const [pending] = await sup.determinations.queue();
  await sup.determinations.review({ id: pending!.id, action: "approve" });
}

describe("ask once: a new draft starts from what is known", () => {
  it("a new screening draft carries registration's age, citizenship and country of identification", async () => {
    const w = world();
    const state = await callerFor(db, w.worker).forms.get({ caseCode: w.caseCode, formId: "screening", prefill: true });
    expect(state.draft).toBeNull();
    expect(state.prefill).toEqual({ age: 35, countryOfOrigin: "UA", countryOfIdentification: "AT", interviewCountry: "AT" });
    // The case page's overview does not ask for it.
    expect((await callerFor(db, w.worker).forms.get({ caseCode: w.caseCode, formId: "screening" })).prefill).toBeNull();
  });

  it("a saved draft is never overwritten, and a submitted revision is not prefilled over", async () => {
    const w = world();
    const api = callerFor(db, w.worker);
    await api.forms.saveDraft({ caseCode: w.caseCode, formId: "screening", answers: { age: 36, countryOfOrigin: "MD" }, baseUpdatedAt: null });
    const resumed = await api.forms.get({ caseCode: w.caseCode, formId: "screening", prefill: true });
    expect(resumed.draft?.answers).toEqual({ age: 36, countryOfOrigin: "MD" });
    expect(resumed.prefill).toBeNull();

    await api.forms.submit({ caseCode: w.caseCode, formId: "screening", answers: { ...screening, age: 36 } });
    const after = await api.forms.get({ caseCode: w.caseCode, formId: "screening", prefill: true });
    expect(after.latest?.answers.age).toBe(36);
    expect(after.prefill).toBeNull();
  });

  it("a new assistance draft starts from the approved screening: interview, language, interpreter, journey, exploitation", async () => {
    const w = world();
    const api = callerFor(db, w.worker);
    for (const purpose of ["assistance", "data_processing"] as const) {
      await api.consents.record({ code: w.caseCode, purpose, decision: "given", method: "written", decidedOn: DAY });
    }
    // Before any screening, nothing to start from.
    expect((await api.forms.get({ caseCode: w.caseCode, formId: "assistance", prefill: true })).prefill).toEqual({});
    await approvedScreening(w);
    // A later, unapproved correction does not replace what the supervisor approved.
    await api.forms.submit({ caseCode: w.caseCode, formId: "screening", answers: { ...screening, interviewLanguage: "ru" } });

    const state = await api.forms.get({ caseCode: w.caseCode, formId: "assistance", prefill: true });
    expect(state.prefill).toEqual({
      interviewDate: "2026-03-02",
      interviewCountry: "AT",
      interviewLanguage: "uk",
      interpreterUsed: "yes",
      wasRecruited: "yes",
      transitCountries: ["PL"],
      wasExploited: "yes",
      exploitationTypes: ["ForcedLabour", "SexualExploitation"],
      forcedLabourSector: "A_AgricultureForestryAndFishing",
    });
    // Reading the screening to fill the assistance form is audited as a read of the screening.
    const reads = db.select().from(auditEvents).where(and(eq(auditEvents.entityId, w.caseCode), eq(auditEvents.action, "form.read"))).all();
    expect(reads.some((e) => JSON.parse(e.details ?? "{}").formId === "screening")).toBe(true);

    // Saved, the draft is what it was saved as.
    await api.forms.saveDraft({ caseCode: w.caseCode, formId: "assistance", answers: { ...state.prefill, interviewLanguage: "de" }, baseUpdatedAt: null });
    const resumed = await api.forms.get({ caseCode: w.caseCode, formId: "assistance", prefill: true });
    expect(resumed.draft?.answers.interviewLanguage).toBe("de");
    expect(resumed.prefill).toBeNull();
  });

  it("the case summary shows the approved screening's country of exploitation and exploitation types", async () => {
    const w = world();
    await approvedScreening(w);
    const c = await callerFor(db, w.worker).cases.get({ code: w.caseCode });
    expect(c.core).toEqual({
      countryOfExploitation: "AT",
      traffickingType: "international",
      forcedLabourSector: "A_AgricultureForestryAndFishing",
      fundingSource: null,
      exploitationTypes: ["ForcedLabour", "SexualExploitation"],
    });
  });
});
