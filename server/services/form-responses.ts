import "server-only";
import { caseVersionOf } from "@/db/queries/cases";
import { and, desc, eq, isNotNull, max } from "drizzle-orm";
import { writeTransaction, type Db } from "@/db/client";
import { formResponses, users } from "@/db/schema";
import { pruneHidden } from "@/lib/forms/conditions";
import { FORMS, formDraftSchema, formSubmitSchema, type FormId } from "@/lib/forms/registry";
import type { Answers } from "@/lib/forms/types";
import { AppError } from "@/lib/errors";
import { versionKey } from "@/lib/saved-versions";
import { recordAudit } from "@/server/audit/record";
import type { SessionUser } from "@/server/auth/session-user";
import { vaultKeys } from "@/server/crypto/keys";
import { boundTo, openJson, sealJson } from "@/server/crypto/vault";
import { assertCaseOpen } from "./assert-case-open";
import { assertConsentFor } from "./consents";
import { loadCaseInScope } from "./get-case";
import { formHooks } from "./form-hooks";
import { prefillDraft } from "./prefill-draft";

export const FORM_ANSWERS_AAD = (responseId: number, formId: string) => boundTo("form_responses", responseId, formId);
const aad = FORM_ANSWERS_AAD;
const PLACEHOLDER = { keyId: "-", iv: Buffer.alloc(12), ciphertext: Buffer.alloc(16) };

type CaseRow = ReturnType<typeof loadCaseInScope>;

function decrypt(row: { id: number; formId: string; keyId: string; iv: Buffer; ciphertext: Buffer }): Answers {
  return openJson(vaultKeys(), row, aad(row.id, row.formId), (v) => v as Answers);
}

