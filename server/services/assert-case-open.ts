import "server-only";
import { AppError } from "@/lib/errors";
import { isClosedCaseStatus } from "@/lib/workflows/closure";

/**
 * The one check that a case may still be written (issue 5): a closed case is read-only for
 * everyone (forms, notes, consent, services, referrals, transfers, travel, reintegration...) until a
 * supervisor reopens it. Every service that writes to a case calls this after loading the case in
 * scope and before its transaction.
 */
export function assertCaseOpen(caseRow: { status: string }): void {
  if (isClosedCaseStatus(caseRow.status)) {
    throw new AppError("INVALID_STATE", "case is closed", { case: "closure.errors.closed" });
  }
}
