"use client";

import { useTranslations } from "next-intl";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";

/** On narrow screens the sidebar becomes a menu opened from the top bar. */
export function MobileMenu({ sidebarId }: { sidebarId: string }) {
  const t = useTranslations("common");
  const pathname = usePathname();
  // Open "on" a page: navigating elsewhere closes the menu without an effect setting state.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  useEffect(() => {
    document.getElementById(sidebarId)?.setAttribute("data-open", String(open));
  }, [open, sidebarId]);
  return (
    <div className="topbar no-print">
      <strong>{t("appName")}</strong>
      <button type="button" className="btn btn-secondary btn-small" aria-expanded={open} aria-controls={sidebarId} onClick={() => setOpenOn(open ? null : pathname)}>
        {t("nav.menu")}
      </button>
    </div>
  );
}
