import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { versionKey } from "@/lib/saved-versions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditEvents, cases, caseValues, organisations } from "@/db/schema";
import { bestInterestDecisions, monitoringVisits, reintegrationSteps } from "@/db/schema-lifecycle";
import type { SessionUser } from "@/server/auth/session-user";
import { makeOffice, type OfficeFixture } from "@/server/testing/factories";
import { recordConsent } from "@/server/services/consents";
import { registerTestCase } from "@/server/testing/registry-fixtures";
import { callerFor, makeUser, type Caller } from "@/server/testing/sessions";
import { createTestDb, destroyTestDb } from "@/server/testing/test-db";

let db: Db;
let vienna: OfficeFixture;
let kyiv: OfficeFixture;
let worker: SessionUser;
let kyivWorker: SessionUser;
let api: Caller;
let kyivApi: Caller;

beforeAll(() => {
  db = createTestDb();
  vienna = makeOffice(db, { countryIso2: "AT" });
  kyiv = makeOffice(db, { countryIso2: "UA" });
  worker = makeUser(db, { role: "caseworker", officeIds: [vienna.id] });
  kyivWorker = makeUser(db, { role: "caseworker", officeIds: [kyiv.id] });
  api = callerFor(db, worker);
  kyivApi = callerFor(db, kyivWorker);
});
afterAll(() => destroyTestDb(db));

/** A case whose person has consented to assistance and to the use of their data (return and
 * reintegration are assistance: without that consent nothing new is recorded). */
function consentedCase(user: SessionUser) {
  const registered = registerTestCase(db, user);
  for (const purpose of ["assistance", "data_processing"] as const) {
    recordConsent(db, user, { code: registered.caseCode, purpose, decision: "given", decidedOn: "2026-03-02" });
  }
  return registered;
}

async function rejectsWith(p: Promise<unknown>, code: TRPCError["code"], field?: [string, string]) {
  await expect(p).rejects.toSatisfy((e: unknown) => {
    if (!(e instanceof TRPCError) || e.code !== code) return false;
    if (!field) return true;
    const fieldErrors = (e.cause as { fieldErrors?: Record<string, string> } | undefined)?.fieldErrors;
    return fieldErrors?.[field[0]] === field[1];
  });
}

function caseRow(code: string) {
  return db.select().from(cases).where(eq(cases.code, code)).get()!;
}

function actionsOf(code: string) {
  return db.select({ action: auditEvents.action, details: auditEvents.details }).from(auditEvents).where(eq(auditEvents.entityId, code)).all();
}

/** A Vienna case enrolled in AVRR with return to Ukraine, and its planned travel. */
async function avrrCaseWithTravel(options: { child?: boolean; fitToTravel?: "fit" | "not_checked" } = {}) {
  const { caseCode } = consentedCase(worker);
  if (options.child) {
    await api.cases.update({ code: caseCode, version: 1, programme: null, status: "Active", registeredOn: "2026-03-01", categories: ["unaccompanied_child"] });
  }
  const { version } = await api.returns.enrol({ code: caseCode, version: caseRow(caseCode).version, programme: "avrr", hostCountry: "AT", returnCountry: "UA" });
  const { id } = await api.returns.planTravel({
    code: caseCode,
    fromCountry: "AT",
    toCountry: "UA",
    departureOn: "2026-03-10",
    arrivalOn: "2026-03-11",
    legs: [
      { from: "VIE", to: "WAW", departOn: "2026-03-10", carrier: "Synthetic Air", transit: true },
      { from: "WAW", to: "KBP", departOn: "2026-03-11", transit: false },
    ],
    escort: false,
    fitToTravel: options.fitToTravel ?? "fit",
    documents: ["travel_document"],
  });
  return { caseCode, movementId: id, caseVersion: version };
}

