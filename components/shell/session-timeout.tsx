"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { Dialog } from "radix-ui";

const IDLE_LIMIT_MS = 30 * 60_000;
const WARN_BEFORE_MS = 2 * 60_000;
const KEEPALIVE_MS = 4 * 60_000;

/**
 * Mirrors the server's 30-minute idle limit in the browser: activity (typing, clicking) keeps the
 * server session alive; two minutes before the limit a dialog asks whether the user is still there;
 * at the limit the page goes to the login screen so nothing stays on an unattended screen.
 */
export function SessionTimeout() {
  const t = useTranslations("common.session");
  // Set when the component mounts (render must stay pure).
  const lastActivity = useRef(0);
  const lastPing = useRef(0);
  const [warning, setWarning] = useState(false);

  useEffect(() => {
    lastActivity.current = Date.now();
    lastPing.current = Date.now();
    const onActivity = () => {
      lastActivity.current = Date.now();
      if (Date.now() - lastPing.current > KEEPALIVE_MS) {
        lastPing.current = Date.now();
        void fetch("/api/auth/session", { cache: "no-store" });
      }
    };
    const events = ["keydown", "pointerdown", "scroll"] as const;
    events.forEach((e) => window.addEventListener(e, onActivity, { passive: true }));
    const timer = window.setInterval(() => {
      const idle = Date.now() - lastActivity.current;
      // A full page load (not client navigation) so that no case data stays in memory.
      if (idle >= IDLE_LIMIT_MS) window.location.replace(new URL("/login?expired=1", window.location.origin));
      else setWarning(idle >= IDLE_LIMIT_MS - WARN_BEFORE_MS);
    }, 15_000);
    return () => {
      events.forEach((e) => window.removeEventListener(e, onActivity));
      window.clearInterval(timer);
    };
  }, []);

  return (
    <Dialog.Root open={warning} onOpenChange={(open) => !open && setWarning(false)}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog-content">
          <Dialog.Title>{t("expiringTitle")}</Dialog.Title>
          <Dialog.Description>{t("expiringBody")}</Dialog.Description>
          <div className="form-actions">
            <button
              type="button"
              className="btn"
              onClick={() => {
                lastActivity.current = Date.now();
                lastPing.current = Date.now();
                void fetch("/api/auth/session", { cache: "no-store" });
                setWarning(false);
              }}
            >
              {t("stay")}
            </button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
