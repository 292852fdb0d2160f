"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { ROLES, type Role } from "@/lib/permissions";
import type { OfficeChoice } from "../types";

export type UserFilterValues = { search?: string; role?: Role; officeId?: number; active?: boolean };

/** Filters apply on submit (Enter or the button), so that moving through a select by keyboard
 * does not reload the table at every step. */
export function UserFilters({
  values,
  offices,
  onApply,
}: {
  values: UserFilterValues;
  offices: OfficeChoice[];
  onApply: (values: UserFilterValues) => void;
}) {
  const t = useTranslations("admin.users.filters");
  const tc = useTranslations("common");
  const [search, setSearch] = useState(values.search ?? "");
  const [role, setRole] = useState<string>(values.role ?? "");
  const [officeId, setOfficeId] = useState<string>(values.officeId ? String(values.officeId) : "");
  const [active, setActive] = useState<string>(values.active === undefined ? "" : values.active ? "1" : "0");

  function submit(event: FormEvent) {
    event.preventDefault();
    onApply({
      search: search.trim() || undefined,
      role: ROLES.find((r) => r === role),
      officeId: officeId ? Number(officeId) : undefined,
      active: active === "" ? undefined : active === "1",
    });
  }

  function clear() {
    setSearch("");
    setRole("");
    setOfficeId("");
    setActive("");
    onApply({});
  }

  return (
    <form className="card admin-filters" role="search" aria-label={t("label")} onSubmit={submit}>
      <div className="field">
        <label htmlFor="user-search">{t("search")}</label>
        <input id="user-search" className="input" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="user-role">{t("role")}</label>
        <select id="user-role" className="input" value={role} onChange={(e) => setRole(e.target.value)}>
          <option value="">{t("anyRole")}</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {tc(`roles.${r}`)}
            </option>
          ))}
        </select>
      </div>
      {offices.length > 1 && (
        <div className="field">
          <label htmlFor="user-office">{t("office")}</label>
          <select id="user-office" className="input" value={officeId} onChange={(e) => setOfficeId(e.target.value)}>
            <option value="">{t("anyOffice")}</option>
            {offices.map((o) => (
              <option key={o.id} value={o.id}>
                {o.code} — {o.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor="user-status">{t("status")}</label>
        <select id="user-status" className="input" value={active} onChange={(e) => setActive(e.target.value)}>
          <option value="">{t("anyStatus")}</option>
          <option value="1">{t("activeOnly")}</option>
          <option value="0">{t("inactiveOnly")}</option>
        </select>
      </div>
      <div className="admin-filter-actions">
        <button type="submit" className="btn">
          {tc("actions.apply")}
        </button>
        <button type="button" className="btn btn-secondary" onClick={clear}>
          {tc("actions.reset")}
        </button>
      </div>
    </form>
  );
}
