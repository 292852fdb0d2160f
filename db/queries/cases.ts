import "server-only";
import { aliasedTable, and, asc, count, desc, eq, exists, gte, lt, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { caseAssignments, cases, offices, persons, users } from "../schema";
import { monitoringVisits, movements, referrals, reintegrationSteps } from "../schema-lifecycle";
import type { CaseListSort, SortDirection } from "@/lib/schemas/case-list";
import type { TravelStatus } from "@/lib/workflows/case-lifecycle";

export const CATEGORY_COLUMN = {
  victim: cases.catVictim,
  unaccompanied_child: cases.catUnaccompaniedChild,
  health: cases.catHealth,
  main_population: cases.catMainPopulation,
} as const;

export type CaseListFilters = {
  scope: SQL;
  /** The start of a case or person code, canonical ("C-7KQ", a whole code too): lib/codes.ts normaliseCodePrefix. */
  search?: { caseCodePrefix?: string; personCodePrefix?: string };
  status?: (typeof cases.status.enumValues)[number];
  programme?: (typeof cases.programme.enumValues)[number];
  category?: keyof typeof CATEGORY_COLUMN;
  officeId?: number;
  ownerId?: number;
  sort: CaseListSort;
  dir: SortDirection;
  offset: number;
  limit: number;
};

const owner = aliasedTable(users, "owner");

/**
 * The next due date of a case: the earliest of what the desk shows as due (a referral awaiting an
 * answer, planned travel, a reintegration step planned or under way, a scheduled monitoring visit).
 * Each part reads its table's (case_id, ...) index.
 */
const nextDueOn = sql<string | null>`(select min(d) from (
  select ${referrals.dueOn} as d from ${referrals} where ${referrals.caseId} = ${cases.id} and ${referrals.status} = 'pending'
  union all select ${movements.departureOn} from ${movements} where ${movements.caseId} = ${cases.id} and ${movements.status} = 'planned'
  union all select ${reintegrationSteps.plannedOn} from ${reintegrationSteps} where ${reintegrationSteps.caseId} = ${cases.id} and ${reintegrationSteps.status} in ('planned', 'in_progress')
  union all select ${monitoringVisits.dueOn} from ${monitoringVisits} where ${monitoringVisits.caseId} = ${cases.id} and ${monitoringVisits.status} = 'scheduled'
))`;

/** A closed list of codes in the order given (lifecycle order of statuses, programmes as listed). */
function inOrder(column: SQL | typeof cases.status | typeof cases.programme, values: readonly string[]): SQL {
  return sql`case ${column} ${sql.join(
    values.map((v, i) => sql`when ${v} then ${i}`),
    sql` `,
  )} else ${values.length} end`;
}

/** ORDER BY for a sort: its key (empty values last in both directions), then registration date
 * and id in the same direction, so that the order is total and pages never overlap. */
function orderFor(sort: CaseListSort, dir: SortDirection): SQL[] {
  const by = dir === "asc" ? asc : desc;
  const tie = [by(cases.registeredOn), by(cases.id)];
  switch (sort) {
    case "registered":
      return tie;
    case "status":
      return [by(inOrder(cases.status, cases.status.enumValues)), ...tie];
    case "owner":
      return [by(sql`${owner.name} collate nocase`), ...tie];
    case "programme":
      return [sql`${cases.programme} is null`, by(inOrder(cases.programme, cases.programme.enumValues)), ...tie];
    case "next_due":
      return [sql`${nextDueOn} is null`, by(nextDueOn), ...tie];
  }
}

/**
 * Codes that start with `prefix`, as a range on the column (codes are upper-case ASCII, all below
 * U+007F), so the search walks the code's unique index instead of scanning (LIKE would not use a
 * BINARY index).
 */
function startsWith(column: typeof cases.code | typeof persons.code, prefix: string): SQL {
  return and(gte(column, prefix), lt(column, `${prefix}\u007f`)) as SQL;
}

function listConditions(f: CaseListFilters): SQL | undefined {
  const conditions: (SQL | undefined)[] = [f.scope];
  if (f.search?.caseCodePrefix) conditions.push(startsWith(cases.code, f.search.caseCodePrefix));
  if (f.search?.personCodePrefix) conditions.push(startsWith(persons.code, f.search.personCodePrefix));
  if (f.status) conditions.push(eq(cases.status, f.status));
  if (f.programme) conditions.push(eq(cases.programme, f.programme));
  if (f.category) conditions.push(eq(CATEGORY_COLUMN[f.category], true));
  if (f.officeId) conditions.push(eq(cases.officeId, f.officeId));
  if (f.ownerId) conditions.push(eq(cases.ownerId, f.ownerId));
  return and(...conditions);
}

/**
 * One page of the case list, sorted and filtered over the whole list in SQL, with the number of
 * cases that match. Selects pseudonymous columns only.
 */
export function listCases(db: Db, f: CaseListFilters) {
  const where = listConditions(f);
  const rows = db
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
      nextDueOn,
      updatedAt: cases.updatedAt,
    })
    .from(cases)
    .innerJoin(persons, eq(persons.id, cases.personId))
    .innerJoin(offices, eq(offices.id, cases.officeId))
    .innerJoin(owner, eq(owner.id, cases.ownerId))
    .where(where)
    .orderBy(...orderFor(f.sort, f.dir))
    .limit(f.limit)
    .offset(f.offset)
    .all();
  const counted = f.search?.personCodePrefix
    ? db.select({ n: count() }).from(cases).innerJoin(persons, eq(persons.id, cases.personId)).where(where).get()
    : db.select({ n: count() }).from(cases).where(where).get();
  return { rows, total: counted?.n ?? 0 };
}

/** The owners of cases in a scope (for the owner filter): each user is one probe of cases_owner_idx. */
export function caseListOwners(db: Db, scope: SQL) {
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(exists(db.select({ one: sql`1` }).from(cases).where(and(eq(cases.ownerId, users.id), scope))))
    .orderBy(sql`${users.name} collate nocase`, asc(users.id))
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
