import "server-only";
import { caseVersionOf } from "@/db/queries/cases";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { writeTransaction, type Db } from "@/db/client";
import { bestInterestDecisions, monitoringVisits, movements, transfers } from "@/db/schema-lifecycle";
import { cases, offices, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { versionKey } from "@/lib/saved-versions";
import { can } from "@/lib/permissions";
import type { TEnrolProgramme, TPlanTravel, TRecordBestInterest, TSetTravelStatus, TUpdateTravel } from "@/lib/schemas/return";
import { monitoringDueDates, TRAVEL_MACHINE, travelBlockers } from "@/lib/workflows/case-lifecycle";
import { returnDateFromTravel, type Leg, type TravelDocument } from "@/lib/workflows/return-reintegration";
import { isClosedCaseStatus } from "@/lib/workflows/closure";
import { canTransition, nextStates } from "@/lib/workflows/state-machine";
import { recordAudit } from "@/server/audit/record";
import type { SessionUser } from "@/server/auth/session-user";
import { vaultKeys } from "@/server/crypto/keys";
import { boundTo, open, seal } from "@/server/crypto/vault";
import { movementStatuses } from "@/db/queries/cases";
import { assertCaseOpen } from "./assert-case-open";
import { assertConsentFor } from "./consents";
import { loadCaseInScope } from "./get-case";

/**
 * Programmes and return travel (issue 5): enrolment in AVRR or PARA, best-interest decisions for
 * unaccompanied children, return travel (movements) and the monitoring visits a return schedules.
 * The case's core variables (programme, host_country, return_country, returned_on) are written in
 * the same transaction as the change that sets them, with its audit event.
 */

type CaseRow = ReturnType<typeof loadCaseInScope>;

const bidNotesAad = (id: number) => boundTo("best_interest_decisions", id, "notes");

type AuditCtx = { user: SessionUser; caseRow: Pick<CaseRow, "code" | "officeId">; ip: string | null };

function audit(tx: Db, ctx: AuditCtx, action: Parameters<typeof recordAudit>[1]["action"], details: Record<string, unknown>) {
  recordAudit(tx, { action, actorUserId: ctx.user.id, entityType: "case", entityId: ctx.caseRow.code, officeId: ctx.caseRow.officeId, ip: ctx.ip, details });
}

/**
 * Schedules the monitoring visits at 3, 6 and 12 months after `returnedOn`, or moves the visits
 * still scheduled when the return date changes (recorded visits keep their dates). With a null
 * date, removes the visits still scheduled. Called inside the transaction that sets the case's
 * return date (travel marked travelled, PARA or received return recorded); exported for the
 * transfer between offices, which may give a receiving case its return date.
 */
export function scheduleMonitoring(tx: Db, ctx: AuditCtx & { caseId: number }, returnedOn: string | null): void {
  const existing = tx
    .select({ id: monitoringVisits.id, months: monitoringVisits.months, dueOn: monitoringVisits.dueOn, status: monitoringVisits.status })
    .from(monitoringVisits)
    .where(eq(monitoringVisits.caseId, ctx.caseId))
    .all();
  const now = Date.now();
  if (returnedOn === null) {
    const scheduled = existing.filter((v) => v.status === "scheduled");
    if (scheduled.length === 0) return;
    tx.delete(monitoringVisits).where(inArray(monitoringVisits.id, scheduled.map((v) => v.id))).run();
    audit(tx, ctx, "monitoring.rescheduled", { removed: scheduled.map((v) => v.months) });
    return;
  }
  const due = monitoringDueDates(returnedOn);
  const added: number[] = [];
  const moved: number[] = [];
  for (const { months, dueOn } of due) {
    const visit = existing.find((v) => v.months === months);
    if (!visit) {
      tx.insert(monitoringVisits).values({ caseId: ctx.caseId, months, dueOn, status: "scheduled", updatedAt: now }).run();
      added.push(months);
    } else if (visit.status === "scheduled" && visit.dueOn !== dueOn) {
      tx.update(monitoringVisits).set({ dueOn, updatedAt: now }).where(eq(monitoringVisits.id, visit.id)).run();
      moved.push(months);
    }
  }
  if (added.length) audit(tx, ctx, "monitoring.scheduled", { months: added });
  if (moved.length) audit(tx, ctx, "monitoring.rescheduled", { months: moved });
}


/* -------------------------------------------------------------- enrolment */

/**
 * Enrols the case in AVRR or PARA (or changes the enrolment): host country, country of return and,
 * when no travel of this case exists, the return date (PARA, or an AVRR return organised by another
 * office), which schedules the monitoring visits. Once the person has travelled, the programme and
 * the country of return are what the travel says and cannot change here.
 */
export function enrolProgramme(db: Db, user: SessionUser, input: TEnrolProgramme, ip: string | null = null) {
  const caseRow = loadCaseInScope(db, user, input.code, "programme:write");
  assertCaseOpen(caseRow);
  assertConsentFor(db, caseRow.id, "assistance");
  if (caseRow.version !== input.version) throw new AppError("STALE_VERSION");
  const statuses = movementStatuses(db, caseRow.id);
  const travelled = statuses.includes("travelled");
  const fromTravel = returnDateFromTravel(statuses);
  if (input.programme === "para" && fromTravel) {
    throw new AppError("INVALID_STATE", "return travel exists", { programme: "return.validation.paraWithTravel" });
  }
  if (travelled && input.returnCountry !== caseRow.returnCountry) {
    throw new AppError("INVALID_STATE", "already travelled", { returnCountry: "return.validation.travelledReturnCountry" });
  }
  if (fromTravel && input.returnedOn && input.returnedOn !== caseRow.returnedOn) {
    throw new AppError("VALIDATION", "return date comes from the travel", { returnedOn: "return.validation.returnedOnFromTravel" });
  }
  const returnedOn = fromTravel ? caseRow.returnedOn : (input.returnedOn ?? null);
  if (!fromTravel && returnedOn === null && caseRow.returnedOn !== null) {
    const recorded = db
      .select({ id: monitoringVisits.id })
      .from(monitoringVisits)
      .where(and(eq(monitoringVisits.caseId, caseRow.id), inArray(monitoringVisits.status, ["done", "missed"])))
      .get();
    if (recorded) throw new AppError("INVALID_STATE", "visits recorded", { returnedOn: "return.validation.visitsRecorded" });
  }
  return writeTransaction(db, (tx) => {
    const result = tx
      .update(cases)
      .set({
        programme: input.programme,
        hostCountry: input.hostCountry,
        returnCountry: input.returnCountry,
        returnedOn,
        version: input.version + 1,
        updatedAt: Date.now(),
      })
      .where(and(eq(cases.id, caseRow.id), eq(cases.version, input.version)))
      .run();
    if (result.changes !== 1) throw new AppError("STALE_VERSION");
    const ctx = { user, caseRow, ip, caseId: caseRow.id };
    audit(tx, ctx, "programme.enrolled", {
      programme: input.programme,
      previousProgramme: caseRow.programme,
      hostCountry: input.hostCountry,
      returnCountry: input.returnCountry,
      returnDateRecorded: returnedOn !== null,
    });
    // Also when the date is unchanged: a case received by transfer comes with its return date but
    // without visits, and saving its enrolment schedules them (scheduleMonitoring adds only what is missing).
    if (!fromTravel) scheduleMonitoring(tx, ctx, returnedOn);
    return { version: input.version + 1, saved: { [versionKey.case(caseRow.code)]: input.version + 1 } };
  });
}

/* ---------------------------------------------------- best-interest decision */

/** Records a best-interest decision for an unaccompanied child; the latest one counts. */
export function recordBestInterest(db: Db, user: SessionUser, input: TRecordBestInterest, ip: string | null = null) {
  const caseRow = loadCaseInScope(db, user, input.code, "travel:write");
  assertCaseOpen(caseRow);
  if (!caseRow.catUnaccompaniedChild) {
    throw new AppError("INVALID_STATE", "not an unaccompanied child", { outcome: "return.validation.notUnaccompaniedChild" });
  }
  return writeTransaction(db, (tx) => {
    const { id } = tx
      .insert(bestInterestDecisions)
      .values({ caseId: caseRow.id, outcome: input.outcome, decidedOn: input.decidedOn, recordedBy: user.id })
      .returning({ id: bestInterestDecisions.id })
      .get();
    const notes = input.notes?.trim() ?? "";
    if (notes) {
      const s = seal(vaultKeys(), notes, bidNotesAad(id));
      tx.update(bestInterestDecisions).set({ notesKeyId: s.keyId, notesIv: s.iv, notesCiphertext: s.ciphertext }).where(eq(bestInterestDecisions.id, id)).run();
    }
    audit(tx, { user, caseRow, ip }, "best_interest.recorded", { decisionId: id, outcome: input.outcome, notes: notes !== "" });
    return { id };
  });
}

function latestBestInterest(db: Db, caseId: number) {
  return db
    .select({ outcome: bestInterestDecisions.outcome })
    .from(bestInterestDecisions)
    .where(eq(bestInterestDecisions.caseId, caseId))
    .orderBy(desc(bestInterestDecisions.id))
    .limit(1)
    .get();
}

/* ------------------------------------------------------------------ travel */

const serialiseLegs = (legs: TPlanTravel["legs"]) => JSON.stringify(legs.map((l) => ({ from: l.from, to: l.to, departOn: l.departOn, ...(l.carrier ? { carrier: l.carrier } : {}), transit: l.transit })));

function parseLegs(json: string): Leg[] {
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? (value as Leg[]) : [];
  } catch {
    return [];
  }
}

