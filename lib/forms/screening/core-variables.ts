import type { Answers } from "../types";
import type { ScreeningDecision } from "./definition";

/** What an approved screening sets on the case (typed, indexed columns and case_values rows). */
export type ScreeningCoreVariables = {
  traffickingStatus: "ActualVictimOfTrafficking" | "PossibleVictimOfTrafficking" | "NotAVictimOfTrafficking";
  catVictim: boolean;
  catUnaccompaniedChild: boolean;
  catHealth: boolean;
  catMainPopulation: boolean;
  traffickingType: "internal" | "international" | null;
  citizenship: string | null;
  countryOfIdentification: string | null;
  countryOfExploitation: string | null;
  forcedLabourSector: string | null;
  recruiterRelationship: string | null;
  values: { exploitation: string[]; control: string[]; sex_exploitation: string[]; transit: string[] };
};

const TRAFFICKING_STATUS: Record<ScreeningDecision, ScreeningCoreVariables["traffickingStatus"]> = {
  victim: "ActualVictimOfTrafficking",
  presumed_victim: "PossibleVictimOfTrafficking",
  vulnerable_eligible: "NotAVictimOfTrafficking",
  not_eligible: "NotAVictimOfTrafficking",
};

const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : null);
const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

/**
 * Derives the case's core variables from an approved screening and its decision. Internal versus
 * international: the answer to "did you cross an international border", else whether the country of
 * origin differs from the country of exploitation (or identification), else unknown.
 */
export function screeningCoreVariables(answers: Answers, decision: ScreeningDecision): ScreeningCoreVariables {
  const origin = str(answers.countryOfOrigin);
  const exploitation = str(answers.countryOfExploitation);
  const identification = str(answers.countryOfIdentification);
  const isVictim = decision === "victim";
  const child = typeof answers.age === "number" && answers.age < 18;
  let traffickingType: ScreeningCoreVariables["traffickingType"] = null;
  if (isVictim || decision === "presumed_victim") {
    if (answers.crossedBorder === "yes") traffickingType = "international";
    else if (answers.crossedBorder === "no") traffickingType = "internal";
    else if (origin && (exploitation ?? identification)) traffickingType = origin === (exploitation ?? identification) ? "internal" : "international";
  }
  const catUnaccompaniedChild = child && answers.unaccompanied === "yes";
  const catHealth = answers.urgentHealthNeeds === "yes";
  return {
    traffickingStatus: TRAFFICKING_STATUS[decision],
    catVictim: isVictim,
    catUnaccompaniedChild,
    catHealth,
    catMainPopulation: !isVictim && !catUnaccompaniedChild && !catHealth,
    traffickingType,
    citizenship: origin,
    countryOfIdentification: identification,
    countryOfExploitation: exploitation,
    forcedLabourSector: list(answers.exploitationTypes).includes("ForcedLabour") ? str(answers.forcedLabourSector) : null,
    recruiterRelationship: str(answers.recruiterRelationship),
    values: {
      exploitation: list(answers.exploitationTypes),
      control: list(answers.controlMethods),
      sex_exploitation: list(answers.sexExploitationTypes),
      transit: list(answers.transitCountries),
    },
  };
}
