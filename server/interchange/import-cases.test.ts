import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { seedSyntheticCases } from "@/server/seed/synthetic-cases";
import { COLUMN_NAMES, renderMessage, type RowError } from "@/lib/interchange/format";
import messages from "@/lib/i18n/messages/en/interchange.json";
import type { SessionUser } from "@/server/auth/session-user";
import { getCase } from "@/server/services/get-case";
import { revealIdentity } from "@/server/services/reveal-identity";
import { computeReview } from "@/server/stats/compute";
import { makeOffice, type OfficeFixture } from "@/server/testing/factories";
import { registerTestCase } from "@/server/testing/registry-fixtures";
import { makeUser } from "@/server/testing/sessions";
import { createTestDb, destroyTestDb } from "@/server/testing/test-db";
import { exportCsv, exportOfficeCases } from "./export-cases";
import { commitImport, discardValidated, importCases, validateImport, type ImportActor, type ImportOutcome } from "./import-cases";

/**
 * The import and export of interchange files against real databases: every kind of bad input gives
 * a clear message with row and column and leaves the database unchanged; re-importing duplicates
 * nothing; export then import into an empty database reproduces every statistic.
 * Synthetic data only.
 */

const EXAMPLE = path.join(process.cwd(), "docs", "examples", "import-example.csv");
const OFFICES = ["AT-VIE", "UA-KBP", "ID-JKT", "HT-PAP", "ET-ADD"] as const;
const catalogue = messages.errors as Record<string, string>;
const english = (e: RowError) => renderMessage(catalogue, e.message);

let dir: string;
let db: Db;
let admin: SessionUser;
let supervisorVienna: SessionUser;
let caseworkerVienna: SessionUser;
let supervisorKyiv: SessionUser;

function file(name: string, content: string | Buffer): string {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}

const asUser = (user: SessionUser): ImportActor => ({ kind: "user", user });

/** A CSV with the given columns and rows (values quoted only when needed). */
function csv(columns: readonly string[], rows: readonly (readonly string[])[]): string {
  const q = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [columns, ...rows].map((r) => r.map(q).join(",")).join("\r\n") + "\r\n";
}

const BASIC = ["ext_ExternalCaseId", "ext_OfficeCode", "ext_RegistrationDate", "prs_Gender", "prs_Citizenship", "ext_Programme"];

function snapshot(d: Db) {
  const n = (table: string) => Number(d.$client.prepare(`SELECT count(*) FROM ${table}`).pluck().get());
  return { cases: n("cases"), persons: n("persons"), identities: n("identities"), values: n("case_values"), audit: n("audit_events") };
}

function setUpWorld(d: Db) {
  const made = Object.fromEntries(OFFICES.map((code) => [code, makeOffice(d, { code, countryIso2: code.slice(0, 2) })])) as Record<(typeof OFFICES)[number], OfficeFixture>;
  return {
    offices: made,
    admin: makeUser(d, { role: "administrator" }),
    supervisorVienna: makeUser(d, { role: "supervisor", officeIds: [made["AT-VIE"].id] }),
    caseworkerVienna: makeUser(d, { role: "caseworker", officeIds: [made["AT-VIE"].id] }),
    supervisorKyiv: makeUser(d, { role: "supervisor", officeIds: [made["UA-KBP"].id] }),
    // Every office needs someone to own imported cases.
    others: ["ID-JKT", "HT-PAP", "ET-ADD"].map((c) => makeUser(d, { role: "supervisor", officeIds: [made[c as "ID-JKT"].id] })),
  };
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "passage-import-test-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeEach(() => {
  if (db) destroyTestDb(db);
  db = createTestDb();
  ({ admin, supervisorVienna, caseworkerVienna, supervisorKyiv } = setUpWorld(db));
});
afterAll(() => destroyTestDb(db));

