import "server-only";
import { writeTransaction, type Db } from "@/db/client";
import { officeIdsOfUser, setUserOffices, updateUserRow } from "@/db/queries/users";
import { roleHasOffices, type TUpdateUser } from "@/lib/schemas/admin";
import { recordAudit } from "@/server/audit/record";
import type { SessionUser } from "@/server/auth/session-user";
import { assertOfficesAssignable } from "./assert-offices-assignable";
import { assertNotSelf, loadManagedUser } from "./load-managed-user";

const sameSet = (a: number[], b: number[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * Changes a user's name, role, offices and (data officers) region scope. The session resolver reads
 * role and offices afresh on every request, so the change applies at the user's next request.
 */
export function updateUser(db: Db, actor: SessionUser, input: TUpdateUser, ip: string | null = null) {
  return writeTransaction(db, (tx) => {
    const current = loadManagedUser(tx, input.id);
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
    if (changed.length === 0) return { id: input.id, changed };

    updateUserRow(tx, input.id, { name: input.name, role: input.role, regionScope });
    if (changed.includes("officeIds")) setUserOffices(tx, input.id, officeIds);
    recordAudit(tx, {
      action: "user.updated",
      actorUserId: actor.id,
      entityType: "user",
      entityId: input.id,
      ip,
      // Field names and codes only: the display name itself is not copied into the trail.
      details: { changed, role: input.role, officeIds, regionScope },
    });
    return { id: input.id, changed };
  });
}
