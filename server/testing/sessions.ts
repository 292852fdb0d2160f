import { randomBytes } from "node:crypto";
import type { Db } from "@/db/client";
import { authSessions } from "@/db/schema";
import type { SessionUser } from "@/server/auth/session-user";
import { createCaller } from "@/server/routers/_app";
import { insertUser, type UserFixtureOptions } from "./factories";

/**
 * Signed-in users for integration tests: a user row plus a real auth_sessions row, so that
 * resolveSession() (server/services/resolve-session.ts) accepts the session id exactly as it does
 * for a browser, and a tRPC caller acting as that user.
 *
 *     const admin = makeUser(db, { role: "administrator" });
 *     const api = callerFor(db, admin);
 *     await api.users.list({});
 */

/** Starts a session for an existing user and returns its id (what the cookie would carry). */
export function startSession(db: Db, userId: number, at = Date.now()): string {
  const id = randomBytes(24).toString("base64url");
  db.insert(authSessions).values({ id, userId, createdAt: at, lastSeenAt: at }).run();
  return id;
}

/** A user with a live session, as the server sees them on a request. */
export function makeUser(db: Db, options: UserFixtureOptions): SessionUser {
  const user = insertUser(db, options);
  return { ...user, sessionId: startSession(db, user.id) };
}

export type Caller = ReturnType<typeof createCaller>;

/** The app router called as `user` (null: signed out), like a request from that user's browser. */
export function callerFor(db: Db, user: SessionUser | null, ip = "127.0.0.1"): Caller {
  return createCaller({ db, user, ip });
}
