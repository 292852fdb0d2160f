"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { useForm } from "react-hook-form";
import { Dialog } from "radix-ui";
import type { z } from "zod";
import { ErrorAlert } from "@/components/admin/error-alert";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useTRPC } from "@/components/providers/trpc";
import { ErrorBanner } from "@/components/ui/error-banner";
import { Field } from "@/components/ui/field";
import { ZReopenCase, ZRequestClosure, ZReviewClosure } from "@/lib/schemas/closure";
import { CLOSURE_REASONS } from "@/lib/workflows/case-lifecycle";

type DialogShell = { trigger: string; title: string; help: string; triggerClass?: string; children: (close: () => void) => ReactNode; onOpen: () => void };

export function FormDialog({ trigger, title, help, triggerClass = "btn", children, onOpen }: DialogShell) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) onOpen();
      }}
    >
      <Dialog.Trigger asChild>
        <button type="button" className={`${triggerClass} no-print`}>
          {trigger}
        </button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog-content">
          <Dialog.Title>{title}</Dialog.Title>
          <Dialog.Description className="muted small">{help}</Dialog.Description>
          {children(() => setOpen(false))}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

export function Actions({ pending, submit }: { pending: boolean; submit: string }) {
  const tc = useTranslations("common");
  return (
    <div className="form-actions">
      <button type="submit" className="btn" disabled={pending}>
        {pending ? tc("actions.saving") : submit}
      </button>
      <Dialog.Close asChild>
        <button type="button" className="btn btn-secondary">
          {tc("actions.cancel")}
        </button>
      </Dialog.Close>
    </div>
  );
}

