import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ExportForm } from "@/components/interchange/export-form";
import { ImportTemplateLinks } from "@/components/interchange/import-format-help";
import { ImportPanel } from "@/components/interchange/import-panel";
import { getDb } from "@/db/client";
import { can } from "@/lib/permissions";
import { requireUser } from "@/server/auth/current-user";
import { exportableOffices, importableOffices } from "@/server/interchange/offices";

export const metadata: Metadata = { title: "Import and export" };

/**
 * Interchange files (issue 7): supervisors import into and export their offices' cases,
 * administrators import into any office. The page checks the permissions itself; the upload route
 * handler, the imports procedures and the export route handler check them again.
 */
export default async function ImportPage() {
  // Everyone who may export (supervisors) may also import; administrators import only.
  const user = await requireUser("import:write:office");
  const mayImport = can(user.role, "import:write:office");
  const mayExport = can(user.role, "export:cases:office");
  const t = await getTranslations("interchange.page");
  const db = getDb();
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{mayExport ? t("title") : t("importTitle")}</h1>
          <p>{t("intro")}</p>
          <p className="small muted">{t("formatNote")}</p>
          <p>
            <Link href="/import/format">{t("formatLink")}</Link>
          </p>
          <ImportTemplateLinks />
        </div>
      </div>
      {mayImport && <ImportPanel offices={importableOffices(db, user)} />}
      {mayExport && <ExportForm offices={exportableOffices(db, user)} mayIncludeIdentity={can(user.role, "identity:read:office")} />}
    </>
  );
}
