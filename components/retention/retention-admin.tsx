"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import { AlertDialog } from "radix-ui";
import type { z } from "zod";
import { ErrorAlert } from "@/components/admin/error-alert";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useTRPC } from "@/components/providers/trpc";
import { Field } from "@/components/ui/field";
import { RETENTION_MAX_YEARS, RETENTION_MIN_YEARS, ZRetentionPolicy } from "@/lib/schemas/retention";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/routers/_app";

type Pending = inferRouterOutputs<AppRouter>["erasure"]["pending"][number];
type RemovalName = Parameters<ReturnType<typeof useTranslations<"retention.removes">>>[0];

function PolicyCard() {
  const t = useTranslations("retention.policy");
  const tr = useTranslations("retention.removes");
  const tc = useTranslations("common");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const policy = useQuery(trpc.retention.policy.queryOptions());
  const save = useMutation(trpc.retention.setPolicy.mutationOptions());
  const [saved, setSaved] = useState(false);
  type Values = z.input<typeof ZRetentionPolicy>;
  const { register, handleSubmit, formState, reset, setError } = useForm<Values, unknown, z.output<typeof ZRetentionPolicy>>({
    resolver: zodResolver(ZRetentionPolicy),
    defaultValues: { years: null },
  });
  const years = policy.data?.years ?? null;
  useEffect(() => reset({ years }), [years, reset]);
  const view = policy.data;
  const date = (ms: number) => format.dateTime(new Date(ms), { dateStyle: "medium" });
  const counts = Object.entries(view?.counts ?? {}).filter(([, n]) => n > 0);

  return (
    <section className="card" aria-labelledby="retention-policy-title">
      <h2 id="retention-policy-title">{t("title")}</h2>
      <ErrorAlert error={policy.error} />
      {view && (
        <p data-testid="retention-current">
          {view.years === null ? t("off") : t("current", { years: view.years })}{" "}
          {view.updatedAt && view.updatedByName && <span className="muted small">{t("changed", { date: date(view.updatedAt), name: view.updatedByName })}</span>}
        </p>
      )}
      <form
        className="stack"
        noValidate
        onSubmit={handleSubmit((values) => {
          setSaved(false);
          save.mutate(values, {
            onSuccess: () => {
              setSaved(true);
              void queryClient.invalidateQueries({ queryKey: trpc.retention.policy.queryKey() });
            },
            onError: (e) => applyServerErrors(e, setError, ["years"]),
          });
        })}
      >
        <ErrorAlert error={save.error} showFieldMessage />
        <Field id="retention-years" label={t("yearsLabel")} hint={t("yearsHelp")} error={formState.errors.years?.message} optional>
          {(aria) => (
            <input
              className="input"
              style={{ maxInlineSize: "10rem" }}
              type="number"
              inputMode="numeric"
              min={RETENTION_MIN_YEARS}
              max={RETENTION_MAX_YEARS}
              step={1}
              {...aria}
              {...register("years", { setValueAs: (v: unknown) => (v === "" || v === null || v === undefined ? null : Number(v)) })}
            />
          )}
        </Field>
        <div className="form-actions">
          <button type="submit" className="btn" disabled={save.isPending}>
            {save.isPending ? tc("actions.saving") : t("save")}
          </button>
          <p className="admin-notice" role="status" aria-live="polite">
            {saved ? t("saved") : null}
          </p>
        </div>
      </form>
      <p className="small muted">{t("scheduled")}</p>
      {view && view.years !== null && (
        <>
          <h3>{t("previewTitle")}</h3>
          {view.persons === 0 || view.cutoff === null ? (
            <p className="muted">{t("previewNone")}</p>
          ) : (
            <>
              <p>{t("previewPersons", { count: view.persons, date: date(view.cutoff) })}</p>
              <dl className="facts">
                {counts.map(([name, n]) => (
                  <div key={name} style={{ display: "contents" }}>
                    <dt>{tr(name as RemovalName)}</dt>
                    <dd>{format.number(n)}</dd>
                  </div>
                ))}
              </dl>
            </>
          )}
        </>
      )}
    </section>
  );
}

