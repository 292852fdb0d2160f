"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { ErrorBanner } from "@/components/ui/error-banner";
import { DEFAULT_K, MIN_K } from "@/lib/stats/constants";
import type { TStatsFilters } from "@/lib/stats/filters";
import type { IndicatorId } from "@/lib/stats/indicators";
import { describeError } from "@/lib/trpc-errors";

/** Saves a file the server returned (base64) through a temporary object URL. */
function download(file: { filename: string; mimeType: string; base64: string }) {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mimeType }));
  const a = document.createElement("a");
  a.href = url;
  a.download = file.filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A whole number typed in a k field, or null when it is not one. */
function typedK(value: string): number | null {
  const n = Number(value);
  return value.trim() !== "" && Number.isInteger(n) ? n : null;
}

/**
 * The threshold k of an export, as typed: a value below the minimum is said so (beside the field and
 * by focusing it) instead of being raised silently; the form does not send it.
 */
function KField({ id, label, value, onChange, error }: { id: string; label: string; value: string; onChange: (v: string) => void; error: string | null }) {
  return (
    <div className="field field-narrow">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="input"
        type="number"
        inputMode="numeric"
        min={MIN_K}
        max={1000}
        step={1}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error && (
        <span className="error" id={`${id}-error`}>
          {error}
        </span>
      )}
    </div>
  );
}

/** Checks a typed k: its message, or null when it may be sent. */
function useKCheck() {
  const t = useTranslations("statistics.export");
  return (value: string): string | null => {
    const k = typedK(value);
    if (k === null) return t("kWhole", { min: MIN_K });
    if (k < MIN_K) return t("kBelowMinimum", { k, min: MIN_K });
    if (k > 1000) return t("kAboveMaximum", { max: 1000 });
    return null;
  };
}

/**
 * The data officer's export forms: aggregate tables under suppression or rounding, and anonymised
 * microdata. The server applies the rule, writes the file, and records the audit event; this only
 * collects the choices and saves the file.
 */
