import { describe, expect, it } from "vitest";
import { pruneHidden, sectionProgress } from "./conditions";
import { draftSchema, submitSchema } from "./schema";
import type { FormDefinition } from "./types";

const def = {
  id: "test",
  version: 1,
  title: "t",
  sections: [
    {
      id: "a",
      title: "a",
      fields: [
        { id: "consent", type: "yesno", label: "l", required: true },
        { id: "age", type: "number", label: "l", min: 0, max: 120, integer: true, required: true },
        { id: "guardian", type: "text", label: "l", shownWhen: { field: "age", lessThan: 18 }, required: true },
        { id: "kinds", type: "multi", label: "l", options: { values: ["x", "y"], labelPrefix: "p" } },
        { id: "detail", type: "text", label: "l", required: { field: "kinds", includes: "y" } },
      ],
    },
    {
      id: "b",
      title: "b",
      shownWhen: { field: "consent", equals: "yes" },
      fields: [
        { id: "country", type: "country", label: "l", required: true },
        {
          id: "legs",
          type: "group",
          label: "l",
          itemLabel: "l",
          fields: [
            { id: "from", type: "country", label: "l", required: true },
            { id: "on", type: "date", label: "l" },
          ],
        },
      ],
    },
  ],
} as const satisfies FormDefinition;

const paths = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  (r.error?.issues ?? []).map((i) => i.path.join(".")).sort();

describe("schemas derived from a form definition", () => {
  it("draft accepts anything missing and empty strings, but checks types", () => {
    expect(draftSchema(def).safeParse({}).success).toBe(true);
    expect(draftSchema(def).safeParse({ age: "", consent: "" }).success).toBe(true);
    expect(paths(draftSchema(def).safeParse({ age: 400, consent: "maybe", country: "ZZ" }))).toEqual(["age", "consent", "country"]);
  });

  it("submit requires visible required fields only", () => {
    expect(paths(submitSchema(def).safeParse({ consent: "no" }))).toEqual(["age"]);
    expect(paths(submitSchema(def).safeParse({ consent: "yes", age: 30 }))).toEqual(["country"]);
  });

  it("shown-when adds requirements (a child needs a guardian)", () => {
    expect(paths(submitSchema(def).safeParse({ consent: "no", age: 12 }))).toEqual(["guardian"]);
  });

  it("required-when follows other answers", () => {
    expect(paths(submitSchema(def).safeParse({ consent: "no", age: 30, kinds: ["x"] }))).toEqual([]);
    expect(paths(submitSchema(def).safeParse({ consent: "no", age: 30, kinds: ["y"] }))).toEqual(["detail"]);
  });

  it("validates repeatable groups item by item", () => {
    const r = submitSchema(def).safeParse({ consent: "yes", age: 30, country: "AT", legs: [{ from: "UA" }, { on: "2020-01-01" }] });
    expect(paths(r)).toEqual(["legs.1.from"]);
  });

  it("a group row added and left empty is not an answer: nothing in it is required, and it is not stored", () => {
    const answers = { consent: "yes", age: 30, country: "AT", legs: [{}, { from: "AT" }, { from: "", on: "" }] };
    expect(paths(submitSchema(def).safeParse(answers))).toEqual([]);
    expect(pruneHidden(def, answers).legs).toEqual([{ from: "AT" }]);
  });

  it("prunes what is hidden and reports progress per section", () => {
    expect(pruneHidden(def, { consent: "no", age: 30, country: "AT", guardian: "x" })).toEqual({ consent: "no", age: 30 });
    const progress = sectionProgress(def, { consent: "yes", age: 12 });
    expect(progress.map((p) => [p.id, p.missing])).toEqual([
      ["a", ["guardian"]],
      ["b", ["country"]],
    ]);
  });
});

describe("languages, organisations and conditions inside groups", () => {
  const groupDef = {
    id: "g",
    version: 1,
    title: "t",
    sections: [
      {
        id: "s",
        title: "s",
        fields: [
          { id: "language", type: "language", label: "l" },
          { id: "languages", type: "languages", label: "l" },
          {
            id: "services",
            type: "group",
            label: "l",
            itemLabel: "l",
            fields: [
              { id: "status", type: "single", label: "l", options: { values: ["provided", "not_provided"], labelPrefix: "p" }, required: true },
              { id: "reason", type: "text", label: "l", shownWhen: { field: "status", equals: "not_provided" }, required: true },
              { id: "organisation", type: "organisation", label: "l", shownWhen: { field: "status", equals: "provided" } },
            ],
          },
        ],
      },
    ],
  } as const satisfies FormDefinition;

  it("accepts ISO 639-1 codes only", () => {
    expect(paths(draftSchema(groupDef).safeParse({ language: "uk", languages: ["ti", "am"] }))).toEqual([]);
    expect(paths(draftSchema(groupDef).safeParse({ language: "ukr", languages: ["xx"] }))).toEqual(["language", "languages.0"]);
  });

  it("an organisation is a positive id (a select's string is converted)", () => {
    expect(draftSchema(groupDef).parse({ services: [{ status: "provided", organisation: "7" }] }).services).toEqual([{ status: "provided", organisation: 7 }]);
    expect(paths(draftSchema(groupDef).safeParse({ services: [{ organisation: -1 }] }))).toEqual(["services.0.organisation"]);
  });

  it("inside a group item, a hidden question is neither required nor stored", () => {
    expect(paths(submitSchema(groupDef).safeParse({ services: [{ status: "provided" }, { status: "not_provided" }] }))).toEqual(["services.1.reason"]);
    expect(pruneHidden(groupDef, { services: [{ status: "not_provided", reason: "r", organisation: 7 }] })).toEqual({
      services: [{ status: "not_provided", reason: "r" }],
    });
  });
});
