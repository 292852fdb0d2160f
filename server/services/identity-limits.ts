import "server-only";
import type { Db } from "@/db/client";
import { countRevealsSince, oldestRevealSince, revealLimitAlerts } from "@/db/queries/identity-limits";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/server/audit/record";
import type { SessionUser } from "@/server/auth/session-user";
import { env } from "@/server/env";

const HOUR_MS = 60 * 60_000;
/** How far back the supervisors' desk shows refusals. */
const ALERT_DAYS = 7;

export type RevealTarget = { code: string; officeId: number; personCode: string };

/**
 * Whether the user has used up their identity reveals of the last 60 minutes (a sliding window,
 * `PASSAGE_REVEALS_PER_HOUR`). Call it inside the reveal's write transaction (BEGIN IMMEDIATE):
 * the count and the reveal's own audit event are then one step, so concurrent requests, from any
 * number of server processes, cannot slip past the limit. A refusal is audited here, with the
 * case's office, so that the office's supervisors see it on their desk.
 */
export function revealLimitReached(
  tx: Db,
  user: SessionUser,
  target: RevealTarget,
  ip: string | null,
  limit: number = env.PASSAGE_REVEALS_PER_HOUR,
  now: number = Date.now(),
): boolean {
  const used = countRevealsSince(tx, user.id, now - HOUR_MS);
  if (used < limit) return false;
  const oldest = oldestRevealSince(tx, user.id, now - HOUR_MS);
  recordAudit(tx, {
    action: "identity.reveal_refused",
    actorUserId: user.id,
    entityType: "case",
    entityId: target.code,
    officeId: target.officeId,
    ip,
    details: { personCode: target.personCode, limit, revealsInLastHour: used, nextAllowedAt: new Date(oldest === null ? now : oldest + HOUR_MS).toISOString() },
  });
  return true;
}

/** The error a refused reveal ends in (after its audit event is committed). */
export function revealRefused(): never {
  throw new AppError("RATE_LIMITED", "identity reveal limit reached", { reveal: "limits.revealLimitReached" });
}

/** For the supervisors' desk: who of their offices was refused a reveal in the last days. */
export function revealLimitAlertsFor(db: Db, user: SessionUser, now: number = Date.now()) {
  return {
    limit: env.PASSAGE_REVEALS_PER_HOUR,
    days: ALERT_DAYS,
    alerts: revealLimitAlerts(db, user.officeIds, now - ALERT_DAYS * 24 * HOUR_MS),
  };
}
