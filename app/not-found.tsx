import Link from "next/link";
import { connection } from "next/server";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  // Rendered per request, so its scripts carry the request's CSP nonce (a prerendered page has none).
  await connection();
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
