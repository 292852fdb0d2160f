import { describe, expect, it } from "vitest";
import { assistanceBlock, canRecordConsent, CONSENT_ENTRIES, consentStates, entryBlock, type ConsentEvent } from "./consent";

const ev = (id: number, purpose: ConsentEvent["purpose"], decision: ConsentEvent["decision"]): ConsentEvent => ({ id, purpose, decision, on: "2026-03-01" });

describe("consent", () => {
  it("the latest decision of each purpose is its state; purposes never asked are not recorded", () => {
    const states = consentStates([ev(3, "assistance", "withdrawn"), ev(1, "assistance", "given"), ev(2, "data_processing", "given")]);
    expect(states).toEqual({ assistance: "withdrawn", data_processing: "given", share_with_partners: "not_recorded" });
  });

  it("only a given consent can be withdrawn; a given consent is not given again", () => {
    expect(canRecordConsent("given", "withdrawn")).toBe(true);
    expect(canRecordConsent("given", "given")).toBe(false);
    expect(canRecordConsent("given", "refused")).toBe(false);
    for (const s of ["not_recorded", "refused", "withdrawn"] as const) {
      expect(canRecordConsent(s, "withdrawn")).toBe(false);
      expect(canRecordConsent(s, "given")).toBe(true);
      expect(canRecordConsent(s, "refused")).toBe(true);
    }
  });

  it("assistance data needs consent to assistance and to data processing; withdrawal says so", () => {
    expect(assistanceBlock({ assistance: "given", data_processing: "given", share_with_partners: "not_recorded" })).toBeNull();
    expect(assistanceBlock({ assistance: "given", data_processing: "not_recorded", share_with_partners: "given" })).toBe("missing");
    expect(assistanceBlock({ assistance: "refused", data_processing: "given", share_with_partners: "given" })).toBe("missing");
    expect(assistanceBlock({ assistance: "given", data_processing: "withdrawn", share_with_partners: "given" })).toBe("withdrawn");
  });

  it("one rule for every writer: a withdrawal of consent to assistance or data processing stops every new entry", () => {
    for (const withdrawn of ["assistance", "data_processing"] as const) {
      const states = { assistance: "given", data_processing: "given", share_with_partners: "given", [withdrawn]: "withdrawn" } as const;
      for (const entry of CONSENT_ENTRIES) expect(entryBlock(states, entry)).toBe("withdrawn");
    }
  });

  it("referrals: outgoing needs consent to share (missing can be overridden, withdrawn cannot); incoming and the interview need nothing more", () => {
    const none = { assistance: "not_recorded", data_processing: "not_recorded", share_with_partners: "not_recorded" } as const;
    expect(entryBlock(none, "outgoing_referral")).toBe("share_missing");
    expect(entryBlock({ ...none, share_with_partners: "given" }, "outgoing_referral")).toBeNull();
    expect(entryBlock({ ...none, share_with_partners: "withdrawn" }, "outgoing_referral")).toBe("withdrawn");
    expect(entryBlock({ ...none, share_with_partners: "withdrawn" }, "incoming_referral")).toBeNull();
    expect(entryBlock(none, "incoming_referral")).toBeNull();
    expect(entryBlock(none, "interview")).toBeNull();
    expect(entryBlock(none, "assistance")).toBe("missing");
  });
});
