import { describe, expect, it } from "vitest";
import { determine } from "./determination";
import { SCREENING_ACT_FIELDS, SCREENING_MEANS_FIELDS } from "./definition";
import type { Answers } from "../types";

type Tri = "yes" | "no" | "unknown";

/** Answers with every act / means question set to one value, plus purpose and age. */
function answers(opts: { age?: number; act: Tri; means: Tri; purpose: Tri; extra?: Answers }): Answers {
  const a: Answers = { consentToScreening: "yes", ...opts.extra };
  if (opts.age !== undefined) a.age = opts.age;
  for (const f of SCREENING_ACT_FIELDS) a[f] = opts.act === "yes" && f !== "actRecruitment" ? "no" : opts.act;
  for (const f of SCREENING_MEANS_FIELDS) a[f] = opts.means === "yes" && f !== "meansDeception" ? "no" : opts.means;
  a.purposeExploitation = opts.purpose;
  return a;
}

const TRI: Tri[] = ["yes", "no", "unknown"];

describe("article 3 determination", () => {
  // Truth table over every combination, for an adult and a child.
  for (const age of [30, 15]) {
    for (const act of TRI) {
      for (const means of TRI) {
        for (const purpose of TRI) {
          const child = age < 18;
          const required = child ? [act, purpose] : [act, means, purpose];
          const expected = required.every((e) => e === "yes")
            ? "victim"
            : required.every((e) => e !== "no")
              ? "presumed_victim"
              : "not_eligible";
          it(`${child ? "child" : "adult"}: act=${act} means=${means} purpose=${purpose} -> ${expected}`, () => {
            expect(determine(answers({ age, act, means, purpose })).outcome).toBe(expected);
          });
        }
      }
    }
  }

  it("a child trafficked for begging with no means is a victim", () => {
    const d = determine(answers({ age: 12, act: "yes", means: "no", purpose: "yes", extra: { exploitationTypes: ["ForcedBegging"] } }));
    expect(d.outcome).toBe("victim");
    expect(d.reasons).toContainEqual({ key: "meansNotRequired" });
  });

  it("an adult with act and purpose but no means is not a victim under article 3", () => {
    expect(determine(answers({ age: 25, act: "yes", means: "no", purpose: "yes" })).outcome).not.toBe("victim");
  });

  it("unknown age requires means like an adult", () => {
    expect(determine(answers({ act: "yes", means: "no", purpose: "yes" })).outcome).toBe("not_eligible");
    expect(determine(answers({ act: "yes", means: "unknown", purpose: "yes" })).outcome).toBe("presumed_victim");
  });

  it("a single yes among several acts is enough, all no is absent", () => {
    const a = answers({ age: 30, act: "no", means: "yes", purpose: "yes" });
    expect(determine(a).act).toBe("absent");
    a.actHarbouring = "yes";
    expect(determine(a).act).toBe("present");
    expect(determine(a).outcome).toBe("victim");
  });

  it("unanswered questions count as unknown", () => {
    expect(determine({ consentToScreening: "yes", age: 40 }).outcome).toBe("presumed_victim");
  });
});

describe("needs-first eligibility", () => {
  const notTrafficked = (extra: Answers) => answers({ age: 30, act: "no", means: "no", purpose: "no", extra });
  it.each([
    ["abuseOrExploitation", { abuseOrExploitation: "yes" }],
    ["stranded", { stranded: "yes" }],
    ["urgentHealthNeeds", { urgentHealthNeeds: "yes" }],
    ["inDetention", { inDetention: "yes" }],
    ["vulnerabilities", { vulnerabilities: ["Poverty"] }],
  ])("%s makes a non-victim eligible", (trigger, extra) => {
    const d = determine(notTrafficked(extra));
    expect(d.outcome).toBe("vulnerable_eligible");
    expect(d.reasons).toContainEqual({ key: "needsFirst", trigger });
  });

  it("an unaccompanied child is eligible; an accompanied one without other triggers is not", () => {
    const base = { age: 15, act: "no", means: "no", purpose: "no" } as const;
    expect(determine(answers({ ...base, extra: { unaccompanied: "yes" } })).outcome).toBe("vulnerable_eligible");
    expect(determine(answers({ ...base, extra: { unaccompanied: "no" } })).outcome).toBe("not_eligible");
  });

  it("'unaccompanied' does not count for an adult", () => {
    expect(determine(notTrafficked({ unaccompanied: "yes" })).outcome).toBe("not_eligible");
  });

  it("no consent: not assessed", () => {
    expect(determine({ consentToScreening: "no", age: 10, actRecruitment: "yes" }).outcome).toBe("not_assessed");
  });
});
