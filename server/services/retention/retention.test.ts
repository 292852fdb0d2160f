import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { RETENTION_REMOVES } from "@/db/queries/retention";
import { auditEvents, caseNotes, identities, persons, services } from "@/db/schema";
import { caseClosures } from "@/db/schema-lifecycle";
import { ZCreateService } from "@/lib/schemas/assistance";
import type { SessionUser } from "@/server/auth/session-user";
import { addCaseNote } from "@/server/services/case-notes";
import { createService } from "@/server/services/case-services";
import { requestClosure, reviewClosure } from "@/server/services/closure";
import { recordConsent } from "@/server/services/consents";
import { findProbableDuplicates } from "@/server/services/find-probable-duplicates";
import { getFormState, submitForm } from "@/server/services/form-responses";
import { runStatsCli } from "@/server/stats/cli";
import { makeOffice } from "@/server/testing/factories";
import { registerTestCase } from "@/server/testing/registry-fixtures";
import { callerFor, makeUser } from "@/server/testing/sessions";
import { createTestDb, destroyTestDb } from "@/server/testing/test-db";
import { runRetentionCli } from "./retention-cli";
import { setRetentionPolicy } from "./retention-policy";
import { runRetention } from "./run-retention";

const YEAR_MS = 365.25 * 24 * 60 * 60_000;

const SCREENING = {
  interviewDate: "2026-03-02",
  interviewCountry: "AT",
  interviewer: "Synthetic interviewer Zyx",
  interviewLanguage: "de",
  interpreterUsed: "no",
  referralSource: "ngo",
  consentToScreening: "no",
  decision: "not_eligible",
  decisionReason: "Synthetic reason Qwv",
};

let db: Db;
let owner: SessionUser;
let supervisor: SessionUser;
let admin: SessionUser;
beforeEach(() => {
  db = createTestDb();
  const office = makeOffice(db, { countryIso2: "AT" });
  owner = makeUser(db, { role: "caseworker", officeIds: [office.id] });
  supervisor = makeUser(db, { role: "supervisor", officeIds: [office.id] });
  admin = makeUser(db, { role: "administrator" });
});
afterEach(() => destroyTestDb(db));

/** A case with an identity, a note, a screening with free text, a service note and a closure comment. */
function caseWithEverything(close: boolean, names = { familyName: "Testfamily", givenName: "Testgiven" }) {
  const { caseCode, personCode } = names.familyName === "Testfamily" ? registerTestCase(db, owner) : registerOther(names);
  addCaseNote(db, owner, caseCode, "Synthetic note Plk");
  submitForm(db, owner, { caseCode, formId: "screening", answers: SCREENING });
  for (const purpose of ["assistance", "data_processing"] as const) {
    recordConsent(db, owner, { code: caseCode, purpose, decision: "given", decidedOn: "2026-03-02" });
  }
  createService(db, owner, ZCreateService.parse({ code: caseCode, type: "medical", status: "needed", notes: "Synthetic service note" }));
  if (close) {
    const { id } = requestClosure(db, owner, { code: caseCode, reason: "assistance_completed", comment: "Synthetic closure comment" });
    reviewClosure(db, supervisor, { id, action: "approve" });
  }
  return { caseCode, personCode };
}

function registerOther(names: { familyName: string; givenName: string }) {
  return registerTestCase(db, owner, {
    identity: { ...names, aliases: [], birthDate: "1991-01-01", documents: [], nextOfKin: [] },
  });
}

const personId = (code: string) => db.select({ id: persons.id }).from(persons).where(eq(persons.code, code)).get()!.id;

async function statsJson(): Promise<string> {
  let out = "";
  await runStatsCli(db, { year: "2026", json: true }, (t) => (out += t));
  return out;
}

describe("what retention removes", () => {
  it("covers every sealed column of the schema (one definition: a new table with text must be added)", () => {
    // Read from the migrated database itself, so that a table in any schema file is seen.
    const tables = db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'").pluck().all() as string[];
    // Staff accounts' own secrets are not a person's data: they go when the account's factor is reset.
    const notAboutPersons = new Set(["user_second_factors"]);
    const missing: string[] = [];
    for (const name of tables.filter((t) => !notAboutPersons.has(t))) {
      const columns = (db.$client.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(name) as string[]).filter((c) => c.endsWith("ciphertext"));
      for (const column of columns) {
        const covered =
          column === "ciphertext"
            ? [...RETENTION_REMOVES.rows, ...RETENTION_REMOVES.sealedAnswers].some((r) => r.table === name)
            : RETENTION_REMOVES.sealedText.some((t) => t.table === name && `${t.prefix}_ciphertext` === column);
        if (!covered) missing.push(`${name}.${column}`);
      }
    }
    expect(tables.length).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });
});

