import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { OwnSessions } from "@/components/account/own-sessions";
import { requireUser } from "@/server/auth/current-user";

export const metadata: Metadata = { title: "Your account" };

/** Every signed-in user: their own password and sessions (issue 15 item 11, decision 0031). */
export default async function AccountPage() {
  await requireUser("account:manage:own");
  const t = await getTranslations("account");
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("title")}</h1>
          <p>{t("intro")}</p>
        </div>
      </div>
      <div className="account-page">
        <ChangePasswordForm />
        <OwnSessions />
      </div>
    </>
  );
}