export function ExportPanel({ filters, indicators }: { filters: TStatsFilters; indicators: { id: IndicatorId; title: string }[] }) {
  const INDICATOR_IDS = indicators.map((i) => i.id);
  const t = useTranslations("statistics");
  const trpc = useTRPC();
  const aggregate = useMutation(trpc.stats.exportAggregates.mutationOptions({ onSuccess: download }));
  const microdata = useMutation(trpc.stats.exportMicrodata.mutationOptions({ onSuccess: download }));
  const [selected, setSelected] = useState<Set<IndicatorId>>(new Set(["assisted.by_sex", "vot.by_age_group"]));
  const [format, setFormat] = useState<"csv" | "xlsx">("csv");
  const [mode, setMode] = useState<"suppress" | "round">("suppress");
  const [k, setK] = useState(String(DEFAULT_K));
  const [kError, setKError] = useState<string | null>(null);
  const [base, setBase] = useState<5 | 10>(10);
  const [microK, setMicroK] = useState(String(DEFAULT_K));
  const [microKError, setMicroKError] = useState<string | null>(null);
  const checkK = useKCheck();
  const [microFormat, setMicroFormat] = useState<"csv" | "xlsx">("csv");

  const toggle = (id: IndicatorId) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const refused = aggregate.error && describeError(aggregate.error).code === "INVALID_STATE";

  return (
    <>
      <section className="card" aria-labelledby="export-aggregate">
        <h2 id="export-aggregate">{t("export.aggregate")}</h2>
        <form
          className="stack"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const problem = mode === "suppress" ? checkK(k) : null;
            setKError(problem);
            if (problem) {
              document.getElementById("export-k")?.focus();
              return;
            }
            aggregate.mutate({ indicators: INDICATOR_IDS.filter((id) => selected.has(id)), filters, format, mode, k: typedK(k) ?? DEFAULT_K, base });
          }}
        >
          <fieldset>
            <legend>{t("export.indicators")}</legend>
            <div className="row" style={{ marginBottom: "0.5rem" }}>
              <button type="button" className="btn btn-secondary btn-small" onClick={() => setSelected(new Set(INDICATOR_IDS))}>
                {t("export.selectAll")}
              </button>
              <button type="button" className="btn btn-secondary btn-small" onClick={() => setSelected(new Set())}>
                {t("export.selectNone")}
              </button>
            </div>
            <div className="export-indicators">
              {indicators.map(({ id, title }) => (
                <label key={id} className="checkbox">
                  <input type="checkbox" name="indicator" value={id} checked={selected.has(id)} onChange={() => toggle(id)} />
                  <span>
                    {title} <code className="small muted">{id}</code>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <div className="form-grid">
            <fieldset>
              <legend>{t("export.format")}</legend>
              {(["csv", "xlsx"] as const).map((f) => (
                <label key={f} className="checkbox">
                  <input type="radio" name="format" value={f} checked={format === f} onChange={() => setFormat(f)} />
                  {t(`export.${f}`)}
                </label>
              ))}
            </fieldset>
            <fieldset>
              <legend>{t("export.mode")}</legend>
              {(["suppress", "round"] as const).map((m) => (
                <label key={m} className="checkbox">
                  <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
                  {t(`export.${m}`)}
                </label>
              ))}
            </fieldset>
            {mode === "suppress" ? (
              <KField id="export-k" label={t("export.k")} value={k} onChange={setK} error={kError} />
            ) : (
              <div className="field">
                <label htmlFor="export-base">{t("export.base")}</label>
                <select id="export-base" className="input" value={base} onChange={(e) => setBase(Number(e.target.value) === 5 ? 5 : 10)}>
                  <option value={5}>5</option>
                  <option value={10}>10</option>
                </select>
              </div>
            )}
          </div>
          {refused ? (
            <div className="alert alert-warning" role="alert">
              {t("export.refused")}
            </div>
          ) : (
            <ErrorBanner error={aggregate.error} />
          )}
          {aggregate.data && (
            <div className="alert alert-success" role="status">
              {mode === "round"
                ? t("export.doneRounded", { file: aggregate.data.filename, base })
                : t("export.done", { file: aggregate.data.filename, suppressed: aggregate.data.suppressed })}
            </div>
          )}
          <div className="form-actions">
            <button className="btn" type="submit" disabled={aggregate.isPending || selected.size === 0}>
              {aggregate.isPending ? t("export.working") : t("export.download")}
            </button>
          </div>
        </form>
      </section>

      <section className="card" aria-labelledby="export-microdata">
        <h2 id="export-microdata">{t("export.microdata")}</h2>
        <p className="small muted">{t("export.microdataIntro")}</p>
        <form
          className="row"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const problem = checkK(microK);
            setMicroKError(problem);
            if (problem) {
              document.getElementById("micro-k")?.focus();
              return;
            }
            microdata.mutate({ filters, format: microFormat, k: typedK(microK) ?? DEFAULT_K });
          }}
        >
          <KField id="micro-k" label={t("export.microdataK")} value={microK} onChange={setMicroK} error={microKError} />
          <div className="field field-narrow">
            <label htmlFor="micro-format">{t("export.format")}</label>
            <select id="micro-format" className="input" value={microFormat} onChange={(e) => setMicroFormat(e.target.value === "xlsx" ? "xlsx" : "csv")}>
              <option value="csv">{t("export.csv")}</option>
              <option value="xlsx">{t("export.xlsx")}</option>
            </select>
          </div>
          <div className="form-actions" style={{ marginTop: 0 }}>
            <button className="btn" type="submit" disabled={microdata.isPending}>
              {microdata.isPending ? t("export.working") : t("export.download")}
            </button>
          </div>
        </form>
        <ErrorBanner error={microdata.error} />
        {microdata.data && (
          <div className="alert alert-success" role="status">
            {t("export.microdataDone", { file: microdata.data.filename, rows: microdata.data.rows, withheld: microdata.data.withheld })}
          </div>
        )}
      </section>
    </>
  );
}
