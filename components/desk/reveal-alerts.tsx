import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/routers/_app";

type Alerts = inferRouterOutputs<AppRouter>["revealLimits"]["alerts"];

/**
 * For supervisors (issue 11 item 6): colleagues of their offices who were refused an identity
 * because they reached the hourly reveal limit. Names of colleagues and times only; the office's
 * audit trail has each refused reveal.
 */
export async function RevealAlerts({ data }: { data: Alerts }) {
  const t = await getTranslations("limits.alerts");
  const format = await getFormatter();
  const time = (ms: number) => format.dateTime(new Date(ms), { dateStyle: "medium", timeStyle: "short" });
  return (
    <section className="card desk-block" aria-labelledby="reveal-alerts-title" id="reveal-alerts">
      <h2>
        <span id="reveal-alerts-title">{t("title")}</span> <span className={`badge ${data.alerts.length ? "badge-danger" : ""}`}>{data.alerts.length}</span>
      </h2>
      <p className="muted small">{t("intro", { days: data.days, limit: data.limit })}</p>
      {data.alerts.length === 0 ? (
        <p className="muted">{t("empty")}</p>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t("title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("user")}</th>
                  <th scope="col" className="num">
                    {t("refusals")}
                  </th>
                  <th scope="col">{t("first")}</th>
                  <th scope="col">{t("last")}</th>
                </tr>
              </thead>
              <tbody>
                {data.alerts.map((a) => (
                  <tr key={`${a.userId}-${a.officeId}`}>
                    <td>{a.userName}</td>
                    <td className="num">{format.number(a.refusals)}</td>
                    <td>{time(a.firstAt)}</td>
                    <td>{time(a.lastAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="small">
            <Link href="/admin/audit">{t("auditLink")}</Link>
          </p>
        </>
      )}
    </section>
  );
}
