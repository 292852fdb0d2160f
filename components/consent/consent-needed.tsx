import Link from "next/link";
import { getTranslations } from "next-intl/server";

/**
 * Return and reintegration are assistance: without the person's consent to assistance and to the
 * use of their data (or after they withdrew it) nothing new can be recorded, and the page says so
 * before anyone fills a form. Stopping what was planned (cancelling travel or a step) stays possible.
 */
export async function ConsentNeeded({ code, block }: { code: string; block: "missing" | "withdrawn" | null }) {
  if (block === null) return null;
  const t = await getTranslations("return.consentNeeded");
  return (
    <div className="alert alert-warning" role="status" data-testid="consent-needed">
      {t(block)}{" "}
      <Link href={`/cases/${code}#consent`}>{t("link")}</Link>
    </div>
  );
}
