import ExcelJS from "exceljs";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import { COLUMN_NAMES } from "@/lib/interchange/format";
import type { SessionUser } from "@/server/auth/session-user";
import { settledImportJob } from "@/server/interchange/jobs";
import { makeOffice } from "@/server/testing/factories";
import { makeUser } from "@/server/testing/sessions";
import { createTestDb, destroyTestDb } from "@/server/testing/test-db";
import { POST as upload } from "../route";
import { GET } from "./route";

/**
 * The import templates (issue 15, item 13): the column names are COLUMNS in order, and the one
 * example row goes through the import's own check (the upload route, the worker's parser, the
 * row validation and the office checks) with no problem and no warning: one new case.
 */

const state = vi.hoisted(() => ({ db: null as Db | null, user: null as SessionUser | null }));
vi.mock("@/server/auth/current-user", () => ({ getCurrentUser: async () => state.user }));
vi.mock("@/db/client", async (original) => ({ ...(await original<typeof import("@/db/client")>()), getDb: () => state.db }));

let supervisor: SessionUser;
let caseworker: SessionUser;
let dataOfficer: SessionUser;
let administrator: SessionUser;

beforeAll(() => {
  state.db = createTestDb();
  const office = makeOffice(state.db, { code: "TPL-OFF" });
  supervisor = makeUser(state.db, { role: "supervisor", officeIds: [office.id] });
  caseworker = makeUser(state.db, { role: "caseworker", officeIds: [office.id] });
  dataOfficer = makeUser(state.db, { role: "data_officer" });
  administrator = makeUser(state.db, { role: "administrator" });
});
afterAll(() => destroyTestDb(state.db!));

const download = (format: string, user: SessionUser | null) => {
  state.user = user;
  return GET(new Request(`http://passage.test/api/import/template?format=${format}`));
};

async function xlsxRows(body: ArrayBuffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body);
  const rows: string[][] = [];
  workbook.worksheets[0]!.eachRow({ includeEmpty: false }, (row) => {
    rows.push(COLUMN_NAMES.map((_, i) => (row.getCell(i + 1).value === null ? "" : String(row.getCell(i + 1).value))));
  });
  return rows;
}

async function checkedThroughImport(body: ArrayBuffer, user: SessionUser) {
  state.user = user;
  const response = await upload(new Request("http://passage.test/api/import", { method: "POST", headers: { origin: "http://passage.test", host: "passage.test" }, body: new Uint8Array(body) }));
  expect(response.status).toBe(200);
  const { jobId } = (await response.json()) as { jobId: string };
  const view = await settledImportJob(user, jobId);
  expect(view.phase).toBe("validated");
  return view.report!;
}

describe("GET /api/import/template", () => {
  it("CSV: the columns in order, one example row that the import accepts as one new case", async () => {
    const response = await download("csv", supervisor);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="passage-import-template.csv"');
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = await response.arrayBuffer();
    const parsed = Papa.parse<string[]>(new TextDecoder().decode(body).replace(/^\ufeff/, ""), { skipEmptyLines: true });
    expect(parsed.data[0]).toEqual(COLUMN_NAMES);
    expect(parsed.data).toHaveLength(2);
    expect(parsed.data[1]![COLUMN_NAMES.indexOf("ext_OfficeCode")]).toBe("TPL-OFF");
    const report = await checkedThroughImport(body, supervisor);
    expect(report).toMatchObject({ errorCount: 0, warningCount: 0, toImport: 1 });
  });

  it("XLSX: the same columns and row, accepted by the import too", async () => {
    const response = await download("xlsx", supervisor);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const body = await response.arrayBuffer();
    const rows = await xlsxRows(body);
    expect(rows[0]).toEqual(COLUMN_NAMES);
    expect(rows).toHaveLength(2);
    const report = await checkedThroughImport(body, supervisor);
    expect(report).toMatchObject({ errorCount: 0, warningCount: 0, toImport: 1 });
  });

  it("an administrator gets it too; a caseworker and a data officer do not (404, like the page); signed out: 401", async () => {
    expect((await download("xlsx", administrator)).status).toBe(200);
    expect((await download("csv", caseworker)).status).toBe(404);
    expect((await download("csv", dataOfficer)).status).toBe(404);
    expect((await download("csv", null)).status).toBe(401);
    expect((await download("pdf", supervisor)).status).toBe(404);
  });
});
