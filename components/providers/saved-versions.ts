"use client";

import { useSyncExternalStore } from "react";
import type { SavedVersions } from "@/lib/saved-versions";

/**
 * The versions this browser's own saves produced (decision 0028). The tRPC provider notes the
 * `saved` versions of every successful mutation; a form asks `useVersion(key, fromPage)` for the
 * version to send: the page's when it is newer (someone else, or a refreshed page), else its own
 * save's. Versions only grow, so the larger one is always the latest this browser knows of.
 */

const known = new Map<string, number>();
const listeners = new Set<() => void>();

export function noteSavedVersions(saved: SavedVersions): void {
  let changed = false;
  for (const [key, version] of Object.entries(saved)) {
    if ((known.get(key) ?? -Infinity) < version) {
      known.set(key, version);
      changed = true;
    }
  }
  if (changed) for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The version to send for the record `key`, given the version the page read. */
export function useVersion(key: string, fromPage: number): number;
export function useVersion(key: string, fromPage: number | null): number | null;
export function useVersion(key: string, fromPage: number | null): number | null {
  const saved = useSyncExternalStore(
    subscribe,
    () => known.get(key),
    () => undefined,
  );
  if (saved === undefined) return fromPage;
  return fromPage === null ? saved : Math.max(fromPage, saved);
}
