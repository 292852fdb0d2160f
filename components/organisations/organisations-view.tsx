"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ErrorAlert } from "@/components/admin/error-alert";
import { useTRPC } from "@/components/providers/trpc";
import { CountrySelect } from "@/components/ui/country-select";
import { countryName } from "@/lib/reference/countries";
import { ORGANISATION_TYPES } from "@/lib/reference/vocabulary";
import type { TOrganisationQuery } from "@/lib/schemas/assistance";
import { SERVICE_TYPES } from "@/lib/services/rules";
import { OrganisationFormDialog } from "./organisation-form-dialog";

type Filters = { search: string; countryIso2: string; type: string; service: string; includeInactive: boolean };
const EMPTY: Filters = { search: "", countryIso2: "", type: "", service: "", includeInactive: false };

function toQuery(f: Filters): TOrganisationQuery {
  return {
    search: f.search.trim() || undefined,
    countryIso2: f.countryIso2 || undefined,
    type: f.type || undefined,
    service: (f.service || undefined) as TOrganisationQuery["service"],
    includeInactive: f.includeInactive,
  };
}

/** The partner registry: search by name or city, country, type and service; add and edit for managers. */
export function OrganisationsView({ canCreate, offices }: { canCreate: boolean; offices: { id: number | null; label: string }[] }) {
  const t = useTranslations("organisations");
  const th = useTranslations("htcds.org_Type");
  const ts = useTranslations("assistance.options.serviceTypes");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const [notice, setNotice] = useState<string | null>(null);
  const list = useQuery({ ...trpc.organisations.list.queryOptions(toQuery(applied)), placeholderData: keepPreviousData });
  const rows = list.data ?? [];
  const anyManageable = rows.some((r) => r.canManage);

  return (
    <div className="stack">
      <form
        role="search"
        aria-label={t("filters.label")}
        className="card filters"
        onSubmit={(e) => {
          e.preventDefault();
          setApplied(draft);
        }}
      >
        <div className="row" style={{ gap: "1rem", alignItems: "flex-end", flexWrap: "wrap" }}>
          <div className="field">
            <label htmlFor="org-search">{t("filters.search")}</label>
            <input id="org-search" className="input" value={draft.search} onChange={(e) => setDraft({ ...draft, search: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="org-country">{t("filters.country")}</label>
            <CountrySelect id="org-country" placeholder={t("filters.anyCountry")} value={draft.countryIso2} onChange={(e) => setDraft({ ...draft, countryIso2: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="org-type">{t("filters.type")}</label>
            <select id="org-type" className="input" value={draft.type} onChange={(e) => setDraft({ ...draft, type: e.target.value })}>
              <option value="">{t("filters.anyType")}</option>
              {ORGANISATION_TYPES.map((v) => (
                <option key={v} value={v}>
                  {th(v)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="org-service">{t("filters.service")}</label>
            <select id="org-service" className="input" value={draft.service} onChange={(e) => setDraft({ ...draft, service: e.target.value })}>
              <option value="">{t("filters.anyService")}</option>
              {SERVICE_TYPES.map((v) => (
                <option key={v} value={v}>
                  {ts(v)}
                </option>
              ))}
            </select>
          </div>
          <label className="checkbox">
            <input type="checkbox" checked={draft.includeInactive} onChange={(e) => setDraft({ ...draft, includeInactive: e.target.checked })} />
            {t("filters.includeInactive")}
          </label>
          <div className="row">
            <button type="submit" className="btn">
              {tc("actions.search")}
            </button>
            <button
              type="button"
              className="btn btn-secondary"
              onClick={() => {
                setDraft(EMPTY);
                setApplied(EMPTY);
              }}
            >
              {tc("actions.reset")}
            </button>
          </div>
        </div>
      </form>
      <div className="row admin-toolbar">
        {canCreate && <OrganisationFormDialog offices={offices} onDone={setNotice} />}
        <p className="admin-notice" role="status" aria-live="polite">
          {notice}
        </p>
      </div>
      <ErrorAlert error={list.error} />
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">{t("title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("columns.name")}</th>
              <th scope="col">{t("columns.type")}</th>
              <th scope="col">{t("columns.location")}</th>
              <th scope="col">{t("columns.contact")}</th>
              <th scope="col">{t("columns.services")}</th>
              <th scope="col">{t("columns.managedBy")}</th>
              {anyManageable && <th scope="col">{t("columns.actions")}</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((o) => (
              <tr key={o.id} className={o.active ? undefined : "admin-row-inactive"}>
                <th scope="row">
                  {o.name} {!o.active && <span className="badge">{t("inactive")}</span>}
                </th>
                <td>{th(o.type as (typeof ORGANISATION_TYPES)[number])}</td>
                <td>
                  {o.city ? `${o.city}, ` : ""}
                  {countryName(o.countryIso2)}
                </td>
                <td className="small">{[o.contactName, o.phone, o.email].filter(Boolean).join(" · ") || "—"}</td>
                <td className="small">{o.services.length ? o.services.map((s) => ts(s)).join(", ") : "—"}</td>
                <td className="small">{o.officeCode ?? t("central")}</td>
                {anyManageable && <td>{o.canManage && <OrganisationFormDialog organisation={o} offices={offices} onDone={setNotice} />}</td>}
              </tr>
            ))}
          </tbody>
        </table>
        {list.isPending && <p className="empty">{tc("actions.loading")}</p>}
        {!list.isPending && rows.length === 0 && <p className="empty">{t("empty")}</p>}
      </div>
      <p className="muted small">{t("count", { count: rows.length })}</p>
    </div>
  );
}
