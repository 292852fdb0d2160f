import "server-only";
import { asc, eq } from "drizzle-orm";
import { writeTransaction, type Db } from "@/db/client";
import { consents, users } from "@/db/schema";
import { assistanceBlock, canRecordConsent, CONSENT_ENTRIES, consentStates, entryBlock, type ConsentEntry, type ConsentPurpose, type EntryBlock } from "@/lib/consent";
import { AppError } from "@/lib/errors";
import type { TRecordConsent } from "@/lib/schemas/assistance";
import { recordAudit } from "@/server/audit/record";
import type { SessionUser } from "@/server/auth/session-user";
import { assertCaseOpen } from "./assert-case-open";
import { loadCaseInScope } from "./get-case";

/** The consent decisions of a case (oldest first), with who took them. */
function consentEvents(db: Db, caseId: number) {
  return db
    .select({
      id: consents.id,
      purpose: consents.purpose,
      decision: consents.decision,
      method: consents.method,
      on: consents.decidedOn,
      takenBy: users.name,
      recordedAt: consents.createdAt,
    })
    .from(consents)
    .innerJoin(users, eq(users.id, consents.takenBy))
    .where(eq(consents.caseId, caseId))
    .orderBy(asc(consents.id))
    .all();
}

/** The current state of each purpose and the history, for a user who may read the case. */
export function consentForCase(db: Db, user: SessionUser, code: string) {
  const caseRow = loadCaseInScope(db, user, code);
  const events = consentEvents(db, caseRow.id);
  const states = consentStates(events);
  const latest = (purpose: ConsentPurpose) => [...events].reverse().find((e) => e.purpose === purpose) ?? null;
  return {
    states,
    current: {
      assistance: latest("assistance"),
      data_processing: latest("data_processing"),
      share_with_partners: latest("share_with_partners"),
    },
    history: [...events].reverse(),
    /** Why the assistance form and service records take no new data, or null. */
    assistanceBlock: assistanceBlock(states),
    /** Why each kind of new entry is refused, or null (the one rule, decision 0027). */
    entryBlocks: Object.fromEntries(CONSENT_ENTRIES.map((e) => [e, entryBlock(states, e)])) as Record<ConsentEntry, EntryBlock | null>,
  };
}

/** Why `entry` cannot be recorded on the case now, or null (the one rule of lib/consent.ts). */
export function consentBlock(db: Db, caseId: number, entry: ConsentEntry): EntryBlock | null {
  return entryBlock(consentStates(consentEvents(db, caseId)), entry);
}

/**
 * Throws CONSENT_REQUIRED unless the person's consent allows `entry` (decision 0027): every writer
 * of new data about the person calls it, or `consentBlock` when a block can be overridden.
 */
export function assertConsentFor(db: Db, caseId: number, entry: ConsentEntry): void {
  if (consentBlock(db, caseId, entry) !== null) {
    throw new AppError("CONSENT_REQUIRED", `consent does not allow ${entry}`);
  }
}

/** Records a decision: given, refused, or the withdrawal of a given consent. */
export function recordConsent(db: Db, user: SessionUser, input: TRecordConsent, ip: string | null = null) {
  const caseRow = loadCaseInScope(db, user, input.code, "consent:write");
  assertCaseOpen(caseRow);
  return writeTransaction(db, (tx) => {
    const events = consentEvents(tx, caseRow.id);
    const current = consentStates(events)[input.purpose];
    if (!canRecordConsent(current, input.decision)) {
      throw new AppError("INVALID_STATE", `consent is ${current}`, { decision: input.decision === "withdrawn" ? "validation.consentNotGiven" : "validation.consentAlreadyGiven" });
    }
    const previous = events.filter((e) => e.purpose === input.purpose).at(-1);
    if (previous && input.decidedOn < previous.on) {
      throw new AppError("VALIDATION", "decision dated before the previous one", { decidedOn: "validation.beforePreviousConsent" });
    }
    const { id } = tx
      .insert(consents)
      .values({ caseId: caseRow.id, purpose: input.purpose, decision: input.decision, method: input.method ?? null, decidedOn: input.decidedOn, takenBy: user.id })
      .returning({ id: consents.id })
      .get();
    recordAudit(tx, {
      action: `consent.${input.decision}`,
      actorUserId: user.id,
      entityType: "case",
      entityId: caseRow.code,
      officeId: caseRow.officeId,
      ip,
      details: { consentId: id, purpose: input.purpose, decidedOn: input.decidedOn },
    });
    return { id, purpose: input.purpose, state: input.decision };
  });
}
