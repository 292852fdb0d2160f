import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { DEFINITIONS_VERSION } from "@/server/stats/partials";
import { makeOffice } from "@/server/testing/factories";
import { makeUser } from "@/server/testing/sessions";
import { createTestDb, destroyTestDb } from "@/server/testing/test-db";
import { runImportCli } from "./cli";

const EXAMPLE = path.join(process.cwd(), "docs", "examples", "import-example.csv");

let db: Db;
beforeAll(() => {
  db = createTestDb();
  for (const code of ["AT-VIE", "UA-KBP", "ID-JKT", "HT-PAP", "ET-ADD"]) {
    // Every office needs someone to own imported cases.
    makeUser(db, { role: "supervisor", officeIds: [makeOffice(db, { code, countryIso2: code.slice(0, 2) }).id] });
  }
});
afterAll(() => destroyTestDb(db));

const partials = () => Number(db.$client.prepare("SELECT count(*) FROM stats_partials WHERE definitions = ?").pluck().get(DEFINITIONS_VERSION));

describe("npm run passage -- import", () => {
  it("a dry run writes nothing, statistics included", async () => {
    let out = "";
    expect(await runImportCli(db, { file: EXAMPLE, dryRun: true }, (t) => (out += t))).toBe(0);
    expect(out).toContain("Dry run: nothing was written.");
    expect(partials()).toBe(0);
  });

  it("imports, then counts the statistics of the years imported so that the first statistic is quick", async () => {
    let out = "";
    let progress = "";
    expect(await runImportCli(db, { file: EXAMPLE }, (t) => (out += t), (t) => (progress += t))).toBe(0);
    expect(out).toContain("Imported: 12 cases");
    expect(progress).toMatch(/Statistics counted for \d{4}-\d{4}/);
    // One partial per year and office, for the five offices.
    const years = db.$client.prepare("SELECT max(registration_year) - min(registration_year) + 1 FROM cases").pluck().get() as number;
    expect(partials()).toBe(years * 5);
  });
});
