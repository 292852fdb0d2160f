import { CLOSURE_MACHINE, type ClosureReason, type ClosureState } from "./case-lifecycle";
import { canTransition } from "./state-machine";

/**
 * Closure as a case shows it (issue 5). The case's HTCDS status says whether it is closed; a
 * pending closure request says whether closure was asked for. Pure: used by the server (which
 * enforces it) and the UI (which only hides what cannot be done).
 */

/** HTCDS cas_Status values of a closed case: read-only everywhere until a supervisor reopens it. */
export const CLOSED_CASE_STATUSES = ["Closed", "ClosedReferred"] as const;

export function isClosedCaseStatus(status: string): boolean {
  return (CLOSED_CASE_STATUSES as readonly string[]).includes(status);
}

/** The closure state of a case from its status and whether a closure request is pending. */
export function closureState(caseStatus: string, pendingRequest: boolean): ClosureState {
  if (isClosedCaseStatus(caseStatus)) return "closed";
  return pendingRequest ? "closure_requested" : "open";
}

/** Whether the closure machine allows `to` from the case's current state. */
export function canMoveClosure(caseStatus: string, pendingRequest: boolean, to: ClosureState): boolean {
  return canTransition(CLOSURE_MACHINE, closureState(caseStatus, pendingRequest), to);
}

/** The HTCDS status a case takes when its closure is approved: a case closed because it was
 * transferred to another office is "ClosedReferred", every other reason "Closed". */
export function closedStatusFor(reason: ClosureReason): (typeof CLOSED_CASE_STATUSES)[number] {
  return reason === "transferred" ? "ClosedReferred" : "Closed";
}
