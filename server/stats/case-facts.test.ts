import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { createTestDb, destroyTestDb } from "@/server/testing/test-db";
import { caseValuesCopy } from "@/db/queries/interchange";
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

describe("bulk writers set the copies with the case", () => {
  it("caseValuesCopy() is what the triggers compute, so the values inserted after leave the case alone", () => {
    const fixture = new StatsFixture(db);
    const id = fixture.add({ office: fixture.office("UA"), person: 2 });
    const sql = db.$client;
    const values = ["SexualExploitation", "ForcedLabour", "ChildLabour", "ForcedLabour"];
    const copy = caseValuesCopy(values);
    sql.prepare("UPDATE cases SET exploitation_types = ? WHERE id = ?").run(copy, id);
    const changes = () => Number(sql.prepare("SELECT total_changes()").pluck().get());
    const before = changes();
    for (const v of values) sql.prepare("INSERT OR IGNORE INTO case_values (case_id, kind, value) VALUES (?, 'exploitation', ?)").run(id, v);
    // Three rows inserted, the case not rewritten.
    expect(changes() - before).toBe(3);
    expect(sql.prepare("SELECT exploitation_types FROM cases WHERE id = ?").pluck().get(id)).toBe(copy);
    expect(
      sql.prepare("SELECT group_concat(value, ';' ORDER BY value) FROM case_values WHERE case_id = ? AND kind = 'exploitation'").pluck().get(id),
    ).toBe(copy);
  });
});
