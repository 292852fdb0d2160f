import "server-only";
import { createHash } from "node:crypto";

/**
 * The name a session goes by on the account page (decision 0031): 128 bits of SHA-256 of its id.
 * The id itself is the secret inside the session cookie and never leaves the server; the handle
 * cannot be turned back into it.
 */
export function sessionHandle(sessionId: string): string {
  return createHash("sha256").update(sessionId).digest("base64url").slice(0, 22);
}
