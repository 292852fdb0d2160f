import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { RegisterCaseForm } from "@/components/cases/register-case-form";
import { requireUser } from "@/server/auth/current-user";
import { serverApi } from "@/server/caller";

export const metadata: Metadata = { title: "Register a person" };

export default async function NewCasePage() {
  await requireUser("case:create:office");
  const t = await getTranslations("cases.register");
  const me = await (await serverApi()).me.get();
  return (
    <>
      <div className="page-header">
        <h1>{t("title")}</h1>
      </div>
      <RegisterCaseForm offices={me.offices} today={new Date().toISOString().slice(0, 10)} />
    </>
  );
}
