import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { can, type Permission } from "@/lib/permissions";
import { resolveSession } from "@/server/services/resolve-session";
import type { SessionUser } from "./session-user";
import { sessionIdOf, sessionTokenOf } from "./session-token";

/** The signed-in user for this request, or null (expired, revoked, or not signed in). */
export async function getCurrentUser(): Promise<SessionUser | null> {
  const sid = await sessionIdOf(sessionTokenOf(await cookies()));
  return resolveSession(getDb(), sid).user;
}

/**
 * For restricted pages: the user, or a redirect to the login page; and, when a permission is
 * named, a 404 for users who lack it (the page does not exist for them).
 */
export async function requireUser(permission?: Permission): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login?expired=1");
  if (permission && !can(user.role, permission)) {
    const { notFound } = await import("next/navigation");
    notFound();
  }
  return user;
}
