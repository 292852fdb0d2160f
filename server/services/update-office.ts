import "server-only";
import { writeTransaction, type Db } from "@/db/client";
import { findOffice, updateOfficeRow } from "@/db/queries/offices";
import { assertVersion } from "@/db/queries/versioned";
import { AppError } from "@/lib/errors";
import { regionOfCountry } from "@/lib/reference/countries";
import type { TUpdateOffice } from "@/lib/schemas/admin";
import { recordAudit } from "@/server/audit/record";
import type { SessionUser } from "@/server/auth/session-user";

/**
 * Renames an office, moves it to another country (its statistical region is recomputed) or
 * (de)activates it. Its code never changes. Cases keep their office; statistics read the office's
 * current region. The edit names the version it read (a stale one is refused, as for cases).
 */
export function updateOffice(db: Db, actor: SessionUser, input: TUpdateOffice, ip: string | null = null) {
  return writeTransaction(db, (tx) => {
    const current = findOffice(tx, input.id);
    if (!current) throw new AppError("NOT_FOUND");
    assertVersion(current.version, input.version);
    const region = regionOfCountry(input.countryIso2);
    const changed = [
      ...(input.name !== current.name ? ["name"] : []),
      ...(input.countryIso2 !== current.countryIso2 ? ["country"] : []),
      ...(region !== current.region ? ["region"] : []),
      ...(input.active !== current.active ? ["active"] : []),
    ];
    if (changed.length === 0) return { id: input.id, code: current.code, region, changed, version: current.version };
    const version = updateOfficeRow(tx, input.id, input.version, { name: input.name, countryIso2: input.countryIso2, region, active: input.active });
    recordAudit(tx, {
      action: "office.updated",
      actorUserId: actor.id,
      entityType: "office",
      entityId: current.code,
      officeId: input.id,
      ip,
      details: { changed, country: input.countryIso2, region, active: input.active },
    });
    return { id: input.id, code: current.code, region, changed, version };
  });
}
