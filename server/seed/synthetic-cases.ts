import "server-only";
import type { Db } from "@/db/client";
import { caseValuesCopy } from "@/db/queries/interchange";
import { CODE_ALPHABET } from "@/lib/codes";
import { blindIndex } from "@/server/crypto/blind-index";
import { blindIndexKey, vaultKeys } from "@/server/crypto/keys";
import { sealJson } from "@/server/crypto/vault";
import { IDENTITY_AAD } from "@/server/services/register-case";
import { createOffice } from "@/server/services/create-office";
import { isoDateBetween, pick, pickWeighted, seededRandom, syntheticName } from "@/db/seed/synthetic";

/**
 * Synthetic people and cases for demos, benchmarks and statistics, at any scale (a million in a few
 * minutes): prepared statements, batched transactions, no password hashing. Every value is drawn from
 * a seeded generator, so a seed gives the same data (apart from the random IVs of the encrypted
 * identities). Distributions follow the shares published in the IOM Migrant Assistance Division
 * Annual Review 2012:
 *   - regions of assistance (Figure 23): 46% Central & North America and the Caribbean, 34% European
 *     Economic Area, 10% Middle East & North Africa, 4% South-Eastern/Eastern Europe & Central Asia,
 *     3% Asia & the Pacific, 2% East & Southern Africa, 1% Central & West Africa, <1% South America;
 *   - programmes: 41,609 AVRR / 47,220 PARA / 14,311 vulnerable migrants (mix varies by region);
 *   - 77% male overall, victims of trafficking 58% female; 13% children overall, 28% of victims;
 *   - exploitation 45% labour, 20% sexual, then domestic servitude, combined, begging, criminal...;
 *     70% international and 30% internal trafficking (4,549 / 1,950);
 *   - countries of origin of victims (Figure 17), of AVRR returnees (Figure 15, Annex 2), host
 *     countries (Figure 14, Annex 3).
 * Some returnees have a second case: returned by a host-country office, then received for
 * reintegration by the office in their country of origin (one person, two counts of assistance).
 * A few values are left unrecorded, as in real data. Names are meaningless syllables.
 */

export type SyntheticOptions = {
  /** Number of cases to create (persons: about 95% of it, some having two cases). */
  count: number;
  seed?: number;
  /** Offices to use; by default the standard synthetic offices (created if missing). */
  officeIds?: number[];
  /** Registration years, inclusive; default 2008-2012, growing towards the last year. */
  yearFrom?: number;
  yearTo?: number;
};

export type SyntheticResult = { persons: number; cases: number; offices: number; ms: number };

/** One office per main country of the review's figures, covering every statistical region. */
export const SYNTHETIC_OFFICES = [
  ["US-WAS", "Washington", "US"], ["MX-MEX", "Mexico City", "MX"], ["GT-GUA", "Guatemala City", "GT"],
  ["HN-TGU", "Tegucigalpa", "HN"], ["HT-PAP", "Port-au-Prince", "HT"], ["DO-SDQ", "Santo Domingo", "DO"],
  ["DE-BER", "Berlin", "DE"], ["BE-BRU", "Brussels", "BE"], ["AT-VIE", "Vienna", "AT"], ["NL-HAG", "The Hague", "NL"],
  ["GR-ATH", "Athens", "GR"], ["NO-OSL", "Oslo", "NO"], ["GB-LON", "London", "GB"], ["IT-ROM", "Rome", "IT"],
  ["EG-CAI", "Cairo", "EG"], ["JO-AMM", "Amman", "JO"], ["YE-SAH", "Sana'a", "YE"], ["MA-RBA", "Rabat", "MA"],
  ["LY-TIP", "Tripoli", "LY"], ["IQ-BGW", "Baghdad", "IQ"],
  ["UA-KBP", "Kyiv", "UA"], ["BY-MSQ", "Minsk", "BY"], ["UZ-TAS", "Tashkent", "UZ"], ["RU-MOW", "Moscow", "RU"],
  ["KZ-ALA", "Almaty", "KZ"], ["RS-BEG", "Belgrade", "RS"], ["GE-TBS", "Tbilisi", "GE"],
  ["ID-JKT", "Jakarta", "ID"], ["AF-KBL", "Kabul", "AF"], ["TH-BKK", "Bangkok", "TH"], ["AU-CBR", "Canberra", "AU"],
  ["PK-ISB", "Islamabad", "PK"], ["BD-DAC", "Dhaka", "BD"], ["LK-CMB", "Colombo", "LK"], ["KH-PNH", "Phnom Penh", "KH"],
  ["ET-ADD", "Addis Ababa", "ET"], ["KE-NBO", "Nairobi", "KE"], ["ZA-PRY", "Pretoria", "ZA"],
  ["NG-ABV", "Abuja", "NG"], ["GH-ACC", "Accra", "GH"], ["SN-DKR", "Dakar", "SN"],
  ["AR-BUE", "Buenos Aires", "AR"], ["BR-BSB", "Brasilia", "BR"], ["CO-BOG", "Bogota", "CO"],
] as const;

