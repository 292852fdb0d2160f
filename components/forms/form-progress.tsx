"use client";

import { useTranslations } from "next-intl";
import { useWatch } from "react-hook-form";
import { sectionProgress } from "@/lib/forms/conditions";
import type { Answers, FormDefinition } from "@/lib/forms/types";

/** Progress by section, with the number of required answers still missing: a navigation list.
 * It watches every answer, so it is the one part that re-renders on each change (it is small). */
export function FormProgress({ definition }: { definition: FormDefinition }) {
  const t = useTranslations();
  const answers = useWatch() as Answers;
  const sections = sectionProgress(definition, answers).filter((s) => s.shown);
  const missing = sections.reduce((n, s) => n + s.missing.length, 0);
  return (
    <nav className="form-progress card no-print" aria-label={t("forms.progress")}>
      <p className="small" aria-live="polite">
        {missing === 0 ? t("forms.allRequiredAnswered") : t("forms.missingCount", { count: missing })}
      </p>
      <ol>
        {sections.map((s) => (
          <li key={s.id}>
            <a href={`#section-${s.id}`}>{t(s.title)}</a>{" "}
            {s.required > 0 &&
              (s.missing.length === 0 ? (
                <span className="badge badge-success">{t("forms.sectionComplete")}</span>
              ) : (
                <span className="badge badge-warning">{t("forms.sectionMissing", { count: s.missing.length })}</span>
              ))}
          </li>
        ))}
      </ol>
    </nav>
  );
}
