"use client";

import { useMutation } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { ErrorAlert } from "@/components/admin/error-alert";
import { countryName } from "@/lib/reference/countries";

/**
 * The identity, hidden until the user explicitly asks. Each reveal is a server call that writes an
 * audit event; nothing is cached in the browser beyond this component's memory, and hiding drops it.
 * A person imported without names has no identity: the panel says so instead of offering a reveal;
 * one whose identity the retention period or an erasure removed says when (issue 11 item 12).
 * A reveal refused by the hourly limit says so in words (issue 11 item 6).
 */
export function IdentityPanel({
  code,
  recorded,
  removal = null,
}: {
  code: string;
  recorded: boolean;
  removal?: { removedAt: number; cause: "retention" | "erasure" } | null;
}) {
  const t = useTranslations("cases.detail");
  const tRemoved = useTranslations("retention.removed");
  const format = useFormatter();
  const tr = useTranslations("cases.register");
  const trpc = useTRPC();
  const reveal = useMutation(trpc.cases.revealIdentity.mutationOptions({ gcTime: 0 }));
  const [shownAt, setShownAt] = useState<string | null>(null);
  const identity = shownAt ? reveal.data : undefined;

  return (
    <section className="card identity-panel" aria-labelledby="identity-title">
      <h2 id="identity-title">{t("identityTitle")}</h2>
      <ErrorAlert error={reveal.error} showFieldMessage />
      {removal && !recorded ? (
        <p className="muted" data-testid="identity-removed">
          {tRemoved(removal.cause, { date: format.dateTime(new Date(removal.removedAt), { dateStyle: "long" }) })}
        </p>
      ) : !recorded ? (
        <p className="muted" data-testid="no-identity">
          {t("identityNone")}
        </p>
      ) : !identity ? (
        <>
          <p className="muted">{t("identityHidden")}</p>
          <button
            type="button"
            className="btn"
            disabled={reveal.isPending}
            onClick={() => reveal.mutate({ code }, { onSuccess: () => setShownAt(new Date().toLocaleTimeString()) })}
          >
            {reveal.isPending ? t("revealing") : t("reveal")}
          </button>
        </>
      ) : (
        <>
          <p className="small" role="status">
            {t("revealedNotice", { time: shownAt ?? "" })}
          </p>
          <dl className="facts" data-testid="identity">
            <dt>{tr("familyName")}</dt>
            <dd>{identity.familyName}</dd>
            <dt>{tr("givenName")}</dt>
            <dd>{identity.givenName}</dd>
            {identity.aliases.length > 0 && (
              <>
                <dt>{tr("aliases")}</dt>
                <dd>{identity.aliases.join("; ")}</dd>
              </>
            )}
            {identity.birthDate && (
              <>
                <dt>{tr("birthDate")}</dt>
                <dd>{identity.birthDate}</dd>
              </>
            )}
            {identity.placeOfBirth && (
              <>
                <dt>{tr("placeOfBirth")}</dt>
                <dd>{identity.placeOfBirth}</dd>
              </>
            )}
            {identity.documents.map((d, i) => (
              <span key={i} style={{ display: "contents" }}>
                <dt>{tr(`documentTypes.${d.type}`)}</dt>
                <dd>
                  {d.number}
                  {d.issuingCountry ? ` (${countryName(d.issuingCountry)})` : ""}
                </dd>
              </span>
            ))}
            {identity.phone && (
              <>
                <dt>{tr("phone")}</dt>
                <dd>{identity.phone}</dd>
              </>
            )}
            {identity.address && (
              <>
                <dt>{tr("address")}</dt>
                <dd>{identity.address}</dd>
              </>
            )}
            {identity.nextOfKin.map((k, i) => (
              <span key={i} style={{ display: "contents" }}>
                <dt>{tr("kinLegend")}</dt>
                <dd>
                  {k.name}
                  {k.relationship ? `, ${k.relationship}` : ""}
                  {k.phone ? `, ${k.phone}` : ""}
                </dd>
              </span>
            ))}
          </dl>
          <div className="form-actions">
            <button
              type="button"
              className="btn btn-secondary"
              onClick={() => {
                setShownAt(null);
                reveal.reset();
              }}
            >
              {t("hide")}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
