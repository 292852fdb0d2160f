import "server-only";
import { writeTransaction, type Db } from "@/db/client";
import { blindIndexQueries } from "@/db/queries/blind-index";
import { AppError } from "@/lib/errors";
import { ZIdentity } from "@/lib/schemas/registry";
import { recordAudit } from "@/server/audit/record";
import { blindIndex } from "@/server/crypto/blind-index";
import { blindIndexKey, blindIndexKeys, vaultKeys } from "@/server/crypto/keys";
import { openJson, VaultError, type KeyRing } from "@/server/crypto/vault";
import { IDENTITY_AAD } from "@/server/services/register-case";

/**
 * `blind-index:rotate` (decision 0022): recomputes every person's duplicate index under the
 * current PASSAGE_BLIND_INDEX_KEY. An HMAC cannot be converted from one key to another, so each
 * identity is opened (in memory, one at a time) and its names and birth date indexed again, the
 * same way registration does. While it runs, PASSAGE_BLIND_INDEX_KEY_PREVIOUS names the old key
 * and duplicate checks probe both (server/crypto/keys.ts), so matches are found during and after.
 * Short write transactions of `batchSize` persons; a person whose index is already the new one is
 * not written, so running it again finishes what a stopped run left. Audited with counts only.
 */

export type BlindIndexRotationReport = {
  persons: number;
  recomputed: number;
  /** Persons without a sealed identity (nothing to index). */
  withoutIdentity: number;
  /** Identities that could not be opened (their vault key is missing). */
  unreadable: number;
  previousKeyConfigured: boolean;
};

export function rotateBlindIndex(db: Db, options: { key?: Buffer; ring?: KeyRing; batchSize?: number } = {}): BlindIndexRotationReport {
  const key = options.key ?? blindIndexKey();
  const ring = options.ring ?? vaultKeys();
  const batchSize = options.batchSize ?? 500;
  const previousKeyConfigured = blindIndexKeys().length > 1;
  const queries = blindIndexQueries(db);
  writeTransaction(db, (tx) => recordAudit(tx, { action: "blind_index.rotation_started", details: { previousKey: previousKeyConfigured } }));
  const report: BlindIndexRotationReport = { persons: 0, recomputed: 0, withoutIdentity: 0, unreadable: 0, previousKeyConfigured };
  let afterId = 0;
  for (;;) {
    const rows = writeTransaction(db, () => {
      const batch = queries.after(afterId, batchSize);
      for (const row of batch) {
        report.persons += 1;
        if (!row.keyId || !row.iv || !row.ciphertext) {
          report.withoutIdentity += 1;
          continue;
        }
        let identity;
        try {
          identity = openJson(ring, { keyId: row.keyId, iv: row.iv, ciphertext: row.ciphertext }, IDENTITY_AAD(row.personId), (v) => ZIdentity.parse(v));
        } catch (error) {
          if (error instanceof VaultError || (error instanceof AppError && error.code === "KEY_UNAVAILABLE")) {
            report.unreadable += 1;
            continue;
          }
          throw error;
        }
        // As registration computes them (server/services/register-case.ts).
        const full = blindIndex(key, identity);
        const names = blindIndex(key, { ...identity, birthDate: null });
        if (full !== row.blindIndex || names !== row.blindIndexNames) {
          if (queries.set(row.personId, full, names)) report.recomputed += 1;
        }
      }
      return batch;
    });
    if (rows.length > 0) afterId = rows[rows.length - 1]!.personId;
    if (rows.length < batchSize) break;
  }
  writeTransaction(db, (tx) =>
    recordAudit(tx, {
      action: "blind_index.rotation_finished",
      details: { persons: report.persons, recomputed: report.recomputed, unreadable: report.unreadable },
    }),
  );
  return report;
}

export function describeBlindIndexRotation(r: BlindIndexRotationReport): string {
  const lines = [`Checked ${r.persons} person(s): ${r.recomputed} index(es) recomputed under the current key, ${r.withoutIdentity} without an identity.`];
  if (r.unreadable > 0) {
    lines.push(`${r.unreadable} identit(y/ies) could not be opened (vault key missing): their index is unchanged. Keep PASSAGE_BLIND_INDEX_KEY_PREVIOUS until they are readable and run this again.`);
  } else if (r.previousKeyConfigured) {
    lines.push("Every index is under the current key: remove PASSAGE_BLIND_INDEX_KEY_PREVIOUS and restart the server.");
  } else {
    lines.push("Every index is under the current key.");
  }
  return `${lines.join("\n")}\n`;
}
