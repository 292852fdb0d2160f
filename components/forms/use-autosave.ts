"use client";

import { useEffect, useState } from "react";
import { createAutosave, type Autosave, type AutosaveStatus } from "./autosave";

/** About a second after the last change (issue 15, item 4). */
export const AUTOSAVE_DELAY_MS = 1_000;

/**
 * Drafts saved after a short pause and when a field loses focus: the React side of
 * createAutosave. `save` may change between renders; the latest one is used. When the form goes
 * away with something unsaved (a navigation the guard let through), the last changes are saved.
 */
export function useAutosave(save: () => Promise<number>, delayMs: number = AUTOSAVE_DELAY_MS): { status: AutosaveStatus; autosave: Autosave } {
  const [status, setStatus] = useState<AutosaveStatus>({ kind: "idle" });
  const [autosave] = useState(() =>
    createAutosave({
      save,
      delayMs,
      // Typing keeps the status "dirty": no re-render per keystroke.
      onStatus: (next) => setStatus((prev) => (prev.kind === "dirty" && next.kind === "dirty" ? prev : next)),
    }),
  );
  useEffect(() => autosave.setSave(save), [autosave, save]);
  useEffect(
    () => () => {
      autosave.dispose();
      if (autosave.isDirty()) void autosave.flush();
    },
    [autosave],
  );
  return { status, autosave };
}
