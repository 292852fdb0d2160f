/**
 * An account the e2e web server (scripts/e2e-server.ts) creates after the demo seed with
 * `passage user:create`, so that it has a password and NO second factor: its first sign-in is an
 * enrolment (e2e/10-second-factor.spec.ts). No other spec uses it. Synthetic; no imports here, so
 * both the server script and the tests can read it.
 */
export const ENROLMENT_ACCOUNT = {
  key: "enrolment",
  email: "enrolment.e2e@passage.demo",
  name: "E2E Enrolment Caseworker (Addis Ababa)",
  role: "caseworker",
  office: "ET-ADD",
} as const;
