import { getTranslations } from "next-intl/server";
import { serverApi } from "@/server/caller";

/** A supervisor's open cases by status and owner. Staff names and counts only. */
export async function Workload() {
  const t = await getTranslations("statistics");
  const tc = await getTranslations("cases");
  const workload = await (await serverApi()).stats.workload();
  return (
    <section className="card" aria-labelledby="workload">
      <h2 id="workload">{t("workload.title")}</h2>
      <p className="small muted">{t("workload.intro")}</p>
      {workload.total === 0 ? (
        <p className="empty">{t("workload.none")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table stat-table">
            <thead>
              <tr>
                <th scope="col">{t("workload.owner")}</th>
                {workload.byStatus.map((s) => (
                  <th key={s.status} scope="col" className="num">
                    {tc(`status.${s.status}` as never)}
                  </th>
                ))}
                <th scope="col" className="num">
                  {t("workload.open")}
                </th>
              </tr>
            </thead>
            <tbody>
              {workload.byOwner.map((o) => (
                <tr key={o.ownerId}>
                  <th scope="row">{o.owner}</th>
                  {workload.byStatus.map((s) => (
                    <td key={s.status} className="num">
                      {o.counts[s.status] ?? 0}
                    </td>
                  ))}
                  <td className="num">{o.total}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t("table.total")}</th>
                {workload.byStatus.map((s) => (
                  <td key={s.status} className="num">
                    {s.count}
                  </td>
                ))}
                <td className="num">{workload.total}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </section>
  );
}
