import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { writeTransaction, type Db } from "@/db/client";
import { identityRemovalOf } from "@/db/queries/retention";
import { cases, offices, users } from "@/db/schema";
import { erasureRequests } from "@/db/schema-lifecycle";
import { AppError } from "@/lib/errors";
import type { TDecideErasure, TRequestErasure } from "@/lib/schemas/retention";
import { recordAudit } from "@/server/audit/record";
import type { SessionUser } from "@/server/auth/session-user";
import { vaultKeys } from "@/server/crypto/keys";
import { boundTo, seal } from "@/server/crypto/vault";
import { loadCaseInScope } from "../get-case";
import { openOptional } from "../sealed-text";
import { removePersonContent } from "./remove-person-content";

/**
 * Erasure of one person on request (issue 11 item 12, decision 0026): a supervisor of an office
 * with a case of the person asks, giving a reason; an administrator — another person, who never
 * reads the case — confirms or declines. Confirming removes the same as the retention period
 * (db/queries/retention.ts) from every case of the person, in every office. All audited.
 */
const REASON_AAD = (id: number) => boundTo("erasure_requests", id, "reason");

function pendingFor(db: Db, personId: number) {
  return db
    .select({ id: erasureRequests.id })
    .from(erasureRequests)
    .where(and(eq(erasureRequests.personId, personId), eq(erasureRequests.status, "pending")))
    .get();
}

export function requestErasure(db: Db, user: SessionUser, input: TRequestErasure, ip: string | null = null) {
  const found = loadCaseInScope(db, user, input.code, "erasure:request");
  return writeTransaction(db, (tx) => {
    if (pendingFor(tx, found.personId)) {
      throw new AppError("INVALID_STATE", "an erasure request is already pending", { reason: "retention.errors.alreadyPending" });
    }
    const { id } = tx
      .insert(erasureRequests)
      .values({ personId: found.personId, caseId: found.id, status: "pending", requestedBy: user.id, requestedAt: Date.now() })
      .returning({ id: erasureRequests.id })
      .get();
    const sealed = seal(vaultKeys(), input.reason, REASON_AAD(id));
    tx.update(erasureRequests)
      .set({ reasonKeyId: sealed.keyId, reasonIv: sealed.iv, reasonCiphertext: sealed.ciphertext })
      .where(eq(erasureRequests.id, id))
      .run();
    recordAudit(tx, {
      action: "erasure.requested",
      actorUserId: user.id,
      entityType: "case",
      entityId: found.code,
      officeId: found.officeId,
      ip,
      details: { requestId: id, personCode: found.personCode },
    });
    return { id };
  });
}

/** For the case page: the person's latest erasure request and whether their content was removed. */
export function erasureForCase(db: Db, user: SessionUser, code: string) {
  const found = loadCaseInScope(db, user, code, "erasure:request");
  const latest = db
    .select({ id: erasureRequests.id, status: erasureRequests.status, requestedAt: erasureRequests.requestedAt, decidedAt: erasureRequests.decidedAt })
    .from(erasureRequests)
    .where(eq(erasureRequests.personId, found.personId))
    .orderBy(desc(erasureRequests.id))
    .limit(1)
    .get();
  return { request: latest ?? null, removal: identityRemovalOf(db, found.personId) };
}

/** The administrator's queue: pending requests with the case code, office, requester and reason. */
export function pendingErasures(db: Db) {
  return db
    .select({
      id: erasureRequests.id,
      caseCode: cases.code,
      officeCode: offices.code,
      officeName: offices.name,
      requestedByName: users.name,
      requestedAt: erasureRequests.requestedAt,
      reasonKeyId: erasureRequests.reasonKeyId,
      reasonIv: erasureRequests.reasonIv,
      reasonCiphertext: erasureRequests.reasonCiphertext,
    })
    .from(erasureRequests)
    .innerJoin(cases, eq(cases.id, erasureRequests.caseId))
    .innerJoin(offices, eq(offices.id, cases.officeId))
    .innerJoin(users, eq(users.id, erasureRequests.requestedBy))
    .where(eq(erasureRequests.status, "pending"))
    .orderBy(erasureRequests.id)
    .all()
    .map(({ reasonKeyId, reasonIv, reasonCiphertext, ...row }) => ({
      ...row,
      reason: openOptional({ keyId: reasonKeyId, iv: reasonIv, ciphertext: reasonCiphertext }, REASON_AAD(row.id)),
    }));
}

export function decideErasure(db: Db, user: SessionUser, input: TDecideErasure, ip: string | null = null) {
  return writeTransaction(db, (tx) => {
    const row = tx
      .select({
        id: erasureRequests.id,
        status: erasureRequests.status,
        personId: erasureRequests.personId,
        requestedBy: erasureRequests.requestedBy,
        caseCode: cases.code,
        officeId: cases.officeId,
      })
      .from(erasureRequests)
      .innerJoin(cases, eq(cases.id, erasureRequests.caseId))
      .where(eq(erasureRequests.id, input.id))
      .get();
    if (!row) throw new AppError("NOT_FOUND");
    if (row.status !== "pending") throw new AppError("INVALID_STATE", "request already decided", { reason: "retention.errors.decided" });
    // Two people: whoever asked cannot also confirm.
    if (row.requestedBy === user.id) throw new AppError("FORBIDDEN");
    const now = Date.now();
    const confirmed = input.action === "confirm";
    tx.update(erasureRequests)
      .set({ status: confirmed ? "confirmed" : "declined", decidedBy: user.id, decidedAt: now })
      .where(eq(erasureRequests.id, row.id))
      .run();
    recordAudit(tx, {
      action: confirmed ? "erasure.confirmed" : "erasure.declined",
      actorUserId: user.id,
      entityType: "case",
      entityId: row.caseCode,
      officeId: row.officeId,
      ip,
      details: { requestId: row.id },
    });
    const removed = confirmed ? removePersonContent(tx, [row.personId], "erasure", user.id, ip, now) : {};
    return { status: confirmed ? ("confirmed" as const) : ("declined" as const), removed };
  });
}
