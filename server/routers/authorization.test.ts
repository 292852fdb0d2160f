/**
 * The authorization matrix: for every procedure of the app router, for every role, and for every
 * relationship of the caller to the record (own, same office, other office), whether the call is
 * allowed or denied. The test fails if a procedure has no entry (so a new procedure cannot ship
 * without a decision), and then runs every cell against a fresh database.
 *
 * "allow" means the call resolves; "deny" means it is refused with FORBIDDEN, NOT_FOUND or
 * UNAUTHORIZED (out-of-scope records look absent). List procedures count as "allow" for a
 * relationship only when the target record is in the result (scope is in the query).
 */
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { writeTransaction, type Db } from "@/db/client";
import { ROLES, type Role } from "@/lib/permissions";
import type { SessionUser } from "@/server/auth/session-user";
import { appRouter } from "@/server/routers/_app";
import { insertUser, makeOffice, type OfficeFixture } from "@/server/testing/factories";
import { registerTestCase } from "@/server/testing/registry-fixtures";
import { callerFor, makeUser, startSession, type Caller } from "@/server/testing/sessions";
import { users } from "@/db/schema";
import { eq } from "drizzle-orm";
import { hashPassword } from "@/server/auth/password";
import { sessionHandle } from "@/server/services/account/session-handle";
import { createTestDb, destroyTestDb } from "@/server/testing/test-db";
import { importJobFor } from "@/server/testing/import-fixtures";
import { pendingLinkFrom, pendingLinkTo, personOfOffice } from "@/server/testing/person-link-fixtures";
import { submitForm } from "@/server/services/form-responses";
import { issueSetupLink } from "@/server/services/issue-setup-link";
import { determinationQueue } from "@/server/services/determinations";
import { addCaseNote } from "@/server/services/case-notes";
import { createService } from "@/server/services/case-services";
import { recordConsent } from "@/server/services/consents";
import { createOrganisation } from "@/server/services/organisations";
import { ZCreateOrganisation, ZCreateService } from "@/lib/schemas/assistance";
import { closedCase, pendingClosure, pendingReferral, pendingTransferFrom, pendingTransferTo } from "@/server/testing/lifecycle-fixtures";
import { pendingErasure, revealRefusedFor } from "@/server/testing/retention-fixtures";
import { caseVersion, enrolled, plannedStep, plannedTravel, scheduledVisit, unaccompaniedChild } from "@/server/testing/return-fixtures";

type Verdict = "allow" | "deny";
type Relationship = "own" | "office" | "other";
type PerRelationship = Verdict | Readonly<Record<Relationship, Verdict>>;
type Expectation = Readonly<Record<Role, PerRelationship>>;

const RELATIONSHIPS: Relationship[] = ["own", "office", "other"];

type World = {
  db: Db;
  /** The relationship the world was built for. */
  rel: Relationship;
  actor: SessionUser;
  officeA: OfficeFixture;
  officeB: OfficeFixture;
  /** The case the relationship is about, with a pending screening determination submitted by its owner. */
  caseCode: string;
  /** The person of that case (registered by the relationship's office). */
  personCode: string;
  caseOwner: SessionUser;
  determinationId: number;
  /** A caseworker in the relationship's office (A for own/office, B for other): target of user management. */
  targetUserId: number;
  targetOfficeId: number;
  /** A service record of the case (the owner recorded consent to assistance and data processing). */
  serviceId: number;
  /** A partner organisation managed by the relationship's office. */
  organisationId: number;
  /** A caseworker an administrator placed in the relationship's office, waiting for a supervisor's
   * confirmation (decision 0020), and the token of their one-time set-up link. */
  pendingUserId: number;
  setupToken: string;
};

const SCREENING = {
  interviewDate: "2026-03-02",
  interviewCountry: "AT",
  interviewer: "Matrix interviewer",
  interviewLanguage: "de",
  interpreterUsed: "no",
  referralSource: "ngo",
  consentToScreening: "no",
  decision: "not_eligible",
  decisionReason: "Synthetic",
};

