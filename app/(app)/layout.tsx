import { getTranslations } from "next-intl/server";
import Link from "next/link";
import type { ReactNode } from "react";
import { TrpcProvider } from "@/components/providers/trpc";
import { MobileMenu } from "@/components/shell/mobile-menu";
import { NavLinks, type NavItem } from "@/components/shell/nav-links";
import { SessionTimeout } from "@/components/shell/session-timeout";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { can } from "@/lib/permissions";
import { requireUser } from "@/server/auth/current-user";

/** The signed-in shell. It only lays out the navigation: each page checks its own permission. */
export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const t = await getTranslations("common");
  const tDesk = await getTranslations("desk");
  const items: NavItem[] = [];
  if (can(user.role, "case:read:own")) items.push({ href: "/desk", label: tDesk("nav") });
  if (can(user.role, "case:read:own")) items.push({ href: "/cases", label: t("nav.cases") });
  if (can(user.role, "case:create:office")) items.push({ href: "/cases/new", label: t("nav.newCase") });
  if (can(user.role, "determination:approve:office")) items.push({ href: "/approvals", label: t("nav.approvals") });
  if (can(user.role, "organisation:read:all")) items.push({ href: "/organisations", label: t("nav.organisations") });
  if (can(user.role, "stats:read:office")) items.push({ href: "/statistics", label: t("nav.statistics") });
  if (can(user.role, "import:write:office") || can(user.role, "export:cases:office")) {
    items.push({ href: "/import", label: (await getTranslations("interchange"))("nav") });
  }
  if (can(user.role, "user:manage:all")) items.push({ href: "/admin/users", label: t("nav.users") });
  if (can(user.role, "office:manage:all")) items.push({ href: "/admin/offices", label: t("nav.offices") });
  if (can(user.role, "audit:read:office")) items.push({ href: "/admin/audit", label: t("nav.audit") });
  if (can(user.role, "retention:manage:all")) items.push({ href: "/admin/retention", label: (await getTranslations("retention"))("nav") });

  return (
    <TrpcProvider>
      <a className="skip-link" href="#main">
        {t("skipToContent")}
      </a>
      <MobileMenu sidebarId="sidebar" />
      <div className="shell">
        <aside className="sidebar" id="sidebar">
          <div className="brand">
            {t("appName")}
            <small>{t(`roles.${user.role}`)}</small>
          </div>
          <NavLinks items={items} label={t("nav.label")} />
          <div className="sidebar-footer">
            {/* The own account (issue 15 item 11): password and sessions, for every role. */}
            <Link className="sidebar-account" href="/account">
              {t("nav.signedInAs", { name: user.name })}
            </Link>
            <SignOutButton />
          </div>
        </aside>
        <main className="main" id="main" tabIndex={-1}>
          {children}
        </main>
      </div>
      <SessionTimeout />
    </TrpcProvider>
  );
}
