"use client";

import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";

export function SignOutButton() {
  const t = useTranslations("common.nav");
  return (
    <button type="button" className="btn btn-secondary btn-small" onClick={() => signOut({ callbackUrl: "/login?signedOut=1" })}>
      {t("signOut")}
    </button>
  );
}