function buildWorld(db: Db, role: Role, rel: Relationship): World {
  const officeA = makeOffice(db, { countryIso2: "AT" });
  const officeB = makeOffice(db, { countryIso2: "UA" });
  const worksInOffice = role === "caseworker" || role === "supervisor";
  const actor = makeUser(db, { role, officeIds: worksInOffice ? [officeA.id] : [] });
  const caseOwner =
    rel === "own" && worksInOffice
      ? actor
      : makeUser(db, { role: "caseworker", officeIds: [rel === "other" ? officeB.id : officeA.id] });
  const { caseCode, personCode } = registerTestCase(db, caseOwner, { officeId: caseOwner.officeIds[0] });
  addCaseNote(db, caseOwner, caseCode, "Synthetic matrix note");
  submitForm(db, caseOwner, { caseCode, formId: "screening", answers: SCREENING });
  const reviewerView = { ...caseOwner, role: "supervisor" as const };
  const determinationId = determinationQueue(db, reviewerView).find((d) => d.caseCode === caseCode)!.id;
  const target = insertUser(db, { role: "caseworker", officeIds: [rel === "other" ? officeB.id : officeA.id] });
  const targetOfficeId = rel === "other" ? officeB.id : officeA.id;
  for (const purpose of ["assistance", "data_processing"] as const) {
    recordConsent(db, caseOwner, { code: caseCode, purpose, decision: "given", decidedOn: "2026-03-02" });
  }
  const { id: serviceId } = createService(db, caseOwner, ZCreateService.parse({ code: caseCode, type: "medical", status: "needed" }));
  const { id: organisationId } = createOrganisation(
    db,
    { ...caseOwner, role: "administrator" },
    ZCreateOrganisation.parse({ name: "Matrix partner", type: "NGO", countryIso2: "AT", services: ["accommodation"], officeId: targetOfficeId }),
  );
  const pending = insertUser(db, { role: "caseworker", officeIds: [targetOfficeId], pendingOffices: true });
  const { token: setupToken } = writeTransaction(db, (tx) => issueSetupLink(tx, pending.id, "create", null));
  return {
    db,
    rel,
    actor,
    officeA,
    officeB,
    caseCode,
    personCode,
    caseOwner,
    determinationId,
    targetUserId: target.id,
    targetOfficeId,
    serviceId,
    organisationId,
    pendingUserId: pending.id,
    setupToken,
  };
}

function notFound(): never {
  throw new TRPCError({ code: "NOT_FOUND" });
}

/** Same answer for every relationship. */
const all = (verdict: Verdict): PerRelationship => verdict;
/** Scoped like a case: own only, or own and same office. */
const OWN: PerRelationship = { own: "allow", office: "deny", other: "deny" };
const OFFICE: PerRelationship = { own: "allow", office: "allow", other: "deny" };
/** Supervisors may review determinations of their office, but never their own. */
const OFFICE_NOT_OWN: PerRelationship = { own: "deny", office: "allow", other: "deny" };

const EVERYONE: Expectation = { caseworker: all("allow"), supervisor: all("allow"), data_officer: all("allow"), administrator: all("allow") };
const CASE_READ: Expectation = { caseworker: OWN, supervisor: OFFICE, data_officer: all("deny"), administrator: all("deny") };
const ADMIN_ONLY: Expectation = { caseworker: all("deny"), supervisor: all("deny"), data_officer: all("deny"), administrator: all("allow") };
const STATS: Expectation = { caseworker: all("deny"), supervisor: all("allow"), data_officer: all("allow"), administrator: all("deny") };
const EXPORTS: Expectation = { caseworker: all("deny"), supervisor: all("deny"), data_officer: all("allow"), administrator: all("deny") };
const SUPERVISOR_OF_OFFICE: Expectation = { caseworker: all("deny"), supervisor: OFFICE, data_officer: all("deny"), administrator: all("deny") };
const IMPORTERS: Expectation = { caseworker: all("deny"), supervisor: all("allow"), data_officer: all("deny"), administrator: all("allow") };
/** An import job of the actor whose one row is for the case owner's office (A, or B for "other"). */
const importJob = (w: World) => {
  const officeId = w.caseOwner.officeIds[0]!;
  return importJobFor(w.db, w.actor, officeId === w.officeA.id ? w.officeA.code : w.officeB.code);
};
/**
 * Issue 11 item 2: the same job, its row naming (ext_ExternalPersonId) a person of the OTHER office;
 * after the call, a case of the row's office joined to that person fails the test whatever the verdict.
 */
