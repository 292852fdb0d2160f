import "server-only";
import { writeTransaction, type Db } from "@/db/client";
import { confirmMembership, deletePendingMembership, membershipByEmailAndOffice } from "@/db/queries/users";
import { AppError } from "@/lib/errors";
import type { TAccessDecision } from "@/lib/schemas/admin";
import { recordAudit } from "@/server/audit/record";
import type { SessionUser } from "@/server/auth/session-user";

/**
 * The decider must be a supervisor holding a confirmed membership of the office (the session's
 * officeIds are confirmed memberships only) and not the person the request is for. Anything else
 * looks like no request at all.
 */
function assertMayDecide(actor: SessionUser, input: TAccessDecision): void {
  if (actor.role !== "supervisor" || !actor.officeIds.includes(input.officeId) || actor.id === input.userId) {
    throw new AppError("NOT_FOUND");
  }
}

/** A supervisor of the office confirms a colleague's access to its cases (decision 0020). */
export function confirmOfficeAccess(db: Db, actor: SessionUser, input: TAccessDecision, ip: string | null = null) {
  assertMayDecide(actor, input);
  return writeTransaction(db, (tx) => {
    if (!confirmMembership(tx, input.userId, input.officeId, actor.id, Date.now())) throw new AppError("NOT_FOUND");
    recordAudit(tx, { action: "access.confirmed", actorUserId: actor.id, entityType: "user", entityId: input.userId, officeId: input.officeId, ip });
    return { userId: input.userId, officeId: input.officeId, status: "confirmed" as const };
  });
}

/** A supervisor of the office declines the request: the membership is removed. */
export function declineOfficeAccess(db: Db, actor: SessionUser, input: TAccessDecision, ip: string | null = null) {
  assertMayDecide(actor, input);
  return writeTransaction(db, (tx) => {
    if (!deletePendingMembership(tx, input.userId, input.officeId)) throw new AppError("NOT_FOUND");
    recordAudit(tx, { action: "access.declined", actorUserId: actor.id, entityType: "user", entityId: input.userId, officeId: input.officeId, ip });
    return { userId: input.userId, officeId: input.officeId, status: "declined" as const };
  });
}

/**
 * The operator on the server confirms a membership (CLI `access:confirm`): the bootstrap of an
 * office that has no confirmed supervisor yet. Whoever runs the CLI holds the database file and the
 * keys, so this adds no power; it is audited with no actor and `via: "cli"`.
 */
export function confirmOfficeAccessByOperator(db: Db, email: string, officeCode: string) {
  return writeTransaction(db, (tx) => {
    const found = membershipByEmailAndOffice(tx, email.trim().toLowerCase(), officeCode.trim().toUpperCase());
    if (!found) throw new AppError("NOT_FOUND", "no such membership");
    if (found.confirmedAt !== null) return { userId: found.userId, officeId: found.officeId, alreadyConfirmed: true };
    confirmMembership(tx, found.userId, found.officeId, null, Date.now());
    recordAudit(tx, { action: "access.confirmed", entityType: "user", entityId: found.userId, officeId: found.officeId, details: { via: "cli" } });
    return { userId: found.userId, officeId: found.officeId, alreadyConfirmed: false };
  });
}
