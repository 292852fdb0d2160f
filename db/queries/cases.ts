import "server-only";
import { aliasedTable, and, asc, desc, eq, gt, lt, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { caseAssignments, cases, offices, persons, users } from "../schema";
import { movements } from "../schema-lifecycle";
import type { TravelStatus } from "@/lib/workflows/case-lifecycle";

export const CATEGORY_COLUMN = {
  victim: cases.catVictim,
  unaccompanied_child: cases.catUnaccompaniedChild,
  health: cases.catHealth,
  main_population: cases.catMainPopulation,
} as const;

export type CaseListFilters = {
  scope: SQL;
  search?: { caseCode?: string; personCode?: string };
  status?: (typeof cases.status.enumValues)[number];
  programme?: (typeof cases.programme.enumValues)[number];
  category?: keyof typeof CATEGORY_COLUMN;
  officeId?: number;
  sort: "newest" | "oldest";
  cursor?: number;
  limit: number;
};

const owner = aliasedTable(users, "owner");

/** One page of the case list, keyset-paginated on id. Selects pseudonymous columns only. */
export function listCases(db: Db, f: CaseListFilters) {
  const conditions: (SQL | undefined)[] = [f.scope];
  if (f.search?.caseCode) conditions.push(eq(cases.code, f.search.caseCode));
  if (f.search?.personCode) conditions.push(eq(persons.code, f.search.personCode));
  if (f.status) conditions.push(eq(cases.status, f.status));
  if (f.programme) conditions.push(eq(cases.programme, f.programme));
  if (f.category) conditions.push(eq(CATEGORY_COLUMN[f.category], true));
  if (f.officeId) conditions.push(eq(cases.officeId, f.officeId));
  if (f.cursor) conditions.push(f.sort === "newest" ? lt(cases.id, f.cursor) : gt(cases.id, f.cursor));
  return db
    .select({
      id: cases.id,
      code: cases.code,
      personCode: persons.code,
      status: cases.status,
      programme: cases.programme,
      catVictim: cases.catVictim,
      catUnaccompaniedChild: cases.catUnaccompaniedChild,
      catHealth: cases.catHealth,
      catMainPopulation: cases.catMainPopulation,
      sex: cases.sex,
      ageAtRegistration: cases.ageAtRegistration,
      citizenship: cases.citizenship,
      registeredOn: cases.registeredOn,
      officeCode: offices.code,
      ownerName: owner.name,
      updatedAt: cases.updatedAt,
    })
    .from(cases)
    .innerJoin(persons, eq(persons.id, cases.personId))
    .innerJoin(offices, eq(offices.id, cases.officeId))
    .innerJoin(owner, eq(owner.id, cases.ownerId))
    .where(and(...conditions))
    .orderBy(f.sort === "newest" ? desc(cases.id) : asc(cases.id))
    .limit(f.limit + 1)
    .all();
}

/** A case by code within a scope; undefined when absent or out of scope (indistinguishable). */
export function findCaseInScope(db: Db, code: string, scope: SQL) {
  return db
    .select({
      id: cases.id,
      code: cases.code,
      personId: cases.personId,
      personCode: persons.code,
      officeId: cases.officeId,
      officeCode: offices.code,
      officeName: offices.name,
      officeCountry: offices.countryIso2,
      ownerId: cases.ownerId,
      ownerName: owner.name,
      status: cases.status,
      programme: cases.programme,
      catVictim: cases.catVictim,
      catUnaccompaniedChild: cases.catUnaccompaniedChild,
      catHealth: cases.catHealth,
      catMainPopulation: cases.catMainPopulation,
      traffickingStatus: cases.traffickingStatus,
      fundingSource: cases.fundingSource,
      registeredOn: cases.registeredOn,
      sex: cases.sex,
      ageAtRegistration: cases.ageAtRegistration,
      citizenship: cases.citizenship,
      otherCitizenships: persons.otherCitizenships,
      birthYear: persons.birthYear,
      countryOfIdentification: cases.countryOfIdentification,
      countryOfExploitation: cases.countryOfExploitation,
      traffickingType: cases.traffickingType,
      hostCountry: cases.hostCountry,
      returnCountry: cases.returnCountry,
      returnedOn: cases.returnedOn,
      version: cases.version,
      createdAt: cases.createdAt,
      updatedAt: cases.updatedAt,
    })
    .from(cases)
    .innerJoin(persons, eq(persons.id, cases.personId))
    .innerJoin(offices, eq(offices.id, cases.officeId))
    .innerJoin(owner, eq(owner.id, cases.ownerId))
    .where(and(eq(cases.code, code), scope))
    .get();
}

export function caseAssignees(db: Db, caseId: number) {
  return db
    .select({ id: users.id, name: users.name })
    .from(caseAssignments)
    .innerJoin(users, eq(users.id, caseAssignments.userId))
    .where(eq(caseAssignments.caseId, caseId))
    .all();
}

/** Other cases of the same person that the caller can see, plus the offices of all of them. */
export function casesOfPerson(db: Db, personId: number) {
  return db
    .select({ code: cases.code, officeCode: offices.code, status: cases.status, registeredOn: cases.registeredOn })
    .from(cases)
    .innerJoin(offices, eq(offices.id, cases.officeId))
    .where(eq(cases.personId, personId))
    .orderBy(asc(cases.id))
    .all();
}

/** Whether the person has an identity in the vault (an imported case may have none). Says nothing else. */
export function personHasIdentity(db: Db, personId: number): boolean {
  return db.$client.prepare("SELECT EXISTS (SELECT 1 FROM identities WHERE person_id = ?)").pluck().get(personId) === 1;
}

/** The statuses of the case's return travels (movements), cancelled ones included. */
export function movementStatuses(db: Db, caseId: number): TravelStatus[] {
  return db.select({ status: movements.status }).from(movements).where(eq(movements.caseId, caseId)).all().map((m) => m.status);
}

/** The case's current version (inside a write, after it: what the write left behind). */
export function caseVersionOf(db: Db, caseId: number): number {
  const row = db.select({ version: cases.version }).from(cases).where(eq(cases.id, caseId)).get();
  if (!row) throw new Error("case not found");
  return row.version;
}