const importJobNamingForeignPerson = async (w: World, call: (id: string) => Promise<unknown>) => {
  const rowOffice = w.caseOwner.officeIds[0]!;
  const foreign = personOfOffice(w, rowOffice === w.officeA.id ? w.officeB.id : w.officeA.id);
  const id = await importJobFor(w.db, w.actor, rowOffice === w.officeA.id ? w.officeA.code : w.officeB.code, foreign);
  try {
    return await call(id);
  } finally {
    const joined = w.db.$client
      .prepare("SELECT count(*) FROM cases c JOIN persons p ON p.id = c.person_id WHERE p.code = ? AND c.office_id = ?")
      .pluck()
      .get(foreign, rowOffice);
    if (joined !== 0) throw new Error("an import joined a case to another office's person");
  }
};

const YEAR = { yearFrom: 2026, yearTo: 2026 };

type Entry = { expect: Expectation; call: (api: Caller, w: World) => Promise<unknown> };

const registration = (w: World) => ({
  identity: { familyName: "Matrixfam", givenName: "Matrixgiven", aliases: [], documents: [], nextOfKin: [] },
  person: { sex: "Masculine" as const, otherCitizenships: [] },
  registeredOn: "2026-03-01",
  officeId: w.actor.officeIds[0] ?? w.officeA.id,
});

