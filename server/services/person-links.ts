import "server-only";
import { writeTransaction, type Db } from "@/db/client";
import {
  casesOfPersonInOffice,
  closeLinkRequest,
  linkRequestById,
  linkRequestsOfCase,
  mergePerson,
  pendingLinkRequestsTo,
} from "@/db/queries/person-links";
import { personLinkRequests } from "@/db/schema-person-links";
import { AppError } from "@/lib/errors";
import type { TDecidePersonLink } from "@/lib/schemas/person-links";
import { recordAudit } from "@/server/audit/record";
import type { SessionUser } from "@/server/auth/session-user";
import { boundTo } from "@/server/crypto/vault";
import { actsForOffice, mayActOnCase } from "./case-access";
import type { BlindIndexCandidate } from "./find-probable-duplicates";
import { loadCaseInScope } from "./get-case";
import { openOptional, sealOptional } from "./sealed-text";

/**
 * Person-link requests (issue 11 item 2; docs/decisions/0015). A case registered in one office for
 * a person whom another office registered is joined to that person only when a supervisor of that
 * office accepts. The requesting side never learns the person's code, cases or office before then.
 */

const reasonAad = (id: number) => boundTo("person_link_requests", id, "reason");

/** Records a request in the registration's transaction: one event for each office. */
export function requestPersonLink(
  tx: Db,
  r: { user: SessionUser; ip: string | null; caseId: number; caseCode: string; fromOfficeId: number; provisionalPersonId: number; target: BlindIndexCandidate; at: number },
) {
  const { id } = tx
    .insert(personLinkRequests)
    .values({
      caseId: r.caseId,
      fromOfficeId: r.fromOfficeId,
      toOfficeId: r.target.registeredOfficeId,
      targetPersonId: r.target.id,
      provisionalPersonId: r.provisionalPersonId,
      match: r.target.match,
      status: "requested",
      requestedBy: r.user.id,
      requestedAt: r.at,
    })
    .returning({ id: personLinkRequests.id })
    .get();
  // The requesting office's trail names neither the person nor the office asked.
  recordAudit(tx, { action: "person_link.requested", actorUserId: r.user.id, entityType: "case", entityId: r.caseCode, officeId: r.fromOfficeId, ip: r.ip, details: { requestId: id } });
  recordAudit(tx, {
    action: "person_link.requested",
    actorUserId: r.user.id,
    entityType: "person",
    entityId: r.target.code,
    officeId: r.target.registeredOfficeId,
    ip: r.ip,
    details: { requestId: id, caseCode: r.caseCode },
  });
  return { id };
}

type LinkRow = NonNullable<ReturnType<typeof linkRequestById>>;

/**
 * One event on each office's trail: the person's office against the person, the requesting office
 * against its case, naming the person only when `requesterMayKnow` says so (an accepted link).
 */
function auditOnBothOffices(
  tx: Db,
  action: "person_link.accepted" | "person_link.declined" | "person_link.withdrawn",
  { user, ip, row }: { user: SessionUser; ip: string | null; row: LinkRow },
  requesterMayKnow: Record<string, string> = {},
) {
  recordAudit(tx, { action, actorUserId: user.id, entityType: "person", entityId: row.targetPersonCode, officeId: row.toOfficeId, ip, details: { requestId: row.id, caseCode: row.caseCode, fromOffice: row.fromOfficeCode } });
  recordAudit(tx, { action, actorUserId: user.id, entityType: "case", entityId: row.caseCode, officeId: row.fromOfficeId, ip, details: { requestId: row.id, ...requesterMayKnow } });
}

/** Offices of the user whose link requests they decide (supervisors). */
function decidingOffices(user: SessionUser): number[] {
  return user.officeIds.filter((id) => actsForOffice(user, "personlink:decide", id));
}

/** Requests waiting for the supervisor's offices, with the pseudonymous facts to compare. */
export function incomingPersonLinks(db: Db, user: SessionUser) {
  const officeIds = decidingOffices(user);
  return pendingLinkRequestsTo(db, officeIds).map((r) => ({
    id: r.id,
    match: r.match,
    requestedAt: r.requestedAt,
    requestedBy: r.requestedByName,
    ownRequest: r.requestedBy === user.id,
    fromOfficeCode: r.fromOfficeCode,
    fromOfficeName: r.fromOfficeName,
    toOfficeCode: r.toOfficeCode,
    person: {
      code: r.targetPersonCode,
      sex: r.targetSex,
      birthYear: r.targetBirthYear,
      citizenship: r.targetCitizenship,
    },
    typed: { sex: r.provisionalSex, birthYear: r.provisionalBirthYear, citizenship: r.provisionalCitizenship },
    cases: casesOfPersonInOffice(db, r.targetPersonId, r.toOfficeId),
  }));
}

