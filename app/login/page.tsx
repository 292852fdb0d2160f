import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { ROLE_HOME } from "@/lib/permissions";
import { getCurrentUser } from "@/server/auth/current-user";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await getCurrentUser();
  if (user) redirect(ROLE_HOME[user.role]);
  const params = await searchParams;
  const t = await getTranslations();
  const notice = params.expired ? "expired" : params.signedOut ? "signedOut" : null;
  return (
    <main className="login-wrap" id="main">
      <div className="login-card">
        <div className="brand-lg">{t("common.appName")}</div>
        <p className="muted small">{t("common.tagline")}</p>
        <h1>{t("auth.title")}</h1>
        <p className="muted">{t("auth.intro")}</p>
        <LoginForm notice={notice} />
      </div>
    </main>
  );
}
