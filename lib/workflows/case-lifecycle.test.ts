import { describe, expect, it } from "vitest";
import {
  CLOSURE_MACHINE,
  isReferralOverdue,
  monitoringDueDates,
  REFERRAL_MACHINE,
  STEP_MACHINE,
  TRAVEL_MACHINE,
  travelBlockers,
} from "./case-lifecycle";
import { canTransition, isTerminal } from "./state-machine";

describe("referral transitions", () => {
  it.each([
    ["pending", "accepted", true],
    ["pending", "declined", true],
    ["pending", "cancelled", true],
    ["pending", "completed", false],
    ["accepted", "completed", true],
    ["accepted", "declined", false],
    ["declined", "accepted", false],
    ["completed", "cancelled", false],
    ["cancelled", "pending", false],
  ] as const)("%s -> %s: %s", (from, to, allowed) => {
    expect(canTransition(REFERRAL_MACHINE, from, to)).toBe(allowed);
  });
  it("declined, completed and cancelled are final", () => {
    expect(["declined", "completed", "cancelled"].every((s) => isTerminal(REFERRAL_MACHINE, s as "declined"))).toBe(true);
  });
  it("flags pending referrals past their due date only", () => {
    expect(isReferralOverdue("pending", "2026-01-10", "2026-01-11")).toBe(true);
    expect(isReferralOverdue("pending", "2026-01-11", "2026-01-11")).toBe(false);
    expect(isReferralOverdue("accepted", "2026-01-10", "2026-02-01")).toBe(false);
    expect(isReferralOverdue("pending", null, "2026-02-01")).toBe(false);
  });
});

describe("travel", () => {
  it.each([
    ["planned", "travelled", true],
    ["planned", "no_show", true],
    ["no_show", "planned", true],
    ["travelled", "planned", false],
    ["cancelled", "travelled", false],
  ] as const)("%s -> %s: %s", (from, to, allowed) => {
    expect(canTransition(TRAVEL_MACHINE, from, to)).toBe(allowed);
  });
  it("an unaccompanied child travels only after a best-interest decision in favour of return", () => {
    const base = { unaccompaniedChild: true, fitToTravel: "fit" } as const;
    expect(travelBlockers({ ...base, bestInterestDecision: null })).toEqual(["best_interest_decision_required"]);
    expect(travelBlockers({ ...base, bestInterestDecision: "against_return" })).toEqual(["best_interest_against_return"]);
    expect(travelBlockers({ ...base, bestInterestDecision: "in_favour_of_return" })).toEqual([]);
  });
  it("nobody travels without a fit-to-travel check", () => {
    expect(travelBlockers({ unaccompaniedChild: false, bestInterestDecision: null, fitToTravel: "not_checked" })).toEqual(["fit_to_travel_required"]);
    expect(travelBlockers({ unaccompaniedChild: false, bestInterestDecision: null, fitToTravel: "unfit" })).toEqual(["unfit_to_travel"]);
    expect(travelBlockers({ unaccompaniedChild: false, bestInterestDecision: null, fitToTravel: "fit" })).toEqual([]);
  });
});

describe("reintegration steps and closure", () => {
  it.each([
    ["planned", "in_progress", true],
    ["planned", "done", true],
    ["in_progress", "planned", false],
    ["done", "in_progress", false],
    ["cancelled", "done", false],
  ] as const)("step %s -> %s: %s", (from, to, allowed) => {
    expect(canTransition(STEP_MACHINE, from, to)).toBe(allowed);
  });
  it.each([
    ["open", "closure_requested", true],
    ["open", "closed", false],
    ["closure_requested", "closed", true],
    ["closure_requested", "open", true],
    ["closed", "open", true],
    ["closed", "closure_requested", false],
  ] as const)("closure %s -> %s: %s", (from, to, allowed) => {
    expect(canTransition(CLOSURE_MACHINE, from, to)).toBe(allowed);
  });
});

describe("monitoring schedule", () => {
  it("schedules visits 3, 6 and 12 months after return, clamping to month ends", () => {
    expect(monitoringDueDates("2026-01-31")).toEqual([
      { months: 3, dueOn: "2026-04-30" },
      { months: 6, dueOn: "2026-07-31" },
      { months: 12, dueOn: "2027-01-31" },
    ]);
    expect(monitoringDueDates("2024-11-30").map((v) => v.dueOn)).toEqual(["2025-02-28", "2025-05-30", "2025-11-30"]);
  });
});
