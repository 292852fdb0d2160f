import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { RetentionAdmin } from "@/components/retention/retention-admin";
import { requireUser } from "@/server/auth/current-user";

export const metadata: Metadata = { title: "Retention and erasure" };

/** Administrators: the retention period, and supervisors' erasure requests to confirm (issue 11 item 12). */
export default async function RetentionPage() {
  await requireUser("retention:manage:all");
  const t = await getTranslations("retention");
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("title")}</h1>
          <p>{t("intro")}</p>
        </div>
      </div>
      <RetentionAdmin />
    </>
  );
}
