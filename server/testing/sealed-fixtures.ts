import type { Db } from "@/db/client";
import type { SessionUser } from "@/server/auth/session-user";
import { makeOffice } from "./factories";
import { registrationInput, registerTestCase } from "./registry-fixtures";
import { enrolDemoSecondFactor } from "@/server/services/second-factor";
import { callerFor, makeUser } from "./sessions";
import { scheduledVisit } from "./return-fixtures";

/**
 * A case with one value in EVERY sealed column of the registry (db/queries/sealed-columns.ts),
 * written through the procedures as a browser would, so that a test of key rotation holds the
 * registry's associated data to what the services really bind. Synthetic texts only.
 */
export type SealedWorld = { caseCode: string; worker: SessionUser; supervisor: SessionUser; otherSupervisor: SessionUser };

const SCREENING = {
  interviewDate: "2026-03-02",
  interviewCountry: "AT",
  interviewer: "Synthetic interviewer",
  interviewLanguage: "de",
  interpreterUsed: "no",
  referralSource: "ngo",
  consentToScreening: "no",
  decision: "not_eligible",
  decisionReason: "Synthetic reason",
};

export async function sealEveryColumn(db: Db): Promise<SealedWorld> {
  const officeA = makeOffice(db, { countryIso2: "AT" });
  const officeB = makeOffice(db, { countryIso2: "UA" });
  const worker = makeUser(db, { role: "caseworker", officeIds: [officeA.id] });
  const supervisor = makeUser(db, { role: "supervisor", officeIds: [officeA.id] });
  const otherSupervisor = makeUser(db, { role: "supervisor", officeIds: [officeB.id] });
  const admin = makeUser(db, { role: "administrator" });
  const w = callerFor(db, worker);
  const s = callerFor(db, supervisor);

  // identities
  const { caseCode: code } = registerTestCase(db, worker, { officeId: officeA.id });
  // case_notes
  await w.cases.addNote({ code, body: "Synthetic note body" });
  // form_responses (and a pending determination) ; determinations.comment
  await w.forms.submit({ caseCode: code, formId: "screening", answers: SCREENING });
  const [determination] = await s.determinations.queue();
  await s.determinations.review({ id: determination!.id, action: "approve", comment: "Synthetic review comment" });
  for (const purpose of ["assistance", "data_processing"] as const) {
    await w.consents.record({ code, purpose, decision: "given", method: "oral", decidedOn: "2026-03-02" });
  }
  // services.notes
  await w.services.create({ code, type: "medical", status: "needed", notes: "Synthetic service notes" });
  const { id: organisationId } = await callerFor(db, admin).organisations.create({ name: "Synthetic partner", type: "NGO", countryIso2: "AT", services: ["accommodation"] });
  // referrals.message, .decline_reason (incoming: no consent to share needed); .override_reason
  const incoming = await w.referrals.create({ code, direction: "incoming", organisationId, services: ["accommodation"], reason: "Other", referredOn: "2026-03-02", message: "Synthetic referral message" });
  await w.referrals.updateStatus({ id: incoming.id, version: 1, status: "declined", on: "2026-03-03", declineReason: "Synthetic decline reason" });
  await s.referrals.create({ code, direction: "outgoing", organisationId, services: ["accommodation"], reason: "Other", referredOn: "2026-03-02", overrideReason: "Synthetic override reason" });
  // transfers.message, .decline_reason
  const transfer = await w.transfers.request({ code, toOfficeId: officeB.id, message: "Synthetic transfer message" });
  await callerFor(db, otherSupervisor).transfers.decide({ id: transfer.id, action: "decline", reason: "Synthetic transfer decline" });
  // best_interest_decisions.notes (an unaccompanied child), then enrolment with a return date
  const c = await w.cases.get({ code });
  await w.cases.update({ code, version: c.version, programme: "avrr", status: "Active", registeredOn: "2026-03-01", categories: ["unaccompanied_child"] });
  await w.returns.recordBestInterest({ code, outcome: "in_favour_of_return", decidedOn: "2026-03-05", notes: "Synthetic best-interest notes" });
  const after = await w.cases.get({ code });
  await w.returns.enrol({ code, version: after.version, programme: "avrr", hostCountry: "AT", returnCountry: "UA", returnedOn: "2026-03-11" });
  // reintegration_plans.objectives, reintegration_steps.description, monitoring_visits.notes
  await w.reintegration.savePlan({ code, version: null, objectives: "Synthetic objectives" });
  await w.reintegration.addStep({ code, type: "housing", providerKind: "self", description: "Synthetic step description" });
  const visit = scheduledVisit({ db, caseCode: code, caseOwner: worker });
  await w.reintegration.recordVisit({ ...visit, status: "done", visitedOn: "2026-06-12", outcome: "reintegrating_well", notes: "Synthetic visit notes" });
  // person_link_requests.reason: office B asks to link a person to ours (same names), and is declined
  const otherWorker = makeUser(db, { role: "caseworker", officeIds: [officeB.id] });
  const { linkRequestId } = await callerFor(db, otherWorker).cases.register({ ...registrationInput(otherWorker), requestLink: true });
  await s.personLinks.decide({ id: linkRequestId!, action: "decline", reason: "Synthetic link decline reason" });
  // erasure_requests.reason
  await s.erasure.request({ code, reason: "Synthetic erasure reason" });
  // user_second_factors (a staff account's TOTP secret)
  enrolDemoSecondFactor(db, worker.id, "SYNTHETICTOTPSECRETFORTESTSONLY2");
  // case_closures.comment
  await w.closure.request({ code, reason: "other", comment: "Synthetic closure comment" });
  return { caseCode: code, worker, supervisor, otherSupervisor };
}
