import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import type { SessionUser } from "@/lib/session-user";
import { deskFor } from "@/server/services/desk";
import { createTestDb, destroyTestDb } from "@/server/testing/test-db";
import { seedDemo } from "./demo";

let db: Db;
beforeAll(async () => {
  db = createTestDb();
  await seedDemo(db, { syntheticCases: 40 });
}, 60_000);
afterAll(() => destroyTestDb(db));

function staff(email: string): SessionUser {
  const u = db.$client.prepare("SELECT id, name, role FROM users WHERE email = ?").get(email) as { id: number; name: string; role: SessionUser["role"] };
  const officeIds = db.$client.prepare("SELECT office_id FROM user_offices WHERE user_id = ?").pluck().all(u.id) as number[];
  return { id: u.id, sessionId: "test", email, name: u.name, role: u.role, officeIds, regionScope: null };
}

describe("the demo", () => {
  it("gives the desk something to show, made through the services", () => {
    const supervisor = deskFor(db, staff("supervisor@passage.demo"));
    expect(supervisor.referrals.length).toBeGreaterThan(0);
    expect(supervisor.referrals.some((r) => r.overdue)).toBe(true);
    expect(supervisor.travel.length + supervisor.visits.length).toBeGreaterThan(0);
    expect(deskFor(db, staff("caseworker@passage.demo")).referrals.length).toBeGreaterThan(0);
    // Every demo referral went out with the person's consent to share.
    const withoutConsent = db.$client
      .prepare(
        `SELECT count(*) FROM referrals r WHERE NOT EXISTS (SELECT 1 FROM consents c WHERE c.case_id = r.case_id AND c.purpose = 'share_with_partners' AND c.decision = 'given')`,
      )
      .pluck()
      .get();
    expect(withoutConsent).toBe(0);
  });

  it("is added once: a database with offices is left alone", async () => {
    const cases = db.$client.prepare("SELECT count(*) FROM cases").pluck().get();
    expect((await seedDemo(db)).created).toBe(false);
    expect(db.$client.prepare("SELECT count(*) FROM cases").pluck().get()).toBe(cases);
  });
});
