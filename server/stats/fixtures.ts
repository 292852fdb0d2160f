import type { Db } from "@/db/client";
import { insertUser, makeOffice, type OfficeFixture } from "@/server/testing/factories";

/**
 * Synthetic rows for statistics tests, inserted directly (no identity, no audit): just the core
 * variables an indicator reads. Codes are obviously artificial.
 */

export type CaseSpec = {
  office: OfficeFixture;
  person: number;
  year?: number;
  registeredOn?: string;
  programme?: "avrr" | "para" | "vulnerable_migrant" | null;
  victim?: boolean;
  umc?: boolean;
  health?: boolean;
  main?: boolean;
  sex?: string;
  age?: number | null;
  citizenship?: string | null;
  identification?: string | null;
  exploitationCountry?: string | null;
  traffickingType?: "internal" | "international" | null;
  sector?: string | null;
  recruiter?: string | null;
  host?: string | null;
  returnCountry?: string | null;
  funding?: "project" | "gaf" | null;
  status?: string;
  ownerId?: number;
  exploitation?: string[];
  control?: string[];
  reintegration?: string[];
};

let seq = 0;

export class StatsFixture {
  private readonly persons = new Map<number, number>();
  private owner: number | undefined;
  constructor(private readonly db: Db) {}

  office(countryIso2: string): OfficeFixture {
    return makeOffice(this.db, { countryIso2 });
  }

  private ownerId(office: OfficeFixture): number {
    this.owner ??= insertUser(this.db, { role: "caseworker", officeIds: [office.id] }).id;
    return this.owner;
  }

  /** Inserts a case (and its person on first use of `spec.person`); returns the case id. */
  add(spec: CaseSpec): number {
    const db = this.db.$client;
    seq += 1;
    let personId = this.persons.get(spec.person);
    if (personId === undefined) {
      personId = Number(
        db
          .prepare("INSERT INTO persons (code, sex, citizenship, registered_office_id) VALUES (?, ?, ?, ?)")
          .run(`P-TEST-${process.pid}-${seq}`, spec.sex ?? "NonSpecifiedUnknown", spec.citizenship ?? null, spec.office.id)
          .lastInsertRowid,
      );
      this.persons.set(spec.person, personId);
    }
    const year = spec.year ?? 2012;
    const registeredOn = spec.registeredOn ?? `${year}-03-01`;
    const caseId = Number(
      db
        .prepare(
          `INSERT INTO cases (code, person_id, office_id, owner_id, status, programme, cat_victim, cat_umc, cat_health, cat_main,
            funding_source, registered_on, registration_year, sex, age_at_registration, citizenship, country_identification,
            country_exploitation, trafficking_type, forced_labour_sector, recruiter_relationship, host_country, return_country, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          `C-TEST-${process.pid}-${seq}`,
          personId,
          spec.office.id,
          spec.ownerId ?? this.ownerId(spec.office),
          spec.status ?? "Active",
          spec.programme === undefined ? null : spec.programme,
          spec.victim ? 1 : 0,
          spec.umc ? 1 : 0,
          spec.health ? 1 : 0,
          spec.main ? 1 : 0,
          spec.funding ?? null,
          registeredOn,
          Number(registeredOn.slice(0, 4)),
          spec.sex ?? "NonSpecifiedUnknown",
          spec.age ?? null,
          spec.citizenship ?? null,
          spec.identification ?? null,
          spec.exploitationCountry ?? null,
          spec.traffickingType ?? null,
          spec.sector ?? null,
          spec.recruiter ?? null,
          spec.host ?? null,
          spec.returnCountry ?? null,
          Date.now(),
        ).lastInsertRowid,
    );
    const values = db.prepare("INSERT INTO case_values (case_id, kind, value) VALUES (?, ?, ?)");
    for (const v of spec.exploitation ?? []) values.run(caseId, "exploitation", v);
    for (const v of spec.control ?? []) values.run(caseId, "control", v);
    for (const v of spec.reintegration ?? []) values.run(caseId, "reintegration", v);
    return caseId;
  }
}