async function rejected(content: string | Buffer, name = "bad.csv", actor: ImportActor = asUser(admin), defaultOfficeCode?: string): Promise<RowError[]> {
  const before = snapshot(db);
  const outcome = await importCases(db, file(name, content), { actor, defaultOfficeCode });
  expect(outcome.committed).toBe(false);
  expect(snapshot(db)).toEqual(before);
  expect(outcome.report.errorCount).toBeGreaterThan(0);
  return outcome.report.errors;
}

describe("import of the example file", () => {
  it("imports every case, keeps one person for two cases in two offices, and audits counts only", async () => {
    const outcome = await importCases(db, EXAMPLE, { actor: asUser(admin) });
    expect(outcome.report.errors).toEqual([]);
    expect(outcome.committed).toBe(true);
    const result = (outcome as Extract<ImportOutcome, { committed: true }>).result;
    expect(result).toMatchObject({ cases: 12, persons: 11, alreadyImported: 0, withIdentity: 2 });
    const twoCases = db.$client
      .prepare("SELECT p.external_id AS ext, count(*) AS n, count(DISTINCT c.office_id) AS offices FROM cases c JOIN persons p ON p.id = c.person_id GROUP BY p.id HAVING n > 1")
      .all();
    expect(twoCases).toEqual([{ ext: "EXP-0001", n: 2, offices: 2 }]);
    // Core variables as the forms would write them.
    const victim = db.$client.prepare("SELECT * FROM cases WHERE external_id = 'EX-2012-0010'").get() as Record<string, unknown>;
    expect(victim).toMatchObject({ cat_victim: 1, trafficking_status: "ActualVictimOfTrafficking", trafficking_type: "international", forced_labour_sector: "I_AccommodationAndFoodServiceActivities", funding_source: "gaf", country_exploitation: "TR", age_at_registration: 28, registration_year: 2012 });
    const values = db.$client.prepare("SELECT kind, value FROM case_values WHERE case_id = ? ORDER BY kind, value").all((victim as { id: number }).id);
    expect(values).toEqual([
      { kind: "control", value: "DebtBondage" },
      { kind: "control", value: "PhysicalAbuse" },
      { kind: "control", value: "WithholdsDocuments" },
      { kind: "exploitation", value: "ForcedLabour" },
      { kind: "exploitation", value: "SexualExploitation" },
      { kind: "sex_exploitation", value: "PrivateSexualServices" },
      { kind: "transit", value: "MD" },
      { kind: "transit", value: "RO" },
    ]);
    const audit = db.$client.prepare("SELECT action, details FROM audit_events WHERE action LIKE 'cases.%'").all() as { action: string; details: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]!.action).toBe("cases.imported");
    const details = JSON.parse(audit[0]!.details) as Record<string, unknown>;
    expect(details).toMatchObject({ cases: 12, persons: 11, withIdentity: 2, source: "web" });
    expect(audit[0]!.details).not.toMatch(/Kalora|Mitesuvan|TST-000003|Synthville/);
  });

  it("stores identities in the vault so that Show identity works, and never in clear", async () => {
    await importCases(db, EXAMPLE, { actor: asUser(admin) });
    const code = db.$client.prepare("SELECT code FROM cases WHERE external_id = 'EX-2012-0003'").pluck().get() as string;
    const identity = revealIdentity(db, supervisorKyiv, code);
    expect(identity).toMatchObject({ givenName: "Kalora", familyName: "Mitesuvan", birthDate: "1990-05-12", phone: "+380 00 000 0003", address: "Synthville, UA" });
    expect(identity.documents).toEqual([{ type: "national_id", number: "TST-000003" }]);
    const raw = db.$client.prepare("SELECT * FROM persons").all();
    expect(JSON.stringify(raw)).not.toMatch(/Kalora|Mitesuvan/);
    // The case page says which cases have an identity to show: one imported without names has none.
    expect(getCase(db, supervisorKyiv, code).hasIdentity).toBe(true);
    const nameless = db.$client.prepare("SELECT code FROM cases WHERE external_id = 'EX-2012-0002'").pluck().get() as string;
    expect(getCase(db, supervisorKyiv, nameless).hasIdentity).toBe(false);
  });

  it("a re-import duplicates nothing and reports the rows as already imported", async () => {
    await importCases(db, EXAMPLE, { actor: asUser(admin) });
    const before = snapshot(db);
    const again = await importCases(db, EXAMPLE, { actor: asUser(admin) });
    expect(again.report).toMatchObject({ toImport: 0, alreadyImported: 12, errorCount: 0 });
    const after = snapshot(db);
    expect({ ...after, audit: 0 }).toEqual({ ...before, audit: 0 });
  });

  it("reads XLSX, dates as date cells included", async () => {
    const text = readFileSync(EXAMPLE, "utf8").trim().split(/\r?\n/).map((l) => l.split(","));
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Cases");
    text.forEach((cells, i) =>
      sheet.addRow(cells.map((c, j) => (i > 0 && text[0]![j] === "ext_RegistrationDate" ? new Date(`${c}T00:00:00Z`) : c))),
    );
    const xlsx = file("cases.xlsx", Buffer.from(await workbook.xlsx.writeBuffer()));
    const outcome = await importCases(db, xlsx, { actor: asUser(admin) });
    expect(outcome.report.errors).toEqual([]);
    expect(outcome.report.format).toBe("xlsx");
    expect(outcome.committed && outcome.result.cases).toBe(12);
    expect(db.$client.prepare("SELECT registered_on FROM cases WHERE external_id = 'EX-2012-0012'").pluck().get()).toBe("2012-11-23");
  });
});

