"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { signOut } from "next-auth/react";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { ErrorAlert } from "@/components/admin/error-alert";
import { useTRPC } from "@/components/providers/trpc";

/**
 * The user's open sessions (decision 0031): device in words, address as recorded, signed in at,
 * last used; the current one marked and listed first. Each can be ended; ending the current one
 * signs this browser out.
 */
export function OwnSessions() {
  const t = useTranslations("account.sessions");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sessions = useQuery(trpc.me.sessions.queryOptions());
  const [ended, setEnded] = useState(false);
  const end = useMutation(
    trpc.me.endSession.mutationOptions({
      onSuccess: async (result) => {
        if (result.current) {
          await signOut({ callbackUrl: "/login?signedOut=1" });
          return;
        }
        setEnded(true);
        await queryClient.invalidateQueries({ queryKey: trpc.me.sessions.queryKey() });
      },
    }),
  );
  const when = (at: number) => format.dateTime(new Date(at), { dateStyle: "medium", timeStyle: "short" });

  return (
    <section className="card" aria-labelledby="account-sessions-title">
      <h2 id="account-sessions-title">{t("title")}</h2>
      <p className="muted">{t("intro")}</p>
      {ended && !end.error && (
        <p className="alert alert-success" role="status">
          {t("ended")}
        </p>
      )}
      <ErrorAlert error={end.error} />
      {sessions.isError && (
        <p className="alert alert-error" role="alert">
          {t("loadFailed")}
        </p>
      )}
      {sessions.data && sessions.data.length === 0 && <p className="empty">{t("empty")}</p>}
      {sessions.data && sessions.data.length > 0 && (
        <ul className="session-list">
          {sessions.data.map((s) => {
            const device =
              s.browser && s.os ? t("deviceBoth", { browser: s.browser, os: s.os }) : (s.browser ?? s.os ?? t("deviceUnknown"));
            return (
              <li key={s.handle} className="session-item" data-current={s.current || undefined}>
                <div className="session-device">
                  <strong>
                    <bdi>{device}</bdi>
                  </strong>
                  {s.current && <span className="badge badge-accent">{t("current")}</span>}
                </div>
                <dl className="session-facts">
                  <div>
                    <dt>{t("address")}</dt>
                    <dd>{s.ip ? <bdi className="code">{s.ip}</bdi> : t("addressUnknown")}</dd>
                  </div>
                  <div>
                    <dt>{t("signedInAt")}</dt>
                    <dd>{when(s.signedInAt)}</dd>
                  </div>
                  <div>
                    <dt>{t("lastUsedAt")}</dt>
                    <dd>{when(s.lastUsedAt)}</dd>
                  </div>
                </dl>
                <div>
                  <button
                    type="button"
                    className="btn btn-secondary btn-small"
                    disabled={end.isPending}
                    aria-label={s.current ? undefined : t("endLabel", { device, lastUsedAt: when(s.lastUsedAt) })}
                    onClick={() => {
                      setEnded(false);
                      end.mutate({ handle: s.handle });
                    }}
                  >
                    {s.current ? t("endCurrent") : t("end")}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
