import type { Answers, YesNoUnknown } from "../types";
import { SCREENING_ACT_FIELDS, SCREENING_MEANS_FIELDS, type ScreeningDecision } from "./definition";

/**
 * The preliminary determination from the screening answers.
 *
 * UN Trafficking Protocol, article 3: trafficking is an ACT (recruitment, transportation, transfer,
 * harbouring, receipt) by MEANS (threat or use of force, coercion, abduction, fraud, deception, abuse
 * of power or of a position of vulnerability, payments to a person having control) for the PURPOSE of
 * exploitation. For a child (under 18) the means are not required.
 *
 * Each element is three-valued: present ("yes" to any of its questions), absent ("no" to all), or
 * unknown. When every element required is present, article 3 is met. When none is absent but some are
 * unknown, the person is a presumed victim who needs further assessment. Otherwise the needs-first
 * approach of the 2012 review applies: migrants who were exploited or abused, or who are highly
 * vulnerable (an unaccompanied child, stranded, urgent health needs, in detention), are eligible for
 * assistance without formal identification as victims. Else: not eligible.
 */

export type Element = "present" | "absent" | "unknown";

export type DeterminationReason =
  | { key: "noConsent" }
  | { key: "child"; age: number }
  | { key: "adult" }
  | { key: "ageUnknown" }
  | { key: "element"; element: "act" | "means" | "purpose"; state: Element }
  | { key: "meansNotRequired" }
  | { key: "article3Met" }
  | { key: "article3Unknown" }
  | { key: "article3NotMet" }
  | { key: "needsFirst"; trigger: NeedsFirstTrigger }
  | { key: "noNeedsFirst" };

export type NeedsFirstTrigger = "abuseOrExploitation" | "unaccompaniedChild" | "stranded" | "urgentHealthNeeds" | "inDetention" | "vulnerabilities";

export type Determination = {
  outcome: ScreeningDecision | "not_assessed";
  isChild: boolean | null;
  act: Element;
  means: Element;
  purpose: Element;
  reasons: DeterminationReason[];
};

function element(answers: Answers, fields: readonly string[]): Element {
  const values = fields.map((f) => answers[f] as YesNoUnknown | undefined);
  if (values.some((v) => v === "yes")) return "present";
  if (values.length > 0 && values.every((v) => v === "no")) return "absent";
  return "unknown";
}

function purposeElement(answers: Answers): Element {
  const types = answers.exploitationTypes;
  if (answers.purposeExploitation === "yes" || (Array.isArray(types) && types.length > 0)) return "present";
  if (answers.purposeExploitation === "no") return "absent";
  return "unknown";
}

export function needsFirstTriggers(answers: Answers, isChild: boolean | null): NeedsFirstTrigger[] {
  const triggers: NeedsFirstTrigger[] = [];
  if (answers.abuseOrExploitation === "yes") triggers.push("abuseOrExploitation");
  if (isChild && answers.unaccompanied === "yes") triggers.push("unaccompaniedChild");
  if (answers.stranded === "yes") triggers.push("stranded");
  if (answers.urgentHealthNeeds === "yes") triggers.push("urgentHealthNeeds");
  if (answers.inDetention === "yes") triggers.push("inDetention");
  if (Array.isArray(answers.vulnerabilities) && answers.vulnerabilities.length > 0) triggers.push("vulnerabilities");
  return triggers;
}

export function determine(answers: Answers): Determination {
  if (answers.consentToScreening !== "yes") {
    return { outcome: "not_assessed", isChild: null, act: "unknown", means: "unknown", purpose: "unknown", reasons: [{ key: "noConsent" }] };
  }
  const age = typeof answers.age === "number" && Number.isFinite(answers.age) ? answers.age : null;
  const isChild = age === null ? null : age < 18;
  const act = element(answers, SCREENING_ACT_FIELDS);
  const means = element(answers, SCREENING_MEANS_FIELDS);
  const purpose = purposeElement(answers);

  const reasons: DeterminationReason[] = [
    age === null ? { key: "ageUnknown" } : isChild ? { key: "child", age } : { key: "adult" },
    { key: "element", element: "act", state: act },
    isChild ? { key: "meansNotRequired" } : { key: "element", element: "means", state: means },
    { key: "element", element: "purpose", state: purpose },
  ];

  // A child needs act + purpose; an adult (or a person of unknown age) also needs means.
  const required: Element[] = isChild ? [act, purpose] : [act, means, purpose];
  let outcome: Determination["outcome"];
  if (required.every((e) => e === "present")) {
    reasons.push({ key: "article3Met" });
    outcome = "victim";
  } else if (required.every((e) => e !== "absent")) {
    reasons.push({ key: "article3Unknown" });
    outcome = "presumed_victim";
  } else {
    reasons.push({ key: "article3NotMet" });
    const triggers = needsFirstTriggers(answers, isChild);
    if (triggers.length > 0) {
      for (const trigger of triggers) reasons.push({ key: "needsFirst", trigger });
      outcome = "vulnerable_eligible";
    } else {
      reasons.push({ key: "noNeedsFirst" });
      outcome = "not_eligible";
    }
  }
  return { outcome, isChild, act, means, purpose, reasons };
}
