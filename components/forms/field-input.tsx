"use client";

import { useTranslations } from "next-intl";
import { memo } from "react";
import { useController, useFormContext, type FieldValues } from "react-hook-form";
import { CountrySelect } from "@/components/ui/country-select";
import { LanguageSelect } from "@/components/ui/language-select";
import { optionLabelKey, optionValues } from "@/lib/forms/options";
import { YES_NO_UNKNOWN, type ScalarField } from "@/lib/forms/types";
import { countryName } from "@/lib/reference/countries";
import { languageName } from "@/lib/reference/languages";
import { useFormLookups } from "./lookups";

type Aria = { id: string; "aria-invalid": boolean; "aria-describedby"?: string };

/**
 * One input for one scalar field, bound to react-hook-form by name. Uncontrolled inputs use
 * `register`; composite ones (checkbox groups, country lists) use useController, which re-renders
 * only this field when its value changes.
 */
export const FieldInput = memo(function FieldInput({ field, name, aria }: { field: ScalarField; name: string; aria: Aria }) {
  const t = useTranslations();
  const { register } = useFormContext<FieldValues>();
  switch (field.type) {
    case "text":
      return <input className="input" autoComplete="off" maxLength={field.maxLength ?? 500} {...aria} {...register(name)} />;
    case "longtext":
      return <textarea className="input" maxLength={field.maxLength ?? 10_000} {...aria} {...register(name)} />;
    case "number":
      return (
        <input
          className="input"
          type="number"
          inputMode="numeric"
          min={field.min}
          max={field.max}
          step={field.integer ? 1 : "any"}
          style={{ maxWidth: "10rem" }}
          {...aria}
          {...register(name, { setValueAs: (v: unknown) => (v === "" || v === null || v === undefined ? undefined : Number(v)) })}
        />
      );
    case "date":
      return <input className="input" type="date" style={{ maxWidth: "14rem" }} {...aria} {...register(name)} />;
    case "country":
      return <CountrySelect placeholder={t("forms.chooseCountry")} {...aria} {...register(name)} />;
    case "single": {
      const values = optionValues(field.options);
      return (
        <select className="input" {...aria} {...register(name)}>
          <option value="">{t("forms.choose")}</option>
          {values.map((v) => (
            <option key={v} value={v}>
              {t(optionLabelKey(field.options, v))}
            </option>
          ))}
        </select>
      );
    }
    case "yesno":
      return (
        <div role="radiogroup" aria-labelledby={`${aria.id}-label`} aria-describedby={aria["aria-describedby"]} className="row" style={{ gap: "1.25rem" }}>
          {YES_NO_UNKNOWN.map((v) => (
            <label key={v} className="checkbox">
              <input type="radio" value={v} id={v === "yes" ? aria.id : undefined} {...register(name)} />
              {t(`forms.yesno.${v}`)}
            </label>
          ))}
        </div>
      );
    case "multi":
      return <CheckboxGroup name={name} values={optionValues(field.options)} labelOf={(v) => t(optionLabelKey(field.options, v))} aria={aria} />;
    case "countries":
      return <CountryList name={name} aria={aria} />;
    case "language":
      return <LanguageSelect placeholder={t("forms.chooseLanguage")} {...aria} {...register(name)} />;
    case "languages":
      return <LanguageList name={name} aria={aria} />;
    case "organisation":
      return <OrganisationSelect name={name} aria={aria} />;
  }
});

/** A partner organisation of the registry (the page gives the list); the value is its id. */
function OrganisationSelect({ name, aria }: { name: string; aria: Aria }) {
  const t = useTranslations("forms");
  const { organisations } = useFormLookups();
  const { register, getValues } = useFormContext<FieldValues>();
  const current = Number(getValues(name));
  // Inactive organisations stay listed only where an answer already names them.
  const options = organisations.filter((o) => o.active || o.id === current);
  return (
    <select
      className="input"
      {...aria}
      {...register(name, { setValueAs: (v: unknown) => (v === "" || v === null || v === undefined ? undefined : Number(v)) })}
    >
      <option value="">{options.length ? t("chooseOrganisation") : t("noOrganisations")}</option>
      {options.map((o) => (
        <option key={o.id} value={o.id}>
          {o.name}
          {o.city ? ` (${o.city}, ${o.countryIso2})` : ` (${o.countryIso2})`}
        </option>
      ))}
    </select>
  );
}

/** A list of chosen codes (countries, languages) shown as removable badges, with a select to add one. */
function CodeList({
  name,
  aria,
  nameOf,
  removeLabel,
  Select,
  placeholder,
}: {
  name: string;
  aria: Aria;
  nameOf: (code: string) => string;
  removeLabel: (name: string) => string;
  Select: typeof CountrySelect | typeof LanguageSelect;
  placeholder: string;
}) {
  const { field } = useController({ name });
  const selected: string[] = Array.isArray(field.value) ? field.value : [];
  return (
    <div className="stack" style={{ gap: "0.5rem" }}>
      {selected.length > 0 && (
        <ul className="row" style={{ listStyle: "none", padding: 0, margin: 0, gap: "0.5rem" }}>
          {selected.map((code) => (
            <li key={code} className="badge">
              {nameOf(code)}{" "}
              <button type="button" className="btn-ghost" aria-label={removeLabel(nameOf(code))} onClick={() => field.onChange(selected.filter((c) => c !== code))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <Select
        placeholder={placeholder}
        {...aria}
        value=""
        onChange={(e) => {
          const code = e.target.value;
          if (code && !selected.includes(code)) field.onChange([...selected, code]);
        }}
      />
    </div>
  );
}

function LanguageList({ name, aria }: { name: string; aria: Aria }) {
  const t = useTranslations("forms");
  return (
    <CodeList name={name} aria={aria} nameOf={languageName} removeLabel={(language) => t("removeLanguage", { language })} Select={LanguageSelect} placeholder={t("addLanguage")} />
  );
}

function CheckboxGroup({ name, values, labelOf, aria }: { name: string; values: string[]; labelOf: (v: string) => string; aria: Aria }) {
  const { field } = useController({ name });
  const selected: string[] = Array.isArray(field.value) ? field.value : [];
  return (
    <div role="group" aria-labelledby={`${aria.id}-label`} aria-describedby={aria["aria-describedby"]} className="checkbox-grid">
      {values.map((v, i) => (
        <label key={v} className="checkbox">
          <input
            type="checkbox"
            id={i === 0 ? aria.id : undefined}
            checked={selected.includes(v)}
            onChange={(e) => field.onChange(e.target.checked ? [...selected, v] : selected.filter((s) => s !== v))}
            onBlur={field.onBlur}
          />
          {labelOf(v)}
        </label>
      ))}
    </div>
  );
}

function CountryList({ name, aria }: { name: string; aria: Aria }) {
  const t = useTranslations("forms");
  return (
    <CodeList name={name} aria={aria} nameOf={(code) => countryName(code)} removeLabel={(country) => t("removeCountry", { country })} Select={CountrySelect} placeholder={t("addCountry")} />
  );
}