describe("saved versions (no false conflicts)", () => {
  it("every versioned write says which versions it left, the case's included when it bumps it; the next write with them succeeds", async () => {
    const { caseCode, movementId } = await avrrCaseWithTravel();
    const travel = { fromCountry: "AT", toCountry: "UA", departureOn: "2026-03-10", legs: [], escort: true, fitToTravel: "fit" as const, documents: [] };
    const updated = await api.returns.updateTravel({ id: movementId, version: 1, ...travel });
    expect(updated.saved).toEqual({ [versionKey.movement(movementId)]: 2 });
    // The page still holds version 1: that is refused; the version of its own save is accepted.
    await rejectsWith(api.returns.setTravelStatus({ id: movementId, version: 1, status: "travelled", arrivalOn: "2026-03-11" }), "CONFLICT");
    const travelled = await api.returns.setTravelStatus({ id: movementId, version: updated.saved[versionKey.movement(movementId)]!, status: "travelled", arrivalOn: "2026-03-11" });
    expect(travelled.saved).toEqual({ [versionKey.movement(movementId)]: 3, [versionKey.case(caseCode)]: caseRow(caseCode).version });
    const again = await api.returns.enrol({ code: caseCode, version: travelled.saved[versionKey.case(caseCode)]!, programme: "avrr", hostCountry: "AT", returnCountry: "UA" });
    expect(again.saved).toEqual({ [versionKey.case(caseCode)]: caseRow(caseCode).version });
  });
});

