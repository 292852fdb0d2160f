import { getDb } from "@/db/client";
import { clientIp } from "@/server/auth/client-ip";
import { getCurrentUser } from "@/server/auth/current-user";
import { exportOfficeCases } from "@/server/interchange/export-cases";
import { downloadResponse, refusalResponse } from "@/server/download";
import { isSameOriginForm } from "@/server/origin-check";

export const dynamic = "force-dynamic";

/**
 * Export of an office's cases as an interchange CSV (a form POST from the import and export page:
 * `office` = office code, `identity` = "1" to include identity columns). POST, so that a link
 * cannot make a browser export; same origin, signed in, export:cases:office for an office of the
 * user (and identity:read:office for identities), checked here by the service. The file streams
 * from the database in batches; the export is audited before the first byte.
 */
export async function POST(request: Request) {
  if (!isSameOriginForm(request)) return new Response("Cross-origin request refused", { status: 403 });
  const user = await getCurrentUser();
  if (!user) return new Response("Sign in first", { status: 401 });
  const form = await request.formData().catch(() => null);
  const office = form?.get("office");
  if (typeof office !== "string" || !/^[A-Za-z0-9-]{2,20}$/.test(office)) return new Response("Choose an office", { status: 400 });
  try {
    const file = exportOfficeCases(getDb(), user, { officeCode: office, withIdentity: form?.get("identity") === "1" }, clientIp(request.headers));
    return downloadResponse(file.stream, file.filename, "text/csv; charset=utf-8");
  } catch (error) {
    return refusalResponse(error, "case export");
  }
}
