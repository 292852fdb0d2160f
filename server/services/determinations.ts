import "server-only";
import { aliasedTable, and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { writeTransaction, type Db } from "@/db/client";
import { caseScopeWhere } from "@/db/queries/case-scope";
import { cases, caseValues, determinations, formResponses, offices, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { can } from "@/lib/permissions";
import { determine, screeningCoreVariables, type ScreeningDecision } from "@/lib/forms/screening";
import type { Answers } from "@/lib/forms/types";
import { recordAudit } from "@/server/audit/record";
import type { SessionUser } from "@/server/auth/session-user";
import { vaultKeys } from "@/server/crypto/keys";
import { boundTo, open, openJson, seal } from "@/server/crypto/vault";
import type { SubmitContext } from "./form-hooks";
import { loadCaseInScope } from "./get-case";

const commentAad = (id: number) => boundTo("determinations", id, "comment");
const submitter = aliasedTable(users, "submitter");

/** On screening submission: a pending determination (superseding any earlier pending one). */
export function createDetermination(tx: Db, ctx: SubmitContext): void {
  tx.update(determinations)
    .set({ status: "superseded" })
    .where(and(eq(determinations.caseId, ctx.caseRow.id), eq(determinations.status, "pending")))
    .run();
  const computed = determine(ctx.answers).outcome;
  const decision = String(ctx.answers.decision);
  const { id } = tx
    .insert(determinations)
    .values({ caseId: ctx.caseRow.id, responseId: ctx.responseId, computed, decision, status: "pending", submittedBy: ctx.user.id, submittedAt: Date.now() })
    .returning({ id: determinations.id })
    .get();
  recordAudit(tx, {
    action: "determination.submitted",
    actorUserId: ctx.user.id,
    entityType: "case",
    entityId: ctx.caseRow.code,
    officeId: ctx.caseRow.officeId,
    ip: ctx.ip,
    details: { determinationId: id, revision: ctx.revision, computed, decision, overridden: computed !== decision },
  });
}

/** Determinations awaiting approval in the supervisor's offices, oldest first. */
export function determinationQueue(db: Db, user: SessionUser) {
  if (!can(user.role, "determination:approve:office") || user.officeIds.length === 0) return [];
  return db
    .select({
      id: determinations.id,
      caseCode: cases.code,
      officeCode: offices.code,
      computed: determinations.computed,
      decision: determinations.decision,
      submittedAt: determinations.submittedAt,
      submittedBy: submitter.name,
      submittedById: determinations.submittedBy,
    })
    .from(determinations)
    .innerJoin(cases, eq(cases.id, determinations.caseId))
    .innerJoin(offices, eq(offices.id, cases.officeId))
    .innerJoin(submitter, eq(submitter.id, determinations.submittedBy))
    .where(and(eq(determinations.status, "pending"), inArray(cases.officeId, user.officeIds)))
    .orderBy(asc(determinations.id))
    .all()
    .map((r) => ({ ...r, ownSubmission: r.submittedById === user.id }));
}

/** The determinations of a case, newest first, with the supervisors' comments (decrypted). */
export function determinationsForCase(db: Db, user: SessionUser, caseCode: string) {
  const caseRow = loadCaseInScope(db, user, caseCode, "form:read");
  const rows = db
    .select({
      id: determinations.id,
      computed: determinations.computed,
      decision: determinations.decision,
      status: determinations.status,
      submittedAt: determinations.submittedAt,
      submittedBy: submitter.name,
      submittedById: determinations.submittedBy,
      reviewedAt: determinations.reviewedAt,
      // A correlated sub-select: drizzle cannot type two aliases of one table with a left join.
      reviewedBy: sql<string | null>`(select ${users.name} from ${users} where ${users.id} = ${determinations.reviewedBy})`,
      revision: formResponses.revision,
      commentKeyId: determinations.commentKeyId,
      commentIv: determinations.commentIv,
      commentCiphertext: determinations.commentCiphertext,
    })
    .from(determinations)
    .innerJoin(formResponses, eq(formResponses.id, determinations.responseId))
    .innerJoin(submitter, eq(submitter.id, determinations.submittedBy))
    .where(eq(determinations.caseId, caseRow.id))
    .orderBy(desc(determinations.id))
    .all();
  return rows.map((r) => ({
    id: r.id,
    computed: r.computed,
    decision: r.decision,
    status: r.status,
    revision: r.revision,
    submittedAt: r.submittedAt,
    submittedBy: r.submittedBy,
    reviewedAt: r.reviewedAt,
    reviewedBy: r.reviewedBy,
    comment:
      r.commentKeyId && r.commentIv && r.commentCiphertext
        ? open(vaultKeys(), { keyId: r.commentKeyId, iv: r.commentIv, ciphertext: r.commentCiphertext }, commentAad(r.id))
        : null,
    canReview:
      r.status === "pending" &&
      can(user.role, "determination:approve:office") &&
      r.submittedById !== user.id &&
      user.officeIds.includes(caseRow.officeId),
  }));
}

/**
 * A supervisor approves or returns a pending determination of their office. Nobody reviews their own
 * submission. Approval writes the screening's core variables onto the case, in the same transaction.
 */
export function reviewDetermination(
  db: Db,
  user: SessionUser,
  input: { id: number; action: "approve" | "return"; comment?: string },
  ip: string | null = null,
) {
  const row = db
    .select({ id: determinations.id, caseId: determinations.caseId, status: determinations.status, decision: determinations.decision, submittedBy: determinations.submittedBy, responseId: determinations.responseId, caseCode: cases.code })
    .from(determinations)
    .innerJoin(cases, eq(cases.id, determinations.caseId))
    .where(and(eq(determinations.id, input.id), caseScopeWhere(db, user, "determination:approve")))
    .get();
  if (!row) throw new AppError("NOT_FOUND");
  const caseRow = loadCaseInScope(db, user, row.caseCode, "determination:approve");
  if (row.status !== "pending") throw new AppError("INVALID_STATE", "determination is not pending");
  if (row.submittedBy === user.id) throw new AppError("FORBIDDEN", "own determination");
  const comment = input.comment?.trim() ?? "";
  if (input.action === "return" && comment === "") {
    throw new AppError("VALIDATION", "a comment is required to return", { comment: "validation.commentToReturn" });
  }
  return writeTransaction(db, (tx) => {
    const now = Date.now();
    const sealed = comment ? seal(vaultKeys(), comment, commentAad(row.id)) : null;
    tx.update(determinations)
      .set({
        status: input.action === "approve" ? "approved" : "returned",
        reviewedBy: user.id,
        reviewedAt: now,
        commentKeyId: sealed?.keyId ?? null,
        commentIv: sealed?.iv ?? null,
        commentCiphertext: sealed?.ciphertext ?? null,
      })
      .where(and(eq(determinations.id, row.id), eq(determinations.status, "pending")))
      .run();
    if (input.action === "approve") {
      const response = tx.select().from(formResponses).where(eq(formResponses.id, row.responseId)).get();
      if (!response) throw new AppError("NOT_FOUND");
      const answers = openJson(vaultKeys(), response, boundTo("form_responses", response.id, response.formId), (v) => v as Answers);
      applyScreeningCoreVariables(tx, caseRow.id, answers, row.decision as ScreeningDecision, now);
    }
    recordAudit(tx, {
      action: input.action === "approve" ? "determination.approved" : "determination.returned",
      actorUserId: user.id,
      entityType: "case",
      entityId: row.caseCode,
      officeId: caseRow.officeId,
      ip,
      details: { determinationId: row.id, decision: row.decision },
    });
    return { status: input.action === "approve" ? "approved" : "returned" };
  });
}

function applyScreeningCoreVariables(tx: Db, caseId: number, answers: Answers, decision: ScreeningDecision, now: number): void {
  const core = screeningCoreVariables(answers, decision);
  const current = tx.select({ version: cases.version }).from(cases).where(eq(cases.id, caseId)).get();
  tx.update(cases)
    .set({
      traffickingStatus: core.traffickingStatus,
      catVictim: core.catVictim,
      catUnaccompaniedChild: core.catUnaccompaniedChild,
      catHealth: core.catHealth,
      catMainPopulation: core.catMainPopulation,
      traffickingType: core.traffickingType,
      ...(core.citizenship ? { citizenship: core.citizenship } : {}),
      ...(core.countryOfIdentification ? { countryOfIdentification: core.countryOfIdentification } : {}),
      countryOfExploitation: core.countryOfExploitation,
      forcedLabourSector: core.forcedLabourSector,
      recruiterRelationship: core.recruiterRelationship,
      version: (current?.version ?? 0) + 1,
      updatedAt: now,
    })
    .where(eq(cases.id, caseId))
    .run();
  const kinds = ["exploitation", "control", "sex_exploitation", "transit"] as const;
  tx.delete(caseValues).where(and(eq(caseValues.caseId, caseId), inArray(caseValues.kind, [...kinds]))).run();
  const rows = kinds.flatMap((kind) => [...new Set(core.values[kind])].map((value) => ({ caseId, kind, value })));
  if (rows.length > 0) tx.insert(caseValues).values(rows).run();
}
