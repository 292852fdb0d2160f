import type { StateMachine } from "./state-machine";

/** Referrals (issue 5): a referral is answered, then completed; it can be cancelled until then. */
export const REFERRAL_STATUSES = ["pending", "accepted", "declined", "completed", "cancelled"] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
export const REFERRAL_MACHINE: StateMachine<ReferralStatus> = {
  pending: ["accepted", "declined", "cancelled"],
  accepted: ["completed", "cancelled"],
  declined: [],
  completed: [],
  cancelled: [],
};

/** Return travel: a planned movement happens, is cancelled, or the person does not show up. */
export const TRAVEL_STATUSES = ["planned", "travelled", "cancelled", "no_show"] as const;
export type TravelStatus = (typeof TRAVEL_STATUSES)[number];
export const TRAVEL_MACHINE: StateMachine<TravelStatus> = {
  planned: ["travelled", "cancelled", "no_show"],
  travelled: [],
  cancelled: [],
  no_show: ["planned", "cancelled"],
};

/** Reintegration plan steps. */
export const STEP_STATUSES = ["planned", "in_progress", "done", "cancelled"] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];
export const STEP_MACHINE: StateMachine<StepStatus> = {
  planned: ["in_progress", "done", "cancelled"],
  in_progress: ["done", "cancelled"],
  done: [],
  cancelled: [],
};

/**
 * Case closure: the caseworker requests it with a reason, a supervisor approves (the case becomes
 * read-only) or returns it; a supervisor can reopen a closed case with a reason.
 */
export const CLOSURE_STATES = ["open", "closure_requested", "closed"] as const;
export type ClosureState = (typeof CLOSURE_STATES)[number];
export const CLOSURE_MACHINE: StateMachine<ClosureState> = {
  open: ["closure_requested"],
  closure_requested: ["closed", "open"],
  closed: ["open"],
};

/** HTCDS cas_ReasonForCaseClosure is free text in the standard; these are Passage's values. */
export const CLOSURE_REASONS = ["assistance_completed", "declined_further_assistance", "lost_contact", "transferred", "deceased", "other"] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

export type TravelCheck = {
  unaccompaniedChild: boolean;
  bestInterestDecision: "in_favour_of_return" | "against_return" | null;
  fitToTravel: "fit" | "unfit" | "not_checked";
};

/**
 * Why a planned movement may not take place (empty when it may). An unaccompanied child travels only
 * after a best-interest decision in favour of return; nobody travels without a fit-to-travel check.
 */
export function travelBlockers(check: TravelCheck): ("best_interest_decision_required" | "best_interest_against_return" | "fit_to_travel_required" | "unfit_to_travel")[] {
  const blockers: ReturnType<typeof travelBlockers> = [];
  if (check.unaccompaniedChild) {
    if (check.bestInterestDecision === null) blockers.push("best_interest_decision_required");
    else if (check.bestInterestDecision === "against_return") blockers.push("best_interest_against_return");
  }
  if (check.fitToTravel === "not_checked") blockers.push("fit_to_travel_required");
  if (check.fitToTravel === "unfit") blockers.push("unfit_to_travel");
  return blockers;
}

/** Monitoring visits after return: 3, 6 and 12 months after the return date (ISO dates). */
export const MONITORING_MONTHS = [3, 6, 12] as const;

export function monitoringDueDates(returnedOn: string): { months: (typeof MONITORING_MONTHS)[number]; dueOn: string }[] {
  const [y, m, d] = returnedOn.split("-").map(Number) as [number, number, number];
  return MONITORING_MONTHS.map((months) => {
    const target = new Date(Date.UTC(y, m - 1 + months, 1));
    // Clamp to the last day of the target month (31 January + 3 months = 30 April).
    const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
    target.setUTCDate(Math.min(d, lastDay));
    return { months, dueOn: target.toISOString().slice(0, 10) };
  });
}

/** A referral is overdue when it is still pending after its due date. */
export function isReferralOverdue(status: ReferralStatus, dueOn: string | null, today: string): boolean {
  return status === "pending" && dueOn !== null && dueOn < today;
}
