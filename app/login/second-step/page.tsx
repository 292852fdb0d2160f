import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { SecondStepForm } from "@/components/auth/second-step-form";
import { getDb } from "@/db/client";
import { ROLE_HOME } from "@/lib/permissions";
import { getCurrentUser, getPendingSession } from "@/server/auth/current-user";
import { startTotpEnrolment } from "@/server/services/second-factor";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("mfa.step"))("metaTitle") };
}

/**
 * After the password: enrolment (first sign-in, or after an administrator's reset) or the code.
 * The only page a session that owes its second step can reach (decision 0017).
 */
export default async function SecondStepPage() {
  const pending = await getPendingSession();
  if (!pending) {
    const user = await getCurrentUser();
    redirect(user ? ROLE_HOME[user.role] : "/login?expired=1");
  }
  const t = await getTranslations();
  const enrolment = pending.step === "enrol" ? await startTotpEnrolment(getDb(), pending) : null;
  // Enrolled meanwhile from another sign-in: this one has to start again.
  if (pending.step === "enrol" && !enrolment) redirect("/login?expired=1");
  return (
    <main className="login-wrap" id="main">
      <div className="login-card second-step-card">
        <div className="brand-lg">{t("common.appName")}</div>
        <h1>{t(enrolment ? "mfa.step.enrolTitle" : "mfa.step.verifyTitle")}</h1>
        <p className="muted">{t(enrolment ? "mfa.step.enrolIntro" : "mfa.step.verifyIntro")}</p>
        {enrolment ? (
          <SecondStepForm mode="enrol" enrolment={{ qrCode: enrolment.qrCode, secret: enrolment.secret }} />
        ) : (
          <SecondStepForm mode="verify" />
        )}
      </div>
    </main>
  );
}