describe("programmes", () => {
  it("enrols a case in AVRR: programme, host and return country on the case, audited", async () => {
    const { caseCode } = consentedCase(worker);
    await api.returns.enrol({ code: caseCode, version: 1, programme: "avrr", hostCountry: "AT", returnCountry: "UA" });
    const row = caseRow(caseCode);
    expect(row).toMatchObject({ programme: "avrr", hostCountry: "AT", returnCountry: "UA", returnedOn: null, version: 2 });
    const view = await api.returns.forCase({ code: caseCode });
    expect(view.hostOffice).toEqual({ code: vienna.code, name: expect.any(String) });
    expect(actionsOf(caseCode).map((a) => a.action)).toContain("programme.enrolled");
    // Optimistic locking: the old version is refused.
    await rejectsWith(api.returns.enrol({ code: caseCode, version: 1, programme: "avrr", hostCountry: "AT", returnCountry: "MD" }), "CONFLICT");
  });

  it("refuses the same host and return country", async () => {
    const { caseCode } = consentedCase(worker);
    await rejectsWith(api.returns.enrol({ code: caseCode, version: 1, programme: "avrr", hostCountry: "AT", returnCountry: "AT" }), "BAD_REQUEST");
  });

  it("records a PARA return date, which schedules monitoring at 3, 6 and 12 months; changing it moves them", async () => {
    const { caseCode } = consentedCase(kyivWorker);
    await kyivApi.returns.enrol({ code: caseCode, version: 1, programme: "para", hostCountry: "PL", returnCountry: "UA", returnedOn: "2026-01-31" });
    const row = caseRow(caseCode);
    expect(row).toMatchObject({ programme: "para", hostCountry: "PL", returnCountry: "UA", returnedOn: "2026-01-31" });
    const visits = () => db.select({ months: monitoringVisits.months, dueOn: monitoringVisits.dueOn, status: monitoringVisits.status }).from(monitoringVisits).where(eq(monitoringVisits.caseId, row.id)).all();
    expect(visits()).toEqual([
      { months: 3, dueOn: "2026-04-30", status: "scheduled" },
      { months: 6, dueOn: "2026-07-31", status: "scheduled" },
      { months: 12, dueOn: "2027-01-31", status: "scheduled" },
    ]);
    await kyivApi.returns.enrol({ code: caseCode, version: 2, programme: "para", hostCountry: "PL", returnCountry: "UA", returnedOn: "2026-02-15" });
    expect(visits().map((v) => v.dueOn)).toEqual(["2026-05-15", "2026-08-15", "2027-02-15"]);
    expect(actionsOf(caseCode).map((a) => a.action)).toEqual(expect.arrayContaining(["programme.enrolled", "monitoring.scheduled", "monitoring.rescheduled"]));
  });

  it("a case that arrives with a return date but no visits gets them when its enrolment is saved", async () => {
    const { caseCode } = consentedCase(kyivWorker);
    // As a transfer from the host office leaves it: programme and return date, no visits.
    db.update(cases).set({ programme: "avrr", hostCountry: "AT", returnCountry: "UA", returnedOn: "2026-03-11" }).where(eq(cases.code, caseCode)).run();
    const visits = () => db.select({ months: monitoringVisits.months }).from(monitoringVisits).where(eq(monitoringVisits.caseId, caseRow(caseCode).id)).all();
    expect(visits()).toEqual([]);
    await kyivApi.returns.enrol({ code: caseCode, version: caseRow(caseCode).version, programme: "avrr", hostCountry: "AT", returnCountry: "UA", returnedOn: "2026-03-11" });
    expect(visits().map((v) => v.months)).toEqual([3, 6, 12]);
    // Saving again adds nothing.
    await kyivApi.returns.enrol({ code: caseCode, version: caseRow(caseCode).version, programme: "avrr", hostCountry: "AT", returnCountry: "UA", returnedOn: "2026-03-11" });
    expect(visits()).toHaveLength(3);
  });

  it("an AVRR case cannot switch to PARA once travel is planned, nor change its country of return after travelling", async () => {
    const { caseCode, movementId } = await avrrCaseWithTravel();
    const version = caseRow(caseCode).version;
    await rejectsWith(api.returns.enrol({ code: caseCode, version, programme: "para", hostCountry: "AT", returnCountry: "UA" }), "PRECONDITION_FAILED", ["programme", "return.validation.paraWithTravel"]);
    await rejectsWith(
      api.returns.enrol({ code: caseCode, version, programme: "avrr", hostCountry: "AT", returnCountry: "UA", returnedOn: "2026-03-01" }),
      "BAD_REQUEST",
      ["returnedOn", "return.validation.returnedOnFromTravel"],
    );
    await api.returns.setTravelStatus({ id: movementId, version: 1, status: "travelled", arrivalOn: "2026-03-11" });
    await rejectsWith(
      api.returns.enrol({ code: caseCode, version: caseRow(caseCode).version, programme: "avrr", hostCountry: "AT", returnCountry: "MD" }),
      "PRECONDITION_FAILED",
      ["returnCountry", "return.validation.travelledReturnCountry"],
    );
  });

  it("once travel exists the case's edit form keeps the programme: it belongs to the Return page", async () => {
    const { caseCode } = await avrrCaseWithTravel();
    expect((await api.cases.get({ code: caseCode })).programmeLocked).toBe(true);
    const row = caseRow(caseCode);
    const edit = { code: caseCode, version: row.version, status: "Active" as const, registeredOn: row.registeredOn, categories: ["victim" as const] };
    await rejectsWith(api.cases.update({ ...edit, programme: "vulnerable_migrant" }), "PRECONDITION_FAILED", ["programme", "cases.validation.programmeOnReturnPage"]);
    // The other facts can still be edited, the programme sent as it is.
    await api.cases.update({ ...edit, programme: "avrr" });
    expect(caseRow(caseCode).programme).toBe("avrr");
    const { caseCode: plain } = consentedCase(worker);
    expect((await api.cases.get({ code: plain })).programmeLocked).toBe(false);
  });
});

