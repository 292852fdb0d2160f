import { desc } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { INDICATOR_IDS } from "@/lib/stats/indicators";
import { createTestDb, destroyTestDb } from "@/server/testing/test-db";
import { runStatsCli, StatsCliUsage } from "./cli";
import { StatsFixture } from "./fixtures";

let db: Db;
beforeAll(() => {
  db = createTestDb();
  const f = new StatsFixture(db);
  const office = f.office("UA");
  for (let i = 0; i < 30; i++) {
    f.add({ office, person: i, programme: "avrr", sex: i < 3 ? "Masculine" : "Feminine", age: 30, citizenship: "UA", returnCountry: "UA" });
  }
});
afterAll(() => destroyTestDb(db));

async function run(options: Parameters<typeof runStatsCli>[1]) {
  let out = "";
  await runStatsCli(db, options, (text) => (out += text));
  return out;
}

describe("stats command", () => {
  it("prints every indicator as JSON, exact, and is audited", async () => {
    const json = JSON.parse(await run({ year: "2012", json: true })) as { indicators: Record<string, { unit: string; rows: { count: number }[]; total: number }> };
    expect(Object.keys(json.indicators)).toEqual(INDICATOR_IDS);
    expect(json.indicators["avrr.by_sex"]).toEqual({
      unit: "cases",
      rows: [
        { sex: "Feminine", count: 27 },
        { sex: "Masculine", count: 3 },
        { sex: "not_recorded", count: 0 },
      ],
      total: 30,
    });
    const event = db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1).get()!;
    expect(event.action).toBe("stats.cli");
    expect(JSON.parse(event.details)).toMatchObject({ yearFrom: 2012, yearTo: 2012, export: null });
  });

  it("--export k applies the export rule", async () => {
    const json = JSON.parse(await run({ year: "2012", json: true, export: "11" })) as {
      rule: string;
      indicators: Record<string, { rows: { sex?: string; count: number | string }[]; total: number | string }>;
    };
    expect(json.rule).toContain("counts from 1 to 10 are suppressed");
    expect(json.indicators["avrr.by_sex"]!.rows.map((r) => r.count)).toEqual(["x", "x", 0]);
    expect(json.indicators["avrr.by_sex"]!.total).toBe(30);
  });

  it("refuses bad arguments", async () => {
    await expect(run({})).rejects.toBeInstanceOf(StatsCliUsage);
    await expect(run({ year: "2012", export: "3" })).rejects.toBeInstanceOf(StatsCliUsage);
    await expect(run({ year: "2012", office: "NO-SUCH" })).rejects.toBeInstanceOf(StatsCliUsage);
  });
});
