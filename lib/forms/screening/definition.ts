import { EXPLOITATION_TYPES } from "@/lib/reference/vocabulary";
import { interviewLanguageField } from "../shared-fields";
import type { Condition, FormDefinition } from "../types";

/**
 * The screening form: is this person a victim of trafficking (UN Trafficking Protocol, article 3),
 * and are they eligible for assistance under the needs-first approach? Questions are written to be
 * read aloud. Labels: forms.screening.* in the message catalogue.
 *
 * Without consent to the screening interview only the first section (minimal referral information)
 * is kept: every other section is hidden and what is hidden is not stored.
 */

const consented: Condition = { field: "consentToScreening", equals: "yes" };
const isChild: Condition = { field: "age", lessThan: 18 };
const yesno = (id: string, extra: Partial<{ required: true | Condition; shownWhen: Condition; flagWhen: string }> = { required: true }) =>
  ({ id, type: "yesno", label: `forms.screening.${id}`, help: `forms.screening.${id}Help`, ...extra }) as const;

export const SCREENING_ACT_FIELDS = ["actRecruitment", "actTransportation", "actTransfer", "actHarbouring", "actReceipt"] as const;
export const SCREENING_MEANS_FIELDS = [
  "meansThreatOrForce",
  "meansCoercion",
  "meansAbduction",
  "meansFraud",
  "meansDeception",
  "meansAbuseOfPower",
  "meansAbuseOfVulnerability",
  "meansPayments",
] as const;

export const SCREENING_DECISIONS = ["victim", "presumed_victim", "vulnerable_eligible", "not_eligible"] as const;
export type ScreeningDecision = (typeof SCREENING_DECISIONS)[number];

export const REFERRAL_SOURCES = ["self", "police", "other_authority", "ngo", "hotline", "outreach", "consulate", "other"] as const;
export const WAYS_OUT = ["escaped", "rescued", "released", "other"] as const;

