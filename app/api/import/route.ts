import { getDb } from "@/db/client";
import { AppError } from "@/lib/errors";
import { can } from "@/lib/permissions";
import { getCurrentUser } from "@/server/auth/current-user";
import { MAX_UPLOAD_BYTES, startImportJob, UploadTooLarge } from "@/server/interchange/jobs";
import { isSameOrigin } from "@/server/origin-check";

export const dynamic = "force-dynamic";

const json = (body: unknown, status = 200) => Response.json(body, { status, headers: { "cache-control": "no-store" } });

/**
 * Upload of an interchange file (CSV or XLSX) for import: the raw file is the request body; the
 * office for rows without ext_OfficeCode is the `office` query parameter (an office code). Stores
 * the file in a private temporary folder, starts its validation and answers { jobId }; the page then
 * follows the job through tRPC (imports.status, imports.commit). Same origin, signed in, and
 * import:write:office required here, not only in the page. The proxy does not run on this path
 * (proxy.ts), so the body is streamed to disk and never buffered whole.
 */
export async function POST(request: Request) {
  if (!isSameOrigin(request)) return json({ error: { code: "FORBIDDEN", message: "Cross-origin request refused" } }, 403);
  const user = await getCurrentUser();
  if (!user) return json({ error: { code: "UNAUTHENTICATED" } }, 401);
  if (!can(user.role, "import:write:office")) return json({ error: { code: "FORBIDDEN" } }, 403);
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_UPLOAD_BYTES) return json({ error: { code: "VALIDATION", message: new UploadTooLarge().detail } }, 413);
  if (!request.body) return json({ error: { code: "VALIDATION" } }, 400);
  const office = new URL(request.url).searchParams.get("office");
  try {
    const jobId = await startImportJob(getDb(), user, request.body as unknown as AsyncIterable<Uint8Array>, {
      defaultOfficeCode: office && /^[A-Za-z0-9-]{2,20}$/.test(office) ? office : null,
    });
    return json({ jobId });
  } catch (error) {
    if (error instanceof UploadTooLarge) return json({ error: { code: "VALIDATION", message: error.detail } }, 413);
    if (error instanceof AppError) return json({ error: { code: error.code } }, error.code === "FORBIDDEN" ? 403 : 400);
    // The class only: a message could quote the file.
    console.error(`import upload failed: ${error instanceof Error ? error.name : "unknown"}`);
    return json({ error: { code: "INTERNAL" } }, 500);
  }
}
