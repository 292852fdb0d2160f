import { getDb } from "@/db/client";
import { clientIp } from "@/server/auth/client-ip";
import { exportOfficeCases } from "@/server/interchange/export-cases";
import { downloadResponse, refusalResponse, signedInFormPost } from "@/server/file-route";

export const dynamic = "force-dynamic";

/**
 * Export of an office's cases as an interchange CSV (a form POST from the import and export page:
 * `office` = office code, `identity` = "1" to include identity columns). POST, so that a link
 * cannot make a browser export; same origin, signed in, export:cases:office for an office of the
 * user (and identity:read:office for identities), checked here by the service. The file streams
 * from the database in batches; the export is audited before the first byte.
 */
export async function POST(request: Request) {
  const posted = await signedInFormPost(request);
  if (posted instanceof Response) return posted;
  const { user, form } = posted;
  const office = form?.get("office");
  if (typeof office !== "string" || !/^[A-Za-z0-9-]{2,20}$/.test(office)) return new Response("Choose an office", { status: 400 });
  try {
    const file = exportOfficeCases(getDb(), user, { officeCode: office, withIdentity: form?.get("identity") === "1" }, clientIp(request.headers));
    return downloadResponse(file.stream, file.filename, "text/csv; charset=utf-8");
  } catch (error) {
    return refusalResponse(error, "case export");
  }
}
