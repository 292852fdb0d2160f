import { describe, expect, it } from "vitest";
import { normaliseCode, normaliseCodePrefix } from "./codes";

describe("normaliseCodePrefix (issue 15 item 2)", () => {
  it("puts the start of a code in canonical form", () => {
    expect(normaliseCodePrefix("c")).toBeNull();
    expect(normaliseCodePrefix("c-7")).toEqual({ kind: "case", prefix: "C-7" });
    expect(normaliseCodePrefix("c 7kq2")).toEqual({ kind: "case", prefix: "C-7KQ2" });
    expect(normaliseCodePrefix("C-7KQ2-M")).toEqual({ kind: "case", prefix: "C-7KQ2-M" });
    expect(normaliseCodePrefix("p3f8a20")).toEqual({ kind: "person", prefix: "P-3F8A-20" });
    expect(normaliseCodePrefix("7kq")).toEqual({ kind: "case", prefix: "C-7KQ" });
    // Read-aloud confusions as for whole codes.
    expect(normaliseCodePrefix("C-OIL")).toEqual({ kind: "case", prefix: "C-011" });
  });

  it("a whole code gives the whole code", () => {
    expect(normaliseCodePrefix("c 7kq2 m9xd")?.prefix).toBe(normaliseCode("c 7kq2 m9xd"));
  });

  it("refuses what cannot start a code (names, U, too long)", () => {
    expect(normaliseCodePrefix("Testfamily")).toBeNull();
    expect(normaliseCodePrefix("C-UUU")).toBeNull();
    expect(normaliseCodePrefix("C-7KQ2-M9XD-1")).toBeNull();
    expect(normaliseCodePrefix("")).toBeNull();
  });
});
