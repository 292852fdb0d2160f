import "server-only";
import { AppError } from "@/lib/errors";
import errors from "@/lib/i18n/messages/en/errors.json";
import { getCurrentUser } from "@/server/auth/current-user";
import type { SessionUser } from "@/server/auth/session-user";
import { isSameOriginForm } from "@/server/origin-check";

/**
 * The file route handlers (case export, audit trail export): a form POST from one of our pages by
 * a signed-in user; the file as an attachment that no cache keeps, or the refusal in the
 * catalogue's words (this text is what the browser shows instead of a download), never an internal
 * code or an error's message.
 */

/** The signed-in user and the posted form, or the refusal: another site (403), signed out (401). */
export async function signedInFormPost(request: Request): Promise<{ user: SessionUser; form: FormData | null } | Response> {
  if (!isSameOriginForm(request)) return new Response("Cross-origin request refused", { status: 403 });
  const user = await getCurrentUser();
  if (!user) return new Response("Sign in first", { status: 401 });
  return { user, form: await request.formData().catch(() => null) };
}
const STATUS: Partial<Record<string, number>> = { FORBIDDEN: 403, NOT_FOUND: 404 };

export function downloadResponse(stream: ReadableStream<Uint8Array> | Uint8Array<ArrayBuffer>, filename: string, contentType: string): Response {
  return new Response(stream, {
    headers: {
      "content-type": contentType,
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}

/** An AppError as its words and status; anything else logged by name only, as a 500. */
export function refusalResponse(error: unknown, what: string): Response {
  if (error instanceof AppError) return new Response(errors[error.code], { status: STATUS[error.code] ?? 400 });
  console.error(`${what} failed: ${error instanceof Error ? error.name : "unknown"}`);
  return new Response(errors.unexpected, { status: 500 });
}
