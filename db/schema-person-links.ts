/**
 * Office boundaries for identities (issue 11, item 2; docs/decisions/0015): a case of one office is
 * joined to a person registered by ANOTHER office only when a supervisor of that office accepts a
 * link request. Until then the new case has its own (provisional) person with only the identity
 * typed at registration. On acceptance the provisional person is merged into the existing one; the
 * merge is kept in `person_merges` (which supervisor merges inside one office can use later).
 * Kept in its own schema file (drizzle.config.ts lists it). Free text is sealed bound to its row.
 */
import { sql } from "drizzle-orm";
import { blob, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { cases, offices, persons, users } from "./schema";

export const PERSON_LINK_STATUSES = ["requested", "accepted", "declined", "withdrawn"] as const;
export type PersonLinkStatus = (typeof PERSON_LINK_STATUSES)[number];

export const personLinkRequests = sqliteTable(
  "person_link_requests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** The new case that asks to be joined to the existing person. */
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    fromOfficeId: integer("from_office_id")
      .notNull()
      .references(() => offices.id),
    /** The office that registered the existing person: its supervisors decide. */
    toOfficeId: integer("to_office_id")
      .notNull()
      .references(() => offices.id),
    /** Found by the server from the blind index; never shown to the requesting side before acceptance. */
    targetPersonId: integer("target_person_id")
      .notNull()
      .references(() => persons.id),
    /** The person the case was registered with (its own identity) until the request is decided. */
    provisionalPersonId: integer("provisional_person_id")
      .notNull()
      .references(() => persons.id),
    /** "strong": names and birth date agree; "names": names agree and a birth date is missing on one side. */
    match: text("match", { enum: ["strong", "names"] }).notNull(),
    status: text("status", { enum: PERSON_LINK_STATUSES }).notNull(),
    requestedBy: integer("requested_by")
      .notNull()
      .references(() => users.id),
    requestedAt: integer("requested_at").notNull(),
    decidedBy: integer("decided_by").references(() => users.id),
    decidedAt: integer("decided_at"),
    /** The decider's reason (a decline's explanation), sealed. */
    reasonKeyId: text("reason_key_id"),
    reasonIv: blob("reason_iv", { mode: "buffer" }),
    reasonCiphertext: blob("reason_ciphertext", { mode: "buffer" }),
  },
  (t) => [
    index("person_link_requests_to_office_idx").on(t.toOfficeId, t.status),
    index("person_link_requests_case_idx").on(t.caseId),
    index("person_link_requests_target_idx").on(t.targetPersonId, t.status),
  ],
);

/**
 * A person merged away into another one (its cases moved, its identity deleted, its blind indexes
 * cleared). The persons row stays, so that audit events naming its code still resolve.
 */
export const personMerges = sqliteTable("person_merges", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  mergedPersonId: integer("merged_person_id")
    .notNull()
    .unique()
    .references(() => persons.id),
  intoPersonId: integer("into_person_id")
    .notNull()
    .references(() => persons.id),
  /** The accepted link request that caused the merge (null for a merge inside one office). */
  linkRequestId: integer("link_request_id").references(() => personLinkRequests.id),
  mergedBy: integer("merged_by")
    .notNull()
    .references(() => users.id),
  mergedAt: integer("merged_at")
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`),
});