/** Figure 23: individuals assisted by region (per cent). */
const REGION_SHARE: Record<string, number> = {
  central_and_north_america_and_the_caribbean: 46,
  european_economic_area: 34,
  middle_east_and_north_africa: 10,
  south_eastern_europe_eastern_europe_and_central_asia: 4,
  asia_and_the_pacific: 3,
  east_and_southern_africa: 2,
  central_and_west_africa: 1,
  south_america: 0.5,
  other: 0.5,
};

/** Within a region, offices weigh by the country's 2012 caseload (Annex 3 hosts, Figure 18, PARA). */
const OFFICE_WEIGHT: Record<string, number> = {
  MX: 3000, GT: 2500, HN: 2500, US: 1500, HT: 800, DO: 700,
  DE: 7755, GR: 7258, BE: 4694, NL: 2846, AT: 2601, NO: 1736, GB: 1200, IT: 847,
  YE: 1200, EG: 1000, JO: 800, MA: 800, IQ: 700, LY: 600,
  UA: 945, UZ: 535, BY: 197, RU: 300, KZ: 200, RS: 150, GE: 150,
  ID: 937, AU: 428, AF: 341, TH: 151, BD: 90, KH: 77, PK: 100, LK: 60,
};

type Programme = "avrr" | "para" | "vulnerable_migrant";
/** Programme mix by region: PARA in the Americas, AVRR from Europe, counter-trafficking elsewhere. */
const PROGRAMME_MIX: Record<string, Record<Programme, number>> = {
  central_and_north_america_and_the_caribbean: { para: 85, avrr: 8, vulnerable_migrant: 7 },
  european_economic_area: { avrr: 88, vulnerable_migrant: 7, para: 5 },
  middle_east_and_north_africa: { avrr: 45, para: 30, vulnerable_migrant: 25 },
  south_eastern_europe_eastern_europe_and_central_asia: { vulnerable_migrant: 50, para: 25, avrr: 25 },
  asia_and_the_pacific: { vulnerable_migrant: 50, para: 35, avrr: 15 },
  default: { vulnerable_migrant: 45, avrr: 30, para: 25 },
};

/** Figure 17 and the regional sections: countries of origin of victims of trafficking. */
const VOT_ORIGIN = {
  UA: 1001, ID: 960, HT: 603, UZ: 500, TH: 378, RU: 365, AF: 320, KZ: 214, BY: 200, LK: 183, ET: 165, KH: 161,
  MD: 120, PH: 100, BD: 90, NG: 90, EG: 80, RO: 80, MX: 70, GT: 60, GH: 60, YE: 60, HN: 50, US: 50, JO: 40,
  CN: 36, MM: 29, UG: 12, NP: 10,
} as const;

/** Figure 15 and Annex 2 (2012 column): countries of origin of AVRR returnees. */
const AVRR_ORIGIN = {
  PK: 2500, RS: 2300, RU: 2100, AF: 2019, BR: 1802, ET: 1515, IQ: 1500, BD: 1208, UA: 900, EC: 780, GE: 706,
  CN: 674, MK: 600, AM: 532, XK: 500, BA: 500, IN: 500, MN: 500, NG: 400, IR: 400, LK: 400, GH: 324, HU: 347,
  CO: 346, AL: 330, MA: 300, TN: 300, MX: 300, MD: 300, EG: 221, GM: 221, AZ: 220, SN: 200, TR: 200, VN: 200,
  SY: 200, CL: 183, CD: 187, DZ: 176, GN: 142, BO: 256, AR: 140, BI: 133,
} as const;

/** Where victims identified in their own country had been exploited abroad. */
const DESTINATIONS = { RU: 30, MY: 20, TH: 10, AE: 10, SA: 8, US: 6, PL: 5, TR: 5, KZ: 4, DE: 2 } as const;

