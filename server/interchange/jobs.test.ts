import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import type { SessionUser } from "@/server/auth/session-user";
import { makeOffice } from "@/server/testing/factories";
import { callerFor, makeUser } from "@/server/testing/sessions";
import { createTestDb, destroyTestDb } from "@/server/testing/test-db";
import { importRoot } from "./job-folders";
import { settledImportJob, startImportJob, UploadTooLarge } from "./jobs";

/** Web import jobs through the imports router: personal, validated in the background, committed once. */

let db: Db;
let supervisor: SessionUser;
let colleague: SessionUser;

const FILE = "ext_ExternalCaseId,ext_RegistrationDate,prs_Gender,ext_Programme\r\nJ-1,2012-01-05,Feminine,avrr\r\nJ-2,2012-02-05,Masculine,para\r\n";
const upload = (user: SessionUser, text: string, office = "JOB-OFF") => startImportJob(db, user, [Buffer.from(text)], { defaultOfficeCode: office });

beforeEach(() => {
  db = createTestDb();
  const office = makeOffice(db, { code: "JOB-OFF" });
  supervisor = makeUser(db, { role: "supervisor", officeIds: [office.id] });
  colleague = makeUser(db, { role: "supervisor", officeIds: [office.id] });
});
afterEach(() => destroyTestDb(db));

