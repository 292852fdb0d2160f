import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditEvents, cases, caseValues, services } from "@/db/schema";
import { sampleAssistanceAnswers } from "@/lib/forms/assistance/fixtures";
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
  const office = makeOffice(db, { countryIso2: "AT" });
  const other = makeOffice(db, { countryIso2: "UA" });
  const worker = makeUser(db, { role: "caseworker", officeIds: [office.id] });
  const supervisor = makeUser(db, { role: "supervisor", officeIds: [office.id] });
  const otherSupervisor = makeUser(db, { role: "supervisor", officeIds: [other.id] });
  const admin = makeUser(db, { role: "administrator" });
  const dataOfficer = makeUser(db, { role: "data_officer" });
  const { caseCode } = registerTestCase(db, worker);
  return { office, other, worker, supervisor, otherSupervisor, admin, dataOfficer, caseCode };
}

const DAY = "2026-03-03";

describe("partner organisations", () => {
  it("supervisors manage their office's organisations, administrators all; everyone on cases can search", async () => {
    const w = world();
    const sup = callerFor(db, w.supervisor);
    const { id } = await sup.organisations.create({ name: "Synthetic Shelter Vienna", type: "NGO", countryIso2: "AT", city: "Vienna", services: ["accommodation", "psychosocial"] });
    await callerFor(db, w.admin).organisations.create({ name: "Synthetic Legal Aid", type: "LegalService", countryIso2: "UA", services: ["legal_consular"], officeId: null });

    // Search by name, service, country and type.
    const api = callerFor(db, w.worker);
    expect((await api.organisations.list({ search: "shelter vien" })).map((o) => o.id)).toEqual([id]);
    expect((await api.organisations.list({ service: "legal_consular", countryIso2: "UA" })).map((o) => o.name)).toContain("Synthetic Legal Aid");
    expect((await api.organisations.list({ type: "NGO", search: "Synthetic Shelter" }))[0]).toMatchObject({ services: ["accommodation", "psychosocial"], canManage: false });
    // Wildcards in the search are taken literally.
    expect(await api.organisations.list({ search: "%" })).toEqual([]);

    // Another office's supervisor cannot change it; the administrator can.
    const update = { id, version: 1, name: "Synthetic Shelter Vienna", type: "NGO", countryIso2: "AT", services: ["accommodation" as const], active: false };
    await rejectsWith(callerFor(db, w.otherSupervisor).organisations.update(update), "NOT_FOUND");
    await rejectsWith(api.organisations.update(update), "FORBIDDEN");
    await callerFor(db, w.admin).organisations.update(update);
    expect((await api.organisations.list({ search: "Synthetic Shelter Vienna" }))).toEqual([]);
    expect((await api.organisations.list({ search: "Synthetic Shelter Vienna", includeInactive: true }))[0]?.active).toBe(false);

    // A supervisor cannot create one for another office; a data officer cannot even read.
    await rejectsWith(sup.organisations.create({ name: "X", type: "NGO", countryIso2: "UA", services: [], officeId: w.other.id }), "FORBIDDEN");
    await rejectsWith(callerFor(db, w.dataOfficer).organisations.list({}), "FORBIDDEN");
  });
});

