import "server-only";
import { inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { offices } from "@/db/schema";
import { AppError } from "@/lib/errors";

/**
 * Every office in `officeIds` exists, and those in `mustBeActive` are active (a user is not newly
 * placed in a closed office; a membership they already had may stay).
 */
export function assertOfficesAssignable(db: Db, officeIds: number[], mustBeActive: number[] = officeIds): void {
  if (officeIds.length === 0) return;
  const found = db
    .select({ id: offices.id, active: offices.active })
    .from(offices)
    .where(inArray(offices.id, officeIds))
    .all();
  if (found.length !== new Set(officeIds).size) {
    throw new AppError("VALIDATION", "unknown office", { officeIds: "validation.unknownOffice" });
  }
  const inactive = new Set(found.filter((o) => !o.active).map((o) => o.id));
  if (mustBeActive.some((id) => inactive.has(id))) {
    throw new AppError("VALIDATION", "inactive office", { officeIds: "admin.validation.inactiveOffice" });
  }
}
