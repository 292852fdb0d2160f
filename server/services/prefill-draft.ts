import "server-only";
import { writeTransaction, type Db } from "@/db/client";
import { sourceResponseOf } from "@/db/queries/form-sources";
import { prefilledFields, prefillAnswers, type PrefillInputs } from "@/lib/forms/prefill";
import { FORMS, type FormId } from "@/lib/forms/registry";
import type { Answers } from "@/lib/forms/types";
import { recordAudit } from "@/server/audit/record";
import type { SessionUser } from "@/server/auth/session-user";
import { vaultKeys } from "@/server/crypto/keys";
import { boundTo, openJson } from "@/server/crypto/vault";
import type { loadCaseInScope } from "./get-case";

type CaseRow = ReturnType<typeof loadCaseInScope>;

/**
 * The first answers of a new draft of `formId` (ask once, lib/forms/prefill.ts): registration's facts
 * from the case, other forms' answers from their approved (else latest) submitted revision. Reading
 * another form's answers to fill this one is audited as a read of that form.
 */
export function prefillDraft(db: Db, user: SessionUser, caseRow: CaseRow, formId: FormId, ip: string | null): Answers {
  const definition = FORMS[formId].definition;
  const sourceForms = [...new Set(prefilledFields(definition).flatMap((f) => ("form" in f.prefill ? [f.prefill.form] : [])))];
  const inputs: PrefillInputs = {
    registration: {
      age: caseRow.ageAtRegistration,
      citizenship: caseRow.citizenship,
      countryOfIdentification: caseRow.countryOfIdentification,
      officeCountry: caseRow.officeCountry,
    },
    forms: {},
  };
  const read: string[] = [];
  for (const source of sourceForms) {
    const row = sourceResponseOf(db, caseRow.id, source);
    if (!row) continue;
    inputs.forms[source] = openJson(vaultKeys(), row, boundTo("form_responses", row.id, row.formId), (v) => v as Answers);
    read.push(source);
  }
  const answers = prefillAnswers(definition, inputs);
  if (read.length > 0) {
    writeTransaction(db, (tx) => {
      for (const source of read) {
        recordAudit(tx, { action: "form.read", actorUserId: user.id, entityType: "case", entityId: caseRow.code, officeId: caseRow.officeId, ip, details: { formId: source } });
      }
    });
  }
  return answers;
}
