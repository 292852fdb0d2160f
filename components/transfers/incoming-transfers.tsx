"use client";

import { useMutation } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Dialog } from "radix-ui";
import { ErrorAlert } from "@/components/admin/error-alert";
import { useTRPC } from "@/components/providers/trpc";
import { TransferSummary, type TransferSummaryView } from "./transfer-summary";

export type IncomingTransferView = {
  id: number;
  fromCaseCode: string;
  fromOfficeCode: string;
  fromOfficeName: string;
  toOfficeCode: string;
  requestedAt: number;
  requestedBy: string;
  ownRequest: boolean;
  message: string | null;
  summary: TransferSummaryView;
  staff: { id: number; name: string; role: string }[];
};

/** Accept (choosing the new case's owner) or decline (with a reason) one transfer. */
function DecideDialog({ transfer, action, selfId, onAccepted }: { transfer: IncomingTransferView; action: "accept" | "decline"; selfId: number; onAccepted: (code: string) => void }) {
  const t = useTranslations("transfers");
  const tc = useTranslations("common");
  const tr = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [ownerId, setOwnerId] = useState(String(selfId));
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);
  const decide = useMutation(trpc.transfers.decide.mutationOptions());
  const idp = `transfer-${transfer.id}-${action}`;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (action === "decline" && reason.trim() === "") {
      setMissing(true);
      return;
    }
    decide.mutate(
      action === "accept" ? { id: transfer.id, action, ownerId: Number(ownerId) } : { id: transfer.id, action, reason },
      {
        onSuccess: (result) => {
          setOpen(false);
          if (result.newCaseCode) onAccepted(result.newCaseCode);
          router.refresh();
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
          decide.reset();
          setMissing(false);
        }
      }}
    >
      <Dialog.Trigger asChild>
        <button type="button" className={`btn btn-small ${action === "decline" ? "btn-secondary" : ""}`}>
          {t(`queue.${action}`)}
        </button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog-content">
          <Dialog.Title>{t(action === "accept" ? "queue.acceptTitle" : "queue.declineTitle")}</Dialog.Title>
          <Dialog.Description className="muted small">
            {action === "accept" ? t("queue.acceptHelp") : t("incoming.from", { office: transfer.fromOfficeCode, code: transfer.fromCaseCode })}
          </Dialog.Description>
          <form onSubmit={onSubmit} className="stack" noValidate>
            <ErrorAlert error={decide.error} showFieldMessage />
            {action === "accept" ? (
              <div className="field">
                <label htmlFor={`${idp}-owner`}>{t("fields.owner")}</label>
                <select id={`${idp}-owner`} className="input" value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
                  {transfer.staff.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name} ({tc(`roles.${s.role as "caseworker"}`)})
                    </option>
                  ))}
                </select>
              </div>
            ) : (
              <div className="field">
                <label htmlFor={`${idp}-reason`}>{t("fields.reason")}</label>
                <textarea
                  id={`${idp}-reason`}
                  className="input"
                  maxLength={2000}
                  value={reason}
                  aria-invalid={missing}
                  aria-describedby={missing ? `${idp}-reason-error` : undefined}
                  onChange={(e) => {
                    setReason(e.target.value);
                    setMissing(false);
                  }}
                />
                {missing && (
                  <span className="error" id={`${idp}-reason-error`}>
                    {tr("transfers.validation.reasonRequired")}
                  </span>
                )}
              </div>
            )}
            <div className="form-actions">
              <button type="submit" className="btn" disabled={decide.isPending}>
                {decide.isPending ? tc("actions.saving") : t(`queue.${action}`)}
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

/** Transfers waiting for the supervisor's office: what was shared, and the decision. */
export function IncomingTransfers({ transfers, selfId }: { transfers: IncomingTransferView[]; selfId: number }) {
  const t = useTranslations("transfers");
  const format = useFormatter();
  const [accepted, setAccepted] = useState<string | null>(null);
  return (
    <section className="card" aria-labelledby="incoming-transfers-title" id="incoming-transfers">
      <h2 className="with-count">
        <span id="incoming-transfers-title">{t("queue.title")}</span> <span className="badge">{transfers.length}</span>
      </h2>
      {accepted && (
        <div className="alert alert-success" role="status">
          {t("queue.accepted", { code: accepted })} <Link href={`/cases/${accepted}`}>{t("queue.openCase", { code: accepted })}</Link>
        </div>
      )}
      {transfers.length === 0 && <p className="muted">{t("queue.empty")}</p>}
      <ul className="transfer-list">
        {transfers.map((tr) => (
          <li key={tr.id} data-testid={`incoming-transfer-${tr.id}`}>
            <p>
              <strong>
                {t("queue.from", {
                  office: `${tr.fromOfficeName} (${tr.fromOfficeCode})`,
                  code: tr.fromCaseCode,
                  name: tr.requestedBy,
                  time: format.dateTime(new Date(tr.requestedAt), { dateStyle: "medium", timeStyle: "short" }),
                })}
              </strong>
            </p>
            {tr.message && (
              <p className="prewrap">
                <strong>{t("message")}:</strong> {tr.message}
              </p>
            )}
            <details open>
              <summary>{t("summary.title")}</summary>
              <TransferSummary summary={tr.summary} />
            </details>
            {tr.ownRequest ? (
              <p className="muted small">{t("queue.ownRequest")}</p>
            ) : (
              <div className="row" style={{ gap: "0.5rem", marginTop: "0.5rem" }}>
                <DecideDialog transfer={tr} action="accept" selfId={selfId} onAccepted={setAccepted} />
                <DecideDialog transfer={tr} action="decline" selfId={selfId} onAccepted={setAccepted} />
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