describe("consent", () => {
  const consentRequired = (p: Promise<unknown>) =>
    expect(p).rejects.toSatisfy((e: unknown) => e instanceof TRPCError && e.code === "PRECONDITION_FAILED" && (e.cause as { code?: string } | undefined)?.code === "CONSENT_REQUIRED");

  it("return and reintegration are assistance: nothing new without consent, but travel can always be cancelled", async () => {
    const { caseCode } = registerTestCase(db, worker);
    await consentRequired(api.returns.enrol({ code: caseCode, version: caseRow(caseCode).version, programme: "avrr", hostCountry: "AT", returnCountry: "UA" }));
    expect(caseRow(caseCode).programme).not.toBe("avrr");

    // With consent the travel is planned; then the person withdraws consent to the use of their data.
    const { caseCode: withdrawn, movementId } = await avrrCaseWithTravel();
    await api.consents.record({ code: withdrawn, purpose: "data_processing", decision: "withdrawn", decidedOn: "2026-03-03" });
    const version = 1; // as planned
    await consentRequired(api.returns.setTravelStatus({ id: movementId, version, status: "travelled", arrivalOn: "2026-03-11" }));
    await consentRequired(api.returns.planTravel({ code: withdrawn, fromCountry: "AT", toCountry: "UA", departureOn: "2026-04-10" }));
    // Cancelling needs no consent: nobody is kept on a flight they no longer want.
    const cancelled = await api.returns.setTravelStatus({ id: movementId, version, status: "cancelled" });
    expect(cancelled.status).toBe("cancelled");
  });
});

