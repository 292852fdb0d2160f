import { data as iso4217 } from "currency-codes";

/**
 * ISO 4217 currencies for the costs of reintegration steps, from the `currency-codes` package
 * (pinned; its data follows the ISO 4217 maintenance agency's list). Funds, precious metals, bond
 * market units and the testing / "no currency" codes (the package files them under pseudo-countries
 * starting "Zz") are left out: nobody pays a reintegration grant in gold. Amounts are stored in
 * minor units (cents) with the currency's own number of decimals (JPY 0, EUR 2, KWD 3).
 */

const CURRENCIES = iso4217
  .filter((c) => c.countries.length > 0 && !c.countries.some((country) => country.startsWith("Zz")))
  .map((c) => ({ code: c.code, digits: c.digits, name: c.currency }))
  .sort((a, b) => a.code.localeCompare(b.code));

const BY_CODE = new Map(CURRENCIES.map((c) => [c.code, c]));

/** Alphabetical ISO 4217 alpha codes offered for costs. */
export const CURRENCY_CODES: readonly string[] = CURRENCIES.map((c) => c.code);

export function isCurrencyCode(code: string): boolean {
  return BY_CODE.has(code);
}

/** The number of decimals of a currency (2 when unknown, which validation refuses anyway). */
export function currencyDigits(code: string): number {
  return BY_CODE.get(code)?.digits ?? 2;
}

/** "CODE — English name" options for a select. */
export function currencyOptions(): { code: string; label: string }[] {
  return CURRENCIES.map((c) => ({ code: c.code, label: `${c.code} — ${c.name}` }));
}

const AMOUNT = /^\d{1,12}(?:\.(\d+))?$/;

/**
 * A typed amount ("1250", "1250.5", "1250.50") in minor units of `currency`, or null when it is not
 * a plain non-negative number or has more decimals than the currency allows.
 */
export function toMinorUnits(amount: string, currency: string): number | null {
  const match = AMOUNT.exec(amount.trim());
  if (!match || !isCurrencyCode(currency)) return null;
  const digits = currencyDigits(currency);
  const decimals = match[1] ?? "";
  if (decimals.length > digits) return null;
  const [whole] = amount.trim().split(".");
  const minor = Number(whole) * 10 ** digits + Number(decimals.padEnd(digits, "0") || "0");
  return Number.isSafeInteger(minor) ? minor : null;
}

/** Minor units back to the plain amount a form shows ("1250.50"). */
export function fromMinorUnits(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  if (digits === 0) return String(minor);
  const text = String(minor).padStart(digits + 1, "0");
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
