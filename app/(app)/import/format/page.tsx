import type { Metadata } from "next";
import { ImportFormatHelp } from "@/components/interchange/import-format-help";
import { getDb } from "@/db/client";
import { MAX_CELL_CHARS } from "@/lib/interchange/format";
import { requireUser } from "@/server/auth/current-user";
import { MAX_UPLOAD_BYTES, WEB_IMPORT_MAX_ROWS } from "@/server/interchange/jobs";
import { importableOffices } from "@/server/interchange/offices";
import { WEB_LIMITS } from "@/server/interchange/parse-in-worker";

export const metadata: Metadata = { title: "Import format" };

/**
 * The import format explained inside the app (issue 15, item 13), for those who may import
 * (supervisors and administrators), like the import page; generated from the column definitions.
 */
export default async function ImportFormatPage() {
  const user = await requireUser("import:write:office");
  const limits = {
    maxCellChars: MAX_CELL_CHARS,
    maxColumns: WEB_LIMITS.maxColumns,
    maxUploadMb: MAX_UPLOAD_BYTES / (1024 * 1024),
    maxRows: WEB_IMPORT_MAX_ROWS,
  };
  return <ImportFormatHelp limits={limits} officeCode={importableOffices(getDb(), user)[0]?.code ?? null} />;
}
