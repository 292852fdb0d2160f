import "server-only";
import { and, asc, desc, eq, exists, inArray, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { scopeOf, type Role } from "@/lib/permissions";
import type { SessionUser } from "@/lib/session-user";
import { accountSetupTokens, authSessions, offices, userOffices, users } from "../schema";

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
  version: users.version,
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

/** The offices of each of `userIds`, and whether each membership is confirmed (decision 0020). */
export function officesOfUsers(db: Db, userIds: number[]) {
  if (userIds.length === 0) return [];
  return db
    .select({
      userId: userOffices.userId,
      id: offices.id,
      code: offices.code,
      name: offices.name,
      confirmed: sql<boolean>`${userOffices.confirmedAt} is not null`.mapWith(Boolean),
    })
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

/**
 * The offices whose cases a user may reach: confirmed memberships only (decision 0020). The session
 * resolver puts these, and only these, in `SessionUser.officeIds`, which every office scope reads.
 */
export function confirmedOfficeIdsOfUser(db: Db, userId: number): number[] {
  return db
    .select({ officeId: userOffices.officeId })
    .from(userOffices)
    .where(and(eq(userOffices.userId, userId), isNotNull(userOffices.confirmedAt)))
    .orderBy(asc(userOffices.officeId))
    .all()
    .map((r) => r.officeId);
}

export type MembershipGrant = { requestedBy: number | null; now: number; confirmed: boolean };

/**
 * Makes a user's office memberships exactly `officeIds`: removed offices go, memberships kept stay
 * as they are (confirmed or waiting), and new ones are requests waiting for a supervisor of the
 * office, unless `grant.confirmed` (the operator's CLI and the demo seed). Returns the added ids.
 */
export function setUserOffices(tx: Db, userId: number, officeIds: number[], grant: MembershipGrant): number[] {
  const current = officeIdsOfUser(tx, userId);
  const removed = current.filter((id) => !officeIds.includes(id));
  const added = officeIds.filter((id) => !current.includes(id));
  if (removed.length > 0) {
    tx.delete(userOffices)
      .where(and(eq(userOffices.userId, userId), inArray(userOffices.officeId, removed)))
      .run();
  }
  if (added.length > 0) {
    tx.insert(userOffices)
      .values(
        added.map((officeId) => ({
          userId,
          officeId,
          requestedAt: grant.now,
          requestedBy: grant.requestedBy,
          confirmedAt: grant.confirmed ? grant.now : null,
        })),
      )
      .run();
  }
  return added;
}

/** Puts every confirmed membership of a user back to waiting (a credential reset or a promotion to
 * supervisor by an administrator); returns the offices concerned. */
export function suspendMemberships(tx: Db, userId: number, requestedBy: number | null, now: number): number[] {
  return tx
    .update(userOffices)
    .set({ confirmedAt: null, confirmedBy: null, requestedAt: now, requestedBy })
    .where(and(eq(userOffices.userId, userId), isNotNull(userOffices.confirmedAt)))
    .returning({ officeId: userOffices.officeId })
    .all()
    .map((r) => r.officeId)
    .sort((a, b) => a - b);
}

/** Confirms a waiting membership; false if there is none (already decided, or never requested). */
export function confirmMembership(tx: Db, userId: number, officeId: number, confirmedBy: number | null, now: number): boolean {
  return (
    tx
      .update(userOffices)
      .set({ confirmedAt: now, confirmedBy })
      .where(and(eq(userOffices.userId, userId), eq(userOffices.officeId, officeId), isNull(userOffices.confirmedAt)))
      .run().changes === 1
  );
}

/** Removes a waiting membership (declined); false if there is none. */
export function deletePendingMembership(tx: Db, userId: number, officeId: number): boolean {
  return (
    tx
      .delete(userOffices)
      .where(and(eq(userOffices.userId, userId), eq(userOffices.officeId, officeId), isNull(userOffices.confirmedAt)))
      .run().changes === 1
  );
}

/** Waiting memberships in `officeIds` (oldest first) with who asked and whether the account is set up. */
export function pendingMemberships(db: Db, officeIds: number[]) {
  return db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      active: users.active,
      officeId: offices.id,
      officeCode: offices.code,
      officeName: offices.name,
      requestedAt: userOffices.requestedAt,
      requestedByName: sql<string | null>`(select r.name from ${users} r where r.id = ${userOffices.requestedBy})`,
      // The user has chosen their own password: no set-up link of theirs is waiting to be redeemed.
      setUp: sql<boolean>`not exists (select 1 from ${accountSetupTokens} where ${accountSetupTokens.userId} = ${users.id} and ${accountSetupTokens.usedAt} is null)`.mapWith(Boolean),
    })
    .from(userOffices)
    .innerJoin(users, eq(users.id, userOffices.userId))
    .innerJoin(offices, eq(offices.id, userOffices.officeId))
    .where(and(officeIds.length ? inArray(userOffices.officeId, officeIds) : sql`0`, isNull(userOffices.confirmedAt)))
    .orderBy(asc(userOffices.requestedAt), asc(users.id))
    .all();
}

/** Finds an office's pending membership for the CLI: by email and office code. */
export function membershipByEmailAndOffice(db: Db, email: string, officeCode: string) {
  return db
    .select({ userId: users.id, officeId: offices.id, confirmedAt: userOffices.confirmedAt })
    .from(userOffices)
    .innerJoin(users, eq(users.id, userOffices.userId))
    .innerJoin(offices, eq(offices.id, userOffices.officeId))
    .where(and(eq(users.email, email), eq(offices.code, officeCode)))
    .get();
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
