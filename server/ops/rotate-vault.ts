import "server-only";
import { writeTransaction, type Db } from "@/db/client";
import { SEALED_COLUMNS, sealedColumnName, sealedColumnQueries, type SealedRow } from "@/db/queries/sealed-columns";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/server/audit/record";
import { vaultKeys } from "@/server/crypto/keys";
import { boundTo, open, seal, VaultError, type KeyRing } from "@/server/crypto/vault";

/**
 * `vault:rotate` (decision 0022): re-seals every sealed value of the registry
 * (db/queries/sealed-columns.ts) that is not under the first key of PASSAGE_VAULT_KEYS, so that an
 * old key can be removed. Works in short write transactions of `batchSize` values, so the
 * application's own writes get the database between two batches; values already under the first
 * key are never touched, so running it again continues where it stopped. Start and end are audit
 * events with counts only. Plaintext exists only in memory, one value at a time.
 */

export type KeyUse = { keyId: string; values: number; configured: boolean };

export type VaultRotationReport = {
  activeKeyId: string;
  rotated: number;
  /** Values that could not be opened (their key is not configured, or they fail authentication). */
  unreadable: number;
  /** After the run: how many values each key id still seals. */
  keys: KeyUse[];
  /** Configured keys other than the first that no longer seal anything: they can be removed. */
  unusedOldKeys: string[];
};

/** How many values each key id seals, over every registered column. */
export function countSealedByKey(db: Db, ring: KeyRing = vaultKeys()): KeyUse[] {
  const totals = new Map<string, number>();
  for (const column of SEALED_COLUMNS) {
    for (const { keyId, n } of sealedColumnQueries(db, column).countByKey()) totals.set(keyId, (totals.get(keyId) ?? 0) + n);
  }
  const ids = new Set([...ring.keys.keys(), ...totals.keys()]);
  return [...ids].map((keyId) => ({ keyId, values: totals.get(keyId) ?? 0, configured: ring.keys.has(keyId) }));
}

const pendingOf = (keys: KeyUse[], activeKeyId: string) => keys.filter((k) => k.keyId !== activeKeyId).reduce((n, k) => n + k.values, 0);

export function rotateVault(
  db: Db,
  options: { ring?: KeyRing; batchSize?: number; onBatch?: (column: string, rotated: number) => void } = {},
): VaultRotationReport {
  const ring = options.ring ?? vaultKeys();
  const batchSize = options.batchSize ?? 500;
  const before = countSealedByKey(db, ring);
  writeTransaction(db, (tx) =>
    recordAudit(tx, {
      action: "vault.rotation_started",
      details: { activeKeyId: ring.activeKeyId, remaining: pendingOf(before, ring.activeKeyId) },
    }),
  );
  let rotated = 0;
  let unreadable = 0;
  for (const column of SEALED_COLUMNS) {
    const queries = sealedColumnQueries(db, column);
    let afterId: number | string = 0;
    for (;;) {
      const done = writeTransaction(db, () => {
        const rows = queries.notUnder(ring.activeKeyId, afterId, batchSize);
        let changed = 0;
        for (const row of rows) {
          const resealed = reseal(ring, column.aadTable, row);
          if (resealed === null) unreadable += 1;
          else if (queries.replace(row, resealed)) changed += 1;
        }
        if (rows.length > 0) afterId = rows[rows.length - 1]!.rowId;
        return { rows: rows.length, changed };
      });
      rotated += done.changed;
      if (done.changed > 0) options.onBatch?.(sealedColumnName(column), done.changed);
      if (done.rows < batchSize) break;
    }
  }
  const keys = countSealedByKey(db, ring);
  writeTransaction(db, (tx) =>
    recordAudit(tx, {
      action: "vault.rotation_finished",
      details: {
        activeKeyId: ring.activeKeyId,
        rotated,
        unreadable,
        remaining: Object.fromEntries(keys.filter((k) => k.keyId !== ring.activeKeyId).map((k) => [k.keyId, k.values])),
      },
    }),
  );
  return {
    activeKeyId: ring.activeKeyId,
    rotated,
    unreadable,
    keys,
    unusedOldKeys: keys.filter((k) => k.configured && k.keyId !== ring.activeKeyId && k.values === 0).map((k) => k.keyId),
  };
}

/** The value re-sealed under the active key with the same binding, or null if it cannot be opened. */
function reseal(ring: KeyRing, aadTable: string, row: SealedRow) {
  const aad = boundTo(aadTable, row.rowId, row.purpose);
  let plaintext: string;
  try {
    plaintext = open(ring, row, aad);
  } catch (error) {
    if (error instanceof VaultError || (error instanceof AppError && error.code === "KEY_UNAVAILABLE")) return null;
    throw error;
  }
  return seal(ring, plaintext, aad);
}

/** The report as lines for the operator: per key id, how many values still use it. */
export function describeVaultRotation(report: VaultRotationReport): string {
  const lines = [`Re-sealed ${report.rotated} value(s) under key ${report.activeKeyId}.`];
  for (const k of report.keys) {
    if (k.keyId === report.activeKeyId) lines.push(`  key ${k.keyId} (current): ${k.values} value(s)`);
    else if (k.values === 0) lines.push(`  key ${k.keyId}: no value uses it any more; it can be removed from PASSAGE_VAULT_KEYS`);
    else if (!k.configured) lines.push(`  key ${k.keyId}: ${k.values} value(s), but this key is NOT configured: they cannot be read until it is added back`);
    else lines.push(`  key ${k.keyId}: ${k.values} value(s) still use it; run vault:rotate again`);
  }
  if (report.unreadable > 0) lines.push(`${report.unreadable} value(s) could not be opened and were left as they are.`);
  return `${lines.join("\n")}\n`;
}
