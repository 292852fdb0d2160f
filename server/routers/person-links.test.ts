import { TRPCError } from "@trpc/server";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import type { SessionUser } from "@/server/auth/session-user";
import { computeAll } from "@/server/stats/compute";
import { makeOffice, type OfficeFixture } from "@/server/testing/factories";
import { registrationInput, registerTestCase } from "@/server/testing/registry-fixtures";
import { callerFor, makeUser } from "@/server/testing/sessions";
import { createTestDb, destroyTestDb } from "@/server/testing/test-db";

/**
 * Issue 11 item 2, the attack as the issue describes it: a caseworker of Kyiv asks for probable
 * duplicates with a name only, registers a case with linkPersonCode set to the Vienna person, and
 * reveals the identity of the new case. None of it may reach the Vienna person; linking across
 * offices is a request that a supervisor of Vienna accepts or declines. Synthetic data only.
 */

async function rejectsWith(promise: Promise<unknown>, code: TRPCError["code"]) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  expect((error as TRPCError).code).toBe(code);
}

const VIENNA_IDENTITY = {
  familyName: "Viennafamily",
  givenName: "Viennagiven",
  aliases: ["Viennaalias"],
  birthDate: "1990-04-12",
  placeOfBirth: "Synthetic town",
  documents: [{ type: "passport" as const, number: "VIE000042", issuingCountry: "UA" }],
  phone: "+43 000 4242",
  address: "Synthetic lane 42",
  nextOfKin: [{ name: "Viennakin", relationship: "sibling", phone: "+380004242" }],
};
const VIENNA_SECRETS = /Viennaalias|VIE000042|4242|Synthetic lane|Viennakin|Synthetic town/;

/** What the Kyiv caseworker types: the same names and birth date, their own other details. */
const KYIV_TYPED = {
  familyName: "viennafamily",
  givenName: "VIENNAGIVEN",
  aliases: [],
  birthDate: "1990-04-12",
  documents: [],
  phone: "+380 111 1111",
  nextOfKin: [],
};

let db: Db;
let vienna: OfficeFixture;
let kyiv: OfficeFixture;
let viennaWorker: SessionUser;
let viennaSupervisor: SessionUser;
let kyivWorker: SessionUser;
let kyivSupervisor: SessionUser;
let viennaCase: { caseCode: string; personCode: string };

beforeEach(() => {
  if (db) destroyTestDb(db);
  db = createTestDb();
  vienna = makeOffice(db, { code: "AT-VIE", name: "Vienna office", countryIso2: "AT" });
  kyiv = makeOffice(db, { code: "UA-KBP", name: "Kyiv office", countryIso2: "UA" });
  viennaWorker = makeUser(db, { role: "caseworker", officeIds: [vienna.id] });
  viennaSupervisor = makeUser(db, { role: "supervisor", officeIds: [vienna.id] });
  kyivWorker = makeUser(db, { role: "caseworker", officeIds: [kyiv.id] });
  kyivSupervisor = makeUser(db, { role: "supervisor", officeIds: [kyiv.id] });
  viennaCase = registerTestCase(db, viennaWorker, { identity: VIENNA_IDENTITY });
});

const kyivApi = () => callerFor(db, kyivWorker);
const count = (sql: string) => Number(db.$client.prepare(sql).pluck().get());

/** Registers the Kyiv case asking Vienna to link it. */
async function kyivAsks() {
  const registered = await kyivApi().cases.register({ ...registrationInput(kyivWorker, { identity: KYIV_TYPED }), requestLink: true });
  return { ...registered, requestId: registered.linkRequestId! };
}