/** Plans return travel for a case enrolled in AVRR. One movement at a time: a new one only once
 * the previous is cancelled. */
export function planTravel(db: Db, user: SessionUser, input: TPlanTravel, ip: string | null = null) {
  const caseRow = loadCaseInScope(db, user, input.code, "travel:write");
  assertCaseOpen(caseRow);
  assertConsentFor(db, caseRow.id, "assistance");
  if (caseRow.programme !== "avrr") throw new AppError("INVALID_STATE", "not enrolled in AVRR", { programme: "return.validation.notAvrr" });
  if (returnDateFromTravel(movementStatuses(db, caseRow.id))) {
    throw new AppError("INVALID_STATE", "travel already planned", { departureOn: "return.validation.travelExists" });
  }
  if (caseRow.returnedOn !== null) throw new AppError("INVALID_STATE", "already returned", { departureOn: "return.validation.alreadyReturned" });
  return writeTransaction(db, (tx) => {
    const { id } = tx
      .insert(movements)
      .values({
        caseId: caseRow.id,
        status: "planned",
        fromCountry: input.fromCountry,
        toCountry: input.toCountry,
        departureOn: input.departureOn,
        arrivalOn: input.arrivalOn,
        legs: serialiseLegs(input.legs),
        escort: input.escort,
        fitToTravel: input.fitToTravel,
        documents: input.documents.join(";"),
        createdBy: user.id,
        updatedAt: Date.now(),
      })
      .returning({ id: movements.id })
      .get();
    audit(tx, { user, caseRow, ip }, "travel.planned", {
      movementId: id,
      fromCountry: input.fromCountry,
      toCountry: input.toCountry,
      legs: input.legs.length,
      escort: input.escort,
      fitToTravel: input.fitToTravel,
      documents: input.documents,
    });
    return { id };
  });
}