describe("consent gates the assistance form and service records", () => {
  it("without consent: the form cannot be saved or submitted, no service can be added", async () => {
    const w = world();
    const api = callerFor(db, w.worker);
    const state = await api.forms.get({ caseCode: w.caseCode, formId: "assistance" });
    expect(state.writable).toBe(false);
    expect((await api.consents.forCase({ code: w.caseCode })).assistanceBlock).toBe("missing");
    await rejectsWith(api.forms.saveDraft({ caseCode: w.caseCode, formId: "assistance", answers: { interviewDate: DAY }, baseUpdatedAt: null }), "PRECONDITION_FAILED", "CONSENT_REQUIRED");
    await rejectsWith(api.services.create({ code: w.caseCode, type: "cash", status: "needed" }), "PRECONDITION_FAILED", "CONSENT_REQUIRED");

    // Consent to assistance alone is not enough: data processing too.
    await api.consents.record({ code: w.caseCode, purpose: "assistance", decision: "given", method: "written", decidedOn: DAY });
    await rejectsWith(api.forms.saveDraft({ caseCode: w.caseCode, formId: "assistance", answers: {}, baseUpdatedAt: null }), "PRECONDITION_FAILED", "CONSENT_REQUIRED");
    await api.consents.record({ code: w.caseCode, purpose: "data_processing", decision: "given", method: "written", decidedOn: DAY });
    expect((await api.forms.get({ caseCode: w.caseCode, formId: "assistance" })).writable).toBe(true);
  });

  it("records who took consent and when; refuses giving twice and withdrawing what was never given", async () => {
    const w = world();
    const api = callerFor(db, w.worker);
    await rejectsWith(api.consents.record({ code: w.caseCode, purpose: "share_with_partners", decision: "withdrawn", decidedOn: DAY }), "PRECONDITION_FAILED");
    await api.consents.record({ code: w.caseCode, purpose: "share_with_partners", decision: "given", method: "oral", decidedOn: DAY });
    await rejectsWith(api.consents.record({ code: w.caseCode, purpose: "share_with_partners", decision: "given", decidedOn: DAY }), "PRECONDITION_FAILED");
    await rejectsWith(api.consents.record({ code: w.caseCode, purpose: "share_with_partners", decision: "withdrawn", decidedOn: "2026-03-01" }), "BAD_REQUEST");
    const c = await api.consents.forCase({ code: w.caseCode });
    expect(c.states.share_with_partners).toBe("given");
    expect(c.current.share_with_partners).toMatchObject({ decision: "given", method: "oral", on: DAY, takenBy: w.worker.name });
    // Another office's supervisor cannot see or record it.
    await rejectsWith(callerFor(db, w.otherSupervisor).consents.forCase({ code: w.caseCode }), "NOT_FOUND");
    await rejectsWith(callerFor(db, w.admin).consents.record({ code: w.caseCode, purpose: "assistance", decision: "given", decidedOn: DAY }), "FORBIDDEN");
  });
});

