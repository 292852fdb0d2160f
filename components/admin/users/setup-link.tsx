"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState, useSyncExternalStore } from "react";
import { Dialog } from "radix-ui";

const noSubscription = () => () => {};

/**
 * The one-time set-up link of a new or reset account, shown once to the administrator (decision
 * 0020), inside the dialog that issued it (its Close button ends the showing). The token travels in the link's fragment (after #), which browsers never send to a
 * server, so it appears in no access log; only its hash is stored.
 */
export function SetupLink({ name, token, expiresAt, pendingOffices }: { name: string; token: string; expiresAt: number; pendingOffices: string[] }) {
  const t = useTranslations("access.setupLink");
  const format = useFormatter();
  const origin = useSyncExternalStore(noSubscription, () => window.location.origin, () => "");
  const [copied, setCopied] = useState(false);
  const link = `${origin}/setup#${token}`;
  return (
    <div className="stack" data-testid="setup-link">
      <p>{t("body", { name, expires: format.dateTime(new Date(expiresAt), { dateStyle: "medium", timeStyle: "short" }) })}</p>
      <div className="field">
        <label htmlFor="setup-link-value">{t("label")}</label>
        <input id="setup-link-value" className="input code" readOnly value={link} dir="ltr" onFocus={(e) => e.currentTarget.select()} />
      </div>
      <div className="form-actions">
        <button
          type="button"
          className="btn btn-secondary"
          onClick={() => {
            void navigator.clipboard?.writeText(link).then(() => setCopied(true));
          }}
        >
          {copied ? t("copied") : t("copy")}
        </button>
      </div>
      {pendingOffices.length > 0 && <p className="muted small">{t("pendingNote", { offices: pendingOffices.join(", ") })}</p>}
      <div className="form-actions">
        <Dialog.Close asChild>
          <button type="button" className="btn">
            {t("close")}
          </button>
        </Dialog.Close>
      </div>
    </div>
  );
}
