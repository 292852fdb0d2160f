import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { createHash, randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { migrateDatabase, openDatabase, type Db } from "@/db/client";

/**
 * A fresh, migrated SQLite database per test file (or per test), Epic Stack style: the migrations
 * run once into a template file (shared by all workers and kept between runs, named after the
 * migrations' content hash, so a changed migration builds a new one), and each test database is a
 * copy of it. No test cleans up after another; none touches ./data/.
 *
 *     let db: Db;
 *     beforeAll(() => { db = createTestDb(); });
 *     afterAll(() => destroyTestDb(db));
 *
 * The result is an ordinary `Db`, so `setDb(db)` makes it the process-wide connection for code
 * that calls getDb().
 */

const MIGRATIONS = path.join(process.cwd(), "db", "migrations");
const ROOT = path.join(os.tmpdir(), "passage-tests");
/** Test databases older than this were left behind by a crashed or killed worker. */
const STALE_MS = 6 * 60 * 60_000;

/** The migrations' content hash. */
function migrationsHash(): string {
  const hash = createHash("sha256");
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else hash.update(entry.name).update(readFileSync(full));
    }
  };
  walk(MIGRATIONS);
  return hash.digest("hex").slice(0, 16);
}

let templateFile: string | undefined;

function template(): string {
  if (templateFile && existsSync(templateFile)) return templateFile;
  mkdirSync(ROOT, { recursive: true });
  sweepStale();
  const file = path.join(ROOT, `template-${migrationsHash()}.db`);
  if (!existsSync(file)) {
    // Built under a private name and renamed into place: concurrent workers never see half a file.
    const building = path.join(ROOT, `building-${process.pid}-${randomBytes(4).toString("hex")}.db`);
    const db = openDatabase(building);
    migrateDatabase(db);
    // Back to a single file (no WAL), so that copying one file copies everything.
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
    db.$client.pragma("journal_mode = DELETE");
    db.$client.close();
    renameSync(building, file);
  }
  templateFile = file;
  return file;
}

/** Deletes databases (and old templates) that a killed worker left behind. */
function sweepStale(now = Date.now()): void {
  for (const name of readdirSync(ROOT)) {
    const full = path.join(ROOT, name);
    try {
      if (now - statSync(full).mtimeMs > STALE_MS) rmSync(full, { force: true });
    } catch {
      // Another worker removed it first.
    }
  }
}

const open = new Map<Db, string>();

/** A new database file, migrated, opened with the application's pragmas. */
export function createTestDb(): Db {
  const file = path.join(ROOT, `db-${process.pid}-${randomBytes(6).toString("hex")}.db`);
  copyFileSync(template(), file);
  const db = openDatabase(file);
  open.set(db, file);
  return db;
}

/** Closes a database made by createTestDb and deletes its files. */
export function destroyTestDb(db: Db): void {
  const file = open.get(db);
  if (db.$client.open) db.$client.close();
  if (!file) return;
  open.delete(db);
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
}

/** Runs raw SQL against a test database: for tests that must reach below the application (e.g.
 * dropping the audit triggers to simulate tampering). */
export function execSql(db: Db, sql: string): void {
  db.$client.exec(sql);
}
