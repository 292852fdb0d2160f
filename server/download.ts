import "server-only";
import { AppError } from "@/lib/errors";
import errors from "@/lib/i18n/messages/en/errors.json";

/**
 * Responses of the file route handlers (case export, audit trail export): the file as an
 * attachment that no cache keeps, or the refusal in the catalogue's words (this text is what the
 * browser shows instead of a download), never an internal code or an error's message.
 */
const STATUS: Partial<Record<string, number>> = { FORBIDDEN: 403, NOT_FOUND: 404 };

export function downloadResponse(stream: ReadableStream<Uint8Array>, filename: string, contentType: string): Response {
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
