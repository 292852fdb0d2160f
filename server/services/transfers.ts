import "server-only";
import { aliasedTable, and, asc, desc, eq, inArray, ne, sql } from "drizzle-orm";
import { writeTransaction, type Db } from "@/db/client";
import { caseScopeWhere } from "@/db/queries/case-scope";
import { cases, caseValues, determinations, offices, persons, services, users } from "@/db/schema";
import { transfers } from "@/db/schema-lifecycle";
import { ageBand, ageOn } from "@/lib/age";
import { AppError } from "@/lib/errors";
import type { TDecideTransfer, TRequestTransfer } from "@/lib/schemas/transfers";
import { isClosedCaseStatus } from "@/lib/workflows/closure";
import { todayIso } from "@/lib/workflows/desk";
import { recordAudit } from "@/server/audit/record";
import type { SessionUser } from "@/server/auth/session-user";
import { boundTo } from "@/server/crypto/vault";
import { assertCaseOpen } from "./assert-case-open";
import { actsForOffice, mayActOnCase } from "./case-access";
import { loadCaseInScope } from "./get-case";
import { uniqueCode } from "./register-case";
import { scheduleMonitoring } from "./return-travel";
import { openOptional, sealOptional } from "./sealed-text";
import { assignableUsers } from "./assign-case";

/**
 * Transfers between offices (issue 5). A destination office hands a case to the office in the
 * country of return; a supervisor of the receiving office accepts or declines. On acceptance the
 * receiving office gets a NEW case for the same person (counts of assistance count both cases,
 * individuals count the person once), carrying the pseudonymous core variables of the screening and
 * assistance (the summaries it may see). Neither office can open the other's case: each sees the
 * link (codes, offices, dates) and the receiving office sees the summary, never identity or
 * narrative text of the origin case. Every step is audited.
 */

const aad = (id: number, purpose: "message" | "decline_reason") => boundTo("transfers", id, purpose);
const requester = aliasedTable(users, "requester");
const toOffice = aliasedTable(offices, "to_office");
const fromOffice = aliasedTable(offices, "from_office");

/** Offices a case can be transferred to: every other active office. */
export function transferDestinations(db: Db, user: SessionUser, code: string) {
  const caseRow = loadCaseInScope(db, user, code, "transfer:request");
  return db
    .select({ id: offices.id, code: offices.code, name: offices.name, countryIso2: offices.countryIso2 })
    .from(offices)
    .where(and(eq(offices.active, true), ne(offices.id, caseRow.officeId)))
    .orderBy(asc(offices.name))
    .all();
}

/**
 * What the receiving office may see of the origin case: pseudonymous facts of the person, the
 * approved screening's core variables, and the services (types and status, no notes).
 */
export function transferSummary(db: Db, caseId: number) {
  const c = db
    .select({
      sex: cases.sex,
      ageAtRegistration: cases.ageAtRegistration,
      citizenship: cases.citizenship,
      programme: cases.programme,
      catVictim: cases.catVictim,
      catUnaccompaniedChild: cases.catUnaccompaniedChild,
      catHealth: cases.catHealth,
      catMainPopulation: cases.catMainPopulation,
      traffickingStatus: cases.traffickingStatus,
      traffickingType: cases.traffickingType,
      countryOfIdentification: cases.countryOfIdentification,
      countryOfExploitation: cases.countryOfExploitation,
      hostCountry: cases.hostCountry,
      returnCountry: cases.returnCountry,
      registeredOn: cases.registeredOn,
    })
    .from(cases)
    .where(eq(cases.id, caseId))
    .get();
  if (!c) throw new AppError("NOT_FOUND");
  const exploitation = db
    .select({ value: caseValues.value })
    .from(caseValues)
    .where(and(eq(caseValues.caseId, caseId), eq(caseValues.kind, "exploitation")))
    .all()
    .map((r) => r.value);
  const determination = db
    .select({ decision: determinations.decision, reviewedAt: determinations.reviewedAt })
    .from(determinations)
    .where(and(eq(determinations.caseId, caseId), eq(determinations.status, "approved")))
    .orderBy(desc(determinations.id))
    .get();
  const serviceRows = db
    .select({ type: services.type, status: services.status })
    .from(services)
    .where(eq(services.caseId, caseId))
    .orderBy(asc(services.id))
    .all();
  const { ageAtRegistration, ...facts } = c;
  return { ...facts, ageBand: ageBand(ageAtRegistration), exploitation, determination: determination ?? null, services: serviceRows };
}

