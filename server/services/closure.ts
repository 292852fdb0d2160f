import "server-only";
import { aliasedTable, and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { writeTransaction, type Db } from "@/db/client";
import { caseScopeWhere } from "@/db/queries/case-scope";
import { cases, offices, users } from "@/db/schema";
import { caseClosures } from "@/db/schema-lifecycle";
import { AppError } from "@/lib/errors";
import { versionKey } from "@/lib/saved-versions";
import type { TReopenCase, TRequestClosure, TReviewClosure } from "@/lib/schemas/closure";
import { canMoveClosure, closedStatusFor, closureState } from "@/lib/workflows/closure";
import { recordAudit } from "@/server/audit/record";
import type { SessionUser } from "@/server/auth/session-user";
import { boundTo } from "@/server/crypto/vault";
import { actsForOffice, mayActOnCase } from "./case-access";
import { loadCaseInScope } from "./get-case";
import { openOptional, sealOptional } from "./sealed-text";

/**
 * Case closure (issue 5): a caseworker asks with a reason (HTCDS cas_ReasonForCaseClosure), a
 * supervisor of the office approves (the case becomes read-only: server/services/assert-case-open.ts)
 * or returns it with a comment; nobody approves their own request. A supervisor reopens a closed
 * case with a reason. Comments and reasons typed by people are encrypted, bound to the row.
 */

const commentAad = (id: number) => boundTo("case_closures", id, "comment");
const requester = aliasedTable(users, "requester");

function pendingRequest(db: Db, caseId: number) {
  return db
    .select({ id: caseClosures.id, requestedBy: caseClosures.requestedBy, reason: caseClosures.reason })
    .from(caseClosures)
    .where(and(eq(caseClosures.caseId, caseId), eq(caseClosures.kind, "closure"), eq(caseClosures.status, "pending")))
    .get();
}

/** The closure state of a case, its history, and what the user may do. */
export function closureForCase(db: Db, user: SessionUser, code: string) {
  const caseRow = loadCaseInScope(db, user, code);
  const rows = db
    .select({
      id: caseClosures.id,
      kind: caseClosures.kind,
      reason: caseClosures.reason,
      status: caseClosures.status,
      requestedAt: caseClosures.requestedAt,
      requestedBy: requester.name,
      requestedById: caseClosures.requestedBy,
      reviewedAt: caseClosures.reviewedAt,
      reviewedBy: sql<string | null>`(select ${users.name} from ${users} where ${users.id} = ${caseClosures.reviewedBy})`,
      commentKeyId: caseClosures.commentKeyId,
      commentIv: caseClosures.commentIv,
      commentCiphertext: caseClosures.commentCiphertext,
    })
    .from(caseClosures)
    .innerJoin(requester, eq(requester.id, caseClosures.requestedBy))
    .where(eq(caseClosures.caseId, caseRow.id))
    .orderBy(desc(caseClosures.id))
    .all();
  const pending = rows.find((r) => r.kind === "closure" && r.status === "pending");
  const state = closureState(caseRow.status, Boolean(pending));
  const supervises = actsForOffice(user, "closure:approve", caseRow.officeId) && user.officeIds.includes(caseRow.officeId);
  return {
    state,
    caseStatus: caseRow.status,
    history: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      reason: r.reason,
      status: r.status,
      requestedAt: r.requestedAt,
      requestedBy: r.requestedBy,
      reviewedAt: r.reviewedAt,
      reviewedBy: r.reviewedBy,
      comment: openOptional({ keyId: r.commentKeyId, iv: r.commentIv, ciphertext: r.commentCiphertext }, commentAad(r.id)),
    })),
    pending: pending ? { id: pending.id, reason: pending.reason, ownRequest: pending.requestedById === user.id } : null,
    canRequest: state === "open" && mayActOnCase(db, user, caseRow.id, "closure:request"),
    canReview: state === "closure_requested" && supervises && pending?.requestedById !== user.id,
    canReopen: state === "closed" && actsForOffice(user, "case:reopen", caseRow.officeId) && user.officeIds.includes(caseRow.officeId),
  };
}

/** A caseworker (own case) or supervisor asks for the case to be closed, with a reason. */
export function requestClosure(db: Db, user: SessionUser, input: TRequestClosure, ip: string | null = null) {
  const caseRow = loadCaseInScope(db, user, input.code, "closure:request");
  return writeTransaction(db, (tx) => {
    const pending = pendingRequest(tx, caseRow.id);
    if (!canMoveClosure(caseRow.status, Boolean(pending), "closure_requested")) {
      throw new AppError("INVALID_STATE", "closure cannot be requested now", { reason: pending ? "closure.errors.alreadyRequested" : "closure.errors.closed" });
    }
    const { id } = tx
      .insert(caseClosures)
      .values({ caseId: caseRow.id, kind: "closure", reason: input.reason, status: "pending", requestedBy: user.id, requestedAt: Date.now() })
      .returning({ id: caseClosures.id })
      .get();
    const comment = sealOptional(input.comment, commentAad(id));
    tx.update(caseClosures).set({ commentKeyId: comment.keyId, commentIv: comment.iv, commentCiphertext: comment.ciphertext }).where(eq(caseClosures.id, id)).run();
    recordAudit(tx, {
      action: "closure.requested",
      actorUserId: user.id,
      entityType: "case",
      entityId: caseRow.code,
      officeId: caseRow.officeId,
      ip,
      details: { closureId: id, reason: input.reason },
    });
    return { id };
  });
}

