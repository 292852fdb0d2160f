/**
 * Services of a case: what was needed, offered, provided, not provided (with a reason) or declined,
 * by whom and with what funding. The rules are pure functions shared by the service records, the
 * assistance form's extraction and the UI.
 */
import { SERVICE_TYPES, type ServiceType } from "../reference/vocabulary";

export { SERVICE_TYPES, type ServiceType };

export const SERVICE_STATUSES = ["needed", "offered", "provided", "not_provided", "declined"] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

/** Who provides it: the organisation itself, or a partner organisation of the registry. */
export const SERVICE_PROVIDERS = ["self", "partner"] as const;
export type ServiceProvider = (typeof SERVICE_PROVIDERS)[number];

/** A project's budget, or IOM's Global Assistance Fund. Same values as cases.funding_source. */
export const FUNDING_SOURCES = ["project", "gaf"] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];

/** Why a needed service was not provided (coded, so statistics can count them). */
export const NOT_PROVIDED_REASONS = [
  "not_available",
  "no_funding",
  "not_eligible",
  "waiting_list",
  "person_left",
  "lost_contact",
  "referred_elsewhere",
  "other",
] as const;
export type NotProvidedReason = (typeof NOT_PROVIDED_REASONS)[number];

/** Where a service record came from: the assistance interview, or added to the case later. */
export const SERVICE_SOURCES = ["form", "record"] as const;
export type ServiceSource = (typeof SERVICE_SOURCES)[number];

export type ServiceFacts = {
  status: ServiceStatus;
  provider?: ServiceProvider | null;
  organisationId?: number | null;
  funding?: FundingSource | null;
  reason?: NotProvidedReason | null;
  startedOn?: string | null;
  endedOn?: string | null;
};

/** A rule a service breaks: the field it concerns and the message key. */
export type ServiceIssue = { field: "reason" | "provider" | "organisationId" | "endedOn" | "startedOn"; message: string };

/**
 * What a service record must satisfy in its status:
 * - not provided needs a reason;
 * - provided needs a provider, and a partner provider needs the partner organisation;
 * - dates: the end is not before the start; an end date needs a start date.
 */
export function serviceIssues(s: ServiceFacts): ServiceIssue[] {
  const issues: ServiceIssue[] = [];
  if (s.status === "not_provided" && !s.reason) issues.push({ field: "reason", message: "validation.reasonNotProvided" });
  if (s.status === "provided" && !s.provider) issues.push({ field: "provider", message: "validation.providerRequired" });
  if (s.provider === "partner" && !s.organisationId) issues.push({ field: "organisationId", message: "validation.partnerRequired" });
  if (s.endedOn && !s.startedOn) issues.push({ field: "startedOn", message: "validation.startBeforeEnd" });
  if (s.endedOn && s.startedOn && s.endedOn < s.startedOn) issues.push({ field: "endedOn", message: "validation.endBeforeStart" });
  return issues;
}

/**
 * Allowed changes of status of a service record (a record may always keep its status, e.g. to
 * add dates or notes):
 *   needed       -> offered, provided, not_provided, declined
 *   offered      -> provided, not_provided, declined
 *   provided     -> (final)
 *   not_provided -> needed, offered, provided   (e.g. funding was found later)
 *   declined     -> needed, offered             (the person changed their mind)
 * A correction of the assistance form is a new statement of the interview, not a transition.
 */
const TRANSITIONS: Record<ServiceStatus, readonly ServiceStatus[]> = {
  needed: ["offered", "provided", "not_provided", "declined"],
  offered: ["provided", "not_provided", "declined"],
  provided: [],
  not_provided: ["needed", "offered", "provided"],
  declined: ["needed", "offered"],
};

export function canTransition(from: ServiceStatus, to: ServiceStatus): boolean {
  return from === to || TRANSITIONS[from].includes(to);
}

export function nextStatuses(from: ServiceStatus): ServiceStatus[] {
  return [from, ...TRANSITIONS[from]];
}

/** Statuses where the funding was (or is being) spent: declined and not provided cost nothing. */
const FUNDED_STATUSES: readonly ServiceStatus[] = ["needed", "offered", "provided"];

/**
 * The case's funding source (cases.funding_source) from its services: the Global Assistance Fund
 * if any service that is or will be provided is funded by it, else a project if any is, else null.
 */
export function caseFundingSource(services: readonly { status: ServiceStatus; funding?: FundingSource | null }[]): FundingSource | null {
  const funded = services.filter((s) => FUNDED_STATUSES.includes(s.status) && s.funding);
  if (funded.some((s) => s.funding === "gaf")) return "gaf";
  if (funded.some((s) => s.funding === "project")) return "project";
  return null;
}
