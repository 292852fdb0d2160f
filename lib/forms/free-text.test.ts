import { describe, expect, it } from "vitest";
import { withoutFreeText } from "./free-text";
import type { FormDefinition } from "./types";

const form: FormDefinition = {
  id: "synthetic",
  version: 1,
  title: "t",
  sections: [
    {
      id: "s",
      title: "t",
      fields: [
        { id: "country", label: "l", type: "country" },
        { id: "story", label: "l", type: "longtext" },
        { id: "name", label: "l", type: "text" },
        { id: "count", label: "l", type: "number" },
        {
          id: "legs",
          label: "l",
          type: "group",
          itemLabel: "l",
          fields: [
            { id: "to", label: "l", type: "country" },
            { id: "carrier", label: "l", type: "text" },
          ],
        },
      ],
    },
  ],
};

describe("withoutFreeText", () => {
  it("drops text and longtext answers, in groups too, and answers the definition does not know", () => {
    expect(
      withoutFreeText(form, {
        country: "AT",
        story: "Synthetic story",
        name: "Synthetic name",
        count: 3,
        legs: [{ to: "UA", carrier: "Synthetic carrier" }, "not an item"],
        retired: "Synthetic old field",
      }),
    ).toEqual({ country: "AT", count: 3, legs: [{ to: "UA" }, {}] });
  });
});
