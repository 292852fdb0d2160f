import "server-only";
import { writeTransaction, type Db } from "@/db/client";
import { NOT_RECORDED } from "@/lib/stats/indicators";
import type { TMicrodataExport, TStatsFilters } from "@/lib/stats/filters";
import { recordAudit } from "@/server/audit/record";
import type { SessionUser } from "@/server/auth/session-user";
import { describeFilters } from "./export";
import { MIME, toCsv, toXlsx, type Cell } from "./files";
import { assertFiltersInScope, statsScopeFor, type StatsScope } from "./scope";
import { DIMENSION_SQL, run, whereFor } from "./sql";

/**
 * Anonymised microdata: one row per case, coarse variables only: no code, no id, no date finer
 * than the year, no office, no free text. k-anonymous on its quasi-identifiers by suppression:
 *   1. a citizenship or country of exploitation held by fewer than k records is recoded to
 *      "suppressed" (local recoding of rare values);
 *   2. every record whose combination of quasi-identifiers is still shared by fewer than k
 *      records is withheld.
 * The file and the audit event say how many records were withheld and how many values recoded.
 */

export const MICRODATA_COLUMNS = [
  "registration_year",
  "sex",
  "age_band",
  "citizenship",
  "country_of_exploitation",
  "exploitation_types",
  "means_of_control",
  "forced_labour_sector",
  "recruiter_relationship",
  "trafficking_type",
  "programme",
] as const;
export type MicrodataColumn = (typeof MICRODATA_COLUMNS)[number];
export type MicrodataRow = Record<MicrodataColumn, string | number>;

/** What an outsider could know of a person and link on. */
export const QUASI_IDENTIFIERS = ["registration_year", "sex", "age_band", "citizenship", "country_of_exploitation"] as const;
const RECODED_COLUMNS = ["citizenship", "country_of_exploitation"] as const;
export const RECODED = "suppressed";

const nr = `'${NOT_RECORDED}'`;
const multi = (kind: string) =>
  `coalesce((SELECT group_concat(value, ';') FROM (SELECT v.value FROM case_values v WHERE v.case_id = c.id AND v.kind = '${kind}' ORDER BY v.value)), ${nr})`;

function select(filters: TStatsFilters, scope: StatsScope) {
  const where = whereFor({ population: {} }, filters, scope);
  return {
    sql: `SELECT c.registration_year AS registration_year, ${DIMENSION_SQL.sex} AS sex, ${DIMENSION_SQL.age_band} AS age_band,
      ${DIMENSION_SQL.origin_country} AS citizenship, coalesce(nullif(c.country_exploitation, ''), ${nr}) AS country_of_exploitation,
      ${multi("exploitation")} AS exploitation_types, ${multi("control")} AS means_of_control,
      ${DIMENSION_SQL.forced_labour_sector} AS forced_labour_sector, coalesce(nullif(c.recruiter_relationship, ''), ${nr}) AS recruiter_relationship,
      ${DIMENSION_SQL.trafficking_type} AS trafficking_type, ${DIMENSION_SQL.programme} AS programme
      FROM cases c JOIN offices o ON o.id = c.office_id WHERE ${where.sql}`,
    params: where.params,
  };
}

export type Anonymised = { rows: MicrodataRow[]; total: number; withheld: number; recodedValues: number };

/** Steps 1 and 2 above, on rows already reduced to the coarse variables. */
export function kAnonymise(input: readonly MicrodataRow[], k: number): Anonymised {
  const rows = input.map((r) => ({ ...r }));
  let recodedValues = 0;
  for (const column of RECODED_COLUMNS) {
    const freq = new Map<string, number>();
    for (const r of rows) freq.set(String(r[column]), (freq.get(String(r[column])) ?? 0) + 1);
    for (const r of rows) {
      const v = String(r[column]);
      if (v !== NOT_RECORDED && (freq.get(v) ?? 0) < k) {
        r[column] = RECODED;
        recodedValues += 1;
      }
    }
  }
  const keyOf = (r: MicrodataRow) => QUASI_IDENTIFIERS.map((q) => String(r[q])).join("\u0000");
  const classes = new Map<string, number>();
  for (const r of rows) classes.set(keyOf(r), (classes.get(keyOf(r)) ?? 0) + 1);
  const kept = rows.filter((r) => (classes.get(keyOf(r)) ?? 0) >= k);
  // Sorted on every column: the order says nothing about registration order or office.
  kept.sort((a, b) => {
    for (const c of MICRODATA_COLUMNS) {
      const x = String(a[c]);
      const y = String(b[c]);
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  });
  return { rows: kept, total: input.length, withheld: input.length - kept.length, recodedValues };
}

export function microdataRows(db: Db, filters: TStatsFilters, scope: StatsScope): MicrodataRow[] {
  return run<MicrodataRow>(db, select(filters, scope));
}

export type MicrodataExportResult = { filename: string; mimeType: string; base64: string; rows: number; withheld: number; recodedValues: number };

export function microdataRule(k: number): string {
  return (
    `Anonymised microdata, k-anonymous with k = ${k} on the quasi-identifiers ${QUASI_IDENTIFIERS.join(", ")}: ` +
    `citizenship and country of exploitation values held by fewer than ${k} records are recoded to "${RECODED}", and records ` +
    `whose quasi-identifiers are shared by fewer than ${k} records are withheld.`
  );
}

export async function exportMicrodata(db: Db, user: SessionUser, input: TMicrodataExport, ip: string | null = null): Promise<MicrodataExportResult> {
  const scope = statsScopeFor(user);
  assertFiltersInScope(db, scope, input.filters);
  const result = kAnonymise(microdataRows(db, input.filters, scope), input.k);
  const about = [
    "Passage anonymised microdata export",
    `Generated: ${new Date().toISOString()}`,
    `Filters: ${describeFilters(input.filters)}`,
    microdataRule(input.k),
    `Records: ${result.total} in the population, ${result.rows.length} released, ${result.withheld} withheld; ${result.recodedValues} values recoded.`,
  ];
  const table: Cell[][] = [[...MICRODATA_COLUMNS], ...result.rows.map((r) => MICRODATA_COLUMNS.map((c) => r[c]))];
  const buffer =
    input.format === "csv"
      ? toCsv([{ name: "microdata", rows: table }], about)
      : await toXlsx(
          [
            { name: "About", rows: about.map((line) => [line]) },
            { name: "Microdata", rows: table },
          ],
          (s) => (s.name === "Microdata" ? [0] : []),
        );
  writeTransaction(db, (tx) =>
    recordAudit(tx, {
      action: "stats.microdata_exported",
      actorUserId: user.id,
      ip,
      entityType: "statistics",
      details: {
        format: input.format,
        k: input.k,
        yearFrom: input.filters.yearFrom,
        yearTo: input.filters.yearTo,
        region: input.filters.region ?? null,
        office: input.filters.officeCode ?? null,
        released: result.rows.length,
        withheld: result.withheld,
        recodedValues: result.recodedValues,
      },
    }),
  );
  const period = input.filters.yearFrom === input.filters.yearTo ? `${input.filters.yearFrom}` : `${input.filters.yearFrom}-${input.filters.yearTo}`;
  return {
    filename: `passage-microdata_${period}.${input.format}`,
    mimeType: MIME[input.format],
    base64: buffer.toString("base64"),
    rows: result.rows.length,
    withheld: result.withheld,
    recodedValues: result.recodedValues,
  };
}
