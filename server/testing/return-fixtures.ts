import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { cases } from "@/db/schema";
import { monitoringVisits, movements, reintegrationSteps } from "@/db/schema-lifecycle";
import { ZAddStep } from "@/lib/schemas/reintegration";
import { ZEnrolProgramme, ZPlanTravel } from "@/lib/schemas/return";
import type { SessionUser } from "@/server/auth/session-user";
import { addStep } from "@/server/services/reintegration";
import { enrolProgramme, planTravel } from "@/server/services/return-travel";

/**
 * Programme, travel and reintegration records of the authorization matrix's case, made through the
 * services as the case's owner, so that the caller under test only does the one call the matrix is
 * about. Idempotent: the signed-out check calls every entry on one world.
 */
export type ReturnWorld = { db: Db; caseCode: string; caseOwner: SessionUser };

function caseOf(w: ReturnWorld) {
  return w.db.select({ id: cases.id, version: cases.version, programme: cases.programme, returnedOn: cases.returnedOn }).from(cases).where(eq(cases.code, w.caseCode)).get()!;
}

/** The case's current version (for calls that name it). */
export function caseVersion(w: ReturnWorld): number {
  return caseOf(w).version;
}

/** Enrolled in AVRR (Austria to Ukraine), returned on 2026-03-11 unless `withReturnDate` is false. */
export function enrolled(w: ReturnWorld, withReturnDate = true): number {
  // The signed-out check runs every entry on one world, and the closure entries may leave it closed.
  w.db.update(cases).set({ status: "Active" }).where(and(eq(cases.code, w.caseCode), inArray(cases.status, ["Closed", "ClosedReferred"]))).run();
  const c = caseOf(w);
  if (c.programme === "avrr" && !withReturnDate && c.returnedOn !== null) {
    // A case returned without travel of its own, now needed with travel to plan: forget the return.
    w.db.update(cases).set({ returnedOn: null }).where(eq(cases.id, c.id)).run();
  } else if (c.programme !== "avrr" || (withReturnDate && c.returnedOn === null)) {
    // Travel of its own would make the return date come from travel: set it aside.
    w.db.update(movements).set({ status: "cancelled" }).where(eq(movements.caseId, c.id)).run();
    enrolProgramme(
      w.db,
      w.caseOwner,
      ZEnrolProgramme.parse({ code: w.caseCode, version: c.version, programme: "avrr", hostCountry: "AT", returnCountry: "UA", ...(withReturnDate ? { returnedOn: "2026-03-11" } : {}) }),
    );
  }
  return caseOf(w).id;
}

/** A planned movement of the case (enrolled without a return date). */
export function plannedTravel(w: ReturnWorld): number {
  const caseId = enrolled(w, false);
  const existing = w.db.select({ id: movements.id }).from(movements).where(and(eq(movements.caseId, caseId), eq(movements.status, "planned"))).get();
  if (existing) return existing.id;
  return planTravel(
    w.db,
    w.caseOwner,
    ZPlanTravel.parse({ code: w.caseCode, fromCountry: "AT", toCountry: "UA", departureOn: "2026-03-10", fitToTravel: "fit", legs: [], documents: [] }),
  ).id;
}

/** The case is an unaccompanied migrant child (needed for a best-interest decision). */
export function unaccompaniedChild(w: ReturnWorld): void {
  w.db.update(cases).set({ catUnaccompaniedChild: true }).where(eq(cases.code, w.caseCode)).run();
}

/** A planned reintegration step of the case. */
export function plannedStep(w: ReturnWorld): number {
  const caseId = enrolled(w);
  const existing = w.db.select({ id: reintegrationSteps.id }).from(reintegrationSteps).where(and(eq(reintegrationSteps.caseId, caseId), eq(reintegrationSteps.status, "planned"))).get();
  if (existing) return existing.id;
  return addStep(w.db, w.caseOwner, ZAddStep.parse({ code: w.caseCode, type: "counselling", providerKind: "self" })).id;
}

/** The case's scheduled 3-month monitoring visit. */
export function scheduledVisit(w: ReturnWorld): { id: number; updatedAt: number } {
  const caseId = enrolled(w);
  return w.db
    .select({ id: monitoringVisits.id, updatedAt: monitoringVisits.updatedAt })
    .from(monitoringVisits)
    .where(and(eq(monitoringVisits.caseId, caseId), eq(monitoringVisits.months, 3)))
    .get()!;
}
