"use client";

import { useTranslations } from "next-intl";

export default function AppError({ reset }: { error: Error; reset: () => void }) {
  const t = useTranslations("common.errorPage");
  return (
    <div className="card" role="alert">
      <h1>{t("title")}</h1>
      <p>{t("body")}</p>
      <button type="button" className="btn" onClick={reset}>
        {t("retry")}
      </button>
    </div>
  );
}
