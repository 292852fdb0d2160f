import "server-only";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { DEFAULT_DATABASE_URL, parseDatabaseUrl } from "./database-url";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

/**
 * Opens a database file with the settings case data needs: WAL, synchronous=FULL (NORMAL can lose
 * the last commits on power loss), foreign keys, a busy timeout so concurrent writers wait, and a
 * 64 MB page cache with in-memory temporary tables for the statistics' aggregates.
 */
export function openDatabase(file: string): Db {
  if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 8000");
  // Statistics read tens of MB of pages and sort in temporary B-trees: the default 2 MB page cache
  // and on-disk temp store cost about a third of their time (docs/PERFORMANCE.md).
  sqlite.pragma("cache_size = -65536");
  sqlite.pragma("temp_store = MEMORY");
  const db = drizzle(withStatementCache(sqlite), { schema }) as Db;
  // Code that prepares its own statements gets the connection itself, not the cache (it may set
  // modes such as pluck() that must not leak into another caller's statement).
  Object.defineProperty(db, "$client", { value: sqlite, enumerable: true });
  return db;
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * The connection as drizzle sees it: `prepare` returns the statement prepared before for the same
 * SQL text (drizzle builds and prepares every query anew; preparing was about a tenth of a case
 * list request, docs/PERFORMANCE.md). A statement still iterating is never handed out twice, and
 * one left in raw mode by a previous query is reset (drizzle sets raw mode when it needs it).
 */
function withStatementCache(sqlite: Database.Database): Database.Database {
  const cache = new Map<string, Database.Statement>();
  const prepare = (source: string) => {
    const hit = cache.get(source);
    if (hit && !hit.busy) {
      if (hit.reader) hit.raw(false);
      return hit;
    }
    const statement = sqlite.prepare(source);
    if (!hit) {
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      cache.set(source, statement);
    }
    return statement;
  };
  return new Proxy(sqlite, {
    get(target, property) {
      if (property === "prepare") return prepare;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

export function migrateDatabase(db: Db): void {
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
}

/**
 * Runs `fn` in a write transaction that starts with BEGIN IMMEDIATE, so that two writers never
 * both read and then fail to upgrade their lock. Everything a change writes, including its audit
 * event, goes through one of these.
 */
export function writeTransaction<T>(db: Db, fn: (tx: Db) => T): T {
  let result: T;
  try {
    result = db.$client.transaction(() => fn(db)).immediate();
  } catch (error) {
    // Rolled back: what was to follow the commit must not happen (unless an outer transaction
    // is still open, whose own outcome decides).
    if (!db.$client.inTransaction) afterCommitQueue.delete(db.$client);
    throw error;
  }
  if (!db.$client.inTransaction) runAfterCommit(db.$client);
  return result;
}

/** Work queued by afterCommit(), per connection, keyed so that a later entry replaces an earlier. */
const afterCommitQueue = new WeakMap<Database.Database, Map<string, () => void>>();

/**
 * Runs `fn` once the current write transaction has committed (at once when none is open). For
 * work outside the database that must only follow committed data, such as the audit anchor file
 * (server/audit/anchor.ts). Entries with the same `key` replace each other: only the last runs.
 * A failing callback never undoes the commit; it is reported by name only.
 */
export function afterCommit(db: Db, key: string, fn: () => void): void {
  if (!db.$client.inTransaction) {
    fn();
    return;
  }
  let queue = afterCommitQueue.get(db.$client);
  if (!queue) afterCommitQueue.set(db.$client, (queue = new Map()));
  queue.delete(key);
  queue.set(key, fn);
}

function runAfterCommit(client: Database.Database): void {
  const queue = afterCommitQueue.get(client);
  if (!queue) return;
  afterCommitQueue.delete(client);
  for (const [key, fn] of queue) {
    try {
      fn();
    } catch (error) {
      console.error(`after-commit ${key} failed: ${error instanceof Error ? error.name : "unknown"}`);
    }
  }
}

let shared: Db | undefined;

/** The process-wide connection, opened on first use from DATABASE_URL. */
export function getDb(): Db {
  if (!shared) {
    // Read here, below server/, with the same parser server/env.ts validates it with at start-up
    // (a malformed value has already stopped the process there; this throws the same message).
    // Tests build their own connection (setDb) and never reach this line.
    shared = openDatabase(parseDatabaseUrl(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL).file);
  }
  return shared;
}

/** For tests and the CLI: use this connection as the process-wide one. */
export function setDb(db: Db): void {
  shared = db;
}