describe("return travel", () => {
  it("needs the case to be enrolled in AVRR", async () => {
    const { caseCode } = consentedCase(worker);
    await rejectsWith(
      api.returns.planTravel({ code: caseCode, fromCountry: "AT", toCountry: "UA", departureOn: "2026-03-10", legs: [], escort: false, fitToTravel: "fit", documents: [] }),
      "PRECONDITION_FAILED",
      ["programme", "return.validation.notAvrr"],
    );
  });

  it("refuses itinerary legs outside the travel dates", async () => {
    const { caseCode } = consentedCase(worker);
    await api.returns.enrol({ code: caseCode, version: 1, programme: "avrr", hostCountry: "AT", returnCountry: "UA" });
    await rejectsWith(
      api.returns.planTravel({
        code: caseCode,
        fromCountry: "AT",
        toCountry: "UA",
        departureOn: "2026-03-10",
        arrivalOn: "2026-03-11",
        legs: [{ from: "VIE", to: "KBP", departOn: "2026-03-12", transit: false }],
        escort: false,
        fitToTravel: "fit",
        documents: [],
      }),
      "BAD_REQUEST",
    );
  });

  it("nobody travels without a fit-to-travel check", async () => {
    const { movementId } = await avrrCaseWithTravel({ fitToTravel: "not_checked" });
    await rejectsWith(api.returns.setTravelStatus({ id: movementId, version: 1, status: "travelled", arrivalOn: "2026-03-11" }), "PRECONDITION_FAILED", [
      "status",
      "return.blockers.fit_to_travel_required",
    ]);
  });

  it("an unaccompanied child travels only after a best-interest decision in favour of return", async () => {
    const { caseCode, movementId } = await avrrCaseWithTravel({ child: true });
    const travelled = { id: movementId, version: 1, status: "travelled" as const, arrivalOn: "2026-03-11" };
    expect((await api.returns.forCase({ code: caseCode })).travel[0]!.blockers).toEqual(["best_interest_decision_required"]);
    await rejectsWith(api.returns.setTravelStatus(travelled), "PRECONDITION_FAILED", ["status", "return.blockers.best_interest_decision_required"]);

    await api.returns.recordBestInterest({ code: caseCode, outcome: "against_return", decidedOn: "2026-03-02", notes: "Synthetic panel notes" });
    await rejectsWith(api.returns.setTravelStatus(travelled), "PRECONDITION_FAILED", ["status", "return.blockers.best_interest_against_return"]);

    await api.returns.recordBestInterest({ code: caseCode, outcome: "in_favour_of_return", decidedOn: "2026-03-05" });
    await api.returns.setTravelStatus(travelled);
    expect(caseRow(caseCode).returnedOn).toBe("2026-03-11");

    // The notes are encrypted in the database, and readable through the case view.
    const stored = db.select().from(bestInterestDecisions).where(eq(bestInterestDecisions.caseId, caseRow(caseCode).id)).all();
    expect(stored.some((d) => d.notesCiphertext && !d.notesCiphertext.toString("utf8").includes("Synthetic"))).toBe(true);
    const view = await api.returns.forCase({ code: caseCode });
    expect(view.bestInterest.map((d) => d.notes)).toEqual([null, "Synthetic panel notes"]);
    expect(actionsOf(caseCode).map((a) => a.action)).toContain("best_interest.read");
  });

  it("best-interest decisions are for unaccompanied children only", async () => {
    const { caseCode } = consentedCase(worker);
    await rejectsWith(api.returns.recordBestInterest({ code: caseCode, outcome: "in_favour_of_return", decidedOn: "2026-03-05" }), "PRECONDITION_FAILED");
  });

  it("travelled: return date, country of return and monitoring visits in one go, every step audited", async () => {
    const { caseCode, movementId } = await avrrCaseWithTravel();
    await rejectsWith(api.returns.setTravelStatus({ id: movementId, version: 1, status: "travelled", arrivalOn: "2026-03-09" }), "BAD_REQUEST", [
      "arrivalOn",
      "return.validation.arrivalBeforeDeparture",
    ]);
    await api.returns.setTravelStatus({ id: movementId, version: 1, status: "travelled", arrivalOn: "2026-03-11" });
    const row = caseRow(caseCode);
    expect(row).toMatchObject({ programme: "avrr", hostCountry: "AT", returnCountry: "UA", returnedOn: "2026-03-11" });
    const visits = db.select({ months: monitoringVisits.months, dueOn: monitoringVisits.dueOn }).from(monitoringVisits).where(eq(monitoringVisits.caseId, row.id)).all();
    expect(visits).toEqual([
      { months: 3, dueOn: "2026-06-11" },
      { months: 6, dueOn: "2026-09-11" },
      { months: 12, dueOn: "2027-03-11" },
    ]);
    expect(actionsOf(caseCode).map((a) => a.action)).toEqual(expect.arrayContaining(["programme.enrolled", "travel.planned", "travel.travelled", "monitoring.scheduled"]));
    // Travelled is final.
    await rejectsWith(api.returns.setTravelStatus({ id: movementId, version: 2, status: "cancelled" }), "PRECONDITION_FAILED", ["status", "return.validation.transition"]);
    await rejectsWith(
      api.returns.updateTravel({ id: movementId, version: 2, fromCountry: "AT", toCountry: "UA", departureOn: "2026-03-10", legs: [], escort: true, fitToTravel: "fit", documents: [] }),
      "PRECONDITION_FAILED",
    );
  });

  it("a no-show is planned again and updated; cancelled travel lets a new one be planned", async () => {
    const { caseCode, movementId } = await avrrCaseWithTravel({ fitToTravel: "not_checked" });
    await api.returns.setTravelStatus({ id: movementId, version: 1, status: "no_show" });
    await api.returns.setTravelStatus({ id: movementId, version: 2, status: "planned" });
    await api.returns.updateTravel({ id: movementId, version: 3, fromCountry: "AT", toCountry: "UA", departureOn: "2026-04-02", legs: [], escort: true, fitToTravel: "fit", documents: ["passport"] });
    // One movement at a time.
    await rejectsWith(
      api.returns.planTravel({ code: caseCode, fromCountry: "AT", toCountry: "UA", departureOn: "2026-04-10", legs: [], escort: false, fitToTravel: "fit", documents: [] }),
      "PRECONDITION_FAILED",
    );
    await api.returns.setTravelStatus({ id: movementId, version: 4, status: "cancelled" });
    await api.returns.planTravel({ code: caseCode, fromCountry: "AT", toCountry: "UA", departureOn: "2026-04-10", legs: [], escort: false, fitToTravel: "fit", documents: [] });
    const actions = actionsOf(caseCode).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["travel.no_show", "travel.replanned", "travel.updated", "travel.cancelled"]));
    expect(caseRow(caseCode).returnedOn).toBeNull();
  });

  it("another office's caseworker can neither see nor change the travel", async () => {
    const { caseCode, movementId } = await avrrCaseWithTravel();
    await rejectsWith(kyivApi.returns.forCase({ code: caseCode }), "NOT_FOUND");
    await rejectsWith(kyivApi.returns.setTravelStatus({ id: movementId, version: 1, status: "cancelled" }), "NOT_FOUND");
  });
});

