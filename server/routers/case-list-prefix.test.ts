import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import type { SessionUser } from "@/server/auth/session-user";
import { makeOffice } from "@/server/testing/factories";
import { registerTestCase } from "@/server/testing/registry-fixtures";
import { callerFor, makeUser } from "@/server/testing/sessions";
import { createTestDb, destroyTestDb } from "@/server/testing/test-db";

/** Issue 15 item 2: the case list finds a case by the start of its code (within the user's scope). */

let db: Db;
let supervisor: SessionUser;
const mine: { caseCode: string; personCode: string }[] = [];
let theirs: { caseCode: string; personCode: string };

beforeAll(() => {
  db = createTestDb();
  const office = makeOffice(db, { countryIso2: "AT" });
  const other = makeOffice(db, { countryIso2: "UA" });
  supervisor = makeUser(db, { role: "supervisor", officeIds: [office.id] });
  const worker = makeUser(db, { role: "caseworker", officeIds: [office.id] });
  for (let i = 0; i < 6; i++) mine.push(registerTestCase(db, worker));
  theirs = registerTestCase(db, makeUser(db, { role: "caseworker", officeIds: [other.id] }));
});
afterAll(() => destroyTestDb(db));

describe("case list search by the start of a code", () => {
  it("every start of a case code finds that case, and only cases starting so", async () => {
    const api = callerFor(db, supervisor);
    const target = mine[0]!.caseCode; // C-XXXX-XXXX
    const body = target.replace(/[^0-9A-Z]/g, "").slice(1);
    for (let n = 1; n <= 8; n++) {
      const typed = `c ${body.slice(0, n).toLowerCase()}`;
      const result = await api.cases.list({ search: typed, limit: 100 });
      expect(result.invalidSearch).toBe(false);
      expect(result.rows.map((r) => r.code)).toContain(target);
      const prefix = `C-${body.slice(0, Math.min(n, 4))}${n > 4 ? `-${body.slice(4, n)}` : ""}`;
      for (const row of result.rows) expect(row.code.startsWith(prefix)).toBe(true);
      expect(result.total).toBe(mine.filter((c) => c.caseCode.startsWith(prefix)).length);
    }
    // The whole code still finds exactly one case.
    expect((await api.cases.list({ search: target })).rows.map((r) => r.code)).toEqual([target]);
  });

  it("the start of a person code finds that person's cases", async () => {
    const api = callerFor(db, supervisor);
    const person = mine[1]!.personCode;
    const result = await api.cases.list({ search: person.slice(0, 7) });
    expect(result.rows.map((r) => r.personCode)).toContain(person);
    for (const row of result.rows) expect(row.personCode.startsWith(person.slice(0, 6))).toBe(true);
  });

  it("another office's case is not found by its start", async () => {
    const api = callerFor(db, supervisor);
    const result = await api.cases.list({ search: theirs.caseCode.slice(0, 9), limit: 100 });
    expect(result.rows.map((r) => r.code)).not.toContain(theirs.caseCode);
  });

  it("text that cannot start a code is refused as a search, not listed as everything", async () => {
    const result = await callerFor(db, supervisor).cases.list({ search: "Testfamily" });
    expect(result).toMatchObject({ invalidSearch: true, total: 0, rows: [] });
  });

  it("the range the search uses is answered from the code's unique index", () => {
    for (const table of ["cases", "persons"]) {
      const plan = db.$client.prepare(`EXPLAIN QUERY PLAN SELECT id FROM ${table} WHERE code >= ? AND code < ?`).all("C-7K", "C-7K\u007f") as { detail: string }[];
      expect(plan.map((p) => p.detail).join(" ")).toMatch(/SEARCH \w+ USING (COVERING )?INDEX \w*code\w* \(code>\? AND code<\?\)/);
    }
  });
});
