import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * What DATABASE_URL names, decided in this one place: a SQLite file given as a plain path
 * (`./data/passage.db`, `/var/lib/passage/passage.db`) or as a `file:` URL (`file:./data/x.db`,
 * `file:/var/lib/x.db`, `file:///var/lib/x.db`), or `:memory:` for tests. Anything else is refused
 * with a message, instead of being taken for a path (`postgres://...` once made a folder named
 * `postgres:`, and `file:/x/y.db` one named `file:`).
 */
export type DatabaseTarget = { engine: "sqlite"; file: string };

export class DatabaseUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseUrlError";
  }
}

/** Where the database lives when DATABASE_URL is not set (server/env.ts and getDb agree on it). */
export const DEFAULT_DATABASE_URL = "./data/passage.db";

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;

export function parseDatabaseUrl(raw: string): DatabaseTarget {
  const value = raw.trim();
  if (value === "") throw new DatabaseUrlError("DATABASE_URL is empty: give the path of the SQLite file, e.g. ./data/passage.db.");
  if (value === ":memory:") return { engine: "sqlite", file: value };
  const scheme = SCHEME.exec(value)?.[1]?.toLowerCase();
  // A Windows drive letter ("C:\\data\\x.db") is a path, not a scheme.
  if (!scheme || /^[A-Za-z]:[\\/]/.test(value)) return { engine: "sqlite", file: value };
  if (scheme === "file") {
    // file:./relative and file:relative are relative to the working directory; file:/abs and file:///abs absolute.
    const rest = value.slice("file:".length).replace(/[?#].*$/, "");
    if (rest.startsWith("//")) {
      try {
        return { engine: "sqlite", file: fileURLToPath(value.replace(/[?#].*$/, "")) };
      } catch {
        throw new DatabaseUrlError("DATABASE_URL is a file: URL that names no local file, e.g. use file:///var/lib/passage/passage.db.");
      }
    }
    if (rest === "") throw new DatabaseUrlError("DATABASE_URL is a file: URL without a path, e.g. use file:./data/passage.db.");
    return { engine: "sqlite", file: path.normalize(decodeURIComponent(rest)) };
  }
  if (scheme === "postgres" || scheme === "postgresql") {
    throw new DatabaseUrlError("DATABASE_URL names a PostgreSQL database, which this version of Passage cannot use yet: give the path of a SQLite file.");
  }
  throw new DatabaseUrlError(`DATABASE_URL starts with "${scheme}:", which Passage does not understand: give the path of a SQLite file (or a file: URL).`);
}
