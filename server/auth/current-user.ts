import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { can, type Permission } from "@/lib/permissions";
import { resolveSession, type PendingSession, type SessionState } from "@/server/services/resolve-session";
import type { SessionUser } from "./session-user";
import { sessionIdOf, sessionTokenOf } from "./session-token";

/** Where a session that still owes its second factor is sent (and the only page it reaches). */
export const SECOND_STEP_PATH = "/login/second-step";

async function sessionState(): Promise<SessionState> {
  const sid = await sessionIdOf(sessionTokenOf(await cookies()));
  return resolveSession(getDb(), sid);
}

/**
 * The signed-in user for this request, or null (expired, revoked, not signed in, or signed in
 * with the password only: a session that still owes its second factor is no user).
 */
export async function getCurrentUser(): Promise<SessionUser | null> {
  return (await sessionState()).user;
}

/** The session of this request if it has passed the password and still owes its second step. */
export async function getPendingSession(): Promise<PendingSession | null> {
  const state = await sessionState();
  return state.user === null && state.reason === "second_step" ? state.pending : null;
}

/**
 * For restricted pages: the user, or a redirect (to the second step for a session that owes it,
 * else to the login page); and, when a permission is named, a 404 for users who lack it (the page
 * does not exist for them).
 */
export async function requireUser(permission?: Permission): Promise<SessionUser> {
  const state = await sessionState();
  const user = state.user;
  if (!user) redirect(state.reason === "second_step" ? SECOND_STEP_PATH : "/login?expired=1");
  if (permission && !can(user.role, permission)) {
    const { notFound } = await import("next/navigation");
    notFound();
  }
  return user;
}
