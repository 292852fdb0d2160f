import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** Tabs between the statistics pages; the export tab only for users who may export. */
export async function StatsNav({ current, canExport }: { current: "dashboard" | "review" | "export"; canExport: boolean }) {
  const t = await getTranslations("statistics");
  const items = [
    { key: "dashboard", href: "/statistics", label: t("nav.dashboard") },
    { key: "review", href: "/statistics/review", label: t("nav.review") },
    ...(canExport ? [{ key: "export", href: "/statistics/export", label: t("nav.export") }] : []),
  ] as const;
  return (
    <nav className="stats-nav no-print" aria-label={t("nav.sectionsLabel")}>
      {items.map((item) => (
        <Link key={item.key} href={item.href} aria-current={current === item.key ? "page" : undefined}>
          {item.label}
        </Link>
      ))}
    </nav>
  );
}