const EXPLOITATION = { labour: 45, sexual: 20, domestic: 9, combined: 5, begging: 2, criminal: 2, other: 12, unknown: 5 } as const;
const SECTORS = {
  A_AgricultureForestryAndFishing: 30, F_Construction: 20, C_Manufacturing: 12, T_ActivitiesOfHouseholdsAsEmployers: 12,
  I_AccommodationAndFoodServiceActivities: 8, B_MiningAndQuarrying: 6, G_WholesaleAndRetailTradeRepairOfMotorVehicles: 4,
  S_OtherServiceActivities: 4, unknown: 4,
} as const;
const CONTROL = {
  WithholdsDocuments: 20, DebtBondage: 18, FalsePromises: 16, PhysicalThreats: 12, TakesEarnings: 10, PsychologicalAbuse: 8,
  PhysicalAbuse: 6, ExcessiveWorkingHours: 6, RestrictsFinancialAccess: 2, ThreatensChildrenFamily: 2,
} as const;
const REINTEGRATION = {
  cash_pocket_money: 30, counselling: 25, business_setup: 15, vocational_training: 8, medical_care: 6, job_placement: 5,
  education: 4, housing: 4, psychosocial_support: 3, basic_services: 3, family_reunification: 2, legal: 1,
} as const;

type OfficeRow = { id: number; code: string; country: string; region: string; ownerIds: number[] };

function ensureOffices(db: Db, officeIds: number[] | undefined): OfficeRow[] {
  if (!officeIds) {
    const existing = new Set((db.$client.prepare("SELECT code FROM offices").all() as { code: string }[]).map((r) => r.code));
    for (const [code, name, countryIso2] of SYNTHETIC_OFFICES) {
      if (!existing.has(code)) createOffice(db, null, { code, name: `${name} (synthetic)`, countryIso2 });
    }
  }
  const rows = (
    officeIds
      ? db.$client.prepare(`SELECT id, code, country_iso2 AS country, region FROM offices WHERE id IN (${officeIds.map(() => "?").join(",")})`).all(...officeIds)
      : db.$client.prepare("SELECT id, code, country_iso2 AS country, region FROM offices WHERE active = 1").all()
  ) as Omit<OfficeRow, "ownerIds">[];
  if (rows.length === 0) throw new Error("no office to attach synthetic cases to");
  const staff = db.$client.prepare(
    `SELECT u.id FROM users u JOIN user_offices uo ON uo.user_id = u.id
     WHERE uo.office_id = ? AND uo.confirmed_at IS NOT NULL AND u.role IN ('caseworker', 'supervisor') AND u.active = 1 ORDER BY u.id`,
  );
  const addUser = db.$client.prepare(
    `INSERT INTO users (email, name, role, password_hash, password_changed_at, active) VALUES (?, ?, 'caseworker', ?, ?, 1)`,
  );
  // The seed is the operator's own tool (like `access:confirm`): its memberships are confirmed.
  const addMembership = db.$client.prepare(
    "INSERT INTO user_offices (user_id, office_id, confirmed_at, requested_at) VALUES (?, ?, cast(unixepoch('subsec') * 1000 as integer), cast(unixepoch('subsec') * 1000 as integer))",
  );
  return rows.map((o) => {
    let ownerIds = (staff.all(o.id) as { id: number }[]).map((r) => r.id);
    if (ownerIds.length === 0) {
      // An account nobody can log in with (no password verifies against this hash), to own the cases.
      const id = Number(
        addUser.run(
          `synthetic.${o.code.toLowerCase()}@passage.invalid`,
          `Synthetic caseworker (${o.code})`,
          "$argon2id$v=19$m=19456,t=2,p=1$bm8tbG9naW4tc3ludGg$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
          Date.now(),
        ).lastInsertRowid,
      );
      addMembership.run(id, o.id);
      ownerIds = [id];
    }
    return { ...o, ownerIds };
  });
}

function weightedFromList<T>(rand: () => number, items: readonly T[], weight: (t: T) => number): T {
  const total = items.reduce((s, t) => s + weight(t), 0);
  let r = rand() * total;
  for (const t of items) {
    r -= weight(t);
    if (r < 0) return t;
  }
  return items[items.length - 1]!;
}

