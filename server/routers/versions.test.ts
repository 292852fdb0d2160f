/**
 * No lost updates (issue 11 item 7): offices, partner organisations and users carry a version like
 * cases; an edit made from a stale read is refused with the same STALE_VERSION conflict (and the same
 * message) as a case, and one person's successive saves, each from the version the last save
 * returned or the list reloaded, never conflict.
 */
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { AppError } from "@/lib/errors";
import { ZCreateOrganisation } from "@/lib/schemas/assistance";
import type { SessionUser } from "@/server/auth/session-user";
import { createOrganisation } from "@/server/services/organisations";
import { makeOffice } from "@/server/testing/factories";
import { callerFor, makeUser } from "@/server/testing/sessions";
import { createTestDb, destroyTestDb } from "@/server/testing/test-db";
import en from "@/lib/i18n/messages/en/errors.json";

let db: Db;
let admin: SessionUser;
let otherAdmin: SessionUser;

beforeAll(() => {
  db = createTestDb();
  admin = makeUser(db, { role: "administrator" });
  otherAdmin = makeUser(db, { role: "administrator" });
});
afterAll(() => destroyTestDb(db));

async function conflict(call: Promise<unknown>): Promise<{ trpc: string; app: string }> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCError && error.cause instanceof AppError) return { trpc: error.code, app: error.cause.code };
    throw error;
  }
  throw new Error("expected a conflict");
}

const STALE = { trpc: "CONFLICT", app: "STALE_VERSION" };

describe("optimistic locking", () => {
  it("the conflict message is not about cases only", () => {
    expect(en.STALE_VERSION).not.toMatch(/case/i);
  });

  it("refuses a stale office edit, and lets one person save twice in a row", async () => {
    const office = makeOffice(db, { countryIso2: "AT" });
    const mine = callerFor(db, admin);
    const read = (await mine.offices.list({})).find((o) => o.id === office.id)!;
    expect(read.version).toBe(1);
    // Someone else saves first...
    await callerFor(db, otherAdmin).offices.update({ id: office.id, version: read.version, name: "Renamed elsewhere", countryIso2: "AT", active: true });
    // ...so the edit from the old read is refused and changes nothing.
    expect(await conflict(mine.offices.update({ id: office.id, version: read.version, name: "Mine", countryIso2: "KE", active: true }))).toEqual(STALE);
    const now = (await mine.offices.list({})).find((o) => o.id === office.id)!;
    expect(now).toMatchObject({ name: "Renamed elsewhere", countryIso2: "AT", version: 2 });
    // Successive saves from the returned version never conflict.
    const first = await mine.offices.update({ id: office.id, version: now.version, name: "Mine", countryIso2: "AT", active: true });
    const second = await mine.offices.update({ id: office.id, version: first.version, name: "Mine again", countryIso2: "AT", active: true });
    expect(second.version).toBe(4);
  });

  it("refuses a stale partner organisation edit", async () => {
    const office = makeOffice(db, { countryIso2: "AT" });
    const { id } = createOrganisation(db, admin, ZCreateOrganisation.parse({ name: "Synthetic Partner", type: "NGO", countryIso2: "AT", services: ["medical"], officeId: office.id }));
    const edit = { id, name: "Synthetic Partner", type: "NGO", countryIso2: "AT", services: ["medical" as const], active: true };
    const mine = callerFor(db, admin);
    const read = (await mine.organisations.list({ search: "Synthetic Partner" })).find((o) => o.id === id)!;
    const theirs = await callerFor(db, otherAdmin).organisations.update({ ...edit, version: read.version, name: "Synthetic Partner (theirs)" });
    expect(await conflict(mine.organisations.update({ ...edit, version: read.version, name: "Synthetic Partner (mine)" }))).toEqual(STALE);
    expect((await mine.organisations.list({ search: "Synthetic Partner" })).find((o) => o.id === id)).toMatchObject({ name: "Synthetic Partner (theirs)", version: theirs.version });
    const again = await mine.organisations.update({ ...edit, version: theirs.version, name: "Synthetic Partner (mine)" });
    await mine.organisations.update({ ...edit, version: again.version, name: "Synthetic Partner (mine, twice)" });
  });

  it("refuses a stale user edit", async () => {
    const office = makeOffice(db, { countryIso2: "AT" });
    const target = makeUser(db, { role: "caseworker", officeIds: [office.id] });
    const mine = callerFor(db, admin);
    const read = (await mine.users.list({ search: target.email })).rows[0]!;
    expect(read.version).toBe(1);
    const edit = { id: target.id, role: "caseworker" as const, officeIds: [office.id], regionScope: null };
    await callerFor(db, otherAdmin).users.update({ ...edit, version: read.version, name: "Synthetic Renamed Elsewhere" });
    expect(await conflict(mine.users.update({ ...edit, version: read.version, name: "Synthetic Mine" }))).toEqual(STALE);
    expect((await mine.users.list({ search: target.email })).rows[0]).toMatchObject({ name: "Synthetic Renamed Elsewhere", version: 2 });
    const first = await mine.users.update({ ...edit, version: 2, name: "Synthetic Mine" });
    const second = await mine.users.update({ ...edit, version: first.version, name: "Synthetic Mine Again" });
    expect(second.version).toBe(4);
  });
});
