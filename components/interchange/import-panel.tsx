"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useId, useRef, useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { ErrorBanner } from "@/components/ui/error-banner";
import type { Message, RowError } from "@/lib/interchange/format";

type Upload = { percent: number } | null;
type UploadError = { message: Message | null; status: number } | null;

/**
 * The import: choose a file (and the office for rows without ext_OfficeCode), upload it with a
 * progress bar, follow the server's check with a second progress bar, read the report (row,
 * column, problem), then import or cancel. The upload goes to the route handler /api/import; the
 * job is then followed through tRPC. Nothing is written before "Import".
 */
export function ImportPanel({ offices }: { offices: { code: string; name: string }[] }) {
  const t = useTranslations("interchange");
  const trpc = useTRPC();
  const id = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [office, setOffice] = useState(offices.length === 1 ? offices[0]!.code : "");
  const [upload, setUpload] = useState<Upload>(null);
  const [uploadError, setUploadError] = useState<UploadError>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [missingFile, setMissingFile] = useState(false);

  const status = useQuery(
    trpc.imports.status.queryOptions(
      { id: jobId ?? "" },
      {
        enabled: jobId !== null,
        staleTime: 0,
        refetchInterval: (q) => (q.state.data?.phase === "validating" ? 400 : false),
      },
    ),
  );
  const commit = useMutation(trpc.imports.commit.mutationOptions());
  const discard = useMutation(trpc.imports.discard.mutationOptions());

  const job = commit.data ?? status.data;
  const message = (m: Message) => t(`errors.${m.key}` as never, (m.params ?? {}) as never);

  const reset = () => {
    if (jobId && job?.phase !== "done" && job?.phase !== "failed") discard.mutate({ id: jobId });
    setJobId(null);
    setUpload(null);
    setUploadError(null);
    commit.reset();
    if (fileInput.current) fileInput.current.value = "";
  };

  const send = (file: File) => {
    setUploadError(null);
    commit.reset();
    setJobId(null);
    setUpload({ percent: 0 });
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/import${office ? `?office=${encodeURIComponent(office)}` : ""}`);
    xhr.setRequestHeader("content-type", "application/octet-stream");
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) setUpload({ percent: Math.floor((e.loaded / e.total) * 100) });
    };
    xhr.onload = () => {
      setUpload(null);
      let body: { jobId?: string; error?: { message?: Message } } = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        // Not JSON: reported below by status.
      }
      if (xhr.status === 200 && body.jobId) setJobId(body.jobId);
      else setUploadError({ message: body.error?.message ?? null, status: xhr.status });
    };
    xhr.onerror = () => {
      setUpload(null);
      setUploadError({ message: null, status: 0 });
    };
    xhr.send(file);
  };

  const validating = job?.phase === "validating";
  const progress = job && validating && job.progress.total > 0 ? Math.floor((job.progress.done / job.progress.total) * 100) : null;
  const report = job?.report ?? null;
  const busy = upload !== null || validating || commit.isPending;

  return (
    <section className="card stack" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("page.importTitle")}</h2>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          const file = fileInput.current?.files?.[0];
          setMissingFile(!file);
          if (file) send(file);
        }}
      >
        <div className="grid-2">
          <div className="field">
            <label className="field-label" htmlFor={`${id}-file`}>
              {t("page.file")}
            </label>
            <input
              ref={fileInput}
              id={`${id}-file`}
              name="file"
              type="file"
              className="input"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-describedby={missingFile ? `${id}-file-error` : undefined}
              disabled={busy}
            />
            {missingFile && (
              <p id={`${id}-file-error`} className="small" role="alert">
                {t("page.chooseFile")}
              </p>
            )}
          </div>
          <div className="field">
            <label className="field-label" htmlFor={`${id}-office`}>
              {t("page.office")}
            </label>
            <select id={`${id}-office`} className="input" value={office} onChange={(e) => setOffice(e.target.value)} disabled={busy}>
              <option value="">{t("page.officeFromFile")}</option>
              {offices.map((o) => (
                <option key={o.code} value={o.code}>
                  {o.name} ({o.code})
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="form-actions">
          <button type="submit" className="btn" disabled={busy}>
            {t("page.check")}
          </button>
        </div>
      </form>

      {upload && <Progress label={t("page.uploading", { percent: upload.percent })} value={upload.percent} />}
      {validating && <Progress label={t("page.validating", { percent: progress ?? 0 })} value={progress} />}
      {commit.isPending && <Progress label={t("page.committing")} value={null} />}
      {uploadError && (
        <div className="alert alert-error" role="alert">
          {uploadError.message ? message(uploadError.message) : t("page.uploadFailed", { status: uploadError.status })}
        </div>
      )}
      <ErrorBanner error={status.error ?? commit.error} />

      {job?.phase === "failed" && (
        <div className="alert alert-error" role="alert">
          {job.failure && `${message(job.failure)} `}
          {t("page.failed")}
        </div>
      )}

      {job?.phase === "validated" && report && (
        <Report
          report={report}
          message={message}
          onImport={() => jobId && commit.mutate({ id: jobId })}
          onCancel={reset}
          committing={commit.isPending}
        />
      )}

      {job?.phase === "done" && job.result && (
        <div className="alert alert-success stack" role="status">
          <h3>{t("page.doneTitle")}</h3>
          <p>{t("page.done", { cases: job.result.cases, persons: job.result.persons, skipped: job.result.alreadyImported })}</p>
          <p>{t("page.doneLinks")}</p>
          <div className="row">
            <Link className="btn btn-small" href="/cases">
              {t("page.openCases")}
            </Link>
            <Link className="btn btn-small btn-secondary" href="/statistics">
              {t("page.openStatistics")}
            </Link>
            <button type="button" className="btn btn-small btn-ghost" onClick={reset}>
              {t("page.importAnother")}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

function Progress({ label, value }: { label: string; value: number | null }) {
  return (
    <div className="stack" role="status" aria-live="polite">
      <span className="small">{label}</span>
      <progress className="import-progress" max={100} value={value ?? undefined} aria-label={label} />
    </div>
  );
}

type ReportData = {
  rows: number;
  errors: RowError[];
  errorCount: number;
  warnings: RowError[];
  warningCount: number;
  toImport: number;
  alreadyImported: number;
  alreadyImportedRows: number[];
  existingPersons: number;
  probableDuplicates: { row: number; personCode: string }[];
  probableDuplicateCount: number;
  withIdentity: number;
  offices: { code: string; cases: number }[];
};

function Report({
  report,
  message,
  onImport,
  onCancel,
  committing,
}: {
  report: ReportData;
  message: (m: Message) => string;
  onImport: () => void;
  onCancel: () => void;
  committing: boolean;
}) {
  const t = useTranslations("interchange.page");
  const ok = report.errorCount === 0;
  return (
    <div className="stack">
      <h3>{t("reportTitle")}</h3>
      <dl className="facts" data-testid="import-summary">
        <dt>{t("rowsRead")}</dt>
        <dd>{report.rows}</dd>
        <dt>{t("errorCount")}</dt>
        <dd>{report.errorCount}</dd>
        {ok && (
          <>
            <dt>{t("toImport")}</dt>
            <dd>
              {report.toImport}
              {report.offices.length > 0 && <span className="muted small"> ({report.offices.map((o) => `${o.code} ${o.cases}`).join(", ")})</span>}
            </dd>
            <dt>{t("alreadyImported")}</dt>
            <dd>{report.alreadyImported}</dd>
            <dt>{t("existingPersons")}</dt>
            <dd>{report.existingPersons}</dd>
            <dt>{t("probableDuplicates")}</dt>
            <dd>{report.probableDuplicateCount}</dd>
            <dt>{t("withIdentity")}</dt>
            <dd>{report.withIdentity}</dd>
          </>
        )}
      </dl>

      {!ok && (
        <>
          <div className="alert alert-error" role="alert">
            {t("errorsIntro")}
          </div>
          <ProblemTable title={t("errorsTitle")} rows={report.errors} total={report.errorCount} message={message} />
        </>
      )}
      {report.warningCount > 0 && <ProblemTable title={t("warningsTitle")} rows={report.warnings} total={report.warningCount} message={message} />}

      {ok && report.probableDuplicates.length > 0 && (
        <details>
          <summary>{t("duplicatesTitle")}</summary>
          <p className="small">{t("duplicatesIntro")}</p>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("row")}</th>
                <th scope="col">{t("person")}</th>
              </tr>
            </thead>
            <tbody>
              {report.probableDuplicates.map((d) => (
                <tr key={d.row}>
                  <td>{d.row}</td>
                  <td className="code">{d.personCode}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
      {ok && report.alreadyImportedRows.length > 0 && (
        <details>
          <summary>{t("alreadyTitle")}</summary>
          <p className="small">{report.alreadyImportedRows.join(", ")}</p>
        </details>
      )}

      <div className="form-actions">
        {ok && report.toImport > 0 && (
          <button type="button" className="btn" onClick={onImport} disabled={committing}>
            {t("importButton", { count: report.toImport })}
          </button>
        )}
        <button type="button" className="btn btn-secondary" onClick={onCancel} disabled={committing}>
          {t("cancel")}
        </button>
      </div>
      {ok && report.toImport === 0 && <p className="muted">{t("nothingToImport")}</p>}
    </div>
  );
}

function ProblemTable({ title, rows, total, message }: { title: string; rows: RowError[]; total: number; message: (m: Message) => string }) {
  const t = useTranslations("interchange.page");
  return (
    <div className="stack">
      <h4 className="section-head">
        {title}
        {rows.length < total && <span className="small muted"> — {t("errorsTruncated", { shown: rows.length, total })}</span>}
      </h4>
      <div className="table-wrap">
        <table className="table" data-testid="import-problems">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t("row")}</th>
              <th scope="col">{t("column")}</th>
              <th scope="col">{t("message")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((e, i) => (
              <tr key={i}>
                <td>{e.row ?? t("fileLevel")}</td>
                <td className="code">{e.column ?? ""}</td>
                <td>{message(e.message)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
