"use client";

import { useEffect, useRef, type ReactNode } from "react";

const MARGIN = 12;

/**
 * The sticky Save/Submit bar of long forms, which never hides the focused control (WCAG 2.2,
 * 2.4.11 Focus Not Obscured; issue 15, item 6). Its height is published as
 * `--sticky-actions-height`, from which the page's `scroll-padding-block-end` keeps what the
 * browser scrolls into view above the bar; and when focus still lands under the bar (or under the
 * phone's sticky top bar), the page scrolls just enough to show it.
 */
export function StickyActions({ children }: { children: ReactNode }) {
  const bar = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = bar.current;
    if (!el) return;
    const root = document.documentElement;
    const publish = () => root.style.setProperty("--sticky-actions-height", `${Math.ceil(el.getBoundingClientRect().height)}px`);
    publish();
    const observer = new ResizeObserver(publish);
    observer.observe(el);

    const reveal = (target: HTMLElement) => {
      if (!target.isConnected || document.activeElement !== target) return;
      const rect = target.getBoundingClientRect();
      const barTop = el.getBoundingClientRect().top;
      const topbar = document.querySelector<HTMLElement>(".topbar");
      const topbarBottom = topbar && getComputedStyle(topbar).position === "sticky" ? topbar.getBoundingClientRect().bottom : 0;
      if (rect.bottom > barTop - MARGIN) window.scrollBy({ top: rect.bottom - barTop + MARGIN, behavior: "instant" });
      else if (rect.top < topbarBottom + MARGIN) window.scrollBy({ top: rect.top - topbarBottom - MARGIN, behavior: "instant" });
    };
    const onFocusIn = (event: FocusEvent) => {
      const target = event.target;
      if (!(target instanceof HTMLElement) || el.contains(target)) return;
      // Now, and again once the browser has scrolled the focused control into view its own way.
      reveal(target);
      requestAnimationFrame(() => reveal(target));
    };
    document.addEventListener("focusin", onFocusIn);
    return () => {
      observer.disconnect();
      document.removeEventListener("focusin", onFocusIn);
      root.style.removeProperty("--sticky-actions-height");
    };
  }, []);

  return (
    <div className="form-actions sticky-actions no-print" ref={bar} data-testid="sticky-actions">
      {children}
    </div>
  );
}
