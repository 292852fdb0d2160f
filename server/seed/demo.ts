import "server-only";
import { count, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { cases, offices, users } from "@/db/schema";
import { ZCreateOrganisation } from "@/lib/schemas/assistance";
import { ZRegisterCase } from "@/lib/schemas/registry";
import { createOrganisation } from "@/server/services/organisations";
import type { SessionUser } from "@/lib/session-user";
import { createOffice } from "@/server/services/create-office";
import { createUserWithPassword } from "@/server/services/create-user";
import { enrolDemoSecondFactor } from "@/server/services/second-factor";
import { registerCase } from "@/server/services/register-case";
import { updateCase } from "@/server/services/update-case";
import { seedDemoDesk, type DemoCase } from "./demo-desk";
import { seedSyntheticCases } from "./synthetic-cases";
import { DEMO_OFFICES, DEMO_ORGANISATIONS, DEMO_PASSWORD, DEMO_TOTP_SECRET, DEMO_USERS } from "@/db/seed/demo-accounts";
import { isoDateBetween, pick, pickWeighted, seededRandom, syntheticName } from "@/db/seed/synthetic";

/** Countries of origin drawn for demo people, loosely following the 2012 review's top nationalities. */
const ORIGINS = { UA: 16, ID: 15, HT: 10, TH: 6, RU: 6, AF: 5, KZ: 4, BY: 4, LK: 3, ET: 3, NG: 3, RO: 3, PH: 3 } as const;

/**
 * Fills an empty database with demo offices, one account per role (and a second caseworker and
 * supervisor in another office, to show the walls between offices), and a few hundred synthetic
 * people and cases. Does nothing if any office exists.
 */
export async function seedDemo(db: Db, options: { cases?: number; syntheticCases?: number; seed?: number } = {}) {
  if (db.select({ id: offices.id }).from(offices).limit(1).get()) return { created: false, summary: "" };
  const rand = seededRandom(options.seed ?? 2012);
  const officeIds = new Map<string, number>();
  for (const office of DEMO_OFFICES) officeIds.set(office.code, createOffice(db, null, office).id);

  const staff = new Map<string, SessionUser>();
  for (const u of DEMO_USERS) {
    const ids = u.offices.map((c) => officeIds.get(c)!);
    const { id } = await createUserWithPassword(db, {
      email: u.email,
      name: u.name,
      role: u.role,
      officeIds: ids,
      regionScope: null,
      password: DEMO_PASSWORD,
    });
    enrolDemoSecondFactor(db, id, DEMO_TOTP_SECRET);
    staff.set(u.email, { id, sessionId: "seed", email: u.email, name: u.name, role: u.role, officeIds: ids, regionScope: null });
  }
  const admin = [...staff.values()].find((u) => u.role === "administrator")!;
  for (const org of DEMO_ORGANISATIONS) {
    createOrganisation(
      db,
      admin,
      ZCreateOrganisation.parse({ ...org, services: [...org.services], officeId: officeIds.get(org.office) ?? null }),
    );
  }
  const caseworkers = [...staff.values()].filter((u) => u.role === "caseworker" || u.role === "supervisor");

  // Most demo cases come from the synthetic generator (every core variable filled, so the statistics
  // have something to show); a few dozen recent ones go through the registration service itself.
  const synthetic = seedSyntheticCases(db, {
    count: options.syntheticCases ?? 400,
    seed: options.seed ?? 2012,
    officeIds: [...officeIds.values()],
    yearFrom: 2023,
    yearTo: 2025,
  });
  const total = options.cases ?? 60;
  const today = new Date().toISOString().slice(0, 10);
  const recent: DemoCase[] = [];
  for (let i = 0; i < total; i++) {
    const worker = pick(rand, caseworkers);
    const officeId = worker.officeIds[0]!;
    const sex = pickWeighted(rand, { Feminine: 55, Masculine: 43, NonSpecifiedUnknown: 2 } as const);
    const age = rand() < 0.2 ? 8 + Math.floor(rand() * 10) : 18 + Math.floor(rand() * 40);
    const registeredOn = isoDateBetween(rand, "2026-01-01", today);
    const birthYear = Number(registeredOn.slice(0, 4)) - age;
    const knowsBirthDate = rand() < 0.6;
    const birthDate = knowsBirthDate
      ? `${birthYear}-${String(1 + Math.floor(rand() * 12)).padStart(2, "0")}-${String(1 + Math.floor(rand() * 28)).padStart(2, "0")}`
      : undefined;
    const registration = ZRegisterCase.parse({
      identity: {
        familyName: syntheticName(rand),
        givenName: syntheticName(rand),
        aliases: [],
        birthDate: birthDate && birthDate <= registeredOn ? birthDate : undefined,
        documents: rand() < 0.5 ? [{ type: "passport", number: `X${Math.floor(rand() * 1e7)}`, issuingCountry: undefined }] : [],
        nextOfKin: [],
      },
      person: {
        sex,
        birthYear: birthDate && birthDate <= registeredOn ? undefined : birthYear,
        citizenship: pickWeighted(rand, ORIGINS),
        otherCitizenships: [],
      },
      registeredOn,
      programme: pickWeighted(rand, { avrr: 40, para: 25, vulnerable_migrant: 35 } as const),
      officeId,
    });
    const { caseCode } = registerCase(db, worker, registration);
    const { programme } = registration;
    recent.push({ code: caseCode, worker, registeredOn, programme: programme ?? null, citizenship: registration.person.citizenship ?? "" });
    const categories = [
      ...(rand() < 0.35 ? (["victim"] as const) : []),
      ...(age < 18 && rand() < 0.5 ? (["unaccompanied_child"] as const) : []),
      ...(rand() < 0.1 ? (["health"] as const) : []),
    ];
    if (categories.length > 0 || rand() < 0.2) {
      updateCase(db, worker, {
        code: caseCode,
        version: 1,
        programme: db.select({ p: cases.programme }).from(cases).where(eq(cases.code, caseCode)).get()?.p ?? null,
        status: rand() < 0.2 ? "FollowUp" : "Active",
        registeredOn,
        countryOfIdentification: undefined,
        categories: categories.length > 0 ? [...categories] : ["main_population"],
      });
    }
  }
  const desk = seedDemoDesk(db, recent, today);
  const userCount = db.select({ n: count() }).from(users).get()?.n ?? 0;
  return {
    created: true,
    summary: `${DEMO_OFFICES.length} offices, ${userCount} users, ${total + synthetic.cases} cases (${desk.referrals} referrals awaiting an answer, ${desk.travel} return trips planned, ${desk.returns} returns being monitored)`,
  };
}
