import { describe, expect, it } from "vitest";
import { canMoveClosure, closedStatusFor, closureState, isClosedCaseStatus } from "./closure";

describe("closure state of a case", () => {
  it("closed statuses are read-only, the others open", () => {
    expect(isClosedCaseStatus("Closed")).toBe(true);
    expect(isClosedCaseStatus("ClosedReferred")).toBe(true);
    expect(isClosedCaseStatus("Active")).toBe(false);
    expect(isClosedCaseStatus("FollowUp")).toBe(false);
  });

  it("derives the state from the status and a pending request", () => {
    expect(closureState("Active", false)).toBe("open");
    expect(closureState("FollowUp", true)).toBe("closure_requested");
    expect(closureState("Closed", false)).toBe("closed");
    // A closed case is closed whatever requests say.
    expect(closureState("ClosedReferred", true)).toBe("closed");
  });

  it.each([
    ["Active", false, "closure_requested", true],
    ["Active", true, "closure_requested", false],
    ["Active", false, "closed", false],
    ["Active", true, "closed", true],
    ["Active", true, "open", true],
    ["Closed", false, "open", true],
    ["Closed", false, "closure_requested", false],
    ["Active", false, "open", false],
  ] as const)("status %s, pending %s -> %s: %s", (status, pending, to, allowed) => {
    expect(canMoveClosure(status, pending, to)).toBe(allowed);
  });

  it("a case closed because it was transferred is ClosedReferred", () => {
    expect(closedStatusFor("transferred")).toBe("ClosedReferred");
    expect(closedStatusFor("assistance_completed")).toBe("Closed");
    expect(closedStatusFor("lost_contact")).toBe("Closed");
  });
});
