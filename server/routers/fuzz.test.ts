/**
 * Every procedure of the app router, called with generated inputs by every role: none may end in an
 * internal error. A refusal (validation, permission, not found, conflict, a business rule) is a
 * correct answer; INTERNAL_SERVER_ERROR, or anything thrown that is not a TRPCError, is a bug.
 *
 * Inputs come from each procedure's own zod schema (server/testing/zod-arbitrary.ts): mostly
 * shaped like valid input and drawn from the records of a small world, so calls reach the
 * services; sometimes anything at all. PASSAGE_FUZZ_RUNS sets the number of inputs per procedure
 * (default 1,000, as issue 11 asks); each run picks one of the four roles.
 */
import { TRPCError } from "@trpc/server";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { ZCreateOrganisation, ZCreateService } from "@/lib/schemas/assistance";
import { can, ROLES, type Permission, type Role } from "@/lib/permissions";
import type { SessionUser } from "@/server/auth/session-user";
import { appRouter } from "@/server/routers/_app";
import { addCaseNote } from "@/server/services/case-notes";
import { createService } from "@/server/services/case-services";
import { recordConsent } from "@/server/services/consents";
import { submitForm } from "@/server/services/form-responses";
import { createOrganisation } from "@/server/services/organisations";
import { makeOffice } from "@/server/testing/factories";
import { registerTestCase } from "@/server/testing/registry-fixtures";
import { callerFor, makeUser } from "@/server/testing/sessions";
import { createTestDb, destroyTestDb } from "@/server/testing/test-db";
import { inputArbitrary, type Pool } from "@/server/testing/zod-arbitrary";

const RUNS = Number(process.env.PASSAGE_FUZZ_RUNS ?? 1_000);

type World = { db: Db; users: Record<Role, SessionUser>; pool: Pool };

/** Two offices, one user of each role in the first, a case with a screening submitted, consent, a service, a partner. */
function buildWorld(db: Db): World {
  const a = makeOffice(db, { countryIso2: "AT" });
  const b = makeOffice(db, { countryIso2: "UA" });
  const users = {
    caseworker: makeUser(db, { role: "caseworker", officeIds: [a.id] }),
    supervisor: makeUser(db, { role: "supervisor", officeIds: [a.id] }),
    data_officer: makeUser(db, { role: "data_officer" }),
    administrator: makeUser(db, { role: "administrator" }),
  } satisfies Record<Role, SessionUser>;
  const owner = users.caseworker;
  const own = registerTestCase(db, owner);
  const other = registerTestCase(db, makeUser(db, { role: "caseworker", officeIds: [b.id] }));
  addCaseNote(db, owner, own.caseCode, "Synthetic fuzz note");
  submitForm(db, owner, {
    caseCode: own.caseCode,
    formId: "screening",
    answers: { interviewDate: "2026-03-02", interviewCountry: "AT", interviewer: "Fuzz", interviewLanguage: "de", interpreterUsed: "no", referralSource: "ngo", consentToScreening: "no", decision: "not_eligible", decisionReason: "Synthetic" },
  });
  for (const purpose of ["assistance", "data_processing"] as const) {
    recordConsent(db, owner, { code: own.caseCode, purpose, decision: "given", decidedOn: "2026-03-02" });
  }
  const service = createService(db, owner, ZCreateService.parse({ code: own.caseCode, type: "medical", status: "needed" }));
  const organisation = createOrganisation(
    db,
    users.administrator,
    ZCreateOrganisation.parse({ name: "Fuzz partner", type: "NGO", countryIso2: "AT", services: ["accommodation"], officeId: a.id }),
  );
  const pool: Pool = {
    strings: [own.caseCode, own.personCode, other.caseCode, other.personCode, a.code, b.code, "AT", "UA", "2026-03-02", "2012", "screening", "assistance", "en", ""],
    numbers: [a.id, b.id, service.id, organisation.id, users.caseworker.id, users.supervisor.id, 1, 2, 2012, 2026],
    byKey: [
      [/^(code|caseCode)$/, [own.caseCode, own.caseCode, other.caseCode]],
      [/personCode$/i, [own.personCode, other.personCode]],
      [/^officeId$/, [a.id, a.id, b.id]],
      [/^toOfficeId$/, [b.id, a.id]],
      [/^organisationId$/, [organisation.id]],
      [/^id$/, [1, 2, 3, 4, 5, service.id, organisation.id]],
      [/^userId$/, [users.caseworker.id, users.supervisor.id]],
      [/^version$/, [1, 2, 3, 4, 5]],
      [/^(year|yearFrom|yearTo)$/, [2012, 2026]],
      [/(On|Date)$/, ["2026-03-02", "2026-03-10", "2025-12-31"]],
      [/[cC]ountr|[cC]itizenship|Iso2$/, ["AT", "UA", "NG"]],
    ],
  };
  return { db, users, pool };
}

