import { describe, expect, it } from "vitest";
import { REINTEGRATION_TYPES } from "@/lib/reference/vocabulary";
import { STEP_STATUSES } from "./case-lifecycle";
import { COUNTED_STEP_STATUSES, itineraryIssues, MONITORING_MACHINE, reintegrationCoreTypes, returnDateFromTravel } from "./return-reintegration";
import { canTransition, isTerminal } from "./state-machine";

describe("reintegration core variable", () => {
  it("counts the types of steps in progress or done, never planned or cancelled", () => {
    expect(
      reintegrationCoreTypes([
        { type: "vocational_training", status: "in_progress" },
        { type: "cash_pocket_money", status: "done" },
        { type: "housing", status: "planned" },
        { type: "legal", status: "cancelled" },
      ]),
    ).toEqual(["cash_pocket_money", "vocational_training"]);
  });

  it("lists a type once, sorted, however many steps share it", () => {
    expect(
      reintegrationCoreTypes([
        { type: "medical_care", status: "done" },
        { type: "counselling", status: "in_progress" },
        { type: "medical_care", status: "in_progress" },
        { type: "medical_care", status: "cancelled" },
      ]),
    ).toEqual(["counselling", "medical_care"]);
  });

  it("a step cancelled while in progress stops counting; no steps, no types", () => {
    expect(reintegrationCoreTypes([{ type: "business_setup", status: "cancelled" }])).toEqual([]);
    expect(reintegrationCoreTypes([])).toEqual([]);
  });

  it("decides for every status and every type", () => {
    expect([...COUNTED_STEP_STATUSES].sort()).toEqual(["done", "in_progress"]);
    for (const status of STEP_STATUSES) {
      for (const type of REINTEGRATION_TYPES) {
        expect(reintegrationCoreTypes([{ type, status }])).toEqual(COUNTED_STEP_STATUSES.includes(status) ? [type] : []);
      }
    }
  });
});

describe("monitoring visits", () => {
  it.each([
    ["scheduled", "done", true],
    ["scheduled", "missed", true],
    ["missed", "done", true],
    ["missed", "scheduled", false],
    ["done", "missed", false],
    ["done", "scheduled", false],
  ] as const)("%s -> %s: %s", (from, to, allowed) => {
    expect(canTransition(MONITORING_MACHINE, from, to)).toBe(allowed);
  });
  it("a done visit is final", () => {
    expect(isTerminal(MONITORING_MACHINE, "done")).toBe(true);
  });
});

describe("itinerary", () => {
  const legs = (...dates: string[]) => dates.map((departOn) => ({ departOn }));
  it("accepts legs in order within the travel dates", () => {
    expect(itineraryIssues({ departureOn: "2026-05-01", arrivalOn: "2026-05-02", legs: legs("2026-05-01", "2026-05-01", "2026-05-02") })).toEqual([]);
    expect(itineraryIssues({ departureOn: "2026-05-01", arrivalOn: null, legs: legs("2026-05-03") })).toEqual([]);
  });
  it("refuses an arrival before the departure", () => {
    expect(itineraryIssues({ departureOn: "2026-05-02", arrivalOn: "2026-05-01", legs: [] })).toEqual([{ path: ["arrivalOn"], message: "return.validation.arrivalBeforeDeparture" }]);
  });
  it("refuses legs outside the travel dates or out of order", () => {
    expect(itineraryIssues({ departureOn: "2026-05-02", arrivalOn: "2026-05-04", legs: legs("2026-05-01", "2026-05-05", "2026-05-03", "2026-05-02") })).toEqual([
      { path: ["legs", 0, "departOn"], message: "return.validation.legBeforeDeparture" },
      { path: ["legs", 1, "departOn"], message: "return.validation.legAfterArrival" },
      { path: ["legs", 3, "departOn"], message: "return.validation.legsOutOfOrder" },
    ]);
  });
});

describe("where the return date comes from", () => {
  it("from travel once any movement other than a cancelled one exists", () => {
    expect(returnDateFromTravel([])).toBe(false);
    expect(returnDateFromTravel(["cancelled"])).toBe(false);
    expect(returnDateFromTravel(["cancelled", "planned"])).toBe(true);
    expect(returnDateFromTravel(["travelled"])).toBe(true);
    expect(returnDateFromTravel(["no_show"])).toBe(true);
  });
});
