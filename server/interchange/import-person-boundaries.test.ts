import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { renderMessage, type RowError } from "@/lib/interchange/format";
import messages from "@/lib/i18n/messages/en/interchange.json";
import type { SessionUser } from "@/server/auth/session-user";
import { revealIdentity } from "@/server/services/reveal-identity";
import { makeOffice } from "@/server/testing/factories";
import { registerTestCase } from "@/server/testing/registry-fixtures";
import { makeUser } from "@/server/testing/sessions";
import { createTestDb, destroyTestDb } from "@/server/testing/test-db";
import { importCases, type ImportActor, type ImportOutcome } from "./import-cases";

/**
 * Issue 11 item 2: an import naming another office's person (ext_ExternalPersonId set to its code or
 * external id, or names and birth date matching its blind index) must not join that person across
 * offices. The row becomes a new person of its own office, with a warning; the Kyiv case reveals only
 * the identity of its own row, never the Vienna person's. Synthetic data only.
 */

const catalogue = messages.errors as Record<string, string>;
const english = (e: RowError) => renderMessage(catalogue, e.message);

let dir: string;
let db: Db;
let caseworkerVienna: SessionUser;
let supervisorKyiv: SessionUser;

const COLUMNS = ["ext_ExternalCaseId", "ext_OfficeCode", "ext_RegistrationDate", "prs_Gender", "prs_Citizenship", "ext_Programme", "ext_ExternalPersonId", "prs_FirstName", "prs_SecondName", "prs_Birthdate"];
const csv = (rows: readonly (readonly string[])[]) => [COLUMNS, ...rows].map((r) => r.join(",")).join("\r\n") + "\r\n";

function file(name: string, content: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}

const asUser = (user: SessionUser): ImportActor => ({ kind: "user", user });

/** The Vienna person, with the synthetic identity of the registry fixtures (Testfamily Testgiven, 1990-04-12). */
function viennaPerson() {
  return registerTestCase(db, caseworkerVienna);
}

function personCodeOfKyivCase(externalCaseId: string): string {
  return db.$client
    .prepare("SELECT p.code FROM cases c JOIN persons p ON p.id = c.person_id JOIN offices o ON o.id = c.office_id WHERE c.external_id = ? AND o.code = 'UA-KBP'")
    .pluck()
    .get(externalCaseId) as string;
}

function caseCodeOf(externalCaseId: string): string {
  return db.$client.prepare("SELECT code FROM cases WHERE external_id = ?").pluck().get(externalCaseId) as string;
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "passage-import-boundary-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeEach(() => {
  if (db) destroyTestDb(db);
  db = createTestDb();
  const vienna = makeOffice(db, { code: "AT-VIE", countryIso2: "AT" });
  const kyiv = makeOffice(db, { code: "UA-KBP", countryIso2: "UA" });
  caseworkerVienna = makeUser(db, { role: "caseworker", officeIds: [vienna.id] });
  supervisorKyiv = makeUser(db, { role: "supervisor", officeIds: [kyiv.id] });
});
afterAll(() => destroyTestDb(db));

