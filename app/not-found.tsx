import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("common.notFound");
  return (
    <div className="main" role="region" aria-labelledby="nf-title">
      <div className="card">
        <h1 id="nf-title">{t("title")}</h1>
        <p>{t("body")}</p>
        <Link href="/">{t("home")}</Link>
      </div>
    </div>
  );
}
