import { TRPCError } from "@trpc/server";
import ExcelJS from "exceljs";
import fc from "fast-check";
import Papa from "papaparse";
import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { SessionUser } from "@/server/auth/session-user";
import type { OfficeFixture } from "@/server/testing/factories";
import { callerFor, makeUser, type Caller } from "@/server/testing/sessions";
import { createTestDb, destroyTestDb } from "@/server/testing/test-db";
import { safeText } from "./files";
import { StatsFixture } from "./fixtures";
import { kAnonymise, MICRODATA_COLUMNS, QUASI_IDENTIFIERS, type MicrodataRow } from "./microdata";

let db: Db;
let at: OfficeFixture;
let ua: OfficeFixture;
let supervisor: SessionUser;
let dataOfficer: SessionUser;
const filters = { yearFrom: 2012, yearTo: 2012 };

beforeAll(() => {
  db = createTestDb();
  const f = new StatsFixture(db);
  at = f.office("AT");
  ua = f.office("UA");
  supervisor = makeUser(db, { role: "supervisor", officeIds: [ua.id] });
  dataOfficer = makeUser(db, { role: "data_officer" });
  // 60 synthetic cases: mostly common profiles, a few rare ones.
  for (let i = 0; i < 60; i++) {
    const office = i % 3 === 0 ? at : ua;
    f.add({
      office,
      person: i,
      programme: i % 4 === 0 ? "avrr" : "vulnerable_migrant",
      victim: i % 2 === 0,
      main: i % 2 === 1,
      sex: i % 5 === 0 ? "Masculine" : "Feminine",
      age: i % 7 === 0 ? 15 : 30,
      citizenship: i === 59 ? "NP" : "UA",
      exploitationCountry: i % 2 === 0 ? "PL" : null,
      exploitation: i % 2 === 0 ? ["ForcedLabour"] : [],
      control: i % 2 === 0 ? ["DebtBondage", "WithholdsDocuments"] : [],
      returnCountry: "UA",
      reintegration: i % 8 === 0 ? ["counselling"] : [],
      status: i % 6 === 0 ? "Closed" : "Active",
      ownerId: i % 2 === 0 ? supervisor.id : undefined,
    });
  }
});
afterAll(() => destroyTestDb(db));

async function failure(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCError) return error.cause instanceof AppError ? error.cause.code : error.code;
    throw error;
  }
  throw new Error("expected the call to fail");
}

const procedures = (api: Caller) => ({
  overview: () => api.stats.overview(),
  options: () => api.stats.options(),
  indicators: () => api.stats.indicators({ filters }),
  review: () => api.stats.review({ filters }),
  workload: () => api.stats.workload(),
  exportAggregates: () => api.stats.exportAggregates({ indicators: ["assisted.by_sex"], filters, format: "csv" }),
  exportMicrodata: () => api.stats.exportMicrodata({ filters, format: "csv" }),
});

describe("who may call what", () => {
  it("caseworkers and administrators are refused every statistics procedure", async () => {
    for (const role of ["caseworker", "administrator"] as const) {
      const user = makeUser(db, { role, officeIds: role === "caseworker" ? [ua.id] : [] });
      for (const [name, call] of Object.entries(procedures(callerFor(db, user)))) {
        expect(await failure(call()), `${role} ${name}`).toBe("FORBIDDEN");
      }
    }
  });

  it("signed-out callers are refused", async () => {
    expect(await failure(callerFor(db, null).stats.review({ filters }))).toBe("UNAUTHENTICATED");
  });

  it("supervisors see their offices' figures and workload, and cannot export", async () => {
    const api = callerFor(db, supervisor);
    const set = await api.stats.indicators({ filters, ids: ["assisted.by_programme"] });
    expect(set["assisted.by_programme"]!.total).toBe(40); // the 40 cases of Kyiv
    expect(await failure(api.stats.indicators({ filters: { ...filters, officeCode: at.code } }))).toBe("NOT_FOUND");
    const workload = await api.stats.workload();
    // Kyiv's 40 cases are all open (the closed ones, i % 6 === 0, are all in Vienna).
    expect(workload.total).toBe(40);
    expect(workload.byStatus).toEqual([
      { status: "Active", count: 40 },
      { status: "FollowUp", count: 0 },
    ]);
    expect(workload.byOwner.map((o) => o.owner)).toContain(supervisor.name);
    expect(await failure(procedures(api).exportAggregates())).toBe("FORBIDDEN");
    expect(await failure(procedures(api).exportMicrodata())).toBe("FORBIDDEN");
  });

  it("data officers have no workload (it names staff and is a supervisor's view)", async () => {
    expect(await failure(callerFor(db, dataOfficer).stats.workload())).toBe("FORBIDDEN");
  });

  it("a data officer restricted to a region sees only it", async () => {
    const regional = makeUser(db, { role: "data_officer", regionScope: "european_economic_area" });
    const api = callerFor(db, regional);
    const set = await api.stats.indicators({ filters, ids: ["assisted.by_programme"] });
    expect(set["assisted.by_programme"]!.total).toBe(20);
    expect(await failure(api.stats.indicators({ filters: { ...filters, officeCode: ua.code } }))).toBe("NOT_FOUND");
    expect((await api.stats.options()).offices.map((o) => o.code)).toEqual([at.code]);
  });
});

