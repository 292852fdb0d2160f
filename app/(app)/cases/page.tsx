import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CaseFilters } from "@/components/cases/case-filters";
import { CaseTable } from "@/components/cases/case-table";
import { can } from "@/lib/permissions";
import { ZCaseListQuery } from "@/lib/schemas/registry";
import { requireUser } from "@/server/auth/current-user";

export const metadata: Metadata = { title: "Cases" };

export default async function CasesPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requireUser("case:read:own");
  const t = await getTranslations("cases");
  const params = await searchParams;
  // Unknown or malformed filter values are dropped rather than failing the page.
  const clean = Object.fromEntries(Object.entries(params).filter(([, v]) => v)) as Record<string, string>;
  const parsed = ZCaseListQuery.safeParse(clean);
  const query = parsed.success ? parsed.data : ZCaseListQuery.parse({});
  const { cursor: _cursor, ...listQuery } = query;
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
      <CaseFilters values={clean} />
      <CaseTable query={listQuery} />
    </>
  );
}