/** Pending closure requests of the supervisor's offices, oldest first. */
export function closureQueue(db: Db, user: SessionUser) {
  const officeIds = user.officeIds.filter((id) => actsForOffice(user, "closure:approve", id));
  if (officeIds.length === 0) return [];
  return db
    .select({
      id: caseClosures.id,
      caseCode: cases.code,
      officeCode: offices.code,
      reason: caseClosures.reason,
      requestedAt: caseClosures.requestedAt,
      requestedBy: requester.name,
      requestedById: caseClosures.requestedBy,
    })
    .from(caseClosures)
    .innerJoin(cases, eq(cases.id, caseClosures.caseId))
    .innerJoin(offices, eq(offices.id, cases.officeId))
    .innerJoin(requester, eq(requester.id, caseClosures.requestedBy))
    .where(and(eq(caseClosures.kind, "closure"), eq(caseClosures.status, "pending"), inArray(cases.officeId, officeIds)))
    .orderBy(asc(caseClosures.id))
    .all()
    .map(({ requestedById, ...r }) => ({ ...r, ownRequest: requestedById === user.id }));
}

/** A supervisor approves (the case closes) or returns (with a comment) a closure request. */
export function reviewClosure(db: Db, user: SessionUser, input: TReviewClosure, ip: string | null = null) {
  const row = db
    .select({
      id: caseClosures.id,
      status: caseClosures.status,
      kind: caseClosures.kind,
      reason: caseClosures.reason,
      requestedBy: caseClosures.requestedBy,
      caseId: cases.id,
      caseCode: cases.code,
      caseStatus: cases.status,
      caseVersion: cases.version,
      officeId: cases.officeId,
    })
    .from(caseClosures)
    .innerJoin(cases, eq(cases.id, caseClosures.caseId))
    .where(and(eq(caseClosures.id, input.id), caseScopeWhere(db, user, "closure:approve")))
    .get();
  if (!row || row.kind !== "closure") throw new AppError("NOT_FOUND");
  if (row.status !== "pending") throw new AppError("INVALID_STATE", "closure request is not pending");
  if (row.requestedBy === user.id) throw new AppError("FORBIDDEN", "own closure request");
  const to = input.action === "approve" ? "closed" : "open";
  if (!canMoveClosure(row.caseStatus, true, to)) throw new AppError("INVALID_STATE", "case cannot be closed now");
  return writeTransaction(db, (tx) => {
    const now = Date.now();
    const comment = input.comment?.trim() ? sealOptional(input.comment, commentAad(row.id)) : null;
    const updated = tx
      .update(caseClosures)
      .set({
        status: input.action === "approve" ? "approved" : "returned",
        reviewedBy: user.id,
        reviewedAt: now,
        // The reviewer's comment replaces the request's (the request's reason stays as a value).
        ...(comment ? { commentKeyId: comment.keyId, commentIv: comment.iv, commentCiphertext: comment.ciphertext } : {}),
      })
      .where(and(eq(caseClosures.id, row.id), eq(caseClosures.status, "pending")))
      .run();
    if (updated.changes !== 1) throw new AppError("STALE_VERSION");
    if (input.action === "approve") {
      tx.update(cases)
        .set({ status: closedStatusFor(row.reason ?? "other"), version: row.caseVersion + 1, updatedAt: now })
        .where(eq(cases.id, row.caseId))
        .run();
    }
    recordAudit(tx, {
      action: input.action === "approve" ? "closure.approved" : "closure.returned",
      actorUserId: user.id,
      entityType: "case",
      entityId: row.caseCode,
      officeId: row.officeId,
      ip,
      details: { closureId: row.id, reason: row.reason },
    });
    return { status: input.action === "approve" ? ("approved" as const) : ("returned" as const) };
  });
}

/** A supervisor reopens a closed case of their office, with a reason. */
export function reopenCase(db: Db, user: SessionUser, input: TReopenCase, ip: string | null = null) {
  const caseRow = loadCaseInScope(db, user, input.code, "case:reopen");
  if (!canMoveClosure(caseRow.status, false, "open")) throw new AppError("INVALID_STATE", "case is not closed", { reason: "closure.errors.notClosed" });
  return writeTransaction(db, (tx) => {
    const now = Date.now();
    const { id } = tx
      .insert(caseClosures)
      .values({ caseId: caseRow.id, kind: "reopening", reason: null, status: "done", requestedBy: user.id, requestedAt: now, reviewedBy: user.id, reviewedAt: now })
      .returning({ id: caseClosures.id })
      .get();
    const reason = sealOptional(input.reason, commentAad(id));
    tx.update(caseClosures).set({ commentKeyId: reason.keyId, commentIv: reason.iv, commentCiphertext: reason.ciphertext }).where(eq(caseClosures.id, id)).run();
    const result = tx
      .update(cases)
      .set({ status: "Active", version: caseRow.version + 1, updatedAt: now })
      .where(and(eq(cases.id, caseRow.id), eq(cases.version, caseRow.version)))
      .run();
    if (result.changes !== 1) throw new AppError("STALE_VERSION");
    recordAudit(tx, {
      action: "case.reopened",
      actorUserId: user.id,
      entityType: "case",
      entityId: caseRow.code,
      officeId: caseRow.officeId,
      ip,
      details: { closureId: id, previousStatus: caseRow.status },
    });
    return { status: "Active" as const, saved: { [versionKey.case(caseRow.code)]: caseRow.version + 1 } };
  });
}
