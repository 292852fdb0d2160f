"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useState, type FormEvent } from "react";
import { Dialog } from "radix-ui";
import { ErrorAlert } from "@/components/admin/error-alert";
import { useTRPC } from "@/components/providers/trpc";
import { ErrorBanner } from "@/components/ui/error-banner";
import { useReloadOnChange } from "@/components/ui/use-reload-on-change";
import { countryName } from "@/lib/reference/countries";
import { TransferSummary } from "./transfer-summary";

const STATUS_BADGE = { pending: "badge-accent", accepted: "badge-success", declined: "badge-danger", cancelled: "" } as const;

/** The origin office hands the case to another office, with a message for the receiving office. */
function RequestTransferDialog({ code, onDone }: { code: string; onDone: () => void }) {
  const t = useTranslations("transfers");
  const tc = useTranslations("common");
  const tr = useTranslations();
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [toOfficeId, setToOfficeId] = useState("");
  const [message, setMessage] = useState("");
  const [missing, setMissing] = useState(false);
  const destinations = useQuery({ ...trpc.transfers.destinations.queryOptions({ code }), enabled: open });
  const request = useMutation(trpc.transfers.request.mutationOptions());

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!toOfficeId) {
      setMissing(true);
      return;
    }
    request.mutate(
      { code, toOfficeId: Number(toOfficeId), message },
      {
        onSuccess: () => {
          setOpen(false);
          onDone();
        },
      },
    );
  }

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) {
          setToOfficeId("");
          setMessage("");
          setMissing(false);
          request.reset();
        }
      }}
    >
      <Dialog.Trigger asChild>
        <button type="button" className="btn btn-secondary no-print">
          {t("request")}
        </button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog-content">
          <Dialog.Title>{t("requestTitle")}</Dialog.Title>
          <Dialog.Description className="muted small">{t("requestHelp")}</Dialog.Description>
          <form onSubmit={onSubmit} className="stack" noValidate>
            <ErrorAlert error={request.error ?? destinations.error} showFieldMessage />
            <div className="field">
              <label htmlFor="transfer-office">{t("fields.toOffice")}</label>
              <select
                id="transfer-office"
                className="input"
                value={toOfficeId}
                aria-invalid={missing}
                aria-describedby={missing ? "transfer-office-error" : undefined}
                onChange={(e) => {
                  setToOfficeId(e.target.value);
                  setMissing(false);
                }}
              >
                <option value="">{t("choose")}</option>
                {(destinations.data ?? []).map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name} ({o.code}, {countryName(o.countryIso2)})
                  </option>
                ))}
              </select>
              {missing && (
                <span className="error" id="transfer-office-error">
                  {tr("transfers.validation.destination")}
                </span>
              )}
            </div>
            <div className="field">
              <label htmlFor="transfer-message">
                {t("fields.message")} <span className="muted small">({tc("optional")})</span>
              </label>
              <span className="hint" id="transfer-message-hint">
                {t("fields.messageHint")}
              </span>
              <textarea id="transfer-message" className="input" aria-describedby="transfer-message-hint" maxLength={4000} value={message} onChange={(e) => setMessage(e.target.value)} />
            </div>
            <div className="form-actions">
              <button type="submit" className="btn" disabled={request.isPending}>
                {request.isPending ? tc("actions.saving") : t("submit")}
              </button>
              <Dialog.Close asChild>
                <button type="button" className="btn btn-secondary">
                  {tc("actions.cancel")}
                </button>
              </Dialog.Close>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/**
 * Transfers of the case (issue 5): the transfer it came from (with what the origin office shared),
 * the transfers it was handed on by, and the request for a new one. The other office's case is never
 * a link: it cannot be opened from here.
 */
export function TransfersSection({ code, caseStatus }: { code: string; caseStatus: string }) {
  const t = useTranslations("transfers");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const data = useQuery(trpc.transfers.forCase.queryOptions({ code }));
  const cancel = useMutation(trpc.transfers.cancel.mutationOptions());
  const view = data.data;
  const refresh = useCallback(() => void queryClient.invalidateQueries({ queryKey: trpc.transfers.forCase.queryKey({ code }) }), [queryClient, trpc, code]);
  // The case closed or reopened elsewhere on the page: what may be requested changed.
  useReloadOnChange(caseStatus, refresh);
  const time = (ms: number) => format.dateTime(new Date(ms), { dateStyle: "medium", timeStyle: "short" });
  if (view && !view.incoming && view.outgoing.length === 0 && !view.canRequest) return null;

  return (
    <section className="card" id="transfers" aria-labelledby="transfers-title">
      <div className="section-head">
        <div>
          <h2 id="transfers-title">{t("title")}</h2>
          <p className="small muted">{t("intro")}</p>
        </div>
        {view?.canRequest && <RequestTransferDialog code={code} onDone={refresh} />}
      </div>
      <ErrorBanner error={data.error ?? cancel.error} />
      {view?.incoming && (
        <div className="transfer-incoming" data-testid="transfer-incoming">
          <h3>{t("incoming.title")}</h3>
          <p>
            {t("incoming.from", { office: `${view.incoming.fromOfficeName} (${view.incoming.fromOfficeCode})`, code: view.incoming.fromCaseCode })}
            {view.incoming.decidedAt && <span className="muted"> · {t("incoming.accepted", { time: time(view.incoming.decidedAt) })}</span>}
          </p>
          <p className="small muted">{t("incoming.notOpenable")}</p>
          {view.incoming.message && (
            <p className="prewrap">
              <strong>{t("message")}:</strong> {view.incoming.message}
            </p>
          )}
          <h4>{t("summary.title")}</h4>
          <TransferSummary summary={view.incoming.summary} />
        </div>
      )}
      {view && view.outgoing.length > 0 && (
        <ul className="transfer-list">
          {view.outgoing.map((o) => (
            <li key={o.id} data-testid={`transfer-${o.id}`}>
              <p>
                <strong>{t("outgoing", { office: `${o.toOfficeName} (${o.toOfficeCode})` })}</strong>{" "}
                <span className={`badge ${STATUS_BADGE[o.status]}`}>{t(`status.${o.status}`)}</span>
                {o.newCaseCode && (
                  <>
                    {" "}
                    · <span>{t("newCase", { code: o.newCaseCode })}</span>
                  </>
                )}
              </p>
              <p className="small muted">
                {t("requestedBy", { name: o.requestedBy, time: time(o.requestedAt) })}
                {o.decidedAt && o.decidedBy && <> · {t("decidedBy", { name: o.decidedBy, time: time(o.decidedAt) })}</>}
              </p>
              {o.message && (
                <p className="small prewrap">
                  <strong>{t("message")}:</strong> {o.message}
                </p>
              )}
              {o.declineReason && (
                <p className="small prewrap">
                  <strong>{t("declineReason")}:</strong> {o.declineReason}
                </p>
              )}
              {o.canCancel && (
                <button type="button" className="btn btn-small btn-secondary no-print" disabled={cancel.isPending} onClick={() => cancel.mutate({ id: o.id }, { onSuccess: refresh })}>
                  {t("cancel")}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {view && !view.incoming && view.outgoing.length === 0 && <p className="muted">{t("none")}</p>}
    </section>
  );
}
