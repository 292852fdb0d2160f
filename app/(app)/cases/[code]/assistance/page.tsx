import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AssistanceWorkspace } from "@/components/assistance/assistance-workspace";
import { can } from "@/lib/permissions";
import { requireUser } from "@/server/auth/current-user";
import { orNotFound, serverApi } from "@/server/caller";

export const metadata: Metadata = { title: "Assistance interview" };

/**
 * The assistance interview of a case. Without consent to assistance and to data processing the
 * form does not open (the server refuses it too); after a withdrawal the answers stay readable.
 */
export default async function AssistancePage({
  params,
  searchParams,
}: {
  params: Promise<{ code: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const user = await requireUser("form:read:own");
  const { code } = await params;
  const { revision } = await searchParams;
  const api = await serverApi();
  const c = await orNotFound(api.cases.get({ code: decodeURIComponent(code) }));
  const consent = await api.consents.forCase({ code: c.code });
  const state = await orNotFound(api.forms.get({ caseCode: c.code, formId: "assistance", prefill: true }));
  const organisations = can(user.role, "organisation:read:all") ? await api.organisations.list({ includeInactive: true }) : [];
  const revisionNumber = revision ? Number(revision) : null;
  const viewing =
    revisionNumber && Number.isInteger(revisionNumber) && revisionNumber > 0
      ? await orNotFound(api.forms.revision({ caseCode: c.code, formId: "assistance", revision: revisionNumber }))
      : null;
  const withdrawn = consent.assistanceBlock === "withdrawn";
  const withdrawal = [consent.current.assistance, consent.current.data_processing].find((e) => e?.decision === "withdrawn");
  const t = await getTranslations("assistance");
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("form.title")}</h1>
          <p>
            <Link className="code" href={`/cases/${c.code}`}>
              {c.code}
            </Link>{" "}
            · {t("subtitle")}
          </p>
        </div>
      </div>
      <AssistanceWorkspace
        state={{
          caseCode: c.code,
          writable: state.writable,
          canWrite: can(user.role, "form:write:own"),
          consentBlock: consent.assistanceBlock === null ? null : withdrawn ? { kind: "withdrawn", on: withdrawal?.on ?? "" } : { kind: "missing" },
          closed: c.status === "Closed" || c.status === "ClosedReferred",
          draft: state.draft,
          prefill: state.prefill,
          latest: state.latest,
          revisions: state.revisions,
          viewing: viewing ? { revision: viewing.revision, answers: viewing.answers } : null,
          organisations: organisations.map((o) => ({ id: o.id, name: o.name, city: o.city, countryIso2: o.countryIso2, active: o.active })),
        }}
      />
    </>
  );
}
