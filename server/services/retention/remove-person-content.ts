import "server-only";
import type { Db } from "@/db/client";
import {
  countRemovable,
  markContentRemoved,
  personCodes,
  removeRowsAndText,
  replaceSealedAnswers,
  sealedAnswersOf,
  type RemovalCounts,
} from "@/db/queries/retention";
import { withoutFreeText } from "@/lib/forms/free-text";
import { FORMS, type FormId } from "@/lib/forms/registry";
import type { Answers } from "@/lib/forms/types";
import { recordAudit } from "@/server/audit/record";
import { vaultKeys } from "@/server/crypto/keys";
import { openJson, sealJson } from "@/server/crypto/vault";
import { FORM_ANSWERS_AAD } from "../form-responses";

export type RemovalCause = "retention" | "erasure";

/**
 * Removes the identity, narratives and free text of these persons, as db/queries/retention.ts
 * (RETENTION_REMOVES) defines them, and records the removal (the case page then says "identity
 * removed on DATE") with one audit event per person. Run inside the caller's write transaction,
 * together with the caller's own audit event. Returns what was removed, as counts.
 */
export function removePersonContent(
  tx: Db,
  personIds: readonly number[],
  cause: RemovalCause,
  actorUserId: number | null,
  ip: string | null,
  at: number = Date.now(),
): RemovalCounts {
  if (personIds.length === 0) return {};
  const counts = countRemovable(tx, personIds);
  const ring = vaultKeys();
  for (const row of sealedAnswersOf(tx, personIds)) {
    const aad = FORM_ANSWERS_AAD(row.id, row.formId);
    const answers = openJson(ring, row, aad, (v) => v as Answers);
    const form = row.formId in FORMS ? FORMS[row.formId as FormId].definition : null;
    // A form Passage no longer knows: nothing in it can be shown to be a choice.
    replaceSealedAnswers(tx, row.id, sealJson(ring, form ? withoutFreeText(form, answers) : {}, aad));
  }
  removeRowsAndText(tx, personIds);
  markContentRemoved(tx, personIds, cause, at);
  const codes = personCodes(tx, personIds);
  for (const id of personIds) {
    recordAudit(tx, { action: "person.content_removed", actorUserId, entityType: "person", entityId: codes.get(id) ?? id, ip, details: { cause } });
  }
  return counts;
}

/** Adds counts of one batch to a running total. */
export function addCounts(total: RemovalCounts, more: RemovalCounts): RemovalCounts {
  for (const [k, v] of Object.entries(more)) total[k] = (total[k] ?? 0) + v;
  return total;
}
