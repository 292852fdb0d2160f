import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { writeTransaction, type Db } from "@/db/client";
import { monitoringVisits, reintegrationPlans, reintegrationSteps } from "@/db/schema-lifecycle";
import { caseValues, cases, organisations, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { versionKey } from "@/lib/saved-versions";
import { can } from "@/lib/permissions";
import { toMinorUnits } from "@/lib/reference/currencies";
import type { ReintegrationType } from "@/lib/reference/vocabulary";
import type { TAddStep, TRecordVisit, TSavePlan, TSetStepStatus, TUpdateStep } from "@/lib/schemas/reintegration";
import { STEP_MACHINE } from "@/lib/workflows/case-lifecycle";
import { MONITORING_MACHINE, reintegrationCoreTypes } from "@/lib/workflows/return-reintegration";
import { isClosedCaseStatus } from "@/lib/workflows/closure";
import { canTransition, isTerminal, nextStates } from "@/lib/workflows/state-machine";
import { recordAudit } from "@/server/audit/record";
import type { SessionUser } from "@/server/auth/session-user";
import { vaultKeys } from "@/server/crypto/keys";
import { boundTo, open, seal, type Sealed } from "@/server/crypto/vault";
import { loadCaseInScope } from "./get-case";
import { assertCaseOpen } from "./assert-case-open";
import { assertConsentFor } from "./consents";

/**
 * The reintegration plan of a case (objectives, typed steps with provider, cost and status) and its
 * monitoring visits. Free text (objectives, step descriptions, visit notes) is encrypted bound to
 * its row. The case's reintegration core variable (case_values kind "reintegration") is rewritten in
 * the same transaction as every step change: see COUNTED_STEP_STATUSES for which steps count.
 */

type CaseRow = ReturnType<typeof loadCaseInScope>;

const objectivesAad = (caseId: number) => boundTo("reintegration_plans", caseId, "objectives");
const descriptionAad = (stepId: number) => boundTo("reintegration_steps", stepId, "description");
const visitNotesAad = (visitId: number) => boundTo("monitoring_visits", visitId, "notes");

function audit(tx: Db, user: SessionUser, caseRow: Pick<CaseRow, "code" | "officeId">, ip: string | null, action: Parameters<typeof recordAudit>[1]["action"], details: Record<string, unknown>) {
  recordAudit(tx, { action, actorUserId: user.id, entityType: "case", entityId: caseRow.code, officeId: caseRow.officeId, ip, details });
}

function openOrNull(sealed: { keyId: string | null; iv: Buffer | null; ciphertext: Buffer | null }, aad: Buffer): string | null {
  return sealed.keyId && sealed.iv && sealed.ciphertext ? open(vaultKeys(), { keyId: sealed.keyId, iv: sealed.iv, ciphertext: sealed.ciphertext }, aad) : null;
}

function sealOrNull(text: string | undefined, aad: Buffer): { keyId: string | null; iv: Buffer | null; ciphertext: Buffer | null } {
  const value = text?.trim() ?? "";
  if (value === "") return { keyId: null, iv: null, ciphertext: null };
  const s: Sealed = seal(vaultKeys(), value, aad);
  return s;
}

/** Reintegration is part of a return programme: the case must be enrolled in AVRR or PARA. */
function assertEnrolled(caseRow: CaseRow): void {
  if (caseRow.programme !== "avrr" && caseRow.programme !== "para") {
    throw new AppError("INVALID_STATE", "not enrolled in a return programme", { programme: "reintegration.validation.notEnrolled" });
  }
}

function assertActivePartner(db: Db, organisationId: number | null): void {
  if (organisationId === null) return;
  const found = db.select({ id: organisations.id }).from(organisations).where(and(eq(organisations.id, organisationId), eq(organisations.active, true))).get();
  if (!found) throw new AppError("VALIDATION", "unknown or inactive organisation", { organisationId: "validation.unknownOrganisation" });
}

/** Rewrites case_values(kind 'reintegration') from the case's steps (inside the caller's transaction). */
export function refreshReintegrationValues(tx: Db, caseId: number): ReintegrationType[] {
  const steps = tx.select({ type: reintegrationSteps.type, status: reintegrationSteps.status }).from(reintegrationSteps).where(eq(reintegrationSteps.caseId, caseId)).all();
  const types = reintegrationCoreTypes(steps);
  tx.delete(caseValues).where(and(eq(caseValues.caseId, caseId), eq(caseValues.kind, "reintegration"))).run();
  if (types.length > 0) tx.insert(caseValues).values(types.map((value) => ({ caseId, kind: "reintegration" as const, value }))).run();
  return types;
}

/* ------------------------------------------------------------------- plan */

/** Creates the plan (version null) or changes its objectives (naming the version read). */
export function savePlan(db: Db, user: SessionUser, input: TSavePlan, ip: string | null = null) {
  const caseRow = loadCaseInScope(db, user, input.code, "reintegration:write");
  assertCaseOpen(caseRow);
  assertConsentFor(db, caseRow.id, "assistance");
  assertEnrolled(caseRow);
  const existing = db.select({ version: reintegrationPlans.version }).from(reintegrationPlans).where(eq(reintegrationPlans.caseId, caseRow.id)).get();
  if ((existing?.version ?? null) !== input.version) throw new AppError("STALE_VERSION");
  return writeTransaction(db, (tx) => {
    const now = Date.now();
    const s = seal(vaultKeys(), input.objectives, objectivesAad(caseRow.id));
    const sealed = { objectivesKeyId: s.keyId, objectivesIv: s.iv, objectivesCiphertext: s.ciphertext };
    let version: number;
    if (input.version === null) {
      tx.insert(reintegrationPlans).values({ caseId: caseRow.id, ...sealed, createdBy: user.id, updatedAt: now }).run();
      version = 1;
    } else {
      const result = tx
        .update(reintegrationPlans)
        .set({ ...sealed, version: input.version + 1, updatedAt: now })
        .where(and(eq(reintegrationPlans.caseId, caseRow.id), eq(reintegrationPlans.version, input.version)))
        .run();
      if (result.changes !== 1) throw new AppError("STALE_VERSION");
      version = input.version + 1;
    }
    audit(tx, user, caseRow, ip, "reintegration.plan_saved", { created: input.version === null, version });
    return { version, saved: { [versionKey.plan(caseRow.code)]: version } };
  });
}

/* ------------------------------------------------------------------ steps */

function stepValues(input: TAddStep | TUpdateStep) {
  const costMinor = input.cost !== null && input.currency !== null ? toMinorUnits(input.cost, input.currency) : null;
  return {
    type: input.type,
    plannedOn: input.plannedOn,
    providerKind: input.providerKind,
    organisationId: input.providerKind === "partner" ? input.organisationId : null,
    costMinor,
    currency: costMinor === null ? null : input.currency,
  };
}

/** Adds a planned step to the case's reintegration plan. */
export function addStep(db: Db, user: SessionUser, input: TAddStep, ip: string | null = null) {
  const caseRow = loadCaseInScope(db, user, input.code, "reintegration:write");
  assertCaseOpen(caseRow);
  assertConsentFor(db, caseRow.id, "assistance");
  assertEnrolled(caseRow);
  if (input.providerKind === "partner") assertActivePartner(db, input.organisationId);
  const values = stepValues(input);
  return writeTransaction(db, (tx) => {
    const { id } = tx
      .insert(reintegrationSteps)
      .values({ caseId: caseRow.id, status: "planned", ...values, createdBy: user.id, updatedAt: Date.now() })
      .returning({ id: reintegrationSteps.id })
      .get();
    const d = sealOrNull(input.description, descriptionAad(id));
    if (d.keyId) tx.update(reintegrationSteps).set({ descriptionKeyId: d.keyId, descriptionIv: d.iv, descriptionCiphertext: d.ciphertext }).where(eq(reintegrationSteps.id, id)).run();
    refreshReintegrationValues(tx, caseRow.id);
    audit(tx, user, caseRow, ip, "reintegration.step_added", {
      stepId: id,
      type: values.type,
      providerKind: values.providerKind,
      organisationId: values.organisationId,
      cost: values.costMinor !== null,
      currency: values.currency,
    });
    return { id };
  });
}

function loadStep(db: Db, user: SessionUser, id: number) {
  const row = db
    .select({ id: reintegrationSteps.id, caseId: reintegrationSteps.caseId, type: reintegrationSteps.type, status: reintegrationSteps.status, version: reintegrationSteps.version, caseCode: cases.code })
    .from(reintegrationSteps)
    .innerJoin(cases, eq(cases.id, reintegrationSteps.caseId))
    .where(eq(reintegrationSteps.id, id))
    .get();
  if (!row) throw new AppError("NOT_FOUND");
  const caseRow = loadCaseInScope(db, user, row.caseCode, "reintegration:write");
  assertCaseOpen(caseRow);
  return { row, caseRow };
}

/** Changes a step that is not finished (type, date, provider, cost, description). */
export function updateStep(db: Db, user: SessionUser, input: TUpdateStep, ip: string | null = null) {
  const { row, caseRow } = loadStep(db, user, input.id);
  assertConsentFor(db, caseRow.id, "assistance");
  if (row.version !== input.version) throw new AppError("STALE_VERSION");
  if (isTerminal(STEP_MACHINE, row.status)) throw new AppError("INVALID_STATE", "step is final", { status: "reintegration.validation.stepFinal" });
  if (input.providerKind === "partner") assertActivePartner(db, input.organisationId);
  const values = stepValues(input);
  return writeTransaction(db, (tx) => {
    const d = input.description === undefined ? null : sealOrNull(input.description, descriptionAad(row.id));
    const result = tx
      .update(reintegrationSteps)
      .set({
        ...values,
        ...(d ? { descriptionKeyId: d.keyId, descriptionIv: d.iv, descriptionCiphertext: d.ciphertext } : {}),
        version: row.version + 1,
        updatedAt: Date.now(),
      })
      .where(and(eq(reintegrationSteps.id, row.id), eq(reintegrationSteps.version, input.version)))
      .run();
    if (result.changes !== 1) throw new AppError("STALE_VERSION");
    refreshReintegrationValues(tx, row.caseId);
    audit(tx, user, caseRow, ip, "reintegration.step_updated", {
      stepId: row.id,
      type: values.type,
      previousType: row.type,
      providerKind: values.providerKind,
      organisationId: values.organisationId,
      cost: values.costMinor !== null,
      currency: values.currency,
    });
    return { id: row.id, version: row.version + 1, saved: { [versionKey.step(row.id)]: row.version + 1 } };
  });
}

/** Moves a step through STEP_MACHINE; done records its completion date. */
export function setStepStatus(db: Db, user: SessionUser, input: TSetStepStatus, ip: string | null = null) {
  const { row, caseRow } = loadStep(db, user, input.id);
  // A step can always be cancelled (the person may have withdrawn consent); work on it needs consent.
  if (input.status !== "cancelled") assertConsentFor(db, caseRow.id, "assistance");
  if (row.version !== input.version) throw new AppError("STALE_VERSION");
  if (!canTransition(STEP_MACHINE, row.status, input.status)) {
    throw new AppError("INVALID_STATE", `step cannot go from ${row.status} to ${input.status}`, { status: "reintegration.validation.transition" });
  }
  const completedOn = input.status === "done" ? (input.completedOn ?? null) : null;
  if (input.status === "done" && completedOn === null) throw new AppError("VALIDATION", "completion date required", { completedOn: "validation.required" });
  return writeTransaction(db, (tx) => {
    const result = tx
      .update(reintegrationSteps)
      .set({ status: input.status, completedOn, version: row.version + 1, updatedAt: Date.now() })
      .where(and(eq(reintegrationSteps.id, row.id), eq(reintegrationSteps.version, input.version)))
      .run();
    if (result.changes !== 1) throw new AppError("STALE_VERSION");
    const types = refreshReintegrationValues(tx, row.caseId);
    audit(tx, user, caseRow, ip, "reintegration.step_status_changed", { stepId: row.id, type: row.type, from: row.status, to: input.status, reintegrationTypes: types });
    return { id: row.id, version: row.version + 1, status: input.status, saved: { [versionKey.step(row.id)]: row.version + 1 } };
  });
}

/* ------------------------------------------------------------- monitoring */

/** Records a monitoring visit as done (date, outcome, notes) or missed. */
export function recordVisit(db: Db, user: SessionUser, input: TRecordVisit, ip: string | null = null) {
  const row = db
    .select({ id: monitoringVisits.id, caseId: monitoringVisits.caseId, months: monitoringVisits.months, status: monitoringVisits.status, updatedAt: monitoringVisits.updatedAt, caseCode: cases.code })
    .from(monitoringVisits)
    .innerJoin(cases, eq(cases.id, monitoringVisits.caseId))
    .where(eq(monitoringVisits.id, input.id))
    .get();
  if (!row) throw new AppError("NOT_FOUND");
  const caseRow = loadCaseInScope(db, user, row.caseCode, "monitoring:write");
  assertCaseOpen(caseRow);
  // What a visit found is information about the person: it needs consent. A missed visit does not.
  if (input.status === "done") assertConsentFor(db, caseRow.id, "assistance");
  if (row.updatedAt !== input.updatedAt) throw new AppError("STALE_VERSION");
  if (!canTransition(MONITORING_MACHINE, row.status, input.status)) {
    throw new AppError("INVALID_STATE", `visit cannot go from ${row.status} to ${input.status}`, { status: "reintegration.validation.visitTransition" });
  }
  const visitedOn = input.status === "done" ? (input.visitedOn ?? null) : null;
  if (visitedOn && caseRow.returnedOn && visitedOn < caseRow.returnedOn) {
    throw new AppError("VALIDATION", "visit before return", { visitedOn: "reintegration.validation.visitBeforeReturn" });
  }
  return writeTransaction(db, (tx) => {
    const now = Math.max(Date.now(), row.updatedAt + 1);
    const n = sealOrNull(input.notes, visitNotesAad(row.id));
    const result = tx
      .update(monitoringVisits)
      .set({
        status: input.status,
        visitedOn,
        outcome: input.status === "done" ? input.outcome : null,
        notesKeyId: n.keyId,
        notesIv: n.iv,
        notesCiphertext: n.ciphertext,
        recordedBy: user.id,
        updatedAt: now,
      })
      .where(and(eq(monitoringVisits.id, row.id), eq(monitoringVisits.updatedAt, input.updatedAt)))
      .run();
    if (result.changes !== 1) throw new AppError("STALE_VERSION");
    audit(tx, user, caseRow, ip, "monitoring.recorded", { visitId: row.id, months: row.months, from: row.status, to: input.status, outcome: input.status === "done" ? input.outcome : null });
    return { id: row.id, updatedAt: now };
  });
}

/* ------------------------------------------------------------------- read */

/** The plan, steps and monitoring visits of a case, free text decrypted (the reading is audited). */
export function reintegrationForCase(db: Db, user: SessionUser, code: string, ip: string | null = null) {
  const caseRow = loadCaseInScope(db, user, code);
  const plan = db.select().from(reintegrationPlans).where(eq(reintegrationPlans.caseId, caseRow.id)).get();
  const steps = db
    .select({
      id: reintegrationSteps.id,
      type: reintegrationSteps.type,
      status: reintegrationSteps.status,
      plannedOn: reintegrationSteps.plannedOn,
      completedOn: reintegrationSteps.completedOn,
      providerKind: reintegrationSteps.providerKind,
      organisationId: reintegrationSteps.organisationId,
      organisationName: organisations.name,
      costMinor: reintegrationSteps.costMinor,
      currency: reintegrationSteps.currency,
      version: reintegrationSteps.version,
      descriptionKeyId: reintegrationSteps.descriptionKeyId,
      descriptionIv: reintegrationSteps.descriptionIv,
      descriptionCiphertext: reintegrationSteps.descriptionCiphertext,
    })
    .from(reintegrationSteps)
    .leftJoin(organisations, eq(organisations.id, reintegrationSteps.organisationId))
    .where(eq(reintegrationSteps.caseId, caseRow.id))
    .orderBy(asc(reintegrationSteps.id))
    .all();
  const visits = db
    .select({
      id: monitoringVisits.id,
      months: monitoringVisits.months,
      dueOn: monitoringVisits.dueOn,
      status: monitoringVisits.status,
      visitedOn: monitoringVisits.visitedOn,
      outcome: monitoringVisits.outcome,
      recordedBy: users.name,
      updatedAt: monitoringVisits.updatedAt,
      notesKeyId: monitoringVisits.notesKeyId,
      notesIv: monitoringVisits.notesIv,
      notesCiphertext: monitoringVisits.notesCiphertext,
    })
    .from(monitoringVisits)
    .leftJoin(users, eq(users.id, monitoringVisits.recordedBy))
    .where(eq(monitoringVisits.caseId, caseRow.id))
    .orderBy(asc(monitoringVisits.months))
    .all();
  const encrypted =
    (plan?.objectivesKeyId ? 1 : 0) + steps.filter((s) => s.descriptionKeyId).length + visits.filter((v) => v.notesKeyId).length;
  if (encrypted > 0) writeTransaction(db, (tx) => audit(tx, user, caseRow, ip, "reintegration.read", { texts: encrypted }));
  const coreTypes = db
    .select({ value: caseValues.value })
    .from(caseValues)
    .where(and(eq(caseValues.caseId, caseRow.id), eq(caseValues.kind, "reintegration")))
    .all()
    .map((r) => r.value as ReintegrationType)
    .sort();
  const closed = isClosedCaseStatus(caseRow.status);
  const enrolled = caseRow.programme === "avrr" || caseRow.programme === "para";
  return {
    case: { code: caseRow.code, programme: caseRow.programme, returnCountry: caseRow.returnCountry, returnedOn: caseRow.returnedOn, officeCountry: caseRow.officeCountry, closed, enrolled },
    plan: plan
      ? { version: plan.version, updatedAt: plan.updatedAt, objectives: openOrNull({ keyId: plan.objectivesKeyId, iv: plan.objectivesIv, ciphertext: plan.objectivesCiphertext }, objectivesAad(caseRow.id)) }
      : null,
    steps: steps.map(({ descriptionKeyId, descriptionIv, descriptionCiphertext, ...s }) => ({
      ...s,
      description: openOrNull({ keyId: descriptionKeyId, iv: descriptionIv, ciphertext: descriptionCiphertext }, descriptionAad(s.id)),
      nextStates: nextStates(STEP_MACHINE, s.status),
    })),
    visits: visits.map(({ notesKeyId, notesIv, notesCiphertext, ...v }) => ({
      ...v,
      notes: openOrNull({ keyId: notesKeyId, iv: notesIv, ciphertext: notesCiphertext }, visitNotesAad(v.id)),
      nextStates: nextStates(MONITORING_MACHINE, v.status),
    })),
    coreTypes,
    permissions: {
      plan: !closed && enrolled && can(user.role, "reintegration:write:own"),
      monitoring: !closed && can(user.role, "monitoring:write:own"),
    },
  };
}

/** What the case page shows of reintegration, without decrypting anything (nothing to audit). */
export function reintegrationSummary(db: Db, user: SessionUser, code: string) {
  const caseRow = loadCaseInScope(db, user, code);
  const steps = db.select({ status: reintegrationSteps.status }).from(reintegrationSteps).where(eq(reintegrationSteps.caseId, caseRow.id)).all();
  const nextVisit = db
    .select({ months: monitoringVisits.months, dueOn: monitoringVisits.dueOn })
    .from(monitoringVisits)
    .where(and(eq(monitoringVisits.caseId, caseRow.id), eq(monitoringVisits.status, "scheduled")))
    .orderBy(asc(monitoringVisits.dueOn))
    .limit(1)
    .get();
  const hasPlan = Boolean(db.select({ caseId: reintegrationPlans.caseId }).from(reintegrationPlans).where(eq(reintegrationPlans.caseId, caseRow.id)).get());
  const count = (status: string) => steps.filter((s) => s.status === status).length;
  return {
    enrolled: caseRow.programme === "avrr" || caseRow.programme === "para",
    hasPlan,
    steps: { planned: count("planned"), inProgress: count("in_progress"), done: count("done"), cancelled: count("cancelled") },
    nextVisit: nextVisit ?? null,
    visitsDone: db.select({ id: monitoringVisits.id }).from(monitoringVisits).where(and(eq(monitoringVisits.caseId, caseRow.id), eq(monitoringVisits.status, "done"))).all().length,
    coreTypes: db
      .select({ value: caseValues.value })
      .from(caseValues)
      .where(and(eq(caseValues.caseId, caseRow.id), eq(caseValues.kind, "reintegration")))
      .all()
      .map((r) => r.value as ReintegrationType)
      .sort(),
  };
}
