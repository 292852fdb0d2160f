import "server-only";
import { writeTransaction, type Db } from "@/db/client";
import { emailTaken, setUserOffices } from "@/db/queries/users";
import { users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { roleHasOffices, type TCreateUser } from "@/lib/schemas/admin";
import { recordAudit } from "@/server/audit/record";
import { hashPassword, passwordProblem } from "@/server/auth/password";
import { assertOfficesAssignable } from "./assert-offices-assignable";

/** Refuses a password the policy does not allow, with the reason as a message key. */
export function assertPasswordAllowed(password: string, email?: string): void {
  const problem = passwordProblem(password, email);
  if (problem) {
    throw new AppError("WEAK_PASSWORD", `password refused: ${problem}`, { password: `validation.password.${problem}` });
  }
}

/** Creates a staff account. Only caseworkers and supervisors hold offices; only data officers a
 * region scope. Used by the admin UI, the CLI and the demo seed. */
export async function createUser(db: Db, actorUserId: number | null, input: TCreateUser, ip: string | null = null) {
  assertPasswordAllowed(input.password, input.email);
  const passwordHash = await hashPassword(input.password);
  const officeIds = roleHasOffices(input.role) ? [...new Set(input.officeIds)] : [];
  const regionScope = input.role === "data_officer" ? input.regionScope : null;
  return writeTransaction(db, (tx) => {
    if (emailTaken(tx, input.email)) {
      throw new AppError("CONFLICT", "email already registered", { email: "validation.emailTaken" });
    }
    assertOfficesAssignable(tx, officeIds);
    const row = tx
      .insert(users)
      .values({
        email: input.email,
        name: input.name,
        role: input.role,
        passwordHash,
        passwordChangedAt: Date.now(),
        regionScope,
      })
      .returning({ id: users.id })
      .get();
    setUserOffices(tx, row.id, officeIds);
    recordAudit(tx, {
      action: "user.created",
      actorUserId,
      entityType: "user",
      entityId: row.id,
      ip,
      details: { role: input.role, officeIds, regionScope },
    });
    return { id: row.id };
  });
}
