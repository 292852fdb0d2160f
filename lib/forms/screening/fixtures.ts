import type { Answers } from "../types";

/**
 * Synthetic screening answers (no real person's story): an adult from Ukraine, recruited and moved
 * through Poland, exploited in Austria in forced labour (agriculture) and sexual exploitation; the
 * caseworker's decision: victim of trafficking. Used by integration and end-to-end tests.
 */
export function sampleScreeningAnswers(overrides: Answers = {}): Answers {
  return {
    interviewDate: "2026-03-02",
    interviewCountry: "AT",
    interviewPlace: "Synthetic drop-in centre",
    interviewer: "Test interviewer",
    interviewLanguage: "uk",
    interpreterUsed: "yes",
    referralSource: "ngo",
    consentToScreening: "yes",
    age: 35,
    urgentHealthNeeds: "no",
    inDetention: "no",
    countryOfOrigin: "UA",
    transitCountries: ["PL"],
    countryOfIdentification: "AT",
    countryOfExploitation: "AT",
    crossedBorder: "yes",
    actRecruitment: "yes",
    actTransportation: "yes",
    actTransfer: "no",
    actHarbouring: "yes",
    actReceipt: "no",
    meansThreatOrForce: "no",
    meansCoercion: "yes",
    meansAbduction: "no",
    meansFraud: "yes",
    meansDeception: "yes",
    meansAbuseOfPower: "no",
    meansAbuseOfVulnerability: "yes",
    meansPayments: "no",
    purposeExploitation: "yes",
    exploitationTypes: ["ForcedLabour", "SexualExploitation"],
    forcedLabourSector: "A_AgricultureForestryAndFishing",
    stillInSituation: "no",
    howLeft: "escaped",
    abuseOrExploitation: "yes",
    stranded: "no",
    decision: "victim",
    ...overrides,
  };
}
