import "server-only";
import Database from "better-sqlite3";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { migrateDatabase, openDatabase, writeTransaction, type Db } from "@/db/client";
import {
  appliedMigrations,
  auditHeadOf,
  dropManifest,
  hasData,
  integrityCheck,
  readManifest,
  rowCounts,
  shippedMigrations,
  writeManifest,
} from "@/db/queries/backup";
import { iterateAuditRows } from "@/db/queries/audit";
import { anchorConfigForFile, anchorKey, resetAnchor, setAuditAnchor, type AnchorConfig } from "@/server/audit/anchor";
import { canonicalJson, verifyChain } from "@/server/audit/chain";
import { recordAudit } from "@/server/audit/record";

/**
 * Backup and restore (decision 0023, docs/OPERATIONS.md).
 *
 * A backup is ONE file: a SQLite copy made with SQLite's online backup API while the application
 * keeps writing (WAL readers never block writers; all pages are copied in one step, so the copy is
 * one consistent snapshot and never restarts), turned into a single-file database (no WAL), with
 * its manifest in a table of the copy (`passage_backup_manifest`): created at, application version,
 * migrations, row counts per table, audit head. The manifest is signed with the audit anchor key
 * (HMAC), so a changed copy or manifest is refused on restore. The database holds ciphertext only;
 * no key is ever written into a backup.
 *
 * A restore checks everything BEFORE it replaces anything: the signature, SQLite's integrity check,
 * that its migrations are ones this version ships, its audit chain and its head, and its row counts
 * against the manifest. It refuses a target that holds data unless forced, and a target another
 * process has open. It then builds the new database beside the target (a temporary file in the same
 * folder), brings its schema up to date, records the restore in its audit trail, and renames it into
 * place (atomic), then anchors the restored trail.
 */

export const BACKUP_FORMAT = "passage-backup-v1";

export type Manifest = {
  format: typeof BACKUP_FORMAT;
  createdAt: number;
  appVersion: string;
  migrations: number;
  lastMigration: string | null;
  tables: Record<string, number>;
  auditHead: { seq: number; hash: string } | null;
};

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}

function appVersion(): string {
  try {
    return (JSON.parse(readFileSync(path.join(process.cwd(), "package.json"), "utf8")) as { version?: string }).version ?? "unknown";
  } catch {
    return "unknown";
  }
}

const manifestMac = (key: Buffer, manifest: string) => createHmac("sha256", key).update(`${BACKUP_FORMAT}\n${manifest}`, "utf8").digest("hex");

function fsyncFile(file: string): void {
  const fd = openSync(file, "r+");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function fsyncDir(dir: string): void {
  try {
    const fd = openSync(dir, "r");
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Not every platform can fsync a directory; the rename itself is atomic.
  }
}

const tempBeside = (file: string, tag: string) =>
  path.join(path.dirname(file), `.${path.basename(file)}.${tag}-${process.pid}-${randomBytes(4).toString("hex")}.tmp`);

function lastMigrationTag(applied: { hash: string }[]): string | null {
  const last = applied[applied.length - 1];
  if (!last) return null;
  return shippedMigrations().find((m) => m.hash === last.hash)?.tag ?? last.hash.slice(0, 12);
}

/**
 * Backs up `db` (the live database) into `target`, which must not exist. Returns the manifest.
 * Records `database.backed_up` in the live trail.
 */
export async function backupDatabase(db: Db, target: string, options: { key?: Buffer } = {}): Promise<Manifest> {
  const file = path.resolve(target);
  if (existsSync(file)) throw new BackupError(`${target} exists already; choose a new file name`);
  if (!existsSync(path.dirname(file))) throw new BackupError(`the folder of ${target} does not exist`);
  const temp = tempBeside(file, "backup");
  // Created empty and private before SQLite writes a page into it.
  closeSync(openSync(temp, "wx", 0o600));
  try {
    // One step with every page: a single read transaction, hence one consistent snapshot.
    await db.$client.backup(temp, { progress: () => 0x7fffffff });
    const copy = new Database(temp);
    let manifest: Manifest;
    try {
      copy.pragma("journal_mode = DELETE");
      const integrity = integrityCheck(copy);
      if (integrity !== "ok") throw new BackupError(`the copy fails SQLite's integrity check: ${integrity}`);
      const applied = appliedMigrations(copy);
      manifest = {
        format: BACKUP_FORMAT,
        createdAt: Date.now(),
        appVersion: appVersion(),
        migrations: applied.length,
        lastMigration: lastMigrationTag(applied),
        tables: rowCounts(copy),
        auditHead: auditHeadOf(copy),
      };
      const text = canonicalJson(manifest);
      writeManifest(copy, text, manifestMac(options.key ?? anchorKey(), text));
    } finally {
      copy.close();
    }
    fsyncFile(temp);
    renameSync(temp, file);
    fsyncDir(path.dirname(file));
    writeTransaction(db, (tx) =>
      recordAudit(tx, {
        action: "database.backed_up",
        details: {
          rows: Object.values(manifest.tables).reduce((a, b) => a + b, 0),
          auditHead: manifest.auditHead?.seq ?? 0,
          lastMigration: manifest.lastMigration,
        },
      }),
    );
    return manifest;
  } catch (error) {
    rmSync(temp, { force: true });
    rmSync(`${temp}-journal`, { force: true });
    throw error;
  }
}

/**
 * Checks a backup file without changing anything: signature, integrity, migrations, audit chain
 * and head, row counts. Returns its manifest, or throws BackupError naming the first problem.
 */
export function verifyBackup(from: string, options: { key?: Buffer } = {}): Manifest {
  if (!existsSync(from)) throw new BackupError(`${from} does not exist`);
  let c: Database.Database;
  try {
    c = new Database(from, { readonly: true, fileMustExist: true });
  } catch {
    throw new BackupError(`${from} is not a SQLite database`);
  }
  try {
    let stored: ReturnType<typeof readManifest>;
    try {
      stored = readManifest(c);
    } catch {
      throw new BackupError(`${from} is not a SQLite database`);
    }
    if (!stored) throw new BackupError(`${from} is not a Passage backup (it has no manifest)`);
    const expected = Buffer.from(manifestMac(options.key ?? anchorKey(), stored.manifest), "hex");
    const given = Buffer.from(stored.mac, "hex");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new BackupError(
        "the backup's signature does not hold: it was changed after it was made, or made by an installation with another audit anchor key (PASSAGE_AUDIT_ANCHOR_KEY, or NEXTAUTH_SECRET when that is not set)",
      );
    }
    const manifest = JSON.parse(stored.manifest) as Manifest;
    if (manifest.format !== BACKUP_FORMAT) throw new BackupError(`unknown backup format ${String(manifest.format)}`);
    const integrity = integrityCheck(c);
    if (integrity !== "ok") throw new BackupError(`the backup fails SQLite's integrity check: ${integrity}`);
    const applied = appliedMigrations(c);
    const shipped = new Set(shippedMigrations().map((m) => m.hash));
    const unknown = applied.filter((m) => !shipped.has(m.hash));
    if (unknown.length > 0) throw new BackupError(`the backup has ${unknown.length} migration(s) this version of Passage does not know: restore it with the version that made it (${manifest.appVersion})`);
    if (applied.length !== manifest.migrations) throw new BackupError("the backup's migrations differ from its manifest");
    const chain = verifyChain(iterateAuditRows(c));
    if (!chain.ok) throw new BackupError(`the backup's audit chain is broken at event ${chain.brokenEventId}: ${chain.reason}`);
    const head = auditHeadOf(c);
    if ((head?.seq ?? 0) !== (manifest.auditHead?.seq ?? 0) || (head?.hash ?? null) !== (manifest.auditHead?.hash ?? null)) {
      throw new BackupError("the backup's audit trail does not end where its manifest says (events removed or added)");
    }
    const counts = rowCounts(c);
    const tables = new Set([...Object.keys(counts), ...Object.keys(manifest.tables)]);
    const differing = [...tables].filter((t) => counts[t] !== manifest.tables[t]);
    if (differing.length > 0) throw new BackupError(`row counts differ from the manifest in ${differing.join(", ")}`);
    return manifest;
  } finally {
    c.close();
  }
}

