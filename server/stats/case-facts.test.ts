import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { createTestDb, destroyTestDb } from "@/server/testing/test-db";
import { FACTS_SQL } from "./case-facts";
import { StatsFixture } from "./fixtures";

let db: Db;
beforeAll(() => {
  db = createTestDb();
});
afterAll(() => destroyTestDb(db));

const plan = (sql: string) =>
  (db.$client.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ from: 2012, to: 2012, offices: null }) as { detail: string }[]).map((r) => r.detail);

describe("statistics read cases from the covering index alone", () => {
  it("every case of a year: one range of cases_statistics_idx, in person order, no table row, no sort", () => {
    const steps = plan(FACTS_SQL.all);
    expect(steps.some((s) => s.includes("COVERING INDEX cases_statistics_idx"))).toBe(true);
    expect(steps.join("\n")).not.toMatch(/TEMP B-TREE|SCAN cases(?! USING COVERING)/);
  });

  it("persons with several cases: the index for both the persons and their cases", () => {
    const steps = plan(FACTS_SQL.repeated);
    expect(steps.filter((s) => s.includes("COVERING INDEX cases_statistics_idx"))).toHaveLength(2);
    expect(steps.join("\n")).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
  });

  it("the copies of exploitation and reintegration types follow case_values", () => {
    const sql = db.$client;
    const fixture = new StatsFixture(db);
    const id = fixture.add({ office: fixture.office("AT"), person: 1 });
    const copies = () => sql.prepare("SELECT exploitation_types AS e, reintegration_types AS r FROM cases WHERE id = ?").get(id);
    const add = sql.prepare("INSERT INTO case_values (case_id, kind, value) VALUES (?, ?, ?)");
    add.run(id, "exploitation", "SexualExploitation");
    add.run(id, "exploitation", "ForcedLabour");
    add.run(id, "reintegration", "counselling");
    add.run(id, "control", "Threats");
    expect(copies()).toEqual({ e: "ForcedLabour;SexualExploitation", r: "counselling" });
    sql.prepare("UPDATE case_values SET value = 'medical' WHERE case_id = ? AND kind = 'reintegration'").run(id);
    sql.prepare("DELETE FROM case_values WHERE case_id = ? AND value = 'ForcedLabour'").run(id);
    expect(copies()).toEqual({ e: "SexualExploitation", r: "medical" });
    sql.prepare("DELETE FROM case_values WHERE case_id = ?").run(id);
    expect(copies()).toEqual({ e: null, r: null });
  });
});
