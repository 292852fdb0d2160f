import { HTCDS_PICKLISTS } from "./htcds.generated";

/**
 * Passage's controlled vocabularies, shared by forms, core variables, statistics and the interchange
 * format. Where the Human Trafficking Case Data Standard (HTCDS 2.0) has the concept, its value names
 * are used as they are; the annual review's own categories that HTCDS lacks get documented extension
 * values (marked `ext`).
 */

type ValuesOf<F extends keyof typeof HTCDS_PICKLISTS> = (typeof HTCDS_PICKLISTS)[F]["values"][number]["name"];
const names = <F extends keyof typeof HTCDS_PICKLISTS>(field: F) =>
  HTCDS_PICKLISTS[field].values.map((v) => v.name) as ValuesOf<F>[];

/** vic_TypeOfExploitation plus the review's categories HTCDS lacks. Stored in case_values(kind='exploitation'). */
export const EXPLOITATION_TYPES = [
  ...names("vic_TypeOfExploitation"),
  "DomesticServitude", // ext: the review's "domestic servitude" (a form of HTCDS Servitude)
  "CriminalActivities", // ext: the review's "low-level criminal activities"
] as const;
export type ExploitationType = (typeof EXPLOITATION_TYPES)[number];

/**
 * The annual review's exploitation categories (Figures 19 and 24), derived from a case's exploitation
 * types: sexual and labour together count as "combined"; each case falls in exactly one category.
 */
export const REVIEW_EXPLOITATION_CATEGORIES = [
  "labour",
  "sexual",
  "combined",
  "domestic_servitude",
  "begging",
  "criminal_activities",
  "other",
  "not_recorded",
] as const;
export type ReviewExploitationCategory = (typeof REVIEW_EXPLOITATION_CATEGORIES)[number];

export function reviewExploitationCategory(types: readonly string[]): ReviewExploitationCategory {
  const has = (t: string) => types.includes(t);
  const labour = has("ForcedLabour") || has("ChildLabour");
  const sexual = has("SexualExploitation");
  if (labour && sexual) return "combined";
  if (sexual) return "sexual";
  if (labour) return "labour";
  if (has("DomesticServitude") || has("Servitude")) return "domestic_servitude";
  if (has("ForcedBegging")) return "begging";
  if (has("CriminalActivities")) return "criminal_activities";
  return types.length > 0 ? "other" : "not_recorded";
}

export const FORCED_LABOUR_SECTORS = names("vic_ForcedLabourIndustry");
export const CONTROL_METHODS = names("vic_MethodsOfControl");
export const SEX_EXPLOITATION_TYPES = names("vic_TypeOfSexExploitation");
export const RECRUITER_RELATIONSHIPS = names("vic_RelationshipToTrafficker");
export const RECRUITMENT_METHODS = names("vic_MethodOfRecruitment");
export const TRAFFICKING_STATUSES = names("vic_TraffickingStatus");
export const VULNERABILITIES = names("vic_Vulnerabilities");
export const EDUCATION_LEVELS = names("prs_HighestLevelOfEducation");
export const MARITAL_STATUSES = names("prs_MaritalStatus");
export const ORGANISATION_TYPES = names("org_Type");
export const REFERRAL_REASONS = names("cas_ReasonForOutgoingReferral");

/** Reintegration assistance types (the review's Figure 16 and issue 5). case_values(kind='reintegration'). */
export const REINTEGRATION_TYPES = [
  "counselling",
  "cash_pocket_money",
  "business_setup",
  "job_placement",
  "vocational_training",
  "education",
  "medical_care",
  "psychosocial_support",
  "housing",
  "legal",
  "family_reunification",
  "basic_services",
] as const;
export type ReintegrationType = (typeof REINTEGRATION_TYPES)[number];

/** Service types of the assistance form and service records (issue 4). */
export const SERVICE_TYPES = [
  "accommodation",
  "return_counselling",
  "return_travel",
  "reintegration",
  "family_tracing",
  "legal_consular",
  "medical",
  "psychosocial",
  "education",
  "vocational_training",
  "microfinance_grant",
  "cash",
  "non_food_items",
  "resettlement",
  "other",
] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];
