import type { Answers } from "../types";

/**
 * Synthetic assistance answers (no real person's story): a woman recruited in Ukraine with a false
 * job offer, taken through Poland to Germany, exploited in agriculture. `organisationId` is the
 * partner that provided shelter. Used by unit and integration tests.
 */
export function sampleAssistanceAnswers(organisationId: number): Answers {
  return {
    interviewDate: "2026-03-04",
    interviewCountry: "AT",
    interviewer: "Synthetic interviewer",
    interviewLanguage: "uk",
    interpreterUsed: "yes",
    educationLevel: "UpperSecondaryEducation",
    occupation: "Synthetic occupation",
    employment: "unemployed",
    maritalStatus: "Single",
    hasChildren: "yes",
    numberOfChildren: 2,
    languages: ["uk", "ru"],
    householdSituation: "difficult",
    householdDebts: "yes",
    migratedBefore: "no",
    reasonsForLeaving: ["find_work", "support_family"],
    wasRecruited: "yes",
    recruitedOn: "2025-06-01",
    recruitmentCountry: "UA",
    recruitmentPlace: "town",
    recruitmentMethods: ["ThroughAnOnlineAdvertisement"],
    recruiterRelationship: "Unaquainted",
    promisedJob: "Fruit picking",
    promisedSector: "A_AgricultureForestryAndFishing",
    promisedWage: 1500,
    promisedWageCurrency: "EUR",
    promisedWagePeriod: "month",
    promisedDestination: "DE",
    paidFees: "yes",
    feesAmount: 400,
    feesCurrency: "EUR",
    incurredDebt: "yes",
    debtOwedTo: ["recruiter"],
    documentsArrangedBy: "recruiter",
    travelArrangedBy: "recruiter",
    legs: [
      { fromCountry: "UA", toCountry: "PL", departedOn: "2025-07-01", arrivedOn: "2025-07-02", means: "bus", documents: "own_genuine", crossing: "regular" },
      { fromCountry: "PL", toCountry: "DE", departedOn: "2025-07-03", arrivedOn: "2025-07-03", means: "car_or_truck", documents: "none", crossing: "irregular" },
    ],
    transitCountries: ["CZ"],
    travelledWithEscort: "yes",
    wasExploited: "yes",
    exploitationTypes: ["ForcedLabour"],
    forcedLabourSector: "A_AgricultureForestryAndFishing",
    locations: [{ country: "DE", place: "farm" }],
    exploitationStartedOn: "2025-07-04",
    exploitationEndedOn: "2026-02-20",
    conditions: ["long_hours", "little_or_no_pay"],
    controlMethods: ["DebtBondage", "WithholdsDocuments"],
    earningsWithheld: "most",
    howItEnded: "escaped",
    services: [
      { type: "accommodation", status: "provided", provider: "partner", organisation: organisationId, funding: "gaf", startedOn: "2026-03-01" },
      { type: "medical", status: "provided", provider: "self", funding: "project", startedOn: "2026-03-02" },
      { type: "legal_consular", status: "not_provided", reason: "not_available" },
    ],
  };
}
