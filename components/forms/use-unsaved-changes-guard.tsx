"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { AlertDialog } from "radix-ui";
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { departureOf } from "./leave-guard";

/** Marks the history entry the guard adds on top of the form's own, so "back" can be held. */
const GUARD_KEY = "__passageUnsavedGuard";

type Departure = { kind: "href"; href: string } | { kind: "back" };

/**
 * Nothing typed is dropped silently (issue 15, item 4; docs/decisions/0033): while `dirty`, leaving
 * the page — an in-app link (Next's client navigation), the browser's back button, closing or
 * reloading the tab — first saves (when `save` is given and succeeds) or asks "Leave without
 * saving?" (Stay / Leave). Closing or reloading the tab can only ask: the browser's own
 * beforeunload prompt. One mechanism for every form; render the returned `dialog`, and leave
 * through `navigate` after a successful submit so the guard does not hold that departure.
 */
export function useUnsavedChangesGuard({
  dirty,
  isDirty,
  save,
}: {
  /** Whether anything typed is unsaved, as of this render. */
  dirty: boolean;
  /** The same, as of this very moment (e.g. the autosave's own state), when the form knows it. */
  isDirty?: () => boolean;
  /** Saves what is typed; resolves true when nothing is left unsaved. Without it, the guard only asks. */
  save?: () => Promise<boolean>;
}): {
  dialog: ReactNode;
  navigate: (href: string) => void;
} {
  const t = useTranslations("unsaved");
  const router = useRouter();
  const [pending, setPending] = useState<{ to: Departure; saveFailed: boolean } | null>(null);
  const live = useRef({ dirty, isDirty, save });
  useEffect(() => {
    live.current = { dirty, isDirty, save };
  });
  const unsaved = useCallback(() => live.current.isDirty?.() ?? live.current.dirty, []);
  // Set once the person chose to leave (or the form left after a submit): nothing more is held.
  const bypass = useRef(false);
  // Whether the guard's history entry is the current one.
  const guardOnTop = useRef(false);

  const pushGuardEntry = useCallback(() => {
    const state: unknown = window.history.state;
    window.history.pushState({ ...(typeof state === "object" && state !== null ? state : {}), [GUARD_KEY]: true }, "", window.location.href);
    guardOnTop.current = true;
  }, []);

  const go = useCallback(
    (to: Departure) => {
      bypass.current = true;
      if (to.kind === "back") window.history.back();
      // Replacing the guard's entry keeps one history entry per page visited.
      else if (guardOnTop.current) router.replace(to.href);
      else router.push(to.href);
    },
    [router],
  );

  const depart = useCallback(
    async (to: Departure) => {
      const { save: trySave } = live.current;
      if (trySave && (await trySave())) {
        go(to);
        return;
      }
      setPending({ to, saveFailed: trySave !== undefined });
    },
    [go],
  );

  // The guard's history entry, once something is typed.
  useEffect(() => {
    if (dirty && !guardOnTop.current && !bypass.current) pushGuardEntry();
  }, [dirty, pushGuardEntry]);

  useEffect(() => {
    bypass.current = false;
    const onClick = (event: MouseEvent) => {
      if (bypass.current || !unsaved()) return;
      const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
      const anchor = link instanceof HTMLAnchorElement ? { href: link.href, target: link.target, hasDownload: link.hasAttribute("download") } : null;
      const href = departureOf(event, anchor, window.location.href);
      if (href === null) return;
      // Capture phase on window: before Next's <Link> (React listens on the document) sees it.
      event.preventDefault();
      event.stopPropagation();
      void depart({ kind: "href", href });
    };
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (bypass.current || !unsaved()) return;
      // Start a save in case the person leaves anyway; the browser asks meanwhile.
      void live.current.save?.();
      event.preventDefault();
    };
    const onPopState = (event: PopStateEvent) => {
      if (bypass.current || !guardOnTop.current) return;
      const state: unknown = window.history.state;
      if (typeof state === "object" && state !== null && GUARD_KEY in state) return;
      // "Back" took the guard's entry off: we are on the form's own entry, same address. Next's
      // router (a later listener on window) need not hear of it; the departure is ours to decide.
      guardOnTop.current = false;
      event.stopImmediatePropagation();
      if (!unsaved()) go({ kind: "back" });
      else void depart({ kind: "back" });
    };
    window.addEventListener("click", onClick, { capture: true });
    window.addEventListener("beforeunload", onBeforeUnload);
    window.addEventListener("popstate", onPopState, { capture: true });
    return () => {
      window.removeEventListener("click", onClick, { capture: true });
      window.removeEventListener("beforeunload", onBeforeUnload);
      window.removeEventListener("popstate", onPopState, { capture: true });
    };
  }, [depart, go, unsaved]);

  const stay = () => {
    if (pending?.to.kind === "back") pushGuardEntry();
    setPending(null);
  };
  const leave = () => {
    const to = pending?.to;
    setPending(null);
    if (to) go(to);
  };

  const dialog = (
    <AlertDialog.Root open={pending !== null} onOpenChange={(open) => !open && stay()}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay" />
        <AlertDialog.Content className="dialog-content" data-testid="unsaved-dialog">
          <AlertDialog.Title>{t("title")}</AlertDialog.Title>
          <AlertDialog.Description>{pending?.saveFailed ? t("bodySaveFailed") : t("body")}</AlertDialog.Description>
          <div className="form-actions">
            <AlertDialog.Cancel asChild>
              <button type="button" className="btn">
                {t("stay")}
              </button>
            </AlertDialog.Cancel>
            {/* Not an AlertDialog.Action: its close would run `stay` too. */}
            <button type="button" className="btn btn-danger" onClick={leave}>
              {t("leave")}
            </button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );

  const navigate = useCallback((href: string) => go({ kind: "href", href }), [go]);
  return { dialog, navigate };
}
