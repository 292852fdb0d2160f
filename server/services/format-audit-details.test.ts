import { describe, expect, it } from "vitest";
import { flattenDetails } from "./format-audit-details";

describe("flattenDetails", () => {
  it("turns canonical JSON into key: value lines", () => {
    expect(flattenDetails('{"a":[1,2],"b":{"c":true,"d":null},"e":"x","f":[]}')).toEqual([
      { key: "a", value: "1, 2" },
      { key: "b.c", value: "true" },
      { key: "b.d", value: "—" },
      { key: "e", value: "x" },
      { key: "f", value: "—" },
    ]);
  });

  it("numbers arrays of objects and survives unreadable input", () => {
    expect(flattenDetails('{"docs":[{"t":"p"},{"t":"q"}]}')).toEqual([
      { key: "docs.1.t", value: "p" },
      { key: "docs.2.t", value: "q" },
    ]);
    expect(flattenDetails("{}")).toEqual([]);
    expect(flattenDetails("not json")).toEqual([{ key: "value", value: "(unreadable)" }]);
  });
});
