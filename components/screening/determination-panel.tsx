"use client";

import { useTranslations } from "next-intl";
import { useWatch } from "react-hook-form";
import { determine, type Determination } from "@/lib/forms/screening";
import type { Answers } from "@/lib/forms/types";

const OUTCOME_STYLE: Record<Determination["outcome"], string> = {
  victim: "alert-error",
  presumed_victim: "alert-warning",
  vulnerable_eligible: "alert-info",
  not_eligible: "alert-info",
  not_assessed: "alert-info",
};

/** The preliminary determination, recomputed as the caseworker answers, with its reasons in words. */
export function DeterminationPanel() {
  const answers = useWatch() as Answers;
  return <DeterminationSummary determination={determine(answers)} live />;
}

export function DeterminationSummary({ determination, live = false }: { determination: Determination; live?: boolean }) {
  const t = useTranslations("forms.determination");
  return (
    <div className={`alert ${OUTCOME_STYLE[determination.outcome]} determination`} aria-live={live ? "polite" : undefined} data-testid="determination">
      <p>
        <strong>{t("computed")}</strong> {t(`outcomes.${determination.outcome}`)}
      </p>
      <ul className="small">
        {determination.reasons.map((r, i) => (
          <li key={i}>
            {r.key === "child"
              ? t("reasons.child", { age: r.age })
              : r.key === "element"
                ? t(`reasons.element.${r.element}.${r.state}`)
                : r.key === "needsFirst"
                  ? t(`reasons.needsFirst.${r.trigger}`)
                  : t(`reasons.${r.key}`)}
          </li>
        ))}
      </ul>
    </div>
  );
}
