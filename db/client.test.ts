import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { offices } from "@/db/schema";
import { makeOffice } from "@/server/testing/factories";
import { createTestDb, destroyTestDb } from "@/server/testing/test-db";
import type { Db } from "./client";

let db: Db;
beforeAll(() => {
  db = createTestDb();
  makeOffice(db, { code: "T-STMT-1" });
  makeOffice(db, { code: "T-STMT-2" });
});
afterAll(() => destroyTestDb(db));

describe("drizzle's statement cache", () => {
  it("a statement left in raw mode by one query answers the next query with the same text in objects", () => {
    const query = db.select({ code: offices.code }).from(offices).orderBy(offices.code);
    expect(query.all().map((r) => r.code)).toContain("T-STMT-1"); // drizzle reads rows in raw mode
    const again = db.all<{ code: string }>(sql.raw(query.toSQL().sql));
    expect(again[0]).toHaveProperty("code");
  });

  it("code that prepares its own statements gets the connection itself", () => {
    const plucked = db.$client.prepare("SELECT count(*) FROM offices").pluck();
    expect(typeof plucked.get()).toBe("number");
    expect(db.all<{ n: number }>(sql.raw("SELECT count(*) FROM offices"))[0]).toBeTypeOf("object");
  });
});
