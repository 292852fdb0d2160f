import type { Db } from "@/db/client";
import { ZRegisterCase } from "@/lib/schemas/registry";
import type { SessionUser } from "@/server/auth/session-user";
import { registerCase } from "@/server/services/register-case";
import { registrationInput, registerTestCase } from "./registry-fixtures";
import { makeUser } from "./sessions";

/**
 * Person-link requests (issue 11 item 2) for the authorization matrix. The registry fixtures give
 * every person the same synthetic names, so a person registered in one office is a probable match
 * for a registration in the other.
 */
export type PersonLinkWorld = {
  db: Db;
  caseOwner: SessionUser;
  officeA: { id: number };
  officeB: { id: number };
  /** Office A for own/office relationships, office B for other. */
  targetOfficeId: number;
};

const opposite = (w: PersonLinkWorld, officeId: number) => (officeId === w.officeA.id ? w.officeB.id : w.officeA.id);

/** A person registered by `officeId` (by a new caseworker there); its code. */
export function personOfOffice(w: PersonLinkWorld, officeId: number): string {
  return registerTestCase(w.db, makeUser(w.db, { role: "caseworker", officeIds: [officeId] })).personCode;
}

/** A waiting request of a NEW case of the world's case owner to link to a person of the other office. */
export function pendingLinkFrom(w: PersonLinkWorld): number {
  const ownOffice = w.caseOwner.officeIds[0]!;
  personOfOffice(w, opposite(w, ownOffice));
  return requestIdOf(registerCase(w.db, w.caseOwner, ZRegisterCase.parse({ ...registrationInput(w.caseOwner), requestLink: true })));
}

/** A waiting request TO the relationship's office, from a caseworker of the other office. */
export function pendingLinkTo(w: PersonLinkWorld): number {
  personOfOffice(w, w.targetOfficeId);
  const requester = makeUser(w.db, { role: "caseworker", officeIds: [opposite(w, w.targetOfficeId)] });
  return requestIdOf(registerCase(w.db, requester, ZRegisterCase.parse({ ...registrationInput(requester), requestLink: true })));
}

function requestIdOf(registered: { linkRequestId: number | null }): number {
  if (registered.linkRequestId === null) throw new Error("no link request was made");
  return registered.linkRequestId;
}