describe("validation messages, each leaving the database unchanged", () => {
  const good = ["G-1", "AT-VIE", "2012-01-05", "Feminine", "UA", "avrr"];

  it("unknown column, named, with a suggestion", async () => {
    const errors = await rejected(csv([...BASIC, "prs_Gendre", "Favourite colour"], [[...good, "x", "blue"]]));
    expect(errors.map((e) => [e.row, e.column, e.message.key])).toEqual([
      [1, "prs_Gendre", "unknownColumnSuggest"],
      [1, "Favourite colour", "unknownColumn"],
    ]);
    expect(english(errors[0]!)).toBe("Unknown column “prs_Gendre”. Did you mean prs_Gender?");
  });

  it("a missing required column", async () => {
    const errors = await rejected(csv(["ext_ExternalCaseId", "ext_OfficeCode", "prs_Gender"], [["G-1", "AT-VIE", "Feminine"]]));
    expect(errors.map((e) => [e.row, e.column, english(e)])).toEqual([[1, "ext_RegistrationDate", "The required column ext_RegistrationDate is missing."]]);
  });

  it("bad picklist value, listing the allowed values", async () => {
    const errors = await rejected(csv(BASIC, [good, ["G-2", "AT-VIE", "2012-01-05", "Female", "UA", "repatriation"]]));
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [3, "ext_Programme"],
      [3, "prs_Gender"],
    ]);
    const gender = errors.find((e) => e.column === "prs_Gender")!;
    expect(english(gender)).toBe(
      "“Female” is not allowed here. Allowed values: Feminine, Masculine, TransgenderFeminine, TransgenderMasculine, NonConforming, NonSpecifiedUnknown.",
    );
    expect(english(errors.find((e) => e.column === "ext_Programme")!)).toContain("Allowed values: avrr, para, vulnerable_migrant.");
  });

  it("bad dates: not a date, impossible, in the future", async () => {
    const errors = await rejected(
      csv(BASIC, [
        ["D-1", "AT-VIE", "31/03/2012", "Feminine", "UA", "avrr"],
        ["D-2", "AT-VIE", "2012-02-30", "Feminine", "UA", "avrr"],
        ["D-3", "AT-VIE", "2999-01-01", "Feminine", "UA", "avrr"],
      ]),
    );
    expect(errors.map((e) => [e.row, e.column, english(e)])).toEqual([
      [2, "ext_RegistrationDate", "“31/03/2012” is not a date: write it as YYYY-MM-DD, for example 2012-03-31."],
      [3, "ext_RegistrationDate", "“2012-02-30” is not a date: write it as YYYY-MM-DD, for example 2012-03-31."],
      [4, "ext_RegistrationDate", "This date is in the future."],
    ]);
  });

  it("bad country codes, in single and multi-valued columns", async () => {
    const errors = await rejected(csv([...BASIC, "ext_TransitCountries"], [["C-1", "AT-VIE", "2012-01-05", "Feminine", "Ukraine", "avrr", "HU;XX"]]));
    expect(errors.map((e) => [e.row, e.column, english(e)])).toEqual([
      [2, "prs_Citizenship", "“Ukraine” is not an ISO 3166-1 alpha-2 country code (two letters, for example UA, DE, ID)."],
      [2, "ext_TransitCountries", "“XX” is not an ISO 3166-1 alpha-2 country code (two letters, for example UA, DE, ID)."],
    ]);
  });

  it("a duplicate ext_ExternalCaseId names the first row", async () => {
    const errors = await rejected(csv(BASIC, [good, ["G-3", "AT-VIE", "2012-01-05", "Masculine", "", ""], good]));
    expect(errors.map((e) => [e.row, e.column, english(e)])).toEqual([
      [4, "ext_ExternalCaseId", "ext_ExternalCaseId “G-1” already appears in row 2 for the same office."],
    ]);
  });

  it("a file that is not CSV", async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const errors = await rejected(png, "picture.csv");
    expect(errors.map((e) => [e.row, e.column, e.message.key])).toEqual([[null, null, "notCsv"]]);
    expect(english(errors[0]!)).toMatch(/^This is not a CSV or XLSX file/);
    const notInterchange = await rejected("Just some words\nand more words\n", "notes.csv");
    expect(notInterchange.map((e) => e.message.key)).toEqual(["noKnownColumns"]);
    const latin1 = await rejected(Buffer.concat([Buffer.from(`${BASIC.join(",")}\r\nG-1,AT-VIE,2012-01-05,Feminine,UA,avrr,Gr`), Buffer.from([0xfc]), Buffer.from("n\r\n")]), "latin1.csv");
    expect(latin1.map((e) => e.message.key)).toEqual(["encoding"]);
    const zip = await rejected(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 1)]), "archive.xlsx");
    expect(zip.map((e) => e.message.key)).toEqual(["notXlsx"]);
  });

  it("an empty file, and a file with column names only", async () => {
    expect((await rejected("", "empty.csv")).map((e) => english(e))).toEqual(["The file is empty."]);
    expect((await rejected("\ufeff\r\n  \r\n", "blank.csv")).map((e) => english(e))).toEqual(["The file is empty."]);
    expect((await rejected(csv(BASIC, []), "header.csv")).map((e) => english(e))).toEqual(["The file has column names but no case rows."]);
  });

  it("a 10 MB single cell is refused with row and column, without keeping it", async () => {
    const huge = "x".repeat(10 * 1024 * 1024);
    const errors = await rejected(csv(BASIC, [good, ["H-1", "AT-VIE", "2012-01-05", "Feminine", "UA", huge]]));
    expect(errors.map((e) => [e.row, e.column, english(e)])).toEqual([[3, "ext_Programme", "This cell has 10485760 characters; at most 10000 are allowed."]]);
  });

  it("an unclosed quote does not read the rest of a large file into memory", async () => {
    const content = `${BASIC.join(",")}\r\n"G-1,AT-VIE,2012-01-05,Feminine,UA,avrr\r\n${"x,".repeat(9 * 1024 * 1024)}`;
    const errors = await rejected(content);
    expect(errors.map((e) => e.message.key)).toEqual(["rowTooLong"]);
  });

  it("identity without both names, and a phone that is not one, never quoting identity values", async () => {
    const errors = await rejected(
      csv([...BASIC, "prs_FirstName", "prs_Birthdate", "prs_MobilePhone"], [["I-1", "AT-VIE", "2012-01-05", "Feminine", "UA", "avrr", "Secretname", "1990-13-01", "call me"]]),
    );
    expect(errors.map((e) => [e.column, e.message.key])).toEqual([
      ["prs_Birthdate", "dateIdentity"],
      ["prs_MobilePhone", "phone"],
      ["prs_SecondName", "identityNeedsNames"],
    ]);
    expect(JSON.stringify(errors)).not.toMatch(/Secretname|1990-13-01|call me/);
  });

  it("counts every problem but lists at most maxErrors", async () => {
    const rows = Array.from({ length: 30 }, (_, i) => [`M-${i}`, "AT-VIE", "2012-01-05", "Nope", "UA", "avrr"]);
    const outcome = await importCases(db, file("many.csv", csv(BASIC, rows)), { actor: asUser(admin), maxErrors: 10 });
    expect(outcome.report.errorCount).toBe(30);
    expect(outcome.report.errors).toHaveLength(10);
  });

  it("semicolon-separated files and CRLF are read; multi-values inside quotes", async () => {
    const content = `${BASIC.join(";")};ext_BeneficiaryCategories\r\nS-1;AT-VIE;2012-01-05;Feminine;UA;avrr;"victim;health"\r\n`;
    const outcome = await importCases(db, file("semi.csv", content), { actor: asUser(admin) });
    expect(outcome.report.errors).toEqual([]);
    expect(db.$client.prepare("SELECT cat_victim, cat_health FROM cases WHERE external_id = 'S-1'").get()).toEqual({ cat_victim: 1, cat_health: 1 });
  });
});