const IDENTITY_KEYS = /"(caseCode|personCode|personId|person_id|caseId|case_id|familyName|givenName|birthDate|aliases|phone|address|documents|nextOfKin|note|body|ciphertext|iv)"/;

describe("data officer payloads are aggregate only", () => {
  it("review, indicators and options contain no identity, narrative or case field", async () => {
    const api = callerFor(db, dataOfficer);
    const codes = db.$client.prepare("SELECT code FROM cases UNION ALL SELECT code FROM persons").all() as { code: string }[];
    for (const payload of [await api.stats.review({ filters }), await api.stats.indicators({ filters }), await api.stats.options()]) {
      const json = JSON.stringify(payload);
      expect(json).not.toMatch(IDENTITY_KEYS);
      for (const { code } of codes) expect(json).not.toContain(code);
    }
  });
});

async function exportFile(api: Caller, input: Parameters<Caller["stats"]["exportAggregates"]>[0]) {
  const result = await api.stats.exportAggregates(input);
  return { ...result, buffer: Buffer.from(result.base64, "base64") };
}

describe("aggregate exports", () => {
  it("CSV: states the rule, suppresses small cells as x, is audited", async () => {
    const api = callerFor(db, dataOfficer);
    const file = await exportFile(api, { indicators: ["assisted.by_sex", "vot.by_age_group"], filters, format: "csv", k: 11 });
    const text = file.buffer.toString("utf8");
    expect(file.filename).toBe("passage-statistics_2012.csv");
    expect(text).toContain("counts from 1 to 10 are suppressed");
    const rows = Papa.parse<string[]>(text.replace(/^\ufeff/, "")).data;
    const sex = rows.findIndex((r) => r[0]?.startsWith("assisted.by_sex"));
    // 60 persons: 12 male, 48 female; nothing from 1 to 10 is published.
    const published = rows.slice(sex).flatMap((r) => r.slice(1)).filter((v) => /^\d+$/.test(v)).map(Number);
    expect(published.every((n) => n === 0 || n >= 11)).toBe(true);
    expect(text).toContain("Male,12");
    const event = db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1).get()!;
    expect(event.action).toBe("stats.exported");
    expect(event.actorUserId).toBe(dataOfficer.id);
    expect(JSON.parse(event.details)).toMatchObject({ format: "csv", mode: "suppress", k: 11 });
  });

  it("CSV: victims by age has a small cell and its complement hidden", async () => {
    const api = callerFor(db, dataOfficer);
    const file = await exportFile(api, { indicators: ["vot.by_age_group"], filters, format: "csv", k: 11 });
    const rows = Papa.parse<string[]>(file.buffer.toString("utf8").replace(/^\ufeff/, "")).data;
    const start = rows.findIndex((r) => r[0]?.startsWith("vot.by_age_group"));
    const body = rows.slice(start).filter((r) => ["Children (under 18)", "Adults (18 and over)", "Not recorded", "Total"].includes(r[0]!));
    // 30 victims: 5 children (ages 15 at i % 14 === 0), 25 adults, 0 not recorded.
    expect(body.map((r) => r[1])).toEqual(["x", "x", "0", "30"]);
  });

  it("XLSX: an About sheet and one sheet per table, each stating the rule; rounding mode says so", async () => {
    const api = callerFor(db, dataOfficer);
    const file = await exportFile(api, { indicators: ["assisted.by_programme"], filters, format: "xlsx", mode: "round", base: 5 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.buffer as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["About", "assisted.by_programme"]);
    const sheet = wb.getWorksheet("assisted.by_programme")!;
    expect(String(sheet.getCell("A1").value)).toContain("rounded to the nearest multiple of 5");
    const values: (string | number)[][] = [];
    sheet.eachRow((row) => values.push((row.values as (string | number)[]).slice(1)));
    const numbers = values.flatMap((r) => r.slice(1)).filter((v): v is number => typeof v === "number");
    expect(numbers.every((n) => n % 5 === 0)).toBe(true);
  });

  it("refuses k below 5", async () => {
    const api = callerFor(db, dataOfficer);
    expect(await failure(api.stats.exportAggregates({ indicators: ["assisted.by_sex"], filters, format: "csv", k: 3 }))).toBe("BAD_REQUEST");
  });

  it("protects text cells against formula injection", () => {
    for (const bad of ["=1+1", "+SUM(A1)", "-2", "@cmd", "\tx", "\rx"]) expect(safeText(bad)).toBe(`'${bad}`);
    expect(safeText("Viet Nam")).toBe("Viet Nam");
  });
});

