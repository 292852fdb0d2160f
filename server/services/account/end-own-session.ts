import "server-only";
import { writeTransaction, type Db } from "@/db/client";
import { listLiveSessionsOfUser, revokeSessionOfUser } from "@/db/queries/own-sessions";
import { AppError } from "@/lib/errors";
import type { TEndOwnSession } from "@/lib/schemas/account";
import { recordAudit } from "@/server/audit/record";
import type { SessionUser } from "@/server/auth/session-user";
import { sessionHandle } from "./session-handle";

/**
 * The signed-in user ends one of their own sessions, named by its handle (decision 0031). Only the
 * user's own sessions are searched, so another user's session, like an unknown handle, is NOT_FOUND.
 * Ending the current session signs this browser out at its next request. Audited.
 */
export function endOwnSession(db: Db, actor: SessionUser, input: TEndOwnSession, ip: string | null = null) {
  return writeTransaction(db, (tx) => {
    const now = Date.now();
    // Every session not yet revoked, whatever its age: an expired one may still be ended.
    const target = listLiveSessionsOfUser(tx, actor.id, { idleSince: 0, createdSince: 0 }).find((row) => sessionHandle(row.id) === input.handle);
    if (!target || revokeSessionOfUser(tx, actor.id, target.id, now) === 0) throw new AppError("NOT_FOUND", "no such session");
    const current = target.id === actor.sessionId;
    recordAudit(tx, { action: "auth.session.ended", actorUserId: actor.id, entityType: "user", entityId: actor.id, ip, details: { current } });
    return { current };
  });
}
