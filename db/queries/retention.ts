import "server-only";
import type { Db } from "@/db/client";

/**
 * WHAT RETENTION AND ERASURE REMOVE — the one definition (issue 11 item 12, decision 0026).
 *
 * Everything that says who a person is or tells their story, for one person and every case of
 * theirs. What stays is the pseudonymous core: the person's code, sex, birth year and citizenship,
 * and each case's typed columns and values (programme, categories, countries, dates, statuses,
 * services, referrals, travel, steps...), so every statistic counts exactly as before.
 *
 * A new table that holds identity or free text (documents attached to cases, for example) gets an
 * entry here, and nowhere else: the dry run counts from this list, the removal works from it, and
 * a test (retention.test.ts) fails if any sealed (`*ciphertext`) column of the schema is missing.
 *
 * - `rows`: deleted whole (the identity vault row; case notes, which are nothing but text).
 * - `sealedText`: optional encrypted free text kept as <prefix>_key_id / _iv / _ciphertext
 *   columns; the three are set to NULL.
 * - `sealedAnswers`: encrypted form answers; the free-text answers (fields of type text and
 *   longtext) are removed and the choices, dates and numbers re-sealed (server/services/retention/).
 * - `identityDerived`: columns derived from the identity (the duplicate-detection blind indexes);
 *   set to NULL, so the person can no longer be found by name.
 *
 * `by` says how a row belongs to the person: through one of their cases, or to the person itself.
 */
export type Owner = { table: string; by: "case" | "person"; column: string };
export type SealedText = Owner & { name: string; prefix: string };

export const RETENTION_REMOVES = {
  rows: [
    { name: "identities", table: "identities", by: "person", column: "person_id" },
    { name: "case_notes", table: "case_notes", by: "case", column: "case_id" },
  ],
  sealedText: [
    { name: "determinations__comment", table: "determinations", by: "case", column: "case_id", prefix: "comment" },
    { name: "services__notes", table: "services", by: "case", column: "case_id", prefix: "notes" },
    { name: "referrals__message", table: "referrals", by: "case", column: "case_id", prefix: "message" },
    { name: "referrals__override_reason", table: "referrals", by: "case", column: "case_id", prefix: "override_reason" },
    { name: "referrals__decline_reason", table: "referrals", by: "case", column: "case_id", prefix: "decline_reason" },
    { name: "best_interest_decisions__notes", table: "best_interest_decisions", by: "case", column: "case_id", prefix: "notes" },
    { name: "transfers__message", table: "transfers", by: "case", column: "from_case_id", prefix: "message" },
    { name: "transfers__decline_reason", table: "transfers", by: "case", column: "from_case_id", prefix: "decline_reason" },
    { name: "reintegration_plans__objectives", table: "reintegration_plans", by: "case", column: "case_id", prefix: "objectives" },
    { name: "reintegration_steps__description", table: "reintegration_steps", by: "case", column: "case_id", prefix: "description" },
    { name: "monitoring_visits__notes", table: "monitoring_visits", by: "case", column: "case_id", prefix: "notes" },
    { name: "case_closures__comment", table: "case_closures", by: "case", column: "case_id", prefix: "comment" },
    { name: "erasure_requests__reason", table: "erasure_requests", by: "person", column: "person_id", prefix: "reason" },
    { name: "person_link_requests__reason", table: "person_link_requests", by: "case", column: "case_id", prefix: "reason" },
  ],
  sealedAnswers: [{ name: "form_responses__free_text", table: "form_responses", by: "case", column: "case_id" }],
  identityDerived: [{ name: "persons__blind_index", table: "persons", by: "person", column: "id", columns: ["blind_index", "blind_index_names"] }],
} as const satisfies {
  rows: readonly (Owner & { name: string })[];
  sealedText: readonly SealedText[];
  sealedAnswers: readonly (Owner & { name: string })[];
  identityDerived: readonly (Owner & { name: string; columns: readonly string[] })[];
};

export type RemovalCounts = Record<string, number>;

/** `WHERE <owner column> IN (the persons' ids | their cases' ids)`, the ids bound as one JSON array. */
function ownedBy(owner: Owner): string {
  const persons = "SELECT value FROM json_each(?)";
  return owner.by === "person"
    ? `${owner.column} IN (${persons})`
    : `${owner.column} IN (SELECT id FROM cases WHERE person_id IN (${persons}))`;
}

/**
 * Persons whose every case is closed and whose latest closure is at or before `cutoff` (ms), and
 * whose content was not already removed since then. A case's closure time is its latest approved
 * closure, or its last change for a case that was closed without one (imported closed cases).
 * `among` limits the check to these persons (the removal re-checks each batch in its transaction,
 * so a case reopened meanwhile keeps its content).
 */
