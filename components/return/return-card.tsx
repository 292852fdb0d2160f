import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { countryName } from "@/lib/reference/countries";
import { serverApi } from "@/server/caller";

/** The case page's card for the programme and return travel; the work happens on /return. */
export async function ReturnCard({ code }: { code: string }) {
  const api = await serverApi();
  const s = await api.returns.summary({ code });
  const t = await getTranslations("return");
  const enrolled = s.programme === "avrr" || s.programme === "para";
  return (
    <section className="card" aria-labelledby="return-card">
      <div className="row return-card-head">
        <h2 id="return-card">{t("card.title")}</h2>
        <Link className="btn btn-secondary no-print" href={`/cases/${code}/return`}>
          {enrolled || !s.canEnrol ? t("card.open") : t("card.start")}
        </Link>
      </div>
      {!enrolled ? (
        <p className="muted">{t("card.notEnrolled")}</p>
      ) : (
        <p>
          <span className="badge badge-accent">{t(`programme.short.${s.programme as "avrr"}`)}</span>{" "}
          {t("card.route", { from: countryName(s.hostCountry) || "—", to: countryName(s.returnCountry) || "—" })}
          {" · "}
          {s.returnedOn
            ? t("card.returned", { date: s.returnedOn })
            : s.travel
              ? t("card.travel", { status: t(`travel.statuses.${s.travel.status}`), date: s.travel.departureOn })
              : t("card.noTravel")}
        </p>
      )}
    </section>
  );
}