describe("the Kyiv caseworker and the Vienna person (issue 11 item 2)", () => {
  it("a name-only probable-duplicate query learns only that a match exists elsewhere: no code, no office, no case", async () => {
    const result = await kyivApi().persons.probableDuplicates({ familyName: "Viennafamily", givenName: "Viennagiven" });
    expect(result).toEqual({ matches: [], elsewhere: { match: "names" } });
    const text = JSON.stringify(result);
    for (const secret of [viennaCase.personCode, viennaCase.caseCode, vienna.code, "Vienna office"]) expect(text).not.toContain(secret);
  });

  it("with names and birth date the match is strong, still without anything to identify it", async () => {
    const result = await kyivApi().persons.probableDuplicates({ familyName: "Viennafamily", givenName: "Viennagiven", birthDate: "1990-04-12" });
    expect(result).toEqual({ matches: [], elsewhere: { match: "strong" } });
  });

  it("register with linkPersonCode of the Vienna person is NOT_FOUND and creates nothing", async () => {
    const before = count("SELECT count(*) FROM cases");
    await rejectsWith(kyivApi().cases.register({ ...registrationInput(kyivWorker, { identity: KYIV_TYPED }), linkPersonCode: viennaCase.personCode }), "NOT_FOUND");
    expect(count("SELECT count(*) FROM cases")).toBe(before);
  });

  it("until Vienna accepts, revealIdentity on the new case returns only the identity typed in Kyiv", async () => {
    const asked = await kyivAsks();
    expect(asked.linkRequestId).toEqual(expect.any(Number));
    expect(asked.personCode).not.toBe(viennaCase.personCode);
    const identity = await kyivApi().cases.revealIdentity({ code: asked.caseCode });
    expect(identity.phone).toBe("+380 111 1111");
    expect(JSON.stringify(identity)).not.toMatch(VIENNA_SECRETS);
    // The case page says a request waits, not to whom or about whom.
    const links = await kyivApi().personLinks.forCase({ code: asked.caseCode });
    expect(links).toEqual([expect.objectContaining({ status: "requested", linkedPerson: null, reason: null, canWithdraw: true })]);
    const text = JSON.stringify([links, await kyivApi().cases.get({ code: asked.caseCode })]);
    for (const secret of [viennaCase.personCode, viennaCase.caseCode, vienna.code, "Vienna office"]) expect(text).not.toContain(secret);
    // Nor does the Kyiv office's audit trail.
    const trail = JSON.stringify(await callerFor(db, kyivSupervisor).audit.list({ entity: asked.caseCode }));
    expect(trail).not.toContain(viennaCase.personCode);
    expect(trail).not.toContain(vienna.code);
  });

  it("Vienna's supervisor accepts: the case joins the Vienna person, Kyiv may reveal it, the provisional person is merged away, one person counts with two cases", async () => {
    const asked = await kyivAsks();
    const incoming = await callerFor(db, viennaSupervisor).personLinks.incoming();
    expect(incoming).toEqual([
      expect.objectContaining({ id: asked.requestId, match: "strong", fromOfficeCode: kyiv.code, person: expect.objectContaining({ code: viennaCase.personCode }), cases: [expect.objectContaining({ code: viennaCase.caseCode })] }),
    ]);
    // Nothing of the Kyiv-typed identity goes to Vienna before acceptance.
    expect(JSON.stringify(incoming)).not.toContain("+380 111 1111");
    const persons = () => computeAll(db, { yearFrom: 2026, yearTo: 2026 }, { kind: "all" }, ["assisted.by_sex", "assisted.by_programme"]);
    expect(persons()["assisted.by_sex"].total).toBe(2);

    await expect(callerFor(db, viennaSupervisor).personLinks.decide({ id: asked.requestId, action: "accept" })).resolves.toEqual({ status: "accepted" });

    const detail = await kyivApi().cases.get({ code: asked.caseCode });
    expect(detail.personCode).toBe(viennaCase.personCode);
    expect(detail.otherCases.map((c) => c.code)).toEqual([viennaCase.caseCode]);
    const identity = await kyivApi().cases.revealIdentity({ code: asked.caseCode });
    expect(identity.familyName).toBe("Viennafamily");
    expect((await kyivApi().personLinks.forCase({ code: asked.caseCode }))[0]).toMatchObject({
      status: "accepted",
      linkedPerson: { personCode: viennaCase.personCode, officeCode: vienna.code },
    });
    // The provisional person: no case, no identity, no blind index; the merge is recorded.
    expect(count(`SELECT count(*) FROM cases c JOIN persons p ON p.id = c.person_id WHERE p.code = '${asked.personCode}'`)).toBe(0);
    expect(count(`SELECT count(*) FROM identities i JOIN persons p ON p.id = i.person_id WHERE p.code = '${asked.personCode}'`)).toBe(0);
    expect(count(`SELECT count(*) FROM persons WHERE code = '${asked.personCode}' AND blind_index IS NULL AND blind_index_names IS NULL`)).toBe(1);
    expect(count("SELECT count(*) FROM person_merges")).toBe(1);
    const actions = db.$client.prepare("SELECT action || ' ' || entity_id FROM audit_events WHERE action LIKE 'person%' ORDER BY id").pluck().all();
    expect(actions).toEqual([
      `person.registered ${viennaCase.personCode}`,
      `person.registered ${asked.personCode}`,
      `person_link.requested ${asked.caseCode}`,
      `person_link.requested ${viennaCase.personCode}`,
      `person_link.accepted ${viennaCase.personCode}`,
      `person_link.accepted ${asked.caseCode}`,
      `person.merged ${asked.personCode}`,
    ]);
    // Individuals assisted: one person, two cases.
    expect(persons()["assisted.by_sex"].total).toBe(1);
    expect(persons()["assisted.by_programme"].total).toBe(2);
    // Decided once.
    await rejectsWith(callerFor(db, viennaSupervisor).personLinks.decide({ id: asked.requestId, action: "decline", reason: "Synthetic" }), "PRECONDITION_FAILED");
  });

  it("Vienna declines with a reason: Kyiv reads it and keeps its own person and identity", async () => {
    const asked = await kyivAsks();
    await callerFor(db, viennaSupervisor).personLinks.decide({ id: asked.requestId, action: "decline", reason: "Synthetic: not the same person" });
    const [link] = await kyivApi().personLinks.forCase({ code: asked.caseCode });
    expect(link).toMatchObject({ status: "declined", reason: "Synthetic: not the same person", linkedPerson: null, decidedBy: null, canWithdraw: false });
    expect((await kyivApi().cases.get({ code: asked.caseCode })).personCode).toBe(asked.personCode);
    expect(JSON.stringify(await kyivApi().cases.revealIdentity({ code: asked.caseCode }))).not.toMatch(VIENNA_SECRETS);
    expect(db.$client.serialize().toString("latin1")).not.toContain("not the same person");
  });

  it("only a supervisor of the person's office decides; the requester can withdraw", async () => {
    const asked = await kyivAsks();
    await rejectsWith(callerFor(db, kyivSupervisor).personLinks.decide({ id: asked.requestId, action: "accept" }), "NOT_FOUND");
    await rejectsWith(callerFor(db, viennaWorker).personLinks.decide({ id: asked.requestId, action: "accept" }), "FORBIDDEN");
    expect(await callerFor(db, kyivSupervisor).personLinks.incoming()).toEqual([]);
    await rejectsWith(callerFor(db, viennaSupervisor).personLinks.withdraw({ id: asked.requestId }), "NOT_FOUND");
    await expect(kyivApi().personLinks.withdraw({ id: asked.requestId })).resolves.toEqual({ status: "withdrawn" });
    expect(await callerFor(db, viennaSupervisor).personLinks.incoming()).toEqual([]);
    await rejectsWith(callerFor(db, viennaSupervisor).personLinks.decide({ id: asked.requestId, action: "accept" }), "PRECONDITION_FAILED");
  });

  it("asking without a match elsewhere is refused with a field message", async () => {
    const error = await kyivApi()
      .cases.register({ ...registrationInput(kyivWorker, { identity: { ...KYIV_TYPED, familyName: "Nomatchfamily" } }), requestLink: true })
      .then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect(JSON.stringify(error)).toContain("personLinks.errors.noMatchElsewhere");
  });
});

