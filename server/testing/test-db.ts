import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createHash, randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { migrateDatabase, openDatabase, type Db } from "@/db/client";

/**
 * A fresh, migrated SQLite database per test file (or per test), Epic Stack style: the migrations
 * run once per worker process into a template file, and each test database is a copy of it. No test
 * cleans up after another; none touches ./data/.
 *
 *     const db = createTestDb();          // in beforeAll (or at the top of the file)
 *     afterAll(() => destroyTestDb(db));
 *
 * The result is an ordinary `Db`, so `setDb(db)` makes it the process-wide connection for code
 * that calls getDb().
 */

const MIGRATIONS = path.join(process.cwd(), "db", "migrations");
const ROOT = path.join(os.tmpdir(), `passage-test-${process.pid}`);

/** The migrations' content hash: a changed migration builds a new template. */
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
  const file = path.join(ROOT, `template-${migrationsHash()}.db`);
  if (!existsSync(file)) {
    const building = `${file}.${randomBytes(4).toString("hex")}.tmp`;
    const db = openDatabase(building);
    migrateDatabase(db);
    // Fold the WAL back into the main file, so that copying one file copies everything.
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
    db.$client.pragma("journal_mode = DELETE");
    db.$client.close();
    copyFileSync(building, file);
    rmSync(building, { force: true });
  }
  registerCleanup();
  templateFile = file;
  return file;
}

const open = new Map<Db, string>();

/** A new database file, migrated, opened with the application's pragmas. */
export function createTestDb(): Db {
  const file = path.join(ROOT, `test-${randomBytes(6).toString("hex")}.db`);
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

const CLEANUP = Symbol.for("passage.testDb.cleanup");

function registerCleanup(): void {
  const flags = globalThis as unknown as Record<symbol, boolean | undefined>;
  if (flags[CLEANUP]) return;
  flags[CLEANUP] = true;
  process.once("exit", () => {
    for (const db of open.keys()) {
      if (db.$client.open) db.$client.close();
    }
    rmSync(ROOT, { recursive: true, force: true });
  });
}
