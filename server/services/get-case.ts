import "server-only";
import type { Db } from "@/db/client";
import { caseScopeWhere } from "@/db/queries/case-scope";
import { caseAssignees, casesOfPerson, findCaseInScope, movementStatuses, personHasIdentity } from "@/db/queries/cases";
import { caseCoreValues } from "@/db/queries/form-sources";
import { identityRemovalOf } from "@/db/queries/retention";
import { ageBand } from "@/lib/age";
import { normaliseCode } from "@/lib/codes";
import { returnDateFromTravel } from "@/lib/workflows/return-reintegration";
import { AppError } from "@/lib/errors";
import { can, type PermissionBase } from "@/lib/permissions";
import type { SessionUser } from "@/server/auth/session-user";

/** Loads a case the user may act on for `action`, or throws NOT_FOUND (absent and out of scope
 * look the same, so codes of other offices' cases cannot be probed). */
export function loadCaseInScope(db: Db, user: SessionUser, code: string, action: PermissionBase = "case:read") {
  const canonical = normaliseCode(code);
  const row = canonical ? findCaseInScope(db, canonical, caseScopeWhere(db, user, action)) : undefined;
  if (!row) throw new AppError("NOT_FOUND");
  return row;
}

/** The pseudonymous view of a case: no identity, no note text. */
export function getCase(db: Db, user: SessionUser, code: string) {
  const row = loadCaseInScope(db, user, code);
  const { personId, ...rest } = row;
  return {
    ...rest,
    ageBand: ageBand(row.ageAtRegistration),
    assignees: caseAssignees(db, row.id),
    /** The core variables the approved screening and the assistance form set (what the statistics count). */
    core: caseCoreValues(db, row.id),
    otherCases: casesOfPerson(db, personId).filter((c) => c.code !== row.code),
    hasIdentity: personHasIdentity(db, personId),
    /** When retention or an erasure removed the person's identity and narratives (issue 11), or null. */
    identityRemoval: identityRemovalOf(db, personId),
    /** Return travel is planned or done: the programme is changed on the Return page only. */
    programmeLocked: returnDateFromTravel(movementStatuses(db, row.id)),
    permissions: {
      revealIdentity: can(user.role, "identity:read:own"),
      update: can(user.role, "case:update:own"),
      addNote: can(user.role, "note:create:own"),
      assign: can(user.role, "case:assign:office"),
    },
  };
}