/**
 * A supervisor of the person's office accepts (the new case joins the person; its provisional
 * person is merged away) or declines (with a reason the requesting office reads). Audited on both
 * sides, like a transfer. Nobody decides their own request.
 */
export function decidePersonLink(db: Db, user: SessionUser, input: TDecidePersonLink, ip: string | null = null) {
  const row = linkRequestById(db, input.id);
  if (!row || !actsForOffice(user, "personlink:decide", row.toOfficeId) || !user.officeIds.includes(row.toOfficeId)) throw new AppError("NOT_FOUND");
  if (row.requestedBy === user.id) throw new AppError("FORBIDDEN", "own link request");
  if (row.status !== "requested") throw new AppError("INVALID_STATE", "link request is not pending");
  return writeTransaction(db, (tx) => {
    const at = Date.now();
    const reason = input.action === "decline" ? sealOptional(input.reason, reasonAad(row.id)) : undefined;
    const status = input.action === "accept" ? "accepted" : "declined";
    if (!closeLinkRequest(tx, row.id, { status, decidedBy: user.id, decidedAt: at, reason })) {
      throw new AppError("INVALID_STATE", "link request is not pending");
    }
    if (input.action === "decline") {
      auditOnBothOffices(tx, "person_link.declined", { user, ip, row });
      return { status: "declined" as const };
    }
    // Accepted: the requesting office may now know the person and its office.
    auditOnBothOffices(tx, "person_link.accepted", { user, ip, row }, { personCode: row.targetPersonCode, toOffice: row.toOfficeCode });
    mergePerson(tx, { mergedId: row.provisionalPersonId, intoId: row.targetPersonId, linkRequestId: row.id, by: user.id, at });
    recordAudit(tx, {
      action: "person.merged",
      actorUserId: user.id,
      entityType: "person",
      entityId: row.provisionalPersonCode,
      officeId: row.fromOfficeId,
      ip,
      details: { requestId: row.id, intoPersonCode: row.targetPersonCode },
    });
    return { status: "accepted" as const };
  });
}

/** The requesting side (who may update the case) withdraws a waiting request. */
export function withdrawPersonLink(db: Db, user: SessionUser, input: { id: number }, ip: string | null = null) {
  const row = linkRequestById(db, input.id);
  if (!row || !mayActOnCase(db, user, row.caseId, "case:update")) throw new AppError("NOT_FOUND");
  if (row.status !== "requested") throw new AppError("INVALID_STATE", "link request is not pending");
  return writeTransaction(db, (tx) => {
    const at = Date.now();
    if (!closeLinkRequest(tx, row.id, { status: "withdrawn", decidedBy: user.id, decidedAt: at })) {
      throw new AppError("INVALID_STATE", "link request is not pending");
    }
    auditOnBothOffices(tx, "person_link.withdrawn", { user, ip, row });
    return { status: "withdrawn" as const };
  });
}

/**
 * The case's link requests as the requesting office sees them: the outcome, the decline reason,
 * and the person and office only once accepted.
 */
export function personLinksForCase(db: Db, user: SessionUser, code: string) {
  const caseRow = loadCaseInScope(db, user, code);
  const mayWithdraw = mayActOnCase(db, user, caseRow.id, "case:update");
  return linkRequestsOfCase(db, caseRow.id).map((r) => {
    const accepted = r.status === "accepted";
    return {
      id: r.id,
      status: r.status,
      requestedAt: r.requestedAt,
      requestedBy: r.requestedBy,
      decidedAt: r.decidedAt,
      decidedBy: accepted || r.status === "withdrawn" ? r.decidedBy : null,
      reason: r.status === "declined" ? openOptional({ keyId: r.reasonKeyId, iv: r.reasonIv, ciphertext: r.reasonCiphertext }, reasonAad(r.id)) : null,
      linkedPerson: accepted ? { personCode: r.targetPersonCode, officeCode: r.toOfficeCode, officeName: r.toOfficeName } : null,
      canWithdraw: r.status === "requested" && mayWithdraw,
    };
  });
}
