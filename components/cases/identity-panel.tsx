"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { ErrorBanner } from "@/components/ui/error-banner";
import { countryName } from "@/lib/reference/countries";

/**
 * The identity, hidden until the user explicitly asks. Each reveal is a server call that writes an
 * audit event; nothing is cached in the browser beyond this component's memory, and hiding drops it.
 * A person imported without names has no identity: the panel says so instead of offering a reveal.
 */
export function IdentityPanel({ code, recorded }: { code: string; recorded: boolean }) {
  const t = useTranslations("cases.detail");
  const tr = useTranslations("cases.register");
  const trpc = useTRPC();
  const reveal = useMutation(trpc.cases.revealIdentity.mutationOptions({ gcTime: 0 }));
  const [shownAt, setShownAt] = useState<string | null>(null);
  const identity = shownAt ? reveal.data : undefined;

  return (
    <section className="card identity-panel" aria-labelledby="identity-title">
      <h2 id="identity-title">{t("identityTitle")}</h2>
      <ErrorBanner error={reveal.error} />
      {!recorded ? (
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
