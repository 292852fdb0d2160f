/** "2026-03-01 14:05" in UTC: the same on the server and in every browser, sortable, unambiguous. */
export function formatUtc(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "";
  return new Date(ms).toISOString().slice(0, 16).replace("T", " ");
}
