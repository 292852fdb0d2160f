import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { writeTransaction, type Db } from "@/db/client";
import { caseScopeWhere } from "@/db/queries/case-scope";
import { cases, organisations, users } from "@/db/schema";
import { referrals } from "@/db/schema-lifecycle";
import { AppError } from "@/lib/errors";
import { versionKey } from "@/lib/saved-versions";
import type { ServiceType } from "@/lib/reference/vocabulary";
import type { TCreateReferral, TUpdateReferralStatus } from "@/lib/schemas/referrals";
import { isReferralOverdue, REFERRAL_MACHINE } from "@/lib/workflows/case-lifecycle";
import { isClosedCaseStatus } from "@/lib/workflows/closure";
import { todayIso } from "@/lib/workflows/desk";
import { canTransition, nextStates } from "@/lib/workflows/state-machine";
import { recordAudit } from "@/server/audit/record";
import type { SessionUser } from "@/server/auth/session-user";
import { boundTo } from "@/server/crypto/vault";
import { assertCaseOpen } from "./assert-case-open";
import { actsForOffice, mayActOnCase } from "./case-access";
import { consentBlock, consentForCase } from "./consents";
import { loadCaseInScope } from "./get-case";
import { assertActiveOrganisations } from "./organisations";
import { openOptional, sealOptional } from "./sealed-text";

/**
 * Referrals to and from partner organisations (issue 5). An outgoing referral shares information
 * about the person, so it needs their consent to share with partners; without it only a supervisor
 * of the case's office can refer, giving a reason, and the override is audited. The message, the
 * override reason and a decline reason are free text: encrypted, bound to the row.
 */

const aad = (id: number, purpose: "message" | "override_reason" | "decline_reason") => boundTo("referrals", id, purpose);

function splitServices(value: string): ServiceType[] {
  return value.split(";").filter(Boolean) as ServiceType[];
}

