import "server-only";
import { eq } from "drizzle-orm";
import { writeTransaction, type Db } from "@/db/client";
import { cases, identities, offices, persons } from "@/db/schema";
import { ageOn } from "@/lib/age";
import { AppError } from "@/lib/errors";
import { can } from "@/lib/permissions";
import type { TRegisterCase } from "@/lib/schemas/registry";
import { recordAudit } from "@/server/audit/record";
import type { SessionUser } from "@/server/auth/session-user";
import { personOfOfficesByCode } from "@/db/queries/person-links";
import { blindIndex } from "@/server/crypto/blind-index";
import { blindIndexKey, vaultKeys } from "@/server/crypto/keys";
import { randomCode } from "@/server/crypto/random-code";
import { boundTo, sealJson } from "@/server/crypto/vault";
import { bestMatchElsewhere, blindIndexCandidates } from "./find-probable-duplicates";
import { requestPersonLink } from "./person-links";

export const IDENTITY_AAD = (personId: number) => boundTo("identities", personId, "identity");

export function uniqueCode(tx: Db, prefix: "P" | "C"): string {
  for (let attempt = 0; attempt < 8; attempt++) {
    const code = randomCode(prefix);
    const table = prefix === "P" ? persons : cases;
    if (!tx.select({ id: table.id }).from(table).where(eq(table.code, code)).get()) return code;
  }
  throw new Error("could not allocate a unique code");
}

/**
 * Registers a person (or links to an existing one of the caseworker's offices they confirmed as the
 * same person, or asks another office to link: a person-link request) and opens a case for them in
 * one of the caseworker's offices. The identity goes only into the vault,
 * bound to the person row; the person gets a random code; the case gets its own code.
 */
export function registerCase(db: Db, user: SessionUser, input: TRegisterCase, ip: string | null = null) {
  if (!can(user.role, "case:create:office")) throw new AppError("FORBIDDEN");
  if (!user.officeIds.includes(input.officeId)) throw new AppError("NOT_FOUND");

  return writeTransaction(db, (tx) => {
    const office = tx
      .select({ id: offices.id, country: offices.countryIso2, active: offices.active })
      .from(offices)
      .where(eq(offices.id, input.officeId))
      .get();
    if (!office || !office.active) throw new AppError("NOT_FOUND");
    const now = Date.now();

    let person: { id: number; code: string; sex: string; birthYear: number | null; citizenship: string | null };
    // A link request goes to the office of the best probable match outside the user's offices,
    // found here from the blind index (the caller never has its code).
    const askLink = input.requestLink ? bestMatchElsewhere(blindIndexCandidates(tx, user.officeIds, input.identity)) : null;
    if (input.requestLink && !askLink) {
      throw new AppError("VALIDATION", "no probable match in another office", { "identity.familyName": "personLinks.errors.noMatchElsewhere" });
    }
    if (input.linkPersonCode) {
      // Direct linking only to a person of the user's own offices; another office's person looks
      // absent (NOT_FOUND) and can only be asked for (requestLink).
      const existing = personOfOfficesByCode(tx, user.officeIds, input.linkPersonCode);
      if (!existing) throw new AppError("NOT_FOUND");
      person = existing;
    } else {
      const birthYear = input.identity.birthDate
        ? Number(input.identity.birthDate.slice(0, 4))
        : (input.person.birthYear ?? null);
      const index = blindIndex(blindIndexKey(), input.identity);
      const namesIndex = blindIndex(blindIndexKey(), { ...input.identity, birthDate: null });
      const inserted = tx
        .insert(persons)
        .values({
          code: uniqueCode(tx, "P"),
          sex: input.person.sex,
          birthYear,
          citizenship: input.person.citizenship ?? null,
          otherCitizenships: input.person.otherCitizenships.join(";") || null,
          blindIndex: index,
          blindIndexNames: namesIndex,
          registeredOfficeId: office.id,
          createdBy: user.id,
        })
        .returning({ id: persons.id, code: persons.code })
        .get();
      const sealed = sealJson(vaultKeys(), input.identity, IDENTITY_AAD(inserted.id));
      tx.insert(identities).values({ personId: inserted.id, ...sealed, updatedAt: now }).run();
      recordAudit(tx, {
        action: "person.registered",
        actorUserId: user.id,
        entityType: "person",
        entityId: inserted.code,
        officeId: office.id,
        ip,
      });
      person = {
        id: inserted.id,
        code: inserted.code,
        sex: input.person.sex,
        birthYear,
        citizenship: input.person.citizenship ?? null,
      };
    }

    const age = ageOn(input.registeredOn, input.linkPersonCode ? null : input.identity.birthDate, person.birthYear);
    const created = tx
      .insert(cases)
      .values({
        code: uniqueCode(tx, "C"),
        personId: person.id,
        officeId: office.id,
        ownerId: user.id,
        status: "Active",
        programme: input.programme ?? null,
        catMainPopulation: true,
        registeredOn: input.registeredOn,
        registrationYear: Number(input.registeredOn.slice(0, 4)),
        sex: person.sex,
        ageAtRegistration: age,
        citizenship: person.citizenship,
        countryOfIdentification: input.countryOfIdentification ?? office.country,
        createdBy: user.id,
        updatedAt: now,
      })
      .returning({ id: cases.id, code: cases.code })
      .get();
    const linkRequest = askLink && requestPersonLink(tx, { user, ip, caseId: created.id, caseCode: created.code, fromOfficeId: office.id, provisionalPersonId: person.id, target: askLink, at: now });
    recordAudit(tx, {
      action: input.linkPersonCode ? "case.linked" : "case.created",
      actorUserId: user.id,
      entityType: "case",
      entityId: created.code,
      officeId: office.id,
      ip,
      details: { personCode: person.code },
    });
    return { caseCode: created.code, personCode: person.code, linkRequestId: linkRequest ? linkRequest.id : null };
  });
}
