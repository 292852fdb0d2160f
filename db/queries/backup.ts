import "server-only";
import type Database from "better-sqlite3";
import { readMigrationFiles } from "drizzle-orm/migrator";
import path from "node:path";

/**
 * The SQL of backup and restore (server/ops/backup.ts), on plain better-sqlite3 connections: a
 * backup copy is examined before it is ever opened as the application's database.
 */

export const MANIFEST_TABLE = "passage_backup_manifest";
const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The application's tables (not SQLite's, not drizzle's migration log, not the manifest). */
export function userTables(c: Database.Database): string[] {
  return c
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations' AND name <> ? ORDER BY name`,
    )
    .pluck()
    .all(MANIFEST_TABLE) as string[];
}

export function rowCounts(c: Database.Database): Record<string, number> {
  const out: Record<string, number> = {};
  for (const table of userTables(c)) out[table] = c.prepare(`SELECT count(*) FROM ${q(table)}`).pluck().get() as number;
  return out;
}

/** "ok", or SQLite's first complaints. */
export function integrityCheck(c: Database.Database): string {
  const rows = c.prepare("PRAGMA integrity_check(20)").pluck().all() as string[];
  return rows.join("; ");
}

export type AppliedMigration = { hash: string; createdAt: number };

export function appliedMigrations(c: Database.Database): AppliedMigration[] {
  const exists = c.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
  if (!exists) return [];
  return (c.prepare("SELECT hash, created_at AS createdAt FROM __drizzle_migrations ORDER BY created_at, id").all() as { hash: string; createdAt: number | string }[]).map(
    (m) => ({ hash: m.hash, createdAt: Number(m.createdAt) }),
  );
}

/** The migrations this version of the application ships, in order, with their journal tags. */
export function shippedMigrations(): { tag: string; hash: string; createdAt: number }[] {
  const journal = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const tags = (require(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json")) as { entries: { tag: string; when: number }[] }).entries;
  return journal.map((m) => ({ tag: tags.find((t) => t.when === m.folderMillis)?.tag ?? "", hash: m.hash, createdAt: m.folderMillis }));
}

export function auditHeadOf(c: Database.Database): { seq: number; hash: string } | null {
  const exists = c.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_events'").get();
  if (!exists) return null;
  return (c.prepare("SELECT id AS seq, hash FROM audit_events ORDER BY id DESC LIMIT 1").get() as { seq: number; hash: string } | undefined) ?? null;
}

export function writeManifest(c: Database.Database, manifest: string, mac: string): void {
  c.exec(`CREATE TABLE ${q(MANIFEST_TABLE)} (manifest TEXT NOT NULL, mac TEXT NOT NULL)`);
  c.prepare(`INSERT INTO ${q(MANIFEST_TABLE)} (manifest, mac) VALUES (?, ?)`).run(manifest, mac);
}

export function readManifest(c: Database.Database): { manifest: string; mac: string } | null {
  const exists = c.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(MANIFEST_TABLE);
  if (!exists) return null;
  return (c.prepare(`SELECT manifest, mac FROM ${q(MANIFEST_TABLE)} LIMIT 1`).get() as { manifest: string; mac: string } | undefined) ?? null;
}

export function dropManifest(c: Database.Database): void {
  c.exec(`DROP TABLE IF EXISTS ${q(MANIFEST_TABLE)}`);
}

/** Whether a database holds anything of the application (any row in any of its tables). */
export function hasData(c: Database.Database): boolean {
  return userTables(c).some((t) => c.prepare(`SELECT 1 FROM ${q(t)} LIMIT 1`).get() !== undefined);
}
