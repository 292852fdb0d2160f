"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { CountrySelect } from "@/components/ui/country-select";
import { countryName } from "@/lib/reference/countries";
import { SERVICE_TYPES, type ServiceType } from "@/lib/reference/vocabulary";

export type ChosenPartner = { id: number; name: string; services: ServiceType[] };

/**
 * Searches the partner registry while referring: by name or city, service offered and country.
 * Only active partners are offered. The result list is a radio group: choosing one sets the
 * referral's organisation (and suggests the services it offers).
 */
export function PartnerSearch({
  idPrefix,
  chosen,
  onChoose,
  error,
}: {
  idPrefix: string;
  chosen: ChosenPartner | null;
  onChoose: (partner: ChosenPartner) => void;
  error?: string | null;
}) {
  const t = useTranslations("referrals.search");
  const tr = useTranslations();
  const ts = useTranslations("assistance.options.serviceTypes");
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const [debounced, setDebounced] = useState("");
  const [service, setService] = useState("");
  const [country, setCountry] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(search.trim()), 250);
    return () => clearTimeout(timer);
  }, [search]);
  const results = useQuery({
    ...trpc.organisations.list.queryOptions({
      search: debounced || undefined,
      service: (service || undefined) as ServiceType | undefined,
      countryIso2: country || undefined,
    }),
    placeholderData: keepPreviousData,
  });
  const rows = (results.data ?? []).slice(0, 12);
  const errorId = error ? `${idPrefix}-org-error` : undefined;

  return (
    <fieldset className="partner-search" aria-describedby={errorId}>
      <legend>{tr("referrals.fields.organisation")}</legend>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${idPrefix}-search`}>{t("label")}</label>
          <input id={`${idPrefix}-search`} className="input" type="search" placeholder={t("placeholder")} value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${idPrefix}-service`}>{t("service")}</label>
          <select id={`${idPrefix}-service`} className="input" value={service} onChange={(e) => setService(e.target.value)}>
            <option value="">{t("anyService")}</option>
            {SERVICE_TYPES.map((s) => (
              <option key={s} value={s}>
                {ts(s)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${idPrefix}-country`}>{t("country")}</label>
          <CountrySelect id={`${idPrefix}-country`} placeholder={t("anyCountry")} value={country} onChange={(e) => setCountry(e.target.value)} />
        </div>
      </div>
      <div role="radiogroup" aria-label={t("results")} className="partner-results" aria-busy={results.isFetching}>
        {rows.length === 0 && !results.isFetching && <p className="muted small">{t("none")}</p>}
        {rows.map((o) => (
          <label key={o.id} className={`partner-option ${chosen?.id === o.id ? "partner-option-chosen" : ""}`}>
            <input type="radio" name={`${idPrefix}-organisation`} checked={chosen?.id === o.id} onChange={() => onChoose({ id: o.id, name: o.name, services: o.services })} />
            <span>
              <strong>{o.name}</strong>{" "}
              <span className="muted">
                {[o.city, countryName(o.countryIso2)].filter(Boolean).join(", ")}
              </span>
              {o.services.length > 0 && <span className="small muted partner-offers">{t("offers", { services: o.services.map((s) => ts(s)).join(", ") })}</span>}
            </span>
          </label>
        ))}
      </div>
      {chosen && (
        <p className="small" role="status">
          {t("chosen", { name: chosen.name })}
        </p>
      )}
      {error && (
        <span className="error" id={errorId}>
          {tr.has(error) ? tr(error) : tr("validation.invalid")}
        </span>
      )}
    </fieldset>
  );
}
