import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CaseFilters } from "@/components/cases/case-filters";
import { CaseTable } from "@/components/cases/case-table";
import { FindPersonByName } from "@/components/persons/find-person-by-name";
import { can } from "@/lib/permissions";
import { caseListQueryFromParams } from "@/lib/schemas/case-list";
import { todayIso } from "@/lib/workflows/desk";
import { requireUser } from "@/server/auth/current-user";
import { serverApi } from "@/server/caller";

export const metadata: Metadata = { title: "Cases" };

export default async function CasesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser("case:read:own");
  const t = await getTranslations("cases");
  // Unknown or malformed parameters are dropped one by one rather than failing the page.
  const query = caseListQueryFromParams(await searchParams);
  const api = await serverApi();
  const data = await api.cases.list(query);
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("list.title")}</h1>
          <p>{can(user.role, "case:read:office") ? t("list.introOffice") : t("list.introOwn")}</p>
        </div>
        {can(user.role, "case:create:office") && (
          <Link className="btn no-print" href="/cases/new">
            {t("list.register")}
          </Link>
        )}
      </div>
      {can(user.role, "person:search:office") && <FindPersonByName today={todayIso()} />}
      <CaseFilters values={{ ...query, sort: data.sort, dir: data.dir }} owners={data.owners} />
      <CaseTable data={data} query={query} showOffice={user.officeIds.length !== 1} />
    </>
  );
}