export const screeningForm = {
  id: "screening",
  // 2: the interview language is a language code (one list with the assistance form); fields prefill.
  version: 2,
  title: "forms.screening.title",
  sections: [
    {
      id: "interview",
      title: "forms.screening.sections.interview",
      intro: "forms.screening.sections.interviewIntro",
      fields: [
        { id: "interviewDate", type: "date", label: "forms.screening.interviewDate", required: true },
        { id: "interviewCountry", type: "country", label: "forms.screening.interviewCountry", required: true, prefill: { registration: "officeCountry" } },
        { id: "interviewPlace", type: "text", label: "forms.screening.interviewPlace", help: "forms.screening.interviewPlaceHelp" },
        { id: "interviewer", type: "text", label: "forms.screening.interviewer", required: true },
        interviewLanguageField,
        yesno("interpreterUsed"),
        {
          id: "referralSource",
          type: "single",
          label: "forms.screening.referralSource",
          options: { values: REFERRAL_SOURCES, labelPrefix: "forms.screening.referralSources" },
          required: true,
        },
        {
          id: "referralSourceOther",
          type: "text",
          label: "forms.screening.referralSourceOther",
          shownWhen: { field: "referralSource", equals: "other" },
          required: true,
        },
        yesno("consentToScreening"),
      ],
    },
    {
      id: "person",
      title: "forms.screening.sections.person",
      shownWhen: consented,
      fields: [
        { id: "age", type: "number", label: "forms.screening.age", help: "forms.screening.ageHelp", min: 0, max: 120, integer: true, required: true, prefill: { registration: "age" } },
        yesno("unaccompanied", { shownWhen: isChild, required: true }),
        yesno("urgentHealthNeeds", { required: true, flagWhen: "yes" }),
        {
          id: "urgentHealthDetails",
          type: "longtext",
          label: "forms.screening.urgentHealthDetails",
          shownWhen: { field: "urgentHealthNeeds", equals: "yes" },
        },
        yesno("inDetention"),
      ],
    },
    {
      id: "movement",
      title: "forms.screening.sections.movement",
      shownWhen: consented,
      fields: [
        { id: "countryOfOrigin", type: "country", label: "forms.screening.countryOfOrigin", required: true, prefill: { registration: "citizenship" } },
        { id: "transitCountries", type: "countries", label: "forms.screening.transitCountries" },
        { id: "countryOfExploitation", type: "country", label: "forms.screening.countryOfExploitation", help: "forms.screening.countryOfExploitationHelp" },
        { id: "countryOfIdentification", type: "country", label: "forms.screening.countryOfIdentification", required: true, prefill: { registration: "countryOfIdentification" } },
        yesno("crossedBorder"),
      ],
    },
    {
      id: "act",
      title: "forms.screening.sections.act",
      intro: "forms.screening.sections.actIntro",
      shownWhen: consented,
      fields: [
        ...SCREENING_ACT_FIELDS.map((id) => yesno(id)),
        {
          id: "recruitmentMethods",
          type: "multi",
          label: "forms.screening.recruitmentMethods",
          options: { htcds: "vic_MethodOfRecruitment" },
          shownWhen: { field: "actRecruitment", equals: "yes" },
        },
        {
          id: "recruiterRelationship",
          type: "single",
          label: "forms.screening.recruiterRelationship",
          options: { htcds: "vic_RelationshipToTrafficker" },
          shownWhen: { field: "actRecruitment", equals: "yes" },
        },
      ],
    },
    {
      id: "means",
      title: "forms.screening.sections.means",
      intro: "forms.screening.sections.meansIntro",
      shownWhen: consented,
      fields: [
        ...SCREENING_MEANS_FIELDS.map((id) => yesno(id, { required: { not: isChild } })),
        { id: "controlMethods", type: "multi", label: "forms.screening.controlMethods", options: { htcds: "vic_MethodsOfControl" } },
      ],
    },
    {
      id: "purpose",
      title: "forms.screening.sections.purpose",
      intro: "forms.screening.sections.purposeIntro",
      shownWhen: consented,
      fields: [
        yesno("purposeExploitation"),
        {
          id: "exploitationTypes",
          type: "multi",
          label: "forms.screening.exploitationTypes",
          options: { htcds: "vic_TypeOfExploitation", extra: EXPLOITATION_TYPES.filter((t) => t === "DomesticServitude" || t === "CriminalActivities") },
          shownWhen: { field: "purposeExploitation", equals: "yes" },
          required: { field: "purposeExploitation", equals: "yes" },
        },
        {
          id: "forcedLabourSector",
          type: "single",
          label: "forms.screening.forcedLabourSector",
          options: { htcds: "vic_ForcedLabourIndustry" },
          shownWhen: { field: "exploitationTypes", includes: "ForcedLabour" },
        },
        {
          id: "sexExploitationTypes",
          type: "multi",
          label: "forms.screening.sexExploitationTypes",
          options: { htcds: "vic_TypeOfSexExploitation" },
          shownWhen: { field: "exploitationTypes", includes: "SexualExploitation" },
        },
        yesno("stillInSituation", { shownWhen: { field: "purposeExploitation", equals: "yes" }, required: true }),
        {
          id: "howLeft",
          type: "single",
          label: "forms.screening.howLeft",
          options: { values: WAYS_OUT, labelPrefix: "forms.screening.waysOut" },
          shownWhen: { field: "stillInSituation", equals: "no" },
        },
      ],
    },
    {
      id: "vulnerability",
      title: "forms.screening.sections.vulnerability",
      intro: "forms.screening.sections.vulnerabilityIntro",
      shownWhen: consented,
      fields: [
        yesno("abuseOrExploitation"),
        yesno("stranded"),
        { id: "vulnerabilities", type: "multi", label: "forms.screening.vulnerabilities", options: { htcds: "vic_Vulnerabilities" } },
      ],
    },
    {
      id: "determination",
      title: "forms.screening.sections.determination",
      intro: "forms.screening.sections.determinationIntro",
      fields: [
        {
          id: "decision",
          type: "single",
          label: "forms.screening.decision",
          options: { values: SCREENING_DECISIONS, labelPrefix: "forms.screening.decisions" },
          required: true,
        },
        {
          id: "decisionReason",
          type: "longtext",
          label: "forms.screening.decisionReason",
          help: "forms.screening.decisionReasonHelp",
          maxLength: 4000,
        },
      ],
    },
  ],
} as const satisfies FormDefinition;
