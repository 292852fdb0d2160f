import { getDb } from "@/db/client";
import errors from "@/lib/i18n/messages/en/errors.json";
import { ZAuditExport } from "@/lib/schemas/audit-export";
import { clientIp } from "@/server/auth/client-ip";
import { downloadResponse, refusalResponse, signedInFormPost } from "@/server/file-route";
import { exportAuditTrail } from "@/server/services/export-audit-trail";
import { textStream } from "@/server/text-stream";

export const dynamic = "force-dynamic";

/**
 * Export of the audit trail (a form POST from the audit page: `format` csv or json, and the page's
 * filters `action`, `actorUserId`, `officeId`, `entity`, `from`, `to`). POST and same origin, like the
 * case export, so that a link cannot make a browser export; signed in; audit:export:office for the
 * viewer's offices or audit:export:all, checked by the service, which records the export first.
 */
export async function POST(request: Request) {
  const posted = await signedInFormPost(request);
  if (posted instanceof Response) return posted;
  const { user, form } = posted;
  const field = (name: string) => {
    const v = form?.get(name);
    return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
  };
  const number = (name: string) => (field(name) === undefined ? undefined : Number(field(name)));
  const parsed = ZAuditExport.safeParse({
    format: field("format"),
    filters: { action: field("action"), actorUserId: number("actorUserId"), officeId: number("officeId"), entity: field("entity"), from: field("from"), to: field("to") },
  });
  if (!parsed.success) return new Response(errors.VALIDATION, { status: 400 });
  try {
    const file = exportAuditTrail(getDb(), user, parsed.data, clientIp(request.headers));
    return downloadResponse(textStream(file.pieces), file.filename, file.contentType);
  } catch (error) {
    return refusalResponse(error, "audit export");
  }
}
