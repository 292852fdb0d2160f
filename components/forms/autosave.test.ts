import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createAutosave, type AutosaveStatus } from "./autosave";
import { AUTOSAVE_DELAY_MS } from "./use-autosave";

/** A save the test resolves or rejects by hand, so nothing depends on real time. */
function controlledSave() {
  const calls: { resolve: (at: number) => void; reject: (e: unknown) => void }[] = [];
  const save = vi.fn(() => new Promise<number>((resolve, reject) => calls.push({ resolve, reject })));
  return { save, calls };
}

describe("createAutosave", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup() {
    const { save, calls } = controlledSave();
    const statuses: AutosaveStatus[] = [];
    const autosave = createAutosave({ save, delayMs: AUTOSAVE_DELAY_MS, onStatus: (s) => statuses.push(s) });
    return { save, calls, statuses, autosave };
  }

  it("saves about a second after the last change, once for a burst of typing", async () => {
    const { save, calls, autosave, statuses } = setup();
    expect(AUTOSAVE_DELAY_MS).toBeLessThanOrEqual(1_000);
    autosave.change();
    vi.advanceTimersByTime(500);
    autosave.change();
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS - 1);
    expect(save).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(save).toHaveBeenCalledTimes(1);
    expect(autosave.isDirty()).toBe(true);
    calls[0]?.resolve(1234);
    await vi.runAllTimersAsync();
    expect(autosave.isDirty()).toBe(false);
    expect(statuses.at(-1)).toEqual({ kind: "saved", at: 1234 });
  });

  it("saves at once when a field loses focus, and not when nothing changed", async () => {
    const { save, calls, autosave } = setup();
    autosave.blur();
    expect(save).not.toHaveBeenCalled();
    autosave.change();
    autosave.blur();
    expect(save).toHaveBeenCalledTimes(1);
    calls[0]?.resolve(1);
    await vi.runAllTimersAsync();
    // The pause was cancelled by the blur's save: no second save for the same change.
    expect(save).toHaveBeenCalledTimes(1);
  });

  it("flush before leaving resolves true once everything typed is saved, including what was typed during a save", async () => {
    const { save, calls, autosave } = setup();
    autosave.change();
    autosave.blur();
    autosave.change(); // typed while the first save is in flight
    const left = autosave.flush();
    calls[0]?.resolve(1);
    await vi.waitFor(() => expect(save).toHaveBeenCalledTimes(2));
    calls[1]?.resolve(2);
    await expect(left).resolves.toBe(true);
    expect(autosave.isDirty()).toBe(false);
  });

  it("a failed save keeps the form dirty, reports the error, and flush says so (so the guard asks)", async () => {
    const { calls, autosave, statuses } = setup();
    autosave.change();
    const left = autosave.flush();
    calls[0]?.reject(new Error("offline"));
    await expect(left).resolves.toBe(false);
    expect(autosave.isDirty()).toBe(true);
    expect(statuses.at(-1)?.kind).toBe("error");
  });

  it("Save draft saves even without a change (force); reset after a submit leaves it clean", async () => {
    const { save, calls, autosave, statuses } = setup();
    const saved = autosave.flush({ force: true });
    expect(save).toHaveBeenCalledTimes(1);
    calls[0]?.resolve(5);
    await expect(saved).resolves.toBe(true);
    autosave.change();
    autosave.reset();
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS * 2);
    expect(save).toHaveBeenCalledTimes(1);
    expect(autosave.isDirty()).toBe(false);
    expect(statuses.at(-1)).toEqual({ kind: "idle" });
  });
});
