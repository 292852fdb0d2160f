"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/components/providers/trpc";
import { ErrorBanner } from "@/components/ui/error-banner";

const STATUS_BADGE = { requested: "badge-accent", accepted: "badge-success", declined: "badge-danger", withdrawn: "" } as const;

/**
 * The case's requests to be linked to a person of another office (issue 11 item 2), as the
 * requesting office sees them: waiting (nothing about the person), accepted (the person and office
 * it now belongs to), declined (with the other office's reason), withdrawn. Hidden when there are none.
 */
export function PersonLinksSection({ code }: { code: string }) {
  const t = useTranslations("personLinks.case");
  const format = useFormatter();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const data = useQuery(trpc.personLinks.forCase.queryOptions({ code }));
  const withdraw = useMutation(trpc.personLinks.withdraw.mutationOptions());
  const time = (ms: number) => format.dateTime(new Date(ms), { dateStyle: "medium", timeStyle: "short" });
  const links = data.data ?? [];
  if (!data.error && links.length === 0) return null;

  return (
    <section className="card" id="person-links" aria-labelledby="person-links-title">
      <h2 id="person-links-title">{t("title")}</h2>
      <p className="small muted">{t("intro")}</p>
      <ErrorBanner error={data.error ?? withdraw.error} />
      <ul className="transfer-list">
        {links.map((l) => (
          <li key={l.id} data-testid={`person-link-${l.id}`}>
            <p>
              <span className={`badge ${STATUS_BADGE[l.status]}`}>{t(`status.${l.status}`)}</span>{" "}
              <span className="small muted">
                {t("requestedBy", { name: l.requestedBy, time: time(l.requestedAt) })}
                {l.decidedAt && (l.decidedBy ? <> · {t("decidedBy", { name: l.decidedBy, time: time(l.decidedAt) })}</> : <> · {t("decidedAt", { time: time(l.decidedAt) })}</>)}
              </span>
            </p>
            {l.linkedPerson && (
              <p role="status">
                {t("linkedTo", { personCode: l.linkedPerson.personCode, officeName: l.linkedPerson.officeName, officeCode: l.linkedPerson.officeCode })}
              </p>
            )}
            {l.status === "declined" && (
              <>
                <p>{t("declined")}</p>
                {l.reason && (
                  <p className="small prewrap">
                    <strong>{t("reason")}:</strong> {l.reason}
                  </p>
                )}
              </>
            )}
            {l.canWithdraw && (
              <button
                type="button"
                className="btn btn-small btn-secondary no-print"
                disabled={withdraw.isPending}
                onClick={() =>
                  withdraw.mutate(
                    { id: l.id },
                    {
                      onSuccess: () => {
                        void queryClient.invalidateQueries({ queryKey: trpc.personLinks.forCase.queryKey({ code }) });
                        router.refresh();
                      },
                    },
                  )
                }
              >
                {t("withdraw")}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
