"use client";

import { useMutation } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ErrorAlert } from "@/components/admin/error-alert";
import { useTRPC } from "@/components/providers/trpc";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/routers/_app";

type AccessRequest = inferRouterOutputs<AppRouter>["access"]["pending"][number];

/**
 * A supervisor's access requests (decision 0020): colleagues an administrator placed in the
 * supervisor's office, who reach its cases only after this confirmation. Confirm or decline, each
 * audited; the desk reloads afterwards.
 */
export function AccessRequests({ requests }: { requests: AccessRequest[] }) {
  const t = useTranslations("access.requests");
  const tc = useTranslations("common");
  const format = useFormatter();
  const trpc = useTRPC();
  const router = useRouter();
  const [notice, setNotice] = useState<string | null>(null);
  const confirm = useMutation(trpc.access.confirm.mutationOptions());
  const decline = useMutation(trpc.access.decline.mutationOptions());
  const busy = confirm.isPending || decline.isPending;

  const decide = async (r: AccessRequest, action: "confirm" | "decline") => {
    setNotice(null);
    const mutation = action === "confirm" ? confirm : decline;
    const other = action === "confirm" ? decline : confirm;
    other.reset();
    try {
      await mutation.mutateAsync({ userId: r.userId, officeId: r.officeId });
      setNotice(t(action === "confirm" ? "confirmed" : "declined", { name: r.name, office: r.officeCode }));
      router.refresh();
    } catch {
      // Shown by ErrorAlert below.
    }
  };

  return (
    <section className="card desk-block" aria-labelledby="access-requests-title" id="access-requests">
      <h2>
        <span id="access-requests-title">{t("title")}</span> <span className="badge">{requests.length}</span>
      </h2>
      <p className="muted small">{t("intro")}</p>
      {notice && (
        <p className="alert alert-success" role="status">
          {notice}
        </p>
      )}
      <ErrorAlert error={confirm.error ?? decline.error} />
      {requests.length === 0 ? (
        <p className="muted">{t("empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t("title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("columns.person")}</th>
                <th scope="col">{t("columns.role")}</th>
                <th scope="col">{t("columns.office")}</th>
                <th scope="col">{t("columns.requested")}</th>
                <th scope="col">{t("columns.setUp")}</th>
                <th scope="col">{t("columns.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((r) => (
                <tr key={`${r.userId}-${r.officeId}`}>
                  <td>
                    <bdi>{r.name}</bdi>
                    <div className="small muted">
                      <bdi>{r.email}</bdi>
                    </div>
                  </td>
                  <td>{tc(`roles.${r.role}`)}</td>
                  <td>
                    <span className="code">{r.officeCode}</span>
                  </td>
                  <td className="small">
                    {r.requestedAt ? format.dateTime(new Date(r.requestedAt), { dateStyle: "medium", timeStyle: "short" }) : "—"}
                    {r.requestedByName && <div className="muted">{t("requestedBy", { name: r.requestedByName })}</div>}
                  </td>
                  <td>{r.setUp ? t("setUpYes") : t("setUpNo")}</td>
                  <td>
                    <div className="admin-actions" role="group" aria-label={t("columns.actions")}>
                      <button
                        type="button"
                        className="btn btn-small"
                        disabled={busy}
                        aria-label={t("confirmFor", { name: r.name, office: r.officeCode })}
                        onClick={() => void decide(r, "confirm")}
                      >
                        {t("confirm")}
                      </button>
                      <button
                        type="button"
                        className="btn btn-secondary btn-small"
                        disabled={busy}
                        aria-label={t("declineFor", { name: r.name, office: r.officeCode })}
                        onClick={() => void decide(r, "decline")}
                      >
                        {t("decline")}
                      </button>
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
