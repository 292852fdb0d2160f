import "server-only";
import Papa from "papaparse";
import { writeTransaction, type Db } from "@/db/client";
import { auditScopeWhere, countAuditEvents, listAuditEvents } from "@/db/queries/audit";
import { findOffice } from "@/db/queries/offices";
import { normaliseCode } from "@/lib/codes";
import { AppError } from "@/lib/errors";
import audit from "@/lib/i18n/messages/en/audit.json";
import common from "@/lib/i18n/messages/en/common.json";
import { can, scopeOf } from "@/lib/permissions";
import type { TAuditExport } from "@/lib/schemas/audit-export";
import { lookupIn } from "@/lib/stats/labels";
import { recordAudit } from "@/server/audit/record";
import type { SessionUser } from "@/server/auth/session-user";
import { flattenDetails } from "./format-audit-details";

/**
 * The audit trail as a file (CSV or JSON) for supervisors (events of their offices) and
 * administrators (all): every event matching the audit page's filters, newest first, read in
 * keyset batches so memory stays flat. Written in words as the page shows them (actions, record
 * types and detail names from the message catalogue), never internal codes; the client address
 * only for administrators, as on the page. The export is itself an audit event (filters and
 * number of events), recorded before the first byte.
 */

const BATCH = 1_000;
const DAY_MS = 86_400_000;
const dayStart = (day: string) => Date.parse(`${day}T00:00:00Z`);

const t = lookupIn(audit);
const label = (prefix: string, key: string) => t(`${prefix}.${key}`) ?? key;
const yesNo = (v: string) => (v === "true" ? common.yes : v === "false" ? common.no : v);

type Row = ReturnType<typeof listAuditEvents>[number];

function inWords(row: Row, withIp: boolean) {
  return {
    event: row.id,
    at: new Date(row.at).toISOString(),
    action: label("actions", row.action),
    by: row.actorName ?? audit.system,
    recordType: row.entityType ? label("entityTypes", row.entityType) : "",
    record: row.entityId ?? "",
    office: row.officeCode ?? "",
    details: flattenDetails(row.details).map((d) => ({ label: label("detailKeys", d.key), value: yesNo(d.value) })),
    ...(withIp ? { address: row.ip ?? "" } : {}),
  };
}

export type AuditExportFile = { filename: string; contentType: string; events: number; pieces: Generator<string> };

export function exportAuditTrail(db: Db, viewer: SessionUser, request: TAuditExport, ip: string | null = null): AuditExportFile {
  if (!can(viewer.role, "audit:export:office")) throw new AppError("FORBIDDEN");
  const all = scopeOf(viewer.role, "audit:export") === "all";
  const f = request.filters;
  // A supervisor's office must be one of theirs (another office looks absent).
  if (f.officeId !== undefined && !all && !viewer.officeIds.includes(f.officeId)) throw new AppError("NOT_FOUND");
  const office = f.officeId !== undefined ? findOffice(db, f.officeId) : undefined;
  if (f.officeId !== undefined && !office) throw new AppError("NOT_FOUND");
  // Recorded against the office exported, or a supervisor's one office, so that the office's own
  // trail shows who took a copy of it.
  const recordedOffice = office ?? (!all && viewer.officeIds.length === 1 ? findOffice(db, viewer.officeIds[0]!) : undefined);
  const filters = {
    scope: auditScopeWhere(viewer),
    action: f.action,
    actorUserId: f.actorUserId,
    officeId: f.officeId,
    entityId: f.entity ? (normaliseCode(f.entity) ?? f.entity) : undefined,
    fromAt: f.from ? dayStart(f.from) : undefined,
    toAt: f.to ? dayStart(f.to) + DAY_MS : undefined,
  };
  const events = writeTransaction(db, (tx) => {
    const n = countAuditEvents(tx, filters);
    recordAudit(tx, {
      action: "audit.exported",
      actorUserId: viewer.id,
      entityType: recordedOffice ? "office" : null,
      entityId: recordedOffice?.code ?? null,
      officeId: recordedOffice?.id ?? null,
      ip,
      details: { format: request.format, events: n, officeCode: office?.code ?? null, fromDay: f.from ?? null, toDay: f.to ?? null },
    });
    return n;
  });
  const stamp = new Date().toISOString().slice(0, 10);
  const filename = `audit-trail-${office?.code ?? (all ? "all" : "offices")}-${stamp}.${request.format}`;
  const rows = function* () {
    let beforeId: number | undefined;
    for (;;) {
      const batch = listAuditEvents(db, { ...filters, beforeId, limit: BATCH });
      if (batch.length === 0) return;
      beforeId = batch[batch.length - 1]!.id;
      for (const row of batch) yield inWords(row, all);
      if (batch.length < BATCH) return;
    }
  };
  return {
    filename,
    events,
    contentType: request.format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
    pieces: request.format === "csv" ? csvPieces(rows(), all) : jsonPieces(rows()),
  };
}

function* csvPieces(rows: Iterable<ReturnType<typeof inWords>>, withIp: boolean): Generator<string> {
  const c = audit.columns;
  const header = ["#", c.at, c.action, c.actor, audit.export.recordType, c.entity, c.office, c.details, ...(withIp ? [c.ip] : [])];
  // Text that a spreadsheet would run as a formula is escaped (a detail value can be anything).
  const unparse = (data: string[][]) => Papa.unparse(data, { newline: "\r\n", escapeFormulae: true });
  yield `\ufeff${unparse([header])}\r\n`;
  let pending: string[][] = [];
  for (const r of rows) {
    pending.push([
      String(r.event),
      r.at,
      r.action,
      r.by,
      r.recordType,
      r.record,
      r.office,
      r.details.map((d) => `${d.label}: ${d.value}`).join("; "),
      ...("address" in r ? [r.address ?? ""] : []),
    ]);
    if (pending.length >= BATCH) {
      yield `${unparse(pending)}\r\n`;
      pending = [];
    }
  }
  if (pending.length > 0) yield `${unparse(pending)}\r\n`;
}

function* jsonPieces(rows: Iterable<ReturnType<typeof inWords>>): Generator<string> {
  yield "[\n";
  let first = true;
  for (const r of rows) {
    yield `${first ? "" : ",\n"}${JSON.stringify(r)}`;
    first = false;
  }
  yield "\n]\n";
}
