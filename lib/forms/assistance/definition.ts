import { EXPLOITATION_TYPES } from "@/lib/reference/vocabulary";
import { FUNDING_SOURCES, NOT_PROVIDED_REASONS, SERVICE_PROVIDERS, SERVICE_STATUSES, SERVICE_TYPES } from "@/lib/services/rules";
import { fromScreening, interviewLanguageField } from "../shared-fields";
import type { Condition, FormDefinition, ScalarField } from "../types";

/**
 * The assistance form: the interview held once the person has consented to assistance and to the
 * processing of their data (lib/consent.ts; the form's hook refuses new data otherwise). It
 * documents, as the 2012 review puts it, "the victim's background, recruitment and transportation,
 * trafficking experience and their assistance and/or re/integration needs, including what service
 * are (and are not) provided". Questions are written to be read aloud. Labels: assistance.form.* in
 * the message catalogue.
 *
 * Services stated here become service records of the case on submission (source "form"); services
 * provided later are added as records outside the form and appear in the same list.
 */

const L = (id: string) => `assistance.form.${id}`;
const own = (values: readonly string[], prefix: string) => ({ values, labelPrefix: `assistance.options.${prefix}` });
const yes = (field: string): Condition => ({ field, equals: "yes" });
const yesno = (id: string, extra: Partial<Pick<ScalarField, "required" | "shownWhen" | "help" | "prefill">> = {}) =>
  ({ id, type: "yesno", label: L(id), ...extra }) as const;

export const EMPLOYMENT_SITUATIONS = ["employed", "self_employed", "casual_work", "unemployed", "student", "unpaid_family_work", "other"] as const;
export const HOUSEHOLD_SITUATIONS = ["very_difficult", "difficult", "managing", "comfortable"] as const;
export const REASONS_FOR_LEAVING = [
  "find_work",
  "better_income",
  "support_family",
  "debts",
  "escape_violence",
  "conflict_or_disaster",
  "education",
  "join_family",
  "forced",
  "other",
] as const;
export const PLACE_KINDS = ["village", "town", "city", "camp", "online", "other"] as const;
export const WAGE_PERIODS = ["hour", "day", "week", "month"] as const;
export const ARRANGED_BY = ["self", "recruiter", "family_or_friend", "agency", "employer", "nobody_needed", "other"] as const;
export const DEBT_HOLDERS = ["recruiter", "employer", "family", "moneylender", "other"] as const;
export const TRANSPORT_MEANS = ["air", "bus", "car_or_truck", "train", "boat", "on_foot", "other"] as const;
export const TRAVEL_DOCUMENTS = ["own_genuine", "fraudulent", "none", "unknown"] as const;
export const BORDER_CROSSINGS = ["regular", "irregular", "no_border", "unknown"] as const;
export const WORK_PLACES = [
  "private_home",
  "farm",
  "factory",
  "construction_site",
  "fishing_boat",
  "mine",
  "bar_or_brothel",
  "hotel_or_restaurant",
  "shop_or_market",
  "street",
  "other",
] as const;
export const CONDITIONS = [
  "long_hours",
  "no_days_off",
  "little_or_no_pay",
  "dangerous_work",
  "locked_in",
  "slept_at_workplace",
  "not_enough_food",
  "no_medical_care",
  "isolated",
  "other",
] as const;
export const EARNINGS_WITHHELD = ["all", "most", "some", "none", "unknown"] as const;
export const WAYS_IT_ENDED = ["escaped", "rescued_by_authorities", "rescued_by_others", "released", "helped_by_someone", "still_ongoing", "other"] as const;

const recruited = yes("wasRecruited");
const exploited = yes("wasExploited");
const ISCED_NONE = "NoFormalEducation"; // ext: HTCDS lists ISCED levels 0-8 only

