import "server-only";
import type { Db } from "@/db/client";
import { listLiveSessionsOfUser } from "@/db/queries/own-sessions";
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from "@/server/auth/policy";
import type { SessionUser } from "@/server/auth/session-user";
import { describeDevice } from "./describe-device";
import { sessionHandle } from "./session-handle";

/**
 * The signed-in user's live sessions (decision 0031), the current one first, then by last use:
 * device (browser and system read from the User-Agent recorded at sign-in), client address as
 * recorded, signed in at, last used. Each is named by its handle, never by its id.
 */
export function listOwnSessions(db: Db, actor: SessionUser, now = Date.now()) {
  const rows = listLiveSessionsOfUser(db, actor.id, { idleSince: now - SESSION_IDLE_MS, createdSince: now - SESSION_ABSOLUTE_MS });
  return rows
    .map((row) => ({
      handle: sessionHandle(row.id),
      current: row.id === actor.sessionId,
      ...describeDevice(row.userAgent),
      ip: row.ip,
      signedInAt: row.createdAt,
      lastUsedAt: row.lastSeenAt,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current) || b.lastUsedAt - a.lastUsedAt);
}
