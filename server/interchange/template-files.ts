import "server-only";
import type { Db } from "@/db/client";
import { templateRows } from "@/lib/interchange/template";
import { can } from "@/lib/permissions";
import type { SessionUser } from "@/server/auth/session-user";
import { importableOffices } from "@/server/interchange/offices";
import { MIME, toCsv, toXlsx } from "@/server/stats/files";

export type TemplateFormat = "csv" | "xlsx";
export type TemplateFile = { filename: string; contentType: string; body: Buffer };

/**
 * The import template (issue 15, item 13) as a file: every column of the interchange format and
 * the synthetic example row, with the first office the user may import into as its
 * `ext_OfficeCode`, empty when there is none (so that the file imports as it is, whichever office is chosen on the page).
 * Written by the same CSV and XLSX writers as the exports (formula protection included). Nothing of
 * the database but the office code goes into it, so nothing is audited. Null for a user who may
 * not import (the route answers 404, like the page).
 */
export async function createImportTemplate(db: Db, user: SessionUser, format: TemplateFormat): Promise<TemplateFile | null> {
  if (!can(user.role, "import:write:office")) return null;
  const sheet = { name: "Cases", rows: templateRows(importableOffices(db, user)[0]?.code ?? null) };
  return format === "csv"
    ? { filename: "passage-import-template.csv", contentType: MIME.csv, body: toCsv([sheet]) }
    : { filename: "passage-import-template.xlsx", contentType: MIME.xlsx, body: await toXlsx([sheet], () => [0]) };
}
