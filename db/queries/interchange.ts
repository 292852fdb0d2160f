import "server-only";
import type Database from "better-sqlite3";
import type { Db } from "@/db/client";

/**
 * The SQL of the interchange import and export (server/interchange), as prepared statements on
 * the raw better-sqlite3 connection: a million rows go through these, and drizzle's query building
 * per row would cost more than the insert itself. Columns are those of db/schema.ts.
 */

export type OfficeRow = { id: number; code: string; name: string; active: number };

export function allOffices(db: Db): OfficeRow[] {
  return db.$client.prepare("SELECT id, code, name, active FROM offices ORDER BY code").all() as OfficeRow[];
}

/** The first active user of `role` in an office (by id, a confirmed member: decision 0020): who owns
 * cases imported by an operator. */
export function firstStaffStatement(db: Db): (officeId: number, role: "supervisor" | "caseworker") => number | undefined {
  const statement = db.$client
    .prepare(
      `SELECT u.id FROM users u JOIN user_offices uo ON uo.user_id = u.id
       WHERE uo.office_id = ? AND uo.confirmed_at IS NOT NULL AND u.active = 1 AND u.role = ? ORDER BY u.id LIMIT 1`,
    )
    .pluck();
  return (officeId, role) => statement.get(officeId, role) as number | undefined;
}

export function maxPersonId(db: Db): number {
  return Number(db.$client.prepare("SELECT coalesce(max(id), 0) FROM persons").pluck().get());
}

export type ImportLookups = {
  /** A case of the office whose external id, or else code, is `value`. */
  caseOfOffice: (officeId: number, value: string, alsoCode: boolean) => number | undefined;
  /** A person whose external id, or else code, is `value`, and whether it is a person of `officeId`
   * (registered by it or with a case in it): only those may be linked to (docs/decisions/0015). */
  person: (value: string, alsoCode: boolean, officeId: number) => { id: number; inOffice: boolean } | undefined;
  /** Persons of `officeId` up to `maxId` with this blind index (at most two: one match or "several"). */
  personsByBlindIndex: (index: string, maxId: number, officeId: number) => { id: number; code: string }[];
};

export function importLookups(db: Db): ImportLookups {
  const c = db.$client;
  // One statement per lookup, both indexes probed in it (a million rows: each call counts).
  const caseByExternalId = c.prepare("SELECT id FROM cases WHERE office_id = ? AND external_id = ?").pluck();
  const caseByEither = c
    .prepare("SELECT id FROM cases WHERE office_id = :office AND external_id = :value UNION ALL SELECT id FROM cases WHERE code = :value AND office_id = :office LIMIT 1")
    .pluck();
  // A person "of" an office: registered by it, or with a case in it.
  const ofOffice = "(p.registered_office_id = :office OR EXISTS (SELECT 1 FROM cases c WHERE c.person_id = p.id AND c.office_id = :office))";
  const personByExternalId = c.prepare(`SELECT p.id, ${ofOffice} AS inOffice FROM persons p WHERE p.external_id = :value`);
  const personByEither = c.prepare(
    `SELECT p.id, ${ofOffice} AS inOffice FROM persons p WHERE p.external_id = :value
     UNION ALL SELECT p.id, ${ofOffice} AS inOffice FROM persons p WHERE p.code = :value LIMIT 1`,
  );
  const byBlindIndex = c.prepare(`SELECT p.id, p.code FROM persons p WHERE p.blind_index = :index AND p.id <= :maxId AND ${ofOffice} ORDER BY p.id LIMIT 2`);
  return {
    caseOfOffice: (officeId, value, alsoCode) =>
      (alsoCode ? caseByEither.get({ office: officeId, value }) : caseByExternalId.get(officeId, value)) as number | undefined,
    person: (value, alsoCode, office) => {
      const row = (alsoCode ? personByEither : personByExternalId).get({ value, office }) as { id: number; inOffice: number } | undefined;
      return row ? { id: row.id, inOffice: row.inOffice === 1 } : undefined;
    },
    personsByBlindIndex: (index, maxId, office) => byBlindIndex.all({ index, maxId, office }) as { id: number; code: string }[],
  };
}

export type PersonInsert = {
  code: string;
  sex: string;
  birthYear: number | null;
  citizenship: string | null;
  otherCitizenships: string | null;
  blindIndex: string | null;
  blindIndexNames: string | null;
  externalId: string | null;
  registeredOfficeId: number;
  createdBy: number | null;
  createdAt: number;
};

