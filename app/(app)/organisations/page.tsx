import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { OrganisationsView } from "@/components/organisations/organisations-view";
import { can } from "@/lib/permissions";
import { requireUser } from "@/server/auth/current-user";
import { serverApi } from "@/server/caller";

export const metadata: Metadata = { title: "Partner organisations" };

/** The partner registry: everyone who works on cases searches it; supervisors (their offices) and
 * administrators (all) manage it. */
export default async function OrganisationsPage() {
  const user = await requireUser("organisation:read:all");
  const t = await getTranslations("organisations");
  const canCreate = can(user.role, "organisation:manage:office");
  const central = can(user.role, "organisation:manage:all");
  let offices: { id: number | null; label: string }[] = [];
  if (canCreate) {
    const api = await serverApi();
    const all = await api.offices.list({ active: true });
    const mine = central ? all : all.filter((o) => user.officeIds.includes(o.id));
    offices = [...(central ? [{ id: null, label: t("fields.central") }] : []), ...mine.map((o) => ({ id: o.id, label: `${o.code} — ${o.name}` }))];
  }
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("title")}</h1>
          <p>{canCreate ? t("introManage") : t("introRead")}</p>
        </div>
      </div>
      <OrganisationsView canCreate={canCreate} offices={offices} />
    </>
  );
}