function loadMovement(db: Db, user: SessionUser, id: number) {
  const row = db
    .select({ id: movements.id, caseId: movements.caseId, status: movements.status, version: movements.version, departureOn: movements.departureOn, fromCountry: movements.fromCountry, toCountry: movements.toCountry, fitToTravel: movements.fitToTravel, caseCode: cases.code })
    .from(movements)
    .innerJoin(cases, eq(cases.id, movements.caseId))
    .where(eq(movements.id, id))
    .get();
  if (!row) throw new AppError("NOT_FOUND");
  const caseRow = loadCaseInScope(db, user, row.caseCode, "travel:write");
  assertCaseOpen(caseRow);
  return { row, caseRow };
}

/** Changes the details of travel not yet taken (dates, itinerary, escort, checks, documents). */
export function updateTravel(db: Db, user: SessionUser, input: TUpdateTravel, ip: string | null = null) {
  const { row, caseRow } = loadMovement(db, user, input.id);
  assertConsentFor(db, caseRow.id, "assistance");
  if (row.version !== input.version) throw new AppError("STALE_VERSION");
  if (row.status !== "planned" && row.status !== "no_show") throw new AppError("INVALID_STATE", "travel is final", { status: "return.validation.travelFinal" });
  return writeTransaction(db, (tx) => {
    const result = tx
      .update(movements)
      .set({
        fromCountry: input.fromCountry,
        toCountry: input.toCountry,
        departureOn: input.departureOn,
        arrivalOn: input.arrivalOn,
        legs: serialiseLegs(input.legs),
        escort: input.escort,
        fitToTravel: input.fitToTravel,
        documents: input.documents.join(";"),
        version: row.version + 1,
        updatedAt: Date.now(),
      })
      .where(and(eq(movements.id, row.id), eq(movements.version, input.version)))
      .run();
    if (result.changes !== 1) throw new AppError("STALE_VERSION");
    audit(tx, { user, caseRow, ip }, "travel.updated", {
      movementId: row.id,
      fromCountry: input.fromCountry,
      toCountry: input.toCountry,
      legs: input.legs.length,
      escort: input.escort,
      fitToTravel: input.fitToTravel,
      documents: input.documents,
    });
    return { id: row.id, version: row.version + 1, saved: { [versionKey.movement(row.id)]: row.version + 1 } };
  });
}

