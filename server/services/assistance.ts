import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { cases, caseValues } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { assistanceCoreVariables } from "@/lib/forms/assistance";
import { recordAudit } from "@/server/audit/record";
import { syncFormServices, refreshFundingSource } from "./case-services";
import type { SubmitContext } from "./form-hooks";
import { assertActiveOrganisations } from "./organisations";

/**
 * On submission of the assistance form, in the submission's transaction: the partner
 * organisations named must be active; the case's core variables are updated from the answers
 * (a variable the interview leaves unanswered keeps the value the screening gave it); the form's
 * services become service records; the funding source is recomputed from all services.
 */
export function applyAssistance(tx: Db, ctx: SubmitContext): void {
  const core = assistanceCoreVariables(ctx.answers);
  const items = Array.isArray(ctx.answers.services) ? ctx.answers.services : [];
  assertActiveOrganisations(
    tx,
    core.services.flatMap((s) => (s.organisationId ? [s.organisationId] : [])),
    (id) => `services.${items.findIndex((i: { organisation?: unknown }) => Number(i?.organisation) === id)}.organisation`,
  );
  const caseId = ctx.caseRow.id;
  const current = tx.select({ version: cases.version }).from(cases).where(eq(cases.id, caseId)).get();
  if (!current) throw new AppError("NOT_FOUND");
  tx.update(cases)
    .set({
      ...(core.forcedLabourSector ? { forcedLabourSector: core.forcedLabourSector } : {}),
      ...(core.countryOfExploitation ? { countryOfExploitation: core.countryOfExploitation } : {}),
      ...(core.traffickingType ? { traffickingType: core.traffickingType } : {}),
      version: current.version + 1,
      updatedAt: Date.now(),
    })
    .where(eq(cases.id, caseId))
    .run();
  const replaced = (Object.keys(core.values) as (keyof typeof core.values)[]).filter((kind) => core.values[kind].length > 0);
  if (replaced.length) {
    tx.delete(caseValues).where(and(eq(caseValues.caseId, caseId), inArray(caseValues.kind, replaced))).run();
    tx.insert(caseValues)
      .values(replaced.flatMap((kind) => core.values[kind].map((value) => ({ caseId, kind, value }))))
      .run();
  }
  const counts = syncFormServices(tx, ctx, core.services);
  refreshFundingSource(tx, caseId);
  recordAudit(tx, {
    action: "assistance.applied",
    actorUserId: ctx.user.id,
    entityType: "case",
    entityId: ctx.caseRow.code,
    officeId: ctx.caseRow.officeId,
    ip: ctx.ip,
    details: { revision: ctx.revision, variables: replaced, services: counts },
  });
}
