/**
 * Consent, as a case records it: what it is for, the person's decision, when, and who took it.
 * Each decision is one immutable row; the current state of a purpose is its latest decision.
 *
 * HTCDS: `assistance` is `con_Consent` (consent to assistance and to the interview);
 * `data_processing` is `vic_AgreementToManagePersonalData`; `share_with_partners` is the consent a
 * referral to a partner organisation needs (issue 5). Pure: used by the server and the UI.
 */

export const CONSENT_PURPOSES = ["assistance", "data_processing", "share_with_partners"] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** What a caseworker records. `withdrawn` ends a consent that was given. */
export const CONSENT_DECISIONS = ["given", "refused", "withdrawn"] as const;
export type ConsentDecision = (typeof CONSENT_DECISIONS)[number];

/** How the consent was taken. */
export const CONSENT_METHODS = ["written", "oral"] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

/** The state of one purpose: never asked, or its latest decision. */
export type ConsentState = ConsentDecision | "not_recorded";

/** The purposes the assistance form and service records need (issue 4): both given. */
export const ASSISTANCE_PURPOSES: readonly ConsentPurpose[] = ["assistance", "data_processing"];

export type ConsentEvent = { purpose: ConsentPurpose; decision: ConsentDecision; on: string; id: number };

/** The current state of every purpose from the case's decisions (latest by id wins). */
export function consentStates(events: readonly ConsentEvent[]): Record<ConsentPurpose, ConsentState> {
  const states = Object.fromEntries(CONSENT_PURPOSES.map((p) => [p, "not_recorded"])) as Record<ConsentPurpose, ConsentState>;
  for (const e of [...events].sort((a, b) => a.id - b.id)) states[e.purpose] = e.decision;
  return states;
}

/**
 * Whether `next` may be recorded when the purpose is in `current`: a consent can be given or
 * refused at any time except when it is already given (withdraw it first); only a given consent
 * can be withdrawn.
 */
export function canRecordConsent(current: ConsentState, next: ConsentDecision): boolean {
  if (next === "withdrawn") return current === "given";
  return current !== "given";
}

/** Why new assistance data cannot be entered, or null when it can. */
export function assistanceBlock(states: Record<ConsentPurpose, ConsentState>): "withdrawn" | "missing" | null {
  const relevant = ASSISTANCE_PURPOSES.map((p) => states[p]);
  if (relevant.every((s) => s === "given")) return null;
  return relevant.some((s) => s === "withdrawn") ? "withdrawn" : "missing";
}
