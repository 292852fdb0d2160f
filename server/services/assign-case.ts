import "server-only";
import { and, eq, inArray, isNotNull } from "drizzle-orm";
import { writeTransaction, type Db } from "@/db/client";
import { caseAssignments, cases, userOffices, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { versionKey } from "@/lib/saved-versions";
import { recordAudit } from "@/server/audit/record";
import type { SessionUser } from "@/server/auth/session-user";
import { assertCaseOpen } from "./assert-case-open";
import { loadCaseInScope } from "./get-case";

/** Caseworkers and supervisors of an office (confirmed members only: decision 0020), who can own or
 * be assigned its cases. */
export function assignableUsers(db: Db, officeId: number) {
  return db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .innerJoin(userOffices, eq(userOffices.userId, users.id))
    .where(
      and(
        eq(userOffices.officeId, officeId),
        isNotNull(userOffices.confirmedAt),
        eq(users.active, true),
        inArray(users.role, ["caseworker", "supervisor"]),
      ),
    )
    .orderBy(users.name)
    .all();
}

/** A supervisor reassigns the owner and the assigned caseworkers of a case of their office. */
export function assignCase(
  db: Db,
  user: SessionUser,
  input: { code: string; version: number; ownerId: number; assigneeIds: number[] },
  ip: string | null = null,
) {
  const found = loadCaseInScope(db, user, input.code, "case:assign");
  assertCaseOpen(found);
  const eligible = new Set(assignableUsers(db, found.officeId).map((u) => u.id));
  const assignees = [...new Set(input.assigneeIds)].filter((id) => id !== input.ownerId);
  if (!eligible.has(input.ownerId) || assignees.some((id) => !eligible.has(id))) {
    throw new AppError("VALIDATION", "assignee not in the case's office", { ownerId: "validation.assignee" });
  }
  return writeTransaction(db, (tx) => {
    const result = tx
      .update(cases)
      .set({ ownerId: input.ownerId, version: input.version + 1, updatedAt: Date.now() })
      .where(and(eq(cases.id, found.id), eq(cases.version, input.version)))
      .run();
    if (result.changes === 0) throw new AppError("STALE_VERSION");
    tx.delete(caseAssignments).where(eq(caseAssignments.caseId, found.id)).run();
    if (assignees.length > 0) {
      tx.insert(caseAssignments)
        .values(assignees.map((userId) => ({ caseId: found.id, userId })))
        .run();
    }
    recordAudit(tx, {
      action: "case.assigned",
      actorUserId: user.id,
      entityType: "case",
      entityId: found.code,
      officeId: found.officeId,
      ip,
      details: { ownerId: input.ownerId, assigneeIds: assignees },
    });
    return { version: input.version + 1, saved: { [versionKey.case(found.code)]: input.version + 1 } };
  });
}
