"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { ErrorAlert } from "@/components/admin/error-alert";
import { Actions, FormDialog } from "@/components/closure/closure-section";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useTRPC } from "@/components/providers/trpc";
import { ErrorBanner } from "@/components/ui/error-banner";
import { Field } from "@/components/ui/field";
import { ZRequestErasure } from "@/lib/schemas/retention";

function RequestErasureDialog({ code, onDone }: { code: string; onDone: () => void }) {
  const t = useTranslations("retention.erasure");
  const trpc = useTRPC();
  const request = useMutation(trpc.erasure.request.mutationOptions());
  type Values = z.input<typeof ZRequestErasure>;
  const defaults: Values = { code, reason: "" };
  const { register, handleSubmit, formState, reset, setError } = useForm<Values, unknown, z.output<typeof ZRequestErasure>>({
    resolver: zodResolver(ZRequestErasure),
    defaultValues: defaults,
  });
  return (
    <FormDialog
      trigger={t("request")}
      triggerClass="btn btn-secondary"
      title={t("dialogTitle")}
      help={t("dialogBody")}
      onOpen={() => {
        reset(defaults);
        request.reset();
      }}
    >
      {(close) => (
        <form
          className="stack"
          noValidate
          onSubmit={handleSubmit((values) =>
            request.mutate(values, {
              onSuccess: () => {
                close();
                onDone();
              },
              onError: (e) => applyServerErrors(e, setError, ["reason"]),
            }),
          )}
        >
          <ErrorAlert error={request.error} showFieldMessage />
          <Field id="erasure-reason" label={t("reasonLabel")} hint={t("reasonHelp")} error={formState.errors.reason?.message}>
            {(aria) => <textarea className="input" maxLength={1000} {...aria} {...register("reason")} />}
          </Field>
          <Actions pending={request.isPending} submit={t("send")} />
        </form>
      )}
    </FormDialog>
  );
}

/**
 * Erasure on request (issue 11 item 12), for a supervisor of the case's office: the state of the
 * person's latest request, or the button to ask. An administrator confirms (admin/retention).
 */
export function ErasureSection({ code }: { code: string }) {
  const t = useTranslations("retention.erasure");
  const tRemoved = useTranslations("retention.removed");
  const format = useFormatter();
  const trpc = useTRPC();
  const router = useRouter();
  const data = useQuery(trpc.erasure.forCase.queryOptions({ code }));
  const [sent, setSent] = useState(false);
  const view = data.data;
  const date = (ms: number) => format.dateTime(new Date(ms), { dateStyle: "medium" });
  const pending = view?.request?.status === "pending" ? view.request : null;
  const declined = view?.request?.status === "declined" ? view.request : null;

  return (
    <section className="card no-print" id="erasure" aria-labelledby="erasure-title">
      <h2 id="erasure-title">{t("title")}</h2>
      <ErrorBanner error={data.error} />
      {sent && (
        <div className="alert alert-success" role="status">
          {t("sent")}
        </div>
      )}
      {view?.removal && <p className="muted">{tRemoved(view.removal.cause, { date: date(view.removal.removedAt) })}</p>}
      {view && !view.removal && (
        <>
          {!sent && <p className="muted">{t("intro")}</p>}
          {pending ? (
            <p className="alert alert-info" role="status" data-testid="erasure-pending">
              {t("pending", { date: date(pending.requestedAt) })}
            </p>
          ) : (
            <>
              {declined?.decidedAt && <p className="small">{t("declined", { date: date(declined.decidedAt) })}</p>}
              <RequestErasureDialog
                code={code}
                onDone={() => {
                  setSent(true);
                  void data.refetch();
                  router.refresh();
                }}
              />
            </>
          )}
        </>
      )}
    </section>
  );
}
