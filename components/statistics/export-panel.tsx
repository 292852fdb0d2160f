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
  const [k, setK] = useState(DEFAULT_K);
  const [base, setBase] = useState<5 | 10>(10);
  const [microK, setMicroK] = useState(DEFAULT_K);
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
          onSubmit={(e) => {
            e.preventDefault();
            aggregate.mutate({ indicators: INDICATOR_IDS.filter((id) => selected.has(id)), filters, format, mode, k, base });
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
              <div className="field">
                <label htmlFor="export-k">{t("export.k")}</label>
                <input
                  id="export-k"
                  className="input"
                  type="number"
                  min={MIN_K}
                  max={1000}
                  value={k}
                  onChange={(e) => setK(Math.max(MIN_K, Number(e.target.value) || MIN_K))}
                />
              </div>
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
          onSubmit={(e) => {
            e.preventDefault();
            microdata.mutate({ filters, format: microFormat, k: microK });
          }}
        >
          <div className="field field-narrow">
            <label htmlFor="micro-k">{t("export.microdataK")}</label>
            <input
              id="micro-k"
              className="input"
              type="number"
              min={MIN_K}
              max={1000}
              value={microK}
              onChange={(e) => setMicroK(Math.max(MIN_K, Number(e.target.value) || MIN_K))}
            />
          </div>
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
