import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SetupForm } from "@/components/auth/setup-form";
import { TrpcProvider } from "@/components/providers/trpc";

export const metadata: Metadata = { title: "Choose your password" };

/** Signed out: redeem a one-time set-up link and choose a password (decision 0020). The token is in
 * the link's fragment, read by the form in the browser; this page itself needs no session. */
export default async function SetupPage() {
  const t = await getTranslations();
  return (
    <main className="login-wrap" id="main">
      <div className="login-card">
        <div className="brand-lg">{t("common.appName")}</div>
        <h1>{t("access.setup.title")}</h1>
        <p className="muted">{t("access.setup.intro")}</p>
        <TrpcProvider>
          <SetupForm />
        </TrpcProvider>
      </div>
    </main>
  );
}