describe("who may import where", () => {
  const row = (office: string) => csv(BASIC, [["P-1", office, "2012-01-05", "Feminine", "UA", "avrr"]]);

  it("a supervisor imports into their office, and the cases are theirs", async () => {
    const outcome = await importCases(db, file("own.csv", row("AT-VIE")), { actor: asUser(supervisorVienna) });
    expect(outcome.committed).toBe(true);
    expect(db.$client.prepare("SELECT owner_id FROM cases WHERE external_id = 'P-1'").pluck().get()).toBe(supervisorVienna.id);
  });

  it("a supervisor may not import into another office", async () => {
    const errors = await rejected(row("UA-KBP"), "other.csv", asUser(supervisorVienna));
    expect(errors.map((e) => [e.row, e.column, english(e)])).toEqual([[2, "ext_OfficeCode", "You may not import into office UA-KBP."]]);
    const viaDefault = await rejected(csv(BASIC.filter((c) => c !== "ext_OfficeCode"), [["P-1", "2012-01-05", "Feminine", "UA", "avrr"]]), "default.csv", asUser(supervisorVienna), "UA-KBP");
    expect(viaDefault.map((e) => e.message.key)).toEqual(["officeNotAllowed"]);
  });

  it("an unknown office code, and no office at all", async () => {
    expect((await rejected(row("XX-NOPE"))).map((e) => english(e))).toEqual(["There is no office with the code “XX-NOPE”."]);
    const noOffice = await rejected(csv(BASIC.filter((c) => c !== "ext_OfficeCode"), [["P-1", "2012-01-05", "Feminine", "UA", "avrr"]]));
    expect(noOffice.map((e) => e.message.key)).toEqual(["officeColumnMissing"]);
  });

  it("caseworkers and data officers may not import at all", async () => {
    const path = file("cw.csv", row("AT-VIE"));
    await expect(importCases(db, path, { actor: asUser(caseworkerVienna) })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const dataOfficer = makeUser(db, { role: "data_officer" });
    await expect(importCases(db, path, { actor: asUser(dataOfficer) })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("an administrator imports anywhere; the office's supervisor owns the cases", async () => {
    const outcome = await importCases(db, file("admin.csv", row("UA-KBP")), { actor: asUser(admin) });
    expect(outcome.committed).toBe(true);
    expect(db.$client.prepare("SELECT owner_id, created_by FROM cases WHERE external_id = 'P-1'").get()).toEqual({ owner_id: supervisorKyiv.id, created_by: admin.id });
  });

  it("the commit checks the committing user again", async () => {
    const validated = await validateImport(db, file("again.csv", row("AT-VIE")), { actor: asUser(supervisorVienna) });
    expect(validated.report.errorCount).toBe(0);
    expect(() => commitImport(db, validated, { actor: asUser(supervisorKyiv) })).toThrow(/changed after it was validated/);
    expect(snapshot(db).cases).toBe(0);
  });

  it("the commit writes what was checked, not the file as it is later; a damaged spool writes nothing", async () => {
    const p = file("changing.csv", row("AT-VIE"));
    const validated = await validateImport(db, p, { actor: asUser(admin) });
    writeFileSync(p, row("AT-VIE") + "P-2,AT-VIE,2012-01-05,Feminine,UA,avrr\r\n");
    expect(commitImport(db, validated, { actor: asUser(admin) })).toMatchObject({ cases: 1 });
    discardValidated(validated);

    const again = await validateImport(db, file("damaged.csv", row("UA-KBP")), { actor: asUser(admin) });
    const spool = again.spool!.file;
    const bytes = readFileSync(spool);
    bytes[bytes.length - 1]! ^= 1;
    writeFileSync(spool, bytes);
    expect(() => commitImport(db, again, { actor: asUser(admin) })).toThrow(/changed after it was validated/);
    discardValidated(again);
    expect(snapshot(db).cases).toBe(1);
  });
});

describe("persons", () => {
  it("a probable duplicate (same names and birth date) is linked through the blind index and reported", async () => {
    const registered = registerTestCase(db, supervisorVienna, {
      identity: { familyName: "Testfamily", givenName: "Testgiven", aliases: [], birthDate: "1990-04-12", documents: [], nextOfKin: [] },
    });
    const content = csv([...BASIC, "ext_ExternalPersonId", "prs_FirstName", "prs_SecondName", "prs_Birthdate"], [
      ["B-1", "AT-VIE", "2012-01-05", "Feminine", "UA", "avrr", "SRC-9", "testgiven", "TESTFAMILY", "1990-04-12"],
      ["B-2", "AT-VIE", "2012-06-05", "Feminine", "UA", "avrr", "SRC-9", "", "", ""],
    ]);
    const outcome = await importCases(db, file("dup.csv", content), { actor: asUser(supervisorVienna) });
    expect(outcome.report.probableDuplicates).toEqual([{ row: 2, personCode: registered.personCode }]);
    expect(outcome.committed && outcome.result).toMatchObject({ cases: 2, persons: 0, probableDuplicates: 1, existingPersons: 1 });
    const personCodes = db.$client.prepare("SELECT DISTINCT p.code FROM cases c JOIN persons p ON p.id = c.person_id").pluck().all();
    expect(personCodes).toEqual([registered.personCode]);
  });
});

describe("export", () => {
  it("exports an office's cases in the format, escaping formulas, identity only on request and audited", async () => {
    await importCases(db, EXAMPLE, { actor: asUser(admin) });
    const content = csv([...BASIC, "ext_ExternalPersonId", "prs_FirstName", "prs_SecondName", "prs_MobilePhone"], [
      ["=HYPERLINK(1)", "AT-VIE", "2012-01-05", "Feminine", "UA", "avrr", "SRC-1", "@Formula", "Tester", "+43 000 1111"],
    ]);
    expect((await importCases(db, file("formula.csv", content), { actor: asUser(supervisorVienna) })).committed).toBe(true);

    const plain = exportOfficeCases(db, supervisorVienna, { officeCode: "at-vie", withIdentity: false });
    const text = await new Response(plain.stream).text();
    const lines = text.replace(/^\ufeff/, "").trim().split("\r\n");
    expect(plain.count).toBe(4);
    expect(lines).toHaveLength(5);
    expect(lines[0]!.split(",")).toEqual(COLUMN_NAMES.filter((c) => !c.startsWith("prs_") || ["prs_Gender", "prs_Citizenship"].includes(c)));
    expect(text).not.toMatch(/Formula|Tester|1111/);
    expect(text).toContain("'=HYPERLINK(1)");

    const withIdentity = exportOfficeCases(db, supervisorVienna, { officeCode: "AT-VIE", withIdentity: true });
    const identityText = await new Response(withIdentity.stream).text();
    expect(identityText).toContain("'@Formula,Tester");
    expect(identityText).toContain("'+43 000 1111");
    const audit = db.$client.prepare("SELECT details FROM audit_events WHERE action = 'cases.exported' ORDER BY id").pluck().all() as string[];
    expect(audit.map((d) => JSON.parse(d))).toEqual([
      { cases: 4, identity: false, format: "csv" },
      { cases: 4, identity: true, format: "csv" },
    ]);

    // Exported and imported again into the same database: nothing is duplicated.
    const before = snapshot(db);
    const again = await importCases(db, file("again.csv", identityText), { actor: asUser(supervisorVienna) });
    expect(again.report).toMatchObject({ errorCount: 0, toImport: 0, alreadyImported: 4 });
    expect(snapshot(db).cases).toBe(before.cases);
  });

  it("refuses other offices, other roles, and identity to those who may not see it", () => {
    expect(() => exportOfficeCases(db, supervisorVienna, { officeCode: "UA-KBP", withIdentity: false })).toThrow(/NOT_FOUND/);
    expect(() => exportOfficeCases(db, caseworkerVienna, { officeCode: "AT-VIE", withIdentity: false })).toThrow(/FORBIDDEN/);
    expect(() => exportOfficeCases(db, admin, { officeCode: "AT-VIE", withIdentity: false })).toThrow(/FORBIDDEN/);
  });
});

describe("round trip", () => {
  it("export then import into an empty database reproduces every indicator", async () => {
    const source = createTestDb();
    const target = createTestDb();
    try {
      seedSyntheticCases(source, { count: 4_000, seed: 7 });
      const sourceOffices = source.$client.prepare("SELECT id, code, country_iso2 AS country FROM offices ORDER BY id").all() as { id: number; code: string; country: string }[];
      // The target has the same offices and one supervisor each, and no case.
      for (const o of sourceOffices) {
        const office = makeOffice(target, { code: o.code, countryIso2: o.country });
        makeUser(target, { role: "supervisor", officeIds: [office.id] });
      }
      const exported = file("round-trip.csv", [...exportCsv(source, { officeIds: sourceOffices.map((o) => o.id), withIdentity: true })].join(""));
      const outcome = await importCases(target, exported, { actor: { kind: "cli" } });
      expect(outcome.report.errors).toEqual([]);
      expect(outcome.committed && outcome.result.cases).toBe(4_000);
      const persons = (d: Db) => Number(d.$client.prepare("SELECT count(DISTINCT person_id) FROM cases").pluck().get());
      expect(persons(target)).toBe(persons(source));

      const scope = { kind: "all" } as const;
      for (const filters of [2008, 2009, 2010, 2011, 2012].map((y) => ({ yearFrom: y, yearTo: y })).concat([{ yearFrom: 2008, yearTo: 2012 }])) {
        expect(computeReview(target, filters, scope), `${filters.yearFrom}-${filters.yearTo}`).toEqual(computeReview(source, filters, scope));
      }
      const review = computeReview(target, { yearFrom: 2012, yearTo: 2012 }, scope);
      expect(review.global["assisted.individuals_vs_counts"].total).toBeGreaterThan(500);
    } finally {
      destroyTestDb(source);
      destroyTestDb(target);
    }
  }, 60_000);
});