describe("the assistance journey", () => {
  it("submits the form, applies core variables and services in one transaction, adds a later service, stops after withdrawal", async () => {
    const w = world();
    const api = callerFor(db, w.worker);
    const { id: shelter } = await callerFor(db, w.supervisor).organisations.create({ name: "Synthetic Shelter", type: "NGO", countryIso2: "AT", services: ["accommodation"] });
    for (const purpose of ["assistance", "data_processing"] as const) {
      await api.consents.record({ code: w.caseCode, purpose, decision: "given", method: "written", decidedOn: DAY });
    }

    const answers = sampleAssistanceAnswers(shelter);
    const { updatedAt } = await api.forms.saveDraft({ caseCode: w.caseCode, formId: "assistance", answers: { interviewDate: DAY }, baseUpdatedAt: null });
    await api.forms.saveDraft({ caseCode: w.caseCode, formId: "assistance", answers, baseUpdatedAt: updatedAt });
    expect((await api.forms.submit({ caseCode: w.caseCode, formId: "assistance", answers })).revision).toBe(1);

    const row = db.select().from(cases).where(eq(cases.code, w.caseCode)).get()!;
    expect(row).toMatchObject({ forcedLabourSector: "A_AgricultureForestryAndFishing", countryOfExploitation: "DE", traffickingType: "international", fundingSource: "gaf" });
    const values = db.select().from(caseValues).where(eq(caseValues.caseId, row.id)).all().map((v) => `${v.kind}:${v.value}`).sort();
    expect(values).toEqual(["control:DebtBondage", "control:WithholdsDocuments", "exploitation:ForcedLabour", "transit:CZ", "transit:PL"]);

    let list = await api.services.forCase({ code: w.caseCode });
    expect(list.map((s) => [s.type, s.status, s.provider, s.organisationName, s.funding, s.reason, s.source, s.revision])).toEqual([
      ["accommodation", "provided", "partner", "Synthetic Shelter", "gaf", null, "form", 1],
      ["medical", "provided", "self", null, "project", null, "form", 1],
      ["legal_consular", "not_provided", null, null, null, "not_available", "form", 1],
    ]);

    // A later service, with an encrypted note; status rules and transitions apply.
    await rejectsWith(api.services.create({ code: w.caseCode, type: "cash", status: "not_provided" }), "BAD_REQUEST");
    const { id: cash } = await api.services.create({ code: w.caseCode, type: "cash", status: "needed", funding: "project", notes: "Synthetic note about the cash grant" });
    const stored = db.select().from(services).where(eq(services.id, cash)).get()!;
    expect(stored.notesCiphertext?.toString("latin1")).not.toContain("Synthetic note");
    const { version } = await api.services.update({ id: cash, version: 1, status: "provided", provider: "self", funding: "project", startedOn: DAY });
    await rejectsWith(api.services.update({ id: cash, version, status: "needed" }), "PRECONDITION_FAILED");
    await rejectsWith(api.services.update({ id: cash, version: 1, status: "provided", provider: "self" }), "CONFLICT");
    list = await api.services.forCase({ code: w.caseCode });
    expect(list).toHaveLength(4);
    expect(list[3]).toMatchObject({ type: "cash", status: "provided", source: "record", notes: "Synthetic note about the cash grant" });

    // A correction without the shelter: the form's records follow, the later record stays, the
    // funding falls back to the project.
    const corrected = { ...answers, services: (answers.services as object[]).slice(1) };
    expect((await api.forms.submit({ caseCode: w.caseCode, formId: "assistance", answers: corrected })).revision).toBe(2);
    list = await api.services.forCase({ code: w.caseCode });
    expect(list.map((s) => `${s.type}:${s.source}:${s.revision ?? "-"}`)).toEqual(["medical:form:2", "legal_consular:form:2", "cash:record:-"]);
    expect(db.select().from(cases).where(eq(cases.id, row.id)).get()!.fundingSource).toBe("project");

    // An inactive partner cannot be named.
    await callerFor(db, w.supervisor).organisations.update({ id: shelter, version: 1, name: "Synthetic Shelter", type: "NGO", countryIso2: "AT", services: [], active: false });
    await rejectsWith(api.forms.submit({ caseCode: w.caseCode, formId: "assistance", answers }), "BAD_REQUEST");
    expect((await api.forms.get({ caseCode: w.caseCode, formId: "assistance" })).revisions).toHaveLength(2);

    // Withdrawal: no new data on the form or the services; what was recorded stays readable.
    await api.consents.record({ code: w.caseCode, purpose: "data_processing", decision: "withdrawn", decidedOn: DAY });
    expect((await api.consents.forCase({ code: w.caseCode })).assistanceBlock).toBe("withdrawn");
    await rejectsWith(api.forms.saveDraft({ caseCode: w.caseCode, formId: "assistance", answers: {}, baseUpdatedAt: null }), "PRECONDITION_FAILED", "CONSENT_REQUIRED");
    await rejectsWith(api.forms.submit({ caseCode: w.caseCode, formId: "assistance", answers: corrected }), "PRECONDITION_FAILED", "CONSENT_REQUIRED");
    await rejectsWith(api.services.create({ code: w.caseCode, type: "education", status: "needed" }), "PRECONDITION_FAILED", "CONSENT_REQUIRED");
    await rejectsWith(api.services.update({ id: cash, version: 2, status: "provided", provider: "self" }), "PRECONDITION_FAILED", "CONSENT_REQUIRED");
    // The same rule stops the screening interview (decision 0027).
    await rejectsWith(api.forms.saveDraft({ caseCode: w.caseCode, formId: "screening", answers: {}, baseUpdatedAt: null }), "PRECONDITION_FAILED", "CONSENT_REQUIRED");
    const state = await api.forms.get({ caseCode: w.caseCode, formId: "assistance" });
    expect(state.writable).toBe(false);
    expect(state.latest?.revision).toBe(2);
    expect(await api.services.forCase({ code: w.caseCode })).toHaveLength(3);

    // Audit: consent, the applied core variables, service changes; never the note's text.
    const trail = db.select().from(auditEvents).where(eq(auditEvents.entityId, w.caseCode)).all();
    const actions = trail.map((e) => e.action);
    for (const a of ["consent.given", "consent.withdrawn", "assistance.applied", "service.created", "service.updated", "services.read"]) expect(actions).toContain(a);
    expect(trail.map((e) => e.details).join(" ")).not.toContain("Synthetic note");
  });

  it("another office cannot read or add services; a supervisor of the office can", async () => {
    const w = world();
    for (const purpose of ["assistance", "data_processing"] as const) {
      await callerFor(db, w.worker).consents.record({ code: w.caseCode, purpose, decision: "given", decidedOn: DAY });
    }
    await rejectsWith(callerFor(db, w.otherSupervisor).services.forCase({ code: w.caseCode }), "NOT_FOUND");
    await rejectsWith(callerFor(db, w.otherSupervisor).services.create({ code: w.caseCode, type: "cash", status: "needed" }), "NOT_FOUND");
    await callerFor(db, w.supervisor).services.create({ code: w.caseCode, type: "cash", status: "needed" });
    await rejectsWith(callerFor(db, w.dataOfficer).services.forCase({ code: w.caseCode }), "FORBIDDEN");
  });
});
