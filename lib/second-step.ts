/** What POST /api/auth/second-step answers (app/api/auth/second-step/route.ts; decision 0017). */
export type SecondStepAnswer =
  | { status: "passed" }
  | { status: "enrolled"; recoveryCodes: string[] }
  | { status: "error"; problem: "invalid" | "locked" | "throttled" | "expired" };

export const SECOND_STEP_ENDPOINT = "/api/auth/second-step";
