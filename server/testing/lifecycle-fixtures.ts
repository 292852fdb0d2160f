import type { Db } from "@/db/client";
import type { SessionUser } from "@/server/auth/session-user";
import { requestClosure, reviewClosure } from "@/server/services/closure";
import { createReferral } from "@/server/services/referrals";
import { requestTransfer } from "@/server/services/transfers";
import { ZCreateReferral } from "@/lib/schemas/referrals";
import { makeUser } from "./sessions";
import { registerTestCase } from "./registry-fixtures";

/**
 * Records of the life of a case after the interviews (issue 5), made through the services as the
 * authorization matrix's world needs them: each helper acts as the case's owner (or a colleague of
 * the right office) so that the caller under test only does the one call the matrix is about.
 * Helpers that change a case's state (transfer, closure) work on a NEW case of the same owner, so
 * that the world's case stays open for every other entry (the signed-out check shares one world).
 */
export type LifecycleWorld = {
  db: Db;
  caseCode: string;
  caseOwner: SessionUser;
  organisationId: number;
  officeA: { id: number };
  officeB: { id: number };
  /** Office A for own/office relationships, office B for other. */
  targetOfficeId: number;
};

/** A pending incoming referral of the world's case (incoming: no consent to share needed). */
export function pendingReferral(w: LifecycleWorld): number {
  return createReferral(
    w.db,
    w.caseOwner,
    ZCreateReferral.parse({ code: w.caseCode, direction: "incoming", organisationId: w.organisationId, services: ["accommodation"], reason: "Other", referredOn: "2026-03-02", dueOn: "2026-03-03" }),
  ).id;
}

/** Another case of the world's case owner, in the same office. */
function sibling(w: LifecycleWorld): string {
  return registerTestCase(w.db, w.caseOwner, { officeId: w.caseOwner.officeIds[0]! }).caseCode;
}

/** A pending transfer to the other office of a case of the world's case owner. */
export function pendingTransferFrom(w: LifecycleWorld): number {
  const caseOffice = w.caseOwner.officeIds[0]!;
  const toOfficeId = caseOffice === w.officeA.id ? w.officeB.id : w.officeA.id;
  return requestTransfer(w.db, w.caseOwner, { code: sibling(w), toOfficeId }).id;
}

/** A pending transfer TO the relationship's office (A for own/office, B for other), of a new case of the other office. */
export function pendingTransferTo(w: LifecycleWorld): number {
  const origin = w.targetOfficeId === w.officeA.id ? w.officeB.id : w.officeA.id;
  const worker = makeUser(w.db, { role: "caseworker", officeIds: [origin] });
  const { caseCode } = registerTestCase(w.db, worker);
  return requestTransfer(w.db, worker, { code: caseCode, toOfficeId: w.targetOfficeId }).id;
}

/** A pending closure request, by its owner, of a case of the world's case owner. */
export function pendingClosure(w: LifecycleWorld): number {
  return requestClosure(w.db, w.caseOwner, { code: sibling(w), reason: "assistance_completed" }).id;
}

/** A closed case of the world's case owner (they asked, a supervisor of the office approved); its code. */
export function closedCase(w: LifecycleWorld): string {
  const code = sibling(w);
  const { id } = requestClosure(w.db, w.caseOwner, { code, reason: "assistance_completed" });
  const supervisor = makeUser(w.db, { role: "supervisor", officeIds: [w.caseOwner.officeIds[0]!] });
  reviewClosure(w.db, supervisor, { id, action: "approve" });
  return code;
}