/** The transfers of a case: those it was handed on by, and the one it was created by. */
export function transfersForCase(db: Db, user: SessionUser, code: string) {
  const caseRow = loadCaseInScope(db, user, code);
  const newCase = aliasedTable(cases, "new_case");
  const outgoing = db
    .select({
      id: transfers.id,
      status: transfers.status,
      toOfficeCode: toOffice.code,
      toOfficeName: toOffice.name,
      requestedAt: transfers.requestedAt,
      requestedBy: requester.name,
      decidedAt: transfers.decidedAt,
      decidedBy: sql<string | null>`(select ${users.name} from ${users} where ${users.id} = ${transfers.decidedBy})`,
      newCaseCode: newCase.code,
      messageKeyId: transfers.messageKeyId,
      messageIv: transfers.messageIv,
      messageCiphertext: transfers.messageCiphertext,
      declineReasonKeyId: transfers.declineReasonKeyId,
      declineReasonIv: transfers.declineReasonIv,
      declineReasonCiphertext: transfers.declineReasonCiphertext,
    })
    .from(transfers)
    .innerJoin(toOffice, eq(toOffice.id, transfers.toOfficeId))
    .innerJoin(requester, eq(requester.id, transfers.requestedBy))
    .leftJoin(newCase, eq(newCase.id, transfers.newCaseId))
    .where(eq(transfers.fromCaseId, caseRow.id))
    .orderBy(desc(transfers.id))
    .all();
  const origin = aliasedTable(cases, "origin_case");
  const incoming = db
    .select({
      id: transfers.id,
      fromCaseId: transfers.fromCaseId,
      fromCaseCode: origin.code,
      fromOfficeCode: fromOffice.code,
      fromOfficeName: fromOffice.name,
      requestedAt: transfers.requestedAt,
      decidedAt: transfers.decidedAt,
      messageKeyId: transfers.messageKeyId,
      messageIv: transfers.messageIv,
      messageCiphertext: transfers.messageCiphertext,
    })
    .from(transfers)
    .innerJoin(origin, eq(origin.id, transfers.fromCaseId))
    .innerJoin(fromOffice, eq(fromOffice.id, origin.officeId))
    .where(eq(transfers.newCaseId, caseRow.id))
    .get();
  const mayRequest = mayActOnCase(db, user, caseRow.id, "transfer:request");
  const pending = outgoing.some((t) => t.status === "pending");
  return {
    canRequest: mayRequest && !pending && !isClosedCaseStatus(caseRow.status),
    outgoing: outgoing.map((t) => ({
      id: t.id,
      status: t.status,
      toOfficeCode: t.toOfficeCode,
      toOfficeName: t.toOfficeName,
      requestedAt: t.requestedAt,
      requestedBy: t.requestedBy,
      decidedAt: t.decidedAt,
      decidedBy: t.decidedBy,
      newCaseCode: t.newCaseCode,
      message: openOptional({ keyId: t.messageKeyId, iv: t.messageIv, ciphertext: t.messageCiphertext }, aad(t.id, "message")),
      declineReason: openOptional(
        { keyId: t.declineReasonKeyId, iv: t.declineReasonIv, ciphertext: t.declineReasonCiphertext },
        aad(t.id, "decline_reason"),
      ),
      canCancel: t.status === "pending" && mayRequest,
    })),
    incoming: incoming
      ? {
          id: incoming.id,
          fromCaseCode: incoming.fromCaseCode,
          fromOfficeCode: incoming.fromOfficeCode,
          fromOfficeName: incoming.fromOfficeName,
          requestedAt: incoming.requestedAt,
          decidedAt: incoming.decidedAt,
          message: openOptional(
            { keyId: incoming.messageKeyId, iv: incoming.messageIv, ciphertext: incoming.messageCiphertext },
            aad(incoming.id, "message"),
          ),
          summary: transferSummary(db, incoming.fromCaseId),
        }
      : null,
  };
}

