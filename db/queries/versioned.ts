import "server-only";
import { and, eq } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable, SQLiteUpdateSetSource } from "drizzle-orm/sqlite-core";
import type { Db } from "@/db/client";
import { AppError } from "@/lib/errors";

/** A table with an integer `id` and an optimistic-locking `version`. */
type Versioned = SQLiteTable & { id: SQLiteColumn; version: SQLiteColumn };

/**
 * The one optimistic-locking rule of Passage (cases, offices, partner organisations, users): an edit
 * names the version it read; the row is written only if that is still its version, and the version
 * moves on by one. Otherwise someone else saved in between: nothing is written and STALE_VERSION
 * (errors.STALE_VERSION, "someone else changed this, reload") reaches the person. Returns the new
 * version, which the client uses for its next save.
 */
export function updateAtVersion<T extends Versioned>(
  tx: Db,
  table: T,
  id: number,
  version: number,
  values: SQLiteUpdateSetSource<T>,
): number {
  const changes = tx
    .update(table)
    .set({ ...values, version: version + 1 } as SQLiteUpdateSetSource<T>)
    .where(and(eq(table.id, id), eq(table.version, version)))
    .run().changes;
  if (changes !== 1) throw new AppError("STALE_VERSION");
  return version + 1;
}

/** The same refusal for a check made before writing (the record read had another version). */
export function assertVersion(current: number, read: number): void {
  if (current !== read) throw new AppError("STALE_VERSION");
}
