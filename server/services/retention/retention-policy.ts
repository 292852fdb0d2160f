import "server-only";
import { eq } from "drizzle-orm";
import { writeTransaction, type Db } from "@/db/client";
import { countRemovable, personsDueForRetention, type RemovalCounts } from "@/db/queries/retention";
import { users } from "@/db/schema";
import { retentionSettings } from "@/db/schema-lifecycle";
import type { TRetentionPolicy } from "@/lib/schemas/retention";
import { recordAudit } from "@/server/audit/record";
import type { SessionUser } from "@/server/auth/session-user";

/**
 * The retention period lives in the database (decision 0026): an administrator sets it in the
 * application (audited), and the scheduled `retention:run` and the page read the same row. Off
 * (null) until set.
 */
export function getRetentionPolicy(db: Db) {
  const row = db
    .select({ years: retentionSettings.years, updatedAt: retentionSettings.updatedAt, updatedByName: users.name })
    .from(retentionSettings)
    .leftJoin(users, eq(users.id, retentionSettings.updatedBy))
    .where(eq(retentionSettings.id, 1))
    .get();
  return { years: row?.years ?? null, updatedAt: row?.updatedAt ?? null, updatedByName: row?.updatedByName ?? null };
}

export function setRetentionPolicy(db: Db, user: SessionUser, input: TRetentionPolicy, ip: string | null = null) {
  return writeTransaction(db, (tx) => {
    const previous = getRetentionPolicy(tx).years;
    const now = Date.now();
    tx.insert(retentionSettings)
      .values({ id: 1, years: input.years, updatedBy: user.id, updatedAt: now })
      .onConflictDoUpdate({ target: retentionSettings.id, set: { years: input.years, updatedBy: user.id, updatedAt: now } })
      .run();
    recordAudit(tx, { action: "retention.policy_set", actorUserId: user.id, ip, details: { years: input.years, previous } });
    return { years: input.years };
  });
}

/** The instant before which a case must have been closed to be due, for `years` at `now`. */
export function retentionCutoff(years: number, now: number): number {
  const d = new Date(now);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d.getTime();
}

/** What the retention period would remove now: persons and counts only, never content. */
export function previewRetention(db: Db, now: number = Date.now()) {
  const policy = getRetentionPolicy(db);
  const none: RemovalCounts = {};
  if (policy.years === null) return { ...policy, cutoff: null, persons: 0, counts: none };
  const cutoff = retentionCutoff(policy.years, now);
  const due = personsDueForRetention(db, cutoff);
  return { ...policy, cutoff, persons: due.length, counts: countRemovable(db, due) };
}
