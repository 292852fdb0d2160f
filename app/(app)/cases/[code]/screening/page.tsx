import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ScreeningWorkspace } from "@/components/screening/screening-workspace";
import { can } from "@/lib/permissions";
import { requireUser } from "@/server/auth/current-user";
import { orNotFound, serverApi } from "@/server/caller";

export const metadata: Metadata = { title: "Screening" };

export default async function ScreeningPage({
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
  const caseCode = decodeURIComponent(code);
  const c = await orNotFound(api.cases.get({ code: caseCode }));
  const state = await orNotFound(api.forms.get({ caseCode: c.code, formId: "screening", prefill: true }));
  const determinations = await api.determinations.forCase({ code: c.code });
  const revisionNumber = revision ? Number(revision) : null;
  const viewing =
    revisionNumber && Number.isInteger(revisionNumber) && revisionNumber > 0
      ? await orNotFound(api.forms.revision({ caseCode: c.code, formId: "screening", revision: revisionNumber }))
      : null;
  const t = await getTranslations("forms");
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("screening.title")}</h1>
          <p>
            <Link className="code" href={`/cases/${c.code}`}>
              {c.code}
            </Link>{" "}
            · {t("screening.subtitle")}
          </p>
        </div>
      </div>
      <ScreeningWorkspace
        state={{
          caseCode: c.code,
          writable: state.writable,
          canWrite: can(user.role, "form:write:own"),
          draft: state.draft,
          prefill: state.prefill,
          latest: state.latest,
          revisions: state.revisions,
          determinations,
          viewing: viewing ? { revision: viewing.revision, answers: viewing.answers } : null,
        }}
      />
    </>
  );
}
