import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ZRegisterCase } from "@/lib/schemas/registry";
import { ZPlanTravel } from "@/lib/schemas/return";
import { isBlankRow, repeatableRows } from "./repeatable-rows";

const registration = (identity: Record<string, unknown>) => ({
  identity: { familyName: "Testfamily", givenName: "Testgiven", ...identity },
  person: { sex: "Feminine", citizenship: "UA" },
  registeredOn: "2026-03-01",
  officeId: 1,
});

describe("repeatable rows", () => {
  it("a row added and left empty never blocks a submit and is not kept", () => {
    const parsed = ZRegisterCase.safeParse(
      registration({
        documents: [{ type: "passport", number: "TST000001", issuingCountry: "" }, { type: "passport", number: "", issuingCountry: "" }],
        nextOfKin: [{ name: "", relationship: "", phone: "" }],
      }),
    );
    expect(parsed.success).toBe(true);
    expect(parsed.data?.identity.documents).toEqual([{ type: "passport", number: "TST000001", issuingCountry: undefined }]);
    expect(parsed.data?.identity.nextOfKin).toEqual([]);
  });

  it("a filled row is checked, and its problems stay at its own position", () => {
    const parsed = ZRegisterCase.safeParse(registration({ nextOfKin: [{ name: "", relationship: "", phone: "" }, { name: "", relationship: "Synthetic sibling", phone: "" }] }));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join("."))).toEqual(["identity.nextOfKin.1.name"]);
  });

  it("an empty journey leg is dropped; a half-filled one is not", () => {
    const travel = { code: "C-TEST-TEST", fromCountry: "AT", toCountry: "UA", departureOn: "2026-03-10" };
    expect(ZPlanTravel.parse({ ...travel, legs: [{ from: "", to: "", departOn: "", carrier: "", transit: false }] }).legs).toEqual([]);
    expect(ZPlanTravel.safeParse({ ...travel, legs: [{ from: "VIE", to: "", departOn: "", carrier: "", transit: false }] }).success).toBe(false);
  });

  it("blank means nothing typed: preset fields and unticked boxes do not count", () => {
    expect(isBlankRow({})).toBe(true);
    expect(isBlankRow({ type: "passport", number: " " }, ["type"])).toBe(true);
    expect(isBlankRow({ type: "passport", number: "" })).toBe(false);
    expect(isBlankRow({ transit: true })).toBe(false);
    expect(isBlankRow({ on: [], note: null })).toBe(true);
    const list = repeatableRows(z.object({ a: z.string().min(1) }), { max: 2 });
    expect(list.safeParse([{ a: "" }, { a: "" }, { a: "" }]).success).toBe(false);
  });
});
