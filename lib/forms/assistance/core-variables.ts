import { caseFundingSource, type FundingSource, type NotProvidedReason, type ServiceProvider, type ServiceStatus, type ServiceType } from "@/lib/services/rules";
import type { Answers } from "../types";

/** A service as the assistance form states it (one item of the "services" group). */
export type FormService = {
  type: ServiceType;
  status: ServiceStatus;
  provider: ServiceProvider | null;
  organisationId: number | null;
  funding: FundingSource | null;
  reason: NotProvidedReason | null;
  startedOn: string | null;
};

/** What a submitted assistance form sets on the case (typed columns, case_values rows, services). */
export type AssistanceCoreVariables = {
  /** cases.forced_labour_sector: only when forced labour is among the exploitation types. */
  forcedLabourSector: string | null;
  /** cases.country_exploitation: the first place of exploitation named. */
  countryOfExploitation: string | null;
  /** cases.trafficking_type, from the journey: a leg between two countries makes it international. */
  traffickingType: "internal" | "international" | null;
  values: { exploitation: string[]; control: string[]; sex_exploitation: string[]; transit: string[] };
  services: FormService[];
  /** cases.funding_source from the form's services (recomputed with later records by the server). */
  fundingSource: FundingSource | null;
};

const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : null);
const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string" && x !== "") : []);
const items = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is Answers => typeof x === "object" && x !== null) : []);
const unique = (values: string[]) => [...new Set(values)];
const num = (v: unknown) => {
  const n = typeof v === "number" ? v : typeof v === "string" && v !== "" ? Number(v) : NaN;
  return Number.isInteger(n) && n > 0 ? n : null;
};

/** The services group as service facts, hidden answers dropped (a partner only for a partner...). */
export function formServices(answers: Answers): FormService[] {
  return items(answers.services).flatMap((item) => {
    const type = str(item.type) as ServiceType | null;
    const status = str(item.status) as ServiceStatus | null;
    if (!type || !status) return [];
    const offeredOrProvided = status === "offered" || status === "provided";
    const provider = offeredOrProvided ? (str(item.provider) as ServiceProvider | null) : null;
    return [
      {
        type,
        status,
        provider,
        organisationId: provider === "partner" ? num(item.organisation) : null,
        funding: status === "needed" || offeredOrProvided ? (str(item.funding) as FundingSource | null) : null,
        reason: status === "not_provided" ? (str(item.reason) as NotProvidedReason | null) : null,
        startedOn: status === "provided" ? str(item.startedOn) : null,
      },
    ];
  });
}

/**
 * Derives the core variables from submitted assistance answers. Transit countries are the ones
 * named as transit points plus every country where one leg of the journey ends and the next
 * begins, other than the last destination; the trafficking is international when any leg goes
 * from one country to another, internal when every leg stays in one country, unknown without legs.
 */
export function assistanceCoreVariables(answers: Answers): AssistanceCoreVariables {
  const exploited = answers.wasExploited === "yes";
  const types = exploited ? list(answers.exploitationTypes) : [];
  const locations = exploited ? items(answers.locations) : [];
  const legs = items(answers.legs).filter((l) => str(l.fromCountry) && str(l.toCountry));
  const legStops = legs.slice(0, -1).map((l) => str(l.toCountry)!);
  const finalDestination = legs.length > 0 ? str(legs[legs.length - 1]!.toCountry) : null;
  const origin = legs.length > 0 ? str(legs[0]!.fromCountry) : null;
  const transit = unique([...list(answers.transitCountries), ...legStops]).filter((c) => c !== finalDestination && c !== origin);
  const services = formServices(answers);
  return {
    forcedLabourSector: types.includes("ForcedLabour") ? str(answers.forcedLabourSector) : null,
    countryOfExploitation: locations.map((l) => str(l.country)).find((c): c is string => c !== null) ?? null,
    traffickingType: legs.length === 0 ? null : legs.some((l) => l.fromCountry !== l.toCountry) ? "international" : "internal",
    values: {
      exploitation: unique(types),
      control: exploited ? unique(list(answers.controlMethods)) : [],
      sex_exploitation: types.includes("SexualExploitation") ? unique(list(answers.sexExploitationTypes)) : [],
      transit,
    },
    services,
    fundingSource: caseFundingSource(services),
  };
}

/**
 * Submission rules of the assistance form beyond required-when: each service type once; dates in
 * order. (The service status rules of lib/services/rules.ts are the services group's required-when
 * rules; a test checks that the two agree.)
 */
export function assistanceExtraIssues(answers: Answers): { path: string[]; message: string }[] {
  const issues: { path: string[]; message: string }[] = [];
  const seen = new Set<string>();
  items(answers.services).forEach((item, i) => {
    const type = str(item.type);
    if (type && seen.has(type)) issues.push({ path: ["services", String(i), "type"], message: "validation.duplicateService" });
    if (type) seen.add(type);
  });
  items(answers.legs).forEach((leg, i) => {
    const from = str(leg.departedOn);
    const to = str(leg.arrivedOn);
    if (from && to && to < from) issues.push({ path: ["legs", String(i), "arrivedOn"], message: "validation.endBeforeStart" });
  });
  const start = str(answers.exploitationStartedOn);
  const end = str(answers.exploitationEndedOn);
  if (answers.wasExploited === "yes" && start && end && end < start) {
    issues.push({ path: ["exploitationEndedOn"], message: "validation.endBeforeStart" });
  }
  return issues;
}
