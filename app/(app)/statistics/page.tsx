import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/server/auth/current-user";
import { serverApi } from "@/server/caller";

export const metadata: Metadata = { title: "Statistics" };

/** Statistics home for data officers (all offices) and supervisors (their offices). */
export default async function StatisticsPage() {
  await requireUser("stats:read:office");
  const t = await getTranslations("statistics");
  const overview = await (await serverApi()).stats.overview();
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("title")}</h1>
          <p>{t("intro")}</p>
        </div>
      </div>
      <section className="card" aria-labelledby="by-office">
        <h2 id="by-office">{t("byOfficeYear")}</h2>
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("office")}</th>
                {overview.years.map((y) => (
                  <th key={y} scope="col" className="num">
                    {y}
                  </th>
                ))}
                <th scope="col" className="num">
                  {t("total")}
                </th>
              </tr>
            </thead>
            <tbody>
              {overview.offices.map((o) => (
                <tr key={o.code}>
                  <th scope="row">
                    {o.name} ({o.code})
                  </th>
                  {overview.years.map((y) => (
                    <td key={y} className="num">
                      {o.byYear[y] ?? 0}
                    </td>
                  ))}
                  <td className="num">{o.total}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t("total")}</th>
                {overview.years.map((y) => (
                  <td key={y} className="num">
                    {overview.offices.reduce((s, o) => s + (o.byYear[y] ?? 0), 0)}
                  </td>
                ))}
                <td className="num">{overview.total}</td>
              </tr>
            </tfoot>
          </table>
        </div>
        <p className="small muted">{t("countsNote")}</p>
      </section>
    </>
  );
}
