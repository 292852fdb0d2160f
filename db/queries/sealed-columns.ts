import "server-only";
import type { Db } from "@/db/client";

/**
 * Every sealed value of the database, in one registry: each entry is a column triple
 * (key id, IV, ciphertext) of a table, with what its associated data is bound to
 * (server/crypto/vault.ts boundTo(aadTable, rowId, purpose)). `vault:rotate` re-seals every entry
 * under the first vault key; a test fails when a table gains a `*ciphertext` column that is not
 * listed here (db/queries/sealed-columns.test.ts).
 *
 * Adding a sealed column: one line here, with the same binding its service uses.
 */
export type SealedColumn = {
  table: string;
  /** The row id the ciphertext is bound to (the primary key). */
  id: string;
  keyId: string;
  iv: string;
  ciphertext: string;
  /** The table name inside the associated data (the same as `table` for every entry so far). */
  aadTable: string;
  /** The purpose inside the associated data: a fixed text, or the column holding it. */
  purpose: { text: string } | { column: string };
};

const triple = (prefix: string) =>
  prefix === "" ? { keyId: "key_id", iv: "iv", ciphertext: "ciphertext" } : { keyId: `${prefix}_key_id`, iv: `${prefix}_iv`, ciphertext: `${prefix}_ciphertext` };

const entry = (table: string, prefix: string, purpose: SealedColumn["purpose"], id = "id"): SealedColumn => ({
  table,
  id,
  ...triple(prefix),
  aadTable: table,
  purpose,
});

export const SEALED_COLUMNS: readonly SealedColumn[] = [
  entry("identities", "", { text: "identity" }, "person_id"),
  entry("case_notes", "", { text: "body" }),
  entry("form_responses", "", { column: "form_id" }),
  entry("determinations", "comment", { text: "comment" }),
  entry("services", "notes", { text: "notes" }),
  entry("referrals", "message", { text: "message" }),
  entry("referrals", "override_reason", { text: "override_reason" }),
  entry("referrals", "decline_reason", { text: "decline_reason" }),
  entry("transfers", "message", { text: "message" }),
  entry("transfers", "decline_reason", { text: "decline_reason" }),
  entry("case_closures", "comment", { text: "comment" }),
  entry("best_interest_decisions", "notes", { text: "notes" }),
  entry("reintegration_plans", "objectives", { text: "objectives" }, "case_id"),
  entry("reintegration_steps", "description", { text: "description" }),
  entry("monitoring_visits", "notes", { text: "notes" }),
  entry("person_link_requests", "reason", { text: "reason" }),
  entry("erasure_requests", "reason", { text: "reason" }),
  entry("user_second_factors", "", { text: "totp" }, "user_id"),
];

/** A stable name of an entry for reports: `table.ciphertext_column`. */
export const sealedColumnName = (c: SealedColumn) => `${c.table}.${c.ciphertext}`;

export type SealedRow = { rowId: number | string; purpose: string; keyId: string; iv: Buffer; ciphertext: Buffer };

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Statements over one registered column (names come from the registry above, never from input). */
export function sealedColumnQueries(db: Db, c: SealedColumn) {
  const purpose = "text" in c.purpose ? "?" : q(c.purpose.column);
  const purposeArgs = "text" in c.purpose ? [c.purpose.text] : [];
  const batch = db.$client.prepare(
    `SELECT ${q(c.id)} AS rowId, ${purpose} AS purpose, ${q(c.keyId)} AS keyId, ${q(c.iv)} AS iv, ${q(c.ciphertext)} AS ciphertext
       FROM ${q(c.table)}
      WHERE ${q(c.keyId)} IS NOT NULL AND ${q(c.keyId)} <> ? AND ${q(c.id)} > ?
      ORDER BY ${q(c.id)} LIMIT ?`,
  );
  const update = db.$client.prepare(
    `UPDATE ${q(c.table)} SET ${q(c.keyId)} = ?, ${q(c.iv)} = ?, ${q(c.ciphertext)} = ?
      WHERE ${q(c.id)} = ? AND ${q(c.keyId)} = ? AND ${q(c.iv)} = ?`,
  );
  const countByKey = db.$client.prepare(
    `SELECT ${q(c.keyId)} AS keyId, count(*) AS n FROM ${q(c.table)} WHERE ${q(c.keyId)} IS NOT NULL GROUP BY ${q(c.keyId)}`,
  );
  return {
    /** Up to `limit` rows after `afterId` NOT sealed under `activeKeyId`, in id order. */
    notUnder: (activeKeyId: string, afterId: number | string, limit: number) =>
      batch.all(...purposeArgs, activeKeyId, afterId, limit) as SealedRow[],
    /** Replaces one sealed value, only if it is still the one read (key id and IV unchanged). */
    replace: (row: SealedRow, sealed: { keyId: string; iv: Buffer; ciphertext: Buffer }) =>
      update.run(sealed.keyId, sealed.iv, sealed.ciphertext, row.rowId, row.keyId, row.iv).changes === 1,
    countByKey: () => countByKey.all() as { keyId: string; n: number }[],
  };
}

/** Every column of the database whose name ends in `ciphertext`, as `table.column` (for the registry's test). */
export function ciphertextColumns(db: Db): string[] {
  const tables = db.$client
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name")
    .pluck()
    .all() as string[];
  const out: string[] = [];
  for (const table of tables) {
    for (const col of db.$client.prepare(`PRAGMA table_info(${q(table)})`).all() as { name: string }[]) {
      if (col.name.endsWith("ciphertext")) out.push(`${table}.${col.name}`);
    }
  }
  return out.sort();
}