export type CaseInsert = {
  code: string;
  personId: number;
  officeId: number;
  ownerId: number;
  status: string;
  programme: string | null;
  catVictim: number;
  catUmc: number;
  catHealth: number;
  catMain: number;
  traffickingStatus: string | null;
  fundingSource: string | null;
  registeredOn: string;
  registrationYear: number;
  sex: string;
  ageAtRegistration: number | null;
  citizenship: string | null;
  countryOfIdentification: string | null;
  countryOfExploitation: string | null;
  traffickingType: string | null;
  forcedLabourSector: string | null;
  recruiterRelationship: string | null;
  hostCountry: string | null;
  returnCountry: string | null;
  returnedOn: string | null;
  externalId: string;
  createdBy: number | null;
  createdAt: number;
  updatedAt: number;
  /** caseValuesCopy() of the exploitation and reintegration values the caller inserts next. */
  exploitationTypes: string | null;
  reintegrationTypes: string | null;
};

/**
 * The copy of a case's multi-valued variable that the case_values triggers keep on the case
 * (migration 0009): distinct values sorted as SQLite's BINARY collation sorts them (the values are
 * ASCII vocabulary names), joined by ';'. Bulk writers set it with the case, so that inserting the
 * values afterwards does not rewrite the case once per value.
 */
export function caseValuesCopy(values: readonly string[]): string | null {
  if (values.length === 0) return null;
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join(";");
}

export type ImportInserts = {
  /** Returns the new row id. */
  person: (p: PersonInsert) => number;
  identity: (personId: number, sealed: { keyId: string; iv: Buffer; ciphertext: Buffer }, at: number) => void;
  case: (c: CaseInsert) => number;
  value: (caseId: number, kind: string, value: string) => void;
};

/** Inserts as the registration, the forms and the approvals write them (positional parameters:
 * binding by name costs a property lookup per column and row). */
