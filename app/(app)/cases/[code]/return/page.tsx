import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ConsentNeeded } from "@/components/consent/consent-needed";
import { BestInterestSection } from "@/components/return/best-interest-section";
import { ProgrammeSection } from "@/components/return/programme-section";
import { TravelSection } from "@/components/return/travel-section";
import { requireUser } from "@/server/auth/current-user";
import { orNotFound, serverApi } from "@/server/caller";

export const metadata: Metadata = { title: "Return" };

/** Programme (AVRR / PARA), best-interest decision of an unaccompanied child, and return travel. */
export default async function ReturnPage({ params }: { params: Promise<{ code: string }> }) {
  await requireUser("case:read:own");
  const { code } = await params;
  const api = await serverApi();
  const data = await orNotFound(api.returns.forCase({ code: decodeURIComponent(code) }));
  const consent = await orNotFound(api.consents.forCase({ code: data.case.code }));
  const t = await getTranslations("return");
  const today = new Date().toISOString().slice(0, 10);
  const c = data.case;
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("title")}</h1>
          <p>
            <Link className="code" href={`/cases/${c.code}`}>
              {c.code}
            </Link>{" "}
            · {t("subtitle")}
          </p>
        </div>
        {(c.programme === "avrr" || c.programme === "para") && (
          <Link className="btn btn-secondary no-print" href={`/cases/${c.code}/reintegration`}>
            {t("toReintegration")}
          </Link>
        )}
      </div>
      {c.closed ? (
        <div className="alert alert-info" role="status">
          {t("closed")}
        </div>
      ) : (
        <ConsentNeeded code={c.code} block={consent.assistanceBlock} />
      )}
      <ProgrammeSection data={data} today={today} />
      {c.unaccompaniedChild && <BestInterestSection data={data} today={today} />}
      <TravelSection data={data} today={today} />
      <p className="no-print">
        <Link href={`/cases/${c.code}`}>← {t("backToCase")}</Link>
      </p>
    </>
  );
}
