/** Age bands used across the case list and statistics (children are under 18). */
export const AGE_BANDS = ["0-5", "6-11", "12-14", "15-17", "18-24", "25-34", "35-44", "45-59", "60+"] as const;
export type AgeBand = (typeof AGE_BANDS)[number] | "unknown";

export function ageBand(age: number | null | undefined): AgeBand {
  if (age === null || age === undefined || age < 0) return "unknown";
  if (age <= 5) return "0-5";
  if (age <= 11) return "6-11";
  if (age <= 14) return "12-14";
  if (age <= 17) return "15-17";
  if (age <= 24) return "18-24";
  if (age <= 34) return "25-34";
  if (age <= 44) return "35-44";
  if (age <= 59) return "45-59";
  return "60+";
}

export function isChild(age: number | null | undefined): boolean {
  return age !== null && age !== undefined && age < 18;
}

/** Whole years between a birth date (or year) and a date, both ISO. */
export function ageOn(onDate: string, birthDate?: string | null, birthYear?: number | null): number | null {
  if (birthDate && /^\d{4}-\d{2}-\d{2}$/.test(birthDate)) {
    const [by, bm, bd] = birthDate.split("-").map(Number) as [number, number, number];
    const [y, m, d] = onDate.split("-").map(Number) as [number, number, number];
    return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
  }
  if (birthYear) return Number(onDate.slice(0, 4)) - birthYear;
  return null;
}
