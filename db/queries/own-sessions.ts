import "server-only";
import { and, eq, gt, isNull, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { authSessions, users } from "../schema";

/**
 * A user's own sessions and credential, for their account page (decision 0031). Every statement is
 * keyed on the user's id, so no call here can reach another user's session.
 */

export type OwnSessionRow = {
  id: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: number;
  lastSeenAt: number;
};

/**
 * The user's sessions that are still alive: not revoked, past their second step, used since
 * `idleSince` and opened since `createdSince` (the idle and absolute limits, applied by the caller).
 */
export function listLiveSessionsOfUser(db: Db, userId: number, limits: { idleSince: number; createdSince: number }): OwnSessionRow[] {
  return db
    .select({
      id: authSessions.id,
      ip: authSessions.ip,
      userAgent: authSessions.userAgent,
      createdAt: authSessions.createdAt,
      lastSeenAt: authSessions.lastSeenAt,
    })
    .from(authSessions)
    .where(
      and(
        eq(authSessions.userId, userId),
        isNull(authSessions.revokedAt),
        isNull(authSessions.secondStep),
        gt(authSessions.lastSeenAt, limits.idleSince),
        gt(authSessions.createdAt, limits.createdSince),
      ),
    )
    .all();
}

/** Ends one session of the user; 0 when it is not theirs or already ended. */
export function revokeSessionOfUser(tx: Db, userId: number, sessionId: string, now: number): number {
  return tx
    .update(authSessions)
    .set({ revokedAt: now })
    .where(and(eq(authSessions.id, sessionId), eq(authSessions.userId, userId), isNull(authSessions.revokedAt)))
    .run().changes;
}

/** Ends every session of the user but `keepSessionId`; returns how many ended. */
export function revokeOtherSessionsOfUser(tx: Db, userId: number, keepSessionId: string, now: number): number {
  return tx
    .update(authSessions)
    .set({ revokedAt: now })
    .where(and(eq(authSessions.userId, userId), ne(authSessions.id, keepSessionId), isNull(authSessions.revokedAt)))
    .run().changes;
}

/** Records that `sessionId` (the user's own) proved the password at `at`. */
export function markSessionCredential(tx: Db, userId: number, sessionId: string, at: number): number {
  return tx
    .update(authSessions)
    .set({ credentialAt: at })
    .where(and(eq(authSessions.id, sessionId), eq(authSessions.userId, userId)))
    .run().changes;
}

/** What checking the user's current password needs (the hash never leaves the server). */
export function findCredentialOfUser(db: Db, userId: number) {
  return db
    .select({
      id: users.id,
      email: users.email,
      passwordHash: users.passwordHash,
      failedLogins: users.failedLogins,
      lockedUntil: users.lockedUntil,
    })
    .from(users)
    .where(eq(users.id, userId))
    .get();
}
