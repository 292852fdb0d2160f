import "server-only";
import { caseVersionOf } from "@/db/queries/cases";
import { and, asc, eq, inArray } from "drizzle-orm";
import { writeTransaction, type Db } from "@/db/client";
import { cases, formResponses, organisations, services, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { versionKey } from "@/lib/saved-versions";
import type { FormService } from "@/lib/forms/assistance";
import type { TCreateService, TUpdateService } from "@/lib/schemas/assistance";
import { canTransition, caseFundingSource } from "@/lib/services/rules";
import { recordAudit } from "@/server/audit/record";
import type { SessionUser } from "@/server/auth/session-user";
import { vaultKeys } from "@/server/crypto/keys";
import { boundTo, open, seal } from "@/server/crypto/vault";
import { assertCaseOpen } from "./assert-case-open";
import { assertConsentFor } from "./consents";
import { loadCaseInScope } from "./get-case";
import { assertActiveOrganisations } from "./organisations";

/**
 * Service records of a case: those stated in the assistance form (rewritten on each submission)
 * and those added later, in one list. Notes are free text: encrypted, bound to the row.
 */

const notesAad = (serviceId: number) => boundTo("services", serviceId, "notes");
type CaseRow = ReturnType<typeof loadCaseInScope>;

function assertOpen(caseRow: CaseRow) {
  assertCaseOpen(caseRow);
}

function sealedNotes(serviceId: number, notes: string | undefined) {
  const text = notes?.trim() ?? "";
  if (text === "") return { notesKeyId: null, notesIv: null, notesCiphertext: null };
  const s = seal(vaultKeys(), text, notesAad(serviceId));
  return { notesKeyId: s.keyId, notesIv: s.iv, notesCiphertext: s.ciphertext };
}

/** Recomputes cases.funding_source from every service of the case (lib/services/rules.ts). */
export function refreshFundingSource(tx: Db, caseId: number): void {
  const rows = tx.select({ status: services.status, funding: services.funding }).from(services).where(eq(services.caseId, caseId)).all();
  const fundingSource = caseFundingSource(rows);
  const current = tx.select({ fundingSource: cases.fundingSource, version: cases.version }).from(cases).where(eq(cases.id, caseId)).get();
  if (!current || current.fundingSource === fundingSource) return;
  tx.update(cases).set({ fundingSource, version: current.version + 1, updatedAt: Date.now() }).where(eq(cases.id, caseId)).run();
}

/** Every service of a case, oldest first, notes decrypted (the reading is audited when there are notes). */
export function listServices(db: Db, user: SessionUser, code: string, ip: string | null = null) {
  const caseRow = loadCaseInScope(db, user, code);
  const rows = db
    .select({
      id: services.id,
      type: services.type,
      status: services.status,
      provider: services.provider,
      organisationId: services.organisationId,
      organisationName: organisations.name,
      funding: services.funding,
      reason: services.reason,
      startedOn: services.startedOn,
      endedOn: services.endedOn,
      source: services.source,
      revision: formResponses.revision,
      version: services.version,
      updatedAt: services.updatedAt,
      updatedBy: users.name,
      notesKeyId: services.notesKeyId,
      notesIv: services.notesIv,
      notesCiphertext: services.notesCiphertext,
    })
    .from(services)
    .innerJoin(users, eq(users.id, services.updatedBy))
    .leftJoin(organisations, eq(organisations.id, services.organisationId))
    .leftJoin(formResponses, eq(formResponses.id, services.responseId))
    .where(eq(services.caseId, caseRow.id))
    .orderBy(asc(services.id))
    .all();
  const withNotes = rows.filter((r) => r.notesKeyId && r.notesIv && r.notesCiphertext).length;
  if (withNotes > 0) {
    writeTransaction(db, (tx) =>
      recordAudit(tx, { action: "services.read", actorUserId: user.id, entityType: "case", entityId: caseRow.code, officeId: caseRow.officeId, ip, details: { notes: withNotes } }),
    );
  }
  return rows.map(({ notesKeyId, notesIv, notesCiphertext, ...r }) => ({
    ...r,
    notes: notesKeyId && notesIv && notesCiphertext ? open(vaultKeys(), { keyId: notesKeyId, iv: notesIv, ciphertext: notesCiphertext }, notesAad(r.id)) : null,
  }));
}

/** A service added to the case outside the interview. Needs consent and an open case. */
export function createService(db: Db, user: SessionUser, input: TCreateService, ip: string | null = null) {
  const caseRow = loadCaseInScope(db, user, input.code, "service:write");
  assertOpen(caseRow);
  assertConsentFor(db, caseRow.id, "assistance");
  if (input.organisationId) assertActiveOrganisations(db, [input.organisationId], () => "organisationId");
  return writeTransaction(db, (tx) => {
    const now = Date.now();
    const { id } = tx
      .insert(services)
      .values({
        caseId: caseRow.id,
        type: input.type,
        status: input.status,
        provider: input.provider,
        organisationId: input.provider === "partner" ? input.organisationId : null,
        funding: input.funding,
        reason: input.status === "not_provided" ? input.reason : null,
        startedOn: input.startedOn,
        endedOn: input.endedOn,
        source: "record",
        createdBy: user.id,
        updatedBy: user.id,
        updatedAt: now,
      })
      .returning({ id: services.id })
      .get();
    const notes = sealedNotes(id, input.notes);
    if (notes.notesKeyId) tx.update(services).set(notes).where(eq(services.id, id)).run();
    refreshFundingSource(tx, caseRow.id);
    recordAudit(tx, {
      action: "service.created",
      actorUserId: user.id,
      entityType: "case",
      entityId: caseRow.code,
      officeId: caseRow.officeId,
      ip,
      details: { serviceId: id, type: input.type, status: input.status, provider: input.provider, organisationId: input.organisationId, funding: input.funding, reason: input.reason },
    });
    return { id, saved: { [versionKey.service(id)]: 1, [versionKey.case(caseRow.code)]: caseVersionOf(tx, caseRow.id) } };
  });
}

/** Changes a service record (status within the allowed transitions, dates, provider, notes). */
export function updateService(db: Db, user: SessionUser, input: TUpdateService, ip: string | null = null) {
  const row = db
    .select({ id: services.id, caseId: services.caseId, status: services.status, version: services.version, caseCode: cases.code })
    .from(services)
    .innerJoin(cases, eq(cases.id, services.caseId))
    .where(eq(services.id, input.id))
    .get();
  if (!row) throw new AppError("NOT_FOUND");
  const caseRow = loadCaseInScope(db, user, row.caseCode, "service:write");
  assertOpen(caseRow);
  assertConsentFor(db, caseRow.id, "assistance");
  if (row.version !== input.version) throw new AppError("STALE_VERSION");
  if (!canTransition(row.status, input.status)) {
    throw new AppError("INVALID_STATE", `service cannot go from ${row.status} to ${input.status}`, { status: "validation.serviceTransition" });
  }
  if (input.organisationId && input.provider === "partner") assertActiveOrganisations(db, [input.organisationId], () => "organisationId");
  return writeTransaction(db, (tx) => {
    const result = tx
      .update(services)
      .set({
        status: input.status,
        provider: input.provider,
        organisationId: input.provider === "partner" ? input.organisationId : null,
        funding: input.funding,
        reason: input.status === "not_provided" ? input.reason : null,
        startedOn: input.startedOn,
        endedOn: input.endedOn,
        ...(input.notes !== undefined ? sealedNotes(row.id, input.notes) : {}),
        version: row.version + 1,
        updatedBy: user.id,
        updatedAt: Date.now(),
      })
      .where(and(eq(services.id, row.id), eq(services.version, input.version)))
      .run();
    if (result.changes !== 1) throw new AppError("STALE_VERSION");
    refreshFundingSource(tx, row.caseId);
    recordAudit(tx, {
      action: "service.updated",
      actorUserId: user.id,
      entityType: "case",
      entityId: row.caseCode,
      officeId: caseRow.officeId,
      ip,
      details: { serviceId: row.id, from: row.status, status: input.status, provider: input.provider, organisationId: input.organisationId, funding: input.funding, reason: input.reason },
    });
    return { id: row.id, version: row.version + 1, saved: { [versionKey.service(row.id)]: row.version + 1, [versionKey.case(caseRow.code)]: caseVersionOf(tx, row.caseId) } };
  });
}

/**
 * Inside the assistance form's submission: the form's services become the case's "form" service
 * records. Each type stated keeps its record (updated in place); types no longer stated are
 * removed; services added later as records are never touched.
 */
export function syncFormServices(
  tx: Db,
  ctx: { user: SessionUser; caseRow: CaseRow; responseId: number; ip: string | null },
  stated: readonly FormService[],
): { created: number; updated: number; removed: number } {
  const existing = tx
    .select({ id: services.id, type: services.type, version: services.version })
    .from(services)
    .where(and(eq(services.caseId, ctx.caseRow.id), eq(services.source, "form")))
    .orderBy(asc(services.id))
    .all();
  const now = Date.now();
  let created = 0;
  let updated = 0;
  const kept = new Set<number>();
  for (const s of stated) {
    const values = {
      status: s.status,
      provider: s.provider,
      organisationId: s.organisationId,
      funding: s.funding,
      reason: s.reason,
      startedOn: s.startedOn,
      responseId: ctx.responseId,
      updatedBy: ctx.user.id,
      updatedAt: now,
    };
    const match = existing.find((e) => e.type === s.type && !kept.has(e.id));
    if (match) {
      tx.update(services).set({ ...values, version: match.version + 1 }).where(eq(services.id, match.id)).run();
      kept.add(match.id);
      updated += 1;
    } else {
      const { id } = tx
        .insert(services)
        .values({ caseId: ctx.caseRow.id, type: s.type, source: "form", createdBy: ctx.user.id, ...values })
        .returning({ id: services.id })
        .get();
      kept.add(id);
      created += 1;
    }
  }
  const stale = existing.filter((e) => !kept.has(e.id)).map((e) => e.id);
  if (stale.length) tx.delete(services).where(inArray(services.id, stale)).run();
  return { created, updated, removed: stale.length };
}
