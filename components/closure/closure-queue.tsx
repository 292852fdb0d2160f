import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { ClosureReason } from "@/lib/workflows/case-lifecycle";

export type ClosureQueueRow = {
  id: number;
  caseCode: string;
  officeCode: string;
  reason: ClosureReason | null;
  requestedAt: number;
  requestedBy: string;
  ownRequest: boolean;
};

/**
 * Closure requests awaiting a supervisor's approval (closure.queue), each with its action: review
 * on the case's closure section, or "your own request" (a supervisor never approves their own).
 * Two columns (the reason under the code), so the action stays in view on a 390 px phone.
 * Shown on the desk and on the Approvals page.
 */
export async function ClosureQueueTable({ closures, caption }: { closures: readonly ClosureQueueRow[]; caption: string }) {
  const t = await getTranslations("closure");
  const td = await getTranslations("desk");
  const format = await getFormatter();
  return (
    <table className="table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{td("case")}</th>
          <th scope="col">
            <span className="visually-hidden">{t("queue.review")}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {closures.map((c) => (
          <tr key={c.id} data-testid={`closure-request-${c.caseCode}`}>
            <td>
              <span className="code">{c.caseCode}</span>
              {c.reason && <div className="small">{t("requested", { reason: t(`reasons.${c.reason}`) })}</div>}
              <div className="small muted">
                {c.requestedBy}, {format.dateTime(new Date(c.requestedAt), { dateStyle: "medium" })}
              </div>
            </td>
            <td>
              {c.ownRequest ? (
                <span className="small muted">{t("queue.own")}</span>
              ) : (
                <Link className="btn btn-small" href={`/cases/${c.caseCode}#closure`}>
                  {t("queue.review")}
                </Link>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
