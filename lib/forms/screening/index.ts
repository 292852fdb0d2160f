import { requiredIssues, submitSchema } from "../schema";
import type { Answers } from "../types";
import { screeningForm } from "./definition";
import { determine } from "./determination";

export { screeningForm } from "./definition";
export { determine } from "./determination";

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

export const screeningSubmitSchema = submitSchema(screeningForm).superRefine((answers, ctx) => {
  for (const issue of screeningExtraIssues(answers as Answers)) ctx.addIssue({ code: "custom", ...issue });
});

export { requiredIssues };
