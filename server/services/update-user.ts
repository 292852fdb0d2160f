import "server-only";
import { writeTransaction, type Db } from "@/db/client";
import { updateAtVersion, assertVersion } from "@/db/queries/versioned";
import { officeIdsOfUser, setUserOffices, suspendMemberships } from "@/db/queries/users";
import { users } from "@/db/schema";
import { roleHasOffices, type TUpdateUser } from "@/lib/schemas/admin";
import { recordAudit } from "@/server/audit/record";
import type { SessionUser } from "@/server/auth/session-user";
import { assertOfficesAssignable } from "./assert-offices-assignable";
import { assertNotSelf, loadManagedUser } from "./load-managed-user";

const sameSet = (a: number[], b: number[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * Changes a user's name, role, offices and (data officers) region scope. The edit names the version
 * it read; a stale one is refused (STALE_VERSION, as for cases). The session resolver reads role and
 * offices afresh on every request, so the change applies at the user's next request.
 *
 * Separation of duties (decision 0020): an office added here is a request that gives no case access
 * until a supervisor of that office confirms it; a promotion to supervisor (which widens access from
 * own cases to the whole office) puts every membership back to waiting the same way.
 */
export function updateUser(db: Db, actor: SessionUser, input: TUpdateUser, ip: string | null = null) {
  return writeTransaction(db, (tx) => {
    const current = loadManagedUser(tx, input.id);
    assertVersion(current.version, input.version);
    if (input.role !== current.role) assertNotSelf(actor.id, input.id, "role", "admin.validation.selfRole");
    const officeIds = roleHasOffices(input.role) ? [...new Set(input.officeIds)].sort((a, b) => a - b) : [];
    const regionScope = input.role === "data_officer" ? input.regionScope : null;
    const currentOfficeIds = officeIdsOfUser(tx, input.id);
    assertOfficesAssignable(
      tx,
      officeIds,
      officeIds.filter((id) => !currentOfficeIds.includes(id)),
    );

    const changed = [
      ...(input.name !== current.name ? ["name"] : []),
      ...(input.role !== current.role ? ["role"] : []),
      ...(!sameSet(officeIds, currentOfficeIds) ? ["officeIds"] : []),
      ...(regionScope !== current.regionScope ? ["regionScope"] : []),
    ];
    if (changed.length === 0) return { id: input.id, changed, version: current.version };

    const now = Date.now();
    const version = updateAtVersion(tx, users, input.id, input.version, { name: input.name, role: input.role, regionScope });
    const promoted = input.role === "supervisor" && current.role !== "supervisor";
    const suspended = promoted ? suspendMemberships(tx, input.id, actor.id, now) : [];
    const added = changed.includes("officeIds")
      ? setUserOffices(tx, input.id, officeIds, { requestedBy: actor.id, now, confirmed: false })
      : [];
    recordAudit(tx, {
      action: "user.updated",
      actorUserId: actor.id,
      entityType: "user",
      entityId: input.id,
      ip,
      // Field names and codes only: the display name itself is not copied into the trail.
      details: { changed, role: input.role, officeIds, regionScope },
    });
    for (const officeId of [...new Set([...suspended, ...added])].sort((a, b) => a - b)) {
      recordAudit(tx, {
        action: "access.requested",
        actorUserId: actor.id,
        entityType: "user",
        entityId: input.id,
        officeId,
        ip,
        details: { role: input.role, reason: suspended.includes(officeId) ? "promotion" : "office_added" },
      });
    }
    return { id: input.id, changed, version };
  });
}