export type RestoreResult = { manifest: Manifest; target: string; anchored: boolean };

/**
 * Restores `from` into the database file `target` (DATABASE_URL for the CLI). Refuses a target with
 * data unless `force`, and a target that another process has open. The server must be stopped.
 */
export function restoreDatabase(
  from: string,
  target: string,
  options: { force?: boolean; key?: Buffer; anchor?: AnchorConfig | null } = {},
): RestoreResult {
  const manifest = verifyBackup(from, { key: options.key });
  const file = path.resolve(target);
  if (!existsSync(path.dirname(file))) throw new BackupError(`the folder of ${target} does not exist`);
  if (existsSync(file)) {
    const current = new Database(file, { fileMustExist: true });
    try {
      if (hasData(current) && !options.force) {
        throw new BackupError(`${target} already holds data; restore refuses to replace it without --force`);
      }
      // Empties the WAL into the file. When we are its last user SQLite deletes the WAL on close.
      current.pragma("wal_checkpoint(TRUNCATE)");
    } finally {
      current.close();
    }
    if (existsSync(`${file}-wal`)) throw new BackupError(`${target} is open in another process (its -wal file remains): stop the server first`);
  }
  const temp = tempBeside(file, "restore");
  copyFileSync(from, temp);
  try {
    const db = openDatabase(temp);
    try {
      // The temporary file has no anchor of its own; the target's is set after the rename.
      setAuditAnchor(db, null);
      dropManifest(db.$client);
      migrateDatabase(db);
      writeTransaction(db, (tx) =>
        recordAudit(tx, {
          action: "database.restored",
          details: {
            backupCreatedAt: new Date(manifest.createdAt).toISOString(),
            auditHead: manifest.auditHead?.seq ?? 0,
            rows: Object.values(manifest.tables).reduce((a, b) => a + b, 0),
            lastMigration: manifest.lastMigration,
          },
        }),
      );
      db.$client.pragma("wal_checkpoint(TRUNCATE)");
    } finally {
      db.$client.close();
    }
    fsyncFile(temp);
    for (const suffix of ["-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
    renameSync(temp, file);
    fsyncDir(path.dirname(file));
  } catch (error) {
    for (const suffix of ["", "-wal", "-shm"]) rmSync(`${temp}${suffix}`, { force: true });
    throw error;
  }
  // The restored trail is the one to anchor from now on (an anchor of the replaced database would
  // otherwise report its newer events as cut off).
  const anchor = options.anchor === undefined ? anchorConfigForFile(file) : options.anchor;
  let anchored = false;
  if (anchor) {
    const db = openDatabase(file);
    try {
      anchored = resetAnchor(db, anchor) !== null;
    } finally {
      db.$client.close();
    }
  }
  return { manifest, target: file, anchored };
}

export function describeManifest(m: Manifest): string {
  const rows = Object.values(m.tables).reduce((a, b) => a + b, 0);
  return (
    `  made at ${new Date(m.createdAt).toISOString()} by Passage ${m.appVersion}\n` +
    `  schema: ${m.migrations} migration(s), last ${m.lastMigration ?? "none"}\n` +
    `  ${rows} row(s) in ${Object.keys(m.tables).length} table(s); audit trail ends at event ${m.auditHead?.seq ?? 0}\n`
  );
}