describe("retention:run (issue 11 item 12)", () => {
  it("is off until an administrator sets the period", () => {
    caseWithEverything(true);
    expect(runRetention(db, { now: Date.now() + 50 * YEAR_MS })).toEqual({ status: "off" });
    expect(db.select().from(identities).all()).toHaveLength(1);
  });

  it("dry run counts what would go and changes nothing; the run removes it, keeps the statistics exact and says when", async () => {
    const closed = caseWithEverything(true);
    const open = caseWithEverything(false, { familyName: "Otherfamily", givenName: "Othergiven" });
    setRetentionPolicy(db, admin, { years: 5 });
    const later = Date.now() + 6 * YEAR_MS;
    // Not yet due: closed today, the period is five years.
    expect(runRetention(db, { dryRun: true })).toMatchObject({ status: "done", persons: 0 });

    const before = await statsJson();
    expect(before).toContain('"total"');
    const dry = runRetention(db, { dryRun: true, now: later });
    expect(dry).toMatchObject({ status: "done", dryRun: true, years: 5, persons: 1 });
    if (dry.status !== "done") throw new Error("unreachable");
    expect(dry.counts).toMatchObject({
      identities: 1,
      case_notes: 1,
      form_responses__free_text: 1,
      services__notes: 1,
      case_closures__comment: 1,
      persons__blind_index: 1,
    });
    expect(db.select().from(identities).all()).toHaveLength(2);
    expect(db.select().from(caseNotes).all()).toHaveLength(2);

    let printed = "";
    runRetentionCli(db, { dryRun: true, now: later }, (t) => (printed += t));
    expect(printed).toContain("Dry run, nothing changed. Would remove, for 1 person(s):");
    expect(printed).toMatch(/Case notes\s+1/);
    for (const secret of ["Testfamily", "Plk", "Zyx", "Synthetic"]) expect(printed).not.toContain(secret);

    const done = runRetention(db, { now: later });
    expect(done).toMatchObject({ status: "done", dryRun: false, persons: 1 });

    // The closed case's person: identity, notes, free text and name index gone.
    const closedPerson = personId(closed.personCode);
    expect(db.select().from(identities).where(eq(identities.personId, closedPerson)).all()).toEqual([]);
    const worker = callerFor(db, owner);
    await expect(worker.cases.notes({ code: closed.caseCode })).resolves.toEqual([]);
    const screening = getFormState(db, owner, closed.caseCode, "screening");
    const answers = JSON.stringify(screening);
    expect(answers).not.toContain("Zyx");
    expect(answers).not.toContain("Qwv");
    expect(answers).toContain("interviewCountry");
    const serviceRows = db.select().from(services).all();
    expect(serviceRows.filter((s) => s.notesCiphertext === null)).toHaveLength(1);
    expect(db.select().from(caseClosures).all().every((c) => c.commentCiphertext === null)).toBe(true);
    expect(findProbableDuplicates(db, owner, { familyName: "Testfamily", givenName: "Testgiven" })).toEqual({ matches: [], elsewhere: null });
    await expect(worker.cases.revealIdentity({ code: closed.caseCode })).rejects.toBeInstanceOf(TRPCError);

    // The case page says when.
    const detail = await worker.cases.get({ code: closed.caseCode });
    expect(detail.identityRemoval).toEqual({ removedAt: later, cause: "retention" });
    expect(detail.hasIdentity).toBe(false);

    // The open case's person keeps everything.
    expect((await worker.cases.revealIdentity({ code: open.caseCode })).familyName).toBe("Otherfamily");
    expect(await worker.cases.notes({ code: open.caseCode })).toHaveLength(1);

    // Statistics: the same JSON, to the byte.
    expect(await statsJson()).toBe(before);

    // Audited: one event per person and one for the run, counts only.
    const events = db.select().from(auditEvents).all();
    expect(events.filter((e) => e.action === "person.content_removed")).toEqual([
      expect.objectContaining({ entityId: closed.personCode, details: JSON.stringify({ cause: "retention" }) }),
    ]);
    const runs = events.filter((e) => e.action === "retention.run");
    expect(runs.map((e) => JSON.parse(e.details).dryRun)).toEqual([true, true, true, false]);
    expect(JSON.parse(runs.at(-1)!.details)).toMatchObject({ persons: 1, identities: 1, caseNotes: 1 });

    // Done once: a second run finds nothing.
    expect(runRetention(db, { now: later })).toMatchObject({ persons: 0 });
  });

  it("keeps a person with a case still open, even if another of their cases was closed long ago", () => {
    const { personCode } = caseWithEverything(true);
    // A second case of the same person, still open.
    registerTestCase(db, owner, { linkPersonCode: personCode });
    setRetentionPolicy(db, admin, { years: 1 });
    expect(runRetention(db, { now: Date.now() + 3 * YEAR_MS })).toMatchObject({ persons: 0 });
    expect(db.select().from(identities).all()).toHaveLength(1);
  });
});

