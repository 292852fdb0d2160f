import { getDb } from "@/db/client";
import { getCurrentUser } from "@/server/auth/current-user";
import { downloadResponse } from "@/server/file-route";
import { createImportTemplate } from "@/server/interchange/template-files";

export const dynamic = "force-dynamic";

/**
 * The import template (issue 15, item 13): `GET /api/import/template?format=csv|xlsx`, linked from
 * the import page and the import format help page. Signed in (401) and import:write:office, like
 * the import page (anyone else: 404, as the page answers). The file holds the column names and one
 * synthetic example row; nothing is read from the database but the user's office code, so a GET
 * (a plain download link) is enough and nothing is audited.
 */
export async function GET(request: Request) {
  const user = await getCurrentUser();
  if (!user) return new Response("Sign in first", { status: 401 });
  const format = new URL(request.url).searchParams.get("format");
  if (format !== "csv" && format !== "xlsx") return new Response("Not found", { status: 404 });
  const file = await createImportTemplate(getDb(), user, format);
  if (!file) return new Response("Not found", { status: 404 });
  return downloadResponse(new Uint8Array(file.body), file.filename, file.contentType);
}
