import "server-only";
import { eq, inArray } from "drizzle-orm";
import { writeTransaction, type Db } from "@/db/client";
import { offices, userOffices, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { TCreateUser } from "@/lib/schemas/admin";
import { recordAudit } from "@/server/audit/record";
import { hashPassword, passwordProblem } from "@/server/auth/password";

/** Refuses a password the policy does not allow, with the reason as a message key. */
export function assertPasswordAllowed(password: string, email?: string): void {
  const problem = passwordProblem(password, email);
  if (problem) {
    throw new AppError("WEAK_PASSWORD", `password refused: ${problem}`, { password: `validation.password.${problem}` });
  }
}

export async function createUser(db: Db, actorUserId: number | null, input: TCreateUser, ip: string | null = null) {
  assertPasswordAllowed(input.password, input.email);
  const passwordHash = await hashPassword(input.password);
  return writeTransaction(db, (tx) => {
    if (tx.select({ id: users.id }).from(users).where(eq(users.email, input.email)).get()) {
      throw new AppError("CONFLICT", "email already registered", { email: "validation.emailTaken" });
    }
    if (input.officeIds.length > 0) {
      const found = tx.select({ id: offices.id }).from(offices).where(inArray(offices.id, input.officeIds)).all();
      if (found.length !== new Set(input.officeIds).size) {
        throw new AppError("VALIDATION", "unknown office", { officeIds: "validation.unknownOffice" });
      }
    }
    const row = tx
      .insert(users)
      .values({
        email: input.email,
        name: input.name,
        role: input.role,
        passwordHash,
        passwordChangedAt: Date.now(),
        regionScope: input.role === "data_officer" ? input.regionScope : null,
      })
      .returning({ id: users.id })
      .get();
    const officeIds = input.role === "caseworker" || input.role === "supervisor" ? [...new Set(input.officeIds)] : [];
    if (officeIds.length > 0) {
      tx.insert(userOffices)
        .values(officeIds.map((officeId) => ({ userId: row.id, officeId })))
        .run();
    }
    recordAudit(tx, {
      action: "user.created",
      actorUserId,
      entityType: "user",
      entityId: row.id,
      ip,
      details: { role: input.role, officeIds },
    });
    return { id: row.id };
  });
}
