import "server-only";
import { writeTransaction, type Db } from "@/db/client";
import { movementStatuses } from "@/db/queries/cases";
import { updateAtVersion } from "@/db/queries/versioned";
import { cases } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { versionKey } from "@/lib/saved-versions";
import type { TUpdateCase } from "@/lib/schemas/registry";
import { recordAudit } from "@/server/audit/record";
import type { SessionUser } from "@/server/auth/session-user";
import { returnDateFromTravel } from "@/lib/workflows/return-reintegration";
import { assertCaseOpen } from "./assert-case-open";
import { loadCaseInScope } from "./get-case";

/**
 * Updates the registration facts of a case. The update names the version it read; if someone else
 * saved in between, nothing is written and STALE_VERSION tells the user to reload. Once return
 * travel is planned or done, the programme belongs to the Return page (enrolProgramme), which keeps
 * it consistent with the travel and the monitoring visits.
 */
export function updateCase(db: Db, user: SessionUser, input: TUpdateCase, ip: string | null = null) {
  const found = loadCaseInScope(db, user, input.code, "case:update");
  assertCaseOpen(found);
  if (input.programme !== found.programme && returnDateFromTravel(movementStatuses(db, found.id))) {
    throw new AppError("INVALID_STATE", "return travel exists", { programme: "cases.validation.programmeOnReturnPage" });
  }
  const categories = new Set(input.categories);
  return writeTransaction(db, (tx) => {
    const version = updateAtVersion(tx, cases, found.id, input.version, {
        programme: input.programme,
        status: input.status,
        registeredOn: input.registeredOn,
        registrationYear: Number(input.registeredOn.slice(0, 4)),
        countryOfIdentification: input.countryOfIdentification ?? null,
        catVictim: categories.has("victim"),
        catUnaccompaniedChild: categories.has("unaccompanied_child"),
        catHealth: categories.has("health"),
        catMainPopulation: categories.has("main_population") || categories.size === 0,
        updatedAt: Date.now(),
      });
    recordAudit(tx, {
      action: "case.updated",
      actorUserId: user.id,
      entityType: "case",
      entityId: found.code,
      officeId: found.officeId,
      ip,
      details: { fields: ["programme", "status", "registeredOn", "countryOfIdentification", "categories"] },
    });
    return { version, saved: { [versionKey.case(found.code)]: version } };
  });
}