describe("erasure on request (two people)", () => {
  it("a supervisor requests with a reason, an administrator confirms: the same removal, audited", async () => {
    const { caseCode, personCode } = caseWithEverything(false);
    const sup = callerFor(db, supervisor);
    const adm = callerFor(db, admin);
    const { id } = await sup.erasure.request({ code: caseCode, reason: "The person asked on 2026-03-05" });
    await expect(sup.erasure.request({ code: caseCode, reason: "Again" })).rejects.toSatisfy(
      (e: unknown) => e instanceof TRPCError && e.code === "PRECONDITION_FAILED",
    );
    expect(await sup.erasure.forCase({ code: caseCode })).toMatchObject({ request: { id, status: "pending" }, removal: null });
    // The supervisor cannot confirm; the caseworker cannot ask.
    await expect(sup.erasure.decide({ id, action: "confirm" })).rejects.toSatisfy((e: unknown) => e instanceof TRPCError && e.code === "FORBIDDEN");
    await expect(callerFor(db, owner).erasure.request({ code: caseCode, reason: "x" })).rejects.toBeInstanceOf(TRPCError);

    const queue = await adm.erasure.pending();
    expect(queue).toEqual([expect.objectContaining({ id, caseCode, requestedByName: supervisor.name, reason: "The person asked on 2026-03-05" })]);
    expect(db.select().from(identities).all()).toHaveLength(1);

    await adm.erasure.decide({ id, action: "confirm" });
    expect(db.select().from(identities).all()).toEqual([]);
    expect(await callerFor(db, owner).cases.notes({ code: caseCode })).toEqual([]);
    expect(await adm.erasure.pending()).toEqual([]);
    const status = await sup.erasure.forCase({ code: caseCode });
    expect(status).toMatchObject({ request: { id, status: "confirmed" }, removal: { cause: "erasure" } });
    // The reason was free text too.
    expect(db.$client.prepare("SELECT reason_ciphertext FROM erasure_requests").pluck().get()).toBeNull();
    await expect(adm.erasure.decide({ id, action: "confirm" })).rejects.toSatisfy((e: unknown) => e instanceof TRPCError && e.code === "PRECONDITION_FAILED");

    const actions = db.select({ action: auditEvents.action, actor: auditEvents.actorUserId, entityId: auditEvents.entityId }).from(auditEvents).all();
    expect(actions).toEqual(
      expect.arrayContaining([
        { action: "erasure.requested", actor: supervisor.id, entityId: caseCode },
        { action: "erasure.confirmed", actor: admin.id, entityId: caseCode },
        { action: "person.content_removed", actor: admin.id, entityId: personCode },
      ]),
    );
  });

  it("a declined request removes nothing", async () => {
    const { caseCode } = caseWithEverything(false);
    const { id } = await callerFor(db, supervisor).erasure.request({ code: caseCode, reason: "Synthetic" });
    await callerFor(db, admin).erasure.decide({ id, action: "decline" });
    expect(db.select().from(identities).all()).toHaveLength(1);
    expect(db.select().from(auditEvents).where(eq(auditEvents.action, "erasure.declined")).all()).toHaveLength(1);
  });

  it("a supervisor of another office cannot ask", async () => {
    const { caseCode } = caseWithEverything(false);
    const other = makeUser(db, { role: "supervisor", officeIds: [makeOffice(db).id] });
    await expect(callerFor(db, other).erasure.request({ code: caseCode, reason: "Synthetic" })).rejects.toSatisfy(
      (e: unknown) => e instanceof TRPCError && e.code === "NOT_FOUND",
    );
  });
});
