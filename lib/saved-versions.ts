/**
 * The versions a write leaves behind (decision 0028). Every mutation that changes a versioned record
 * (optimistic locking) returns `saved`: the new version of each record it changed, the case included
 * when the write bumps the case's version as a side effect (travel marked travelled, the funding
 * source recomputed from services...). The browser keeps them (components/providers/saved-versions.ts)
 * so that a page still showing what it read before its own save sends the version of that save, and
 * the user's own save is never reported as someone else's. Pure: used by the server and the UI.
 */

export type SavedVersions = Record<string, number>;

/** The key of each versioned record, the same on both sides. */
export const versionKey = {
  case: (code: string) => `case:${code}`,
  movement: (id: number) => `movement:${id}`,
  step: (id: number) => `step:${id}`,
  service: (id: number) => `service:${id}`,
  referral: (id: number) => `referral:${id}`,
  plan: (code: string) => `plan:${code}`,
} as const;

/** Whether a mutation's result carries saved versions (what the browser looks for in every result). */
export function savedVersionsOf(result: unknown): SavedVersions | null {
  if (typeof result !== "object" || result === null || !("saved" in result)) return null;
  const saved = (result as { saved: unknown }).saved;
  if (typeof saved !== "object" || saved === null) return null;
  const entries = Object.entries(saved).filter((e): e is [string, number] => typeof e[1] === "number" && Number.isInteger(e[1]));
  return Object.fromEntries(entries);
}
