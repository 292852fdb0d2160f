import "server-only";
import { aliasedTable, and, asc, desc, eq, exists, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { cases, identities, offices, persons, users } from "../schema";
import { personLinkRequests, personMerges } from "../schema-person-links";

/**
 * The persons "of" a set of offices: registered by one of them, or with a case in one of them (a
 * case received by transfer or by an accepted link request). Only these may be linked to directly
 * or shown with their code; any other person belongs to another office (docs/decisions/0015).
 */
export function personOfOffices(db: Db, officeIds: readonly number[]): SQL {
  if (officeIds.length === 0) return sql`0`;
  return or(
    inArray(persons.registeredOfficeId, [...officeIds]),
    exists(
      db
        .select({ one: sql`1` })
        .from(cases)
        .where(and(eq(cases.personId, persons.id), inArray(cases.officeId, [...officeIds]))),
    ),
  ) as SQL;
}

/**
 * Persons whose full index is one of `fulls` or whose names index is one of `names` (several keys
 * during a rotation), newest first, each marked as a person of `officeIds` or not. With
 * `onlyOfOffices` the persons of other offices are left out in the WHERE (the search by name:
 * another office's person is not even said to exist).
 */
export function personsByBlindIndexes(
  db: Db,
  officeIds: readonly number[],
  fulls: readonly string[],
  names: readonly string[],
  options: { onlyOfOffices?: boolean } = {},
) {
  const matches = fulls.length > 0 ? or(inArray(persons.blindIndex, [...fulls]), inArray(persons.blindIndexNames, [...names])) : inArray(persons.blindIndexNames, [...names]);
  return db
    .select({
      id: persons.id,
      code: persons.code,
      blindIndex: persons.blindIndex,
      blindIndexNames: persons.blindIndexNames,
      registeredOfficeId: persons.registeredOfficeId,
      officeCode: offices.code,
      officeName: offices.name,
      inOffices: sql<number>`${personOfOffices(db, officeIds)}`,
    })
    .from(persons)
    .innerJoin(offices, eq(offices.id, persons.registeredOfficeId))
    .where(options.onlyOfOffices ? and(matches, personOfOffices(db, officeIds)) : matches)
    .orderBy(desc(persons.id))
    .limit(20)
    .all()
    .map((r) => ({ ...r, inOffices: Boolean(r.inOffices) }));
}

/** A person by code, only if it is a person of one of the offices. */
export function personOfOfficesByCode(db: Db, officeIds: readonly number[], code: string) {
  return db
    .select({ id: persons.id, code: persons.code, sex: persons.sex, birthYear: persons.birthYear, citizenship: persons.citizenship })
    .from(persons)
    .where(and(eq(persons.code, code), personOfOffices(db, officeIds)))
    .get();
}

export function caseCountOfPerson(db: Db, personId: number): number {
  return db.select({ n: sql<number>`count(*)` }).from(cases).where(eq(cases.personId, personId)).get()?.n ?? 0;
}

const requester = aliasedTable(users, "requester");
const fromOffice = aliasedTable(offices, "from_office");
const toOffice = aliasedTable(offices, "to_office");
const target = aliasedTable(persons, "target");
const provisional = aliasedTable(persons, "provisional");

/** Link requests matching `where`, oldest first, with both offices, both persons and the requester. */
function linkRequestsWhere(db: Db, where: SQL | undefined) {
  return db
    .select({
      id: personLinkRequests.id,
      status: personLinkRequests.status,
      match: personLinkRequests.match,
      caseId: personLinkRequests.caseId,
      caseCode: cases.code,
      requestedAt: personLinkRequests.requestedAt,
      requestedBy: personLinkRequests.requestedBy,
      requestedByName: requester.name,
      fromOfficeId: personLinkRequests.fromOfficeId,
      fromOfficeCode: fromOffice.code,
      fromOfficeName: fromOffice.name,
      toOfficeId: personLinkRequests.toOfficeId,
      toOfficeCode: toOffice.code,
      targetPersonId: personLinkRequests.targetPersonId,
      targetPersonCode: target.code,
      targetSex: target.sex,
      targetBirthYear: target.birthYear,
      targetCitizenship: target.citizenship,
      provisionalPersonId: personLinkRequests.provisionalPersonId,
      provisionalPersonCode: provisional.code,
      provisionalSex: provisional.sex,
      provisionalBirthYear: provisional.birthYear,
      provisionalCitizenship: provisional.citizenship,
    })
    .from(personLinkRequests)
    .innerJoin(cases, eq(cases.id, personLinkRequests.caseId))
    .innerJoin(requester, eq(requester.id, personLinkRequests.requestedBy))
    .innerJoin(fromOffice, eq(fromOffice.id, personLinkRequests.fromOfficeId))
    .innerJoin(toOffice, eq(toOffice.id, personLinkRequests.toOfficeId))
    .innerJoin(target, eq(target.id, personLinkRequests.targetPersonId))
    .innerJoin(provisional, eq(provisional.id, personLinkRequests.provisionalPersonId))
    .where(where)
    .orderBy(asc(personLinkRequests.id))
    .all();
}

/** Requests still waiting for a decision of one of the offices, oldest first. */
export function pendingLinkRequestsTo(db: Db, officeIds: readonly number[]) {
  if (officeIds.length === 0) return [];
  return linkRequestsWhere(db, and(eq(personLinkRequests.status, "requested"), inArray(personLinkRequests.toOfficeId, [...officeIds])));
}

export function linkRequestById(db: Db, id: number) {
  return linkRequestsWhere(db, eq(personLinkRequests.id, id))[0];
}

/** The cases of a person in one office (what the deciding supervisor compares with). */
export function casesOfPersonInOffice(db: Db, personId: number, officeId: number) {
  return db
    .select({ code: cases.code, status: cases.status, registeredOn: cases.registeredOn })
    .from(cases)
    .where(and(eq(cases.personId, personId), eq(cases.officeId, officeId)))
    .orderBy(asc(cases.id))
    .all();
}

/** The link requests of a case, newest first; the target is named only once accepted. */
export function linkRequestsOfCase(db: Db, caseId: number) {
  return db
    .select({
      id: personLinkRequests.id,
      status: personLinkRequests.status,
      requestedAt: personLinkRequests.requestedAt,
      requestedBy: requester.name,
      decidedAt: personLinkRequests.decidedAt,
      decidedBy: sql<string | null>`(select ${users.name} from ${users} where ${users.id} = ${personLinkRequests.decidedBy})`,
      targetPersonCode: target.code,
      toOfficeCode: toOffice.code,
      toOfficeName: toOffice.name,
      reasonKeyId: personLinkRequests.reasonKeyId,
      reasonIv: personLinkRequests.reasonIv,
      reasonCiphertext: personLinkRequests.reasonCiphertext,
    })
    .from(personLinkRequests)
    .innerJoin(requester, eq(requester.id, personLinkRequests.requestedBy))
    .innerJoin(target, eq(target.id, personLinkRequests.targetPersonId))
    .innerJoin(toOffice, eq(toOffice.id, personLinkRequests.toOfficeId))
    .where(eq(personLinkRequests.caseId, caseId))
    .orderBy(desc(personLinkRequests.id))
    .all();
}

/** Whether a request of the case is still waiting. */
export function hasPendingLinkRequest(db: Db, caseId: number): boolean {
  return Boolean(
    db
      .select({ id: personLinkRequests.id })
      .from(personLinkRequests)
      .where(and(eq(personLinkRequests.caseId, caseId), eq(personLinkRequests.status, "requested")))
      .get(),
  );
}

/** Sets a request's outcome if it is still waiting; false when someone else decided first. */
export function closeLinkRequest(
  db: Db,
  id: number,
  outcome: { status: "accepted" | "declined" | "withdrawn"; decidedBy: number; decidedAt: number; reason?: { keyId: string | null; iv: Buffer | null; ciphertext: Buffer | null } },
): boolean {
  const changed = db
    .update(personLinkRequests)
    .set({
      status: outcome.status,
      decidedBy: outcome.decidedBy,
      decidedAt: outcome.decidedAt,
      reasonKeyId: outcome.reason?.keyId ?? null,
      reasonIv: outcome.reason?.iv ?? null,
      reasonCiphertext: outcome.reason?.ciphertext ?? null,
    })
    .where(and(eq(personLinkRequests.id, id), eq(personLinkRequests.status, "requested")))
    .run();
  return changed.changes === 1;
}

/**
 * Merges `mergedId` into `intoId`: every case of the merged person moves (statistics triggers follow
 * the person_id change), its identity is deleted, its blind indexes are cleared so it is never a
 * probable match again, and the merge is recorded. Other requests about the merged person withdraw.
 */
export function mergePerson(db: Db, m: { mergedId: number; intoId: number; linkRequestId: number | null; by: number; at: number }) {
  db.update(cases).set({ personId: m.intoId, updatedAt: m.at, version: sql`${cases.version} + 1` }).where(eq(cases.personId, m.mergedId)).run();
  db.delete(identities).where(eq(identities.personId, m.mergedId)).run();
  db.update(persons).set({ blindIndex: null, blindIndexNames: null }).where(eq(persons.id, m.mergedId)).run();
  db.update(personLinkRequests)
    .set({ status: "withdrawn", decidedBy: m.by, decidedAt: m.at })
    .where(and(eq(personLinkRequests.provisionalPersonId, m.mergedId), eq(personLinkRequests.status, "requested")))
    .run();
  db.insert(personMerges).values({ mergedPersonId: m.mergedId, intoPersonId: m.intoId, linkRequestId: m.linkRequestId, mergedBy: m.by, mergedAt: m.at }).run();
}