describe("microdata", () => {
  it("exports k-anonymous rows with coarse columns only, and says how many were withheld", async () => {
    const api = callerFor(db, dataOfficer);
    const result = await api.stats.exportMicrodata({ filters, format: "csv", k: 5 });
    const text = Buffer.from(result.base64, "base64").toString("utf8").replace(/^\ufeff/, "");
    expect(text).toContain("k-anonymous with k = 5");
    const lines = text.split("\r\n").filter((l) => l && !l.startsWith("#"));
    const parsed = Papa.parse<Record<string, string>>(lines.join("\n"), { header: true }).data;
    expect(Object.keys(parsed[0]!)).toEqual([...MICRODATA_COLUMNS]);
    expect(result.rows + result.withheld).toBe(60);
    expect(result.rows).toBe(parsed.length);
    const classes = new Map<string, number>();
    for (const r of parsed) {
      const key = QUASI_IDENTIFIERS.map((q) => r[q]).join("|");
      classes.set(key, (classes.get(key) ?? 0) + 1);
    }
    for (const n of classes.values()) expect(n).toBeGreaterThanOrEqual(5);
    // The one Nepali citizen is recoded, never published.
    expect(text).not.toContain(",NP,");
    const event = db.select().from(auditEvents).where(eq(auditEvents.action, "stats.microdata_exported")).get()!;
    expect(JSON.parse(event.details)).toMatchObject({ k: 5, released: result.rows, withheld: result.withheld });
  });

  it("kAnonymise: every released combination of quasi-identifiers occurs at least k times", () => {
    const row = fc.record({
      registration_year: fc.constantFrom(2011, 2012),
      sex: fc.constantFrom("Feminine", "Masculine", "not_recorded"),
      age_band: fc.constantFrom("15-17", "18-24", "25-34"),
      citizenship: fc.constantFrom("UA", "ID", "HT", "NP", "not_recorded"),
      country_of_exploitation: fc.constantFrom("RU", "MY", "not_recorded"),
      exploitation_types: fc.constantFrom("ForcedLabour", "not_recorded"),
      means_of_control: fc.constant("not_recorded"),
      forced_labour_sector: fc.constant("not_recorded"),
      recruiter_relationship: fc.constant("not_recorded"),
      trafficking_type: fc.constantFrom("internal", "international"),
      programme: fc.constantFrom("avrr", "para"),
    }) as fc.Arbitrary<MicrodataRow>;
    fc.assert(
      fc.property(fc.array(row, { maxLength: 300 }), fc.integer({ min: 2, max: 15 }), (rows, k) => {
        const out = kAnonymise(rows, k);
        expect(out.rows.length + out.withheld).toBe(rows.length);
        const classes = new Map<string, number>();
        for (const r of out.rows) {
          const key = QUASI_IDENTIFIERS.map((q) => r[q]).join("|");
          classes.set(key, (classes.get(key) ?? 0) + 1);
        }
        for (const n of classes.values()) expect(n).toBeGreaterThanOrEqual(k);
      }),
      { numRuns: 100 },
    );
  });
});
