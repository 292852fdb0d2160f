import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeTransaction, type Db } from "@/db/client";
import { AppError } from "@/lib/errors";
import { ROLES, type Role } from "@/lib/permissions";
import { recordAudit } from "@/server/audit/record";
import type { SessionUser } from "@/server/auth/session-user";
import { makeOffice, type OfficeFixture } from "@/server/testing/factories";
import { registerTestCase } from "@/server/testing/registry-fixtures";
import { makeUser } from "@/server/testing/sessions";
import { createTestDb, destroyTestDb } from "@/server/testing/test-db";
import { exportAuditTrail } from "./export-audit-trail";

/**
 * Issue 11, item 13: supervisors (their offices) and administrators (all) export the audit trail of
 * an office or a period as CSV or JSON, in words, itself audited. The route handler
 * (app/api/audit/export) is a thin wrapper; its authorization is this service's, checked here for
 * every role and relationship like the procedures' matrix (server/routers/authorization.test.ts).
 */

let db: Db;
let officeA: OfficeFixture;
let officeB: OfficeFixture;
let caseA: string;

beforeAll(() => {
  db = createTestDb();
  officeA = makeOffice(db, { countryIso2: "AT" });
  officeB = makeOffice(db, { countryIso2: "UA" });
  caseA = registerTestCase(db, makeUser(db, { role: "caseworker", officeIds: [officeA.id] })).caseCode;
  registerTestCase(db, makeUser(db, { role: "caseworker", officeIds: [officeB.id] }));
  // A name that a spreadsheet would run as a formula.
  const formula = makeUser(db, { role: "administrator", name: "=HYPERLINK(1)" });
  writeTransaction(db, (tx) => recordAudit(tx, { action: "office.updated", actorUserId: formula.id, officeId: officeA.id, ip: "192.0.2.7", details: { changed: ["name"] } }));
});

afterAll(() => destroyTestDb(db));

const text = (file: ReturnType<typeof exportAuditTrail>) => [...file.pieces].join("");

type Relationship = "own" | "office" | "other";
type Verdict = "allow" | "deny";
/** Own: the actor's office (the only one they work in); office: all of the actor's offices (no
 * office named); other: another office named. */
const EXPECT: Record<Role, Record<Relationship, Verdict>> = {
  caseworker: { own: "deny", office: "deny", other: "deny" },
  supervisor: { own: "allow", office: "allow", other: "deny" },
  data_officer: { own: "deny", office: "deny", other: "deny" },
  administrator: { own: "allow", office: "allow", other: "allow" },
};

describe("audit trail export: authorization for every role and relationship", () => {
  for (const role of ROLES) {
    for (const rel of ["own", "office", "other"] as const) {
      it(`${role} / ${rel} -> ${EXPECT[role][rel]}`, () => {
        const actor = makeUser(db, { role, officeIds: role === "caseworker" || role === "supervisor" ? [officeA.id] : [] });
        const officeId = rel === "own" ? officeA.id : rel === "other" ? officeB.id : undefined;
        let outcome: Verdict;
        try {
          const file = exportAuditTrail(db, actor, { format: "json", filters: { officeId } });
          const events = JSON.parse(text(file)) as { office: string }[];
          // Allowed: only events of offices in scope came out.
          if (role === "supervisor") expect(events.every((e) => e.office === officeA.code)).toBe(true);
          outcome = "allow";
        } catch (error) {
          if (!(error instanceof AppError) || !["FORBIDDEN", "NOT_FOUND"].includes(error.code)) throw error;
          outcome = "deny";
        }
        expect(outcome).toBe(EXPECT[role][rel]);
      });
    }
  }
});

describe("audit trail export: content", () => {
  let supervisor: SessionUser;
  let admin: SessionUser;
  beforeAll(() => {
    supervisor = makeUser(db, { role: "supervisor", officeIds: [officeA.id] });
    admin = makeUser(db, { role: "administrator" });
  });

  it("writes CSV in words, with formulas neutralised and no address for a supervisor", () => {
    const csv = text(exportAuditTrail(db, supervisor, { format: "csv", filters: { officeId: officeA.id } }));
    expect(csv.startsWith("\ufeff#,When (UTC),Action,By,Record type,Record,Office,Details\r\n")).toBe(true);
    expect(csv).toContain("Case created");
    expect(csv).toContain(caseA);
    expect(csv).toContain(",\"'=HYPERLINK(1)\",");
    expect(csv).toContain("Changed: name");
    expect(csv).not.toContain("office.updated");
    expect(csv).not.toContain("192.0.2.7");
  });

  it("gives administrators the address column, and filters by period", () => {
    const today = new Date().toISOString().slice(0, 10);
    const json = JSON.parse(text(exportAuditTrail(db, admin, { format: "json", filters: { from: today, to: today } }))) as Record<string, unknown>[];
    expect(json.length).toBeGreaterThan(3);
    expect(json.some((e) => e.address === "192.0.2.7")).toBe(true);
    expect(json[0]).toMatchObject({ action: "Audit trail exported" });
    expect(JSON.parse(text(exportAuditTrail(db, admin, { format: "json", filters: { from: "2001-01-01", to: "2001-01-31" } })))).toEqual([]);
  });

  it("records every export as an audit event with its filters and count", () => {
    const file = exportAuditTrail(db, supervisor, { format: "csv", filters: { officeId: officeA.id, from: "2026-01-01" } }, "198.51.100.4");
    const row = db.$client.prepare("SELECT action, actor_user_id AS actor, office_id AS officeId, ip, details FROM audit_events ORDER BY id DESC LIMIT 1").get() as Record<string, unknown>;
    expect(row).toMatchObject({ action: "audit.exported", actor: supervisor.id, officeId: officeA.id, ip: "198.51.100.4" });
    expect(JSON.parse(row.details as string)).toMatchObject({ format: "csv", events: file.events, officeCode: officeA.code, fromDay: "2026-01-01" });
    // No office named: recorded against the supervisor's one office, so it shows in that office's trail.
    exportAuditTrail(db, supervisor, { format: "json", filters: {} });
    const mine = JSON.parse(text(exportAuditTrail(db, supervisor, { format: "json", filters: {} }))) as { action: string }[];
    expect(mine.slice(0, 2).map((e) => e.action)).toEqual(["Audit trail exported", "Audit trail exported"]);
  });
});
