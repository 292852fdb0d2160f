import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AuditView } from "@/components/admin/audit/audit-view";
import { can } from "@/lib/permissions";
import { requireUser } from "@/server/auth/current-user";

export const metadata: Metadata = { title: "Audit trail" };

/** Administrators read the whole trail and verify its chain; supervisors read their offices' events. */
export default async function AuditPage() {
  const user = await requireUser("audit:read:office");
  const t = await getTranslations("audit");
  const all = can(user.role, "audit:read:all");
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("title")}</h1>
          <p>{all ? t("introAll") : t("introOffice")}</p>
        </div>
      </div>
      <AuditView canVerify={can(user.role, "audit:verify:all")} canExport={can(user.role, "audit:export:office")} showIp={all} />
    </>
  );
}
