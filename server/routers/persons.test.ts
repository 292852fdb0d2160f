import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import type { SessionUser } from "@/server/auth/session-user";
import { makeOffice, type OfficeFixture } from "@/server/testing/factories";
import { registerTestCase } from "@/server/testing/registry-fixtures";
import { callerFor, makeUser } from "@/server/testing/sessions";
import { createTestDb, destroyTestDb } from "@/server/testing/test-db";

// Every way the vault opens a sealed value, counted, so the test can show a search decrypts nothing.
const opened = vi.hoisted(() => ({ count: 0 }));
vi.mock("@/server/crypto/vault", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/server/crypto/vault")>();
  return {
    ...actual,
    open: (...args: Parameters<typeof actual.open>) => {
      opened.count++;
      return actual.open(...args);
    },
    openBytes: (...args: Parameters<typeof actual.openBytes>) => {
      opened.count++;
      return actual.openBytes(...args);
    },
    openJson: <T,>(...args: Parameters<typeof actual.openJson<T>>) => {
      opened.count++;
      return actual.openJson<T>(...args);
    },
  };
});

/**
 * Issue 15 item 2: find a person by name through the blind index, inside the user's offices only,
 * audited as a search, nothing decrypted. Synthetic names only.
 */

const NAMES = { familyName: "Searchfamily-Ä", givenName: "Searchgiven", birthDate: "1991-02-03" };

let db: Db;
let vienna: OfficeFixture;
let kyiv: OfficeFixture;
let viennaWorker: SessionUser;
let viennaColleague: SessionUser;
let viennaSupervisor: SessionUser;
let kyivWorker: SessionUser;
let viennaCase: { caseCode: string; personCode: string };
let kyivCase: { caseCode: string; personCode: string };

beforeEach(() => {
  if (db) destroyTestDb(db);
  db = createTestDb();
  vienna = makeOffice(db, { code: "AT-VIE", name: "Vienna office", countryIso2: "AT" });
  kyiv = makeOffice(db, { code: "UA-KBP", name: "Kyiv office", countryIso2: "UA" });
  viennaWorker = makeUser(db, { role: "caseworker", officeIds: [vienna.id] });
  viennaColleague = makeUser(db, { role: "caseworker", officeIds: [vienna.id] });
  viennaSupervisor = makeUser(db, { role: "supervisor", officeIds: [vienna.id] });
  kyivWorker = makeUser(db, { role: "caseworker", officeIds: [kyiv.id] });
  const identity = { familyName: NAMES.familyName, givenName: NAMES.givenName, aliases: [], birthDate: NAMES.birthDate, documents: [], nextOfKin: [] };
  viennaCase = registerTestCase(db, viennaWorker, { identity });
  // The same names in another office: a different person there, never found from Vienna.
  kyivCase = registerTestCase(db, kyivWorker, { identity });
  opened.count = 0;
});

afterAll(() => {
  if (db) destroyTestDb(db);
});

const searchEvents = () =>
  db.$client.prepare("SELECT actor_user_id AS actor, office_id AS officeId, details FROM audit_events WHERE action = 'person.searched' ORDER BY id").all() as {
    actor: number;
    officeId: number | null;
    details: string;
  }[];

describe("persons.findByName (issue 15 item 2)", () => {
  it("finds the person of the caller's office, normalised as the duplicate check does, with codes, office and status only", async () => {
    const result = await callerFor(db, viennaWorker).persons.findByName({ familyName: "  SEARCHFAMILY a ", givenName: "searchgiven", birthDate: "1991-02-03" });
    expect(result.persons).toEqual([
      {
        personCode: viennaCase.personCode,
        match: "strong",
        registeredOfficeCode: "AT-VIE",
        registeredOfficeName: "Vienna office",
        cases: [{ code: viennaCase.caseCode, status: "Active", registeredOn: "2026-03-01", officeCode: "AT-VIE", officeName: "Vienna office", readable: true }],
      },
    ]);
    expect(JSON.stringify(result)).not.toMatch(/search(family|given)/i);
  });

  it("does not find another office's person, not even as existing elsewhere", async () => {
    const result = await callerFor(db, kyivWorker).persons.findByName(NAMES);
    expect(result.persons.map((p) => p.personCode)).toEqual([kyivCase.personCode]);
    const text = JSON.stringify(result);
    for (const secret of [viennaCase.personCode, viennaCase.caseCode, "AT-VIE", "Vienna office"]) expect(text).not.toContain(secret);
    expect(Object.keys(result)).toEqual(["persons"]);
    const stranger = makeUser(db, { role: "caseworker", officeIds: [makeOffice(db, { countryIso2: "FR" }).id] });
    expect(await callerFor(db, stranger).persons.findByName(NAMES)).toEqual({ persons: [] });
  });

  it("a colleague's case is named but not opened: readable follows the caller's case scope", async () => {
    const forColleague = await callerFor(db, viennaColleague).persons.findByName(NAMES);
    expect(forColleague.persons[0]?.cases).toEqual([expect.objectContaining({ code: viennaCase.caseCode, readable: false })]);
    const forSupervisor = await callerFor(db, viennaSupervisor).persons.findByName(NAMES);
    expect(forSupervisor.persons[0]?.cases).toEqual([expect.objectContaining({ code: viennaCase.caseCode, readable: true })]);
  });

  it("without a birth date the names alone match", async () => {
    const result = await callerFor(db, viennaWorker).persons.findByName({ familyName: NAMES.familyName, givenName: NAMES.givenName });
    expect(result.persons).toEqual([expect.objectContaining({ personCode: viennaCase.personCode, match: "names" })]);
    const other = await callerFor(db, viennaWorker).persons.findByName({ ...NAMES, birthDate: "1980-01-01" });
    expect(other.persons).toEqual([]);
  });

  it("is audited as a search with the number found and no names", async () => {
    await callerFor(db, viennaWorker).persons.findByName(NAMES);
    await callerFor(db, viennaWorker).persons.findByName({ familyName: "Nobodyfamily", givenName: "Nobodygiven" });
    const events = searchEvents();
    expect(events).toEqual([
      { actor: viennaWorker.id, officeId: vienna.id, details: JSON.stringify({ resultCount: 1, withBirthDate: true }) },
      { actor: viennaWorker.id, officeId: vienna.id, details: JSON.stringify({ resultCount: 0, withBirthDate: false }) },
    ]);
    const all = db.$client.prepare("SELECT group_concat(details, ' ') FROM audit_events").pluck().get() as string;
    expect(all).not.toMatch(/search(family|given)|nobody/i);
  });

  it("decrypts nothing", async () => {
    await callerFor(db, viennaSupervisor).persons.findByName(NAMES);
    expect(opened.count).toBe(0);
    expect(Number(db.$client.prepare("SELECT count(*) FROM audit_events WHERE action = 'identity.revealed'").pluck().get())).toBe(0);
    // The counter does see a decryption: revealing the identity on the case page opens the vault.
    await callerFor(db, viennaSupervisor).cases.revealIdentity({ code: viennaCase.caseCode });
    expect(opened.count).toBeGreaterThan(0);
  });

  it("needs both names, like the blind index", async () => {
    await expect(callerFor(db, viennaWorker).persons.findByName({ familyName: "", givenName: "Searchgiven" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(searchEvents()).toEqual([]);
  });

  it("is refused to data officers and administrators", async () => {
    for (const role of ["data_officer", "administrator"] as const) {
      await expect(callerFor(db, makeUser(db, { role, officeIds: [] })).persons.findByName(NAMES)).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });
});
