/**
 * The database schema. Identity and free text never appear in clear here: they live in the
 * `identities` and `case_notes` tables as AES-256-GCM ciphertext (see server/crypto/vault.ts).
 * Everything statistics need is a typed, indexed column ("core variables", GUIDE section 2).
 *
 * Times are integer milliseconds since the epoch (`*_at`); calendar dates are ISO `YYYY-MM-DD`
 * text (`*_on`), which sort and compare correctly as text.
 */
import { sql } from "drizzle-orm";
import {
  blob,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import { CONSENT_DECISIONS, CONSENT_METHODS, CONSENT_PURPOSES } from "../lib/consent";
import { FUNDING_SOURCES, NOT_PROVIDED_REASONS, SERVICE_PROVIDERS, SERVICE_SOURCES, SERVICE_STATUSES } from "../lib/services/rules";
import { ORGANISATION_TYPES, SERVICE_TYPES } from "../lib/reference/vocabulary";

const createdAt = () =>
  integer("created_at", { mode: "number" })
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`);

export const offices = sqliteTable("offices", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  countryIso2: text("country_iso2").notNull(),
  /** Statistical region id (lib/reference/regions) or "other" for countries no 2012 office listed. */
  region: text("region").notNull(),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
  /** Optimistic locking, as cases: every edit names the version it read (db/queries/versioned.ts). */
  version: integer("version").notNull().default(1),
  createdAt: createdAt(),
});

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Stored lower-cased and trimmed. */
    email: text("email").notNull().unique(),
    name: text("name").notNull(),
    role: text("role", {
      enum: ["caseworker", "supervisor", "data_officer", "administrator"],
    }).notNull(),
    passwordHash: text("password_hash").notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    failedLogins: integer("failed_logins").notNull().default(0),
    lockedUntil: integer("locked_until"),
    /** Sessions that started before this instant are refused (password change or reset). */
    passwordChangedAt: integer("password_changed_at").notNull(),
    /** A data officer may be restricted to one statistical region; null means all. */
    regionScope: text("region_scope"),
    lastLoginAt: integer("last_login_at"),
    /** Optimistic locking of the administrator's edits (name, role, offices, region scope). */
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [index("users_role_idx").on(t.role)],
);

export const userOffices = sqliteTable(
  "user_offices",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    officeId: integer("office_id")
      .notNull()
      .references(() => offices.id),
    /**
     * Separation of duties (decision 0020): a membership gives access to the office's cases only once
     * a supervisor of that office (or the operator on the server, `access:confirm`) has confirmed it.
     * Null means requested and waiting; there is deliberately no default, so any insert that does not
     * say otherwise grants nothing.
     */
    confirmedAt: integer("confirmed_at"),
    confirmedBy: integer("confirmed_by").references(() => users.id),
    requestedAt: integer("requested_at"),
    requestedBy: integer("requested_by").references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.userId, t.officeId] }), index("user_offices_office_idx").on(t.officeId)],
);

/**
 * One-time set-up links (decision 0020): an administrator creates an account or resets a password
 * and receives a link once; the user chooses their own password with it. Only the SHA-256 of the
 * random token is stored; a link expires and works once.
 */
export const accountSetupTokens = sqliteTable(
  "account_setup_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    purpose: text("purpose", { enum: ["create", "reset"] }).notNull(),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    /** Set when redeemed, or when a newer link replaced this one. */
    usedAt: integer("used_at"),
  },
  (t) => [index("account_setup_tokens_user_idx").on(t.userId)],
);

/** Server-side record of each login: the session cookie only carries this id. */
export const authSessions = sqliteTable(
  "auth_sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull(),
    lastSeenAt: integer("last_seen_at").notNull(),
    revokedAt: integer("revoked_at"),
    /**
     * The step still owed after the password (decision 0017): "enrol" (set up a second factor) or
     * "verify" (enter a code). Such a session reaches nothing but the second-step page; null once the
     * second factor has been passed, or when none is required.
     */
    secondStep: text("second_step", { enum: ["enrol", "verify"] }),
    /** The client address and User-Agent header as recorded at sign-in, shown to the user on their
     * account page (decision 0031); null for sessions opened before they were recorded. */
    ip: text("ip"),
    userAgent: text("user_agent"),
    /**
     * When this session last proved the password: sign-in, or the user changing their own password
     * from it (decision 0031). A password changed after this ends the session; null means createdAt.
     */
    credentialAt: integer("credential_at"),
  },
  (t) => [index("auth_sessions_user_idx").on(t.userId)],
);

/**
 * A user's TOTP second factor (RFC 6238). The shared secret is sealed in the vault, bound to the
 * user's row; `enrolledAt` is null while an enrolment waits for its first code.
 */
export const userSecondFactors = sqliteTable("user_second_factors", {
  userId: integer("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  keyId: text("key_id").notNull(),
  iv: blob("iv", { mode: "buffer" }).notNull(),
  ciphertext: blob("ciphertext", { mode: "buffer" }).notNull(),
  enrolledAt: integer("enrolled_at"),
  /** The time step of the last code accepted: a code of that step or an earlier one is refused (replay). */
  lastTimeStep: integer("last_time_step"),
  createdAt: createdAt(),
});

/** One-time recovery codes (decision 0018): only a SHA-256 of each 80-bit code is stored. */
export const recoveryCodes = sqliteTable(
  "recovery_codes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull().unique(),
    usedAt: integer("used_at"),
    createdAt: createdAt(),
  },
  (t) => [index("recovery_codes_user_idx").on(t.userId)],
);

export const persons = sqliteTable(
  "persons",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Random, unguessable, never derived from identity. */
    code: text("code").notNull().unique(),
    /** HTCDS prs_Gender value name. */
    sex: text("sex").notNull().default("NonSpecifiedUnknown"),
    birthYear: integer("birth_year"),
    /** Primary citizenship, ISO 3166-1 alpha-2; further ones in `otherCitizenships` (";"-separated). */
    citizenship: text("citizenship"),
    otherCitizenships: text("other_citizenships"),
    /** HMAC of normalised names and birth date (server/crypto/blind-index.ts); null if names unknown. */
    blindIndex: text("blind_index"),
    /** Same HMAC over the names alone, to flag possible matches when a birth date is missing. */
    blindIndexNames: text("blind_index_names"),
    /** The person's id in the system they were imported from (interchange `ext_ExternalPersonId`), so
     * that cases of one person in a file (or across imports) stay one person. */
    externalId: text("external_id").unique(),
    registeredOfficeId: integer("registered_office_id")
      .notNull()
      .references(() => offices.id),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("persons_blind_index_idx").on(t.blindIndex),
    index("persons_blind_index_names_idx").on(t.blindIndexNames),
  ],
);

/** 1:1 with persons. Only ciphertext, bound to the person row. */
export const identities = sqliteTable("identities", {
  personId: integer("person_id")
    .primaryKey()
    .references(() => persons.id, { onDelete: "cascade" }),
  keyId: text("key_id").notNull(),
  iv: blob("iv", { mode: "buffer" }).notNull(),
  ciphertext: blob("ciphertext", { mode: "buffer" }).notNull(),
  updatedAt: integer("updated_at").notNull(),
});

export const CASE_STATUSES = ["Active", "FollowUp", "Closed", "ClosedReferred"] as const;
export const PROGRAMMES = ["avrr", "para", "vulnerable_migrant"] as const;

export const cases = sqliteTable(
  "cases",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    code: text("code").notNull().unique(),
    personId: integer("person_id")
      .notNull()
      .references(() => persons.id),
    officeId: integer("office_id")
      .notNull()
      .references(() => offices.id),
    ownerId: integer("owner_id")
      .notNull()
      .references(() => users.id),
    /** HTCDS cas_Status value name. */
    status: text("status", { enum: CASE_STATUSES }).notNull().default("Active"),
    programme: text("programme", { enum: PROGRAMMES }),
    // Beneficiary categories: a person may have several; statistics count the case once.
    catVictim: integer("cat_victim", { mode: "boolean" }).notNull().default(false),
    catUnaccompaniedChild: integer("cat_umc", { mode: "boolean" }).notNull().default(false),
    catHealth: integer("cat_health", { mode: "boolean" }).notNull().default(false),
    catMainPopulation: integer("cat_main", { mode: "boolean" }).notNull().default(false),
    /** HTCDS vic_TraffickingStatus value name, set by an approved determination. */
    traffickingStatus: text("trafficking_status"),
    fundingSource: text("funding_source", { enum: ["project", "gaf"] }),
    registeredOn: text("registered_on").notNull(),
    registrationYear: integer("registration_year").notNull(),
    // Copies of person and case facts at registration, so one GROUP BY needs no join.
    sex: text("sex").notNull(),
    ageAtRegistration: integer("age_at_registration"),
    citizenship: text("citizenship"),
    countryOfIdentification: text("country_identification"),
    countryOfExploitation: text("country_exploitation"),
    traffickingType: text("trafficking_type", { enum: ["internal", "international"] }),
    /** HTCDS vic_ForcedLabourIndustry value name (ISIC section), when forced labour. */
    forcedLabourSector: text("forced_labour_sector"),
    /** HTCDS vic_RelationshipToTrafficker value name. */
    recruiterRelationship: text("recruiter_relationship"),
    hostCountry: text("host_country"),
    returnCountry: text("return_country"),
    returnedOn: text("returned_on"),
    /** Copies of case_values kinds 'exploitation' and 'reintegration' (values sorted, joined by ';'),
     * kept by triggers on case_values (migration 0009) so that statistics read every core variable of
     * a year's cases from one covering index (server/stats/case-pass.ts). Never written by code. */
    exploitationTypes: text("exploitation_types"),
    reintegrationTypes: text("reintegration_types"),
    /** The case's id in the system it was imported from (interchange `ext_ExternalCaseId`): re-importing
     * a file updates nothing and duplicates nothing. Unique per office. */
    externalId: text("external_id"),
    /** Optimistic locking: every update must name the version it read. */
    version: integer("version").notNull().default(1),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("cases_office_status_idx").on(t.officeId, t.status, t.id),
    // The case list (newest first within the user's office) walks this and stops after a page,
    // instead of sorting every case of the office (docs/PERFORMANCE.md, case list at 1,000,000).
    index("cases_office_id_idx").on(t.officeId, t.id),
    // The case list sorted by registration date (its default, both ways) within the office.
    index("cases_office_registered_idx").on(t.officeId, t.registeredOn, t.id),
    index("cases_owner_idx").on(t.ownerId, t.id),
    index("cases_person_idx").on(t.personId),
    // Statistics: every core variable of a year's cases in one covering index, ordered so that a
    // person's cases of the year are adjacent (docs/PERFORMANCE.md, annual review at 1,000,000).
    index("cases_statistics_idx").on(
      t.registrationYear,
      t.personId,
      t.registeredOn,
      t.id,
      t.officeId,
      t.programme,
      t.catVictim,
      t.catUnaccompaniedChild,
      t.catHealth,
      t.catMainPopulation,
      t.sex,
      t.ageAtRegistration,
      t.citizenship,
      t.countryOfIdentification,
      t.hostCountry,
      t.returnCountry,
      t.forcedLabourSector,
      t.traffickingType,
      t.fundingSource,
      t.exploitationTypes,
      t.reintegrationTypes,
    ),
    uniqueIndex("cases_external_id_uq").on(t.officeId, t.externalId).where(sql`external_id is not null`),
  ],
);

/**
 * Multi-valued core variables, one row per value, so that a statistic is one GROUP BY. `kind` says
 * which variable: exploitation (report categories mapped onto HTCDS vic_TypeOfExploitation),
 * control (vic_MethodsOfControl), sex_exploitation (vic_TypeOfSexExploitation), reintegration
 * (reintegration assistance types), transit (transit countries).
 */
export const CASE_VALUE_KINDS = ["exploitation", "control", "sex_exploitation", "reintegration", "transit"] as const;
export const caseValues = sqliteTable(
  "case_values",
  {
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: CASE_VALUE_KINDS }).notNull(),
    value: text("value").notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.kind, t.value] }), index("case_values_kind_value_idx").on(t.kind, t.value, t.caseId)],
);

/** Caseworkers assigned to a case besides its owner. */
/**
 * Derived data, never edited: every indicator counted over the cases of one registration year at one
 * office (server/stats/partials.ts). Triggers on cases and offices (migration 0009) delete a row in
 * the same transaction as any change that could alter it; statistics recompute missing rows when
 * they need them. `definitions` names the indicator definitions the counts were made with.
 */
export const statsPartials = sqliteTable(
  "stats_partials",
  {
    registrationYear: integer("registration_year").notNull(),
    officeId: integer("office_id")
      .notNull()
      .references(() => offices.id, { onDelete: "cascade" }),
    definitions: text("definitions").notNull(),
    counts: text("counts").notNull(),
  },
  (t) => [primaryKey({ columns: [t.registrationYear, t.officeId] })],
);

export const caseAssignments = sqliteTable(
  "case_assignments",
  {
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.userId] }), index("case_assignments_user_idx").on(t.userId)],
);

/** Free text is sensitive: encrypted like identity, bound to the note row. */
export const caseNotes = sqliteTable(
  "case_notes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    authorId: integer("author_id")
      .notNull()
      .references(() => users.id),
    keyId: text("key_id").notNull(),
    iv: blob("iv", { mode: "buffer" }).notNull(),
    ciphertext: blob("ciphertext", { mode: "buffer" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("case_notes_case_idx").on(t.caseId)],
);

/**
 * Append-only, hash-chained: hash_n = SHA-256(canonical(event_n) || hash_{n-1}). Triggers in the
 * migration refuse UPDATE and DELETE. `details` never holds identity or narrative text.
 */
export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at").notNull(),
    actorUserId: integer("actor_user_id"),
    action: text("action").notNull(),
    entityType: text("entity_type"),
    entityId: text("entity_id"),
    officeId: integer("office_id"),
    ip: text("ip"),
    details: text("details").notNull().default("{}"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    index("audit_at_idx").on(t.at),
    index("audit_action_idx").on(t.action, t.id),
    index("audit_office_idx").on(t.officeId, t.id),
    index("audit_actor_idx").on(t.actorUserId, t.id),
    // Counting a user's identity reveals of the last hour (server/services/reveal-identity.ts).
    index("audit_actor_action_at_idx").on(t.actorUserId, t.action, t.at),
  ],
);

/**
 * Form responses (screening, assistance...). The answers are sensitive as a whole (they tell the
 * person's story): stored only as ciphertext bound to the row, tagged with the form definition's
 * version. One mutable draft per case and form; each submission is an immutable revision (1, 2, ...).
 */
export const formResponses = sqliteTable(
  "form_responses",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    formId: text("form_id").notNull(),
    definitionVersion: integer("definition_version").notNull(),
    status: text("status", { enum: ["draft", "submitted"] }).notNull(),
    /** null for the draft; 1, 2, ... for submitted revisions. */
    revision: integer("revision"),
    keyId: text("key_id").notNull(),
    iv: blob("iv", { mode: "buffer" }).notNull(),
    ciphertext: blob("ciphertext", { mode: "buffer" }).notNull(),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    updatedBy: integer("updated_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: integer("updated_at").notNull(),
    submittedAt: integer("submitted_at"),
  },
  (t) => [
    index("form_responses_case_idx").on(t.caseId, t.formId, t.revision),
    uniqueIndex("form_responses_draft_uq").on(t.caseId, t.formId).where(sql`status = 'draft'`),
    uniqueIndex("form_responses_revision_uq").on(t.caseId, t.formId, t.revision),
  ],
);

/**
 * A caseworker's eligibility decision from a submitted screening revision, awaiting a supervisor.
 * The computed outcome is kept beside the decision; the override reason lives in the encrypted
 * answers; the supervisor's comment is free text, so encrypted here.
 */
export const determinations = sqliteTable(
  "determinations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    responseId: integer("response_id")
      .notNull()
      .references(() => formResponses.id),
    computed: text("computed").notNull(),
    decision: text("decision").notNull(),
    status: text("status", { enum: ["pending", "approved", "returned", "superseded"] }).notNull(),
    submittedBy: integer("submitted_by")
      .notNull()
      .references(() => users.id),
    submittedAt: integer("submitted_at").notNull(),
    reviewedBy: integer("reviewed_by").references(() => users.id),
    reviewedAt: integer("reviewed_at"),
    commentKeyId: text("comment_key_id"),
    commentIv: blob("comment_iv", { mode: "buffer" }),
    commentCiphertext: blob("comment_ciphertext", { mode: "buffer" }),
  },
  (t) => [index("determinations_case_idx").on(t.caseId, t.id), index("determinations_status_idx").on(t.status, t.id)],
);

/**
 * Consent decisions of a case (lib/consent.ts): one immutable row per decision; the current state
 * of a purpose is its latest row. Who took it and when are kept; nothing here is free text.
 */
export const consents = sqliteTable(
  "consents",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: CONSENT_PURPOSES }).notNull(),
    decision: text("decision", { enum: CONSENT_DECISIONS }).notNull(),
    method: text("method", { enum: CONSENT_METHODS }),
    /** The day the person gave, refused or withdrew it. */
    decidedOn: text("decided_on").notNull(),
    takenBy: integer("taken_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("consents_case_idx").on(t.caseId, t.purpose, t.id)],
);

/**
 * Partner organisations (HTCDS org_*). `officeId` is the office whose supervisors manage the
 * record; null for organisations only administrators manage. Contact details are an
 * organisation's, never a beneficiary's.
 */
export const organisations = sqliteTable(
  "organisations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** org_Name */
    name: text("name").notNull(),
    /** org_Type (HTCDS value name) */
    type: text("type", { enum: ORGANISATION_TYPES as [string, ...string[]] }).notNull(),
    /** org_ShippingCountry, ISO 3166-1 alpha-2 */
    countryIso2: text("country_iso2").notNull(),
    /** org_ShippingCity */
    city: text("city"),
    /** org_Phone */
    phone: text("phone"),
    email: text("email"),
    contactName: text("contact_name"),
    officeId: integer("office_id").references(() => offices.id),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    createdBy: integer("created_by").references(() => users.id),
    /** Optimistic locking, as cases (db/queries/versioned.ts). */
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("organisations_country_idx").on(t.countryIso2, t.name), index("organisations_name_idx").on(t.name)],
);

/** The service types a partner organisation offers (one row per type). */
export const organisationServices = sqliteTable(
  "organisation_services",
  {
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    serviceType: text("service_type", { enum: SERVICE_TYPES }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.serviceType] }), index("organisation_services_type_idx").on(t.serviceType)],
);

/**
 * Services of a case (lib/services/rules.ts): from the assistance form (`source` form, rewritten
 * on each submission, `responseId` the revision that stated it) or added later as records. Typed
 * columns so that statistics can count services by type, status and funding; notes are free text,
 * so encrypted bound to the row.
 */
export const services = sqliteTable(
  "services",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    type: text("type", { enum: SERVICE_TYPES }).notNull(),
    status: text("status", { enum: SERVICE_STATUSES }).notNull(),
    provider: text("provider", { enum: SERVICE_PROVIDERS }),
    organisationId: integer("organisation_id").references(() => organisations.id),
    funding: text("funding", { enum: FUNDING_SOURCES }),
    reason: text("reason", { enum: NOT_PROVIDED_REASONS }),
    startedOn: text("started_on"),
    endedOn: text("ended_on"),
    source: text("source", { enum: SERVICE_SOURCES }).notNull(),
    responseId: integer("response_id").references(() => formResponses.id),
    notesKeyId: text("notes_key_id"),
    notesIv: blob("notes_iv", { mode: "buffer" }),
    notesCiphertext: blob("notes_ciphertext", { mode: "buffer" }),
    version: integer("version").notNull().default(1),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    updatedBy: integer("updated_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("services_case_idx").on(t.caseId, t.id),
    index("services_stats_idx").on(t.type, t.status, t.caseId),
    index("services_organisation_idx").on(t.organisationId),
  ],
);