const STATUS_ACTION = {
  travelled: "travel.travelled",
  cancelled: "travel.cancelled",
  no_show: "travel.no_show",
  planned: "travel.replanned",
} as const;

/**
 * Moves travel through TRAVEL_MACHINE. Marking it travelled checks travelBlockers (an
 * unaccompanied child needs a best-interest decision in favour of return; everybody a fit-to-travel
 * check), then, in one transaction: the case's return date, country of return and host country,
 * and the monitoring visits at 3, 6 and 12 months.
 */
export function setTravelStatus(db: Db, user: SessionUser, input: TSetTravelStatus, ip: string | null = null) {
  const { row, caseRow } = loadMovement(db, user, input.id);
  // Travel that will not happen can always be recorded as such (a person who withdraws consent must
  // not be kept on a flight); travelling or planning again needs consent to assistance.
  if (input.status === "travelled" || input.status === "planned") assertConsentFor(db, caseRow.id, "assistance");
  if (row.version !== input.version) throw new AppError("STALE_VERSION");
  if (!canTransition(TRAVEL_MACHINE, row.status, input.status)) {
    throw new AppError("INVALID_STATE", `travel cannot go from ${row.status} to ${input.status}`, { status: "return.validation.transition" });
  }
  let arrivalOn: string | null = null;
  if (input.status === "travelled") {
    const blockers = travelBlockers({
      unaccompaniedChild: caseRow.catUnaccompaniedChild,
      bestInterestDecision: latestBestInterest(db, caseRow.id)?.outcome ?? null,
      fitToTravel: row.fitToTravel,
    });
    if (blockers.length > 0) {
      throw new AppError("INVALID_STATE", `travel blocked: ${blockers.join(", ")}`, { status: `return.blockers.${blockers[0]}` });
    }
    arrivalOn = input.arrivalOn ?? null;
    if (arrivalOn === null) throw new AppError("VALIDATION", "arrival date required", { arrivalOn: "validation.required" });
    if (arrivalOn < row.departureOn) throw new AppError("VALIDATION", "arrival before departure", { arrivalOn: "return.validation.arrivalBeforeDeparture" });
  }
  return writeTransaction(db, (tx) => {
    const now = Date.now();
    const result = tx
      .update(movements)
      .set({ status: input.status, ...(arrivalOn ? { arrivalOn } : {}), version: row.version + 1, updatedAt: now })
      .where(and(eq(movements.id, row.id), eq(movements.version, input.version)))
      .run();
    if (result.changes !== 1) throw new AppError("STALE_VERSION");
    const ctx = { user, caseRow, ip, caseId: caseRow.id };
    audit(tx, ctx, STATUS_ACTION[input.status], { movementId: row.id, from: row.status, to: input.status });
    if (arrivalOn) {
      const current = tx.select({ version: cases.version, hostCountry: cases.hostCountry }).from(cases).where(eq(cases.id, caseRow.id)).get();
      tx.update(cases)
        .set({
          returnedOn: arrivalOn,
          returnCountry: row.toCountry,
          hostCountry: current?.hostCountry ?? row.fromCountry,
          version: (current?.version ?? caseRow.version) + 1,
          updatedAt: now,
        })
        .where(eq(cases.id, caseRow.id))
        .run();
      scheduleMonitoring(tx, ctx, arrivalOn);
    }
    return {
      id: row.id,
      version: row.version + 1,
      status: input.status,
      saved: { [versionKey.movement(row.id)]: row.version + 1, [versionKey.case(caseRow.code)]: caseVersionOf(tx, caseRow.id) },
    };
  });
}

/* ------------------------------------------------------------------- read */

/**
 * The return side of a case: its programme, the host office, best-interest decisions (notes
 * decrypted: the reading is audited), and its travel with what blocks a planned movement.
 */