/** A caseworker (own cases) or supervisor (office) hands the case to another office. */
export function requestTransfer(db: Db, user: SessionUser, input: TRequestTransfer, ip: string | null = null) {
  const caseRow = loadCaseInScope(db, user, input.code, "transfer:request");
  assertCaseOpen(caseRow);
  const destination = db
    .select({ id: offices.id, code: offices.code, active: offices.active })
    .from(offices)
    .where(eq(offices.id, input.toOfficeId))
    .get();
  if (!destination || !destination.active || destination.id === caseRow.officeId) {
    throw new AppError("VALIDATION", "not a destination office", { toOfficeId: "transfers.validation.destination" });
  }
  return writeTransaction(db, (tx) => {
    const open = tx
      .select({ id: transfers.id, status: transfers.status, toOfficeId: transfers.toOfficeId })
      .from(transfers)
      .where(and(eq(transfers.fromCaseId, caseRow.id), inArray(transfers.status, ["pending", "accepted"])))
      .all();
    if (open.some((t) => t.status === "pending")) throw new AppError("INVALID_STATE", "a transfer is pending", { toOfficeId: "transfers.errors.pending" });
    if (open.some((t) => t.toOfficeId === destination.id)) {
      throw new AppError("INVALID_STATE", "already transferred there", { toOfficeId: "transfers.errors.alreadyThere" });
    }
    const now = Date.now();
    const { id } = tx
      .insert(transfers)
      .values({ fromCaseId: caseRow.id, toOfficeId: destination.id, status: "pending", requestedBy: user.id, requestedAt: now })
      .returning({ id: transfers.id })
      .get();
    const message = sealOptional(input.message, aad(id, "message"));
    tx.update(transfers).set({ messageKeyId: message.keyId, messageIv: message.iv, messageCiphertext: message.ciphertext }).where(eq(transfers.id, id)).run();
    recordAudit(tx, {
      action: "transfer.requested",
      actorUserId: user.id,
      entityType: "case",
      entityId: caseRow.code,
      officeId: caseRow.officeId,
      ip,
      details: { transferId: id, toOffice: destination.code },
    });
    return { id };
  });
}

/** The requesting side withdraws a pending transfer. */
export function cancelTransfer(db: Db, user: SessionUser, input: { id: number }, ip: string | null = null) {
  const row = db
    .select({ id: transfers.id, status: transfers.status, caseCode: cases.code, officeId: cases.officeId })
    .from(transfers)
    .innerJoin(cases, eq(cases.id, transfers.fromCaseId))
    .where(and(eq(transfers.id, input.id), caseScopeWhere(db, user, "transfer:request")))
    .get();
  if (!row) throw new AppError("NOT_FOUND");
  if (row.status !== "pending") throw new AppError("INVALID_STATE", "transfer is not pending");
  return writeTransaction(db, (tx) => {
    tx.update(transfers)
      .set({ status: "cancelled", decidedBy: user.id, decidedAt: Date.now() })
      .where(and(eq(transfers.id, row.id), eq(transfers.status, "pending")))
      .run();
    recordAudit(tx, {
      action: "transfer.cancelled",
      actorUserId: user.id,
      entityType: "case",
      entityId: row.caseCode,
      officeId: row.officeId,
      ip,
      details: { transferId: row.id },
    });
    return { id: row.id, status: "cancelled" as const };
  });
}


