/**
 * Date rules of the caseworker's desk (issue 5): what is due, coming, or late. Dates are ISO
 * calendar dates (YYYY-MM-DD), compared as strings; "today" is the server's UTC date.
 */

/** Today's date (UTC) as YYYY-MM-DD. */
export function todayIso(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** `date` plus `days` days (negative goes back). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export type Timing = "late" | "today" | "coming";

/**
 * Where a dated item stands for the desk: late (before today), today, coming (within `days` days
 * after today), or null when it is further away and not shown yet.
 */
export function deskTiming(date: string | null, today: string, days: number): Timing | null {
  if (date === null) return null;
  if (date < today) return "late";
  if (date === today) return "today";
  return date <= addDays(today, days) ? "coming" : null;
}
