import type { Db } from "@/db/client";
import { ZRegisterCase, type TRegisterCaseInput } from "@/lib/schemas/registry";
import type { SessionUser } from "@/server/auth/session-user";
import { registerCase } from "@/server/services/register-case";

/** A synthetic registration (obviously artificial names) for `user`'s first office. */
export function registrationInput(user: SessionUser, overrides: Partial<TRegisterCaseInput> = {}): TRegisterCaseInput {
  return {
    identity: {
      familyName: "Testfamily",
      givenName: "Testgiven",
      aliases: [],
      birthDate: "1990-04-12",
      documents: [{ type: "passport", number: "TST000001", issuingCountry: "UA" }],
      nextOfKin: [{ name: "Testkin", relationship: "sibling", phone: "+380000000" }],
      phone: "+43 000 0000",
      address: "Synthetic street 1",
    },
    person: { sex: "Feminine", citizenship: "UA", otherCitizenships: [] },
    registeredOn: "2026-03-01",
    programme: "vulnerable_migrant",
    officeId: user.officeIds[0]!,
    ...overrides,
  };
}

/** Registers a case as `user` through the service (encrypts, audits) and returns its codes. */
export function registerTestCase(db: Db, user: SessionUser, overrides: Partial<TRegisterCaseInput> = {}) {
  return registerCase(db, user, ZRegisterCase.parse(registrationInput(user, overrides)));
}