function zodIssuesToFields(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string> {
  return Object.fromEntries(issues.map((i) => [i.path.map(String).join("."), i.message]));
}

/** A case may take new form data only while open and when the person's consent allows the form's entry. */
export function assertWritable(db: Db, caseRow: CaseRow, formId: FormId): void {
  assertCaseOpen(caseRow);
  assertConsentFor(db, caseRow.id, formHooks[formId].consent);
}

/** The draft, the submitted revisions and the latest submitted answers of one form of a case, or
 * the prefilled answers a new draft starts from. */
export function getFormState(db: Db, user: SessionUser, caseCode: string, formId: FormId, ip: string | null = null, prefill = false) {
  const caseRow = loadCaseInScope(db, user, caseCode, "form:read");
  const rows = db
    .select({
      id: formResponses.id,
      formId: formResponses.formId,
      status: formResponses.status,
      revision: formResponses.revision,
      definitionVersion: formResponses.definitionVersion,
      keyId: formResponses.keyId,
      iv: formResponses.iv,
      ciphertext: formResponses.ciphertext,
      updatedAt: formResponses.updatedAt,
      submittedAt: formResponses.submittedAt,
      byName: users.name,
    })
    .from(formResponses)
    .innerJoin(users, eq(users.id, formResponses.updatedBy))
    .where(and(eq(formResponses.caseId, caseRow.id), eq(formResponses.formId, formId)))
    .orderBy(desc(formResponses.id))
    .all();
  const draft = rows.find((r) => r.status === "draft");
  const revisions = rows.filter((r) => r.status === "submitted");
  const latest = revisions[0];
  if (draft || latest) {
    writeTransaction(db, (tx) =>
      recordAudit(tx, { action: "form.read", actorUserId: user.id, entityType: "case", entityId: caseRow.code, officeId: caseRow.officeId, ip, details: { formId } }),
    );
  }
  let writable = true;
  try {
    assertWritable(db, caseRow, formId);
  } catch {
    writable = false;
  }
  return {
    caseCode: caseRow.code,
    caseVersion: caseRow.version,
    formId,
    definitionVersion: FORMS[formId].definition.version,
    writable,
    draft: draft ? { answers: decrypt(draft), updatedAt: draft.updatedAt, byName: draft.byName } : null,
    /** Ask once: the first answers of a new draft, from registration and the other forms; only when
     * nothing was saved yet (never over a draft or a submitted revision) and the form takes new data. */
    prefill: prefill && !draft && !latest && writable ? prefillDraft(db, user, caseRow, formId, ip) : null,
    latest: latest ? { revision: latest.revision!, answers: decrypt(latest), submittedAt: latest.submittedAt!, byName: latest.byName, definitionVersion: latest.definitionVersion } : null,
    revisions: revisions.map((r) => ({ revision: r.revision!, submittedAt: r.submittedAt!, byName: r.byName, definitionVersion: r.definitionVersion })),
  };
}

/** One submitted revision's answers. */
export function getRevision(db: Db, user: SessionUser, caseCode: string, formId: FormId, revision: number, ip: string | null = null) {
  const caseRow = loadCaseInScope(db, user, caseCode, "form:read");
  const row = db
    .select()
    .from(formResponses)
    .where(and(eq(formResponses.caseId, caseRow.id), eq(formResponses.formId, formId), eq(formResponses.revision, revision)))
    .get();
  if (!row) throw new AppError("NOT_FOUND");
  writeTransaction(db, (tx) =>
    recordAudit(tx, { action: "form.read", actorUserId: user.id, entityType: "case", entityId: caseRow.code, officeId: caseRow.officeId, ip, details: { formId, revision } }),
  );
  return { revision, answers: decrypt(row), submittedAt: row.submittedAt, definitionVersion: row.definitionVersion };
}

/**
 * Saves the draft (autosave and the explicit save both come here). Drafts are checked for types
 * only. `baseUpdatedAt` is the draft's updatedAt the browser last saw: if someone else saved the draft
 * since, STALE_VERSION, so two people never silently overwrite each other.
 */
export function saveDraft(
  db: Db,
  user: SessionUser,
  input: { caseCode: string; formId: FormId; answers: unknown; baseUpdatedAt: number | null },
  ip: string | null = null,
) {
  const caseRow = loadCaseInScope(db, user, input.caseCode, "form:write");
  assertWritable(db, caseRow, input.formId);
  const parsed = formDraftSchema(input.formId).safeParse(input.answers);
  if (!parsed.success) throw new AppError("VALIDATION", "draft has invalid values", zodIssuesToFields(parsed.error.issues));
  const definition = FORMS[input.formId].definition;
  const now = Date.now();
  return writeTransaction(db, (tx) => {
    const existing = tx
      .select({ id: formResponses.id, updatedAt: formResponses.updatedAt })
      .from(formResponses)
      .where(and(eq(formResponses.caseId, caseRow.id), eq(formResponses.formId, input.formId), eq(formResponses.status, "draft")))
      .get();
    if (existing && input.baseUpdatedAt !== null && existing.updatedAt !== input.baseUpdatedAt) throw new AppError("STALE_VERSION");
    if (existing && input.baseUpdatedAt === null) throw new AppError("STALE_VERSION");
    let id = existing?.id;
    if (!id) {
      id = tx
        .insert(formResponses)
        .values({ caseId: caseRow.id, formId: input.formId, definitionVersion: definition.version, status: "draft", ...PLACEHOLDER, createdBy: user.id, updatedBy: user.id, updatedAt: now })
        .returning({ id: formResponses.id })
        .get().id;
      recordAudit(tx, { action: "form.draft_started", actorUserId: user.id, entityType: "case", entityId: caseRow.code, officeId: caseRow.officeId, ip, details: { formId: input.formId } });
    }
    const sealed = sealJson(vaultKeys(), parsed.data, aad(id, input.formId));
    tx.update(formResponses).set({ ...sealed, updatedBy: user.id, updatedAt: now, definitionVersion: definition.version }).where(eq(formResponses.id, id)).run();
    return { updatedAt: now };
  });
}

/**
 * Submits the form: validated with the submission schema (required-when and the form's own rules),
 * hidden answers dropped, stored as the next immutable revision; the draft is removed; the form's
 * hook runs in the same transaction (e.g. the screening creates a determination for approval).
 */
export function submitForm(db: Db, user: SessionUser, input: { caseCode: string; formId: FormId; answers: unknown }, ip: string | null = null) {
  const caseRow = loadCaseInScope(db, user, input.caseCode, "form:write");
  assertWritable(db, caseRow, input.formId);
  const parsed = formSubmitSchema(input.formId).safeParse(input.answers);
  if (!parsed.success) throw new AppError("VALIDATION", "answers incomplete or invalid", zodIssuesToFields(parsed.error.issues));
  const definition = FORMS[input.formId].definition;
  const answers = pruneHidden(definition, parsed.data as Answers);
  const now = Date.now();
  return writeTransaction(db, (tx) => {
    const last = tx
      .select({ n: max(formResponses.revision) })
      .from(formResponses)
      .where(and(eq(formResponses.caseId, caseRow.id), eq(formResponses.formId, input.formId), isNotNull(formResponses.revision)))
      .get();
    const revision = (last?.n ?? 0) + 1;
    const { id } = tx
      .insert(formResponses)
      .values({ caseId: caseRow.id, formId: input.formId, definitionVersion: definition.version, status: "submitted", revision, ...PLACEHOLDER, createdBy: user.id, updatedBy: user.id, updatedAt: now, submittedAt: now })
      .returning({ id: formResponses.id })
      .get();
    tx.update(formResponses).set(sealJson(vaultKeys(), answers, aad(id, input.formId))).where(eq(formResponses.id, id)).run();
    tx.delete(formResponses).where(and(eq(formResponses.caseId, caseRow.id), eq(formResponses.formId, input.formId), eq(formResponses.status, "draft"))).run();
    recordAudit(tx, { action: "form.submitted", actorUserId: user.id, entityType: "case", entityId: caseRow.code, officeId: caseRow.officeId, ip, details: { formId: input.formId, revision } });
    formHooks[input.formId].onSubmit?.(tx, { user, caseRow, responseId: id, revision, answers, ip });
    return { revision, saved: { [versionKey.case(caseRow.code)]: caseVersionOf(tx, caseRow.id) } };
  });
}