describe("import jobs", () => {
  it("validate in the background, then commit once; the result is counts only", async () => {
    const id = await upload(supervisor, FILE);
    const api = callerFor(db, supervisor);
    const checked = await settledImportJob(supervisor, id);
    expect(checked.phase).toBe("validated");
    expect(checked.report).toMatchObject({ rows: 2, toImport: 2, errorCount: 0, offices: [{ code: "JOB-OFF", cases: 2 }] });
    const done = await api.imports.commit({ id });
    expect(done.phase).toBe("done");
    expect(done.result).toMatchObject({ cases: 2, persons: 2 });
    await expect(api.imports.commit({ id })).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    expect(Number(db.$client.prepare("SELECT count(*) FROM cases").pluck().get())).toBe(2);
  });

  it("refuse more case rows than a web import takes, pointing to the command line, and write nothing", async () => {
    const rows = Array.from({ length: 5 }, (_, i) => `W-${i},2012-01-05,Feminine,avrr`).join("\r\n");
    const id = await startImportJob(db, supervisor, [Buffer.from(`ext_ExternalCaseId,ext_RegistrationDate,prs_Gender,ext_Programme\r\n${rows}\r\n`)], {
      defaultOfficeCode: "JOB-OFF",
      maxRows: 3,
    });
    const checked = await settledImportJob(supervisor, id);
    expect(checked.report?.errorCount).toBe(1);
    expect(checked.report?.errors[0]).toMatchObject({ row: 5, message: { key: "tooManyRowsForWeb", params: { max: "3", row: 4 } } });
    await expect(callerFor(db, supervisor).imports.commit({ id })).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    expect(Number(db.$client.prepare("SELECT count(*) FROM cases").pluck().get())).toBe(0);
  });

  it("are their uploader's alone, even within the office", async () => {
    const id = await upload(supervisor, FILE);
    await settledImportJob(supervisor, id);
    const other = callerFor(db, colleague);
    await expect(other.imports.status({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(other.imports.commit({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(other.imports.discard({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("with problems cannot be committed, and a discarded job is forgotten", async () => {
    const id = await upload(supervisor, FILE.replace("Feminine", "Female"));
    const view = await settledImportJob(supervisor, id);
    expect(view.report?.errors.map((e) => [e.row, e.column, e.message.key])).toEqual([[2, "prs_Gender", "picklist"]]);
    const api = callerFor(db, supervisor);
    await expect(api.imports.commit({ id })).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    await api.imports.discard({ id });
    await expect(api.imports.status({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(Number(db.$client.prepare("SELECT count(*) FROM cases").pluck().get())).toBe(0);
  });

  it("a new upload replaces the user's previous job", async () => {
    const first = await upload(supervisor, FILE);
    const second = await upload(supervisor, FILE);
    await expect(callerFor(db, supervisor).imports.status({ id: first })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await settledImportJob(supervisor, second)).phase).toBe("validated");
  });

  it("refuse uploads over the limit, keeping nothing", async () => {
    await expect(startImportJob(db, supervisor, [Buffer.alloc(600), Buffer.alloc(600)], { maxBytes: 1_000 })).rejects.toBeInstanceOf(UploadTooLarge);
    expect(readdirSync(importRoot())).toEqual([]);
  });

  it("an upload cut off by the client leaves nothing", async () => {
    async function* broken() {
      yield Buffer.from(FILE);
      throw new Error("connection reset");
    }
    await expect(startImportJob(db, supervisor, broken(), { defaultOfficeCode: "JOB-OFF" })).rejects.toThrow("connection reset");
    expect(readdirSync(importRoot())).toEqual([]);
  });

  it("keep identities sealed in their private folder (0700, files 0600), and leave nothing once done", async () => {
    const markers = ["Zzsyntheticgiven", "Zzsyntheticfamily", "ZZ-DOC-000111"];
    const text = `ext_ExternalCaseId,ext_RegistrationDate,prs_Gender,ext_Programme,prs_FirstName,prs_SecondName,prs_IdentityNumber\r\n${Array.from(
      { length: 3_000 },
      (_, i) => `M-${i},2012-01-05,Feminine,avrr,${markers[0]},${markers[1]},${markers[2]}`,
    ).join("\r\n")}\r\n`;
    const files = () => {
      const found: { file: string; mode: number; bytes: Buffer }[] = [];
      for (const job of readdirSync(importRoot())) {
        const dir = path.join(importRoot(), job);
        expect(statSync(dir).mode & 0o777).toBe(0o700);
        for (const name of readdirSync(dir)) found.push({ file: name, mode: statSync(path.join(dir, name)).mode & 0o777, bytes: readFileSync(path.join(dir, name)) });
      }
      return found;
    };
    const clear = (found: ReturnType<typeof files>) => found.filter((f) => markers.some((m) => f.bytes.includes(m)));

    const id = await upload(supervisor, text);
    // Uploaded (and being checked): the upload is there, sealed.
    const uploaded = files();
    expect(uploaded.length).toBeGreaterThan(0);
    expect(uploaded.every((f) => f.mode === 0o600)).toBe(true);
    expect(clear(uploaded)).toEqual([]);

    const checked = await settledImportJob(supervisor, id);
    expect(checked.report).toMatchObject({ errorCount: 0, toImport: 3_000, withIdentity: 3_000 });
    // Checked: only the spool of the rows is left, sealed.
    const spooled = files();
    expect(spooled.map((f) => f.file)).toEqual([expect.stringMatching(/^rows-[0-9a-f]+\.spool$/)]);
    expect(spooled[0]!.mode).toBe(0o600);
    expect(clear(spooled)).toEqual([]);

    expect((await callerFor(db, supervisor).imports.commit({ id })).result).toMatchObject({ cases: 3_000, withIdentity: 3_000 });
    expect(readdirSync(importRoot())).toEqual([]);
  });

  it("leave nothing when the file has problems, or is discarded", async () => {
    const bad = await upload(supervisor, FILE.replace("Feminine", "Female"));
    expect((await settledImportJob(supervisor, bad)).report?.errorCount).toBe(1);
    expect(readdirSync(importRoot())).toEqual([]);
    const good = await upload(supervisor, FILE);
    await settledImportJob(supervisor, good);
    await callerFor(db, supervisor).imports.discard({ id: good });
    expect(readdirSync(importRoot())).toEqual([]);
  });

  it("refuse users who may not import", async () => {
    const caseworker = makeUser(db, { role: "caseworker", officeIds: supervisor.officeIds });
    await expect(upload(caseworker, FILE)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
