import { describe, expect, it } from "vitest";
import { addDays, deskTiming, todayIso } from "./desk";

describe("desk dates", () => {
  it("adds days across month and year ends", () => {
    expect(addDays("2026-01-31", 1)).toBe("2026-02-01");
    expect(addDays("2026-12-25", 14)).toBe("2027-01-08");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });

  it("today is the UTC date", () => {
    expect(todayIso(new Date("2026-05-04T23:30:00Z"))).toBe("2026-05-04");
  });

  it.each([
    ["2026-05-03", "late"],
    ["2026-05-04", "today"],
    ["2026-05-05", "coming"],
    ["2026-05-18", "coming"],
    ["2026-05-19", null],
    [null, null],
  ] as const)("%s with a 14-day window from 2026-05-04: %s", (date, timing) => {
    expect(deskTiming(date, "2026-05-04", 14)).toBe(timing);
  });
});