export function personsDueForRetention(db: Db, cutoff: number, among?: readonly number[]): number[] {
  const only = among ? "WHERE c.person_id IN (SELECT value FROM json_each(?))" : "";
  const statement = db.$client.prepare(
    `SELECT k.person_id FROM (
       SELECT c.person_id,
              max(coalesce((SELECT max(cc.reviewed_at) FROM case_closures cc
                             WHERE cc.case_id = c.id AND cc.kind = 'closure' AND cc.status = 'approved'), c.updated_at)) AS closed_at,
              sum(c.status NOT IN ('Closed', 'ClosedReferred')) AS open_cases
         FROM cases c ${only} GROUP BY c.person_id) k
       LEFT JOIN identity_removals r ON r.person_id = k.person_id
      WHERE k.open_cases = 0 AND k.closed_at <= ? AND (r.person_id IS NULL OR r.removed_at < k.closed_at)
      ORDER BY k.person_id`,
  );
  return (among ? statement.pluck().all(JSON.stringify(among), cutoff) : statement.pluck().all(cutoff)) as number[];
}

/** How many rows or values of each kind the removal would take away from these persons. */
export function countRemovable(db: Db, personIds: readonly number[]): RemovalCounts {
  const ids = JSON.stringify(personIds);
  const count = (sql: string) => db.$client.prepare(sql).pluck().get(ids) as number;
  const counts: RemovalCounts = {};
  for (const r of RETENTION_REMOVES.rows) counts[r.name] = count(`SELECT count(*) FROM ${r.table} WHERE ${ownedBy(r)}`);
  for (const t of RETENTION_REMOVES.sealedText) {
    counts[t.name] = count(`SELECT count(*) FROM ${t.table} WHERE ${t.prefix}_ciphertext IS NOT NULL AND ${ownedBy(t)}`);
  }
  for (const a of RETENTION_REMOVES.sealedAnswers) counts[a.name] = count(`SELECT count(*) FROM ${a.table} WHERE ${ownedBy(a)}`);
  for (const d of RETENTION_REMOVES.identityDerived) {
    const anySet = d.columns.map((c) => `${c} IS NOT NULL`).join(" OR ");
    counts[d.name] = count(`SELECT count(*) FROM ${d.table} WHERE (${anySet}) AND ${ownedBy(d)}`);
  }
  return counts;
}

/** Deletes the rows and clears the sealed text and identity-derived columns of these persons. */
export function removeRowsAndText(db: Db, personIds: readonly number[]): void {
  const ids = JSON.stringify(personIds);
  const run = (sql: string) => db.$client.prepare(sql).run(ids);
  for (const r of RETENTION_REMOVES.rows) run(`DELETE FROM ${r.table} WHERE ${ownedBy(r)}`);
  for (const t of RETENTION_REMOVES.sealedText) {
    run(
      `UPDATE ${t.table} SET ${t.prefix}_key_id = NULL, ${t.prefix}_iv = NULL, ${t.prefix}_ciphertext = NULL
        WHERE ${t.prefix}_ciphertext IS NOT NULL AND ${ownedBy(t)}`,
    );
  }
  for (const d of RETENTION_REMOVES.identityDerived) {
    run(`UPDATE ${d.table} SET ${d.columns.map((c) => `${c} = NULL`).join(", ")} WHERE ${ownedBy(d)}`);
  }
}

export type SealedAnswersRow = { id: number; formId: string; keyId: string; iv: Buffer; ciphertext: Buffer };

/** The encrypted form answers of these persons' cases. */
export function sealedAnswersOf(db: Db, personIds: readonly number[]): SealedAnswersRow[] {
  const [a] = RETENTION_REMOVES.sealedAnswers;
  return db.$client
    .prepare(`SELECT id, form_id AS formId, key_id AS keyId, iv, ciphertext FROM ${a.table} WHERE ${ownedBy(a)} ORDER BY id`)
    .all(JSON.stringify(personIds)) as SealedAnswersRow[];
}

export function replaceSealedAnswers(db: Db, id: number, sealed: { keyId: string; iv: Buffer; ciphertext: Buffer }): void {
  db.$client.prepare("UPDATE form_responses SET key_id = ?, iv = ?, ciphertext = ? WHERE id = ?").run(sealed.keyId, sealed.iv, sealed.ciphertext, id);
}

export function markContentRemoved(db: Db, personIds: readonly number[], cause: "retention" | "erasure", at: number): void {
  db.$client
    .prepare(
      `INSERT INTO identity_removals (person_id, removed_at, cause) SELECT value, ?, ? FROM json_each(?) WHERE true
         ON CONFLICT (person_id) DO UPDATE SET removed_at = excluded.removed_at, cause = excluded.cause`,
    )
    .run(at, cause, JSON.stringify(personIds));
}

export function personCodes(db: Db, personIds: readonly number[]): Map<number, string> {
  const rows = db.$client
    .prepare("SELECT id, code FROM persons WHERE id IN (SELECT value FROM json_each(?))")
    .all(JSON.stringify(personIds)) as { id: number; code: string }[];
  return new Map(rows.map((r) => [r.id, r.code]));
}

/** When the person's identity and narratives were removed, or null. */
export function identityRemovalOf(db: Db, personId: number): { removedAt: number; cause: "retention" | "erasure" } | null {
  return (
    (db.$client.prepare("SELECT removed_at AS removedAt, cause FROM identity_removals WHERE person_id = ?").get(personId) as
      | { removedAt: number; cause: "retention" | "erasure" }
      | undefined) ?? null
  );
}
