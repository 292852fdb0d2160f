import "server-only";
import type { Db } from "@/db/client";
import type { SessionUser } from "@/server/auth/session-user";
import { run } from "./sql";

/** Open (not closed) case statuses. */
const OPEN = ["Active", "FollowUp"] as const;

export type Workload = {
  byStatus: { status: string; count: number }[];
  byOwner: { ownerId: number; owner: string; counts: Record<string, number>; total: number }[];
  total: number;
};

/**
 * A supervisor's workload: open cases of their offices by status and by owner, in one GROUP BY on
 * the (office_id, status) index. Staff names only; nothing about the people assisted.
 */
export function workloadFor(db: Db, user: SessionUser): Workload {
  if (user.officeIds.length === 0) return { byStatus: OPEN.map((status) => ({ status, count: 0 })), byOwner: [], total: 0 };
  const rows = run<{ status: string; ownerId: number; owner: string; n: number }>(db, {
    sql: `SELECT c.status AS status, c.owner_id AS ownerId, u.name AS owner, count(*) AS n
          FROM cases c JOIN users u ON u.id = c.owner_id
          WHERE c.office_id IN (${user.officeIds.map(() => "?").join(",")}) AND c.status IN (${OPEN.map((s) => `'${s}'`).join(",")})
          GROUP BY c.status, c.owner_id, u.name`,
    params: [...user.officeIds],
  });
  const byStatus = OPEN.map((status) => ({ status, count: rows.filter((r) => r.status === status).reduce((s, r) => s + r.n, 0) }));
  const owners = new Map<number, Workload["byOwner"][number]>();
  for (const r of rows) {
    const o = owners.get(r.ownerId) ?? { ownerId: r.ownerId, owner: r.owner, counts: {}, total: 0 };
    o.counts[r.status] = (o.counts[r.status] ?? 0) + r.n;
    o.total += r.n;
    owners.set(r.ownerId, o);
  }
  const byOwner = [...owners.values()].sort((a, b) => b.total - a.total || a.owner.localeCompare(b.owner));
  return { byStatus, byOwner, total: byStatus.reduce((s, r) => s + r.count, 0) };
}
