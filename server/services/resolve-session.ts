import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { confirmedOfficeIdsOfUser } from "@/db/queries/users";
import { authSessions, users } from "@/db/schema";
import type { Role } from "@/lib/permissions";
import { SECOND_STEP_MS, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, SESSION_TOUCH_MS } from "@/server/auth/policy";
import type { SessionUser } from "@/server/auth/session-user";
import { writeTransaction } from "@/db/client";
import { recordAudit } from "@/server/audit/record";

/** A session that has passed the password and still owes its second step (decision 0017). */
export type PendingSession = { sessionId: string; userId: number; email: string; role: Role; step: "enrol" | "verify" };

export type SessionState =
  | { user: SessionUser }
  | { user: null; reason: "missing" | "expired" | "revoked" }
  | { user: null; reason: "second_step"; pending: PendingSession };

/**
 * Turns the session id carried by the cookie into the current user, or refuses it. This runs on
 * every request, so a deactivated user, a changed password, 30 idle minutes or 12 hours since login
 * end the session at the next request, whatever the cookie still claims. A session that still owes
 * its second factor is no user at all: it is answered as "second_step" (the second-step page is the
 * only thing that reads it) and expires SECOND_STEP_MS after the password.
 */
export function resolveSession(db: Db, sessionId: string | null | undefined, now = Date.now()): SessionState {
  if (!sessionId) return { user: null, reason: "missing" };
  const row = db
    .select({
      createdAt: authSessions.createdAt,
      lastSeenAt: authSessions.lastSeenAt,
      revokedAt: authSessions.revokedAt,
      userId: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      active: users.active,
      passwordChangedAt: users.passwordChangedAt,
      regionScope: users.regionScope,
      secondStep: authSessions.secondStep,
      credentialAt: authSessions.credentialAt,
    })
    .from(authSessions)
    .innerJoin(users, eq(users.id, authSessions.userId))
    .where(eq(authSessions.id, sessionId))
    .get();
  if (!row) return { user: null, reason: "missing" };
  // A password changed after this session last proved it ends the session; the session from which
  // the user changed their own password proved the new one then (credentialAt, decision 0031).
  if (row.revokedAt !== null || !row.active || row.passwordChangedAt > (row.credentialAt ?? row.createdAt)) {
    return { user: null, reason: "revoked" };
  }
  if (row.secondStep !== null) {
    if (now - row.createdAt > SECOND_STEP_MS) return { user: null, reason: "expired" };
    return {
      user: null,
      reason: "second_step",
      pending: { sessionId, userId: row.userId, email: row.email, role: row.role, step: row.secondStep },
    };
  }
  if (now - row.lastSeenAt > SESSION_IDLE_MS || now - row.createdAt > SESSION_ABSOLUTE_MS) {
    return { user: null, reason: "expired" };
  }
  if (now - row.lastSeenAt > SESSION_TOUCH_MS) {
    db.update(authSessions).set({ lastSeenAt: now }).where(eq(authSessions.id, sessionId)).run();
  }
  // Confirmed memberships only (decision 0020): an office an administrator added waits for a
  // supervisor of that office before anything of it is in reach.
  const officeIds = confirmedOfficeIdsOfUser(db, row.userId);
  return {
    user: {
      id: row.userId,
      sessionId,
      email: row.email,
      name: row.name,
      role: row.role,
      officeIds,
      regionScope: row.regionScope,
    },
  };
}

export function revokeSession(db: Db, sessionId: string, actorUserId: number | null): void {
  writeTransaction(db, (tx) => {
    const changed = tx
      .update(authSessions)
      .set({ revokedAt: Date.now() })
      .where(eq(authSessions.id, sessionId))
      .run().changes;
    if (changed > 0) recordAudit(tx, { action: "auth.logout", actorUserId, entityType: "user", entityId: actorUserId });
  });
}
