"use client";

import { useEffect, useRef } from "react";

/**
 * Calls `reload` when `key` changes after the first render: a client section whose data depends on
 * something another section changes (the page re-renders with a new `key` after router.refresh()).
 */
export function useReloadOnChange(key: string, reload: () => void): void {
  const previous = useRef(key);
  useEffect(() => {
    if (previous.current === key) return;
    previous.current = key;
    reload();
  }, [key, reload]);
}