export const MATRIX: Record<string, Entry> = {
  "me.get": { expect: { caseworker: all("allow"), supervisor: all("allow"), data_officer: all("allow"), administrator: all("allow") }, call: (api) => api.me.get() },
  // The own account (issue 15 item 11): every role, only their own password and sessions. "own" is
  // another session of the actor; "office"/"other" a session of a user of the same or another office.
  "me.changePassword": {
    expect: EVERYONE,
    call: async (api, w) => {
      w.db.update(users).set({ passwordHash: await hashPassword("matrix current passphrase 7") }).where(eq(users.id, w.actor.id)).run();
      return api.me.changePassword({ currentPassword: "matrix current passphrase 7", newPassword: "a synthetic matrix passphrase 9" });
    },
  },
  "me.sessions": {
    expect: EVERYONE,
    call: async (api) => ((await api.me.sessions()).some((s) => s.current) ? true : notFound()),
  },
  "me.endSession": {
    expect: { caseworker: OWN, supervisor: OWN, data_officer: OWN, administrator: OWN },
    call: (api, w) => api.me.endSession({ handle: sessionHandle(startSession(w.db, w.rel === "own" ? w.actor.id : w.targetUserId)) }),
  },

  "cases.list": {
    expect: CASE_READ,
    call: async (api, w) => ((await api.cases.list({ search: w.caseCode })).rows.length === 1 ? true : notFound()),
  },
  "cases.get": { expect: CASE_READ, call: (api, w) => api.cases.get({ code: w.caseCode }) },
  // Issue 11 item 2: a new case joins the relationship's person directly only inside the office;
  // another office's person looks absent (linking across offices is a request: personLinks).
  "cases.register": {
    expect: { caseworker: OFFICE, supervisor: OFFICE, data_officer: all("deny"), administrator: all("deny") },
    call: (api, w) => api.cases.register({ ...registration(w), linkPersonCode: w.personCode }),
  },
  "cases.update": {
    expect: CASE_READ,
    call: (api, w) => api.cases.update({ code: w.caseCode, version: 1, programme: "avrr", status: "Active", registeredOn: "2026-03-01", categories: [] }),
  },
  "cases.revealIdentity": { expect: CASE_READ, call: (api, w) => api.cases.revealIdentity({ code: w.caseCode }) },
  "cases.notes": { expect: CASE_READ, call: (api, w) => api.cases.notes({ code: w.caseCode }) },
  "cases.addNote": { expect: CASE_READ, call: (api, w) => api.cases.addNote({ code: w.caseCode, body: "Synthetic" }) },
  "cases.assignable": {
    expect: { caseworker: all("deny"), supervisor: OFFICE, data_officer: all("deny"), administrator: all("deny") },
    call: (api, w) => api.cases.assignable({ code: w.caseCode }),
  },
  "cases.assign": {
    expect: { caseworker: all("deny"), supervisor: OFFICE, data_officer: all("deny"), administrator: all("deny") },
    call: (api, w) => api.cases.assign({ code: w.caseCode, version: 1, ownerId: w.caseOwner.id, assigneeIds: [] }),
  },

  // Issue 11 item 2: the relationship's person (names only) comes with its code only to its own
  // office; to another office a match says only that one exists.
  "persons.probableDuplicates": {
    expect: { caseworker: OFFICE, supervisor: OFFICE, data_officer: all("deny"), administrator: all("deny") },
    call: async (api, w) => {
      const result = await api.persons.probableDuplicates({ familyName: "Testfamily", givenName: "Testgiven" });
      if (JSON.stringify(result.elsewhere ?? {}).includes(w.personCode)) throw new Error("a code of another office leaked");
      return result.matches.some((m) => m.personCode === w.personCode) ? true : notFound();
    },
  },
  // Issue 15 item 2: the relationship's person (Testfamily Testgiven) is found by name only by its
  // own office; another office's person is not even said to exist.
  "persons.findByName": {
    expect: { caseworker: OFFICE, supervisor: OFFICE, data_officer: all("deny"), administrator: all("deny") },
    call: async (api, w) => {
      const result = await api.persons.findByName({ familyName: "Testfamily", givenName: "Testgiven", birthDate: "1990-04-12" });
      const found = result.persons.find((p) => p.personCode === w.personCode);
      if (!found) return notFound();
      if (!found.cases.some((c) => c.code === w.caseCode)) throw new Error("the person's case in the office is missing");
      return true;
    },
  },
  "personLinks.forCase": { expect: CASE_READ, call: (api, w) => api.personLinks.forCase({ code: w.caseCode }) },
  "personLinks.withdraw": { expect: CASE_READ, call: (api, w) => api.personLinks.withdraw({ id: pendingLinkFrom(w) }) },
  "personLinks.incoming": {
    // Supervisors of the person's office (own and office: a person of their office; other: of another).
    expect: { caseworker: all("deny"), supervisor: OFFICE, data_officer: all("deny"), administrator: all("deny") },
    call: async (api, w) => {
      const id = pendingLinkTo(w);
      return (await api.personLinks.incoming()).some((r) => r.id === id) ? true : notFound();
    },
  },
  "personLinks.decide": {
    expect: { caseworker: all("deny"), supervisor: OFFICE, data_officer: all("deny"), administrator: all("deny") },
    call: (api, w) => api.personLinks.decide({ id: pendingLinkTo(w), action: "accept" }),
  },

  "forms.get": { expect: CASE_READ, call: (api, w) => api.forms.get({ caseCode: w.caseCode, formId: "screening" }) },
  "forms.revision": { expect: CASE_READ, call: (api, w) => api.forms.revision({ caseCode: w.caseCode, formId: "screening", revision: 1 }) },
  "forms.saveDraft": {
    expect: CASE_READ,
    call: (api, w) => api.forms.saveDraft({ caseCode: w.caseCode, formId: "screening", answers: { interviewDate: "2026-03-02" }, baseUpdatedAt: null }),
  },
  "forms.submit": { expect: CASE_READ, call: (api, w) => api.forms.submit({ caseCode: w.caseCode, formId: "screening", answers: SCREENING }) },

  "determinations.queue": {
    expect: { caseworker: all("deny"), supervisor: OFFICE, data_officer: all("deny"), administrator: all("deny") },
    call: async (api, w) => ((await api.determinations.queue()).some((d) => d.id === w.determinationId) ? true : notFound()),
  },
  "determinations.forCase": { expect: CASE_READ, call: (api, w) => api.determinations.forCase({ code: w.caseCode }) },
  "determinations.review": {
    expect: { caseworker: all("deny"), supervisor: OFFICE_NOT_OWN, data_officer: all("deny"), administrator: all("deny") },
    call: (api, w) => api.determinations.review({ id: w.determinationId, action: "approve" }),
  },

  "consents.forCase": { expect: CASE_READ, call: (api, w) => api.consents.forCase({ code: w.caseCode }) },
  "consents.record": {
    expect: CASE_READ,
    call: (api, w) => api.consents.record({ code: w.caseCode, purpose: "share_with_partners", decision: "given", method: "oral", decidedOn: "2026-03-02" }),
  },
  "services.forCase": { expect: CASE_READ, call: (api, w) => api.services.forCase({ code: w.caseCode }) },
  "services.create": { expect: CASE_READ, call: (api, w) => api.services.create({ code: w.caseCode, type: "cash", status: "needed", funding: "gaf" }) },
  "services.update": {
    expect: CASE_READ,
    call: (api, w) => api.services.update({ id: w.serviceId, version: 1, status: "provided", provider: "self", funding: "project", startedOn: "2026-03-02" }),
  },

  "organisations.list": {
    // Reference data for referrals: everyone who works on cases, and administrators; no data officer.
    expect: { caseworker: all("allow"), supervisor: all("allow"), data_officer: all("deny"), administrator: all("allow") },
    call: async (api, w) => ((await api.organisations.list({ search: "Matrix partner" })).some((o) => o.id === w.organisationId) ? true : notFound()),
  },
  "organisations.create": {
    // Supervisors for their own offices; administrators for any.
    expect: { caseworker: all("deny"), supervisor: OFFICE, data_officer: all("deny"), administrator: all("allow") },
    call: (api, w) => api.organisations.create({ name: "New matrix partner", type: "LegalService", countryIso2: "AT", services: ["legal_consular"], officeId: w.targetOfficeId }),
  },
  "organisations.update": {
    expect: { caseworker: all("deny"), supervisor: OFFICE, data_officer: all("deny"), administrator: all("allow") },
    call: (api, w) =>
      api.organisations.update({ id: w.organisationId, version: 1, name: "Renamed partner", type: "NGO", countryIso2: "AT", services: [], active: true }),
  },

  // Issue 5: referrals, transfers between offices, closure, the desk (fixtures: server/testing/lifecycle-fixtures.ts).
  "referrals.forCase": { expect: CASE_READ, call: (api, w) => api.referrals.forCase({ code: w.caseCode }) },
  "referrals.create": {
    expect: CASE_READ,
    call: (api, w) =>
      api.referrals.create({ code: w.caseCode, direction: "incoming", organisationId: w.organisationId, services: ["accommodation"], reason: "Other", referredOn: "2026-03-02" }),
  },
  "referrals.updateStatus": {
    expect: CASE_READ,
    call: (api, w) => api.referrals.updateStatus({ id: pendingReferral(w), version: 1, status: "accepted", on: "2026-03-02" }),
  },
  "transfers.forCase": { expect: CASE_READ, call: (api, w) => api.transfers.forCase({ code: w.caseCode }) },
  "transfers.destinations": { expect: CASE_READ, call: (api, w) => api.transfers.destinations({ code: w.caseCode }) },
  "transfers.request": {
    expect: CASE_READ,
    call: (api, w) => api.transfers.request({ code: w.caseCode, toOfficeId: w.targetOfficeId === w.officeA.id ? w.officeB.id : w.officeA.id }),
  },
  "transfers.cancel": { expect: CASE_READ, call: (api, w) => api.transfers.cancel({ id: pendingTransferFrom(w) }) },
  "transfers.incoming": {
    // Supervisors of the receiving office (own and office: a transfer to their office; other: to another).
    expect: { caseworker: all("deny"), supervisor: OFFICE, data_officer: all("deny"), administrator: all("deny") },
    call: async (api, w) => {
      const id = pendingTransferTo(w);
      return (await api.transfers.incoming()).some((t) => t.id === id) ? true : notFound();
    },
  },
  "transfers.decide": {
    expect: { caseworker: all("deny"), supervisor: OFFICE, data_officer: all("deny"), administrator: all("deny") },
    call: (api, w) => api.transfers.decide({ id: pendingTransferTo(w), action: "accept" }),
  },
  "closure.forCase": { expect: CASE_READ, call: (api, w) => api.closure.forCase({ code: w.caseCode }) },
  "closure.request": { expect: CASE_READ, call: (api, w) => api.closure.request({ code: w.caseCode, reason: "assistance_completed" }) },
  "closure.queue": {
    expect: { caseworker: all("deny"), supervisor: OFFICE, data_officer: all("deny"), administrator: all("deny") },
    call: async (api, w) => {
      const id = pendingClosure(w);
      return (await api.closure.queue()).some((c) => c.id === id) ? true : notFound();
    },
  },
  "closure.review": {
    // Never one's own request (own: the supervisor asked for the closure of their own case).
    expect: { caseworker: all("deny"), supervisor: OFFICE_NOT_OWN, data_officer: all("deny"), administrator: all("deny") },
    call: (api, w) => api.closure.review({ id: pendingClosure(w), action: "approve" }),
  },
  "closure.reopen": {
    expect: { caseworker: all("deny"), supervisor: OFFICE, data_officer: all("deny"), administrator: all("deny") },
    call: (api, w) => api.closure.reopen({ code: closedCase(w), reason: "Synthetic" }),
  },
  "desk.get": {
    // The case's pending referral shows on the desk of whoever may read the case.
    expect: CASE_READ,
    call: async (api, w) => {
      const id = pendingReferral(w);
      return (await api.desk.get({})).referrals.some((r) => r.id === id) ? true : notFound();
    },
  },

  // Issue 5: programmes, return travel, reintegration and monitoring (fixtures: server/testing/return-fixtures.ts).
  "returns.forCase": { expect: CASE_READ, call: (api, w) => api.returns.forCase({ code: w.caseCode }) },
  "returns.summary": { expect: CASE_READ, call: (api, w) => api.returns.summary({ code: w.caseCode }) },
  "returns.enrol": {
    expect: CASE_READ,
    call: (api, w) => api.returns.enrol({ code: w.caseCode, version: caseVersion(w), programme: "para", hostCountry: "DE", returnCountry: "UA", returnedOn: "2026-03-11" }),
  },
  "returns.recordBestInterest": {
    expect: CASE_READ,
    call: (api, w) => {
      unaccompaniedChild(w);
      return api.returns.recordBestInterest({ code: w.caseCode, outcome: "in_favour_of_return", decidedOn: "2026-03-05" });
    },
  },
  "returns.planTravel": {
    expect: CASE_READ,
    call: (api, w) => {
      enrolled(w, false);
      return api.returns.planTravel({ code: w.caseCode, fromCountry: "AT", toCountry: "UA", departureOn: "2026-03-10", legs: [], escort: false, fitToTravel: "fit", documents: [] });
    },
  },
  "returns.updateTravel": {
    expect: CASE_READ,
    call: (api, w) =>
      api.returns.updateTravel({ id: plannedTravel(w), version: 1, fromCountry: "AT", toCountry: "UA", departureOn: "2026-03-12", legs: [], escort: true, fitToTravel: "fit", documents: ["passport"] }),
  },
  "returns.setTravelStatus": { expect: CASE_READ, call: (api, w) => api.returns.setTravelStatus({ id: plannedTravel(w), version: 1, status: "cancelled" }) },
  "reintegration.forCase": { expect: CASE_READ, call: (api, w) => api.reintegration.forCase({ code: w.caseCode }) },
  "reintegration.summary": { expect: CASE_READ, call: (api, w) => api.reintegration.summary({ code: w.caseCode }) },
  "reintegration.savePlan": {
    expect: CASE_READ,
    call: (api, w) => {
      enrolled(w);
      return api.reintegration.savePlan({ code: w.caseCode, version: null, objectives: "Synthetic objectives" });
    },
  },
  "reintegration.addStep": {
    expect: CASE_READ,
    call: (api, w) => {
      enrolled(w);
      return api.reintegration.addStep({ code: w.caseCode, type: "housing", providerKind: "self", cost: "100", currency: "UAH" });
    },
  },
  "reintegration.updateStep": {
    expect: CASE_READ,
    call: (api, w) => api.reintegration.updateStep({ id: plannedStep(w), version: 1, type: "education", plannedOn: "2026-04-01", providerKind: "self" }),
  },
  "reintegration.setStepStatus": { expect: CASE_READ, call: (api, w) => api.reintegration.setStepStatus({ id: plannedStep(w), version: 1, status: "in_progress" }) },
  "reintegration.recordVisit": {
    expect: CASE_READ,
    call: (api, w) => api.reintegration.recordVisit({ ...scheduledVisit(w), status: "done", visitedOn: "2026-06-12", outcome: "reintegrating_well" }),
  },

  "users.list": {
    expect: { caseworker: all("deny"), supervisor: OFFICE, data_officer: all("deny"), administrator: all("allow") },
    call: async (api, w) => ((await api.users.list({})).rows.some((u) => u.id === w.targetUserId) ? true : notFound()),
  },
  "users.create": {
    expect: ADMIN_ONLY,
    call: (api, w) =>
      api.users.create({ email: `matrix-${w.targetUserId}@test.invalid`, name: "Matrix user", role: "caseworker", officeIds: [w.targetOfficeId] }),
  },
  "users.update": {
    expect: ADMIN_ONLY,
    call: (api, w) => api.users.update({ id: w.targetUserId, version: 1, name: "Renamed", role: "caseworker", officeIds: [w.targetOfficeId] }),
  },
  "users.deactivate": { expect: ADMIN_ONLY, call: (api, w) => api.users.deactivate({ id: w.targetUserId }) },
  "users.reactivate": { expect: ADMIN_ONLY, call: (api, w) => api.users.reactivate({ id: w.targetUserId }) },
  "users.resetPassword": { expect: ADMIN_ONLY, call: (api, w) => api.users.resetPassword({ id: w.targetUserId }) },
  "users.unlock": { expect: ADMIN_ONLY, call: (api, w) => api.users.unlock({ id: w.targetUserId }) },
  "users.resetSecondFactor": { expect: ADMIN_ONLY, call: (api, w) => api.users.resetSecondFactor({ id: w.targetUserId }) },

  "offices.list": {
    // Caseworkers and supervisors see their own offices only; administrators and data officers all.
    expect: { caseworker: OFFICE, supervisor: OFFICE, data_officer: all("allow"), administrator: all("allow") },
    call: async (api, w) => ((await api.offices.list({})).some((o) => o.id === w.targetOfficeId) ? true : notFound()),
  },
  "offices.create": { expect: ADMIN_ONLY, call: (api, w) => api.offices.create({ code: `M-${w.targetUserId}`, name: "Matrix office", countryIso2: "KE" }) },
  "offices.update": {
    expect: ADMIN_ONLY,
    call: (api, w) => api.offices.update({ id: w.targetOfficeId, version: 1, name: "Renamed office", countryIso2: "AT", active: true }),
  },

  "audit.list": {
    // Supervisors read their offices' events (the case's events are recorded against its office).
    expect: { caseworker: all("deny"), supervisor: OFFICE, data_officer: all("deny"), administrator: all("allow") },
    call: async (api, w) => ((await api.audit.list({ entity: w.caseCode })).rows.length > 0 ? true : notFound()),
  },
  "audit.verify": { expect: ADMIN_ONLY, call: (api) => api.audit.verify() },

  "stats.overview": { expect: STATS, call: (api) => api.stats.overview() },
  "stats.options": { expect: STATS, call: (api) => api.stats.options() },
  "stats.indicators": { expect: STATS, call: (api) => api.stats.indicators({ filters: YEAR }) },
  "stats.review": { expect: STATS, call: (api) => api.stats.review({ filters: YEAR }) },
  "stats.workload": {
    expect: { caseworker: all("deny"), supervisor: all("allow"), data_officer: all("deny"), administrator: all("deny") },
    call: (api) => api.stats.workload(),
  },
  "stats.exportAggregates": { expect: EXPORTS, call: (api) => api.stats.exportAggregates({ indicators: ["assisted.by_sex"], filters: YEAR, format: "csv" }) },
  "stats.exportMicrodata": { expect: EXPORTS, call: (api) => api.stats.exportMicrodata({ filters: YEAR, format: "csv" }) },

  // Import jobs (issue 7) belong to the user who uploaded them; the file names the relationship's
  // office. Supervisors import into their offices only (a job for another office has problems and
  // cannot be committed), administrators into any.
  "imports.status": { expect: IMPORTERS, call: async (api, w) => api.imports.status({ id: await importJob(w) }) },
  "imports.commit": {
    expect: { caseworker: all("deny"), supervisor: OFFICE, data_officer: all("deny"), administrator: all("allow") },
    call: (api, w) =>
      importJobNamingForeignPerson(w, (id) =>
        api.imports.commit({ id }).catch((error: unknown) => {
          if (error instanceof TRPCError && error.code === "PRECONDITION_FAILED") notFound();
          throw error;
        }),
      ),
  },
  "imports.discard": { expect: IMPORTERS, call: async (api, w) => api.imports.discard({ id: await importJob(w) }) },

  // Issue 11 items 6 and 12 (fixtures: server/testing/retention-fixtures.ts).
  "revealLimits.alerts": {
    // The case owner was refused a reveal in the relationship's office: their office's supervisors see it.
    expect: { caseworker: all("deny"), supervisor: OFFICE, data_officer: all("deny"), administrator: all("deny") },
    call: async (api, w) => {
      const userId = revealRefusedFor(w);
      return (await api.revealLimits.alerts()).alerts.some((a) => a.userId === userId) ? true : notFound();
    },
  },
  "retention.policy": { expect: ADMIN_ONLY, call: (api) => api.retention.policy() },
  "retention.setPolicy": { expect: ADMIN_ONLY, call: (api) => api.retention.setPolicy({ years: 10 }) },
  "erasure.request": {
    expect: { caseworker: all("deny"), supervisor: OFFICE, data_officer: all("deny"), administrator: all("deny") },
    call: (api, w) => api.erasure.request({ code: w.caseCode, reason: "Synthetic matrix reason" }),
  },
  "erasure.forCase": {
    expect: { caseworker: all("deny"), supervisor: OFFICE, data_officer: all("deny"), administrator: all("deny") },
    call: (api, w) => api.erasure.forCase({ code: w.caseCode }),
  },
  "erasure.pending": {
    expect: ADMIN_ONLY,
    call: async (api, w) => {
      const id = pendingErasure(w);
      return (await api.erasure.pending()).some((r) => r.id === id) ? true : notFound();
    },
  },
  // Declined, so that the shared world of the signed-out check keeps its case's identity.
  "erasure.decide": { expect: ADMIN_ONLY, call: (api, w) => api.erasure.decide({ id: pendingErasure(w), action: "decline" }) },
  // Separation of duties (decision 0020): only a supervisor of the office decides; never an administrator.
  "access.pending": {
    expect: SUPERVISOR_OF_OFFICE,
    call: async (api, w) => ((await api.access.pending()).some((r) => r.userId === w.pendingUserId) ? true : notFound()),
  },
  "access.confirm": { expect: SUPERVISOR_OF_OFFICE, call: (api, w) => api.access.confirm({ userId: w.pendingUserId, officeId: w.targetOfficeId }) },
  "access.decline": { expect: SUPERVISOR_OF_OFFICE, call: (api, w) => api.access.decline({ userId: w.pendingUserId, officeId: w.targetOfficeId }) },
  // Public: the one-time token is the authority, whoever is signed in.
  "account.completeSetup": {
    expect: { caseworker: all("allow"), supervisor: all("allow"), data_officer: all("allow"), administrator: all("allow") },
    call: (api, w) => api.account.completeSetup({ token: w.setupToken, password: "a synthetic matrix passphrase 9" }),
  },
};

