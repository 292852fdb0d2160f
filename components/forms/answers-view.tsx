"use client";

import { useTranslations } from "next-intl";
import { isFieldShown, isSectionShown } from "@/lib/forms/conditions";
import { optionLabelKey } from "@/lib/forms/options";
import type { Answers, FieldDef, FormDefinition, ScalarField } from "@/lib/forms/types";
import { countryName } from "@/lib/reference/countries";
import { languageName } from "@/lib/reference/languages";
import { useFormLookups } from "./lookups";

/** Submitted answers as a readable summary (never raw JSON): questions and answers by section. */
export function AnswersView({ definition, answers, compact = false }: { definition: FormDefinition; answers: Answers; compact?: boolean }) {
  const t = useTranslations();
  const { organisations } = useFormLookups();
  const format = (field: ScalarField, value: unknown): string => {
    if (value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0)) return t("common.notRecorded");
    switch (field.type) {
      case "yesno":
        return t(`forms.yesno.${value as "yes"}`);
      case "single":
        return t(optionLabelKey(field.options, String(value)));
      case "multi":
        return (value as string[]).map((v) => t(optionLabelKey(field.options, v))).join(", ");
      case "country":
        return countryName(String(value));
      case "countries":
        return (value as string[]).map((c) => countryName(c)).join(", ");
      case "language":
        return languageName(String(value));
      case "languages":
        return (value as string[]).map((c) => languageName(c)).join(", ");
      case "organisation":
        return organisations.find((o) => o.id === Number(value))?.name ?? t("forms.organisationNumber", { id: String(value) });
      default:
        return String(value);
    }
  };
  const render = (field: FieldDef) => {
    if (!isFieldShown(field, answers)) return null;
    const value = answers[field.id];
    if (compact && (value === undefined || value === "" || (Array.isArray(value) && value.length === 0))) return null;
    if (field.type === "group") {
      const items = Array.isArray(value) ? (value as Answers[]) : [];
      return (
        <div key={field.id} className="answer-group">
          <dt>{t(field.label)}</dt>
          <dd>
            {items.length === 0
              ? t("common.none")
              : items.map((item, i) => (
                  <dl key={i} className="facts nested">
                    <dt className="group-title">{t(field.itemLabel, { n: i + 1 })}</dt>
                    <dd />
                    {field.fields.map((sub) =>
                      isFieldShown(sub, item) ? (
                        <div key={sub.id} style={{ display: "contents" }}>
                          <dt>{t(sub.label)}</dt>
                          <dd>{format(sub, item[sub.id])}</dd>
                        </div>
                      ) : null,
                    )}
                  </dl>
                ))}
          </dd>
        </div>
      );
    }
    return (
      <div key={field.id} style={{ display: "contents" }}>
        <dt>{t(field.label)}</dt>
        <dd style={{ whiteSpace: field.type === "longtext" ? "pre-wrap" : undefined }}>{format(field, value)}</dd>
      </div>
    );
  };
  return (
    <div className="answers-view">
      {definition.sections
        .filter((s) => isSectionShown(s, answers))
        .map((section) => (
          <section key={section.id} className="answers-section">
            <h3>{t(section.title)}</h3>
            <dl className="facts">{section.fields.map(render)}</dl>
          </section>
        ))}
    </div>
  );
}