describe("reintegration plan, steps and monitoring", () => {
  async function receivedCase() {
    const { caseCode } = consentedCase(kyivWorker);
    await kyivApi.returns.enrol({ code: caseCode, version: 1, programme: "avrr", hostCountry: "AT", returnCountry: "UA", returnedOn: "2026-03-11" });
    return caseCode;
  }
  const reintegrationValues = (code: string) =>
    db
      .select({ value: caseValues.value })
      .from(caseValues)
      .where(and(eq(caseValues.caseId, caseRow(code).id), eq(caseValues.kind, "reintegration")))
      .all()
      .map((r) => r.value)
      .sort();

  it("needs a return programme", async () => {
    const { caseCode } = consentedCase(kyivWorker);
    await rejectsWith(kyivApi.reintegration.savePlan({ code: caseCode, version: null, objectives: "Synthetic objectives" }), "PRECONDITION_FAILED");
    await rejectsWith(kyivApi.reintegration.addStep({ code: caseCode, type: "counselling", providerKind: "self" }), "PRECONDITION_FAILED");
  });

  it("saves the objectives encrypted, with optimistic locking", async () => {
    const caseCode = await receivedCase();
    await kyivApi.reintegration.savePlan({ code: caseCode, version: null, objectives: "Synthetic objectives one" });
    await rejectsWith(kyivApi.reintegration.savePlan({ code: caseCode, version: null, objectives: "Again" }), "CONFLICT");
    await kyivApi.reintegration.savePlan({ code: caseCode, version: 1, objectives: "Synthetic objectives two" });
    const view = await kyivApi.reintegration.forCase({ code: caseCode });
    expect(view.plan).toMatchObject({ version: 2, objectives: "Synthetic objectives two" });
    expect(actionsOf(caseCode).filter((a) => a.action === "reintegration.plan_saved")).toHaveLength(2);
    expect(JSON.stringify(actionsOf(caseCode))).not.toContain("Synthetic objectives");
  });

  it("steps: provider, cost in minor units, transitions, completion date, and the core variable", async () => {
    const caseCode = await receivedCase();
    const partner = db
      .insert(organisations)
      .values({ name: "Synthetic training partner", type: "NGO", countryIso2: "UA", updatedAt: Date.now() })
      .returning({ id: organisations.id })
      .get();
    const training = await kyivApi.reintegration.addStep({
      code: caseCode,
      type: "vocational_training",
      plannedOn: "2026-04-01",
      providerKind: "partner",
      organisationId: partner.id,
      cost: "1250.50",
      currency: "eur",
      description: "Synthetic course",
    });
    const cash = await kyivApi.reintegration.addStep({ code: caseCode, type: "cash_pocket_money", providerKind: "self", cost: "4000", currency: "UAH" });
    const housing = await kyivApi.reintegration.addStep({ code: caseCode, type: "housing", providerKind: "self" });
    const stored = db.select().from(reintegrationSteps).where(eq(reintegrationSteps.id, training.id)).get()!;
    expect(stored).toMatchObject({ costMinor: 125_050, currency: "EUR", organisationId: partner.id, providerKind: "partner", status: "planned" });
    expect(stored.descriptionCiphertext?.toString("utf8")).not.toContain("Synthetic");
    expect(reintegrationValues(caseCode)).toEqual([]);

    await rejectsWith(kyivApi.reintegration.addStep({ code: caseCode, type: "legal", providerKind: "partner" }), "BAD_REQUEST");
    await rejectsWith(kyivApi.reintegration.addStep({ code: caseCode, type: "legal", providerKind: "self", cost: "10.5", currency: "JPY" }), "BAD_REQUEST");
    await rejectsWith(kyivApi.reintegration.addStep({ code: caseCode, type: "legal", providerKind: "partner", organisationId: 999_999 }), "BAD_REQUEST");

    await kyivApi.reintegration.setStepStatus({ id: training.id, version: 1, status: "in_progress" });
    expect(reintegrationValues(caseCode)).toEqual(["vocational_training"]);
    await rejectsWith(kyivApi.reintegration.setStepStatus({ id: cash.id, version: 1, status: "done" }), "BAD_REQUEST");
    await kyivApi.reintegration.setStepStatus({ id: cash.id, version: 1, status: "done", completedOn: "2026-03-20" });
    expect(reintegrationValues(caseCode)).toEqual(["cash_pocket_money", "vocational_training"]);
    await kyivApi.reintegration.setStepStatus({ id: housing.id, version: 1, status: "cancelled" });
    expect(reintegrationValues(caseCode)).toEqual(["cash_pocket_money", "vocational_training"]);
    // Done is final; the step's details cannot change any more.
    await rejectsWith(kyivApi.reintegration.setStepStatus({ id: cash.id, version: 2, status: "cancelled" }), "PRECONDITION_FAILED");
    await rejectsWith(kyivApi.reintegration.updateStep({ id: cash.id, version: 2, type: "legal", providerKind: "self" }), "PRECONDITION_FAILED");
    // Changing the type of a step in progress changes the core variable.
    await kyivApi.reintegration.updateStep({ id: training.id, version: 2, type: "education", providerKind: "partner", organisationId: partner.id, cost: "1250.50", currency: "EUR" });
    expect(reintegrationValues(caseCode)).toEqual(["cash_pocket_money", "education"]);
    // A step cancelled while in progress stops counting.
    await kyivApi.reintegration.setStepStatus({ id: training.id, version: 3, status: "cancelled" });
    expect(reintegrationValues(caseCode)).toEqual(["cash_pocket_money"]);

    const view = await kyivApi.reintegration.forCase({ code: caseCode });
    expect(view.coreTypes).toEqual(["cash_pocket_money"]);
    expect(view.steps.find((s) => s.id === training.id)).toMatchObject({ organisationName: "Synthetic training partner", description: "Synthetic course", status: "cancelled" });
    const statusEvents = actionsOf(caseCode).filter((a) => a.action === "reintegration.step_status_changed");
    expect(statusEvents).toHaveLength(4);
    expect(JSON.parse(statusEvents[0]!.details)).toMatchObject({ from: "planned", to: "in_progress", type: "vocational_training" });
  });

  it("records the 3-month monitoring visit with an outcome; a done visit is final", async () => {
    const caseCode = await receivedCase();
    const view = await kyivApi.reintegration.forCase({ code: caseCode });
    expect(view.visits.map((v) => [v.months, v.dueOn, v.status])).toEqual([
      [3, "2026-06-11", "scheduled"],
      [6, "2026-09-11", "scheduled"],
      [12, "2027-03-11", "scheduled"],
    ]);
    const three = view.visits[0]!;
    await rejectsWith(kyivApi.reintegration.recordVisit({ id: three.id, updatedAt: three.updatedAt, status: "done", visitedOn: "2026-06-12" }), "BAD_REQUEST");
    await rejectsWith(
      kyivApi.reintegration.recordVisit({ id: three.id, updatedAt: three.updatedAt, status: "done", visitedOn: "2026-03-01", outcome: "reintegrating_well" }),
      "BAD_REQUEST",
      ["visitedOn", "reintegration.validation.visitBeforeReturn"],
    );
    await kyivApi.reintegration.recordVisit({ id: three.id, updatedAt: three.updatedAt, status: "done", visitedOn: "2026-06-12", outcome: "reintegrating_well", notes: "Synthetic visit notes" });
    await rejectsWith(kyivApi.reintegration.recordVisit({ id: three.id, updatedAt: three.updatedAt, status: "missed" }), "CONFLICT");
    const after = await kyivApi.reintegration.forCase({ code: caseCode });
    const recorded = after.visits[0]!;
    expect(recorded).toMatchObject({ status: "done", visitedOn: "2026-06-12", outcome: "reintegrating_well", notes: "Synthetic visit notes", recordedBy: kyivWorker.name });
    await rejectsWith(kyivApi.reintegration.recordVisit({ id: recorded.id, updatedAt: recorded.updatedAt, status: "missed" }), "PRECONDITION_FAILED");
    // A missed visit can still be done later.
    const six = after.visits[1]!;
    const missed = await kyivApi.reintegration.recordVisit({ id: six.id, updatedAt: six.updatedAt, status: "missed" });
    await kyivApi.reintegration.recordVisit({ id: six.id, updatedAt: missed.updatedAt, status: "done", visitedOn: "2026-10-01", outcome: "some_difficulties" });
    const events = actionsOf(caseCode).filter((a) => a.action === "monitoring.recorded");
    expect(events).toHaveLength(3);
    expect(JSON.stringify(events)).not.toContain("Synthetic");
    // A recorded visit keeps the return date from being removed.
    await rejectsWith(
      kyivApi.returns.enrol({ code: caseCode, version: caseRow(caseCode).version, programme: "avrr", hostCountry: "AT", returnCountry: "UA" }),
      "PRECONDITION_FAILED",
      ["returnedOn", "return.validation.visitsRecorded"],
    );
  });

  it("a supervisor of the office may write; a caseworker of the office who is not assigned may not", async () => {
    const caseCode = await receivedCase();
    const supervisor = makeUser(db, { role: "supervisor", officeIds: [kyiv.id] });
    const colleague = makeUser(db, { role: "caseworker", officeIds: [kyiv.id] });
    await callerFor(db, supervisor).reintegration.addStep({ code: caseCode, type: "counselling", providerKind: "self" });
    await rejectsWith(callerFor(db, colleague).reintegration.addStep({ code: caseCode, type: "counselling", providerKind: "self" }), "NOT_FOUND");
    await rejectsWith(callerFor(db, makeUser(db, { role: "data_officer" })).reintegration.forCase({ code: caseCode }), "FORBIDDEN");
  });

  it("a closed case is read-only", async () => {
    const caseCode = await receivedCase();
    const { id } = await kyivApi.reintegration.addStep({ code: caseCode, type: "counselling", providerKind: "self" });
    db.update(cases).set({ status: "Closed" }).where(eq(cases.code, caseCode)).run();
    await rejectsWith(kyivApi.reintegration.setStepStatus({ id, version: 1, status: "in_progress" }), "PRECONDITION_FAILED");
    await rejectsWith(kyivApi.reintegration.savePlan({ code: caseCode, version: null, objectives: "Synthetic" }), "PRECONDITION_FAILED");
    await rejectsWith(kyivApi.returns.enrol({ code: caseCode, version: caseRow(caseCode).version, programme: "para", hostCountry: "AT", returnCountry: "UA" }), "PRECONDITION_FAILED");
    const view = await kyivApi.reintegration.forCase({ code: caseCode });
    expect(view.permissions).toEqual({ plan: false, monitoring: false });
  });
});
