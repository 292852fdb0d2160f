import { describe, expect, it } from "vitest";
import { CURRENCY_CODES, currencyDigits, fromMinorUnits, isCurrencyCode, toMinorUnits } from "./currencies";

describe("ISO 4217 currencies", () => {
  it("offers the currencies of the offices' countries, not metals, funds or test codes", () => {
    for (const code of ["EUR", "UAH", "USD", "IDR", "HTG", "ETB", "XOF"]) expect(CURRENCY_CODES).toContain(code);
    for (const code of ["XAU", "XAG", "XTS", "XXX", "XBA"]) expect(isCurrencyCode(code)).toBe(false);
    expect([...CURRENCY_CODES]).toEqual([...CURRENCY_CODES].sort());
  });

  it("knows each currency's minor units", () => {
    expect(currencyDigits("EUR")).toBe(2);
    expect(currencyDigits("JPY")).toBe(0);
    expect(currencyDigits("KWD")).toBe(3);
  });

  it("turns typed amounts into minor units and back", () => {
    expect(toMinorUnits("1250", "EUR")).toBe(125_000);
    expect(toMinorUnits("1250.5", "EUR")).toBe(125_050);
    expect(toMinorUnits("0.05", "UAH")).toBe(5);
    expect(toMinorUnits("1500", "JPY")).toBe(1500);
    expect(toMinorUnits("1.234", "KWD")).toBe(1234);
    expect(fromMinorUnits(125_050, "EUR")).toBe("1250.50");
    expect(fromMinorUnits(5, "UAH")).toBe("0.05");
    expect(fromMinorUnits(1500, "JPY")).toBe("1500");
    expect(fromMinorUnits(1234, "KWD")).toBe("1.234");
  });

  it("refuses negative, malformed or over-precise amounts and unknown currencies", () => {
    for (const amount of ["-5", "1,250", "12.", "abc", "", "1e3"]) expect(toMinorUnits(amount, "EUR")).toBeNull();
    expect(toMinorUnits("10.5", "JPY")).toBeNull();
    expect(toMinorUnits("10.505", "EUR")).toBeNull();
    expect(toMinorUnits("10", "ZZZ")).toBeNull();
  });
});
