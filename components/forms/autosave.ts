/**
 * The autosave scheduler behind useAutosave (issue 15, item 4): plain TypeScript, no React, so
 * its rules are unit-tested. A change marks the form dirty and (re)starts a short pause; when the
 * pause ends, or a field loses focus, or someone is about to leave, `flush()` saves. One save runs
 * at a time; a change made while a save is in flight is saved by the next one, never dropped.
 */

export type AutosaveStatus =
  | { kind: "idle" }
  | { kind: "dirty" }
  | { kind: "saving" }
  | { kind: "saved"; at: number }
  | { kind: "error"; error: unknown };

export type Timers = {
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
};

export type Autosave = {
  /** Something was typed or chosen: dirty, and save after the pause. */
  change: () => void;
  /** A field lost focus: save now if anything is unsaved. */
  blur: () => void;
  /** Save now (or wait for the save in flight); resolves true when nothing typed is unsaved. */
  flush: (options?: { force?: boolean }) => Promise<boolean>;
  /** Anything typed that is not yet saved (including a save still in flight or one that failed). */
  isDirty: () => boolean;
  /** Forget the pending pause (the caller saves what is dirty itself, e.g. with flush). */
  dispose: () => void;
  /** Everything typed so far is accounted for (e.g. submitted): clean, idle. */
  reset: () => void;
  /** The save to use from now on (a React component's latest callback). */
  setSave: (save: () => Promise<number>) => void;
};

export function createAutosave({
  save: initialSave,
  delayMs,
  onStatus,
  timers = { setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms), clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>) },
}: {
  /** Saves the current values; resolves to the time the server recorded (ms since the epoch). */
  save: () => Promise<number>;
  delayMs: number;
  onStatus: (status: AutosaveStatus) => void;
  timers?: Timers;
}): Autosave {
  let save = initialSave;
  let timer: unknown = undefined;
  let dirty = false;
  // Counts changes, so a save knows whether something was typed while it ran.
  let changes = 0;
  let inFlight: Promise<boolean> | null = null;

  const clear = () => {
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = undefined;
  };

  const run = (): Promise<boolean> => {
    const seen = changes;
    onStatus({ kind: "saving" });
    const attempt = save().then(
      (at) => {
        if (changes === seen) {
          dirty = false;
          onStatus({ kind: "saved", at });
        } else {
          onStatus({ kind: "dirty" });
        }
        return true;
      },
      (error: unknown) => {
        onStatus({ kind: "error", error });
        return false;
      },
    );
    inFlight = attempt.finally(() => {
      inFlight = null;
    });
    return inFlight;
  };

  const flush = async (options: { force?: boolean } = {}): Promise<boolean> => {
    clear();
    if (inFlight) {
      if (!(await inFlight)) return false;
      // Typed while that save ran: save again, so the last keystrokes are kept too.
      return dirty ? flush() : true;
    }
    if (!dirty && !options.force) return true;
    if (!(await run())) return false;
    return dirty ? flush() : true;
  };

  return {
    change: () => {
      dirty = true;
      changes += 1;
      onStatus({ kind: "dirty" });
      clear();
      timer = timers.setTimeout(() => {
        timer = undefined;
        void flush();
      }, delayMs);
    },
    blur: () => {
      if (dirty) void flush();
    },
    flush,
    isDirty: () => dirty || inFlight !== null,
    dispose: clear,
    setSave: (next) => {
      save = next;
    },
    reset: () => {
      clear();
      dirty = false;
      onStatus({ kind: "idle" });
    },
  };
}