/** The referrals of a case, newest first, texts decrypted (the reading is audited when there are texts). */
export function listReferrals(db: Db, user: SessionUser, code: string, ip: string | null = null) {
  const caseRow = loadCaseInScope(db, user, code);
  const today = todayIso();
  const canWrite = !isClosedCaseStatus(caseRow.status) && mayActOnCase(db, user, caseRow.id, "referral:write");
  const consent = consentForCase(db, user, code);
  return writeTransaction(db, (tx) => {
    const rows = tx
      .select({
        id: referrals.id,
        direction: referrals.direction,
        organisationId: referrals.organisationId,
        organisationName: organisations.name,
        organisationCountry: organisations.countryIso2,
        services: referrals.services,
        reason: referrals.reason,
        referredOn: referrals.referredOn,
        dueOn: referrals.dueOn,
        status: referrals.status,
        respondedOn: referrals.respondedOn,
        completedOn: referrals.completedOn,
        includesIdentity: referrals.includesIdentity,
        consentOverride: referrals.consentOverride,
        version: referrals.version,
        createdBy: users.name,
        createdAt: referrals.createdAt,
        messageKeyId: referrals.messageKeyId,
        messageIv: referrals.messageIv,
        messageCiphertext: referrals.messageCiphertext,
        overrideReasonKeyId: referrals.overrideReasonKeyId,
        overrideReasonIv: referrals.overrideReasonIv,
        overrideReasonCiphertext: referrals.overrideReasonCiphertext,
        declineReasonKeyId: referrals.declineReasonKeyId,
        declineReasonIv: referrals.declineReasonIv,
        declineReasonCiphertext: referrals.declineReasonCiphertext,
      })
      .from(referrals)
      .innerJoin(organisations, eq(organisations.id, referrals.organisationId))
      .innerJoin(users, eq(users.id, referrals.createdBy))
      .where(eq(referrals.caseId, caseRow.id))
      .orderBy(desc(referrals.id))
      .all();
    const withText = rows.filter((r) => r.messageKeyId || r.overrideReasonKeyId || r.declineReasonKeyId).length;
    if (withText > 0) {
      recordAudit(tx, {
        action: "referrals.read",
        actorUserId: user.id,
        entityType: "case",
        entityId: caseRow.code,
        officeId: caseRow.officeId,
        ip,
        details: { count: withText },
      });
    }
    return {
      caseClosed: isClosedCaseStatus(caseRow.status),
      canWrite,
      consentToShare: consent.states.share_with_partners,
      /** Why a new referral cannot be recorded, per direction (the consent rule, decision 0027). */
      entryBlocks: { outgoing: consent.entryBlocks.outgoing_referral, incoming: consent.entryBlocks.incoming_referral },
      /** A supervisor of the case's office may refer without consent to share, with a reason. */
      canOverride: canWrite && actsForOffice(user, "referral:override", caseRow.officeId),
      referrals: rows.map((r) => ({
        id: r.id,
        direction: r.direction,
        organisationId: r.organisationId,
        organisationName: r.organisationName,
        organisationCountry: r.organisationCountry,
        services: splitServices(r.services),
        reason: r.reason,
        referredOn: r.referredOn,
        dueOn: r.dueOn,
        status: r.status,
        respondedOn: r.respondedOn,
        completedOn: r.completedOn,
        includesIdentity: r.includesIdentity,
        consentOverride: r.consentOverride,
        version: r.version,
        createdBy: r.createdBy,
        createdAt: r.createdAt,
        overdue: isReferralOverdue(r.status, r.dueOn, today),
        message: openOptional({ keyId: r.messageKeyId, iv: r.messageIv, ciphertext: r.messageCiphertext }, aad(r.id, "message")),
        overrideReason: openOptional(
          { keyId: r.overrideReasonKeyId, iv: r.overrideReasonIv, ciphertext: r.overrideReasonCiphertext },
          aad(r.id, "override_reason"),
        ),
        declineReason: openOptional(
          { keyId: r.declineReasonKeyId, iv: r.declineReasonIv, ciphertext: r.declineReasonCiphertext },
          aad(r.id, "decline_reason"),
        ),
        next: canWrite ? nextStates(REFERRAL_MACHINE, r.status) : [],
      })),
    };
  });
}

/**
 * Records an outgoing or incoming referral, when the consent rule allows it (decision 0027): never
 * after a withdrawal. Outgoing: consent to share is required; a supervisor of the case's office may
 * override its absence (not its withdrawal) with a reason (audited as its own event).
 */
