"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { AUDIT_ACTIONS } from "@/lib/audit-actions";
import { ZAuditListQuery, type TAuditListQueryInput } from "@/lib/schemas/admin";
import type { OfficeChoice } from "../types";

export type AuditFilterValues = Omit<TAuditListQueryInput, "cursor">;
type Actor = { id: number; name: string };

const EMPTY = { action: "", actorUserId: "", officeId: "", entity: "", from: "", to: "" };
type Draft = typeof EMPTY;

function toDraft(v: AuditFilterValues): Draft {
  return {
    action: v.action ?? "",
    actorUserId: v.actorUserId ? String(v.actorUserId) : "",
    officeId: v.officeId ? String(v.officeId) : "",
    entity: v.entity ?? "",
    from: v.from ?? "",
    to: v.to ?? "",
  };
}

/** Filters of the trail, applied on submit and checked with the server's schema first. */
export function AuditFilters({
  values,
  actors,
  offices,
  onApply,
}: {
  values: AuditFilterValues;
  actors: Actor[];
  offices: OfficeChoice[];
  onApply: (values: AuditFilterValues) => void;
}) {
  const t = useTranslations("audit");
  const tr = useTranslations();
  const [draft, setDraft] = useState<Draft>(() => toDraft(values));
  const [errors, setErrors] = useState<Partial<Record<keyof Draft, string>>>({});
  const set = (key: keyof Draft) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: e.target.value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    const candidate = {
      action: AUDIT_ACTIONS.find((a) => a === draft.action),
      actorUserId: draft.actorUserId ? Number(draft.actorUserId) : undefined,
      officeId: draft.officeId ? Number(draft.officeId) : undefined,
      entity: draft.entity.trim() || undefined,
      from: draft.from || undefined,
      to: draft.to || undefined,
    };
    const parsed = ZAuditListQuery.safeParse(candidate);
    if (!parsed.success) {
      const next: Partial<Record<keyof Draft, string>> = {};
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? "") as keyof Draft;
        if (key in EMPTY) next[key] ??= issue.message;
      }
      setErrors(next);
      return;
    }
    setErrors({});
    onApply(candidate);
  }

  const error = (key: keyof Draft) => {
    const message = errors[key];
    if (!message) return null;
    return (
      <span className="error" id={`audit-${key}-error`}>
        {tr.has(message) ? tr(message) : tr("validation.invalid")}
      </span>
    );
  };
  const aria = (key: keyof Draft) => ({
    "aria-invalid": Boolean(errors[key]),
    "aria-describedby": errors[key] ? `audit-${key}-error` : undefined,
  });

  return (
    <form className="card admin-filters" role="search" aria-label={t("filters.label")} onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor="audit-action">{t("filters.action")}</label>
        <select id="audit-action" className="input" value={draft.action} onChange={set("action")}>
          <option value="">{t("filters.anyAction")}</option>
          {AUDIT_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {t.has(`actions.${a}`) ? t(`actions.${a}`) : a}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="audit-actor">{t("filters.actor")}</label>
        <select id="audit-actor" className="input" value={draft.actorUserId} onChange={set("actorUserId")}>
          <option value="">{t("filters.anyActor")}</option>
          {actors.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </div>
      {offices.length > 1 && (
        <div className="field">
          <label htmlFor="audit-office">{t("filters.office")}</label>
          <select id="audit-office" className="input" value={draft.officeId} onChange={set("officeId")}>
            <option value="">{t("filters.anyOffice")}</option>
            {offices.map((o) => (
              <option key={o.id} value={o.id}>
                {o.code} — {o.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor="audit-entity">{t("filters.entity")}</label>
        <span className="hint" id="audit-entity-hint">
          {t("filters.entityHint")}
        </span>
        <input
          id="audit-entity"
          className="input code"
          value={draft.entity}
          onChange={set("entity")}
          autoComplete="off"
          spellCheck={false}
          {...aria("entity")}
          aria-describedby={["audit-entity-hint", errors.entity ? "audit-entity-error" : ""].filter(Boolean).join(" ")}
        />
        {error("entity")}
      </div>
      <div className="field">
        <label htmlFor="audit-from">{t("filters.from")}</label>
        <input id="audit-from" className="input" type="date" value={draft.from} onChange={set("from")} {...aria("from")} />
        {error("from")}
      </div>
      <div className="field">
        <label htmlFor="audit-to">{t("filters.to")}</label>
        <input id="audit-to" className="input" type="date" value={draft.to} onChange={set("to")} {...aria("to")} />
        {error("to")}
      </div>
      <div className="admin-filter-actions">
        <button type="submit" className="btn">
          {t("filters.apply")}
        </button>
        <button
          type="button"
          className="btn btn-secondary"
          onClick={() => {
            setDraft(EMPTY);
            setErrors({});
            onApply({});
          }}
        >
          {t("filters.reset")}
        </button>
      </div>
    </form>
  );
}