/** Pending transfers to the supervisor's offices, oldest first, with the summary they may see. */
export function incomingTransfers(db: Db, user: SessionUser) {
  const officeIds = user.officeIds.filter((id) => actsForOffice(user, "transfer:decide", id));
  if (officeIds.length === 0) return [];
  const origin = aliasedTable(cases, "origin_case");
  const rows = db
    .select({
      id: transfers.id,
      fromCaseId: transfers.fromCaseId,
      fromCaseCode: origin.code,
      fromOfficeCode: fromOffice.code,
      fromOfficeName: fromOffice.name,
      toOfficeId: transfers.toOfficeId,
      toOfficeCode: toOffice.code,
      requestedAt: transfers.requestedAt,
      requestedBy: requester.name,
      requestedById: transfers.requestedBy,
      messageKeyId: transfers.messageKeyId,
      messageIv: transfers.messageIv,
      messageCiphertext: transfers.messageCiphertext,
    })
    .from(transfers)
    .innerJoin(origin, eq(origin.id, transfers.fromCaseId))
    .innerJoin(fromOffice, eq(fromOffice.id, origin.officeId))
    .innerJoin(toOffice, eq(toOffice.id, transfers.toOfficeId))
    .innerJoin(requester, eq(requester.id, transfers.requestedBy))
    .where(and(eq(transfers.status, "pending"), inArray(transfers.toOfficeId, officeIds)))
    .orderBy(asc(transfers.id))
    .all();
  return rows.map((r) => ({
    id: r.id,
    fromCaseCode: r.fromCaseCode,
    fromOfficeCode: r.fromOfficeCode,
    fromOfficeName: r.fromOfficeName,
    toOfficeCode: r.toOfficeCode,
    requestedAt: r.requestedAt,
    requestedBy: r.requestedBy,
    ownRequest: r.requestedById === user.id,
    message: openOptional({ keyId: r.messageKeyId, iv: r.messageIv, ciphertext: r.messageCiphertext }, aad(r.id, "message")),
    summary: transferSummary(db, r.fromCaseId),
    staff: assignableUsers(db, r.toOfficeId),
  }));
}

/**
 * A supervisor of the receiving office accepts (a new case for the same person opens in their
 * office) or declines (with a reason) a pending transfer. Nobody decides their own request.
 */