describe("inside one office", () => {
  it("a probable duplicate of the user's office comes with code and office, and links directly as before", async () => {
    const colleague = makeUser(db, { role: "caseworker", officeIds: [vienna.id] });
    const api = callerFor(db, colleague);
    const result = await api.persons.probableDuplicates({ familyName: " viennafamíly ", givenName: "VIENNAGIVEN", birthDate: "1990-04-12" });
    expect(result).toEqual({ matches: [{ personCode: viennaCase.personCode, officeCode: vienna.code, officeName: "Vienna office", match: "strong", caseCount: 1 }], elsewhere: null });
    const linked = await api.cases.register({ ...registrationInput(colleague), linkPersonCode: viennaCase.personCode });
    expect(linked).toMatchObject({ personCode: viennaCase.personCode, linkRequestId: null });
    expect((await api.cases.revealIdentity({ code: linked.caseCode })).familyName).toBe("Viennafamily");
  });

  it("a person received by transfer counts as the receiving office's own", async () => {
    const { requestTransfer, decideTransfer } = await import("@/server/services/transfers");
    const { id } = requestTransfer(db, viennaWorker, { code: viennaCase.caseCode, toOfficeId: kyiv.id });
    decideTransfer(db, kyivSupervisor, { id, action: "accept" });
    const result = await kyivApi().persons.probableDuplicates({ familyName: "Viennafamily", givenName: "Viennagiven", birthDate: "1990-04-12" });
    expect(result.matches.map((m) => m.personCode)).toEqual([viennaCase.personCode]);
    expect(result.elsewhere).toBeNull();
  });
});
