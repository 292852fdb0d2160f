import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { OfficesView } from "@/components/admin/offices/offices-view";
import { can } from "@/lib/permissions";
import { requireUser } from "@/server/auth/current-user";

export const metadata: Metadata = { title: "Offices" };

/** Administrators manage offices; data officers (office:read:all) see the list read-only. */
export default async function OfficesPage() {
  const user = await requireUser("office:read:all");
  const t = await getTranslations("admin.offices");
  const canManage = can(user.role, "office:manage:all");
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("title")}</h1>
          <p>{canManage ? t("introManage") : t("introRead")}</p>
        </div>
      </div>
      <OfficesView canManage={canManage} />
    </>
  );
}
