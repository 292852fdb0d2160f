import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import messages from "@/lib/i18n/messages/en/interchange.json";
import { renderMessage, type RowError } from "@/lib/interchange/format";
import type { SessionUser } from "@/server/auth/session-user";
import { makeOffice } from "@/server/testing/factories";
import { makeUser } from "@/server/testing/sessions";
import { createTestDb, destroyTestDb } from "@/server/testing/test-db";
import { repeated, sheetXml, workbook, writeZip } from "@/server/testing/xlsx-bombs";
import { runImportCli } from "./cli";
import { importCases } from "./import-cases";
import { importRoot } from "./job-folders";
import { ReaderFailed, WEB_LIMITS } from "./parse-in-worker";
import { settledImportJob, startImportJob } from "./jobs";

/**
 * Issue 11, item 1: no upload can take the server down. Hand-made bombs (generated here by
 * streaming a deflate of repeated bytes; nothing big is committed) are refused while they are
 * inflated, with a message from the catalogue; the parser runs in a worker thread whose death
 * fails the import and nothing else; nothing is left behind. Synthetic data only.
 */

const MiB = 1 << 20;
const HEADER = ["ext_ExternalCaseId", "ext_OfficeCode", "ext_RegistrationDate", "prs_Gender", "ext_Programme"];
const catalogue = messages.errors as Record<string, string>;
const english = (e: RowError) => renderMessage(catalogue, e.message);

let dir: string;
let db: Db;
let admin: SessionUser;
let supervisor: SessionUser;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "passage-limits-test-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  destroyTestDb(db);
});
beforeEach(() => {
  if (db) destroyTestDb(db);
  db = createTestDb();
  const office = makeOffice(db, { code: "LIM-OFF" });
  admin = makeUser(db, { role: "administrator" });
  supervisor = makeUser(db, { role: "supervisor", officeIds: [office.id] });
});

const cases = () => Number(db.$client.prepare("SELECT count(*) FROM cases").pluck().get());
/** What import jobs left in the import folder (this test process's own, see env-setup.ts). */
const leftBehind = () => readdirSync(importRoot());
const heapGrowth = (before: number) => process.memoryUsage().heapUsed - before;

/** An XLSX whose one cell (row 2, ext_Programme) inflates to `bytes`. */
async function cellBomb(bytes: number): Promise<string> {
  const file = path.join(dir, `cell-bomb-${bytes}.xlsx`);
  await writeZip(file, workbook(() => sheetXml([HEADER, ["B-1", "LIM-OFF", "2012-01-05", "Feminine", () => repeated("A", bytes)]])));
  return file;
}

/** An XLSX whose sharedStrings.xml holds `bytes` of distinct-looking texts. */
async function sharedStringsBomb(bytes: number, declared?: number): Promise<string> {
  const file = path.join(dir, `shared-bomb-${bytes}-${declared ?? 0}.xlsx`);
  const item = `<si><t>${"Synthetic filler text ".repeat(40)}</t></si>`;
  await writeZip(
    file,
    workbook(
      () => sheetXml([HEADER]),
      () => ['<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">', ...repeated(item, bytes), "</sst>"],
      { sharedStrings: declared },
    ),
  );
  return file;
}