export function importInserts(db: Db): ImportInserts {
  const c = db.$client;
  const person = c.prepare(
    `INSERT INTO persons (code, sex, birth_year, citizenship, other_citizenships, blind_index, blind_index_names,
       external_id, registered_office_id, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const identity = c.prepare("INSERT INTO identities (person_id, key_id, iv, ciphertext, updated_at) VALUES (?, ?, ?, ?, ?)");
  const kase = c.prepare(
    `INSERT INTO cases (code, person_id, office_id, owner_id, status, programme, cat_victim, cat_umc, cat_health, cat_main,
       trafficking_status, funding_source, registered_on, registration_year, sex, age_at_registration, citizenship,
       country_identification, country_exploitation, trafficking_type, forced_labour_sector, recruiter_relationship,
       host_country, return_country, returned_on, external_id, created_by, created_at, updated_at, exploitation_types,
       reintegration_types)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const value = c.prepare("INSERT OR IGNORE INTO case_values (case_id, kind, value) VALUES (?, ?, ?)");
  return {
    person: (p) =>
      Number(
        person.run(p.code, p.sex, p.birthYear, p.citizenship, p.otherCitizenships, p.blindIndex, p.blindIndexNames, p.externalId, p.registeredOfficeId, p.createdBy, p.createdAt)
          .lastInsertRowid,
      ),
    identity: (personId, s, at) => void identity.run(personId, s.keyId, s.iv, s.ciphertext, at),
    case: (r) =>
      Number(
        kase.run(
          r.code, r.personId, r.officeId, r.ownerId, r.status, r.programme, r.catVictim, r.catUmc, r.catHealth, r.catMain,
          r.traffickingStatus, r.fundingSource, r.registeredOn, r.registrationYear, r.sex, r.ageAtRegistration, r.citizenship,
          r.countryOfIdentification, r.countryOfExploitation, r.traffickingType, r.forcedLabourSector, r.recruiterRelationship,
          r.hostCountry, r.returnCountry, r.returnedOn, r.externalId, r.createdBy, r.createdAt, r.updatedAt, r.exploitationTypes,
          r.reintegrationTypes,
        ).lastInsertRowid,
      ),
    value: (caseId, kind, v) => void value.run(caseId, kind, v),
  };
}

/** True when the error is a clash on a person or case code (the caller draws a new code). */
export function isCodeClash(error: unknown): boolean {
  return error instanceof Error && /UNIQUE constraint failed: (persons|cases)\.code/.test(error.message);
}

export type ExportCaseRow = {
  id: number;
  code: string;
  externalId: string | null;
  personId: number;
  personCode: string;
  birthYear: number | null;
  otherCitizenships: string | null;
  officeCode: string;
  registeredOn: string;
  status: "Active" | "FollowUp" | "Closed" | "ClosedReferred";
  programme: "avrr" | "para" | "vulnerable_migrant" | null;
  catVictim: number;
  catUmc: number;
  catHealth: number;
  catMain: number;
  fundingSource: "project" | "gaf" | null;
  sex: string;
  age: number | null;
  citizenship: string | null;
  traffickingStatus: string | null;
  forcedLabourSector: string | null;
  recruiterRelationship: string | null;
  traffickingType: "internal" | "international" | null;
  countryOfIdentification: string | null;
  countryOfExploitation: string | null;
  hostCountry: string | null;
  returnCountry: string | null;
  returnedOn: string | null;
};

const placeholders = (n: number) => Array.from({ length: n }, () => "?").join(",");

/**
 * Batches of an export: keyset pagination on the case id within the offices. One office: the
 * (office_id, id) index gives its cases in order. Several: the primary-key order, filtering the
 * offices. The plan is fixed (cases first, CROSS JOIN; "+" on the office term; office codes mapped
 * outside SQL): with statistics on a large database SQLite would otherwise start from the offices
 * and sort every remaining case for each batch.
 */
export function exportQueries(db: Db, officeIds: readonly number[], batch: number) {
  const c = db.$client;
  const officeCodes = new Map((c.prepare("SELECT id, code FROM offices").all() as { id: number; code: string }[]).map((o) => [o.id, o.code]));
  const page = c.prepare(
    `SELECT c.id, c.code, c.external_id AS externalId, c.person_id AS personId, p.code AS personCode,
       p.birth_year AS birthYear, p.other_citizenships AS otherCitizenships, c.office_id AS officeId,
       c.registered_on AS registeredOn, c.status, c.programme, c.cat_victim AS catVictim, c.cat_umc AS catUmc,
       c.cat_health AS catHealth, c.cat_main AS catMain, c.funding_source AS fundingSource, c.sex,
       c.age_at_registration AS age, c.citizenship, c.trafficking_status AS traffickingStatus,
       c.forced_labour_sector AS forcedLabourSector, c.recruiter_relationship AS recruiterRelationship,
       c.trafficking_type AS traffickingType, c.country_identification AS countryOfIdentification,
       c.country_exploitation AS countryOfExploitation, c.host_country AS hostCountry,
       c.return_country AS returnCountry, c.returned_on AS returnedOn
     FROM cases c CROSS JOIN persons p ON p.id = c.person_id
     WHERE ${officeIds.length === 1 ? "c.office_id" : "+c.office_id"} IN (${placeholders(officeIds.length)}) AND c.id > ? ORDER BY c.id LIMIT ${Math.floor(batch)}`,
  );
  return {
    cases: (afterId: number) =>
      (page.all(...officeIds, afterId) as (Omit<ExportCaseRow, "officeCode"> & { officeId: number })[]).map(({ officeId, ...r }) => ({
        ...r,
        officeCode: officeCodes.get(officeId) ?? "",
      })) as ExportCaseRow[],
    values: (caseIds: readonly number[]) =>
      c
        .prepare(`SELECT case_id AS caseId, kind, value FROM case_values WHERE case_id IN (${placeholders(caseIds.length)}) ORDER BY case_id, kind, value`)
        .all(...caseIds) as { caseId: number; kind: string; value: string }[],
    identities: (personIds: readonly number[]) =>
      c
        .prepare(`SELECT person_id AS personId, key_id AS keyId, iv, ciphertext FROM identities WHERE person_id IN (${placeholders(personIds.length)})`)
        .all(...personIds) as { personId: number; keyId: string; iv: Buffer; ciphertext: Buffer }[],
  };
}

export function officeByCode(db: Db, code: string): { id: number; code: string } | undefined {
  return db.$client.prepare("SELECT id, code FROM offices WHERE code = ?").get(code) as { id: number; code: string } | undefined;
}

export function countCasesOfOffice(db: Db, officeId: number): number {
  return Number(db.$client.prepare("SELECT count(*) FROM cases WHERE office_id = ?").pluck().get(officeId));
}

export type { Database };