export function returnForCase(db: Db, user: SessionUser, code: string, ip: string | null = null) {
  const caseRow = loadCaseInScope(db, user, code);
  const decisions = db
    .select({
      id: bestInterestDecisions.id,
      outcome: bestInterestDecisions.outcome,
      decidedOn: bestInterestDecisions.decidedOn,
      recordedBy: users.name,
      createdAt: bestInterestDecisions.createdAt,
      notesKeyId: bestInterestDecisions.notesKeyId,
      notesIv: bestInterestDecisions.notesIv,
      notesCiphertext: bestInterestDecisions.notesCiphertext,
    })
    .from(bestInterestDecisions)
    .innerJoin(users, eq(users.id, bestInterestDecisions.recordedBy))
    .where(eq(bestInterestDecisions.caseId, caseRow.id))
    .orderBy(desc(bestInterestDecisions.id))
    .all();
  const withNotes = decisions.filter((d) => d.notesKeyId && d.notesIv && d.notesCiphertext).length;
  if (withNotes > 0) {
    writeTransaction(db, (tx) => audit(tx, { user, caseRow, ip }, "best_interest.read", { notes: withNotes }));
  }
  const latest = decisions[0]?.outcome ?? null;
  const travel = db
    .select()
    .from(movements)
    .where(eq(movements.caseId, caseRow.id))
    .orderBy(asc(movements.id))
    .all()
    .map((m) => ({
      id: m.id,
      status: m.status,
      fromCountry: m.fromCountry,
      toCountry: m.toCountry,
      departureOn: m.departureOn,
      arrivalOn: m.arrivalOn,
      legs: parseLegs(m.legs),
      escort: m.escort,
      fitToTravel: m.fitToTravel,
      documents: (m.documents ? m.documents.split(";") : []) as TravelDocument[],
      version: m.version,
      nextStates: nextStates(TRAVEL_MACHINE, m.status),
      blockers: m.status === "planned" ? travelBlockers({ unaccompaniedChild: caseRow.catUnaccompaniedChild, bestInterestDecision: latest, fitToTravel: m.fitToTravel }) : [],
    }));
  const closed = isClosedCaseStatus(caseRow.status);
  return {
    case: {
      code: caseRow.code,
      version: caseRow.version,
      programme: caseRow.programme,
      hostCountry: caseRow.hostCountry,
      returnCountry: caseRow.returnCountry,
      returnedOn: caseRow.returnedOn,
      officeCountry: caseRow.officeCountry,
      unaccompaniedChild: caseRow.catUnaccompaniedChild,
      closed,
    },
    hostOffice: hostOffice(db, caseRow),
    /** Whether the return date is typed at enrolment (no travel of this case) or comes from travel. */
    returnDateFromTravel: returnDateFromTravel(travel.map((m) => m.status)),
    bestInterest: decisions.map(({ notesKeyId, notesIv, notesCiphertext, ...d }) => ({
      ...d,
      notes: notesKeyId && notesIv && notesCiphertext ? open(vaultKeys(), { keyId: notesKeyId, iv: notesIv, ciphertext: notesCiphertext }, bidNotesAad(d.id)) : null,
    })),
    travel,
    permissions: {
      enrol: !closed && can(user.role, "programme:write:own"),
      travel: !closed && can(user.role, "travel:write:own"),
    },
  };
}

/**
 * The office in the host country: the case's own office when it is there (the case of a destination
 * office), else the office of the case it was transferred from (the receiving side of a return).
 */
function hostOffice(db: Db, caseRow: CaseRow): { code: string; name: string } | null {
  if (!caseRow.hostCountry) return null;
  if (caseRow.officeCountry === caseRow.hostCountry) return { code: caseRow.officeCode, name: caseRow.officeName };
  return (
    db
      .select({ code: offices.code, name: offices.name })
      .from(transfers)
      .innerJoin(cases, eq(cases.id, transfers.fromCaseId))
      .innerJoin(offices, eq(offices.id, cases.officeId))
      .where(and(eq(transfers.newCaseId, caseRow.id), eq(transfers.status, "accepted")))
      .get() ?? null
  );
}

/** What the case page shows of the return, without decrypting anything (nothing to audit). */
export function returnSummary(db: Db, user: SessionUser, code: string) {
  const caseRow = loadCaseInScope(db, user, code);
  const latest = db
    .select({ status: movements.status, departureOn: movements.departureOn, arrivalOn: movements.arrivalOn, toCountry: movements.toCountry })
    .from(movements)
    .where(eq(movements.caseId, caseRow.id))
    .orderBy(desc(movements.id))
    .limit(1)
    .get();
  return {
    programme: caseRow.programme,
    hostCountry: caseRow.hostCountry,
    returnCountry: caseRow.returnCountry,
    returnedOn: caseRow.returnedOn,
    travel: latest ?? null,
    canEnrol: !isClosedCaseStatus(caseRow.status) && can(user.role, "programme:write:own"),
  };
}
