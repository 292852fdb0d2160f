import { TRPCError } from "@trpc/server";
import { desc } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { SessionUser } from "@/server/auth/session-user";
import { makeOffice, type OfficeFixture } from "@/server/testing/factories";
import { callerFor, makeUser } from "@/server/testing/sessions";
import { createTestDb, destroyTestDb } from "@/server/testing/test-db";

let db: Db;
let officeA: OfficeFixture;
let officeB: OfficeFixture;
let admin: SessionUser;

beforeAll(() => {
  db = createTestDb();
  officeA = makeOffice(db, { countryIso2: "AT" });
  officeB = makeOffice(db, { countryIso2: "TH" });
  admin = makeUser(db, { role: "administrator" });
});
afterAll(() => destroyTestDb(db));

async function failure(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCError) return error.cause instanceof AppError ? error.cause.code : error.code;
    throw error;
  }
  throw new Error("expected the call to fail");
}

const lastAudit = () => db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1).get();

describe("offices.create and offices.update", () => {
  it("creates an office with the region of its country, audited", async () => {
    const api = callerFor(db, admin);
    const created = await api.offices.create({ code: "ar-bue", name: "Synthetic Buenos Aires", countryIso2: "ar" });
    expect(created).toMatchObject({ code: "AR-BUE", region: "south_america" });
    expect(lastAudit()).toMatchObject({
      action: "office.created",
      actorUserId: admin.id,
      entityId: "AR-BUE",
      officeId: created.id,
    });
  });

  it("refuses a duplicate code with CONFLICT and an unknown country", async () => {
    const api = callerFor(db, admin);
    await api.offices.create({ code: "DUP-1", name: "First", countryIso2: "AT" });
    expect(await failure(api.offices.create({ code: "dup-1", name: "Second", countryIso2: "AT" }))).toBe("CONFLICT");
    expect(await failure(api.offices.create({ code: "ZZ-1", name: "Nowhere", countryIso2: "ZZ" }))).toBe("BAD_REQUEST");
  });

  it("recomputes the region when the country changes, and deactivates", async () => {
    const api = callerFor(db, admin);
    const office = makeOffice(db, { countryIso2: "AT" });
    const result = await api.offices.update({ id: office.id, version: 1, name: "Renamed office", countryIso2: "KE", active: false });
    expect(result.changed).toEqual(["name", "country", "region", "active"]);
    expect(result.region).toBe("east_and_southern_africa");
    const listed = (await api.offices.list({})).find((o) => o.id === office.id);
    expect(listed).toMatchObject({ name: "Renamed office", countryIso2: "KE", region: "east_and_southern_africa", active: false });
    expect(lastAudit()).toMatchObject({ action: "office.updated", entityId: office.code, officeId: office.id });
    expect((await api.offices.list({ active: true })).some((o) => o.id === office.id)).toBe(false);
  });

  it("answers NOT_FOUND for an unknown office", async () => {
    expect(
      await failure(callerFor(db, admin).offices.update({ id: 424_242, version: 1, name: "X", countryIso2: "AT", active: true })),
    ).toBe("NOT_FOUND");
  });

  for (const role of ["caseworker", "supervisor", "data_officer"] as const) {
    it(`${role}: FORBIDDEN on create and update`, async () => {
      const api = callerFor(db, makeUser(db, { role, officeIds: role === "data_officer" ? [] : [officeA.id] }));
      expect(await failure(api.offices.create({ code: "NO-1", name: "No", countryIso2: "AT" }))).toBe("FORBIDDEN");
      expect(
        await failure(api.offices.update({ id: officeA.id, version: 1, name: "No", countryIso2: "AT", active: true })),
      ).toBe("FORBIDDEN");
    });
  }
});

describe("offices.list", () => {
  it("lists every office for administrators and data officers", async () => {
    const dataOfficer = makeUser(db, { role: "data_officer" });
    for (const user of [admin, dataOfficer]) {
      const ids = (await callerFor(db, user).offices.list({})).map((o) => o.id);
      expect(ids).toEqual(expect.arrayContaining([officeA.id, officeB.id]));
    }
  });

  it("lists only their own offices for caseworkers and supervisors", async () => {
    const cw = makeUser(db, { role: "caseworker", officeIds: [officeA.id] });
    const sup = makeUser(db, { role: "supervisor", officeIds: [officeB.id] });
    expect((await callerFor(db, cw).offices.list({})).map((o) => o.id)).toEqual([officeA.id]);
    expect((await callerFor(db, sup).offices.list({})).map((o) => o.id)).toEqual([officeB.id]);
  });

  it("refuses a signed-out caller", async () => {
    expect(await failure(callerFor(db, null).offices.list({}))).toBe("UNAUTHENTICATED");
  });
});