function RequestClosureDialog({ code, onDone }: { code: string; onDone: () => void }) {
  const t = useTranslations("closure");
  const trpc = useTRPC();
  const request = useMutation(trpc.closure.request.mutationOptions());
  type Values = z.input<typeof ZRequestClosure>;
  const defaults = { code, reason: "" as Values["reason"], comment: "" };
  const { register, handleSubmit, formState, reset, setError } = useForm<Values, unknown, z.output<typeof ZRequestClosure>>({ resolver: zodResolver(ZRequestClosure), defaultValues: defaults });
  return (
    <FormDialog trigger={t("request")} triggerClass="btn btn-secondary" title={t("requestTitle")} help={t("requestHelp")} onOpen={() => { reset(defaults); request.reset(); }}>
      {(close) => (
        <form
          className="stack"
          noValidate
          onSubmit={handleSubmit((values) => request.mutate(values, { onSuccess: () => { close(); onDone(); }, onError: (e) => applyServerErrors(e, setError, ["reason", "comment"]) }))}
        >
          <ErrorAlert error={request.error} showFieldMessage />
          <Field id="closure-reason" label={t("fields.reason")} error={formState.errors.reason?.message}>
            {(aria) => (
              <select className="input" {...aria} {...register("reason")}>
                <option value="">{t("choose")}</option>
                {CLOSURE_REASONS.map((r) => (
                  <option key={r} value={r}>
                    {t(`reasons.${r}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="closure-comment" label={t("fields.comment")} hint={t("fields.commentHint")} error={formState.errors.comment?.message}>
            {(aria) => <textarea className="input" maxLength={2000} {...aria} {...register("comment")} />}
          </Field>
          <Actions pending={request.isPending} submit={t("submit")} />
        </form>
      )}
    </FormDialog>
  );
}

function ReviewClosureDialog({ id, action, onDone }: { id: number; action: "approve" | "return"; onDone: () => void }) {
  const t = useTranslations("closure");
  const trpc = useTRPC();
  const review = useMutation(trpc.closure.review.mutationOptions());
  type Values = z.input<typeof ZReviewClosure>;
  const defaults: Values = { id, action, comment: "" };
  const { register, handleSubmit, formState, reset, setError } = useForm<Values, unknown, z.output<typeof ZReviewClosure>>({ resolver: zodResolver(ZReviewClosure), defaultValues: defaults });
  const label = action === "approve" ? t("approve") : t("return");
  return (
    <FormDialog trigger={label} triggerClass={action === "approve" ? "btn" : "btn btn-secondary"} title={label} help={t("requestHelp")} onOpen={() => { reset(defaults); review.reset(); }}>
      {(close) => (
        <form
          className="stack"
          noValidate
          onSubmit={handleSubmit((values) => review.mutate(values, { onSuccess: () => { close(); onDone(); }, onError: (e) => applyServerErrors(e, setError, ["comment"]) }))}
        >
          <ErrorAlert error={review.error} showFieldMessage />
          <Field id={`closure-review-${action}`} label={t("fields.reviewComment")} hint={action === "return" ? t("fields.reviewCommentHint") : undefined} optional={action === "approve"} error={formState.errors.comment?.message}>
            {(aria) => <textarea className="input" maxLength={2000} {...aria} {...register("comment")} />}
          </Field>
          <Actions pending={review.isPending} submit={label} />
        </form>
      )}
    </FormDialog>
  );
}

function ReopenDialog({ code, onDone }: { code: string; onDone: () => void }) {
  const t = useTranslations("closure");
  const trpc = useTRPC();
  const reopen = useMutation(trpc.closure.reopen.mutationOptions());
  type Values = z.input<typeof ZReopenCase>;
  const defaults: Values = { code, reason: "" };
  const { register, handleSubmit, formState, reset, setError } = useForm<Values, unknown, z.output<typeof ZReopenCase>>({ resolver: zodResolver(ZReopenCase), defaultValues: defaults });
  return (
    <FormDialog trigger={t("reopen")} triggerClass="btn btn-secondary" title={t("reopenTitle")} help={t("reopenHelp")} onOpen={() => { reset(defaults); reopen.reset(); }}>
      {(close) => (
        <form
          className="stack"
          noValidate
          onSubmit={handleSubmit((values) => reopen.mutate(values, { onSuccess: () => { close(); onDone(); }, onError: (e) => applyServerErrors(e, setError, ["reason"]) }))}
        >
          <ErrorAlert error={reopen.error} showFieldMessage />
          <Field id="reopen-reason" label={t("fields.reopenReason")} error={formState.errors.reason?.message}>
            {(aria) => <textarea className="input" maxLength={2000} {...aria} {...register("reason")} />}
          </Field>
          <Actions pending={reopen.isPending} submit={t("reopen")} />
        </form>
      )}
    </FormDialog>
  );
}

/**
 * Closure of the case (issue 5): request with a reason, a supervisor's approval or return, the
 * read-only notice of a closed case, reopening by a supervisor, and the history. Every change
 * refreshes the whole page: the other sections become read-only (or writable) with it.
 */
export function ClosureSection({ code }: { code: string }) {
  const t = useTranslations("closure");
  const format = useFormatter();
  const trpc = useTRPC();
  const router = useRouter();
  const data = useQuery(trpc.closure.forCase.queryOptions({ code }));
  const view = data.data;
  const done = () => {
    void data.refetch();
    router.refresh();
  };
  const time = (ms: number) => format.dateTime(new Date(ms), { dateStyle: "medium", timeStyle: "short" });
  const pendingRow = view?.pending ? view.history.find((h) => h.id === view.pending?.id) : undefined;
  const closedReason = view?.history.find((h) => h.kind === "closure" && h.status === "approved")?.reason;

  return (
    <section className={`card ${view?.state === "closed" ? "closure-closed" : ""}`} id="closure" aria-labelledby="closure-title">
      <h2 id="closure-title">{t("title")}</h2>
      <ErrorBanner error={data.error} />
      {view?.state === "open" && (
        <div className="row" style={{ justifyContent: "space-between", alignItems: "center" }}>
          <p className="muted" style={{ margin: 0 }}>
            {t("open")}
          </p>
          {view.canRequest && <RequestClosureDialog code={code} onDone={done} />}
        </div>
      )}
      {view?.state === "closure_requested" && view.pending && (
        <div className="alert alert-info" role="status">
          <p>
            {t("requested", { reason: view.pending.reason ? t(`reasons.${view.pending.reason}`) : "—" })} {view.pending.ownRequest && view.canReview === false ? t("requestedOwn") : t("awaiting")}
          </p>
          {pendingRow && (
            <p className="small">
              {t("requestedBy", { name: pendingRow.requestedBy, time: time(pendingRow.requestedAt) })}
              {pendingRow.comment && <span className="prewrap"> · {pendingRow.comment}</span>}
            </p>
          )}
          {view.canReview && (
            <div className="row" style={{ gap: "0.5rem" }}>
              <ReviewClosureDialog id={view.pending.id} action="approve" onDone={done} />
              <ReviewClosureDialog id={view.pending.id} action="return" onDone={done} />
            </div>
          )}
        </div>
      )}
      {view?.state === "closed" && (
        <div className="alert alert-warning" role="status" data-testid="case-closed">
          <p style={{ margin: 0 }}>{closedReason ? t("closed", { reason: t(`reasons.${closedReason}`) }) : t("closedNoReason")}</p>
          {view.canReopen && (
            <div style={{ marginTop: "0.75rem" }}>
              <ReopenDialog code={code} onDone={done} />
            </div>
          )}
        </div>
      )}
      {view && view.history.length > 0 && (
        <details>
          <summary>{t("history")}</summary>
          <ol className="history">
            {view.history.map((h) => (
              <li key={h.id}>
                {t("historyLine", { kind: t(`kinds.${h.kind}`), status: t(`statuses.${h.status}`), name: h.requestedBy, time: time(h.requestedAt) })}
                {h.reason && <> · {t(`reasons.${h.reason}`)}</>}
                {h.reviewedBy && h.reviewedAt && h.kind === "closure" && <> · {t("reviewedLine", { name: h.reviewedBy, time: time(h.reviewedAt) })}</>}
                {h.comment && <div className="small prewrap">{h.comment}</div>}
              </li>
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}
