import "server-only";
import type { Db } from "@/db/client";
import { findUser } from "@/db/queries/users";
import { AppError } from "@/lib/errors";

/** A user an administrator is about to change, or NOT_FOUND. */
export function loadManagedUser(db: Db, id: number) {
  const user = findUser(db, id);
  if (!user) throw new AppError("NOT_FOUND");
  return user;
}

/** Refuses an administrator acting on their own account where that could lock them out or
 * bypass their own credentials; `field` carries the explanation's catalogue key. */
export function assertNotSelf(actorId: number, targetId: number, field: string, messageKey: string): void {
  if (actorId === targetId) {
    throw new AppError("INVALID_STATE", "not allowed on one's own account", { [field]: messageKey });
  }
}