type ProcedureDef = { _def: { inputs: unknown[]; meta?: { permission?: Permission } } };

/** Mostly a role that holds the procedure's permission (to reach the service), sometimes any role. */
function roleArbitrary(procedure: ProcedureDef): fc.Arbitrary<Role> {
  const permission = procedure._def.meta?.permission;
  const allowed = ROLES.filter((role) => !permission || can(role, permission));
  if (allowed.length === 0 || allowed.length === ROLES.length) return fc.constantFrom(...ROLES);
  return fc.oneof({ arbitrary: fc.constantFrom(...allowed), weight: 4 }, { arbitrary: fc.constantFrom(...ROLES), weight: 1 });
}
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, ProcedureDef>).sort(([x], [y]) => x.localeCompare(y));

/** Calls `path` ("cases.get") on a caller; tRPC callers are nested objects of functions. */
async function call(caller: ReturnType<typeof callerFor>, path: string, input: unknown): Promise<unknown> {
  let target: unknown = caller;
  for (const part of path.split(".")) target = (target as Record<string, unknown>)[part];
  return (target as (input: unknown) => Promise<unknown>)(input);
}

/** A description of what went wrong, or null when the call ended as a correct answer or refusal. */
function internalError(error: unknown): string | null {
  if (!(error instanceof TRPCError)) return `not a TRPCError: ${String(error)}`;
  if (error.code !== "INTERNAL_SERVER_ERROR") return null;
  const cause = error.cause instanceof Error ? `${error.cause.name}: ${error.cause.message}` : String(error.cause);
  return `internal error: ${cause}`;
}

/** How calls ended, per procedure: PASSAGE_FUZZ_REPORT=1 prints it, to see that inputs reach the services. */
const outcomes = new Map<string, Map<string, number>>();
function tally(path: string, outcome: string): void {
  const counts = outcomes.get(path) ?? new Map<string, number>();
  counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  outcomes.set(path, counts);
}
afterAll(() => {
  if (!process.env.PASSAGE_FUZZ_REPORT) return;
  for (const [path, counts] of outcomes) process.stdout.write(`${path}: ${[...counts].map(([k, v]) => `${k} ${v}`).join(", ")}\n`);
});

describe(`every procedure, ${RUNS} generated inputs each, every role`, () => {
  it("covers the whole router", () => {
    expect(procedures.length).toBeGreaterThan(50);
  });

  for (const [path, procedure] of procedures) {
    it(path, { timeout: 600_000 }, async () => {
      const db = createTestDb();
      try {
        const world = buildWorld(db);
        const callers = Object.fromEntries(ROLES.map((role) => [role, callerFor(db, world.users[role])])) as Record<Role, ReturnType<typeof callerFor>>;
        await fc.assert(
          fc.asyncProperty(roleArbitrary(procedure), inputArbitrary(procedure._def.inputs, world.pool), async (role, input) => {
            const problem = await call(callers[role], path, input).then(
              () => {
                tally(path, "ok");
                return null;
              },
              (error: unknown) => {
                tally(path, error instanceof TRPCError ? error.code : "thrown");
                return internalError(error);
              },
            );
            if (problem) throw new Error(`${path} as ${role}: ${problem}`);
          }),
          { numRuns: RUNS, seed: Number(process.env.PASSAGE_FUZZ_SEED ?? 20261204) },
        );
      } finally {
        destroyTestDb(db);
      }
    });
  }
});
