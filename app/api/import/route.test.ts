import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import type { SessionUser } from "@/server/auth/session-user";
import { importRoot } from "@/server/interchange/job-folders";
import { settledImportJob } from "@/server/interchange/jobs";
import { makeOffice } from "@/server/testing/factories";
import { makeUser } from "@/server/testing/sessions";
import { createTestDb, destroyTestDb } from "@/server/testing/test-db";
import { repeated, sheetXml, workbook, writeZip } from "@/server/testing/xlsx-bombs";
import { POST } from "./route";

/**
 * The upload route with the hand-made bombs (issue 11, item 1): the request is accepted, the job's
 * check refuses the file with the catalogue's message, this process goes on serving, and the
 * import folder is empty afterwards. The signed-in user and the database are the test's.
 */

const state = vi.hoisted(() => ({ db: null as Db | null, user: null as SessionUser | null }));
vi.mock("@/server/auth/current-user", () => ({ getCurrentUser: async () => state.user }));
vi.mock("@/db/client", async (original) => ({ ...(await original<typeof import("@/db/client")>()), getDb: () => state.db }));

const MiB = 1 << 20;
const HEADER = ["ext_ExternalCaseId", "ext_OfficeCode", "ext_RegistrationDate", "prs_Gender", "ext_Programme"];
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "passage-route-test-"));
  state.db = createTestDb();
  state.user = makeUser(state.db, { role: "supervisor", officeIds: [makeOffice(state.db, { code: "RT-OFF" }).id] });
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  destroyTestDb(state.db!);
});

const upload = (body: Buffer) =>
  POST(new Request("http://passage.test/api/import?office=RT-OFF", { method: "POST", headers: { origin: "http://passage.test", host: "passage.test" }, body: new Uint8Array(body) }));

async function refusedThroughRoute(body: Buffer): Promise<string[]> {
  const response = await upload(body);
  expect(response.status).toBe(200);
  const { jobId } = (await response.json()) as { jobId: string };
  const view = await settledImportJob(state.user!, jobId, 60_000);
  expect(view.phase).toBe("validated");
  expect(readdirSync(importRoot())).toEqual([]);
  return view.report!.errors.map((e) => e.message.key);
}

describe("POST /api/import with a bomb", () => {
  it("an XLSX whose one cell inflates to 300 MiB", async () => {
    const file = path.join(dir, "bomb.xlsx");
    await writeZip(file, workbook(() => sheetXml([HEADER, ["B-1", "RT-OFF", "2012-01-05", "Feminine", () => repeated("A", 300 * MiB)]])));
    expect(await refusedThroughRoute(readFileSync(file))).toEqual(["rowTooLong"]);
  }, 120_000);

  it("an XLSX with a huge sharedStrings.xml", async () => {
    const file = path.join(dir, "shared.xlsx");
    const item = `<si><t>${"Synthetic filler text ".repeat(40)}</t></si>`;
    await writeZip(file, workbook(() => sheetXml([HEADER]), () => ["<sst>", ...repeated(item, 200 * MiB), "</sst>"]));
    expect(await refusedThroughRoute(readFileSync(file))).toEqual(["sharedStringsTooLarge"]);
  }, 120_000);

  it("a CSV of one 64 MiB line", async () => {
    expect(await refusedThroughRoute(Buffer.from(`${HEADER.join(",")}\r\nG-1,RT-OFF,2012-01-05,Feminine,${"x".repeat(64 * MiB)}\r\n`))).toEqual(["rowTooLong"]);
  }, 60_000);

  it("and the server still serves: a good file goes through", async () => {
    const response = await upload(Buffer.from(`${HEADER.join(",")}\r\nG-1,RT-OFF,2012-01-05,Feminine,avrr\r\n`));
    const { jobId } = (await response.json()) as { jobId: string };
    const view = await settledImportJob(state.user!, jobId);
    expect(view.report).toMatchObject({ errorCount: 0, toImport: 1 });
  });
});
