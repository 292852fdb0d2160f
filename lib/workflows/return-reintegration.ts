/**
 * Rules of return travel, reintegration and monitoring beyond the state machines of
 * case-lifecycle.ts: monitoring-visit transitions, itinerary checks, and the derivation of the
 * reintegration core variable. Pure: used by the server (which enforces them) and the UI.
 */
import type { ReintegrationType } from "@/lib/reference/vocabulary";
import type { StepStatus } from "./case-lifecycle";
import type { StateMachine } from "./state-machine";

/** Travel documents arranged for a movement (movements.documents, ";"-separated). */
export const TRAVEL_DOCUMENTS = ["passport", "travel_document", "laissez_passer", "visa", "transit_waiver"] as const;
export type TravelDocument = (typeof TRAVEL_DOCUMENTS)[number];

export const FIT_TO_TRAVEL = ["not_checked", "fit", "unfit"] as const;
export type FitToTravel = (typeof FIT_TO_TRAVEL)[number];

export const BEST_INTEREST_OUTCOMES = ["in_favour_of_return", "against_return"] as const;
export type BestInterestOutcome = (typeof BEST_INTEREST_OUTCOMES)[number];

/** Who provides a reintegration step: our own office, or a partner organisation of the registry. */
export const STEP_PROVIDERS = ["self", "partner"] as const;
export type StepProvider = (typeof STEP_PROVIDERS)[number];

/** Monitoring visits: scheduled at 3, 6 and 12 months; then done (with an outcome) or missed. A
 * missed visit can still be done later; a done visit is final. */
export const MONITORING_STATUSES = ["scheduled", "done", "missed"] as const;
export type MonitoringStatus = (typeof MONITORING_STATUSES)[number];
export const MONITORING_MACHINE: StateMachine<MonitoringStatus> = {
  scheduled: ["done", "missed"],
  missed: ["done"],
  done: [],
};

export const MONITORING_OUTCOMES = ["reintegrating_well", "some_difficulties", "serious_difficulties", "lost_contact", "remigrated"] as const;
export type MonitoringOutcome = (typeof MONITORING_OUTCOMES)[number];

/**
 * The step statuses whose type counts as reintegration assistance for the case's core variable
 * (case_values kind "reintegration"): DONE and IN PROGRESS. Assistance counts once it has started:
 * the annual review reports the assistance returnees received in the first months to a year after
 * return, and a vocational training or business set-up that runs across the reporting date is
 * assistance provided in that year. A planned step is only an intention and a cancelled one was
 * not provided, so neither counts; a step cancelled while in progress stops counting.
 */
export const COUNTED_STEP_STATUSES: readonly StepStatus[] = ["in_progress", "done"];

/** The reintegration assistance types of a case, from its steps: distinct, sorted. */
export function reintegrationCoreTypes(steps: readonly { type: ReintegrationType; status: StepStatus }[]): ReintegrationType[] {
  return [...new Set(steps.filter((s) => COUNTED_STEP_STATUSES.includes(s.status)).map((s) => s.type))].sort();
}

export type Leg = { from: string; to: string; departOn: string; carrier?: string; transit: boolean };

export type ItineraryIssue = { path: (string | number)[]; message: string };

/**
 * Checks the dates of a movement and its legs: arrival not before departure, every leg within the
 * travel dates and in order. Messages are catalogue keys.
 */
export function itineraryIssues(m: { departureOn: string; arrivalOn?: string | null; legs: readonly Pick<Leg, "departOn">[] }): ItineraryIssue[] {
  const issues: ItineraryIssue[] = [];
  if (m.arrivalOn && m.arrivalOn < m.departureOn) issues.push({ path: ["arrivalOn"], message: "return.validation.arrivalBeforeDeparture" });
  let previous = m.departureOn;
  m.legs.forEach((leg, i) => {
    if (leg.departOn < m.departureOn) issues.push({ path: ["legs", i, "departOn"], message: "return.validation.legBeforeDeparture" });
    else if (m.arrivalOn && leg.departOn > m.arrivalOn) issues.push({ path: ["legs", i, "departOn"], message: "return.validation.legAfterArrival" });
    else if (leg.departOn < previous) issues.push({ path: ["legs", i, "departOn"], message: "return.validation.legsOutOfOrder" });
    else previous = leg.departOn;
  });
  return issues;
}

/** Whether the case's return date may be typed at enrolment: only when no travel of this case
 * (other than cancelled) exists; otherwise it comes from the travel marked travelled. */
export function returnDateFromTravel(movementStatuses: readonly string[]): boolean {
  return movementStatuses.some((s) => s !== "cancelled");
}
