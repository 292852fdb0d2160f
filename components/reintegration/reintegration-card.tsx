import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { serverApi } from "@/server/caller";

/** The case page's card for the reintegration plan and monitoring; the work happens on /reintegration. */
export async function ReintegrationCard({ code }: { code: string }) {
  const api = await serverApi();
  const s = await api.reintegration.summary({ code });
  if (!s.enrolled) return null;
  const t = await getTranslations("reintegration");
  const started = s.hasPlan || s.steps.planned + s.steps.inProgress + s.steps.done + s.steps.cancelled > 0;
  return (
    <section className="card" aria-labelledby="reintegration-card">
      <div className="row return-card-head">
        <h2 id="reintegration-card">{t("card.title")}</h2>
        <Link className="btn btn-secondary no-print" href={`/cases/${code}/reintegration`}>
          {started ? t("card.open") : t("card.start")}
        </Link>
      </div>
      <p>
        {started ? t("card.steps", { planned: s.steps.planned, inProgress: s.steps.inProgress, done: s.steps.done }) : t("card.noPlan")}
        {" · "}
        {s.nextVisit ? t("card.nextVisit", { months: s.nextVisit.months, date: s.nextVisit.dueOn }) : s.visitsDone > 0 ? t("card.visitsDone", { count: s.visitsDone }) : t("card.noVisits")}
      </p>
      {s.coreTypes.length > 0 && <p className="small muted">{t("card.counted", { types: s.coreTypes.map((v) => t(`steps.types.${v}`)).join(", ") })}</p>}
    </section>
  );
}
