import type { Answers } from "../types";
import { determine } from "./determination";

export { screeningForm, SCREENING_DECISIONS, type ScreeningDecision } from "./definition";
export { determine, type Determination } from "./determination";
export { screeningCoreVariables } from "./core-variables";

/**
 * Submission rules of the screening form beyond its definition: the caseworker's decision needs a
 * reason whenever it differs from the computed determination.
 */
export function screeningExtraIssues(answers: Answers): { path: string[]; message: string }[] {
  const computed = determine(answers).outcome;
  const reason = typeof answers.decisionReason === "string" ? answers.decisionReason.trim() : "";
  if (answers.decision && answers.decision !== computed && reason === "") {
    return [{ path: ["decisionReason"], message: "validation.reasonWhenOverriding" }];
  }
  return [];
}
