import type { Role } from "../../lib/permissions";

/** Demo offices and accounts: shared by the seed and by `npm run demo`, which prints the logins. */
/** The demo password of every demo account (printed by `npm run demo`; never use in production). */
export const DEMO_PASSWORD = "passage-demo-2026";
/**
 * The TOTP secret (base32) of every demo account's second factor, published like the demo password
 * so that the quick start can pass the second step: add it to an authenticator app, or print the
 * current code with `npm run passage -- demo:totp --email EMAIL`. Never use in production.
 */
export const DEMO_TOTP_SECRET = "PASSAGEDEMOTOTPSECRETFORDEMOONLY";

export const DEMO_OFFICES = [
  { code: "AT-VIE", name: "Vienna", countryIso2: "AT" },
  { code: "UA-KBP", name: "Kyiv", countryIso2: "UA" },
  { code: "ID-JKT", name: "Jakarta", countryIso2: "ID" },
  { code: "HT-PAP", name: "Port-au-Prince", countryIso2: "HT" },
  { code: "ET-ADD", name: "Addis Ababa", countryIso2: "ET" },
] as const;

export const DEMO_USERS: { email: string; name: string; role: Role; offices: string[] }[] = [
  { email: "caseworker@passage.demo", name: "Demo Caseworker (Vienna)", role: "caseworker", offices: ["AT-VIE"] },
  { email: "caseworker.kyiv@passage.demo", name: "Demo Caseworker (Kyiv)", role: "caseworker", offices: ["UA-KBP"] },
  { email: "caseworker.jakarta@passage.demo", name: "Demo Caseworker (Jakarta)", role: "caseworker", offices: ["ID-JKT"] },
  { email: "supervisor@passage.demo", name: "Demo Supervisor (Vienna)", role: "supervisor", offices: ["AT-VIE"] },
  { email: "supervisor.kyiv@passage.demo", name: "Demo Supervisor (Kyiv)", role: "supervisor", offices: ["UA-KBP"] },
  { email: "data@passage.demo", name: "Demo Data Officer", role: "data_officer", offices: [] },
  { email: "admin@passage.demo", name: "Demo Administrator", role: "administrator", offices: [] },
];


/** Demo partner organisations (invented names, example.org contacts), managed by the office given. */
export const DEMO_ORGANISATIONS = [
  { name: "Harbour House Shelter (demo)", type: "NGO", countryIso2: "AT", city: "Vienna", email: "intake@harbour-house.example.org", office: "AT-VIE", services: ["accommodation", "psychosocial", "medical"] },
  { name: "Open Door Legal Aid (demo)", type: "LegalService", countryIso2: "AT", city: "Vienna", email: "cases@open-door-legal.example.org", office: "AT-VIE", services: ["legal_consular"] },
  { name: "New Start Reintegration Centre (demo)", type: "NGO", countryIso2: "UA", city: "Kyiv", email: "office@new-start.example.org", office: "UA-KBP", services: ["reintegration", "vocational_training", "microfinance_grant", "psychosocial"] },
  { name: "Riverside Migrant Health Clinic (demo)", type: "HealthServiceOrganisation", countryIso2: "ID", city: "Jakarta", email: "clinic@riverside-health.example.org", office: "ID-JKT", services: ["medical", "psychosocial"] },
] as const;
