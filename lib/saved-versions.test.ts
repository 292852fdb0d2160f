import { describe, expect, it } from "vitest";
import { savedVersionsOf, versionKey } from "./saved-versions";

describe("saved versions", () => {
  it("reads the versions a mutation result carries and ignores anything else", () => {
    expect(savedVersionsOf({ id: 3, saved: { [versionKey.movement(3)]: 2, [versionKey.case("C-TEST")]: 5 } })).toEqual({ "movement:3": 2, "case:C-TEST": 5 });
    expect(savedVersionsOf({ saved: { "case:C-TEST": "5", "step:1": 1.5, "step:2": 2 } })).toEqual({ "step:2": 2 });
    expect(savedVersionsOf({ id: 3 })).toBeNull();
    expect(savedVersionsOf(null)).toBeNull();
    expect(savedVersionsOf(undefined)).toBeNull();
  });
});