export function decideTransfer(db: Db, user: SessionUser, input: TDecideTransfer, ip: string | null = null) {
  const row = db
    .select({
      id: transfers.id,
      status: transfers.status,
      toOfficeId: transfers.toOfficeId,
      requestedBy: transfers.requestedBy,
      fromCaseId: transfers.fromCaseId,
    })
    .from(transfers)
    .where(eq(transfers.id, input.id))
    .get();
  if (!row || !actsForOffice(user, "transfer:decide", row.toOfficeId) || !user.officeIds.includes(row.toOfficeId)) throw new AppError("NOT_FOUND");
  if (row.status !== "pending") throw new AppError("INVALID_STATE", "transfer is not pending");
  if (row.requestedBy === user.id) throw new AppError("FORBIDDEN", "own transfer request");
  const ownerId = input.ownerId ?? user.id;
  if (input.action === "accept" && !assignableUsers(db, row.toOfficeId).some((s) => s.id === ownerId)) {
    throw new AppError("VALIDATION", "owner not in the receiving office", { ownerId: "validation.assignee" });
  }
  return writeTransaction(db, (tx) => {
    const now = Date.now();
    const origin = tx
      .select({ case: cases, personCode: persons.code, birthYear: persons.birthYear, officeCode: offices.code })
      .from(cases)
      .innerJoin(persons, eq(persons.id, cases.personId))
      .innerJoin(offices, eq(offices.id, cases.officeId))
      .where(eq(cases.id, row.fromCaseId))
      .get();
    const receiving = tx.select({ code: offices.code }).from(offices).where(eq(offices.id, row.toOfficeId)).get();
    if (!origin || !receiving) throw new AppError("NOT_FOUND");

    if (input.action === "decline") {
      const reason = sealOptional(input.reason, aad(row.id, "decline_reason"));
      tx.update(transfers)
        .set({ status: "declined", decidedBy: user.id, decidedAt: now, declineReasonKeyId: reason.keyId, declineReasonIv: reason.iv, declineReasonCiphertext: reason.ciphertext })
        .where(and(eq(transfers.id, row.id), eq(transfers.status, "pending")))
        .run();
      recordAudit(tx, {
        action: "transfer.declined",
        actorUserId: user.id,
        entityType: "case",
        entityId: origin.case.code,
        officeId: origin.case.officeId,
        ip,
        details: { transferId: row.id, toOffice: receiving.code },
      });
      return { status: "declined" as const, newCaseCode: null };
    }

    const o = origin.case;
    const registeredOn = todayIso();
    const created = tx
      .insert(cases)
      .values({
        code: uniqueCode(tx, "C"),
        personId: o.personId,
        officeId: row.toOfficeId,
        ownerId,
        status: "Active",
        programme: o.programme,
        catVictim: o.catVictim,
        catUnaccompaniedChild: o.catUnaccompaniedChild,
        catHealth: o.catHealth,
        catMainPopulation: o.catMainPopulation,
        traffickingStatus: o.traffickingStatus,
        registeredOn,
        registrationYear: Number(registeredOn.slice(0, 4)),
        sex: o.sex,
        ageAtRegistration: ageOn(registeredOn, null, origin.birthYear) ?? o.ageAtRegistration,
        citizenship: o.citizenship,
        countryOfIdentification: o.countryOfIdentification,
        countryOfExploitation: o.countryOfExploitation,
        traffickingType: o.traffickingType,
        forcedLabourSector: o.forcedLabourSector,
        recruiterRelationship: o.recruiterRelationship,
        hostCountry: o.hostCountry,
        returnCountry: o.returnCountry,
        returnedOn: o.returnedOn,
        createdBy: user.id,
        updatedAt: now,
      })
      .returning({ id: cases.id, code: cases.code })
      .get();
    // The screening's multi-valued core variables travel with the summary; reintegration types are
    // the receiving office's own to record.
    const values = tx
      .select({ kind: caseValues.kind, value: caseValues.value })
      .from(caseValues)
      .where(and(eq(caseValues.caseId, o.id), inArray(caseValues.kind, ["exploitation", "control", "sex_exploitation", "transit"])))
      .all();
    if (values.length > 0) tx.insert(caseValues).values(values.map((v) => ({ ...v, caseId: created.id }))).run();
    // A person who has already returned is followed up by the receiving office: its case gets the
    // monitoring visits after the return date (docs/decisions/0008).
    if (o.returnedOn) scheduleMonitoring(tx, { user, caseRow: { code: created.code, officeId: row.toOfficeId }, ip, caseId: created.id }, o.returnedOn);
    tx.update(transfers)
      .set({ status: "accepted", newCaseId: created.id, decidedBy: user.id, decidedAt: now })
      .where(and(eq(transfers.id, row.id), eq(transfers.status, "pending")))
      .run();
    recordAudit(tx, {
      action: "transfer.accepted",
      actorUserId: user.id,
      entityType: "case",
      entityId: o.code,
      officeId: o.officeId,
      ip,
      details: { transferId: row.id, toOffice: receiving.code, newCaseCode: created.code },
    });
    recordAudit(tx, {
      action: "case.transferred_in",
      actorUserId: user.id,
      entityType: "case",
      entityId: created.code,
      officeId: row.toOfficeId,
      ip,
      details: { transferId: row.id, fromOffice: origin.officeCode, fromCaseCode: o.code, personCode: origin.personCode, ownerId },
    });
    return { status: "accepted" as const, newCaseCode: created.code };
  });
}
