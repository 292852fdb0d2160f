import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ClosureQueueTable } from "@/components/closure/closure-queue";
import { IncomingPersonLinks } from "@/components/person-links/incoming-person-links";
import { IncomingTransfers } from "@/components/transfers/incoming-transfers";
import { can } from "@/lib/permissions";
import { requireUser } from "@/server/auth/current-user";
import { serverApi } from "@/server/caller";

export const metadata: Metadata = { title: "Approvals" };

/** One queue of the page: a heading with its count, then its table or the "nothing waits" line. */
function Queue({ id, title, count, empty, children }: { id: string; title: string; count: number; empty: string; children: ReactNode }) {
  return (
    <section className="card" id={id} aria-labelledby={`${id}-title`}>
      <h2 className="with-count">
        <span id={`${id}-title`}>{title}</span> <span className="badge">{count}</span>
      </h2>
      {count === 0 ? <p className="muted">{empty}</p> : <div className="table-wrap">{children}</div>}
    </section>
  );
}

/**
 * Supervisors: everything waiting for their decision in their offices (issue 15 item 9), each with
 * its action: determinations (review on the screening page), closure requests (review on the case),
 * transfers to their office (accept or decline here) and other offices' requests to link a case to
 * a person of theirs (accept or decline here). The same services as the desk compute them. Consent
 * overrides wait for no one: a supervisor records one directly, with a reason, audited (decision 0030).
 */
export default async function ApprovalsPage() {
  const user = await requireUser("determination:approve:office");
  const t = await getTranslations("forms");
  const ta = await getTranslations("approvals");
  const tcl = await getTranslations("closure");
  const tc = await getTranslations("common");
  const format = await getFormatter();
  const api = await serverApi();
  const queue = await api.determinations.queue();
  const closures = can(user.role, "closure:approve:office") ? await api.closure.queue() : null;
  const transfers = can(user.role, "transfer:decide:office") ? await api.transfers.incoming() : null;
  const linkRequests = can(user.role, "personlink:decide:office") ? await api.personLinks.incoming() : null;
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("queue.title")}</h1>
          <p>{ta("intro")}</p>
        </div>
      </div>
      <ul className="desk-summary" aria-label={ta("summaryLabel")}>
        <li>
          <a href="#approvals-determinations">{ta("summary.determinations", { count: queue.length })}</a>
        </li>
        {closures && (
          <li>
            <a href="#approvals-closures">{ta("summary.closures", { count: closures.length })}</a>
          </li>
        )}
        {transfers && (
          <li>
            <a href="#incoming-transfers">{ta("summary.transfers", { count: transfers.length })}</a>
          </li>
        )}
        {linkRequests && (
          <li>
            <a href="#incoming-person-links">{ta("summary.personLinks", { count: linkRequests.length })}</a>
          </li>
        )}
      </ul>
      <Queue id="approvals-determinations" title={ta("determinationsTitle")} count={queue.length} empty={t("queue.empty")}>
        <table className="table">
          <caption className="visually-hidden">{ta("determinationsTitle")}</caption>
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
      </Queue>
      {closures && (
        <Queue id="approvals-closures" title={tcl("queue.title")} count={closures.length} empty={tcl("queue.empty")}>
          <ClosureQueueTable closures={closures} caption={tcl("queue.title")} />
        </Queue>
      )}
      {transfers && <IncomingTransfers transfers={transfers} selfId={user.id} />}
      {linkRequests && <IncomingPersonLinks requests={linkRequests} />}
    </>
  );
}
