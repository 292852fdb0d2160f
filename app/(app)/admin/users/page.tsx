import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { UsersView } from "@/components/admin/users/users-view";
import { can } from "@/lib/permissions";
import { requireUser } from "@/server/auth/current-user";

export const metadata: Metadata = { title: "Users" };

/** Administrators manage every account; supervisors see their offices' staff, read-only. */
export default async function UsersPage() {
  const user = await requireUser("user:read:office");
  const t = await getTranslations("admin.users");
  const canManage = can(user.role, "user:manage:all");
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("title")}</h1>
          <p>{canManage ? t("introManage") : t("introRead")}</p>
        </div>
      </div>
      <UsersView viewerId={user.id} canManage={canManage} />
    </>
  );
}