export const assistanceForm = {
  id: "assistance",
  // 2: the interview language label is shared with the screening form; fields prefill from the screening.
  version: 2,
  title: "assistance.form.title",
  sections: [
    {
      id: "interview",
      title: L("sections.interview"),
      intro: L("sections.interviewIntro"),
      fields: [
        { id: "interviewDate", type: "date", label: L("interviewDate"), required: true, prefill: fromScreening("interviewDate") },
        { id: "interviewCountry", type: "country", label: L("interviewCountry"), required: true, prefill: fromScreening("interviewCountry") },
        { id: "interviewer", type: "text", label: L("interviewer"), help: L("interviewerHelp"), required: true },
        { ...interviewLanguageField, prefill: fromScreening("interviewLanguage") },
        yesno("interpreterUsed", { required: true, prefill: fromScreening("interpreterUsed") }),
      ],
    },
    {
      id: "background",
      title: L("sections.background"),
      intro: L("sections.backgroundIntro"),
      fields: [
        {
          id: "educationLevel",
          type: "single",
          label: L("educationLevel"),
          help: L("educationLevelHelp"),
          options: { htcds: "prs_HighestLevelOfEducation", extra: [ISCED_NONE] },
          required: true,
        },
        { id: "occupation", type: "text", label: L("occupation"), help: L("occupationHelp"), maxLength: 200 },
        { id: "employment", type: "single", label: L("employment"), options: own(EMPLOYMENT_SITUATIONS, "employment"), required: true },
        { id: "maritalStatus", type: "single", label: L("maritalStatus"), options: { htcds: "prs_MaritalStatus" } },
        yesno("hasChildren", { required: true }),
        { id: "numberOfChildren", type: "number", label: L("numberOfChildren"), min: 1, max: 30, integer: true, shownWhen: yes("hasChildren") },
        { id: "languages", type: "languages", label: L("languages"), help: L("languagesHelp"), required: true },
        { id: "householdSituation", type: "single", label: L("householdSituation"), options: own(HOUSEHOLD_SITUATIONS, "household") },
        yesno("householdDebts"),
        yesno("migratedBefore", { required: true }),
        { id: "earlierMigrationCountries", type: "countries", label: L("earlierMigrationCountries"), shownWhen: yes("migratedBefore") },
        { id: "reasonsForLeaving", type: "multi", label: L("reasonsForLeaving"), options: own(REASONS_FOR_LEAVING, "reasons"), required: true },
        {
          id: "reasonsForLeavingOther",
          type: "text",
          label: L("reasonsForLeavingOther"),
          shownWhen: { field: "reasonsForLeaving", includes: "other" },
          required: true,
        },
      ],
    },
    {
      id: "recruitment",
      title: L("sections.recruitment"),
      intro: L("sections.recruitmentIntro"),
      fields: [
        yesno("wasRecruited", { required: true, help: L("wasRecruitedHelp"), prefill: fromScreening("actRecruitment") }),
        { id: "recruitedOn", type: "date", label: L("recruitedOn"), help: L("approximateDate"), shownWhen: recruited },
        { id: "recruitmentCountry", type: "country", label: L("recruitmentCountry"), shownWhen: recruited, required: true },
        { id: "recruitmentPlace", type: "single", label: L("recruitmentPlace"), options: own(PLACE_KINDS, "places"), shownWhen: recruited },
        { id: "recruitmentMethods", type: "multi", label: L("recruitmentMethods"), options: { htcds: "vic_MethodOfRecruitment" }, shownWhen: recruited, prefill: fromScreening("recruitmentMethods") },
        {
          id: "recruiterRelationship",
          type: "single",
          label: L("recruiterRelationship"),
          options: { htcds: "vic_RelationshipToTrafficker" },
          shownWhen: recruited,
          prefill: fromScreening("recruiterRelationship"),
        },
        { id: "promisedJob", type: "text", label: L("promisedJob"), maxLength: 200, shownWhen: recruited },
        { id: "promisedSector", type: "single", label: L("promisedSector"), options: { htcds: "vic_ForcedLabourIndustry" }, shownWhen: recruited },
        { id: "promisedWage", type: "number", label: L("promisedWage"), min: 0, max: 10_000_000, shownWhen: recruited },
        {
          id: "promisedWageCurrency",
          type: "text",
          label: L("promisedWageCurrency"),
          help: L("currencyHelp"),
          maxLength: 3,
          shownWhen: { all: [recruited, { field: "promisedWage", answered: true }] },
        },
        { id: "promisedWagePeriod", type: "single", label: L("promisedWagePeriod"), options: own(WAGE_PERIODS, "periods"), shownWhen: { all: [recruited, { field: "promisedWage", answered: true }] } },
        { id: "promisedDestination", type: "country", label: L("promisedDestination"), shownWhen: recruited },
        yesno("paidFees", { shownWhen: recruited, required: true }),
        { id: "feesAmount", type: "number", label: L("feesAmount"), min: 0, max: 10_000_000, shownWhen: { all: [recruited, yes("paidFees")] } },
        { id: "feesCurrency", type: "text", label: L("feesCurrency"), help: L("currencyHelp"), maxLength: 3, shownWhen: { all: [recruited, yes("paidFees")] } },
        yesno("incurredDebt", { shownWhen: recruited, required: true }),
        { id: "debtOwedTo", type: "multi", label: L("debtOwedTo"), options: own(DEBT_HOLDERS, "debtHolders"), shownWhen: { all: [recruited, yes("incurredDebt")] } },
        { id: "documentsArrangedBy", type: "single", label: L("documentsArrangedBy"), options: own(ARRANGED_BY, "arrangedBy"), shownWhen: recruited },
        { id: "travelArrangedBy", type: "single", label: L("travelArrangedBy"), options: own(ARRANGED_BY, "arrangedBy"), shownWhen: recruited },
      ],
    },
    {
      id: "transportation",
      title: L("sections.transportation"),
      intro: L("sections.transportationIntro"),
      fields: [
        {
          id: "legs",
          type: "group",
          label: L("legs"),
          itemLabel: L("leg"),
          max: 12,
          fields: [
            { id: "fromCountry", type: "country", label: L("legFrom"), required: true },
            { id: "toCountry", type: "country", label: L("legTo"), required: true },
            { id: "departedOn", type: "date", label: L("legDeparted"), help: L("approximateDate") },
            { id: "arrivedOn", type: "date", label: L("legArrived") },
            { id: "means", type: "single", label: L("legMeans"), options: own(TRANSPORT_MEANS, "means"), required: true },
            { id: "documents", type: "single", label: L("legDocuments"), options: own(TRAVEL_DOCUMENTS, "documents"), required: true },
            { id: "crossing", type: "single", label: L("legCrossing"), options: own(BORDER_CROSSINGS, "crossings"), required: true },
          ],
        },
        { id: "transitCountries", type: "countries", label: L("transitCountries"), help: L("transitCountriesHelp"), prefill: fromScreening("transitCountries") },
        yesno("travelledWithEscort"),
      ],
    },
    {
      id: "exploitation",
      title: L("sections.exploitation"),
      intro: L("sections.exploitationIntro"),
      fields: [
        yesno("wasExploited", { required: true, help: L("wasExploitedHelp"), prefill: fromScreening("purposeExploitation") }),
        {
          id: "exploitationTypes",
          type: "multi",
          label: L("exploitationTypes"),
          options: { htcds: "vic_TypeOfExploitation", extra: EXPLOITATION_TYPES.filter((t) => t === "DomesticServitude" || t === "CriminalActivities") },
          shownWhen: exploited,
          required: exploited,
          prefill: fromScreening("exploitationTypes"),
        },
        {
          id: "forcedLabourSector",
          type: "single",
          label: L("forcedLabourSector"),
          options: { htcds: "vic_ForcedLabourIndustry" },
          shownWhen: { all: [exploited, { field: "exploitationTypes", includes: "ForcedLabour" }] },
          required: true,
          prefill: fromScreening("forcedLabourSector"),
        },
        {
          id: "sexExploitationTypes",
          type: "multi",
          label: L("sexExploitationTypes"),
          options: { htcds: "vic_TypeOfSexExploitation" },
          shownWhen: { all: [exploited, { field: "exploitationTypes", includes: "SexualExploitation" }] },
          prefill: fromScreening("sexExploitationTypes"),
        },
        {
          id: "locations",
          type: "group",
          label: L("locations"),
          itemLabel: L("location"),
          max: 10,
          shownWhen: exploited,
          fields: [
            { id: "country", type: "country", label: L("locationCountry"), required: true },
            { id: "place", type: "single", label: L("locationPlace"), options: own(WORK_PLACES, "workPlaces"), required: true },
          ],
        },
        { id: "exploitationStartedOn", type: "date", label: L("exploitationStartedOn"), help: L("approximateDate"), shownWhen: exploited },
        { id: "exploitationEndedOn", type: "date", label: L("exploitationEndedOn"), shownWhen: exploited },
        { id: "conditions", type: "multi", label: L("conditions"), options: own(CONDITIONS, "conditions"), shownWhen: exploited },
        { id: "controlMethods", type: "multi", label: L("controlMethods"), options: { htcds: "vic_MethodsOfControl" }, shownWhen: exploited, prefill: fromScreening("controlMethods") },
        { id: "earningsWithheld", type: "single", label: L("earningsWithheld"), options: own(EARNINGS_WITHHELD, "earnings"), shownWhen: exploited },
        { id: "howItEnded", type: "single", label: L("howItEnded"), options: own(WAYS_IT_ENDED, "ended"), shownWhen: exploited, required: exploited },
      ],
    },
    {
      id: "needs",
      title: L("sections.needs"),
      intro: L("sections.needsIntro"),
      fields: [
        {
          id: "services",
          type: "group",
          label: L("services"),
          itemLabel: L("service"),
          max: SERVICE_TYPES.length * 2,
          fields: [
            { id: "type", type: "single", label: L("serviceType"), options: own(SERVICE_TYPES, "serviceTypes"), required: true },
            { id: "status", type: "single", label: L("serviceStatus"), options: own(SERVICE_STATUSES, "serviceStatuses"), required: true },
            {
              id: "reason",
              type: "single",
              label: L("serviceReason"),
              options: own(NOT_PROVIDED_REASONS, "notProvidedReasons"),
              shownWhen: { field: "status", equals: "not_provided" },
              required: true,
            },
            {
              id: "provider",
              type: "single",
              label: L("serviceProvider"),
              options: own(SERVICE_PROVIDERS, "providers"),
              shownWhen: { field: "status", in: ["offered", "provided"] },
              required: { field: "status", equals: "provided" },
            },
            {
              id: "organisation",
              type: "organisation",
              label: L("serviceOrganisation"),
              help: L("serviceOrganisationHelp"),
              shownWhen: { all: [{ field: "status", in: ["offered", "provided"] }, { field: "provider", equals: "partner" }] },
              required: true,
            },
            {
              id: "funding",
              type: "single",
              label: L("serviceFunding"),
              options: own(FUNDING_SOURCES, "funding"),
              shownWhen: { field: "status", in: ["needed", "offered", "provided"] },
            },
            { id: "startedOn", type: "date", label: L("serviceStartedOn"), shownWhen: { field: "status", equals: "provided" } },
          ],
        },
        { id: "otherNeeds", type: "longtext", label: L("otherNeeds"), help: L("otherNeedsHelp"), maxLength: 4000 },
      ],
    },
  ],
} as const satisfies FormDefinition;