function DecideButton({ row, action, onDone }: { row: Pending; action: "confirm" | "decline"; onDone: (message: string) => void }) {
  const t = useTranslations("retention.erasure");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const decide = useMutation(trpc.erasure.decide.mutationOptions());
  const confirming = action === "confirm";
  const verb = confirming ? t("confirm") : t("decline");

  async function run() {
    try {
      await decide.mutateAsync({ id: row.id, action });
      await queryClient.invalidateQueries({ queryKey: trpc.erasure.pending.queryKey() });
      await queryClient.invalidateQueries({ queryKey: trpc.retention.policy.queryKey() });
      setOpen(false);
      onDone(confirming ? t("confirmed", { code: row.caseCode }) : t("declinedDone", { code: row.caseCode }));
    } catch {
      // Shown in the dialog through decide.error.
    }
  }

  return (
    <AlertDialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) decide.reset();
      }}
    >
      <AlertDialog.Trigger asChild>
        <button type="button" className={`btn btn-small ${confirming ? "btn-danger" : "btn-secondary"}`} aria-label={`${verb}: ${row.caseCode}`}>
          {verb}
        </button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay" />
        <AlertDialog.Content className="dialog-content admin-dialog">
          <AlertDialog.Title>{confirming ? t("confirmTitle", { code: row.caseCode }) : verb}</AlertDialog.Title>
          <AlertDialog.Description>{confirming ? t("confirmBody") : row.caseCode}</AlertDialog.Description>
          <div className="stack">
            <ErrorAlert error={decide.error} showFieldMessage />
            <div className="form-actions">
              <AlertDialog.Cancel asChild>
                <button type="button" className="btn btn-secondary">
                  {tc("actions.cancel")}
                </button>
              </AlertDialog.Cancel>
              <button type="button" className={`btn ${confirming ? "btn-danger" : ""}`} onClick={run} disabled={decide.isPending}>
                {decide.isPending ? tc("actions.saving") : verb}
              </button>
            </div>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}

function ErasureQueue() {
  const t = useTranslations("retention.erasure");
  const format = useFormatter();
  const trpc = useTRPC();
  const pending = useQuery(trpc.erasure.pending.queryOptions());
  const [notice, setNotice] = useState<string | null>(null);
  const rows = pending.data ?? [];
  return (
    <section className="card" aria-labelledby="erasure-queue-title">
      <h2 id="erasure-queue-title">{t("queueTitle")}</h2>
      <p className="admin-notice" role="status" aria-live="polite">
        {notice}
      </p>
      <ErrorAlert error={pending.error} />
      {pending.data && rows.length === 0 ? (
        <p className="muted">{t("queueEmpty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t("queueTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("case")}</th>
                <th scope="col">{t("office")}</th>
                <th scope="col">{t("requestedBy")}</th>
                <th scope="col">{t("requestedOn")}</th>
                <th scope="col">{t("reason")}</th>
                <th scope="col">{t("decision")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <bdi className="code">{r.caseCode}</bdi>
                  </td>
                  <td>
                    {r.officeName} (<bdi>{r.officeCode}</bdi>)
                  </td>
                  <td>{r.requestedByName}</td>
                  <td>{format.dateTime(new Date(r.requestedAt), { dateStyle: "medium" })}</td>
                  <td className="prewrap">
                    <bdi>{r.reason}</bdi>
                  </td>
                  <td>
                    <div className="row" style={{ gap: "0.5rem" }}>
                      <DecideButton row={r} action="confirm" onDone={setNotice} />
                      <DecideButton row={r} action="decline" onDone={setNotice} />
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The administrator's retention page: the period (with what it would remove now) and the erasure queue. */
export function RetentionAdmin() {
  return (
    <div className="stack">
      <ErasureQueue />
      <PolicyCard />
    </div>
  );
}
