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

/**
 * Every kind of new entry about a person, as its writer names it when it asks `entryBlock`
 * (decision 0027):
 * - `assistance`: the assistance interview, services, return travel, reintegration plans and steps,
 *   what a monitoring visit finds;
 * - `interview`: the screening interview (it comes before consent is asked);
 * - `outgoing_referral`: a referral to a partner (it shares information about the person);
 * - `incoming_referral`: a partner's or an authority's referral of the person to us.
 * Stopping what was planned, protection decisions, case notes, transfers and closure are not new
 * entries about the person and do not ask.
 */
export const CONSENT_ENTRIES = ["assistance", "interview", "outgoing_referral", "incoming_referral"] as const;
export type ConsentEntry = (typeof CONSENT_ENTRIES)[number];

/**
 * Why an entry is refused: `withdrawn` (the person withdrew consent to assistance or to the use of
 * their data, or, for an outgoing referral, to sharing: nothing new, no override), `missing` (the
 * assistance purposes are not both given), `share_missing` (no consent to share: a supervisor may
 * override it with a reason).
 */
export type EntryBlock = "withdrawn" | "missing" | "share_missing";

/** The one rule every writer asks: why `entry` cannot be recorded now, or null when it can. */
export function entryBlock(states: Record<ConsentPurpose, ConsentState>, entry: ConsentEntry): EntryBlock | null {
  if (ASSISTANCE_PURPOSES.some((p) => states[p] === "withdrawn")) return "withdrawn";
  switch (entry) {
    case "assistance":
      return ASSISTANCE_PURPOSES.every((p) => states[p] === "given") ? null : "missing";
    case "outgoing_referral":
      if (states.share_with_partners === "withdrawn") return "withdrawn";
      return states.share_with_partners === "given" ? null : "share_missing";
    case "interview":
    case "incoming_referral":
      return null;
  }
}

/** Why new assistance data cannot be entered, or null when it can (`entryBlock` for `assistance`). */
export function assistanceBlock(states: Record<ConsentPurpose, ConsentState>): "withdrawn" | "missing" | null {
  const block = entryBlock(states, "assistance");
  return block === "share_missing" ? null : block;
}
