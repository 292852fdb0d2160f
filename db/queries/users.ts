import "server-only";
import { and, asc, desc, eq, exists, inArray, isNull, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { scopeOf, type Role } from "@/lib/permissions";
import type { SessionUser } from "@/server/auth/session-user";
import { authSessions, offices, userOffices, users } from "../schema";

/**
 * Staff accounts. Every select names its columns: the password hash never leaves this module
 * except through `passwordHash`-free shapes.
 */

/** Users `viewer` may see: all (administrators) or those sharing one of the viewer's offices. */
export function userScopeWhere(db: Db, viewer: SessionUser): SQL {
  const scope = scopeOf(viewer.role, "user:manage") === "all" ? "all" : scopeOf(viewer.role, "user:read");
  if (scope === "all") return sql`1`;
  if (scope === null || viewer.officeIds.length === 0) return sql`0`;
  return exists(
    db
      .select({ one: sql`1` })
      .from(userOffices)
      .where(and(eq(userOffices.userId, users.id), inArray(userOffices.officeId, viewer.officeIds))),
  );
}

export type UserListFilters = {
  scope: SQL;
  role?: Role;
  officeId?: number;
  active?: boolean;
  search?: string;
  sort: "name" | "email" | "role" | "lastLogin" | "created";
  direction: "asc" | "desc";
  limit: number;
};

const SORT_COLUMN = {
  name: users.name,
  email: users.email,
  role: users.role,
  lastLogin: users.lastLoginAt,
  created: users.createdAt,
} as const;

/** `%`, `_` and the escape character itself match literally. */
function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export const USER_COLUMNS = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  active: users.active,
  failedLogins: users.failedLogins,
  lockedUntil: users.lockedUntil,
  regionScope: users.regionScope,
  lastLoginAt: users.lastLoginAt,
  createdAt: users.createdAt,
  /** Whether the user has enrolled a second factor (the secret itself never leaves db/queries/second-factor.ts). */
  secondFactor: sql<boolean>`exists(select 1 from user_second_factors f where f.user_id = ${users.id} and f.enrolled_at is not null)`.mapWith(Boolean),
} as const;

export function listUsers(db: Db, f: UserListFilters) {
  const conditions: SQL[] = [f.scope];
  if (f.role) conditions.push(eq(users.role, f.role));
  if (f.active !== undefined) conditions.push(eq(users.active, f.active));
  if (f.officeId) {
    conditions.push(
      exists(
        db
          .select({ one: sql`1` })
          .from(userOffices)
          .where(and(eq(userOffices.userId, users.id), eq(userOffices.officeId, f.officeId))),
      ),
    );
  }
  if (f.search) {
    const pattern = containsPattern(f.search);
    conditions.push(
      sql`(lower(${users.name}) LIKE ${pattern} ESCAPE '\\' OR ${users.email} LIKE ${pattern} ESCAPE '\\')`,
    );
  }
  const order = f.direction === "asc" ? asc : desc;
  return db
    .select(USER_COLUMNS)
    .from(users)
    .where(and(...conditions))
    .orderBy(order(SORT_COLUMN[f.sort]), order(users.id))
    .limit(f.limit)
    .all();
}

/** The offices of each of `userIds`. */
export function officesOfUsers(db: Db, userIds: number[]) {
  if (userIds.length === 0) return [];
  return db
    .select({ userId: userOffices.userId, id: offices.id, code: offices.code, name: offices.name })
    .from(userOffices)
    .innerJoin(offices, eq(offices.id, userOffices.officeId))
    .where(inArray(userOffices.userId, userIds))
    .orderBy(asc(offices.code))
    .all();
}

export function findUser(db: Db, id: number) {
  return db.select(USER_COLUMNS).from(users).where(eq(users.id, id)).get();
}

export function officeIdsOfUser(db: Db, userId: number): number[] {
  return db
    .select({ officeId: userOffices.officeId })
    .from(userOffices)
    .where(eq(userOffices.userId, userId))
    .orderBy(asc(userOffices.officeId))
    .all()
    .map((r) => r.officeId);
}

export function emailTaken(db: Db, email: string): boolean {
  return db.select({ id: users.id }).from(users).where(eq(users.email, email)).get() !== undefined;
}

/** Replaces a user's office memberships. */
export function setUserOffices(tx: Db, userId: number, officeIds: number[]): void {
  tx.delete(userOffices).where(eq(userOffices.userId, userId)).run();
  if (officeIds.length > 0) {
    tx.insert(userOffices)
      .values(officeIds.map((officeId) => ({ userId, officeId })))
      .run();
  }
}

/** Ends every live session of a user; returns how many were live. */
export function revokeUserSessions(tx: Db, userId: number, now: number): number {
  return tx
    .update(authSessions)
    .set({ revokedAt: now })
    .where(and(eq(authSessions.userId, userId), isNull(authSessions.revokedAt)))
    .run().changes;
}

export function updateUserRow(tx: Db, id: number, values: Partial<typeof users.$inferInsert>): number {
  return tx.update(users).set(values).where(eq(users.id, id)).run().changes;
}
