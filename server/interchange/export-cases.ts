import "server-only";
import Papa from "papaparse";
import { writeTransaction, type Db } from "@/db/client";
import { countCasesOfOffice, exportQueries, officeByCode } from "@/db/queries/interchange";
import { AppError } from "@/lib/errors";
import {
  CATEGORY_VALUES,
  exportColumns,
  toRow,
  type ColumnName,
  type InterchangeCase,
  type InterchangeIdentity,
} from "@/lib/interchange/format";
import { interchangeIdentity } from "@/lib/interchange/identity";
import { can } from "@/lib/permissions";
import { ZIdentity } from "@/lib/schemas/registry";
import { recordAudit } from "@/server/audit/record";
import type { SessionUser } from "@/server/auth/session-user";
import { vaultKeys } from "@/server/crypto/keys";
import { openJson } from "@/server/crypto/vault";
import { IDENTITY_AAD } from "@/server/services/register-case";
import { textStream } from "@/server/text-stream";

/**
 * Exporting cases in the interchange format (docs/import-format.md), read in keyset-paginated
 * batches so that memory stays flat whatever the number of cases. ext_ExternalCaseId is the case's
 * external id when it was imported, else its case code; ext_ExternalPersonId is the person code.
 * Importing the file again (here or into an empty database) reproduces every statistic.
 *
 * Identity columns only on explicit request, by a user allowed to read identities of the office;
 * every export is an audit event (office, number of cases, whether identities were included).
 */

const BATCH = 2_000;

export type ExportScope = { officeIds: readonly number[]; withIdentity: boolean };

/** The rows of an export, header first, as cell arrays. */
export function* exportRows(db: Db, scope: ExportScope): Generator<string[]> {
  const columns: readonly ColumnName[] = exportColumns(scope.withIdentity);
  yield [...columns];
  if (scope.officeIds.length === 0) return;
  const queries = exportQueries(db, scope.officeIds, BATCH);
  const ring = scope.withIdentity ? vaultKeys() : null;
  let after = 0;
  for (;;) {
    const rows = queries.cases(after);
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.id;
    const ids = rows.map((r) => r.id);
    const values = new Map<number, Record<string, string[]>>();
    for (const v of queries.values(ids)) {
      const byKind = values.get(v.caseId) ?? {};
      (byKind[v.kind] ??= []).push(v.value);
      values.set(v.caseId, byKind);
    }
    const identities = new Map<number, InterchangeIdentity>();
    if (ring) {
      const personIds = [...new Set(rows.map((r) => r.personId))];
      for (const s of queries.identities(personIds)) {
        identities.set(s.personId, interchangeIdentity(openJson(ring, s, IDENTITY_AAD(s.personId), (v) => ZIdentity.parse(v))));
      }
    }
    for (const r of rows) {
      const v = values.get(r.id) ?? {};
      const flags = [r.catVictim, r.catUmc, r.catHealth, r.catMain];
      const c: InterchangeCase = {
        externalCaseId: r.externalId ?? r.code,
        externalPersonId: r.personCode,
        officeCode: r.officeCode,
        registeredOn: r.registeredOn,
        status: r.status,
        programme: r.programme,
        categories: CATEGORY_VALUES.filter((_, i) => flags[i] === 1),
        fundingSource: r.fundingSource,
        identity: identities.get(r.personId) ?? null,
        sex: r.sex,
        birthYear: r.birthYear,
        ageAtRegistration: r.age,
        // The primary citizenship first; without one, none (the others alone would become primary).
        citizenships: r.citizenship ? [r.citizenship, ...(r.otherCitizenships ?? "").split(";").filter((x) => x && x !== r.citizenship)] : [],
        traffickingStatus: r.traffickingStatus,
        exploitation: v.exploitation ?? [],
        forcedLabourSector: r.forcedLabourSector,
        sexExploitation: v.sex_exploitation ?? [],
        control: v.control ?? [],
        recruiterRelationship: r.recruiterRelationship,
        traffickingType: r.traffickingType,
        countryOfIdentification: r.countryOfIdentification,
        countryOfExploitation: r.countryOfExploitation,
        transit: v.transit ?? [],
        hostCountry: r.hostCountry,
        returnCountry: r.returnCountry,
        returnedOn: r.returnedOn,
        reintegration: v.reintegration ?? [],
      };
      yield toRow(c, columns);
    }
  }
}

/** The export as CSV text pieces: a BOM and the header, then one piece per batch of rows. */
export function* exportCsv(db: Db, scope: ExportScope): Generator<string> {
  const pending: string[][] = [];
  let first = true;
  const flush = () => {
    const text = Papa.unparse(pending, { newline: "\r\n", escapeFormulae: false });
    pending.length = 0;
    const piece = `${first ? "\ufeff" : ""}${text}\r\n`;
    first = false;
    return piece;
  };
  for (const row of exportRows(db, scope)) {
    pending.push(row);
    if (pending.length >= BATCH) yield flush();
  }
  if (pending.length > 0 || first) yield flush();
}

export type ExportRequest = { officeCode: string; withIdentity: boolean };

/**
 * A supervisor's export of one of their offices. Checks the permission and the office (another
 * office is NOT_FOUND), counts the cases and records the audit event, then returns the file name
 * and a stream of the CSV.
 */
export function exportOfficeCases(db: Db, user: SessionUser, request: ExportRequest, ip: string | null = null) {
  if (!can(user.role, "export:cases:office")) throw new AppError("FORBIDDEN");
  if (request.withIdentity && !can(user.role, "identity:read:office")) throw new AppError("FORBIDDEN");
  const code = request.officeCode.trim().toUpperCase();
  const office = officeByCode(db, code);
  if (!office || !user.officeIds.includes(office.id)) throw new AppError("NOT_FOUND");
  const count = writeTransaction(db, (tx) => {
    const n = countCasesOfOffice(tx, office.id);
    recordAudit(tx, {
      action: "cases.exported",
      actorUserId: user.id,
      entityType: "office",
      entityId: office.code,
      officeId: office.id,
      ip,
      details: { cases: n, identity: request.withIdentity, format: "csv" },
    });
    return n;
  });
  const pieces = exportCsv(db, { officeIds: [office.id], withIdentity: request.withIdentity });
  const stream = textStream(pieces);
  const date = new Date().toISOString().slice(0, 10);
  return { filename: `passage-cases-${office.code}-${date}${request.withIdentity ? "-identity" : ""}.csv`, count, stream };
}
