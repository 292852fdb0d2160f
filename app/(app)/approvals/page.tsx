import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { IncomingPersonLinks } from "@/components/person-links/incoming-person-links";
import { can } from "@/lib/permissions";
import { requireUser } from "@/server/auth/current-user";
import { serverApi } from "@/server/caller";

export const metadata: Metadata = { title: "Approvals" };

/** Supervisors: determinations of their offices awaiting approval, oldest first; other offices'
 * requests to link a case to a person of theirs (issue 11 item 2). */
export default async function ApprovalsPage() {
  const user = await requireUser("determination:approve:office");
  const t = await getTranslations("forms");
  const tc = await getTranslations("common");
  const format = await getFormatter();
  const api = await serverApi();
  const queue = await api.determinations.queue();
  const linkRequests = can(user.role, "personlink:decide:office") ? await api.personLinks.incoming() : null;
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("queue.title")}</h1>
          <p>{t("queue.intro")}</p>
        </div>
      </div>
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">{t("queue.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("queue.case")}</th>
              <th scope="col">{t("queue.office")}</th>
              <th scope="col">{t("queue.decision")}</th>
              <th scope="col">{t("queue.computed")}</th>
              <th scope="col">{t("queue.submitted")}</th>
              <th scope="col">
                <span className="visually-hidden">{tc("actions.continue")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {queue.map((d) => (
              <tr key={d.id}>
                <td className="code">{d.caseCode}</td>
                <td>{d.officeCode}</td>
                <td>
                  {t(`screening.decisions.${d.decision as "victim"}`)}
                  {d.decision !== d.computed && <span className="badge badge-warning"> {t("queue.overridden")}</span>}
                </td>
                <td>{t(`determination.outcomes.${d.computed as "victim"}`)}</td>
                <td>
                  {d.submittedBy}, {format.dateTime(new Date(d.submittedAt), { dateStyle: "medium", timeStyle: "short" })}
                </td>
                <td>
                  {d.ownSubmission ? (
                    <span className="muted small">{t("queue.ownSubmission")}</span>
                  ) : (
                    <Link className="btn btn-small" href={`/cases/${d.caseCode}/screening`}>
                      {t("queue.review")}
                    </Link>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {queue.length === 0 && <p className="empty">{t("queue.empty")}</p>}
      </div>
      {linkRequests && <IncomingPersonLinks requests={linkRequests} />}
    </>
  );
}
