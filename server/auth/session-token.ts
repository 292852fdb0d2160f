import "server-only";
import { decode } from "next-auth/jwt";
import { env } from "@/server/env";

/**
 * The session id carried by next-auth's session cookie (an encrypted JWT holding only the subject
 * and the session id). Decrypting it derives a key (HKDF) every time, and next-auth's
 * getServerSession also re-encrypts a fresh cookie on every call, which a route handler never
 * sends: together about a twentieth of a case-list request (docs/PERFORMANCE.md). A token is
 * immutable, so what it decrypts to is kept briefly, keyed by the token itself. Whether the session
 * is still valid (revoked, idle, expired, password changed) is decided on every request from the
 * database by resolveSession, not here.
 */

const COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"] as const;
const KEEP_MS = 5 * 60_000;
const MAX_ENTRIES = 2_000;
const decoded = new Map<string, { sid: string | null; until: number }>();

/** The session token among the request's cookies, or null (next-auth splits tokens over 4 kB into
 * numbered chunks; ours are a few hundred bytes, so a chunked cookie is not ours and is ignored). */
export function sessionTokenOf(cookies: { get(name: string): { value: string } | undefined }): string | null {
  for (const name of COOKIE_NAMES) {
    const value = cookies.get(name)?.value;
    if (value) return value;
  }
  return null;
}

/** The session id in `token`, or null when it does not decrypt or has expired. */
export async function sessionIdOf(token: string | null, now = Date.now()): Promise<string | null> {
  if (!token) return null;
  const hit = decoded.get(token);
  if (hit && hit.until > now) return hit.sid;
  let sid: string | null = null;
  let until = now + KEEP_MS;
  try {
    const payload = await decode({ token, secret: env.NEXTAUTH_SECRET });
    sid = typeof payload?.sid === "string" ? payload.sid : null;
    if (typeof payload?.exp === "number") until = Math.min(until, payload.exp * 1000);
  } catch {
    sid = null;
  }
  if (decoded.size >= MAX_ENTRIES) decoded.delete(decoded.keys().next().value!);
  decoded.set(token, { sid, until });
  return sid;
}
