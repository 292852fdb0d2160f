import { and, desc, eq, isNotNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { caseValues, cases, determinations, formResponses } from "@/db/schema";

/** A stored (encrypted) form response, as the vault opens it. */
export type SealedResponse = { id: number; formId: string; keyId: string; iv: Buffer; ciphertext: Buffer };

const sealedColumns = { id: formResponses.id, formId: formResponses.formId, keyId: formResponses.keyId, iv: formResponses.iv, ciphertext: formResponses.ciphertext };

/**
 * What a form of a case says, for another form to start from: the revision whose determination a
 * supervisor approved (newest approval), else the latest submitted revision, else nothing.
 */
export function sourceResponseOf(db: Db, caseId: number, formId: string): SealedResponse | undefined {
  const approved = db
    .select(sealedColumns)
    .from(determinations)
    .innerJoin(formResponses, eq(formResponses.id, determinations.responseId))
    .where(and(eq(determinations.caseId, caseId), eq(determinations.status, "approved"), eq(formResponses.formId, formId)))
    .orderBy(desc(determinations.id))
    .get();
  if (approved) return approved;
  return db
    .select(sealedColumns)
    .from(formResponses)
    .where(and(eq(formResponses.caseId, caseId), eq(formResponses.formId, formId), eq(formResponses.status, "submitted"), isNotNull(formResponses.revision)))
    .orderBy(desc(formResponses.revision))
    .get();
}

/**
 * The case's core variables as the case summary shows them: the typed columns and the exploitation
 * types, set by the approved screening and by the assistance form (the same columns the statistics read).
 */
export function caseCoreValues(db: Db, caseId: number) {
  const row = db
    .select({
      countryOfExploitation: cases.countryOfExploitation,
      traffickingType: cases.traffickingType,
      forcedLabourSector: cases.forcedLabourSector,
      fundingSource: cases.fundingSource,
    })
    .from(cases)
    .where(eq(cases.id, caseId))
    .get();
  const exploitationTypes = db
    .select({ value: caseValues.value })
    .from(caseValues)
    .where(and(eq(caseValues.caseId, caseId), eq(caseValues.kind, "exploitation")))
    .orderBy(caseValues.value)
    .all()
    .map((r) => r.value);
  return {
    countryOfExploitation: row?.countryOfExploitation ?? null,
    traffickingType: row?.traffickingType ?? null,
    forcedLabourSector: row?.forcedLabourSector ?? null,
    fundingSource: row?.fundingSource ?? null,
    exploitationTypes,
  };
}
