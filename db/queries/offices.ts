import "server-only";
import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { scopeOf } from "@/lib/permissions";
import type { SessionUser } from "@/lib/session-user";
import { offices, userOffices } from "../schema";
import { updateAtVersion } from "./versioned";

/** Offices `viewer` may list: all with `office:read:all`, otherwise the viewer's own offices. */
export function officeScopeWhere(viewer: SessionUser): SQL {
  if (scopeOf(viewer.role, "office:read") === "all") return sql`1`;
  if (viewer.officeIds.length === 0) return sql`0`;
  return inArray(offices.id, viewer.officeIds);
}

export const OFFICE_COLUMNS = {
  id: offices.id,
  code: offices.code,
  name: offices.name,
  countryIso2: offices.countryIso2,
  region: offices.region,
  active: offices.active,
  version: offices.version,
  createdAt: offices.createdAt,
} as const;

export function listOffices(db: Db, f: { scope: SQL; active?: boolean }) {
  const conditions: SQL[] = [f.scope];
  if (f.active !== undefined) conditions.push(eq(offices.active, f.active));
  return db
    .select({ ...OFFICE_COLUMNS, userCount: db.$count(userOffices, eq(userOffices.officeId, offices.id)) })
    .from(offices)
    .where(and(...conditions))
    .orderBy(asc(offices.code))
    .all();
}

export function findOffice(db: Db, id: number) {
  return db.select(OFFICE_COLUMNS).from(offices).where(eq(offices.id, id)).get();
}

export function officeCodeTaken(db: Db, code: string): boolean {
  return db.select({ id: offices.id }).from(offices).where(eq(offices.code, code)).get() !== undefined;
}

/** How many of `ids` name existing offices. */
export function countOffices(db: Db, ids: number[]): number {
  if (ids.length === 0) return 0;
  return db.select({ id: offices.id }).from(offices).where(inArray(offices.id, ids)).all().length;
}

/** Writes an office edit made at `version`; STALE_VERSION if someone saved in between. */
export function updateOfficeRow(tx: Db, id: number, version: number, values: Partial<typeof offices.$inferInsert>): number {
  return updateAtVersion(tx, offices, id, version, values);
}