export function createReferral(db: Db, user: SessionUser, input: TCreateReferral, ip: string | null = null) {
  const caseRow = loadCaseInScope(db, user, input.code, "referral:write");
  assertCaseOpen(caseRow);
  assertActiveOrganisations(db, [input.organisationId], () => "organisationId");
  let override = false;
  const overrideReason = input.overrideReason?.trim() ?? "";
  const block = consentBlock(db, caseRow.id, input.direction === "outgoing" ? "outgoing_referral" : "incoming_referral");
  if (block === "withdrawn" || block === "missing") {
    throw new AppError("CONSENT_REQUIRED", "consent withdrawn", { consent: "referrals.errors.consentWithdrawn" });
  }
  if (block === "share_missing") {
    if (!actsForOffice(user, "referral:override", caseRow.officeId)) {
      throw new AppError("CONSENT_REQUIRED", "an outgoing referral needs consent to share", { consent: "referrals.errors.consentRequired" });
    }
    if (overrideReason === "") {
      throw new AppError("VALIDATION", "override needs a reason", { overrideReason: "referrals.validation.overrideReasonRequired" });
    }
    override = true;
  }
  return writeTransaction(db, (tx) => {
    const now = Date.now();
    const { id } = tx
      .insert(referrals)
      .values({
        caseId: caseRow.id,
        direction: input.direction,
        organisationId: input.organisationId,
        services: [...new Set(input.services)].join(";"),
        reason: input.reason,
        referredOn: input.referredOn,
        dueOn: input.dueOn,
        status: "pending",
        includesIdentity: input.includesIdentity,
        consentOverride: override,
        createdBy: user.id,
        updatedAt: now,
      })
      .returning({ id: referrals.id })
      .get();
    const message = sealOptional(input.message, aad(id, "message"));
    const reason = override ? sealOptional(overrideReason, aad(id, "override_reason")) : null;
    tx.update(referrals)
      .set({
        messageKeyId: message.keyId,
        messageIv: message.iv,
        messageCiphertext: message.ciphertext,
        ...(reason ? { overrideReasonKeyId: reason.keyId, overrideReasonIv: reason.iv, overrideReasonCiphertext: reason.ciphertext } : {}),
      })
      .where(eq(referrals.id, id))
      .run();
    const audit = { actorUserId: user.id, entityType: "case", entityId: caseRow.code, officeId: caseRow.officeId, ip } as const;
    recordAudit(tx, {
      ...audit,
      action: "referral.created",
      details: {
        referralId: id,
        direction: input.direction,
        organisationId: input.organisationId,
        services: input.services,
        reason: input.reason,
        dueOn: input.dueOn,
        includesIdentity: input.includesIdentity,
        consentOverride: override,
      },
    });
    if (override) recordAudit(tx, { ...audit, action: "referral.consent_overridden", details: { referralId: id } });
    return { id, consentOverride: override };
  });
}

/** The answer to a referral (accepted, declined with a reason), its completion or cancellation. */
export function updateReferralStatus(db: Db, user: SessionUser, input: TUpdateReferralStatus, ip: string | null = null) {
  const row = db
    .select({
      id: referrals.id,
      status: referrals.status,
      version: referrals.version,
      referredOn: referrals.referredOn,
      caseCode: cases.code,
      caseStatus: cases.status,
      officeId: cases.officeId,
    })
    .from(referrals)
    .innerJoin(cases, eq(cases.id, referrals.caseId))
    .where(and(eq(referrals.id, input.id), caseScopeWhere(db, user, "referral:write")))
    .get();
  if (!row) throw new AppError("NOT_FOUND");
  assertCaseOpen({ status: row.caseStatus });
  if (row.version !== input.version) throw new AppError("STALE_VERSION");
  if (!canTransition(REFERRAL_MACHINE, row.status, input.status)) {
    throw new AppError("INVALID_STATE", `referral cannot go from ${row.status} to ${input.status}`, { status: "referrals.errors.transition" });
  }
  if (input.on < row.referredOn) throw new AppError("VALIDATION", "answer dated before the referral", { on: "referrals.validation.beforeReferral" });
  return writeTransaction(db, (tx) => {
    const decline = input.status === "declined" ? sealOptional(input.declineReason, aad(row.id, "decline_reason")) : null;
    const result = tx
      .update(referrals)
      .set({
        status: input.status,
        ...(input.status === "accepted" || input.status === "declined" ? { respondedOn: input.on } : {}),
        ...(input.status === "completed" ? { completedOn: input.on } : {}),
        ...(decline ? { declineReasonKeyId: decline.keyId, declineReasonIv: decline.iv, declineReasonCiphertext: decline.ciphertext } : {}),
        version: row.version + 1,
        updatedAt: Date.now(),
      })
      .where(and(eq(referrals.id, row.id), eq(referrals.version, row.version)))
      .run();
    if (result.changes !== 1) throw new AppError("STALE_VERSION");
    recordAudit(tx, {
      action: "referral.status_changed",
      actorUserId: user.id,
      entityType: "case",
      entityId: row.caseCode,
      officeId: row.officeId,
      ip,
      details: { referralId: row.id, from: row.status, to: input.status, on: input.on },
    });
    return { id: row.id, status: input.status, version: row.version + 1, saved: { [versionKey.referral(row.id)]: row.version + 1 } };
  });
}