const procedures = Object.keys(appRouter._def.procedures).sort();
/** Procedures anyone may call signed out (publicProcedure's meta). */
const PUBLIC = new Set(
  procedures.filter((p) => (appRouter._def.procedures as unknown as Record<string, { _def: { meta?: { public?: boolean } } }>)[p]?._def.meta?.public),
);

function verdictFor(entry: Entry, role: Role, rel: Relationship): Verdict {
  const v = entry.expect[role];
  return typeof v === "string" ? v : v[rel];
}

const DENIED = new Set(["FORBIDDEN", "NOT_FOUND", "UNAUTHORIZED"]);

describe("authorization matrix", () => {
  it("has an entry for every procedure, every role and every relationship", () => {
    expect(procedures.filter((p) => !(p in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((p) => !procedures.includes(p))).toEqual([]);
    for (const entry of Object.values(MATRIX)) {
      for (const role of ROLES) {
        for (const rel of RELATIONSHIPS) expect(["allow", "deny"]).toContain(verdictFor(entry, role, rel));
      }
    }
  });

  for (const procedure of procedures) {
    const entry = MATRIX[procedure];
    if (!entry) continue;
    describe(procedure, () => {
      for (const role of ROLES) {
        for (const rel of RELATIONSHIPS) {
          const expected = verdictFor(entry, role, rel);
          it(`${role} / ${rel} office -> ${expected}`, async () => {
            const db = createTestDb();
            try {
              const world = buildWorld(db, role, rel);
              const outcome = await entry.call(callerFor(db, world.actor), world).then(
                () => "allow" as const,
                (error: unknown) => {
                  if (error instanceof TRPCError && DENIED.has(error.code)) return "deny" as const;
                  throw error;
                },
              );
              expect(outcome).toBe(expected);
            } finally {
              destroyTestDb(db);
            }
          });
        }
      }
    });
  }

  it("refuses every non-public procedure to a signed-out caller", async () => {
    const db = createTestDb();
    try {
      const world = buildWorld(db, "supervisor", "office");
      const anonymous = callerFor(db, null);
      expect([...PUBLIC]).toEqual(["account.completeSetup"]);
      for (const procedure of procedures.filter((p) => !PUBLIC.has(p))) {
        await expect(MATRIX[procedure]!.call(anonymous, world), procedure).rejects.toSatisfy(
          (e: unknown) => e instanceof TRPCError && e.code === "UNAUTHORIZED",
        );
      }
    } finally {
      destroyTestDb(db);
    }
  });
});
