/**
 * The life of a case after the interviews (issue 5): referrals, return travel, transfers between
 * offices, reintegration plans with steps, monitoring visits, and closure. Kept in its own schema
 * file beside db/schema.ts (drizzle.config.ts lists both). Free text is encrypted bound to its row,
 * like identity (<name>KeyId / <name>Iv / <name>Ciphertext column triples); everything statistics or the caseworker's desk filter on is a typed column.
 */
import { sql } from "drizzle-orm";
import { blob, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { REFERRAL_REASONS, REINTEGRATION_TYPES } from "../lib/reference/vocabulary";
import { CLOSURE_REASONS, REFERRAL_STATUSES, STEP_STATUSES, TRAVEL_STATUSES } from "../lib/workflows/case-lifecycle";
import { cases, offices, organisations, persons, users } from "./schema";

const createdAt = () =>
  integer("created_at", { mode: "number" })
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`);

/**
 * Referrals to and from partner organisations. Outgoing referrals need the person's consent to share
 * (consents, purpose share_with_partners) unless a supervisor overrides it with a reason.
 */
export const referrals = sqliteTable(
  "referrals",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    direction: text("direction", { enum: ["outgoing", "incoming"] }).notNull(),
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id),
    /** Service types referred for, ";"-separated SERVICE_TYPES values. */
    services: text("services").notNull(),
    /** HTCDS cas_ReasonForOutgoingReferral / cas_ReasonForIncomingReferral value name. */
    reason: text("reason", { enum: REFERRAL_REASONS as [string, ...string[]] }).notNull(),
    /** cas_OutgoingReferralDate / cas_IncomingReferralDate */
    referredOn: text("referred_on").notNull(),
    dueOn: text("due_on"),
    status: text("status", { enum: REFERRAL_STATUSES }).notNull(),
    respondedOn: text("responded_on"),
    completedOn: text("completed_on"),
    /** The message to the partner; identity only if the user explicitly added it. */
    messageKeyId: text("message_key_id"),
    messageIv: blob("message_iv", { mode: "buffer" }),
    messageCiphertext: blob("message_ciphertext", { mode: "buffer" }),
    includesIdentity: integer("includes_identity", { mode: "boolean" }).notNull().default(false),
    consentOverride: integer("consent_override", { mode: "boolean" }).notNull().default(false),
    overrideReasonKeyId: text("override_reason_key_id"),
    overrideReasonIv: blob("override_reason_iv", { mode: "buffer" }),
    overrideReasonCiphertext: blob("override_reason_ciphertext", { mode: "buffer" }),
    declineReasonKeyId: text("decline_reason_key_id"),
    declineReasonIv: blob("decline_reason_iv", { mode: "buffer" }),
    declineReasonCiphertext: blob("decline_reason_ciphertext", { mode: "buffer" }),
    version: integer("version").notNull().default(1),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("referrals_case_idx").on(t.caseId, t.id), index("referrals_status_due_idx").on(t.status, t.dueOn)],
);

/** Return travel (a movement) with its itinerary legs, checks and status. */
export const movements = sqliteTable(
  "movements",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    status: text("status", { enum: TRAVEL_STATUSES }).notNull(),
    fromCountry: text("from_country").notNull(),
    toCountry: text("to_country").notNull(),
    departureOn: text("departure_on").notNull(),
    arrivalOn: text("arrival_on"),
    /** Itinerary legs as JSON: [{ from, to, departOn, transit?, carrier? }] (places are airports or cities). */
    legs: text("legs").notNull().default("[]"),
    escort: integer("escort", { mode: "boolean" }).notNull().default(false),
    fitToTravel: text("fit_to_travel", { enum: ["fit", "unfit", "not_checked"] }).notNull().default("not_checked"),
    /** Travel documents arranged, ";"-separated: passport, travel_document, laissez_passer, visa, transit_waiver. */
    documents: text("documents").notNull().default(""),
    version: integer("version").notNull().default(1),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("movements_case_idx").on(t.caseId, t.id), index("movements_status_departure_idx").on(t.status, t.departureOn)],
);

/** The best-interest decision an unaccompanied child needs before any return travel. */
export const bestInterestDecisions = sqliteTable(
  "best_interest_decisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    outcome: text("outcome", { enum: ["in_favour_of_return", "against_return"] }).notNull(),
    decidedOn: text("decided_on").notNull(),
    notesKeyId: text("notes_key_id"),
    notesIv: blob("notes_iv", { mode: "buffer" }),
    notesCiphertext: blob("notes_ciphertext", { mode: "buffer" }),
    recordedBy: integer("recorded_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("best_interest_case_idx").on(t.caseId, t.id)],
);

/**
 * A destination office hands a case to the office in the country of return. On acceptance the
 * receiving office gets a new case for the same person (`newCaseId`): counts of assistance count
 * both cases, individuals count the person once.
 */
export const transfers = sqliteTable(
  "transfers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    fromCaseId: integer("from_case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    toOfficeId: integer("to_office_id")
      .notNull()
      .references(() => offices.id),
    status: text("status", { enum: ["pending", "accepted", "declined", "cancelled"] }).notNull(),
    messageKeyId: text("message_key_id"),
    messageIv: blob("message_iv", { mode: "buffer" }),
    messageCiphertext: blob("message_ciphertext", { mode: "buffer" }),
    declineReasonKeyId: text("decline_reason_key_id"),
    declineReasonIv: blob("decline_reason_iv", { mode: "buffer" }),
    declineReasonCiphertext: blob("decline_reason_ciphertext", { mode: "buffer" }),
    newCaseId: integer("new_case_id").references(() => cases.id),
    requestedBy: integer("requested_by")
      .notNull()
      .references(() => users.id),
    requestedAt: integer("requested_at").notNull(),
    decidedBy: integer("decided_by").references(() => users.id),
    decidedAt: integer("decided_at"),
  },
  (t) => [index("transfers_to_office_idx").on(t.toOfficeId, t.status), index("transfers_from_case_idx").on(t.fromCaseId)],
);

/** One reintegration plan per case: its objectives (encrypted free text). */
export const reintegrationPlans = sqliteTable("reintegration_plans", {
  caseId: integer("case_id")
    .primaryKey()
    .references(() => cases.id, { onDelete: "cascade" }),
  objectivesKeyId: text("objectives_key_id"),
    objectivesIv: blob("objectives_iv", { mode: "buffer" }),
    objectivesCiphertext: blob("objectives_ciphertext", { mode: "buffer" }),
  version: integer("version").notNull().default(1),
  createdBy: integer("created_by")
    .notNull()
    .references(() => users.id),
  createdAt: createdAt(),
  updatedAt: integer("updated_at").notNull(),
});

export const reintegrationSteps = sqliteTable(
  "reintegration_steps",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    type: text("type", { enum: REINTEGRATION_TYPES }).notNull(),
    status: text("status", { enum: STEP_STATUSES }).notNull(),
    plannedOn: text("planned_on"),
    completedOn: text("completed_on"),
    organisationId: integer("organisation_id").references(() => organisations.id),
    /** Provider when not a registered partner ("self" = our own office). */
    providerKind: text("provider_kind", { enum: ["self", "partner"] }).notNull().default("self"),
    /** Cost in minor units (cents) with its ISO 4217 currency. */
    costMinor: integer("cost_minor"),
    currency: text("currency"),
    descriptionKeyId: text("description_key_id"),
    descriptionIv: blob("description_iv", { mode: "buffer" }),
    descriptionCiphertext: blob("description_ciphertext", { mode: "buffer" }),
    version: integer("version").notNull().default(1),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("reintegration_steps_case_idx").on(t.caseId, t.id), index("reintegration_steps_status_idx").on(t.status, t.plannedOn)],
);

/** Monitoring visits, scheduled automatically at 3, 6 and 12 months after return. */
export const monitoringVisits = sqliteTable(
  "monitoring_visits",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    months: integer("months").notNull(),
    dueOn: text("due_on").notNull(),
    status: text("status", { enum: ["scheduled", "done", "missed"] }).notNull(),
    visitedOn: text("visited_on"),
    outcome: text("outcome", {
      enum: ["reintegrating_well", "some_difficulties", "serious_difficulties", "lost_contact", "remigrated"],
    }),
    notesKeyId: text("notes_key_id"),
    notesIv: blob("notes_iv", { mode: "buffer" }),
    notesCiphertext: blob("notes_ciphertext", { mode: "buffer" }),
    recordedBy: integer("recorded_by").references(() => users.id),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("monitoring_case_idx").on(t.caseId, t.months), index("monitoring_status_due_idx").on(t.status, t.dueOn)],
);

/** Closure requests and reopenings: a caseworker asks, a supervisor approves or returns; a
 * supervisor may reopen a closed case. The reason is a value; comments are encrypted. */
export const caseClosures = sqliteTable(
  "case_closures",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["closure", "reopening"] }).notNull(),
    reason: text("reason", { enum: CLOSURE_REASONS }),
    status: text("status", { enum: ["pending", "approved", "returned", "done"] }).notNull(),
    commentKeyId: text("comment_key_id"),
    commentIv: blob("comment_iv", { mode: "buffer" }),
    commentCiphertext: blob("comment_ciphertext", { mode: "buffer" }),
    requestedBy: integer("requested_by")
      .notNull()
      .references(() => users.id),
    requestedAt: integer("requested_at").notNull(),
    reviewedBy: integer("reviewed_by").references(() => users.id),
    reviewedAt: integer("reviewed_at"),
  },
  (t) => [index("case_closures_case_idx").on(t.caseId, t.id), index("case_closures_status_idx").on(t.status)],
);


/**
 * Retention (issue 11 item 12, decision 0026): the period after closure at which identities and
 * narratives are removed. One row (id 1) set by an administrator; no row, or `years` null, means
 * retention is off.
 */
export const retentionSettings = sqliteTable("retention_settings", {
  id: integer("id").primaryKey(),
  years: integer("years"),
  updatedBy: integer("updated_by").references(() => users.id),
  updatedAt: integer("updated_at").notNull(),
});

/**
 * A person whose identity, narratives and free text were removed (by the retention period or an
 * erasure on request). The pseudonymous person and case rows stay, so statistics stay exact; the
 * case page says "identity removed on DATE".
 */
export const identityRemovals = sqliteTable("identity_removals", {
  personId: integer("person_id")
    .primaryKey()
    .references(() => persons.id),
  removedAt: integer("removed_at").notNull(),
  cause: text("cause", { enum: ["retention", "erasure"] }).notNull(),
});

/**
 * Erasure of one person on request: a supervisor of an office with a case of the person asks, with
 * a reason (encrypted: it is free text); an administrator confirms or declines. Two people.
 */
export const erasureRequests = sqliteTable(
  "erasure_requests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    personId: integer("person_id")
      .notNull()
      .references(() => persons.id),
    /** The case the request was made from (its office is the requesting office). */
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id),
    status: text("status", { enum: ["pending", "confirmed", "declined"] }).notNull(),
    /** Removed with the person's other free text when the erasure is carried out. */
    reasonKeyId: text("reason_key_id"),
    reasonIv: blob("reason_iv", { mode: "buffer" }),
    reasonCiphertext: blob("reason_ciphertext", { mode: "buffer" }),
    requestedBy: integer("requested_by")
      .notNull()
      .references(() => users.id),
    requestedAt: integer("requested_at").notNull(),
    decidedBy: integer("decided_by").references(() => users.id),
    decidedAt: integer("decided_at"),
  },
  (t) => [index("erasure_requests_status_idx").on(t.status, t.id), index("erasure_requests_person_idx").on(t.personId, t.id)],
);