describe("XLSX bombs", () => {
  it("one cell that inflates to 400 MiB is refused while it is inflated, with row and message; nothing is kept", async () => {
    const file = await cellBomb(400 * MiB);
    expect(statSync(file).size).toBeLessThan(1 * MiB);
    const heap = process.memoryUsage().heapUsed;
    const outcome = await importCases(db, file, { actor: { kind: "user", user: admin } });
    expect(outcome.committed).toBe(false);
    expect(outcome.report.errors.map((e) => [e.row, e.message.key])).toEqual([[2, "rowTooLong"]]);
    expect(english(outcome.report.errors[0]!)).toBe("Row 2 is longer than 17 MB (an unclosed quote, or a huge cell). Nothing after it was read.");
    // The cell was never held: not by this thread, and the worker stopped at 16 MiB of it.
    expect(heapGrowth(heap)).toBeLessThan(64 * MiB);
    expect(cases()).toBe(0);
    expect(leftBehind()).toEqual([]);
  }, 120_000);

  it("a sharedStrings.xml of 300 MiB is refused when the texts held reach the limit", async () => {
    const file = await sharedStringsBomb(300 * MiB);
    const heap = process.memoryUsage().heapUsed;
    const outcome = await importCases(db, file, { actor: { kind: "user", user: admin } });
    expect(outcome.report.errors.map((e) => e.message.key)).toEqual(["sharedStringsTooLarge"]);
    expect(english(outcome.report.errors[0]!)).toMatch(/^This workbook's table of texts is larger than 134 MB/);
    expect(heapGrowth(heap)).toBeLessThan(64 * MiB);
    expect(leftBehind()).toEqual([]);
  }, 120_000);

  it("a part that says it unpacks to 1.16 GiB is refused before anything is inflated", async () => {
    const file = await sharedStringsBomb(1 * MiB, Math.round(1.16 * 1024 * MiB));
    const outcome = await importCases(db, file, { actor: { kind: "user", user: admin } });
    expect(outcome.report.errors.map((e) => e.message.key)).toEqual(["xlsxTooLarge"]);
    expect(english(outcome.report.errors[0]!)).toContain("1074 MB for one part");
  });

  it("a part larger than its zip entry says is refused as soon as it passes the declared size", async () => {
    const file = path.join(dir, "lying.xlsx");
    await writeZip(file, workbook(() => sheetXml([HEADER, ...Array.from({ length: 20_000 }, (_, i) => [`L-${i}`, "LIM-OFF", "2012-01-05", "Feminine", "avrr"])]), undefined, { sheet: 64 * 1024 }));
    const outcome = await importCases(db, file, { actor: { kind: "user", user: admin } });
    expect(outcome.report.errors.map((e) => e.message.key)).toEqual(["notXlsx"]);
    expect(cases()).toBe(0);
  });

  it("an honest sheet larger than the per-entry limit is refused before a row is read", async () => {
    const file = path.join(dir, "big-sheet.xlsx");
    await writeZip(file, workbook(() => sheetXml([HEADER, ...Array.from({ length: 50_000 }, (_, i) => [`S-${i}`, "LIM-OFF", "2012-01-05", "Feminine", "avrr"])])));
    const outcome = await importCases(db, file, { actor: { kind: "cli" }, limits: { ...WEB_LIMITS, maxEntryBytes: 2 * MiB } });
    expect(outcome.report.errors.map((e) => e.message.key)).toEqual(["xlsxTooLarge"]);
    expect(outcome.report.rows).toBe(0);
    expect(cases()).toBe(0);
  });

  it("a cell with a value beyond the column limit stops the reading", async () => {
    const file = path.join(dir, "wide.xlsx");
    const wide = [...HEADER, ...Array.from({ length: 300 }, (_, i) => `x${i}`)];
    await writeZip(file, workbook(() => sheetXml([wide])));
    const outcome = await importCases(db, file, { actor: { kind: "user", user: admin } });
    expect(outcome.report.errors.map((e) => [e.row, e.message.key])).toEqual([[1, "tooManyColumns"]]);
  });
});

describe("CSV", () => {
  it("a single 100 MiB line is refused without being held", async () => {
    const file = path.join(dir, "long-line.csv");
    writeFileSync(file, `${HEADER.join(",")}\r\nG-1,LIM-OFF,2012-01-05,Feminine,${"x".repeat(100 * MiB)}\r\n`);
    const heap = process.memoryUsage().heapUsed;
    const outcome = await importCases(db, file, { actor: { kind: "user", user: admin } });
    expect(outcome.report.errors.map((e) => [e.row, e.message.key])).toEqual([[2, "rowTooLong"]]);
    expect(heapGrowth(heap)).toBeLessThan(64 * MiB);
    expect(leftBehind()).toEqual([]);
  }, 60_000);

  it("a line of 10,000 columns is refused before it is split into cells", async () => {
    const file = path.join(dir, "columns.csv");
    writeFileSync(file, `${HEADER.join(",")}\r\nG-1,LIM-OFF,2012-01-05,Feminine,avrr${",".repeat(10_000)}\r\n`);
    const outcome = await importCases(db, file, { actor: { kind: "user", user: admin } });
    expect(outcome.report.errors.map((e) => [e.row, english(e)])).toEqual([
      [2, "Row 2 has more than 256 columns. Nothing after it was read: remove the extra columns (the import format has 33), or save only the cases sheet."],
    ]);
  });
});

/**
 * A worker heap of 16 MiB, and a CSV whose every 1 MiB chunk holds 260,000 tiny rows: the worker
 * runs out of memory (a real ERR_WORKER_OUT_OF_MEMORY, not a simulation).
 */
const starved = { ...WEB_LIMITS, heapMb: 16 };
const heavyText = () => `${HEADER.join(",")}\n${"G,x\n".repeat(2 * MiB)}`;
const heavy = () => {
  const file = path.join(dir, "heavy.csv");
  writeFileSync(file, heavyText());
  return file;
};

describe("the parser's worker", () => {
  it("dying of hunger fails the import with a message, and the process goes on", async () => {
    await expect(importCases(db, heavy(), { actor: { kind: "cli" }, limits: starved })).rejects.toBeInstanceOf(ReaderFailed);
    expect(leftBehind()).toEqual([]);
    // Still serving: the next import works.
    const ok = path.join(dir, "ok.csv");
    writeFileSync(ok, `${HEADER.join(",")}\r\nG-1,LIM-OFF,2012-01-05,Feminine,avrr\r\n`);
    expect((await importCases(db, ok, { actor: { kind: "cli" } })).committed).toBe(true);
  }, 60_000);

  it("a web job whose worker dies is failed with the catalogue's message, its folder removed", async () => {
    const consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
    const id = await startImportJob(db, supervisor, [Buffer.from(heavyText())], { limits: starved });
    const view = await settledImportJob(supervisor, id, 60_000);
    expect(view.phase).toBe("failed");
    expect(view.failure).toEqual({ key: "readerFailed" });
    expect(renderMessage(catalogue, view.failure!)).toMatch(/^Reading the file needed more memory than an import may use/);
    expect(leftBehind()).toEqual([]);
    expect(cases()).toBe(0);
    // The log names the error class only.
    expect(consoleError.mock.calls).toEqual([["import validation failed: ReaderFailed"]]);
  }, 60_000);
});

describe("the command line", () => {
  it("refuses an XLSX bomb with the message and exit code 1, leaving nothing", async () => {
    let out = "";
    expect(await runImportCli(db, { file: await cellBomb(200 * MiB), office: "LIM-OFF" }, (t) => (out += t))).toBe(1);
    expect(out).toContain("row 2: Row 2 is longer than 17 MB");
    expect(out).toContain("Nothing was imported.");
    expect(leftBehind()).toEqual([]);
  }, 120_000);

  it("says so when the parser's worker dies, and returns 1", async () => {
    let out = "";
    expect(await runImportCli(db, { file: heavy(), limits: starved }, (t) => (out += t))).toBe(1);
    expect(out).toMatch(/^Reading the file needed more memory than an import may use.*\nNothing was imported\.\n$/);
    expect(leftBehind()).toEqual([]);
  }, 60_000);
});
