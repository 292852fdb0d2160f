"use client";

import { useLayoutEffect, useState } from "react";

/**
 * The width a chart may take: its preferred width, or less when its container is narrower (a 390 px
 * phone), so that no bar or label runs off the edge (issue 15, item 14). Measured in the browser and
 * kept current as the container resizes; the server renders the preferred width. Returns a callback
 * ref for the container and the width.
 */
export function useFitWidth<T extends HTMLElement>(preferred: number): [(el: T | null) => void, number] {
  const [container, setContainer] = useState<T | null>(null);
  const [available, setAvailable] = useState<number | null>(null);
  useLayoutEffect(() => {
    if (!container) return;
    const measure = () => setAvailable(Math.floor(container.getBoundingClientRect().width));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(container);
    return () => observer.disconnect();
  }, [container]);
  return [setContainer, available && available > 0 ? Math.min(preferred, available) : preferred];
}
