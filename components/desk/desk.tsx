import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { ClosureQueueTable } from "@/components/closure/closure-queue";
import { IncomingTransfers } from "@/components/transfers/incoming-transfers";
import { countryName } from "@/lib/reference/countries";
import type { Timing } from "@/lib/workflows/desk";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/routers/_app";

type DeskView = inferRouterOutputs<AppRouter>["desk"]["get"];

const TIMING_BADGE: Record<Timing, string> = { late: "badge-danger", today: "badge-warning", coming: "badge-accent" };

async function TimingBadge({ timing }: { timing: Timing }) {
  const t = await getTranslations("desk.timing");
  return <span className={`badge ${TIMING_BADGE[timing]}`}>{t(timing)}</span>;
}

function CaseLink({ code, hash }: { code: string; hash?: string }) {
  return (
    <Link className="code" href={`/cases/${code}${hash ? `#${hash}` : ""}`}>
      {code}
    </Link>
  );
}

/** One block of the desk: a heading, and a table or the "nothing" line. */
function Block({ id, title, count, empty, children }: { id: string; title: string; count: number; empty: string; children: ReactNode }) {
  return (
    <section className="card desk-block" aria-labelledby={`${id}-title`} id={id}>
      <h2>
        <span id={`${id}-title`}>{title}</span> <span className="badge">{count}</span>
      </h2>
      {count === 0 ? <p className="muted">{empty}</p> : <div className="table-wrap">{children}</div>}
    </section>
  );
}

/**
 * The caseworker's desk: what is due on the user's cases (the office's for a supervisor) in the
 * coming days, what was returned, and for supervisors the approvals waiting. Codes and values only.
 */
export async function Desk({ desk, selfId }: { desk: DeskView; selfId: number }) {
  const t = await getTranslations("desk");
  const tr = await getTranslations("referrals");
  const tc = await getTranslations("closure");
  const tf = await getTranslations("forms");
  const tstats = await getTranslations("statistics.values.reintegration");
  const format = await getFormatter();
  const time = (ms: number | null) => (ms ? format.dateTime(new Date(ms), { dateStyle: "medium" }) : "—");
  const overdue = desk.referrals.filter((r) => r.overdue).length;
  const approvalsCount = desk.approvals ? desk.approvals.determinations.length + desk.approvals.closures.length + desk.approvals.transfers.length : 0;
  const returnedCount = desk.returned.determinations.length + desk.returned.closures.length;

  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("title")}</h1>
          <p>{t(desk.scope === "office" ? "introOffice" : "introOwn", { today: desk.today, days: desk.days })}</p>
        </div>
      </div>

      <ul className="desk-summary" aria-label={t("summary.label")}>
        <li>
          <a href="#desk-referrals">{t("summary.referrals", { count: desk.referrals.length })}</a>
          {overdue > 0 && <span className="badge badge-danger">{t("summary.overdue", { count: overdue })}</span>}
        </li>
        <li>
          <a href="#desk-travel">{t("summary.travel", { count: desk.travel.length })}</a>
        </li>
        <li>
          <a href="#desk-steps">{t("summary.steps", { count: desk.steps.length })}</a>
        </li>
        <li>
          <a href="#desk-visits">{t("summary.visits", { count: desk.visits.length })}</a>
        </li>
        {desk.approvals && (
          <li>
            <a href="#desk-approvals">{t("summary.approvals", { count: approvalsCount })}</a>
          </li>
        )}
      </ul>

      {desk.approvals && (
        <div id="desk-approvals" className="desk-approvals">
          <h2 className="desk-section-title">{t("approvals.title")}</h2>
          <div className="desk-grid">
            <Block id="desk-determinations" title={t("approvals.determinations")} count={desk.approvals.determinations.length} empty={t("approvals.determinationsEmpty")}>
              <DeskTable
                caption={t("approvals.determinations")}
                columns={[t("case"), t("approvals.submittedBy"), <span key="review" className="visually-hidden">{t("approvals.review")}</span>]}
              >
                {desk.approvals.determinations.map((d) => (
                  <tr key={d.id}>
                    <td>
                      <span className="code">{d.caseCode}</span>
                      <div className="small muted">{tf(`screening.decisions.${d.decision as "victim"}`)}</div>
                    </td>
                    <td className="small">
                      {d.submittedBy}, {time(d.submittedAt)}
                    </td>
                    <td>
                      {d.ownSubmission ? (
                        <span className="small muted">{t("approvals.ownSubmission")}</span>
                      ) : (
                        <Link className="btn btn-small" href={`/cases/${d.caseCode}/screening`}>
                          {t("approvals.review")}
                        </Link>
                      )}
                    </td>
                  </tr>
                ))}
              </DeskTable>
            </Block>
            <Block id="desk-closures" title={tc("queue.title")} count={desk.approvals.closures.length} empty={tc("queue.empty")}>
              <ClosureQueueTable closures={desk.approvals.closures} caption={tc("queue.title")} />
            </Block>
          </div>
          <IncomingTransfers transfers={desk.approvals.transfers} selfId={selfId} />
        </div>
      )}

      <Block id="desk-referrals" title={t("referrals.title")} count={desk.referrals.length} empty={t("referrals.empty")}>
        <DeskTable caption={t("referrals.title")} columns={[t("case"), t("referrals.direction"), t("referrals.organisation"), t("referrals.due")]}>
          {desk.referrals.map((r) => (
            <tr key={r.id} data-testid={`desk-referral-${r.id}`}>
              <td>
                <CaseLink code={r.caseCode} hash="referrals" />
              </td>
              <td>{tr(`direction.short.${r.direction}`)}</td>
              <td>{r.organisationName}</td>
              <td>
                {r.dueOn ?? t("referrals.noDue")} {r.overdue && <span className="badge badge-danger">{t("referrals.overdue")}</span>}
              </td>
            </tr>
          ))}
        </DeskTable>
      </Block>

      <div className="desk-grid">
        <Block id="desk-travel" title={t("travel.title")} count={desk.travel.length} empty={t("travel.empty")}>
          <DeskTable caption={t("travel.title")} columns={[t("case"), t("travel.route"), t("travel.departure")]}>
            {desk.travel.map((m) => (
              <tr key={m.id}>
                <td>
                  <CaseLink code={m.caseCode} />
                </td>
                <td className="small">
                  {countryName(m.fromCountry)} → {countryName(m.toCountry)}
                  <div className="muted">
                    {t("travel.fit")}: {t(`travel.fitValues.${m.fitToTravel}`)}
                    {m.escort && <> · {t("travel.escort")}</>}
                  </div>
                </td>
                <td>
                  {m.departureOn} <TimingBadge timing={m.timing} />
                </td>
              </tr>
            ))}
          </DeskTable>
        </Block>
        <Block id="desk-returned" title={t("returned.title")} count={returnedCount} empty={t("returned.empty")}>
          <DeskTable caption={t("returned.title")} columns={[t("case"), t("returned.what"), t("returned.by")]}>
            {desk.returned.determinations.map((d) => (
              <tr key={`d-${d.id}`}>
                <td>
                  <Link className="code" href={`/cases/${d.caseCode}/screening`}>
                    {d.caseCode}
                  </Link>
                </td>
                <td>{t("returned.determination")}</td>
                <td className="small">
                  {d.reviewedBy ?? "—"}, {time(d.reviewedAt)}
                </td>
              </tr>
            ))}
            {desk.returned.closures.map((c) => (
              <tr key={`c-${c.id}`}>
                <td>
                  <CaseLink code={c.caseCode} hash="closure" />
                </td>
                <td>{t("returned.closure", { reason: c.reason ? tc(`reasons.${c.reason}`) : "—" })}</td>
                <td className="small">
                  {c.reviewedBy ?? "—"}, {time(c.reviewedAt)}
                </td>
              </tr>
            ))}
          </DeskTable>
        </Block>
        <Block id="desk-steps" title={t("steps.title")} count={desk.steps.length} empty={t("steps.empty")}>
          <DeskTable caption={t("steps.title")} columns={[t("case"), t("steps.type"), t("steps.planned")]}>
            {desk.steps.map((s) => (
              <tr key={s.id}>
                <td>
                  <CaseLink code={s.caseCode} />
                </td>
                <td>
                  {tstats(s.type)}
                  <div className="small muted">{t(`steps.statuses.${s.status as "planned"}`)}</div>
                </td>
                <td>
                  {s.plannedOn} <TimingBadge timing={s.timing} />
                </td>
              </tr>
            ))}
          </DeskTable>
        </Block>
        <Block id="desk-visits" title={t("visits.title")} count={desk.visits.length} empty={t("visits.empty")}>
          <DeskTable caption={t("visits.title")} columns={[t("case"), t("visits.visit"), t("visits.due")]}>
            {desk.visits.map((v) => (
              <tr key={v.id}>
                <td>
                  <CaseLink code={v.caseCode} />
                </td>
                <td>{t("visits.months", { months: v.months })}</td>
                <td>
                  {v.dueOn} <TimingBadge timing={v.timing} />
                </td>
              </tr>
            ))}
          </DeskTable>
        </Block>
      </div>
    </>
  );
}

/** A desk list: a table captioned for screen readers, with its column headings. */
function DeskTable({ caption, columns, children }: { caption: string; columns: ReactNode[]; children: ReactNode }) {
  return (
    <table className="table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th key={i} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
