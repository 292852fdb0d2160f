import "server-only";
import { aliasedTable, and, asc, eq, gt, inArray, isNotNull, lte, notExists, notInArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { caseScopeWhere } from "@/db/queries/case-scope";
import { cases, determinations, organisations, users } from "@/db/schema";
import { caseClosures, monitoringVisits, movements, referrals, reintegrationSteps } from "@/db/schema-lifecycle";
import { can } from "@/lib/permissions";
import type { TDeskQuery } from "@/lib/schemas/desk";
import { ZDeskQuery } from "@/lib/schemas/desk";
import { isReferralOverdue } from "@/lib/workflows/case-lifecycle";
import { CLOSED_CASE_STATUSES } from "@/lib/workflows/closure";
import { addDays, deskTiming, todayIso } from "@/lib/workflows/desk";
import type { SessionUser } from "@/server/auth/session-user";
import { closureQueue } from "./closure";
import { determinationQueue } from "./determinations";
import { incomingTransfers } from "./transfers";

/**
 * The caseworker's desk (issue 5): what is due on the cases the user works on (own cases for a
 * caseworker, the office's for a supervisor; scope in the WHERE, closed cases left out): referrals
 * awaiting an answer or overdue, travel, reintegration steps and monitoring visits coming in the
 * next `days` days or late, and determinations or closure requests returned by a supervisor.
 * Supervisors also get the approvals waiting for them. Read-only; codes and values only, no text.
 * Travel, steps and visits are read straight from their tables (db/schema-lifecycle.ts).
 */
export function deskFor(db: Db, user: SessionUser, query: TDeskQuery = {}) {
  const { days } = ZDeskQuery.parse(query);
  const today = todayIso();
  const horizon = addDays(today, days);
  const inScope = and(caseScopeWhere(db, user, "case:read"), notInArray(cases.status, [...CLOSED_CASE_STATUSES]));

  const referralRows = db
    .select({
      id: referrals.id,
      caseCode: cases.code,
      direction: referrals.direction,
      organisationName: organisations.name,
      referredOn: referrals.referredOn,
      dueOn: referrals.dueOn,
      status: referrals.status,
    })
    .from(referrals)
    .innerJoin(cases, eq(cases.id, referrals.caseId))
    .innerJoin(organisations, eq(organisations.id, referrals.organisationId))
    .where(and(eq(referrals.status, "pending"), inScope))
    .orderBy(sql`${referrals.dueOn} is null`, asc(referrals.dueOn), asc(referrals.id))
    .all()
    .map((r) => ({ ...r, overdue: isReferralOverdue(r.status, r.dueOn, today) }));

  const travel = db
    .select({
      id: movements.id,
      caseCode: cases.code,
      fromCountry: movements.fromCountry,
      toCountry: movements.toCountry,
      departureOn: movements.departureOn,
      escort: movements.escort,
      fitToTravel: movements.fitToTravel,
    })
    .from(movements)
    .innerJoin(cases, eq(cases.id, movements.caseId))
    .where(and(eq(movements.status, "planned"), lte(movements.departureOn, horizon), inScope))
    .orderBy(asc(movements.departureOn), asc(movements.id))
    .all()
    .map((r) => ({ ...r, timing: deskTiming(r.departureOn, today, days)! }));

  const steps = db
    .select({
      id: reintegrationSteps.id,
      caseCode: cases.code,
      type: reintegrationSteps.type,
      status: reintegrationSteps.status,
      plannedOn: reintegrationSteps.plannedOn,
    })
    .from(reintegrationSteps)
    .innerJoin(cases, eq(cases.id, reintegrationSteps.caseId))
    .where(
      and(
        inArray(reintegrationSteps.status, ["planned", "in_progress"]),
        isNotNull(reintegrationSteps.plannedOn),
        lte(reintegrationSteps.plannedOn, horizon),
        inScope,
      ),
    )
    .orderBy(asc(reintegrationSteps.plannedOn), asc(reintegrationSteps.id))
    .all()
    .map((r) => ({ ...r, timing: deskTiming(r.plannedOn, today, days)! }));

  const visits = db
    .select({ id: monitoringVisits.id, caseCode: cases.code, months: monitoringVisits.months, dueOn: monitoringVisits.dueOn })
    .from(monitoringVisits)
    .innerJoin(cases, eq(cases.id, monitoringVisits.caseId))
    .where(and(eq(monitoringVisits.status, "scheduled"), lte(monitoringVisits.dueOn, horizon), inScope))
    .orderBy(asc(monitoringVisits.dueOn), asc(monitoringVisits.id))
    .all()
    .map((r) => ({ ...r, timing: deskTiming(r.dueOn, today, days)! }));

  // Returned to the caseworker: the latest determination of the case was returned, or the latest
  // closure request was.
  const reviewer = aliasedTable(users, "reviewer");
  const later = aliasedTable(determinations, "later");
  const returnedDeterminations = db
    .select({ id: determinations.id, caseCode: cases.code, reviewedAt: determinations.reviewedAt, reviewedBy: reviewer.name })
    .from(determinations)
    .innerJoin(cases, eq(cases.id, determinations.caseId))
    .leftJoin(reviewer, eq(reviewer.id, determinations.reviewedBy))
    .where(
      and(
        eq(determinations.status, "returned"),
        notExists(
          db
            .select({ one: sql`1` })
            .from(later)
            .where(and(eq(later.caseId, determinations.caseId), gt(later.id, determinations.id))),
        ),
        inScope,
      ),
    )
    .orderBy(asc(determinations.reviewedAt))
    .all();
  const laterClosure = aliasedTable(caseClosures, "later_closure");
  const returnedClosures = db
    .select({ id: caseClosures.id, caseCode: cases.code, reason: caseClosures.reason, reviewedAt: caseClosures.reviewedAt, reviewedBy: reviewer.name })
    .from(caseClosures)
    .innerJoin(cases, eq(cases.id, caseClosures.caseId))
    .leftJoin(reviewer, eq(reviewer.id, caseClosures.reviewedBy))
    .where(
      and(
        eq(caseClosures.status, "returned"),
        notExists(
          db
            .select({ one: sql`1` })
            .from(laterClosure)
            .where(and(eq(laterClosure.caseId, caseClosures.caseId), gt(laterClosure.id, caseClosures.id))),
        ),
        inScope,
      ),
    )
    .orderBy(asc(caseClosures.reviewedAt))
    .all();

  const approvals = can(user.role, "determination:approve:office") || can(user.role, "closure:approve:office") || can(user.role, "transfer:decide:office")
    ? {
        determinations: can(user.role, "determination:approve:office") ? determinationQueue(db, user) : [],
        closures: closureQueue(db, user),
        transfers: incomingTransfers(db, user),
      }
    : null;

  return {
    today,
    days,
    scope: can(user.role, "case:read:office") ? ("office" as const) : ("own" as const),
    referrals: referralRows,
    travel,
    steps,
    visits,
    returned: { determinations: returnedDeterminations, closures: returnedClosures },
    approvals,
  };
}
