import "server-only";
import type { Db } from "@/db/client";

/**
 * The reveal limit (issue 11 item 6, decision 0025) is counted from the audit trail itself: every
 * reveal is an `identity.revealed` event written in the reveal's own transaction, so the count is
 * exact, shared by every server process, and cannot be reset without breaking the chain.
 */
export function countRevealsSince(db: Db, userId: number, since: number): number {
  return db.$client
    .prepare("SELECT count(*) FROM audit_events WHERE actor_user_id = ? AND action = 'identity.revealed' AND at >= ?")
    .pluck()
    .get(userId, since) as number;
}

/** The oldest reveal of the user still in the window: the limit frees one reveal an hour after it. */
export function oldestRevealSince(db: Db, userId: number, since: number): number | null {
  return (db.$client
    .prepare("SELECT min(at) FROM audit_events WHERE actor_user_id = ? AND action = 'identity.revealed' AND at >= ?")
    .pluck()
    .get(userId, since) ?? null) as number | null;
}

export type RevealLimitAlert = { userId: number; userName: string; officeId: number; refusals: number; firstAt: number; lastAt: number };

/** Users refused a reveal by the limit since `since`, for the given offices (the supervisors' desk). */
export function revealLimitAlerts(db: Db, officeIds: readonly number[], since: number): RevealLimitAlert[] {
  if (officeIds.length === 0) return [];
  return db.$client
    .prepare(
      `SELECT e.actor_user_id AS userId, u.name AS userName, e.office_id AS officeId,
              count(*) AS refusals, min(e.at) AS firstAt, max(e.at) AS lastAt
         FROM audit_events e JOIN users u ON u.id = e.actor_user_id
        WHERE e.action = 'identity.reveal_refused' AND e.at >= ?
          AND e.office_id IN (SELECT value FROM json_each(?))
        GROUP BY e.actor_user_id, e.office_id
        ORDER BY max(e.at) DESC`,
    )
    .all(since, JSON.stringify(officeIds)) as RevealLimitAlert[];
}