describe("import: ext_ExternalPersonId of another office's person", () => {
  it("does not link a Kyiv row to the Vienna person named by its code; the row is a new person, with a row message", async () => {
    const vienna = viennaPerson();
    const content = csv([["K-1", "UA-KBP", "2026-03-05", "Feminine", "UA", "avrr", vienna.personCode, "Importgiven", "Importfamily", ""]]);
    const outcome = await importCases(db, file("code.csv", content), { actor: asUser(supervisorKyiv) });
    expect(outcome.committed).toBe(true);
    const { result, report } = outcome as Extract<ImportOutcome, { committed: true }>;
    expect(result).toMatchObject({ cases: 1, persons: 1, existingPersons: 0, probableDuplicates: 0 });
    expect(report.warnings).toHaveLength(1);
    expect(report.warnings[0]).toMatchObject({ row: 2, column: "ext_ExternalPersonId" });
    expect(english(report.warnings[0]!)).toContain("registered by another office");
    expect(english(report.warnings[0]!)).not.toContain(vienna.personCode);

    expect(personCodeOfKyivCase("K-1")).not.toBe(vienna.personCode);
    const identity = revealIdentity(db, supervisorKyiv, caseCodeOf("K-1"));
    expect(identity.familyName).toBe("Importfamily");
    expect(JSON.stringify(identity)).not.toMatch(/Testfamily|TST000001|Testkin|Synthetic street/);
  });

  it("does not link through the blind index to another office's person, and rows of the file naming the same id stay one person", async () => {
    viennaPerson();
    const content = csv([
      ["K-2", "UA-KBP", "2026-03-05", "Feminine", "UA", "avrr", "SRC-7", "Testgiven", "Testfamily", "1990-04-12"],
      ["K-3", "UA-KBP", "2026-04-05", "Feminine", "UA", "avrr", "SRC-7", "", "", ""],
    ]);
    const outcome = await importCases(db, file("blind.csv", content), { actor: asUser(supervisorKyiv) });
    expect(outcome.committed).toBe(true);
    const { result, report } = outcome as Extract<ImportOutcome, { committed: true }>;
    expect(report.probableDuplicates).toEqual([]);
    expect(result).toMatchObject({ cases: 2, persons: 1, probableDuplicates: 0 });
    const kyivPerson = personCodeOfKyivCase("K-2");
    expect(personCodeOfKyivCase("K-3")).toBe(kyivPerson);
    expect(db.$client.prepare("SELECT count(DISTINCT person_id) FROM cases").pluck().get()).toBe(2);
  });

  it("an external id taken by another office's person gives a new person (the id stays the other person's), for every row naming it", async () => {
    // Vienna imports a person with the external id SRC-1; Kyiv's file uses the same id.
    const viennaSupervisor = makeUser(db, { role: "supervisor", officeIds: [caseworkerVienna.officeIds[0]!] });
    await importCases(db, file("v.csv", csv([["V-1", "AT-VIE", "2026-02-01", "Masculine", "AT", "avrr", "SRC-1", "Viennagiven", "Viennafamily", ""]])), { actor: asUser(viennaSupervisor) });
    const outcome = await importCases(
      db,
      file("k.csv", csv([
        ["K-4", "UA-KBP", "2026-03-05", "Masculine", "UA", "avrr", "SRC-1", "Kyivgiven", "Kyivfamily", ""],
        ["K-5", "UA-KBP", "2026-03-06", "Masculine", "UA", "avrr", "SRC-1", "", "", ""],
      ])),
      { actor: asUser(supervisorKyiv) },
    );
    expect(outcome.committed).toBe(true);
    expect((outcome as Extract<ImportOutcome, { committed: true }>).report.warningCount).toBe(2);
    const viennaCode = db.$client.prepare("SELECT p.code FROM cases c JOIN persons p ON p.id = c.person_id WHERE c.external_id = 'V-1'").pluck().get();
    expect(personCodeOfKyivCase("K-4")).not.toBe(viennaCode);
    expect(personCodeOfKyivCase("K-5")).toBe(personCodeOfKyivCase("K-4"));
    expect(revealIdentity(db, supervisorKyiv, caseCodeOf("K-4")).familyName).toBe("Kyivfamily");
    expect(revealIdentity(db, supervisorKyiv, caseCodeOf("K-5")).familyName).toBe("Kyivfamily");
  });

  it("the command line is held to the same boundary", async () => {
    const vienna = viennaPerson();
    const content = csv([["K-6", "UA-KBP", "2026-03-05", "Feminine", "UA", "avrr", vienna.personCode, "", "", ""]]);
    const outcome = await importCases(db, file("cli.csv", content), { actor: { kind: "cli" } });
    expect(outcome.committed).toBe(true);
    expect(personCodeOfKyivCase("K-6")).not.toBe(vienna.personCode);
  });

  it("a person of the row's own office is still linked to by its code", async () => {
    const kyivCase = registerTestCase(db, supervisorKyiv);
    const content = csv([["K-7", "UA-KBP", "2026-03-05", "Feminine", "UA", "avrr", kyivCase.personCode, "", "", ""]]);
    const outcome = await importCases(db, file("own.csv", content), { actor: asUser(supervisorKyiv) });
    expect(outcome.committed && outcome.result).toMatchObject({ cases: 1, persons: 0, existingPersons: 1 });
    expect(personCodeOfKyivCase("K-7")).toBe(kyivCase.personCode);
  });
});