function pickSome<T extends string>(rand: () => number, weights: Readonly<Record<T, number>>, max: number): T[] {
  const n = 1 + Math.floor(rand() * max);
  const out = new Set<T>();
  for (let i = 0; i < n * 2 && out.size < n; i++) out.add(pickWeighted(rand, weights));
  return [...out].sort();
}

function pickCountry(rand: () => number, weights: Readonly<Record<string, number>>, not?: string): string {
  for (let i = 0; i < 8; i++) {
    const c = pickWeighted(rand, weights);
    if (c !== not) return c;
  }
  return Object.keys(weights).find((c) => c !== not)!;
}

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Creates `count` synthetic cases (and their persons, identities and multi-valued variables). */
export function seedSyntheticCases(db: Db, options: SyntheticOptions): SyntheticResult {
  const started = performance.now();
  const rand = seededRandom(options.seed ?? 2012);
  const yearFrom = options.yearFrom ?? 2008;
  const yearTo = options.yearTo ?? 2012;
  const offices = ensureOffices(db, options.officeIds);
  const byRegion = new Map<string, OfficeRow[]>();
  for (const o of offices) byRegion.set(o.region, [...(byRegion.get(o.region) ?? []), o]);
  const regions = [...byRegion.keys()];
  const officeByCountry = new Map(offices.map((o) => [o.country, o]));
  // Later years weigh more (the review's growth): year i of n has weight i + 1.
  const years: number[] = [];
  for (let y = yearFrom; y <= yearTo; y++) years.push(y);

  const c = db.$client;
  const insertPerson = c.prepare(
    `INSERT INTO persons (code, sex, birth_year, citizenship, blind_index, blind_index_names, registered_office_id, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertIdentity = c.prepare("INSERT INTO identities (person_id, key_id, iv, ciphertext, updated_at) VALUES (?, ?, ?, ?, ?)");
  const insertCase = c.prepare(
    `INSERT INTO cases (code, person_id, office_id, owner_id, status, programme, cat_victim, cat_umc, cat_health, cat_main,
       trafficking_status, funding_source, registered_on, registration_year, sex, age_at_registration, citizenship,
       country_identification, country_exploitation, trafficking_type, forced_labour_sector, recruiter_relationship,
       host_country, return_country, returned_on, created_by, created_at, updated_at, exploitation_types, reintegration_types)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertValue = c.prepare("INSERT OR IGNORE INTO case_values (case_id, kind, value) VALUES (?, ?, ?)");
  const ring = vaultKeys();
  const biKey = blindIndexKey();
  const now = Date.now();

  const code = (prefix: "P" | "C") => {
    let body = "";
    for (let i = 0; i < 8; i++) body += CODE_ALPHABET[Math.floor(rand() * CODE_ALPHABET.length)];
    return `${prefix}-${body.slice(0, 4)}-${body.slice(4)}`;
  };
  /** Codes are drawn from the seeded generator; the rare clash with an existing code is redrawn. */
  const insertWithCode = (prefix: "P" | "C", insert: (code: string) => number): number => {
    for (let attempt = 0; ; attempt++) {
      try {
        return insert(code(prefix));
      } catch (error) {
        if (attempt < 5 && error instanceof Error && /UNIQUE constraint failed: (persons|cases)\.code/.test(error.message)) continue;
        throw error;
      }
    }
  };

  type CaseFacts = {
    office: OfficeRow;
    personId: number;
    programme: Programme | null;
    victim: boolean;
    umc: boolean;
    health: boolean;
    main: boolean;
    registeredOn: string;
    sex: string;
    age: number | null;
    citizenship: string | null;
    identification: string | null;
    exploitationCountry: string | null;
    traffickingType: "internal" | "international" | null;
    sector: string | null;
    recruiter: string | null;
    traffickingStatus: string | null;
    funding: "project" | "gaf" | null;
    host: string | null;
    returnCountry: string | null;
    returnedOn: string | null;
    exploitation: string[];
    control: string[];
    sexExploitation: string[];
    reintegration: string[];
  };

  const lastYear = `${yearTo}-12-31`;
  const status = (registeredOn: string) => {
    const old = Number(registeredOn.slice(0, 4)) < yearTo;
    return old
      ? pickWeighted(rand, { Closed: 85, ClosedReferred: 5, FollowUp: 5, Active: 5 } as const)
      : pickWeighted(rand, { Active: 55, FollowUp: 25, Closed: 20 } as const);
  };

  const writeCase = (f: CaseFacts): void => {
    const ownerId = pick(rand, f.office.ownerIds);
    const caseId = insertWithCode("C", (cc) =>
      Number(
        insertCase.run(
          cc, f.personId, f.office.id, ownerId, status(f.registeredOn), f.programme, f.victim ? 1 : 0, f.umc ? 1 : 0,
          f.health ? 1 : 0, f.main ? 1 : 0, f.traffickingStatus, f.funding, f.registeredOn, Number(f.registeredOn.slice(0, 4)),
          f.sex, f.age, f.citizenship, f.identification, f.exploitationCountry, f.traffickingType, f.sector, f.recruiter,
          f.host, f.returnCountry, f.returnedOn, ownerId, now, now, caseValuesCopy(f.exploitation), caseValuesCopy(f.reintegration),
        ).lastInsertRowid,
      ),
    );
    for (const v of f.exploitation) insertValue.run(caseId, "exploitation", v);
    for (const v of f.control) insertValue.run(caseId, "control", v);
    for (const v of f.sexExploitation) insertValue.run(caseId, "sex_exploitation", v);
    for (const v of f.reintegration) insertValue.run(caseId, "reintegration", v);
  };

  let persons = 0;
  let casesMade = 0;

  /** One person with their first case (and, sometimes, a second case in their country of origin). */
  const makePerson = (): void => {
    const region = weightedFromList(rand, regions, (r) => REGION_SHARE[r] ?? 0.5);
    const office = weightedFromList(rand, byRegion.get(region)!, (o) => OFFICE_WEIGHT[o.country] ?? 300);
    const mix = PROGRAMME_MIX[region] ?? PROGRAMME_MIX.default!;
    const programme: Programme | null = rand() < 0.005 ? null : pickWeighted(rand, mix);
    const victim = programme === "vulnerable_migrant" ? rand() < 0.42 : programme === "avrr" ? rand() < 0.04 : rand() < 0.01;
    const female = victim ? rand() < 0.58 : rand() < 0.2;
    const sex = rand() < 0.005 ? "NonSpecifiedUnknown" : female ? "Feminine" : "Masculine";
    const child = victim ? rand() < 0.28 : rand() < 0.12;
    const age = rand() < 0.015 ? null : child ? 17 - Math.floor(rand() ** 1.6 * 16) : 18 + Math.floor(rand() ** 1.8 * 47);
    const umc = age !== null && age < 18 && (victim ? rand() < 0.2 : rand() < 0.35);
    const health = rand() < (programme === "vulnerable_migrant" ? 0.1 : 0.03);
    const main = !victim && !umc && !health ? rand() > 0.003 : rand() < 0.1;
    const year = weightedFromList(rand, years, (y) => y - yearFrom + 1);
    const registeredOn = isoDateBetween(rand, `${year}-01-01`, `${year}-12-31`);

    let citizenship: string | null;
    let traffickingType: "internal" | "international" | null = null;
    let exploitationCountry: string | null = null;
    if (victim) {
      // Internal trafficking is assisted in countries of origin; destination offices assist foreigners.
      const originOffice = office.country in VOT_ORIGIN;
      traffickingType = rand() < 0.02 ? null : rand() < (originOffice ? 0.4 : 0.03) ? "internal" : "international";
      if (traffickingType === "internal") {
        citizenship = office.country;
        exploitationCountry = office.country;
      } else {
        // Identified abroad (at destination) or at home after return.
        const atHome = originOffice && rand() < 0.5;
        citizenship = atHome ? office.country : pickCountry(rand, VOT_ORIGIN, office.country);
        exploitationCountry = atHome ? pickCountry(rand, DESTINATIONS, office.country) : office.country;
      }
      if (rand() < 0.03) exploitationCountry = null;
    } else if (programme === "para") {
      citizenship = rand() < 0.97 ? office.country : pickCountry(rand, AVRR_ORIGIN, office.country);
    } else {
      citizenship = pickCountry(rand, AVRR_ORIGIN, office.country);
    }
    if (rand() < 0.01) citizenship = null;

    let exploitation: string[] = [];
    let sector: string | null = null;
    let sexExploitation: string[] = [];
    if (victim) {
      const kind = pickWeighted(rand, EXPLOITATION);
      const labour = child && rand() < 0.3 ? "ChildLabour" : "ForcedLabour";
      exploitation =
        kind === "labour" ? [labour]
        : kind === "sexual" ? ["SexualExploitation"]
        : kind === "combined" ? [labour, "SexualExploitation"]
        : kind === "domestic" ? ["DomesticServitude"]
        : kind === "begging" ? ["ForcedBegging"]
        : kind === "criminal" ? ["CriminalActivities"]
        : kind === "other" ? [pick(rand, ["Other", "ForcedMarriage", "OrganRemoval"] as const)]
        : [];
      if (kind === "labour" || kind === "combined") {
        const s = pickWeighted(rand, SECTORS);
        sector = s === "unknown" ? null : s;
      }
      if (kind === "sexual" || kind === "combined") sexExploitation = [rand() < 0.85 ? "Prostitution" : "PrivateSexualServices"];
    }
    const control = victim && exploitation.length > 0 ? pickSome(rand, CONTROL, 3) : [];
    const recruiter = victim ? pickWeighted(rand, { Acquainted: 50, Unaquainted: 35, Familial: 10, unknown: 5 } as const) : "unknown";
    const returned = programme === "avrr" && rand() < 0.85;
    const returnedOn = returned ? addDays(registeredOn, 20 + Math.floor(rand() * 130)) : null;
    const returnCountry = programme === "avrr" ? (rand() < 0.95 ? citizenship : rand() < 0.5 ? pickCountry(rand, AVRR_ORIGIN) : null) : null;
    const reintegrates = (programme === "para" && rand() < 0.5) || (victim && rand() < 0.6);
    const birthYear = age === null ? null : year - age;

    // The person, their sealed synthetic identity and blind indexes.
    const familyName = syntheticName(rand);
    const givenName = syntheticName(rand);
    const birthDate =
      birthYear !== null && rand() < 0.6
        ? `${birthYear}-${String(1 + Math.floor(rand() * 12)).padStart(2, "0")}-${String(1 + Math.floor(rand() * 28)).padStart(2, "0")}`
        : undefined;
    const identity = { familyName, givenName, aliases: [], birthDate, documents: [], nextOfKin: [] };
    const ownerId = office.ownerIds[0]!;
    const personId = insertWithCode("P", (pc) =>
      Number(
        insertPerson.run(
          pc, sex, birthYear, citizenship, blindIndex(biKey, identity), blindIndex(biKey, { familyName, givenName, birthDate: null }),
          office.id, ownerId, now,
        ).lastInsertRowid,
      ),
    );
    const sealed = sealJson(ring, identity, IDENTITY_AAD(personId));
    insertIdentity.run(personId, sealed.keyId, sealed.iv, sealed.ciphertext, now);
    persons += 1;

    const first: CaseFacts = {
      office, personId, programme, victim, umc, health, main, registeredOn, sex, age, citizenship,
      identification: victim ? (rand() < 0.03 ? null : office.country) : null,
      exploitationCountry, traffickingType, sector,
      recruiter: recruiter === "unknown" ? null : recruiter,
      traffickingStatus: victim ? (rand() < 0.9 ? "ActualVictimOfTrafficking" : "PossibleVictimOfTrafficking") : null,
      funding: rand() < 0.02 ? null : victim && rand() < 0.12 ? "gaf" : "project",
      host: programme === "avrr" ? office.country : null,
      returnCountry, returnedOn, exploitation, control, sexExploitation,
      reintegration: reintegrates ? pickSome(rand, REINTEGRATION, 3) : [],
    };
    writeCase(first);
    casesMade += 1;

    // Returned from a host country and received by the office in the country of origin.
    const origin = returnCountry ? officeByCountry.get(returnCountry) : undefined;
    if (returnedOn && origin && origin.id !== office.id && returnedOn < lastYear && casesMade < options.count && rand() < 0.3) {
      const onArrival = addDays(returnedOn, 1 + Math.floor(rand() * 10));
      writeCase({
        ...first,
        office: origin,
        registeredOn: onArrival,
        age: age === null ? null : age + (Number(onArrival.slice(0, 4)) - year),
        identification: victim ? first.identification : null,
        host: office.country,
        returnedOn,
        reintegration: rand() < 0.85 ? pickSome(rand, REINTEGRATION, 3) : [],
      });
      casesMade += 1;
    }
  };

  const BATCH = 5_000;
  while (casesMade < options.count) {
    c.transaction(() => {
      const stop = Math.min(options.count, casesMade + BATCH);
      while (casesMade < stop) makePerson();
    }).immediate();
  }
  return { persons, cases: casesMade, offices: offices.length, ms: Math.round(performance.now() - started) };
}
